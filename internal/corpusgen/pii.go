package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// ---------- e-mail ----------

func foldName(s string) string {
	var b strings.Builder
	for _, c := range s {
		if f, ok := asciiFold[c]; ok {
			b.WriteString(f)
			continue
		}
		if c < 0x80 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// genEmail builds a plausible address for a person; the local part is
// derived from the (ASCII-folded) name.
func genEmail(r *rand.Rand, first, last string) string {
	f, l := foldName(first), foldName(last)
	lf, ll := strings.ToLower(f), strings.ToLower(l)
	var local string
	switch r.IntN(11) {
	case 0, 1:
		local = lf + "." + ll
	case 2:
		local = lf + ll
	case 3:
		local = lf[:1] + "_" + ll + "+" + pick(r, emailTags)
	case 4:
		local = f + "." + l // mixed case
	case 5:
		local = lf[:1] + ll + fmt.Sprintf("%02d", r.IntN(100))
	case 6:
		local = ll + "." + lf
	case 7:
		local = lf + "-" + ll
	case 8:
		local = lf + fmt.Sprint(1960+r.IntN(45))
	case 9:
		local = lf + "_" + ll
	default:
		local = strings.ToUpper(lf[:1]) + ll + "+" + pick(r, emailTags)
	}
	domain := pick(r, emailDomains)
	if r.IntN(12) == 0 {
		// Some people type the domain capitalised.
		domain = strings.ToUpper(domain[:1]) + domain[1:]
	}
	return local + "@" + domain
}

// companyEmail is a role address at a company, e.g. claims@crestline-insurance.com.
func companyEmail(r *rand.Rand, company string) string {
	words := strings.FieldsFunc(company, func(c rune) bool { return c == ' ' || c == '&' })
	parts := make([]string, 0, len(words))
	for _, w := range words {
		if p := strings.ToLower(foldName(w)); p != "" {
			parts = append(parts, p)
		}
	}
	slug := strings.Join(parts, "-")
	role := pick(r, []string{"billing", "claims", "support", "help", "care", "receipts", "refunds"})
	tld := pick(r, []string{".com", ".com", ".example", ".co.uk", ".net"})
	return role + "@" + slug + tld
}

// ---------- phone numbers ----------

// validNANPArea reports whether n is a plausible geographic NANP area code:
// first digit 2-9, second digit not 9, and not an N11 service code.
func validNANPArea(n int) bool {
	a, b, c := n/100, n/10%10, n%10
	return a >= 2 && b != 9 && !(b == 1 && c == 1)
}

func randNANPArea(r *rand.Rand) int {
	for {
		n := 200 + r.IntN(800)
		if validNANPArea(n) {
			return n
		}
	}
}

func randExchange(r *rand.Rand) int {
	for {
		n := 200 + r.IntN(800)
		if !(n/10%10 == 1 && n%10 == 1) {
			return n
		}
	}
}

// nanpParts returns area, exchange and line as digit strings.
func nanpParts(r *rand.Rand, area int) (string, string, string) {
	if r.IntN(4) == 0 {
		return fmt.Sprint(area), "555", fmt.Sprintf("01%02d", r.IntN(100))
	}
	return fmt.Sprint(area), fmt.Sprint(randExchange(r)), digits(r, 4)
}

func formatNANP(r *rand.Rand, a, e, l string) string {
	switch r.IntN(12) {
	case 0, 1:
		return fmt.Sprintf("(%s) %s-%s", a, e, l)
	case 2, 3:
		return fmt.Sprintf("%s-%s-%s", a, e, l)
	case 4:
		return fmt.Sprintf("%s.%s.%s", a, e, l)
	case 5:
		return fmt.Sprintf("%s %s %s", a, e, l)
	case 6:
		return fmt.Sprintf("+1 %s %s %s", a, e, l)
	case 7:
		return fmt.Sprintf("1-%s-%s-%s", a, e, l)
	case 8:
		return a + e + l
	case 9:
		return fmt.Sprintf("+1 (%s) %s-%s", a, e, l)
	case 10:
		return fmt.Sprintf("+1-%s-%s-%s", a, e, l)
	default:
		return fmt.Sprintf("+1%s%s%s", a, e, l)
	}
}

func genNANPPhone(r *rand.Rand, area int) string {
	a, e, l := nanpParts(r, area)
	return formatNANP(r, a, e, l)
}

func genTollFree(r *rand.Rand) string {
	a := pick(r, []string{"800", "888", "877", "866", "855", "844"})
	e, l := "555", fmt.Sprintf("01%02d", r.IntN(100))
	if r.IntN(3) == 0 {
		e, l = fmt.Sprint(randExchange(r)), digits(r, 4)
	}
	switch r.IntN(5) {
	case 0, 1:
		return fmt.Sprintf("1-%s-%s-%s", a, e, l)
	case 2:
		return fmt.Sprintf("1 (%s) %s-%s", a, e, l)
	case 3:
		return fmt.Sprintf("(%s) %s-%s", a, e, l)
	default:
		return fmt.Sprintf("%s-%s-%s", a, e, l)
	}
}

// dRange returns a random integer in [lo, hi] as a string.
func dRange(r *rand.Rand, lo, hi int) string { return fmt.Sprint(lo + r.IntN(hi-lo+1)) }

// genIntlPhone returns an E.164 number for country cc in its usual
// written grouping. landline is the national trunk code for a city (may be
// empty); mobile selects a mobile number instead of a landline.
func genIntlPhone(r *rand.Rand, cc, landline string, mobile bool) string {
	var s string
	switch cc {
	case "GB":
		switch {
		case mobile:
			s = "+44 7700 900" + digits(r, 3)
		case landline == "20" || landline == "":
			s = "+44 20 7946 0" + digits(r, 3)
		default:
			s = "+44 " + landline + " 496 0" + digits(r, 3)
		}
	case "DE":
		if mobile {
			s = "+49 " + pick(r, []string{"151", "160", "170", "176"}) + " " + dRange(r, 1, 9) + digits(r, 7)
		} else {
			if landline == "" {
				landline = "30"
			}
			s = "+49 " + landline + " " + dRange(r, 2, 9) + digits(r, 6)
		}
	case "FR":
		first := landline
		if mobile {
			first = pick(r, []string{"6", "7"})
		}
		if first == "" {
			first = "1"
		}
		s = fmt.Sprintf("+33 %s %s %s %s %s", first, dRange(r, 10, 99), digits(r, 2), digits(r, 2), digits(r, 2))
	case "ES":
		if mobile {
			s = fmt.Sprintf("+34 6%s %s %s", digits(r, 2), digits(r, 3), digits(r, 3))
		} else {
			if landline == "" {
				landline = "91"
			}
			rest := dRange(r, 2, 8) + digits(r, 8-len(landline))
			s = "+34 " + landline + " " + rest[:len(rest)-4] + " " + rest[len(rest)-4:len(rest)-2] + " " + rest[len(rest)-2:]
		}
	case "NL":
		if mobile {
			s = "+31 6 " + dRange(r, 1, 9) + digits(r, 3) + " " + digits(r, 4)
		} else {
			if landline == "" {
				landline = "20"
			}
			s = "+31 " + landline + " " + dRange(r, 2, 8) + digits(r, 2) + " " + digits(r, 4)
		}
	case "IT":
		if mobile {
			s = "+39 3" + dRange(r, 20, 49) + " " + digits(r, 3) + " " + digits(r, 4)
		} else {
			if landline == "" {
				landline = "06"
			}
			s = "+39 " + landline + " " + dRange(r, 1, 9) + digits(r, 3) + " " + digits(r, 4)
		}
	case "BE":
		if mobile {
			s = "+32 4" + pick(r, []string{"70", "75", "77", "85", "96"}) + " " + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2)
		} else {
			if landline == "" {
				landline = "2"
			}
			s = "+32 " + landline + " " + dRange(r, 2, 8) + digits(r, 2) + " " + digits(r, 2) + " " + digits(r, 2)
		}
	case "CH":
		first := landline
		if mobile {
			first = pick(r, []string{"76", "77", "78", "79"})
		}
		if first == "" {
			first = "44"
		}
		s = fmt.Sprintf("+41 %s %s %s %s", first, dRange(r, 200, 899), digits(r, 2), digits(r, 2))
	case "AU":
		if mobile {
			s = "+61 4" + digits(r, 2) + " " + digits(r, 3) + " " + digits(r, 3)
		} else {
			s = "+61 " + pick(r, []string{"2", "3", "7", "8"}) + " " + dRange(r, 8, 9) + digits(r, 3) + " " + digits(r, 4)
		}
	case "IN":
		s = "+91 " + dRange(r, 6, 9) + digits(r, 4) + " " + digits(r, 5)
	case "BR":
		s = "+55 " + pick(r, []string{"11", "21", "31", "41", "61"}) + " 9" + dRange(r, 6, 9) + digits(r, 3) + " " + digits(r, 4)
	case "MX":
		s = "+52 " + pick(r, []string{"55", "33", "81"}) + " " + dRange(r, 1, 9) + digits(r, 3) + " " + digits(r, 4)
	case "IE":
		s = "+353 " + pick(r, []string{"1 ", "87 ", "86 "}) + dRange(r, 2, 9) + digits(r, 2) + " " + digits(r, 4)
	case "JP":
		s = "+81 3 " + dRange(r, 1, 9) + digits(r, 3) + " " + digits(r, 4)
	default:
		s = "+44 20 7946 0" + digits(r, 3)
	}
	if r.IntN(10) == 0 {
		s = strings.ReplaceAll(s, " ", "") // strict E.164
	}
	return s
}

var abroadCountries = []string{"GB", "DE", "FR", "ES", "NL", "IT", "BE", "CH", "AU", "IN", "BR", "MX", "IE", "JP"}

// ---------- payment cards ----------

type paymentCard struct {
	network string // "Visa", "Mastercard", "Amex", "Discover"
	number  string // digits only
}

// luhnCheckDigit returns the check digit to append to payload.
func luhnCheckDigit(payload string) byte {
	sum := 0
	double := true // the digit next to the check digit is doubled
	for i := len(payload) - 1; i >= 0; i-- {
		d := int(payload[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return byte('0' + (10-sum%10)%10)
}

func genCard(r *rand.Rand, network string) paymentCard {
	var prefix string
	n := 16
	switch network {
	case "Visa":
		prefix = "4"
	case "Mastercard":
		if r.IntN(3) == 0 {
			prefix = fmt.Sprint(2221 + r.IntN(500))
		} else {
			prefix = fmt.Sprint(51 + r.IntN(5))
		}
	case "Amex":
		prefix = pick(r, []string{"34", "37"})
		n = 15
	case "Discover":
		prefix = "6011"
	}
	payload := prefix + digits(r, n-1-len(prefix))
	return paymentCard{network: network, number: payload + string(luhnCheckDigit(payload))}
}

func randNetwork(r *rand.Rand) string {
	return pick(r, []string{"Visa", "Visa", "Visa", "Mastercard", "Mastercard", "Amex", "Discover"})
}

// groupDigits joins groups of s (of the given sizes) with sep.
func groupDigits(s, sep string, sizes ...int) string {
	var parts []string
	for _, n := range sizes {
		if n > len(s) {
			n = len(s)
		}
		parts = append(parts, s[:n])
		s = s[n:]
	}
	if s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, sep)
}

func formatCard(r *rand.Rand, c paymentCard) string {
	sizes := []int{4, 4, 4, 4}
	if len(c.number) == 15 {
		sizes = []int{4, 6, 5}
	}
	switch r.IntN(5) {
	case 0, 1:
		return groupDigits(c.number, " ", sizes...)
	case 2, 3:
		return c.number
	default:
		return groupDigits(c.number, "-", sizes...)
	}
}

// ---------- IBAN ----------

// mod97 computes the remainder of a decimal digit string modulo 97.
func mod97(s string) int {
	rem := 0
	for i := 0; i < len(s); i++ {
		rem = (rem*10 + int(s[i]-'0')) % 97
	}
	return rem
}

// ibanNumeric converts an alphanumeric string to the ISO 13616 digit form
// (A=10 ... Z=35).
func ibanNumeric(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			fmt.Fprint(&b, int(c-'A')+10)
		}
	}
	return b.String()
}

// ibanFromBBAN computes ISO 7064 mod 97-10 check digits.
func ibanFromBBAN(country, bban string) string {
	rem := mod97(ibanNumeric(bban + country + "00"))
	return fmt.Sprintf("%s%02d%s", country, 98-rem, bban)
}

var ibanCountries = []string{"GB", "DE", "FR", "ES", "NL", "IT", "BE", "CH"}

// esControlDigit computes one Spanish "dígito de control".
func esControlDigit(ten string) int {
	w := []int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}
	s := 0
	for i := range 10 {
		s += int(ten[i]-'0') * w[i]
	}
	d := 11 - s%11
	switch d {
	case 11:
		return 0
	case 10:
		return 1
	}
	return d
}

// itCIN computes the Italian CIN control letter over ABI+CAB+account.
func itCIN(s string) byte {
	odd := []int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21}
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[i] - '0')
		if i%2 == 0 { // 1-based odd position
			sum += odd[d]
		} else {
			sum += d
		}
	}
	return byte('A' + sum%26)
}

func genBBAN(r *rand.Rand, country string) string {
	switch country {
	case "GB":
		return pick(r, []string{"NWBK", "BARC", "LOYD", "MIDL", "HBUK", "NAIA"}) + digits(r, 6) + digits(r, 8)
	case "DE":
		return dRange(r, 1, 8) + digits(r, 7) + digits(r, 10)
	case "FR":
		bank, branch, acct := digitsNZ(r, 5), digits(r, 5), digits(r, 11)
		var b, g, a int64
		fmt.Sscan(bank, &b)
		fmt.Sscan(branch, &g)
		fmt.Sscan(acct, &a)
		key := 97 - (89*b+15*g+3*a)%97
		return fmt.Sprintf("%s%s%s%02d", bank, branch, acct, key)
	case "ES":
		bank, branch, acct := pick(r, []string{"2100", "0049", "0182", "2038", "0081"}), digits(r, 4), digits(r, 10)
		return fmt.Sprintf("%s%s%d%d%s", bank, branch, esControlDigit("00"+bank+branch), esControlDigit(acct), acct)
	case "NL":
		bank := pick(r, []string{"ABNA", "RABO", "INGB", "TRIO", "SNSB", "ASNB"})
		for {
			acct := digits(r, 9)
			sum := 0
			for i := range 9 {
				sum += int(acct[i]-'0') * (10 - i)
			}
			last := (11 - sum%11) % 11 // weight 1 on the last digit
			if last < 10 {
				return bank + acct + fmt.Sprint(last)
			}
		}
	case "IT":
		rest := pick(r, []string{"03069", "02008", "05034", "03062"}) + digits(r, 5) + digits(r, 12)
		return string(itCIN(rest)) + rest
	case "BE":
		first := digits(r, 10)
		c := mod97(first)
		if c == 0 {
			c = 97
		}
		return fmt.Sprintf("%s%02d", first, c)
	case "CH":
		return pick(r, []string{"00762", "00230", "00700", "08390"}) + digits(r, 12)
	}
	return ""
}

func genIBAN(r *rand.Rand, country string) string {
	return ibanFromBBAN(country, genBBAN(r, country))
}

func formatIBAN(r *rand.Rand, iban string) string {
	if r.IntN(5) < 3 {
		var parts []string
		for len(iban) > 4 {
			parts = append(parts, iban[:4])
			iban = iban[4:]
		}
		parts = append(parts, iban)
		return strings.Join(parts, " ")
	}
	return iban
}

// ---------- SSN ----------

type ssn struct{ area, group, serial int }

func genSSN(r *rand.Rand) ssn {
	area := 1 + r.IntN(899)
	for area == 666 {
		area = 1 + r.IntN(899)
	}
	return ssn{area, 1 + r.IntN(99), 1 + r.IntN(9999)}
}

func (s ssn) dashed() string  { return fmt.Sprintf("%03d-%02d-%04d", s.area, s.group, s.serial) }
func (s ssn) spaced() string  { return fmt.Sprintf("%03d %02d %04d", s.area, s.group, s.serial) }
func (s ssn) compact() string { return fmt.Sprintf("%03d%02d%04d", s.area, s.group, s.serial) }

// ---------- dates of birth ----------

var monthNames = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

type date struct{ y, m, d int }

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func randDate(r *rand.Rand, y0, y1 int) date {
	y := y0 + r.IntN(y1-y0+1)
	m := 1 + r.IntN(12)
	return date{y, m, 1 + r.IntN(daysIn(y, m))}
}

func ordinal(n int) string {
	suf := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suf = "st"
		case 2:
			suf = "nd"
		case 3:
			suf = "rd"
		}
	}
	return fmt.Sprint(n) + suf
}

// formatDOB writes a date of birth the way a typist would for the locale.
// lead is an unlabelled word that precedes the date ("the"), value is the
// labelled date text.
func formatDOB(r *rand.Rand, d date, us bool) (lead, value string) {
	v := formatDOBValue(r, d, us)
	if rest, ok := strings.CutPrefix(v, "the "); ok {
		return "the ", rest
	}
	return "", v
}

func formatDOBValue(r *rand.Rand, d date, us bool) string {
	mn := monthNames[d.m-1]
	if us {
		switch r.IntN(9) {
		case 0, 1:
			return fmt.Sprintf("%02d/%02d/%d", d.m, d.d, d.y)
		case 2:
			return fmt.Sprintf("%d/%d/%d", d.m, d.d, d.y)
		case 3:
			return fmt.Sprintf("%d/%d/%02d", d.m, d.d, d.y%100)
		case 4:
			return fmt.Sprintf("%s %d, %d", mn, d.d, d.y)
		case 5:
			return fmt.Sprintf("%s %s, %d", mn, ordinal(d.d), d.y)
		case 6:
			return fmt.Sprintf("%02d-%02d-%d", d.m, d.d, d.y)
		case 7:
			return fmt.Sprintf("%s %d %d", mn[:3], d.d, d.y)
		default:
			return fmt.Sprintf("%d-%02d-%02d", d.y, d.m, d.d)
		}
	}
	switch r.IntN(7) {
	case 0, 1:
		return fmt.Sprintf("%02d/%02d/%d", d.d, d.m, d.y)
	case 2:
		return fmt.Sprintf("%d %s %d", d.d, mn, d.y)
	case 3:
		return fmt.Sprintf("the %s of %s, %d", ordinal(d.d), mn, d.y)
	case 4:
		return fmt.Sprintf("%02d.%02d.%d", d.d, d.m, d.y)
	case 5:
		return fmt.Sprintf("%d-%02d-%02d", d.y, d.m, d.d)
	default:
		return fmt.Sprintf("%d %s %d", d.d, mn[:3], d.y)
	}
}
