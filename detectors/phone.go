package detectors

import (
	"redactor/redact"
)

// Phone finds phone numbers: North American numbers (NANP area and exchange
// rules, with or without +1/1), international numbers with a '+' or "00"
// prefix and a valid ITU country calling code, and national numbers with a
// trunk 0 ("020 7946 0958", "09-7625400"). Groups may be joined by a space,
// dash, dot, slash or parentheses.
type Phone struct{}

var _ redact.GroupFilteredDetector = Phone{}

const phoneMaxLen = 40

// Info implements redact.Detector.
func (Phone) Info() redact.Info {
	return redact.Info{Name: "phone", Types: []string{"PHONE_NUMBER"}, MaxLen: phoneMaxLen, Priority: 30, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (Phone) MinDigits() int { return 8 }

// GroupLengths implements redact.GroupFilteredDetector: a span starts at a
// group that fits the 15 digits of an E.164 number, so chains of only longer
// groups (compact 16-digit card numbers) never reach it.
func (Phone) GroupLengths() uint64 { return groupRange(1, 15) }

// FindInChain implements redact.ChainDetector.
func (Phone) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t := 0; t < len(toks); t++ {
		tok := toks[t]
		start, first, plus := int(tok.Start), t, false
		switch {
		case tok.Kind == redact.Digits:
			if b := w.ByteBefore(start); b == '+' || b == '(' {
				continue // the candidate that starts at the '+' or '(' covers this one
			}
		case tok.Kind == redact.Sep && t+1 < len(toks) && toks[t+1].Kind == redact.Digits:
			switch sepByte(w, tok) {
			case '+':
				plus = true
			case '(':
			default:
				continue
			}
			first = t + 1
		default:
			continue
		}
		if !boundaryBefore(w, start) {
			continue
		}
		var digits [16]byte
		nd, groups, bestEnd := 0, 0, -1
		var lens [8]int
		var bestScore float32
		for k := first; k < len(toks) && toks[k].Kind == redact.Digits; {
			g := toks[k]
			l := int(g.End - g.Start)
			if nd+l > len(digits)-1 || int(g.End)-start > phoneMaxLen {
				break
			}
			nd += copy(digits[nd:], w.Text[g.Start:g.End])
			if groups < len(lens) {
				lens[groups] = l
			}
			groups++
			if boundaryAfter(w, int(g.End)) {
				if score := phoneScore(digits[:nd], plus, lens[:min(groups, len(lens))]); score > 0 {
					bestEnd, bestScore = int(g.End), score
				}
			}
			// A run of one to three separators leads to the next group.
			j := k + 1
			for j < len(toks) && j-k <= 3 && toks[j].Kind == redact.Sep && sepByte(w, toks[j]) != '+' {
				j++
			}
			if j == k+1 || j-k > 4 || j >= len(toks) || toks[j].Kind != redact.Digits {
				break
			}
			k = j
		}
		if bestEnd > 0 {
			dst = append(dst, redact.Candidate{Start: start, End: bestEnd, Type: "PHONE_NUMBER", Score: bestScore})
		}
	}
	return dst
}

// phoneScore returns the score of digits as a phone number, or 0 when they
// are not one. plus says the number began with '+'.
func phoneScore(d []byte, plus bool, lens []int) float32 {
	groups := len(lens)
	if !plus && len(d) > 2 && d[0] == '0' && d[1] == '0' {
		d, plus = d[2:], true // 00 international prefix
	}
	if plus {
		cc := countryCodeLen(d)
		if cc == 0 || len(d) < 8 || len(d) > 15 || len(d)-cc < 4 {
			return 0
		}
		if cc == 1 && d[0] == '1' && !nanp(d[1:]) {
			return 0
		}
		return 0.9
	}
	switch {
	case len(d) == 10 && nanp(d) && nanpGrouping(lens, false), len(d) == 11 && d[0] == '1' && nanp(d[1:]) && nanpGrouping(lens, true):
		if groups == 1 {
			return 0.6
		}
		return 0.85
	case len(d) < 9 || d[0] != '0' || d[1] == '0':
		return 0
	case len(d) >= 10 && len(d) <= 11 && groups >= 2, // "020 7946 0958"; compact, it is as likely an order number
		len(d) == 9 && groups == 2 && lens[0] == 2, // "09-7625400"; not 3-2-4 (an SSN's shape) or 5-4 (ZIP+4)
		len(d) == 11 && d[1] == '7' && d[2] >= '1': // a UK mobile, compact: "07700900123"
		return 0.5
	}
	return 0
}

// nanpGrouping reports whether digit groups of these lengths are how a North
// American number is written: 10, 3-7 or 3-3-4, after an optional 1.
func nanpGrouping(lens []int, leadingOne bool) bool {
	if leadingOne {
		if lens[0] == 11 {
			return true
		}
		if lens[0] != 1 {
			return false
		}
		lens = lens[1:]
	}
	switch len(lens) {
	case 1:
		return lens[0] == 10
	case 2:
		return lens[0] == 3 && lens[1] == 7
	case 3:
		return lens[0] == 3 && lens[1] == 3 && lens[2] == 4
	}
	return false
}

// nanp reports whether d is a 10-digit North American number: area code and
// exchange start with 2-9 and are not N11 service codes.
func nanp(d []byte) bool {
	return len(d) == 10 &&
		d[0] >= '2' && !(d[1] == '1' && d[2] == '1') &&
		d[3] >= '2' && !(d[4] == '1' && d[5] == '1')
}

// countryCodeLen returns the length of the ITU-T E.164 country calling code
// that d starts with, or 0. Calling codes are prefix-free.
func countryCodeLen(d []byte) int {
	if len(d) < 3 {
		return 0
	}
	switch d[0] {
	case '1', '7':
		return 1
	}
	two := int(d[0]-'0')*10 + int(d[1]-'0')
	if callingCodes2[two] {
		return 2
	}
	if callingCodes3[two*10+int(d[2]-'0')] {
		return 3
	}
	return 0
}

// callingCodes2 and callingCodes3 mark the assigned two- and three-digit
// country calling codes (ITU-T E.164 list). They are constant tables.
var callingCodes2 = func() (t [100]bool) {
	for _, c := range []int{20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49,
		51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98} {
		t[c] = true
	}
	return t
}()

var callingCodes3 = func() (t [1000]bool) {
	ranges := [][2]int{{211, 213}, {216, 216}, {218, 218}, {220, 258}, {260, 269}, {290, 291}, {297, 299},
		{350, 359}, {370, 383}, {385, 387}, {389, 389}, {420, 421}, {423, 423}, {500, 509}, {590, 599},
		{670, 670}, {672, 683}, {685, 692}, {800, 800}, {808, 808}, {850, 850}, {852, 853}, {855, 856},
		{870, 870}, {878, 878}, {880, 883}, {886, 886}, {888, 888}, {960, 968}, {970, 977}, {979, 979},
		{992, 996}, {998, 998}}
	for _, r := range ranges {
		for c := r[0]; c <= r[1]; c++ {
			t[c] = true
		}
	}
	return t
}()
