package validate

// USSSN reports whether digits is a possible US Social Security Number (SSA
// rules since 2011): 9 digits, area not 000, 666 or 900-999, group not 00,
// serial not 0000, and not one of the advertised numbers that were never
// valid. Like python-stdnum (us.ssn), the blacklist is exactly 078-05-1120
// (the Woolworth wallet card), 457-55-5462 (LifeLock) and 219-09-9999 (an
// SSA pamphlet); 123-45-6789 is left to the caller's judgement since it
// passes every published rule.
func USSSN(digits []byte) bool {
	if len(digits) != 9 || !allDigits(digits) {
		return false
	}
	area, group, serial := num(digits[:3]), num(digits[3:5]), num(digits[5:])
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
		return false
	}
	switch area*1000000 + group*10000 + serial {
	case 78051120, 457555462, 219099999:
		return false
	}
	return true
}

// USITIN reports whether digits is a possible US Individual Taxpayer
// Identification Number: 9 digits, 9XX-GG-XXXX with group 50-65, 70-88,
// 90-92 or 94-99 (IRS ITIN ranges; 50-65 added in 2011).
//
// python-stdnum's us.itin accepts only 70-88, 90-92 and 94-99 (it predates
// the 50-65 range), so this function is a superset of it.
func USITIN(digits []byte) bool {
	if len(digits) != 9 || !allDigits(digits) || digits[0] != '9' {
		return false
	}
	g := num(digits[3:5])
	return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94
}

// ABARouting reports whether digits is an ABA routing transit number: 9
// digits whose weighted sum with weights 3,7,1 repeated is a multiple of 10
// (ABA / Federal Reserve check digit rule). The Federal Reserve prefix ranges
// (00-12, 21-32, 61-72, 80) are not enforced, matching python-stdnum us.rtn.
func ABARouting(digits []byte) bool {
	if len(digits) != 9 || !allDigits(digits) {
		return false
	}
	sum := 0
	for i := 0; i < 9; i += 3 {
		sum += 3*int(digits[i]-'0') + 7*int(digits[i+1]-'0') + int(digits[i+2]-'0')
	}
	return sum%10 == 0
}

// USNPI reports whether digits is a US National Provider Identifier: 10
// digits starting with 1 or 2 whose Luhn check over the card-issuer prefix
// 80840 plus the 10 digits holds (CMS NPI check digit rule; the prefix adds
// 24 to the Luhn sum).
func USNPI(digits []byte) bool {
	if len(digits) != 10 || (digits[0] != '1' && digits[0] != '2') {
		return false
	}
	sum, ok := luhnSum(digits, false)
	return ok && (sum+24)%10 == 0
}

// DEA reports whether s is a US DEA registration number: 2 letters (the
// registrant type, then the registrant's surname initial or '9') and 7
// digits whose last digit equals the last digit of
// (d1+d3+d5) + 2*(d2+d4+d6) (DEA check digit rule). Any letter is accepted
// as the registrant type.
func DEA(s []byte) bool {
	if len(s) != 9 || !isLetter(s[0]) || !(isLetter(s[1]) || s[1] == '9') || !allDigits(s[2:]) {
		return false
	}
	d := s[2:]
	sum := int(d[0]-'0') + int(d[2]-'0') + int(d[4]-'0') +
		2*(int(d[1]-'0')+int(d[3]-'0')+int(d[5]-'0'))
	return sum%10 == int(d[6]-'0')
}

// mbiLetter reports whether c is a letter allowed in a Medicare Beneficiary
// Identifier: A-Z without S, L, O, I, B and Z, either case.
func mbiLetter(c byte) bool {
	switch upper(c) {
	case 'S', 'L', 'O', 'I', 'B', 'Z':
		return false
	}
	return isLetter(c)
}

// USMBI reports whether s has the format of a US Medicare Beneficiary
// Identifier (CMS MBI format specification; there is no check digit): 11
// characters C A AN N A AN N A A N N where C is 1-9, N is 0-9, A is a letter
// other than S, L, O, I, B, Z and AN is either. Letters may be lower case.
func USMBI(s []byte) bool {
	if len(s) != 11 || s[0] < '1' || s[0] > '9' {
		return false
	}
	for i, c := range s[1:] {
		var ok bool
		switch i + 1 {
		case 3, 6, 9, 10: // N
			ok = isDigit(c)
		case 2, 5: // AN
			ok = isDigit(c) || mbiLetter(c)
		default: // A: indexes 1, 4, 7, 8
			ok = mbiLetter(c)
		}
		if !ok {
			return false
		}
	}
	return true
}

// vinValue is the VIN transliteration of letters A-Z (ISO 3779 / 49 CFR
// 565.15); 0 marks I, O and Q, which never occur in a VIN.
var vinValue = [26]uint8{1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 0, 7, 0, 9, 2, 3, 4, 5, 6, 7, 8, 9}

// vinWeight is the position weight of the VIN check digit computation.
var vinWeight = [17]uint8{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}

// VIN reports whether s is a vehicle identification number with a correct
// check digit: 17 letters and digits without I, O or Q, where position 9 is
// the weighted transliterated sum mod 11 ('X' for 10) per 49 CFR 565.15 (the
// North American rule; many non-North-American VINs carry no check digit and
// are rejected). Letters may be lower case.
func VIN(s []byte) bool {
	if len(s) != 17 {
		return false
	}
	sum := 0
	for i, c := range s {
		var v int
		switch {
		case isDigit(c):
			v = int(c - '0')
		case isLetter(c):
			v = int(vinValue[upper(c)-'A'])
			if v == 0 {
				return false
			}
		default:
			return false
		}
		sum += v * int(vinWeight[i])
	}
	check := sum % 11
	c9 := upper(s[8])
	if check == 10 {
		return c9 == 'X'
	}
	return int(c9)-'0' == check
}
