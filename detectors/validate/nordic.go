package validate

import "time"

// SEPersonnummer reports whether digits is a Swedish personal identity
// number (personnummer, Skatteverket SKV 704) in its compact 10-digit
// (YYMMDDNNNC) or 12-digit (YYYYMMDDNNNC) form: the birth date exists (day
// +60 for coordination numbers, samordningsnummer) and the last 10 digits
// pass the Luhn check. The 10-digit form lost its '-'/'+' century sign when
// compacted, so 29 February is accepted for any year YY divisible by 4.
func SEPersonnummer(digits []byte) bool {
	n := len(digits)
	if (n != 10 && n != 12) || !allDigits(digits) {
		return false
	}
	var year int
	if n == 12 {
		year = num(digits[:4])
	} else if year = 1900 + num(digits[:2]); year == 1900 {
		year = 2000 // leap-year compatible reading of YY=00
	}
	d := digits[n-10:]
	day := num(d[4:6])
	if day > 60 {
		day -= 60
	}
	return ValidDate(year, num(d[2:4]), day) && Luhn(d)
}

// DKCPR reports whether digits is a Danish CPR number: 10 digits DDMMYY SSSS
// whose birth date exists and is not after now, the century following from
// YY and the 7th digit (CPR office rules: 0-3 → 1900s; 4, 9 → 2000s if
// YY <= 36 else 1900s; 5-8 → 2000s if YY <= 57 else 1800s). The old mod 11
// check is not applied: it was abandoned in 2007 (as python-stdnum dk.cpr).
func DKCPR(digits []byte, now time.Time) bool {
	if len(digits) != 10 || !allDigits(digits) {
		return false
	}
	day, month, yy := num(digits[:2]), num(digits[2:4]), num(digits[4:6])
	year := 2000 + yy
	switch c := digits[6]; {
	case c <= '3':
		year = 1900 + yy
	case c == '4' || c == '9':
		if yy >= 37 {
			year = 1900 + yy
		}
	default:
		if yy >= 58 {
			year = 1800 + yy
		}
	}
	if !ValidDate(year, month, day) {
		return false
	}
	ny, nm, nd := now.Date()
	return year*10000+month*100+day <= ny*10000+int(nm)*100+nd
}

// hetuCheck maps DDMMYYZZZ mod 31 to the Finnish HETU control character.
const hetuCheck = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// FIHetu reports whether s is a Finnish personal identity code (henkilötunnus)
// in its full 11-character form DDMMYYCZZZQ, including the century sign C:
// '+' (1800s), '-', Y, X, W, V, U (1900s) or A, B, C, D, E, F (2000s; the
// letters other than '-' and A added in 2023, Act 128/2022); the birth date
// must exist, the individual number ZZZ be 002-999 (900-999 are temporary
// numbers, which python-stdnum fi.hetu rejects unless allow_temporary is set;
// they identify people too, so they are accepted here) and Q =
// '0123456789ABCDEFHJKLMNPRSTUVWXY'[DDMMYYZZZ mod 31]. Letters may be lower
// case. Unlike the other validators it takes the separator-bearing form.
func FIHetu(s []byte) bool {
	if len(s) != 11 || !allDigits(s[:6]) || !allDigits(s[7:10]) {
		return false
	}
	var century int
	switch upper(s[6]) {
	case '+':
		century = 1800
	case '-', 'Y', 'X', 'W', 'V', 'U':
		century = 1900
	case 'A', 'B', 'C', 'D', 'E', 'F':
		century = 2000
	default:
		return false
	}
	if !ValidDate(century+num(s[4:6]), num(s[2:4]), num(s[:2])) {
		return false
	}
	individual := num(s[7:10])
	if individual < 2 {
		return false
	}
	return hetuCheck[(num(s[:6])*1000+individual)%31] == upper(s[10])
}
