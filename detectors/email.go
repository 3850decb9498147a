package detectors

import "redactor/redact"

// Email finds email addresses around an '@': a local part of at most 64
// characters from [A-Za-z0-9._%+-] (no leading, trailing or double dot) and a
// domain of at most 253 characters with two or more labels, the last one
// letters (or an xn-- IDN label). A trailing sentence dot is not taken.
type Email struct{}

var _ redact.ByteDetector = Email{}

const (
	emailMaxLocal  = 64
	emailMaxDomain = 253
)

// Info implements redact.Detector.
func (Email) Info() redact.Info {
	return redact.Info{Name: "email", Types: []string{"EMAIL_ADDRESS"}, MaxLen: emailMaxLocal + 1 + emailMaxDomain, Priority: 10, Lookbehind: emailMaxLocal + 1}
}

func isLocalByte(c byte) bool {
	return redact.IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

func isDomainByte(c byte) bool { return redact.IsAlnum(c) || c == '.' || c == '-' }

// Trigger implements redact.ByteDetector: every '@'.
func (Email) Trigger() ([]byte, bool) { return []byte{'@'}, false }

// FindAtByte implements redact.ByteDetector.
func (Email) FindAtByte(dst []redact.Candidate, w *redact.Window, at int) []redact.Candidate {
	text := w.Text
	// Local part: the maximal run before '@' (which may reach into
	// w.Before), without leading dots; longer than 64 is no address.
	s := at
	for at-s <= emailMaxLocal && isLocalByte(w.ByteBefore(s)) {
		s--
	}
	if at-s > emailMaxLocal {
		return dst
	}
	for s < at && w.ByteAt(s) == '.' {
		s++
	}
	if s < 0 || s == at || text[at-1] == '.' {
		return dst // s < 0: the address began before this window
	}
	for i := s; i+1 < at; i++ {
		if text[i] == '.' && text[i+1] == '.' {
			return dst
		}
	}
	// Domain: the maximal run after '@', without trailing dots and dashes.
	e := at + 1
	for e < len(text) && e-at-1 <= emailMaxDomain && isDomainByte(text[e]) {
		e++
	}
	if e-at-1 > emailMaxDomain {
		return dst
	}
	for e > at+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
	}
	if !validDomain(text[at+1 : e]) {
		return dst
	}
	return append(dst, redact.Candidate{Start: s, End: e, Type: "EMAIL_ADDRESS", Score: 1})
}

// validDomain checks labels of 1-63 letters, digits and inner dashes, at
// least two of them, the last all letters (two or more) or an "xn--" label.
func validDomain(d []byte) bool {
	labels, start := 0, 0
	for i := 0; i <= len(d); i++ {
		if i < len(d) && d[i] != '.' {
			continue
		}
		l := d[start:i]
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		labels++
		if i == len(d) { // top-level label
			if len(l) > 4 && l[0]|0x20 == 'x' && l[1]|0x20 == 'n' && l[2] == '-' && l[3] == '-' {
				return labels >= 2
			}
			if len(l) < 2 {
				return false
			}
			for _, c := range l {
				if !redact.IsLetter(c) {
					return false
				}
			}
		}
		start = i + 1
	}
	return labels >= 2
}
