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

// boundaryBefore reports whether a number may start at i: the byte before it
// is not a letter or digit, nor a '-', '.' or '/' glued to one (the number
// would be the tail of a code such as "CLM-2023-678639"). It reads two bytes
// before i (Lookbehind 2).
func boundaryBefore(w *redact.Window, i int) bool {
	b := w.ByteBefore(i)
	if redact.IsAlnum(b) {
		return false
	}
	return !(b == '-' || b == '.' || b == '/') || !redact.IsAlnum(w.ByteBefore(i-1))
}

// boundaryAfter reports whether a number may end at i: the byte at i is not a
// letter or digit, nor a '-' or '/' followed by one, nor a '.' followed by a
// digit ("4111.25"). It reads up to i+1 (redact.MaxLookahead).
func boundaryAfter(w *redact.Window, i int) bool {
	b := w.ByteAt(i)
	switch {
	case redact.IsAlnum(b):
		return false
	case b == '-' || b == '/':
		return !redact.IsAlnum(w.ByteAt(i + 1))
	case b == '.':
		return !redact.IsDigit(w.ByteAt(i + 1))
	}
	return true
}

// sepByte returns the separator byte of token t (a redact.Sep token).
func sepByte(w *redact.Window, t redact.Token) byte { return w.Text[t.Start] }

// groupWalker walks the digit groups of a chain from one token on, each pair
// joined by exactly one separator token that must equal the first separator
// seen (a consistent "4111 1111" or "078-05"). It allocates nothing.
type groupWalker struct {
	w         *redact.Window
	toks      []redact.Token
	next      int    // index of the next digit token, or -1 when done
	seps      string // allowed separators
	maxDigits int
	buf       [32]byte
	nd        int  // digits so far
	groups    int  // groups so far
	sep       byte // the separator in use, 0 before the second group
	end       int  // end of the last group taken
	lens      [8]int
}

func newGroupWalker(w *redact.Window, toks []redact.Token, first int, seps string, maxDigits int) groupWalker {
	return groupWalker{w: w, toks: toks, next: first, seps: seps, maxDigits: min(maxDigits, 32)}
}

// step takes in the next group; it returns false when there is none (the
// chain ends, the separator changes, or the digits would exceed maxDigits).
func (g *groupWalker) step() bool {
	k := g.next
	if k < 0 || k >= len(g.toks) || g.toks[k].Kind != redact.Digits {
		return false
	}
	if g.groups > 0 {
		b := sepByte(g.w, g.toks[k-1])
		if g.sep == 0 && !containsByte(g.seps, b) || g.sep != 0 && b != g.sep {
			return false
		}
		g.sep = b
	}
	t := g.toks[k]
	l := int(t.End - t.Start)
	if g.nd+l > g.maxDigits {
		return false
	}
	g.nd += copy(g.buf[g.nd:], g.w.Text[t.Start:t.End])
	if g.groups < len(g.lens) {
		g.lens[g.groups] = l
	}
	g.groups++
	g.end = int(t.End)
	g.next = -1
	if k+2 < len(g.toks) && g.toks[k+1].Kind == redact.Sep && g.toks[k+2].Kind == redact.Digits {
		g.next = k + 2
	}
	return true
}

// digits returns the digits taken so far.
func (g *groupWalker) digits() []byte { return g.buf[:g.nd] }

func containsByte(s string, b byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == b {
			return true
		}
	}
	return false
}

// groupRange returns the redact.Chain.Groups bits of digit groups of lo to
// hi digits (hi 63: 63 or more), for GroupLengths.
func groupRange(lo, hi int) uint64 { return (1<<(hi+1) - 1) &^ (1<<lo - 1) }
