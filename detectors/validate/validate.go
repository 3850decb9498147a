// Package validate holds small, allocation-free check functions for
// identifiers (payment cards, IBANs, national ID and tax numbers, ...).
//
// Every validator takes the identifier in its compact form: separators
// (spaces, '-', '.', '/', ...) already removed, typically with [Compact].
// Letters may be upper or lower case unless a function says otherwise.
// The functions never allocate, keep no mutable state and are safe for
// concurrent use. Validators whose answer depends on the current date take an
// explicit now so callers read the clock once per document, not per value.
//
// The rules follow the published specification of each identifier and, where
// one exists, python-stdnum's implementation; deviations are documented on
// the function.
package validate

// Compact appends the ASCII letters and digits of src to dst, dropping every
// other byte (spaces, '-', '.', '/', non-ASCII, ...), and returns the
// extended slice.
func Compact(dst, src []byte) []byte {
	for _, c := range src {
		if isDigit(c) || isLetter(c) {
			dst = append(dst, c)
		}
	}
	return dst
}

// ValidDate reports whether y-m-d is a real day of the proleptic Gregorian
// calendar (month 1-12, day 1 to the month's length, leap years per the
// Gregorian rule).
func ValidDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}

// daysIn returns the number of days of month m (1-12) in year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

func isDigit(c byte) bool { return c-'0' < 10 }

func isLetter(c byte) bool { return (c|0x20)-'a' < 26 }

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

// upper maps an ASCII lower-case letter to upper case and leaves every other
// byte alone.
func upper(c byte) byte {
	if c-'a' < 26 {
		return c - 0x20
	}
	return c
}

// allDigits reports whether s is non-empty and made of ASCII digits only.
func allDigits(s []byte) bool {
	if len(s) == 0 {
		return false
	}
	for _, c := range s {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// num parses s (assumed to be ASCII digits) as a decimal number.
func num(s []byte) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// alnumValue maps 0-9 to 0-9 and A-Z (either case) to 10-35; -1 otherwise.
func alnumValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case isLetter(c):
		return int(upper(c)-'A') + 10
	}
	return -1
}
