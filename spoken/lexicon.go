package spoken

import (
	"encoding/binary"
	"math/bits"

	"redactor/redact"
)

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
	swarLow7 = 0x7F7F7F7F7F7F7F7F
)

// letters8 returns 0x80 in each byte of x that is an ASCII letter.
func letters8(x uint64) uint64 {
	y := (x | swarOnes*0x20) & swarLow7
	// 0x60 < y < 0x7B, and the byte is ASCII
	return (swarOnes*(127+0x7B) - y) &^ x & (y + swarOnes*(127-0x60)) & swarHigh
}

type entry struct {
	word     string
	cls, val uint8
}

// maxWord is the longest word in the lexicon; longer words are plain words.
const maxWord = 11

var lexicon = func() []entry {
	var es []entry
	add := func(cls uint8, val uint8, words ...string) {
		for _, w := range words {
			es = append(es, entry{w, cls, val})
		}
	}
	add(cDigit, 0, "zero", "oh", "nought", "nil")
	add(cO, 0, "o")
	for d, w := range []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"} {
		add(cDigit, uint8(d+1), w)
	}
	for d, w := range []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"} {
		add(cTeen, uint8(d+10), w)
	}
	for d, w := range []string{"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"} {
		add(cTens, uint8(d+2), w)
	}
	add(cHundred, 0, "hundred")
	add(cThousand, 0, "thousand")
	add(cDouble, 2, "double")
	add(cDouble, 3, "triple")
	for c := byte('b'); c <= 'z'; c++ {
		if c != 'i' && c != 'o' {
			add(cLetter, c, string(c))
		}
	}
	add(cWeak, 'a', "a")
	add(cWeak, 'i', "i")
	nato := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
		"juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra",
		"tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"}
	for i, w := range nato {
		add(cLetter, byte('a'+i), w)
	}
	add(cLetter, 'a', "alfa")
	add(cLetter, 'j', "juliet")
	add(cLetter, 'w', "whisky")
	add(cConn, '.', "dot")
	add(cConn, '@', "at")
	add(cConn, '_', "underscore")
	add(cConn, '-', "dash", "hyphen")
	add(cConn, '/', "slash")
	add(cFill, 0, "uh", "um", "uhm", "er", "erm", "ah", "hmm", "space")
	add(cSorry, 0, "sorry")
	add(cAnd, 0, "and")
	for m, w := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "", "december"} {
		if w == "" {
			continue // "november" is also the NATO n: see isMonth
		}
		add(cMonth, uint8(m+1), w)
	}
	for d, w := range []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"} {
		add(cOrd, uint8(d+1), w)
	}
	add(cOrd, 30, "thirtieth")
	add(cOf, 0, "of")
	add(cAs, 0, "as")
	add(cIn, 0, "in")
	return es
}()

// The lexicon is an open-addressing table keyed by a word's packed bytes.
const tableBits = 10

type slot struct {
	key      uint64 // hash of the word; 0: empty
	word     string
	cls, val uint8
}

var table = func() (t [1 << tableBits]slot) {
	for _, e := range lexicon {
		h := wordKey([]byte(e.word))
		i := h >> (64 - tableBits)
		for t[i].key != 0 {
			i = (i + 1) & (1<<tableBits - 1)
		}
		t[i] = slot{key: h, word: e.word, cls: e.cls, val: e.val}
	}
	return t
}()

// wordKey hashes a lower-case ASCII word of at most maxWord letters: its
// first eight bytes packed little-endian, the rest packed after them.
func wordKey(w []byte) uint64 {
	var acc, acc2 uint64
	for i, c := range w {
		if i < 8 {
			acc |= uint64(c|0x20) << (8 * i)
		} else {
			acc2 = acc2<<8 | uint64(c|0x20)
		}
	}
	return mixKey(acc, acc2, len(w))
}

func mixKey(acc, acc2 uint64, n int) uint64 {
	h := (acc ^ (acc2+uint64(n))*0xC2B2AE3D27D4EB4F) * 0x9E3779B97F4A7C15
	return (h ^ h>>29) | 1
}

// lengths has, per first and last letter (lower-cased, five bits each),
// bit n set when some lexicon word with those letters has n bytes: most
// words are turned away by it alone.
var lengths = func() (t [1024]uint16) {
	for _, e := range lexicon {
		t[edgeKey(e.word[0], e.word[len(e.word)-1])] |= 1 << len(e.word)
	}
	return t
}()

func edgeKey(first, last byte) int { return int(first&31)<<5 | int(last&31) }

func lookup(h uint64, w []byte) (cls, val uint8) {
	i := h >> (64 - tableBits)
	for {
		s := &table[i]
		if s.key == 0 {
			return cOther, 0
		}
		if s.key == h && len(s.word) == len(w) && equalFold(s.word, w) {
			return s.cls, s.val
		}
		i = (i + 1) & (1<<tableBits - 1)
	}
}

func equalFold(s string, w []byte) bool {
	for i := range w {
		if s[i] != w[i]|0x20 {
			return false
		}
	}
	return true
}

// word byte classes
var wordByte = func() (t [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = 1
		case 'A' <= c && c <= 'Z':
			t[c] = 1
		case '0' <= c && c <= '9':
			t[c] = 2
		case c >= 0x80:
			t[c] = 4
		}
	}
	return t
}()

// tokenize splits text into words and classifies them.
func tokenize(toks []tok, text []byte, w *redact.Window) []tok {
	n := len(text)
	i := 0
	if b := w.ByteBefore(0); redact.IsWordByte(b) || b == '\'' && redact.IsWordByte(w.ByteAt(-2)) {
		// the tail of a word that began before the window
		for i < n && (wordByte[text[i]] != 0 || text[i] == '\'') {
			i++
		}
	}
	gapStart, gapOK, comma := i, false, false
	prevStored, hasPend := false, false
	var pend tok
	for i < n {
		c := text[i]
		if wordByte[c] == 0 {
			if c != ' ' && c != ',' && c != '-' && c != '.' {
				gapOK = false
			}
			comma = comma || c == ',' || c == '.'
			i++
			continue
		}
		start := i
		kinds := uint8(0)
		var acc, acc2 uint64
		fast := false
		if i+8 <= n {
			// Fast path: a word of one to seven ASCII letters, tested and
			// packed eight bytes at a time.
			x := binary.LittleEndian.Uint64(text[i:])
			m := letters8(x)
			if k := bits.TrailingZeros64(^m&swarHigh) / 8; k < 8 {
				if c := text[i+k]; wordByte[c] == 0 && c != '\'' {
					kinds, fast = 1, true
					acc = (x | swarOnes*0x20) & (1<<(8*k) - 1)
					i += k
				}
			}
		}
		for !fast && i < n {
			c := text[i]
			k := wordByte[c]
			if k == 0 {
				if c == '\'' && i+1 < n && wordByte[text[i+1]] != 0 {
					kinds |= 4
					i++
					continue
				}
				break
			}
			kinds |= k
			if l := i - start; l < 8 {
				acc |= uint64(c|0x20) << (8 * l)
			} else {
				acc2 = acc2<<8 | uint64(c|0x20)
			}
			i++
		}
		t := tok{start: int32(start), end: int32(i), end2: int32(i)}
		rawOK := gapOK && start-gapStart <= maxGap
		t.gapOK = rawOK && prevStored
		t.partial = i == n && !w.EOF
		t.comma = comma
		switch {
		case kinds == 2:
			t.cls = cNumLit
		case kinds == 1 && i-start <= maxWord && lengths[edgeKey(text[start], text[i-1])]&(1<<(i-start)) != 0:
			t.cls, t.val = lookup(mixKey(acc, acc2, i-start), text[start:i])
		}
		gapStart, gapOK, comma = i, true, false
		// Most words are plain words, and a plain word matters only as the
		// end of a run (the first one after a stored token), next to a
		// connector ("john dot smith"), after "as in", or cut by the window
		// end. The others are left out; the word after a left-out one is
		// not joined to the word before it (gapOK false).
		if t.cls == cOther && !t.partial {
			l := len(toks)
			if prevStored && l > 0 && toks[l-1].cls != cOther {
				toks = append(toks, t)
				prevStored, hasPend = true, false
			} else {
				pend, hasPend, prevStored = t, true, false
			}
			continue
		}
		if hasPend && rawOK && (t.cls == cConn || t.partial) {
			// the plain word before a connector (or before a word that may
			// become one)
			toks = append(toks, pend)
			t.gapOK = true
		}
		hasPend = false
		toks = append(toks, t)
		prevStored = true
	}
	if hasPend && !w.EOF {
		toks = append(toks, pend)
	}
	return toks
}
