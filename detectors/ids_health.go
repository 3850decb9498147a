package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// Health identifiers (PHI): provider and beneficiary numbers with a
// published check, and record and plan numbers that are only shapes.

// USNPI finds US national provider identifiers: ten digits starting with 1
// or 2 whose Luhn check over the prefix 80840 holds, compact (0.5, below a
// compact phone number, which a tenth of NPI-valid numbers also are) or
// grouped 4-3-3 with one consistent space or dash (0.6). Context ("NPI",
// "provider") raises the score.
type USNPI struct{}

var _ redact.GroupFilteredDetector = USNPI{}

// Info implements redact.Detector.
func (USNPI) Info() redact.Info {
	return redact.Info{Name: "us_npi", Types: []string{"US_NPI"}, MaxLen: 12, Priority: 30, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (USNPI) MinDigits() int { return 10 }

// GroupLengths implements redact.GroupFilteredDetector: a span is ten
// compact digits or 4-3-3, so it holds a group of 10 or 3.
func (USNPI) GroupLengths() uint64 { return 1<<10 | 1<<3 }

// FindInChain implements redact.ChainDetector.
func (USNPI) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	rem := c.Digits // digits from token t on
	for t, tok := range c.Tokens {
		if tok.Kind != redact.Digits {
			continue
		}
		if rem < 10 {
			break
		}
		l := int(tok.End - tok.Start)
		rem -= l
		// Only ten compact digits or 4-3-3 score.
		if l != 10 && l != 4 || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		g := newGroupWalker(w, c.Tokens, t, " -", 10)
		for g.groups < 3 && g.step() {
			if g.nd != 10 {
				continue
			}
			var score float32
			switch {
			case g.groups == 1:
				score = 0.5
			case g.groups == 3 && g.lens[0] == 4 && g.lens[1] == 3:
				score = 0.6
			}
			if score > 0 && boundaryAfter(w, g.end) && validate.USNPI(g.digits()) {
				dst = append(dst, idCandidate(w, int(tok.Start), g.end, "US_NPI", score))
			}
			break
		}
	}
	return dst
}

// DEA finds US DEA registration numbers (type MEDICAL_LICENSE): two letters
// and seven digits, or a letter, '9' and seven digits, whose last digit is
// the DEA check digit ("AB1234563"), and whose first letter is a DEA
// registrant type (A-H, J-U, X: not I, V, W, Y, Z, so "W91234563" order
// numbers stay). Either case. It scores 0.6; context ("DEA", "registration")
// raises it.
type DEA struct{}

var _ redact.GroupFilteredDetector = DEA{}

// Info implements redact.Detector.
func (DEA) Info() redact.Info {
	return redact.Info{Name: "dea", Types: []string{"MEDICAL_LICENSE"}, MaxLen: 9, Priority: 20, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (DEA) MinDigits() int { return 7 }

// GroupLengths implements redact.GroupFilteredDetector: a span is one or two
// letters glued to 8 or 7 digits.
func (DEA) GroupLengths() uint64 { return 1<<7 | 1<<8 }

// FindInChain implements redact.ChainDetector.
func (DEA) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t := 0; t+1 < len(toks); t++ {
		l, d := toks[t], toks[t+1]
		if l.Kind != redact.Letters || d.Kind != redact.Digits || d.Start != l.End || d.End-l.Start != 9 {
			continue
		}
		s, e := int(l.Start), int(d.End)
		if l.End-l.Start > 2 || !deaRegistrant(w.Text[s]) || !boundaryBefore(w, s) || !boundaryAfter(w, e) || !validate.DEA(w.Text[s:e]) {
			continue
		}
		dst = append(dst, idCandidate(w, s, e, "MEDICAL_LICENSE", 0.6))
	}
	return dst
}

// deaRegistrant reports whether c is a DEA registrant type letter: A-H, J-U
// (practitioners, institutions, manufacturers, distributors, narcotic
// treatment programs) and X (buprenorphine prescribers).
func deaRegistrant(c byte) bool {
	switch upper(c) {
	case 'I', 'V', 'W', 'Y', 'Z':
		return false
	}
	return redact.IsLetter(c)
}

// USMBI finds US Medicare beneficiary identifiers: eleven characters in the
// CMS format C A AN N A AN N A A N N (letters without S, L, O, I, B, Z;
// either case), compact (0.5) or in groups of 4, 3 and 4 joined by one
// consistent dash or space (0.6: "1EG4-TE5-MK73"). There is no check digit
// but the format is specific; context ("Medicare", "MBI") raises the score.
type USMBI struct{}

var _ redact.GroupFilteredDetector = USMBI{}

const mbiLen = 11

// Info implements redact.Detector.
func (USMBI) Info() redact.Info {
	return redact.Info{Name: "us_mbi", Types: []string{"US_MBI"}, MaxLen: mbiLen + 2, Priority: 20, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector: positions 1, 4, 7, 10 and 11
// are digits.
func (USMBI) MinDigits() int { return 5 }

// GroupLengths implements redact.GroupFilteredDetector: a span starts with a
// digit and a letter (C A ...), so it holds a one-digit group.
func (USMBI) GroupLengths() uint64 { return 1 << 1 }

// FindInChain implements redact.ChainDetector.
func (USMBI) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	if c.End-c.Start < mbiLen {
		return dst
	}
	toks := c.Tokens
	for t, tok := range toks {
		if tok.Kind != redact.Digits || w.Text[tok.Start] == '0' || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		var buf [mbiLen]byte
		n, seps, end := 0, 0, -1
		var sep byte
		for k := t; k < len(toks) && n < mbiLen; k++ {
			tk := toks[k]
			if tk.Kind == redact.Sep {
				// Only after the 4th and the 7th character, the same both times.
				b := sepByte(w, tk)
				if n != 4+3*seps || b != '-' && b != ' ' || sep != 0 && b != sep || k+1 == len(toks) || toks[k+1].Kind == redact.Sep {
					break
				}
				sep = b
				seps++
				continue
			}
			l := int(tk.End - tk.Start)
			if n+l > mbiLen {
				break
			}
			n += copy(buf[n:], w.Text[tk.Start:tk.End])
			if n == mbiLen {
				end = int(tk.End)
			}
		}
		if end < 0 || seps == 1 || !boundaryAfter(w, end) || !validate.USMBI(buf[:]) {
			continue
		}
		score := float32(0.5)
		if seps == 2 {
			score = 0.6
		}
		dst = append(dst, idCandidate(w, int(tok.Start), end, "US_MBI", score))
	}
	return dst
}

// MedicalRecordNumber finds medical record numbers: 5 to 12 digits, alone
// or behind up to three letters glued to them ("A1234567"), compact or in
// digit groups of two or more joined by one consistent dash or space.
// Every hospital has its own format, so the shape is loose and the default
// pack requires a context word ("MRN", "medical record").
type MedicalRecordNumber struct{}

var _ redact.GroupFilteredDetector = MedicalRecordNumber{}

// Info implements redact.Detector.
func (MedicalRecordNumber) Info() redact.Info {
	return redact.Info{Name: "medical_record_number", Types: []string{"MEDICAL_RECORD_NUMBER"}, MaxLen: 24, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (MedicalRecordNumber) MinDigits() int { return 5 }

// GroupLengths implements redact.GroupFilteredDetector: every group of a
// span has 2 to 12 digits.
func (MedicalRecordNumber) GroupLengths() uint64 {
	return medicalRecordShape.groupLengths()
}

// FindInChain implements redact.ChainDetector.
func (MedicalRecordNumber) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return medicalRecordShape.find(dst, w, c)
}

var medicalRecordShape = idShape{typ: "MEDICAL_RECORD_NUMBER", score: 0.8, bare: [2]int{5, 12}, prefixed: [2]int{5, 12}, maxPrefix: 3, seps: "- ", minGroup: 2, maxLen: 24}

// HealthPlanID finds health plan member, subscriber and group numbers: 6 to
// 15 digits, alone or behind up to three letters glued to them
// ("XYZ123456789", "W123456789"), compact or in digit groups of two or more
// joined by one consistent dash or space ("123456789-01"). The default pack
// requires a context word ("member ID", "policy number", "plan ID",
// "subscriber").
type HealthPlanID struct{}

var _ redact.GroupFilteredDetector = HealthPlanID{}

// Info implements redact.Detector.
func (HealthPlanID) Info() redact.Info {
	return redact.Info{Name: "health_plan_id", Types: []string{"HEALTH_PLAN_ID"}, MaxLen: 28, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (HealthPlanID) MinDigits() int { return 6 }

// GroupLengths implements redact.GroupFilteredDetector: every group of a
// span has 2 to 15 digits.
func (HealthPlanID) GroupLengths() uint64 {
	return healthPlanShape.groupLengths()
}

// FindInChain implements redact.ChainDetector.
func (HealthPlanID) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return healthPlanShape.find(dst, w, c)
}

var healthPlanShape = idShape{typ: "HEALTH_PLAN_ID", score: 0.8, bare: [2]int{6, 15}, prefixed: [2]int{6, 15}, maxPrefix: 3, seps: "- ", minGroup: 2, maxLen: 28}
