package validate

// UKNHS reports whether digits is a UK NHS number (also the Scottish CHI
// layout): 10 digits where 11 - (sum of the first nine times weights 10..2)
// mod 11 equals the last digit, 11 meaning 0 and 10 never valid (NHS Data
// Dictionary, NHS number check digit).
func UKNHS(digits []byte) bool {
	if len(digits) != 10 || !allDigits(digits) {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += (10 - i) * int(digits[i]-'0')
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check == int(digits[9]-'0')
}

// UKNINO reports whether s is a UK National Insurance number by the HMRC
// format rules (NIM39110; there is no check digit): 2 prefix letters, 6
// digits and a suffix A-D; neither prefix letter is D, F, I, Q, U or V, the
// second is not O, and the prefixes BG, GB, KN, NK, NT, TN and ZZ are never
// issued. Letters may be lower case; the suffix is required.
func UKNINO(s []byte) bool {
	if len(s) != 9 || !allDigits(s[2:8]) {
		return false
	}
	a, b, suffix := upper(s[0]), upper(s[1]), upper(s[8])
	if !isLetter(a) || !isLetter(b) || suffix < 'A' || suffix > 'D' {
		return false
	}
	switch a {
	case 'D', 'F', 'I', 'Q', 'U', 'V':
		return false
	}
	switch b {
	case 'D', 'F', 'I', 'O', 'Q', 'U', 'V':
		return false
	}
	switch uint16(a)<<8 | uint16(b) {
	case 'B'<<8 | 'G', 'G'<<8 | 'B', 'K'<<8 | 'N', 'N'<<8 | 'K', 'N'<<8 | 'T', 'T'<<8 | 'N', 'Z'<<8 | 'Z':
		return false
	}
	return true
}

// ppsAlphabet maps a PPS check value (mod 23) to its letter; the letter's
// index is also the value of a PPS second letter.
const ppsAlphabet = "WABCDEFGHIJKLMNOPQRSTUV"

// IEPPSN reports whether s is an Irish Personal Public Service number:
// 7 digits, a check letter A-W and an optional second letter A, B, H, W, T
// or X, where the check letter is 'WABCDEFGHIJKLMNOPQRSTUV'[(sum of the
// digits times weights 8..2 + 9 * value of a second letter A, B or H) mod
// 23] (Revenue PPSN rules, as in python-stdnum ie.pps; the pre-2013 second
// letters W, T, X do not enter the check). Letters may be lower case.
func IEPPSN(s []byte) bool {
	if (len(s) != 8 && len(s) != 9) || !allDigits(s[:7]) {
		return false
	}
	check := upper(s[7])
	if check < 'A' || check > 'W' {
		return false
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += (8 - i) * int(s[i]-'0')
	}
	if len(s) == 9 {
		switch second := upper(s[8]); second {
		case 'A', 'B', 'H':
			sum += 9 * int(second-'A'+1)
		case 'W', 'T', 'X':
		default:
			return false
		}
	}
	return ppsAlphabet[sum%23] == check
}
