package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// USSSN finds US social security numbers: AAA-GG-SSSS with one consistent
// dash, space or dot, or nine compact digits, that pass the area, group and
// serial rules. Compact and odd groupings score lower: they need context.
type USSSN struct{}

var _ redact.ChainDetector = USSSN{}

// Info implements redact.Detector.
func (USSSN) Info() redact.Info {
	return redact.Info{Name: "us_ssn", Types: []string{"US_SSN"}, MaxLen: 11, Priority: 20, Lookbehind: 1}
}

// MinDigits implements redact.ChainDetector.
func (USSSN) MinDigits() int { return 9 }

// FindInChain implements redact.ChainDetector.
func (USSSN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	var buf [32]byte
	for t, tok := range c.Tokens {
		if tok.Kind != redact.Digits || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		var lens [3]int
		digitGroups(w, c.Tokens, t, "- .", 9, &buf, func(d []byte, groups int, sep byte, end int) bool {
			lens[groups-1] = len(d)
			if len(d) != 9 || !boundaryAfter(w, end) || !validate.USSSN(d) {
				return groups < 3
			}
			var score float32
			switch {
			case groups == 3 && lens[0] == 3 && lens[1] == 5:
				score = 0.85
				if sep != '-' {
					score = 0.7
				}
			case groups == 1:
				score = 0.5
			case groups == 2 && sep == '-' && (lens[0] == 3 || lens[0] == 5):
				score = 0.4 // "078-051121", "07805-1121"
			default:
				return false
			}
			dst = append(dst, redact.Candidate{Start: int(tok.Start), End: end, Type: "US_SSN", Score: score})
			return false
		})
	}
	return dst
}
