// Package detectors holds the built-in detectors: each a cheap matcher over
// the engine's candidates (digit chains, '@') followed by a validator from
// package validate, and a score. Default returns the default set.
package detectors

import "redactor/redact"

// Default returns the built-in detectors, ready for redact.Compile.
func Default() []redact.Detector {
	return []redact.Detector{
		Email{},
		Phone{},
		CreditCard{},
		IBAN{},
		USSSN{},
	}
}

// boundaryBefore reports whether a span may start at i: the byte before it is
// not a letter or digit.
func boundaryBefore(w *redact.Window, i int) bool { return !redact.IsAlnum(w.ByteBefore(i)) }

// boundaryAfter reports whether a span may end at i: the byte at i is not a
// letter or digit.
func boundaryAfter(w *redact.Window, i int) bool { return !redact.IsAlnum(w.ByteAt(i)) }

// sepByte returns the separator byte of token t (a redact.Sep token).
func sepByte(w *redact.Window, t redact.Token) byte { return w.Text[t.Start] }

// digitGroups walks the digit groups of chain tokens from index first, each
// pair joined by exactly one separator token that must equal the first
// separator seen (a consistent "4111 1111" or "078-05"). It calls visit after
// each group with the digits so far, the group count and the end of the
// group; visit returns false to stop. Groups past maxDigits stop the walk.
func digitGroups(w *redact.Window, toks []redact.Token, first int, seps string, maxDigits int, buf *[32]byte,
	visit func(digits []byte, groups int, sep byte, end int) bool) {
	nd, groups := 0, 0
	var sep byte
	for k := first; k < len(toks); {
		g := toks[k]
		if g.Kind != redact.Digits {
			return
		}
		l := int(g.End - g.Start)
		if nd+l > maxDigits {
			return
		}
		copy(buf[nd:], w.Text[g.Start:g.End])
		nd += l
		groups++
		if !visit(buf[:nd], groups, sep, int(g.End)) {
			return
		}
		if k+2 >= len(toks) || toks[k+1].Kind != redact.Sep || toks[k+2].Kind != redact.Digits {
			return
		}
		b := sepByte(w, toks[k+1])
		if sep == 0 {
			if !containsByte(seps, b) {
				return
			}
			sep = b
		} else if b != sep {
			return
		}
		k += 2
	}
}

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}
