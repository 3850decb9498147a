package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// CreditCard finds payment card numbers: 13 to 19 digits, compact or in
// groups joined by one consistent space or dash, with a known network prefix
// and length and a valid Luhn check digit.
type CreditCard struct{}

var _ redact.GroupFilteredDetector = CreditCard{}

// Info implements redact.Detector.
func (CreditCard) Info() redact.Info {
	return redact.Info{Name: "credit_card", Types: []string{"CREDIT_CARD"}, MaxLen: 19 * 2, Priority: 10, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (CreditCard) MinDigits() int { return 12 }

// GroupLengths implements redact.GroupFilteredDetector: a span starts at a
// group of at most 19 digits (the walker takes no longer one).
func (CreditCard) GroupLengths() uint64 { return groupRange(1, 19) }

// FindInChain implements redact.ChainDetector.
func (CreditCard) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for t, tok := range c.Tokens {
		if tok.Kind != redact.Digits || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		best := -1
		g := newGroupWalker(w, c.Tokens, t, " -", 19)
		for g.step() {
			if g.nd >= 12 && boundaryAfter(w, g.end) && validate.CreditCard(g.digits()) {
				best = g.end
			}
		}
		if best > 0 {
			dst = append(dst, redact.Candidate{Start: int(tok.Start), End: best, Type: "CREDIT_CARD", Score: 1})
		}
	}
	return dst
}
