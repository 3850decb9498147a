package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// IBAN finds international bank account numbers: a country code, two check
// digits and the BBAN, compact or in groups joined by single spaces or
// dashes, with the country's exact length and a valid ISO 7064 mod 97-10
// check. Lower-case letters are accepted.
type IBAN struct{}

var _ redact.ChainDetector = IBAN{}

const ibanMaxChars = 34

// Info implements redact.Detector.
func (IBAN) Info() redact.Info {
	return redact.Info{Name: "iban", Types: []string{"IBAN_CODE"}, MaxLen: 2 * ibanMaxChars, Priority: 10, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (IBAN) MinDigits() int { return 4 }

// FindInChain implements redact.ChainDetector.
func (IBAN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t, tok := range toks {
		if tok.Kind != redact.Letters || tok.End-tok.Start != 2 || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		want := validate.IBANLength(upper(w.Text[tok.Start]), upper(w.Text[tok.Start+1]))
		if want == 0 {
			continue
		}
		var buf [ibanMaxChars]byte
		n := 0
		var sep byte
		for k := t; k < len(toks); k++ {
			tk := toks[k]
			if tk.Kind == redact.Sep {
				// One space or dash between groups, the same each time.
				b := sepByte(w, tk)
				if k+1 == len(toks) || toks[k+1].Kind == redact.Sep || (b != ' ' && b != '-') || (sep != 0 && b != sep) {
					break
				}
				sep = b
				continue
			}
			l := int(tk.End - tk.Start)
			if n+l > want {
				break
			}
			for i := tk.Start; i < tk.End; i++ {
				buf[n] = upper(w.Text[i])
				n++
			}
			if n < 4 {
				continue
			}
			if !redact.IsDigit(buf[2]) || !redact.IsDigit(buf[3]) {
				break
			}
			if n == want {
				if boundaryAfter(w, int(tk.End)) && validate.IBAN(buf[:n]) {
					dst = append(dst, redact.Candidate{Start: int(tok.Start), End: int(tk.End), Type: "IBAN_CODE", Score: 1})
				}
				break
			}
		}
	}
	return dst
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}
