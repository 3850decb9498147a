package validate

// ibanCountry describes one IBAN country: the total IBAN length and the BBAN
// structure as runs of a count and a SWIFT character class ("8n12c" = 8
// digits then 12 alphanumerics; n = digits, a = letters, c = letters or
// digits).
type ibanCountry struct {
	length uint8
	bban   string
}

// ibanCountries is indexed by (first letter-'A')*26 + (second letter-'A') of
// the ISO 3166 country code. It holds every country of the SWIFT IBAN
// registry as listed by python-stdnum's iban.dat (89 countries, including
// the later additions such as BI, DJ, EG, FK, HN, IQ, LY, MN, NI, OM, RU,
// SD, SO, SV, YE); each comment gives the registry's BBAN format.
var ibanCountries = [26 * 26]ibanCountry{
	3:   {24, "8n12c"},    // AD 4!n4!n12!c
	4:   {23, "19n"},      // AE 3!n16!n
	11:  {28, "8n16c"},    // AL 8!n16!c
	19:  {20, "16n"},      // AT 5!n11!n
	25:  {28, "4a20c"},    // AZ 4!a20!c
	26:  {20, "16n"},      // BA 3!n3!n8!n2!n
	30:  {16, "12n"},      // BE 3!n7!n2!n
	32:  {22, "4a6n8c"},   // BG 4!a4!n2!n8!c
	33:  {22, "4a14c"},    // BH 4!a14!c
	34:  {27, "23n"},      // BI 5!n5!n11!n2!n
	43:  {29, "23n1a1c"},  // BR 8!n5!n10!n1!a1!c
	50:  {28, "4c4n16c"},  // BY 4!c4!n16!c
	59:  {21, "5n12c"},    // CH 5!n12!c
	69:  {22, "18n"},      // CR 4!n14!n
	76:  {28, "8n16c"},    // CY 3!n5!n16!c
	77:  {24, "20n"},      // CZ 4!n6!n10!n
	82:  {22, "18n"},      // DE 8!n10!n
	87:  {27, "23n"},      // DJ 5!n5!n11!n2!n
	88:  {18, "14n"},      // DK 4!n9!n1!n
	92:  {28, "4c20n"},    // DO 4!c20!n
	108: {20, "16n"},      // EE 2!n14!n
	110: {29, "25n"},      // EG 4!n4!n17!n
	122: {24, "20n"},      // ES 4!n4!n1!n1!n10!n
	138: {18, "14n"},      // FI 3!n11!n
	140: {18, "2a12n"},    // FK 2!a12!n
	144: {18, "14n"},      // FO 4!n9!n1!n
	147: {27, "10n11c2n"}, // FR 5!n5!n11!c2!n
	157: {22, "4a14n"},    // GB 4!a6!n8!n
	160: {22, "2a16n"},    // GE 2!a16!n
	164: {23, "4a15c"},    // GI 4!a15!c
	167: {18, "14n"},      // GL 4!n9!n1!n
	173: {27, "7n16c"},    // GR 3!n4!n16!c
	175: {28, "24c"},      // GT 4!c20!c
	195: {28, "4a20n"},    // HN 4!a20!n
	199: {21, "17n"},      // HR 7!n10!n
	202: {28, "24n"},      // HU 3!n4!n1!n15!n1!n
	212: {22, "4a14n"},    // IE 4!a6!n8!n
	219: {23, "19n"},      // IL 3!n3!n13!n
	224: {23, "4a15n"},    // IQ 4!a3!n12!n
	226: {26, "22n"},      // IS 4!n2!n6!n10!n
	227: {27, "1a10n12c"}, // IT 1!a5!n5!n12!c
	248: {30, "4a4n18c"},  // JO 4!a4!n18!c
	282: {30, "4a22c"},    // KW 4!a22!c
	285: {20, "3n13c"},    // KZ 3!n13!c
	287: {28, "4n20c"},    // LB 4!n20!c
	288: {32, "4a24c"},    // LC 4!a24!c
	294: {21, "5n12c"},    // LI 5!n12!c
	305: {20, "16n"},      // LT 5!n11!n
	306: {20, "3n13c"},    // LU 3!n13!c
	307: {21, "4a13c"},    // LV 4!a13!c
	310: {25, "21n"},      // LY 3!n3!n15!n
	314: {27, "10n11c2n"}, // MC 5!n5!n11!c2!n
	315: {24, "20c"},      // MD 2!c18!c
	316: {22, "18n"},      // ME 3!n13!n2!n
	322: {19, "3n10c2n"},  // MK 3!n10!c2!n
	325: {20, "16n"},      // MN 4!n12!n
	329: {27, "23n"},      // MR 5!n5!n11!n2!n
	331: {31, "4a5n18c"},  // MT 4!a5!n18!c
	332: {30, "4a19n3a"},  // MU 4!a2!n2!n12!n3!n3!a
	346: {28, "4a20n"},    // NI 4!a20!n
	349: {18, "4a10n"},    // NL 4!a10!n
	352: {15, "11n"},      // NO 4!n6!n1!n
	376: {23, "3n16c"},    // OM 3!n16!c
	400: {24, "4a16c"},    // PK 4!a16!c
	401: {28, "24n"},      // PL 8!n16!n
	408: {29, "4a21c"},    // PS 4!a21!c
	409: {25, "21n"},      // PT 4!n4!n11!n2!n
	416: {29, "4a21c"},    // QA 4!a21!c
	456: {24, "4a16c"},    // RO 4!a16!c
	460: {22, "18n"},      // RS 3!n13!n2!n
	462: {33, "14n15c"},   // RU 9!n5!n15!c
	468: {24, "2n18c"},    // SA 2!n18!c
	470: {31, "4a20n3a"},  // SC 4!a2!n2!n16!n3!a
	471: {18, "14n"},      // SD 2!n12!n
	472: {24, "20n"},      // SE 3!n16!n1!n
	476: {19, "15n"},      // SI 5!n8!n2!n
	478: {24, "20n"},      // SK 4!n6!n10!n
	480: {27, "1a10n12c"}, // SM 1!a5!n5!n12!c
	482: {23, "19n"},      // SO 4!n3!n12!n
	487: {25, "21n"},      // ST 8!n11!n2!n
	489: {28, "4a20n"},    // SV 4!a20!n
	505: {23, "19n"},      // TL 3!n14!n2!n
	507: {24, "20n"},      // TN 2!n3!n13!n2!n
	511: {26, "6n16c"},    // TR 5!n1!n16!c
	520: {29, "6n19c"},    // UA 6!n19!c
	546: {22, "18n"},      // VA 3!n15!n
	552: {24, "4a16n"},    // VG 4!a16!n
	608: {20, "16n"},      // XK 4!n10!n2!n
	628: {30, "4a4n18c"},  // YE 4!a4!n18!c
}

// ibanIndex returns the ibanCountries index of the country code c0 c1
// (either case), or -1 if they are not two letters.
func ibanIndex(c0, c1 byte) int {
	c0, c1 = upper(c0)-'A', upper(c1)-'A'
	if c0 >= 26 || c1 >= 26 {
		return -1
	}
	return int(c0)*26 + int(c1)
}

// IBANLength returns the total IBAN length (country code and check digits
// included) for the ISO 3166 country code cc0 cc1 (either case) per the SWIFT
// IBAN registry, or 0 if the country does not use IBANs.
func IBANLength(cc0, cc1 byte) int {
	i := ibanIndex(cc0, cc1)
	if i < 0 {
		return 0
	}
	return int(ibanCountries[i].length)
}

// IBAN reports whether s is a valid IBAN (ISO 13616): a registered country
// with its exact length, check digits 02-98, a BBAN whose character classes
// match the SWIFT registry structure, and ISO 7064 mod 97-10 over the
// rearranged number equal to 1. Like python-stdnum's iban, it also runs the
// national account check digits of BE, ES, ME and NO (see bbanNational).
// Letters may be in either case.
func IBAN(s []byte) bool {
	n := len(s)
	if n < 5 || n > 34 {
		return false
	}
	i := ibanIndex(s[0], s[1])
	if i < 0 {
		return false
	}
	c := &ibanCountries[i]
	if int(c.length) != n || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	if cd := num(s[2:4]); cd < 2 || cd > 98 {
		return false
	}
	// One pass over the BBAN checks the registry structure and runs the
	// mod 97 computation; the country code and check digits come last.
	var r int64
	pos := 0
	spec := c.bban
	for j := 0; j < len(spec); j++ {
		count := 0
		for ; isDigit(spec[j]); j++ {
			count = count*10 + int(spec[j]-'0')
		}
		mask := classDigit | classLetter
		switch spec[j] {
		case 'n':
			mask = classDigit
		case 'a':
			mask = classLetter
		}
		for _, ch := range s[4+pos : 4+pos+count] {
			if charClass[ch]&mask == 0 {
				return false
			}
			if v := int64(charValue[ch]); v < 10 {
				r = r*10 + v
			} else {
				r = r*100 + v
			}
			if r >= 1<<56 {
				r %= 97
			}
		}
		pos += count
	}
	// The country code letters are 10-35 and the check digits 0-99: six
	// more decimal digits.
	r = (r%97)*1000000 + int64(charValue[s[0]])*10000 + int64(charValue[s[1]])*100 + int64(num(s[2:4]))
	return r%97 == 1 && bbanNational(upper(s[0]), upper(s[1]), s[4:])
}

// Character classes of charClass.
const (
	classDigit  uint8 = 1
	classLetter uint8 = 2
)

// charClass classifies each byte as an ASCII digit, an ASCII letter or
// neither (0).
var charClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = classDigit
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = classLetter
		t[c+'a'-'A'] = classLetter
	}
	return t
}()

// charValue maps 0-9 to 0-9 and A-Z, a-z to 10-35 (ISO 7064 / ISO 13616
// letter values); other bytes map to 0 and must be rejected by charClass.
var charValue = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = uint8(c - '0')
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = uint8(c-'A') + 10
		t[c+'a'-'A'] = uint8(c-'A') + 10
	}
	return t
}()

// esCCCWeights are the weights of the Spanish CCC control digits.
var esCCCWeights = [10]int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}

// esCCC returns the Spanish CCC control digit of the 10 digits d.
func esCCC(d []byte) int {
	sum := 0
	for i, c := range d {
		sum += esCCCWeights[i] * int(c-'0')
	}
	switch c := 11 - sum%11; c {
	case 11:
		return 0
	case 10:
		return 1
	default:
		return c
	}
}

// bbanNational runs the national check digits that python-stdnum applies
// inside IBANs, on a BBAN whose structure is already known to be all digits:
// BE account number (first 10 digits mod 97, 0 read as 97, equals the last
// 2), ES CCC (two mod 11 control digits over 00+bank+branch and over the
// account), ME (the BBAN mod 97 is 1) and NO kontonummer (weights
// 5,4,3,2,7,6,5,4,3,2,1 sum to a multiple of 11). Other countries pass.
func bbanNational(c0, c1 byte, b []byte) bool {
	switch uint16(c0)<<8 | uint16(c1) {
	case 'B'<<8 | 'E':
		r := num(b[:10]) % 97
		if r == 0 {
			r = 97
		}
		return r == num(b[10:12])
	case 'E'<<8 | 'S':
		var first [10]byte
		first[0], first[1] = '0', '0'
		copy(first[2:], b[:8])
		return esCCC(first[:]) == int(b[8]-'0') && esCCC(b[10:20]) == int(b[9]-'0')
	case 'M'<<8 | 'E':
		return mod97(b, 0)%97 == 1
	case 'N'<<8 | 'O':
		sum := 0
		for i, c := range b[:11] {
			sum += int("54327654321"[i]-'0') * int(c-'0')
		}
		return sum%11 == 0
	}
	return true
}

// mod97 continues the ISO 7064 mod 97-10 computation r over s (digits as
// themselves, letters as 10-35) and returns a value congruent to the result
// modulo 97 (not reduced), or -1 on a byte that is neither digit nor letter.
// It divides only when the accumulator grows past 2^56, about once per eight
// digits.
func mod97(s []byte, r int64) int64 {
	if r < 0 {
		return -1
	}
	for _, c := range s {
		switch charClass[c] {
		case classDigit:
			r = r*10 + int64(charValue[c])
		case classLetter:
			r = r*100 + int64(charValue[c])
		default:
			return -1
		}
		if r >= 1<<56 {
			r %= 97
		}
	}
	return r
}

// Mod97 returns the ISO 7064 mod 97-10 remainder (0-96) of s read as a
// number, letters A-Z (either case) standing for 10-35 as in IBAN
// (ISO 13616), or -1 if s is empty or holds a byte that is not a letter or
// digit. A check-digit-complete number has remainder 1.
func Mod97(s []byte) int {
	if len(s) == 0 {
		return -1
	}
	r := mod97(s, 0)
	if r < 0 {
		return -1
	}
	return int(r % 97)
}
