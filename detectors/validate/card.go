package validate

// Card network names returned by CardNetwork.
const (
	Visa       = "visa"
	Mastercard = "mastercard"
	Amex       = "amex"
	Discover   = "discover"
	JCB        = "jcb"
	Diners     = "diners"
	UnionPay   = "unionpay"
	Maestro    = "maestro"
)

// luhnDouble[d] is 2*d with the digits of the product summed (2*d-9 when >9).
var luhnDouble = [10]uint8{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}

// luhnSum returns the Luhn sum of digits (every second digit from the right
// doubled, starting with the rightmost when doubleLast is set) and false if a
// byte is not an ASCII digit.
func luhnSum(digits []byte, doubleLast bool) (int, bool) {
	sum := 0
	double := doubleLast
	for i := len(digits) - 1; i >= 0; i-- {
		d := digits[i] - '0'
		if d > 9 {
			return 0, false
		}
		if double {
			sum += int(luhnDouble[d])
		} else {
			sum += int(d)
		}
		double = !double
	}
	return sum, true
}

// luhnCheckDigit returns the Luhn check digit (0-9) that completes digits, or
// -1 if digits holds a non-digit.
func luhnCheckDigit(digits []byte) int {
	sum, ok := luhnSum(digits, true)
	if !ok {
		return -1
	}
	return (10 - sum%10) % 10
}

// Luhn reports whether digits (at least 2 ASCII digits) pass the Luhn mod 10
// check (ISO/IEC 7812-1 Annex B).
func Luhn(digits []byte) bool {
	if len(digits) < 2 {
		return false
	}
	sum, ok := luhnSum2(digits)
	return ok && sum%10 == 0
}

// luhnSum2 is luhnSum(digits, false) taking two digits per step, the hot
// path of Luhn and CreditCard.
func luhnSum2(digits []byte) (int, bool) {
	sum := 0
	i := len(digits) - 1
	for ; i >= 1; i -= 2 {
		a, b := digits[i]-'0', digits[i-1]-'0'
		if a > 9 || b > 9 {
			return 0, false
		}
		sum += int(a) + int(luhnDouble[b])
	}
	if i == 0 {
		a := digits[0] - '0'
		if a > 9 {
			return 0, false
		}
		sum += int(a)
	}
	return sum, true
}

// CardNetwork returns the payment card network whose IIN prefix and length
// rules (ISO/IEC 7812 issuer ranges as published by the networks) digits
// match: Visa 4 (13, 16, 19 digits); Mastercard 51-55, 2221-2720 (16); Amex
// 34, 37 (15); Discover 6011, 644-649, 65 (16-19); JCB 3528-3589 (16-19);
// Diners 300-305, 36, 38-39 (14-19); UnionPay 62 (16-19); Maestro 50, 56-69
// (12-19). Networks are tried in that order, so Maestro only gets what no
// more specific network claims. It does not run the Luhn check.
func CardNetwork(digits []byte) (network string, ok bool) {
	n := len(digits)
	if n < 12 || n > 19 || !allDigits(digits) {
		return "", false
	}
	p4 := num(digits[:4])
	p3, p2 := p4/10, p4/100
	switch {
	case digits[0] == '4' && (n == 13 || n == 16 || n == 19):
		return Visa, true
	case n == 16 && (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720):
		return Mastercard, true
	case n == 15 && (p2 == 34 || p2 == 37):
		return Amex, true
	case n >= 16 && (p4 == 6011 || p3 >= 644 && p3 <= 649 || p2 == 65):
		return Discover, true
	case n >= 16 && p4 >= 3528 && p4 <= 3589:
		return JCB, true
	case n >= 14 && (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38 || p2 == 39):
		return Diners, true
	case n >= 16 && p2 == 62:
		return UnionPay, true
	case p2 == 50 || p2 >= 56 && p2 <= 69:
		return Maestro, true
	}
	return "", false
}

// CreditCard reports whether digits is a payment card number: a known
// network's prefix and length (CardNetwork) and a valid Luhn check digit.
func CreditCard(digits []byte) bool {
	_, ok := CardNetwork(digits)
	return ok && Luhn(digits)
}
