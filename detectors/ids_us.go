package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// Government identifiers of the US and Canada.

// nineDigits appends the nine-digit numbers of chain c that start at a digit
// group, use one consistent separator from seps, end at a boundary and
// score above 0 as typ (US_ITIN or CA_SIN). It calls the scorers directly,
// not through a function value, so that the group walker stays on the stack.
func nineDigits(dst []redact.Candidate, w *redact.Window, c *redact.Chain, seps, typ string) []redact.Candidate {
	rem := c.Digits // digits from token t on
	for t, tok := range c.Tokens {
		if tok.Kind != redact.Digits {
			continue
		}
		if rem < 9 {
			break
		}
		l := int(tok.End - tok.Start)
		rem -= l
		// Both scorers take nine compact digits or groups from a first of three.
		if l != 9 && l != 3 || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		g := newGroupWalker(w, c.Tokens, t, seps, 9)
		for g.groups < 3 && g.step() {
			if g.nd != 9 {
				continue
			}
			if boundaryAfter(w, g.end) {
				var s float32
				if typ == "US_ITIN" {
					s = itinScore(g.digits(), g.groups, g.lens[0], g.lens[1], g.sep)
				} else {
					s = sinScore(g.digits(), g.groups, g.lens[0], g.lens[1])
				}
				if s > 0 {
					dst = append(dst, idCandidate(w, int(tok.Start), g.end, typ, s))
				}
			}
			break
		}
	}
	return dst
}

// USITIN finds US individual taxpayer identification numbers: 9XX-GG-XXXX
// with the IRS group ranges (50-65, 70-88, 90-92, 94-99), grouped 3-2-4 with
// one consistent dash (0.6), space or dot (0.5), or compact (0.3, as likely
// any nine-digit number). Other groupings ("91170-1234" is the ZIP+4 shape)
// are not taken. Context ("ITIN", "taxpayer") raises the score.
type USITIN struct{}

var _ redact.GroupFilteredDetector = USITIN{}

// Info implements redact.Detector.
func (USITIN) Info() redact.Info {
	return redact.Info{Name: "us_itin", Types: []string{"US_ITIN"}, MaxLen: 11, Priority: 20, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (USITIN) MinDigits() int { return 9 }

// GroupLengths implements redact.GroupFilteredDetector: a span is nine
// compact digits or 3-2-4, so it holds a group of 9 or 2.
func (USITIN) GroupLengths() uint64 { return 1<<9 | 1<<2 }

// FindInChain implements redact.ChainDetector.
func (USITIN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return nineDigits(dst, w, c, "- .", "US_ITIN")
}

func itinScore(d []byte, groups, len0, len1 int, sep byte) float32 {
	if !validate.USITIN(d) {
		return 0
	}
	switch {
	case groups == 1:
		return 0.3
	case groups == 3 && len0 == 3 && len1 == 2 && sep == '-':
		return 0.6
	case groups == 3 && len0 == 3 && len1 == 2:
		return 0.5
	}
	return 0
}

// CASIN finds Canadian social insurance numbers: nine digits passing the
// Luhn check, not starting with 0 or 8, grouped 3-3-3 with one consistent
// space or dash (0.6) or compact (0.3). Context ("SIN", "social insurance",
// French "NAS") raises the score above a compact SSN's.
type CASIN struct{}

var _ redact.GroupFilteredDetector = CASIN{}

// Info implements redact.Detector.
func (CASIN) Info() redact.Info {
	return redact.Info{Name: "ca_sin", Types: []string{"CA_SIN"}, MaxLen: 11, Priority: 25, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (CASIN) MinDigits() int { return 9 }

// GroupLengths implements redact.GroupFilteredDetector: a span is nine
// compact digits or 3-3-3.
func (CASIN) GroupLengths() uint64 { return 1<<9 | 1<<3 }

// FindInChain implements redact.ChainDetector.
func (CASIN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return nineDigits(dst, w, c, " -", "CA_SIN")
}

func sinScore(d []byte, groups, len0, len1 int) float32 {
	if !validate.CASIN(d) {
		return 0
	}
	switch {
	case groups == 1:
		return 0.3
	case groups == 3 && len0 == 3 && len1 == 3:
		return 0.6
	}
	return 0
}

// USPassport finds US passport numbers: nine digits (passport books before
// 2021) or one letter and eight digits (next-generation books, passport
// cards "C12345678"). Anything of that shape qualifies, so the default pack
// requires a passport context word.
type USPassport struct{}

var _ redact.GroupFilteredDetector = USPassport{}

// Info implements redact.Detector.
func (USPassport) Info() redact.Info {
	return redact.Info{Name: "us_passport", Types: []string{"US_PASSPORT"}, MaxLen: 9, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (USPassport) MinDigits() int { return 8 }

// GroupLengths implements redact.GroupFilteredDetector: a span is nine
// compact digits, or eight behind a letter.
func (USPassport) GroupLengths() uint64 { return 1<<9 | 1<<8 }

// FindInChain implements redact.ChainDetector.
func (USPassport) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return passportShape.find(dst, w, c)
}

var passportShape = idShape{typ: "US_PASSPORT", score: 0.8, bare: [2]int{9, 9}, prefixed: [2]int{8, 8}, maxPrefix: 1, maxLen: 9}

// USDriverLicense finds US driver's license numbers in the shapes the states
// issue: 6 to 14 digits, or one or two letters glued to 4 to 14 digits
// ("D1234567", "WA1234567"), either of them compact or in digit groups of
// three or more joined by one consistent dash or space ("S530-4601-2345").
// Anything of that shape qualifies, so the default pack requires a license
// context word.
type USDriverLicense struct{}

var _ redact.GroupFilteredDetector = USDriverLicense{}

// Info implements redact.Detector.
func (USDriverLicense) Info() redact.Info {
	return redact.Info{Name: "us_driver_license", Types: []string{"US_DRIVER_LICENSE"}, MaxLen: 24, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (USDriverLicense) MinDigits() int { return 4 }

// GroupLengths implements redact.GroupFilteredDetector: every group of a
// span has 3 to 14 digits.
func (USDriverLicense) GroupLengths() uint64 {
	return driverLicenseShape.groupLengths()
}

// FindInChain implements redact.ChainDetector.
func (USDriverLicense) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return driverLicenseShape.find(dst, w, c)
}

var driverLicenseShape = idShape{typ: "US_DRIVER_LICENSE", score: 0.75, bare: [2]int{6, 14}, prefixed: [2]int{4, 14}, maxPrefix: 2, seps: "- ", minGroup: 3, maxLen: 24}
