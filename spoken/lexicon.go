package spoken

import "redactor/redact"

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

// The lexicon is an open-addressing table keyed by redact.WordHash, the
// hash the engine already computes for every word of the window
// (SpokenScratch.Words): a word is classified with one probe into keys (8
// KiB, a sixth full), and only a key match reads the slot's word to compare
// it with the word's bytes, so a hash collision with a lexicon word cannot
// misclassify a word.
const tableBits = 10

type slot struct {
	word     string
	cls, val uint8
}

var keys, slots = func() (k [1 << tableBits]uint64, t [1 << tableBits]slot) {
	for _, e := range lexicon {
		h := redact.WordHash([]byte(e.word))
		if h == 0 {
			panic("spoken: a lexicon word hashes to 0, the empty key")
		}
		i := h >> (64 - tableBits)
		for k[i] != 0 {
			i = (i + 1) & (1<<tableBits - 1)
		}
		k[i], t[i] = h, slot{word: e.word, cls: e.cls, val: e.val}
	}
	return k, t
}()

// lookup classifies the word w (at most maxWord bytes) whose WordHash is h.
func lookup(h uint64, w []byte) (cls, val uint8) {
	i := h >> (64 - tableBits)
	for {
		k := keys[i]
		if k == 0 {
			return cOther, 0
		}
		if k == h {
			if s := &slots[i]; len(s.word) == len(w) && equalFold(s.word, w) {
				return s.cls, s.val
			}
		}
		i = (i + 1) & (1<<tableBits - 1)
	}
}

// equalFold says whether w, ASCII-lower-cased, is s (lower-case letters,
// as long as w). Only ASCII letters lower-case to a letter: no digit,
// apostrophe or non-ASCII byte of a word passes.
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

// gap byte classes: gapJoin for the bytes that may sit between two words of
// a run, gapPause for those that are a pause (a comma, a period).
const (
	gapJoin  = 1
	gapPause = 2
)

var gapByte = func() (t [256]uint8) {
	t[' '], t['-'] = gapJoin, gapJoin
	t[','], t['.'] = gapJoin|gapPause, gapJoin|gapPause
	return t
}()

// gapFacts says whether the bytes g between two words may sit inside a run
// (only spaces, commas, hyphens and periods, at most maxGap of them) and
// whether they hold a pause.
func gapFacts(g []byte) (ok, pause bool) {
	all, any := uint8(gapJoin), uint8(0)
	for _, c := range g {
		all &= gapByte[c]
		any |= gapByte[c]
	}
	return all != 0 && len(g) <= maxGap, any&gapPause != 0
}

// tailEnd returns where the words of w's text begin: after the tail of a
// word that began before the window (its word bytes and apostrophes), 0
// without one. It can reach past the engine's own tail skip (WordEnd stops at
// two apostrophes in a row): tokenize leaves out the listed words that start
// before it, as the view always did.
func tailEnd(w *redact.Window) int {
	text := w.Text
	i := 0
	if b := w.ByteBefore(0); redact.IsWordByte(b) || b == '\'' && redact.IsWordByte(w.ByteAt(-2)) {
		for i < len(text) && (wordByte[text[i]] != 0 || text[i] == '\'') {
			i++
		}
	}
	return i
}

// tokenize classifies the words of w (words, as redact.AppendWords lists
// them; those that start before ti, the end of the tail of a word that
// began before the window, are skipped) and reads the gaps between them.
func tokenize(toks []tok, w *redact.Window, words []redact.Word, ti int) []tok {
	text := w.Text
	for len(words) > 0 && int(words[0].Start) < ti {
		words = words[1:]
	}
	cut := int32(len(text)) // a word that ends here is partial
	if w.EOF {
		cut = -1
	}
	// prevStored: the word before is a token; prevTok: one that is not a
	// plain word. pend: the word before, a plain word left out, if any.
	prevStored, prevTok := false, false
	pend, pendAfter := -1, false
	for k := 0; k < len(words); k++ {
		if !prevTok {
			// Most words are plain words, and a plain word matters only as
			// the end of a run (the first one after a stored token), next
			// to a connector ("john dot smith"), after "as in", or cut by
			// the window end. The others are left out (the word after a
			// left-out one is not joined to the word before it: gapOK
			// false). Skip them: a word whose hash finds an empty slot and
			// that is not a digit group nor cut by the window end.
			j := k
			for ; j < len(words); j++ {
				wd := &words[j]
				if keys[wd.Hash>>(64-tableBits)] != 0 || wd.End == cut || text[wd.Start]-'0' < 10 {
					break
				}
			}
			if j > k {
				pend, pendAfter, prevStored = j-1, prevStored && j-1 == k, false
				if k = j; k == len(words) {
					break
				}
			}
		}
		cls, val := classify(text, &words[k])
		partial := words[k].End == cut
		if cls == cOther && !partial && !prevTok {
			pend, pendAfter, prevStored = k, prevStored, false
			continue
		}
		rawOK, comma := gapAt(text, words, k, ti)
		t := tok{start: words[k].Start, end: words[k].End, end2: words[k].End, cls: cls, val: val,
			gapOK: rawOK && prevStored, comma: comma, partial: partial}
		if pend >= 0 && rawOK && (cls == cConn || partial) {
			// the plain word before a connector (or before a word that may
			// become one)
			toks = appendPlain(toks, text, words, pend, pendAfter, ti)
			t.gapOK = true
		}
		pend = -1
		toks = append(toks, t)
		prevStored, prevTok = true, cls != cOther
	}
	if pend >= 0 && !w.EOF {
		toks = appendPlain(toks, text, words, pend, pendAfter, ti)
	}
	return toks
}

// classify returns the class of the word wd of text: a written digit
// group, a lexicon word, or a plain word.
func classify(text []byte, wd *redact.Word) (cls, val uint8) {
	start, end := int(wd.Start), int(wd.End)
	w := text[start:end]
	if w[0]-'0' < 10 {
		for _, c := range w[1:] {
			if c-'0' >= 10 {
				return cOther, 0
			}
		}
		return cNumLit, 0
	}
	if len(w) > maxWord {
		return cOther, 0
	}
	return lookup(wd.Hash, w)
}

// gapAt returns the facts of the bytes before words[k]: whether they may
// sit inside a run (never before the first word), and whether they hold a
// pause.
func gapAt(text []byte, words []redact.Word, k, ti int) (ok, comma bool) {
	if k == 0 {
		_, comma = gapFacts(text[ti:words[0].Start])
		return false, comma
	}
	g0, g1 := int(words[k-1].End), int(words[k].Start)
	if g1-g0 == 1 && text[g0] == ' ' {
		return true, false // the common gap: one space
	}
	return gapFacts(text[g0:g1])
}

// appendPlain appends the left-out plain word words[k]; after says whether
// the word before it is a token.
func appendPlain(toks []tok, text []byte, words []redact.Word, k int, after bool, ti int) []tok {
	rawOK, comma := gapAt(text, words, k, ti)
	wd := &words[k]
	return append(toks, tok{start: wd.Start, end: wd.End, end2: wd.End, gapOK: rawOK && after, comma: comma})
}
