package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// USSSN finds US social security numbers: AAA-GG-SSSS with one consistent
// dash, space or dot, or nine compact digits, that pass the area, group and
// serial rules. Compact ones score lower: they need context. Other groupings
// ("07805-1121" is the ZIP+4 shape) are not taken.
type USSSN struct{}

var _ redact.GroupFilteredDetector = USSSN{}

// Info implements redact.Detector.
func (USSSN) Info() redact.Info {
	return redact.Info{Name: "us_ssn", Types: []string{"US_SSN"}, MaxLen: 11, Priority: 20, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (USSSN) MinDigits() int { return 9 }

// GroupLengths implements redact.GroupFilteredDetector: a span is nine
// compact digits or 3-2-4, so it holds a group of 9 or 2.
func (USSSN) GroupLengths() uint64 { return 1<<9 | 1<<2 }

// FindInChain implements redact.ChainDetector.
func (USSSN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for t, tok := range c.Tokens {
		// Only nine compact digits or 3-2-4 score.
		if l := tok.End - tok.Start; tok.Kind != redact.Digits || l != 9 && l != 3 || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		g := newGroupWalker(w, c.Tokens, t, "- .", 9)
		for g.groups < 3 && g.step() {
			if g.nd != 9 {
				continue
			}
			if !boundaryAfter(w, g.end) || !validate.USSSN(g.digits()) {
				break
			}
			var score float32
			switch {
			case g.groups == 3 && g.lens[0] == 3 && g.lens[1] == 2:
				score = 0.85
				if g.sep != '-' {
					score = 0.7
				}
			case g.groups == 1:
				score = 0.5
			}
			if score > 0 {
				dst = append(dst, redact.Candidate{Start: int(tok.Start), End: g.end, Type: "US_SSN", Score: score})
			}
			break
		}
	}
	return dst
}
