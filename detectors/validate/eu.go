package validate

import "time"

// DETaxID reports whether digits is a German tax identification number
// (steuerliche Identifikationsnummer, § 139b AO; python-stdnum de.idnr): 11
// digits, no leading 0, in the first 10 digits exactly one digit occurs two
// or three times and no other repeats, and ISO 7064 mod 11,10 over all 11
// digits gives 1.
//
// BZSt additionally never issues a digit three times in a row since 2016;
// that rule is not enforced because python-stdnum (and its example
// 11123456786) does not.
func DETaxID(digits []byte) bool {
	if len(digits) != 11 || !allDigits(digits) || digits[0] == '0' {
		return false
	}
	var counts [10]uint8
	for _, c := range digits[:10] {
		counts[c-'0']++
	}
	repeated := false
	for _, n := range counts {
		if n > 1 {
			if n > 3 || repeated {
				return false
			}
			repeated = true
		}
	}
	return repeated && mod11x10(digits) == 1
}

// mod11x10 returns the ISO 7064 mod 11,10 (hybrid) check value of digits; a
// number with a correct check digit gives 1.
func mod11x10(digits []byte) int {
	p := 5
	for _, c := range digits {
		if p == 0 {
			p = 10
		}
		p = (p*2%11 + int(c-'0')) % 10
	}
	return p
}

// FRNIR reports whether s is a French social security number (NIR / INSEE
// number): 15 characters, all digits except that the department in positions
// 6-7 may be 2A or 2B (Corsica, read as 19 and 18 for the key), and a key
// (last 2 digits) equal to 97 - (first 13 digits mod 97) (INSEE rule, as
// python-stdnum fr.nir).
func FRNIR(s []byte) bool {
	if len(s) != 15 || !allDigits(s[:5]) || !allDigits(s[7:]) {
		return false
	}
	var dept int
	switch {
	case allDigits(s[5:7]):
		dept = num(s[5:7])
	case s[5] == '2' && upper(s[6]) == 'A':
		dept = 19
	case s[5] == '2' && upper(s[6]) == 'B':
		dept = 18
	default:
		return false
	}
	n := (num(s[:5])*100+dept)*1000000 + num(s[7:13])
	return 97-n%97 == num(s[13:])
}

// dniLetters maps a Spanish DNI number mod 23 to its control letter.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// ESDNI reports whether s is a Spanish DNI: 8 digits and the control letter
// 'TRWAGMYFPDXBNJZSQVHLCKE'[number mod 23] (Real Decreto 1553/2005). The
// 7-digit form written without its leading zero is accepted too.
func ESDNI(s []byte) bool {
	n := len(s)
	if (n != 9 && n != 8) || !allDigits(s[:n-1]) {
		return false
	}
	return dniLetters[num(s[:n-1])%23] == upper(s[n-1])
}

// ESNIE reports whether s is a Spanish foreigner's number (NIE): X, Y or Z
// (standing for 0, 1, 2), 7 digits and the DNI control letter of the
// resulting 8-digit number (Orden INT/2058/2008).
func ESNIE(s []byte) bool {
	if len(s) != 9 || !allDigits(s[1:8]) {
		return false
	}
	p := int(upper(s[0])) - 'X'
	if p < 0 || p > 2 {
		return false
	}
	return dniLetters[(p*10000000+num(s[1:8]))%23] == upper(s[8])
}

// ESNIF reports whether s is a Spanish tax number (NIF, as python-stdnum
// es.nif): a DNI (ESDNI), a NIE (ESNIE), K/L/M + 7 digits + the DNI letter of
// those 7 digits, or a CIF: an entity letter (ABCDEFGHJNPQRSUVW) + 7 digits
// + a control that is the Luhn check digit of the 7 digits or the letter
// 'JABCDEFGHI'[that digit] (Orden EHA/451/2008).
func ESNIF(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	first := upper(s[0])
	switch {
	case isDigit(first):
		return ESDNI(s)
	case first == 'X' || first == 'Y' || first == 'Z':
		return ESNIE(s)
	}
	if len(s) != 9 || !allDigits(s[1:8]) {
		return false
	}
	last := upper(s[8])
	switch first {
	case 'K', 'L', 'M':
		return dniLetters[num(s[1:8])%23] == last
	case 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'N', 'P', 'Q', 'R', 'S', 'U', 'V', 'W':
		check := luhnCheckDigit(s[1:8])
		return last == byte('0'+check) || last == "JABCDEFGHI"[check]
	}
	return false
}

// cfOdd is the value of 0-9 and then A-Z at odd (1st, 3rd, ...) positions of
// an Italian fiscal code in the check character computation.
var cfOdd = [36]uint8{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
}

// cfDigit returns the value of a fiscal code date/place digit: 0-9, or its
// omocodia substitute L M N P Q R S T U V; -1 otherwise.
func cfDigit(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	switch upper(c) {
	case 'L':
		return 0
	case 'M':
		return 1
	case 'N':
		return 2
	case 'P':
		return 3
	case 'Q':
		return 4
	case 'R':
		return 5
	case 'S':
		return 6
	case 'T':
		return 7
	case 'U':
		return 8
	case 'V':
		return 9
	}
	return -1
}

// cfMonths holds the month letters of an Italian fiscal code, January first.
const cfMonths = "ABCDEHLMPRST"

// ITFiscalCode reports whether s is an Italian fiscal code (codice fiscale,
// DM 23/12/1976): either the 16-character personal code (6 letters, year,
// month letter ABCDEHLMPRST, day 1-31 or 41-71 for women, place letter + 3
// digits, check letter), where any digit may be an omocodia letter LMNPQRSTUV,
// the birth date (year taken in 1920-2019) must exist and the check letter is
// the odd/even position table sum mod 26; or an 11-digit number, checked as
// ITPartitaIVA (as python-stdnum it.codicefiscale). Letters may be lower case.
func ITFiscalCode(s []byte) bool {
	if len(s) == 11 {
		return ITPartitaIVA(s)
	}
	if len(s) != 16 {
		return false
	}
	sum := 0
	for i, c := range s[:15] {
		v := alnumValue(c)
		if v < 0 {
			return false
		}
		if i%2 == 0 {
			sum += int(cfOdd[v])
		} else if v >= 10 {
			sum += v - 10
		} else {
			sum += v
		}
	}
	if upper(s[15]) != byte('A'+sum%26) {
		return false
	}
	for _, i := range [...]int{0, 1, 2, 3, 4, 5, 11} {
		if !isLetter(s[i]) {
			return false
		}
	}
	var d [7]int // digit positions 6, 7, 9, 10, 12, 13, 14
	for j, i := range [...]int{6, 7, 9, 10, 12, 13, 14} {
		if d[j] = cfDigit(s[i]); d[j] < 0 {
			return false
		}
	}
	month := 0
	for m := 0; m < len(cfMonths); m++ {
		if cfMonths[m] == upper(s[8]) {
			month = m + 1
		}
	}
	year := d[0]*10 + d[1]
	if year < 20 {
		year += 2000
	} else {
		year += 1900
	}
	day := d[2]*10 + d[3]
	if day > 40 {
		day -= 40
	}
	return ValidDate(year, month, day)
}

// ITPartitaIVA reports whether digits is an Italian VAT number (partita IVA,
// DPR 633/1972 art. 35): 11 digits, a non-zero 7-digit taxpayer number, a
// province office code 001-100, 120, 121, 888 or 999, and a valid Luhn check
// digit (as python-stdnum it.iva).
func ITPartitaIVA(digits []byte) bool {
	if len(digits) != 11 || !allDigits(digits) || num(digits[:7]) == 0 {
		return false
	}
	switch office := num(digits[7:10]); {
	case office >= 1 && office <= 100, office == 120, office == 121, office == 888, office == 999:
	default:
		return false
	}
	return Luhn(digits)
}

// NLBSN reports whether digits is a Dutch citizen service number (BSN): 9
// digits (8 are read with a leading 0, as python-stdnum nl.bsn) passing the
// 11-proef: sum of the first eight times weights 9..2, minus the last digit,
// is a multiple of 11 (Wet algemene bepalingen burgerservicenummer).
func NLBSN(digits []byte) bool {
	n := len(digits)
	if (n != 9 && n != 8) || !allDigits(digits) {
		return false
	}
	sum := -int(digits[n-1] - '0')
	for i, c := range digits[:n-1] {
		sum += (n - i) * int(c-'0')
	}
	return sum%11 == 0
}

// beChecksum reports whether the Belgian national/BIS number digits (11
// digits) carries the mod 97 key of a 20th-century birth (97 - first 9
// digits mod 97) or, when YY+2000 is not after now's year, of a 21st-century
// birth (the same with a 2 prepended).
func beChecksum(digits []byte, now time.Time) bool {
	base, key := num(digits[:9]), num(digits[9:])
	if 97-base%97 == key {
		return true
	}
	return num(digits[:2])+2000 <= now.Year() && 97-(2000000000+base)%97 == key
}

// BENN reports whether digits is a Belgian national register number
// (Rijksregisternummer / numéro de registre national, as python-stdnum
// be.nn): 11 digits YYMMDD SSS CC, month 00-12 (00 and out-of-range days
// stand for unknown dates or exhausted day counters) and key CC = 97 -
// (first 9 digits mod 97), with a 2 prepended for births from 2000 (only
// years not after now's).
func BENN(digits []byte, now time.Time) bool {
	if len(digits) != 11 || !allDigits(digits) {
		return false
	}
	return num(digits[2:4]) <= 12 && beChecksum(digits, now)
}

// BEBIS reports whether digits is a Belgian BIS number (as python-stdnum
// be.bis): a national-number layout whose month is raised by 20 (sex
// unknown) or 40 (sex known), so 20-32 or 40-52, with the same mod 97 key as
// BENN.
func BEBIS(digits []byte, now time.Time) bool {
	if len(digits) != 11 || !allDigits(digits) {
		return false
	}
	m := num(digits[2:4])
	return (m >= 20 && m <= 32 || m >= 40 && m <= 52) && beChecksum(digits, now)
}

// BENationalNumber reports whether digits is a Belgian social security
// identifier (INSZ/NISS, as python-stdnum be.ssn): a national register number
// (BENN) or a BIS number (BEBIS), mod 97 key including the 2000+ births rule.
func BENationalNumber(digits []byte, now time.Time) bool {
	return BENN(digits, now) || BEBIS(digits, now)
}

// PLPESEL reports whether digits is a Polish PESEL: 11 digits YYMMDD ZZZ X Q
// where month +80/+0/+20/+40/+60 selects the century 1800/1900/2000/2100/
// 2200, the birth date exists and Q = (10 - sum of the first ten times
// weights 1,3,7,9,1,3,7,9,1,3 mod 10) mod 10 (Ustawa o ewidencji ludności).
func PLPESEL(digits []byte) bool {
	if len(digits) != 11 || !allDigits(digits) {
		return false
	}
	sum := 0
	for i, c := range digits[:10] {
		sum += int("1379137913"[i]-'0') * int(c-'0')
	}
	if (10-sum%10)%10 != int(digits[10]-'0') {
		return false
	}
	mm := num(digits[2:4])
	year := num(digits[:2]) + [5]int{1900, 2000, 2100, 2200, 1800}[mm/20]
	return ValidDate(year, mm%20, num(digits[4:6]))
}

// PTNIF reports whether digits is a Portuguese tax number (NIF / NIPC): 9
// digits, the first not 0, and a check digit (11 - sum of the first eight
// times weights 9..2 mod 11) mod 11 mod 10 (as python-stdnum pt.nif; pass the
// number without a "PT" VAT prefix).
func PTNIF(digits []byte) bool {
	if len(digits) != 9 || !allDigits(digits) || digits[0] == '0' {
		return false
	}
	sum := 0
	for i, c := range digits[:8] {
		sum += (9 - i) * int(c-'0')
	}
	return (11-sum%11)%11%10 == int(digits[8]-'0')
}
