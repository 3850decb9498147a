package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Hard-negative generators: numbers and codes that look a bit like PII but
// are not. None of them is labelled. Each is constructed so that it cannot
// pass the checksum / range rules of the entity it resembles.

// Hard-negative categories (reported in statistics; not written to JSONL).
const (
	NegPrice        = "price"
	NegTime         = "time"
	NegYear         = "year"
	NegDuration     = "duration"
	NegQuantity     = "quantity"
	NegPercent      = "percentage"
	NegOrder        = "order_number"
	NegTicket       = "ticket_number"
	NegRef16        = "reference_16_digit_luhn_invalid"
	NegBadSSN       = "case_number_invalid_ssn"
	NegModel        = "model_number"
	NegVersion      = "version_number"
	NegFlight       = "flight_number"
	NegRoom         = "room_number"
	NegExtension    = "extension"
	NegLast4        = "last_four_digits"
	NegDate         = "non_birth_date"
	NegExpiry       = "card_expiry"
	NegDosage       = "dosage"
	NegRate         = "exchange_rate"
	NegConfirmation = "confirmation_code"
	NegClaim        = "claim_number"
	NegRx           = "prescription_number"
	NegGate         = "gate"
	NegWeight       = "weight"
	NegAge          = "age"
	NegSpeed        = "speed"
	NegURL          = "url"
	NegMeter        = "meter_reading"
	NegTemperature  = "temperature"
	NegShortCode    = "sms_short_code"
	NegOneTimeCode  = "one_time_code"
)

func formatThousands(n int, sep string) string {
	s := fmt.Sprint(n)
	var parts []string
	for len(s) > 3 {
		parts = append([]string{s[len(s)-3:]}, parts...)
		s = s[:len(s)-3]
	}
	parts = append([]string{s}, parts...)
	return strings.Join(parts, sep)
}

// negPrice returns a price in the locale's currency. big selects amounts
// in the hundreds or thousands.
func negPrice(r *rand.Rand, currency string, big bool) string {
	var units int
	if big {
		units = 180 + r.IntN(4800)
	} else {
		units = 3 + r.IntN(190)
	}
	cents := pick(r, []int{0, 0, 99, 95, 50, 49, 25, 10 * r.IntN(10), r.IntN(100)})
	whole := r.IntN(4) == 0 && cents == 0
	switch currency {
	case "GBP":
		if whole {
			return "£" + formatThousands(units, ",")
		}
		return fmt.Sprintf("£%s.%02d", formatThousands(units, ","), cents)
	case "EUR":
		switch r.IntN(4) {
		case 0:
			return fmt.Sprintf("€%s.%02d", formatThousands(units, ","), cents)
		case 1:
			return fmt.Sprintf("%d.%02d euros", units, cents)
		case 2:
			return fmt.Sprintf("%s,%02d €", formatThousands(units, "."), cents)
		default:
			return "€" + formatThousands(units, ",")
		}
	case "CHF":
		if r.IntN(2) == 0 {
			return fmt.Sprintf("CHF %s.%02d", formatThousands(units, "'"), cents)
		}
		return fmt.Sprintf("%d francs", units)
	}
	if whole {
		return "$" + formatThousands(units, ",")
	}
	return fmt.Sprintf("$%s.%02d", formatThousands(units, ","), cents)
}

// negSmallPrice is a fee of a few units (parking, delivery, per message).
func negSmallPrice(r *rand.Rand, currency string) string {
	units, cents := 1+r.IntN(15), pick(r, []int{0, 0, 50, 99, 95, 25})
	switch currency {
	case "GBP":
		return fmt.Sprintf("£%d.%02d", units, cents)
	case "EUR":
		if r.IntN(2) == 0 {
			return fmt.Sprintf("%d,%02d €", units, cents)
		}
		return fmt.Sprintf("€%d.%02d", units, cents)
	case "CHF":
		return fmt.Sprintf("CHF %d.%02d", units, cents)
	}
	if cents == 0 && r.IntN(2) == 0 {
		return fmt.Sprintf("$%d", units)
	}
	return fmt.Sprintf("$%d.%02d", units, cents)
}

func negTime(r *rand.Rand) string {
	h, m := 1+r.IntN(12), pick(r, []int{0, 0, 15, 30, 45, 5, 10, 20, 40, 50})
	switch r.IntN(7) {
	case 0:
		return fmt.Sprintf("%d:%02d %s", h, m, pick(r, []string{"pm", "am", "PM", "AM"}))
	case 1:
		return fmt.Sprintf("%d:%02d", h+r.IntN(2)*6, m)
	case 2:
		return fmt.Sprintf("%d %s", h, pick(r, []string{"am", "pm", "a.m.", "p.m."}))
	case 3:
		return fmt.Sprintf("%d:%02d %s", h, m, pick(r, []string{"a.m.", "p.m."}))
	case 4:
		return fmt.Sprintf("%02d:%02d", 7+r.IntN(14), m)
	case 5:
		return fmt.Sprintf("%d o'clock", h)
	default:
		return fmt.Sprintf("%d:%02d%s", h, m, pick(r, []string{"pm", "am"}))
	}
}

func negYear(r *rand.Rand) string { return fmt.Sprint(1996 + r.IntN(29)) }

// Durations by context: processing times, short waits, long periods.
var (
	processingTimes = []string{
		"24 hours", "48 hours", "72 hours", "3 to 5 business days", "7–10 business days",
		"5 business days", "10 working days", "two weeks", "14 days", "1-2 billing cycles",
		"2 to 3 weeks", "3 working days",
	}
	shortDurations = []string{
		"45 minutes", "an hour and a half", "2 hours", "20 minutes", "3 hours",
		"90 minutes", "6 hours", "40 minutes", "4 and a half hours",
	}
	longDurations = []string{"6 months", "12 months", "two years", "90 days", "30 days", "60 days", "18 months"}
)

// negClock writes an hour (8-20) as a clock time.
func negClock(r *rand.Rand, h int) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%d:00", h)
	case 1:
		return fmt.Sprintf("%02d:%02d", h, pick(r, []int{0, 30}))
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	if h > 12 {
		h -= 12
	}
	return fmt.Sprintf("%d %s", h, suffix)
}

// newerVersion returns a version number later than v.
func newerVersion(r *rand.Rand, v string) string {
	parts := strings.Split(v, ".")
	var minor int
	fmt.Sscan(parts[1], &minor)
	parts[1] = fmt.Sprint(minor + 1 + r.IntN(3))
	for i := 2; i < len(parts); i++ {
		parts[i] = "0"
	}
	return strings.Join(parts, ".")
}

func negPercent(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0:
		return fmt.Sprintf("%d%%", 5+r.IntN(40))
	case 1:
		return fmt.Sprintf("%d.%d percent", 1+r.IntN(9), 1+r.IntN(9))
	case 2:
		return fmt.Sprintf("0.%d%%", 1+r.IntN(9))
	case 3:
		return fmt.Sprintf("%d percent", 5*(1+r.IntN(10)))
	default:
		return fmt.Sprintf("%d.%02d%%", 1+r.IntN(20), 5+r.IntN(90))
	}
}

// luhnFail returns payload followed by a check digit that is guaranteed
// to make the whole number fail the Luhn check.
func luhnFail(r *rand.Rand, payload string) string {
	c := int(luhnCheckDigit(payload) - '0')
	return payload + fmt.Sprint((c+1+r.IntN(9))%10)
}

// negOrder returns an order/confirmation number. Compact numeric forms are
// 8 digits, 9 digits starting with 9 (an invalid SSN area), or 10 digits
// starting with 0/1 (never a valid NANP number); all of them fail Luhn.
func negOrder(r *rand.Rand) string {
	switch r.IntN(8) {
	case 0:
		return "ORD-" + digitsNZ(r, 5)
	case 1:
		return fmt.Sprintf("#%c%d%c-%s", 'A'+rune(r.IntN(26)), r.IntN(10), 'A'+rune(r.IntN(26)), digitsNZ(r, 4))
	case 2:
		return luhnFail(r, digitsNZ(r, 7))
	case 3:
		return luhnFail(r, "9"+digits(r, 7))
	case 4:
		return luhnFail(r, pick(r, []string{"1", "0"})+digits(r, 8))
	case 5:
		return fmt.Sprintf("SO-%d-%s", 2019+r.IntN(6), digitsNZ(r, 6))
	case 6:
		return "W" + luhnFail(r, "9"+digits(r, 6))
	default:
		return fmt.Sprintf("%c%c-%s", 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26)), digitsNZ(r, 6))
	}
}

func negTicket(r *rand.Rand) string {
	switch r.IntN(5) {
	case 0, 1:
		return digitsNZ(r, 7)
	case 2:
		return "INC00" + digitsNZ(r, 5)
	case 3:
		return "TKT-" + digitsNZ(r, 5)
	default:
		return "CS-" + digitsNZ(r, 6)
	}
}

// negRef16 returns a 16-digit Luhn-invalid number, sometimes with a card
// network prefix and card-style grouping so that it is a hard negative.
func negRef16(r *rand.Rand) string {
	prefix := pick(r, []string{"", "", "4", "5" + dRange(r, 1, 5), "6011", "9", "7"})
	if prefix == "" {
		prefix = dRange(r, 1, 9)
	}
	num := luhnFail(r, prefix+digits(r, 15-len(prefix)))
	switch r.IntN(3) {
	case 0:
		return groupDigits(num, " ", 4, 4, 4, 4)
	case 1:
		return groupDigits(num, "-", 4, 4, 4, 4)
	}
	return num
}

// negBadSSN returns an SSN-shaped number that violates the SSA rules:
// area 000, 666 or 900-999, group 00 or serial 0000.
func negBadSSN(r *rand.Rand) string {
	area, group, serial := 1+r.IntN(899), 1+r.IntN(99), 1+r.IntN(9999)
	switch r.IntN(5) {
	case 0:
		area = 0
	case 1:
		area = 666
	case 2, 3:
		area = 900 + r.IntN(100)
	case 4:
		if r.IntN(2) == 0 {
			group = 0
		} else {
			serial = 0
		}
	}
	if r.IntN(6) == 0 {
		return fmt.Sprintf("%03d %02d %04d", area, group, serial)
	}
	return fmt.Sprintf("%03d-%02d-%04d", area, group, serial)
}

func negModel(r *rand.Rand) string {
	p := pick(r, modelPrefixes)
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%s-%d", p, 100*(1+r.IntN(90)))
	case 1:
		return fmt.Sprintf("%s-%d%c", p, 10+r.IntN(990), 'A'+rune(r.IntN(26)))
	case 2:
		return fmt.Sprintf("%s%d", p, 100+r.IntN(9900))
	default:
		return fmt.Sprintf("%s-%c%d%s", p, 'A'+rune(r.IntN(26)), 10+r.IntN(90), pick(r, []string{"U", "DW", "X", "Pro", ""}))
	}
}

func negVersion(r *rand.Rand) string {
	switch r.IntN(4) {
	case 0:
		return fmt.Sprintf("%d.%d.%d", 1+r.IntN(12), r.IntN(20), r.IntN(30))
	case 1:
		return fmt.Sprintf("%d.%d", 2+r.IntN(16), r.IntN(10))
	case 2:
		return fmt.Sprintf("%d.%d.%d.%d", 1+r.IntN(5), r.IntN(10), r.IntN(10), 100+r.IntN(9000))
	default:
		return fmt.Sprintf("%d.%d.%02d", 10+r.IntN(10), r.IntN(5), r.IntN(60))
	}
}

func negFlight(r *rand.Rand) string {
	sep := pick(r, []string{" ", "", " "})
	return pick(r, airlineCodes) + sep + fmt.Sprint(1+r.IntN(2999))
}

func negApptDate(r *rand.Rand) string {
	day := 1 + r.IntN(28)
	switch r.IntN(6) {
	case 0:
		return pick(r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}) + " the " + ordinal(day)
	case 1:
		return monthNames[r.IntN(12)] + " " + ordinal(day)
	case 2:
		return pick(r, []string{"Monday", "Tuesday", "Thursday", "Friday", "Saturday"}) + " the " + ordinal(day)
	case 3:
		return "the " + ordinal(day)
	case 4:
		return fmt.Sprintf("%s %d", monthNames[r.IntN(12)], day)
	default:
		return fmt.Sprintf("%s, %s %d", pick(r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"}), monthNames[r.IntN(12)], day)
	}
}

// negBillDate is a full recent date (statement, payment, incident): the
// same shape as a birth date but not one.
func negBillDate(r *rand.Rand, us bool) string {
	d := randDate(r, 2022, 2025)
	if us {
		switch r.IntN(3) {
		case 0:
			return fmt.Sprintf("%02d/%02d/%d", d.m, d.d, d.y)
		case 1:
			return fmt.Sprintf("%s %d, %d", monthNames[d.m-1], d.d, d.y)
		}
		return fmt.Sprintf("%d-%02d-%02d", d.y, d.m, d.d)
	}
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("%02d/%02d/%d", d.d, d.m, d.y)
	case 1:
		return fmt.Sprintf("%d %s %d", d.d, monthNames[d.m-1], d.y)
	}
	return fmt.Sprintf("%02d.%02d.%d", d.d, d.m, d.y)
}

func negExpiry(r *rand.Rand) string {
	m, y := 1+r.IntN(12), 26+r.IntN(6)
	if r.IntN(3) == 0 {
		return fmt.Sprintf("%02d/20%d", m, y)
	}
	return fmt.Sprintf("%02d/%d", m, y)
}

func negDose(r *rand.Rand) string {
	return pick(r, []string{"5 mg", "10 mg", "20 mg", "40 mg", "500 mg", "0.5 mg", "25 mcg", "100 mg", "850 mg", "2.5 mg"})
}

func negRate(r *rand.Rand) string {
	return fmt.Sprintf("%d.%04d", r.IntN(2), 1000+r.IntN(8999))
}

func negPNR(r *rand.Rand) string {
	const cs = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	var b [6]byte
	for i := range b {
		b[i] = cs[r.IntN(len(cs))]
	}
	b[0] = cs[r.IntN(24)] // always start with a letter
	return string(b[:])
}

func negClaim(r *rand.Rand) string {
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("CLM-%d-%s", 2020+r.IntN(6), digitsNZ(r, 6))
	case 1:
		return fmt.Sprintf("%c%c-%s-%c", 'A'+rune(r.IntN(26)), 'A'+rune(r.IntN(26)), digitsNZ(r, 5), 'A'+rune(r.IntN(26)))
	}
	return "CL" + digitsNZ(r, 7)
}

func negRx(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return "RX-" + digitsNZ(r, 7)
	}
	return digitsNZ(r, 7)
}

func negURL(r *rand.Rand, company string) string {
	var words []string
	for _, w := range strings.Fields(company) {
		if f := strings.ToLower(foldName(w)); f != "" {
			words = append(words, f)
		}
	}
	return "www." + strings.Join(words, "") + pick(r, []string{".com", ".com/help", ".com/pay", ".example/account"})
}
