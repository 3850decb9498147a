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
	add(cPlus, '+', "plus")
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
	word           string
	cls, val, kind uint8
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
		k[i], t[i] = h, slot{word: e.word, cls: e.cls, val: e.val, kind: kind(e.cls, e.val)}
	}
	return k, t
}()

// lookup classifies the word w (at most maxWord bytes) whose WordHash is
// h, and returns its kind.
func lookup(h uint64, w []byte) (cls, val, kd uint8) {
	i := h >> (64 - tableBits)
	for {
		k := keys[i]
		if k == 0 {
			return cOther, 0, 0
		}
		if k == h {
			if s := &slots[i]; len(s.word) == len(w) && equalFold(s.word, w) {
				return s.cls, s.val, s.kind
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
// began before the window, are skipped) and reads the gaps between them:
// every token, inert ones included (see tokens).
func tokenize(toks []tok, w *redact.Window, words []redact.Word, ti int) []tok {
	var st scratch
	return tokens(&st, toks, w, words, ti, false)
}

// tokens returns the tokens of w: the words that are not plain words
// (findHits), the plain words that matter (the first one after a token,
// the one before a connector or before the word cut by the window end),
// and the gap facts. With drop, the clusters of hits that cannot change a
// run are left out, as if their words were plain words (see dropInert):
// Scan's runs are the same, with far fewer tokens on ordinary prose.
func tokens(st *scratch, toks []tok, w *redact.Window, words []redact.Word, ti int, drop bool) []tok {
	text := w.Text
	for len(words) > 0 && int(words[0].Start) < ti {
		words = words[1:]
	}
	hits := findHits(st.hits[:0], text, words, w.EOF)
	st.hits = hits
	if drop {
		hits = dropInert(hits, len(words), w.EOF)
	}
	// prevStored: the word before is a token; prevTok: one that is not a
	// plain word. pend: the word before, a plain word left out, if any;
	// pendAfter: the word before pend is a token. Plain words are left
	// out except the first one after a token and the one before a
	// connector or a cut word (the word after a left-out one is not
	// joined to the word before it: gapOK false).
	prevStored, prevTok := false, false
	pend, pendAfter := -1, false
	next := 0 // the first word not yet seen
	for hi := range hits {
		h := &hits[hi]
		k := int(h.k)
		if next < k && prevTok {
			toks = appendPlain(toks, text, words, next, prevStored, ti)
			prevStored, prevTok = true, false
			next++
		}
		if next < k {
			pend, pendAfter, prevStored = k-1, prevStored && k-1 == next, false
		}
		rawOK, comma := gapAt(text, words, k, ti)
		wd := &words[k]
		t := tok{start: wd.Start, end: wd.End, end2: wd.End, cls: h.cls, val: h.val,
			gapOK: rawOK && prevStored, comma: comma, partial: h.partial}
		if pend >= 0 && rawOK && (h.cls == cConn || h.partial || digitish(h.cls) && atAhead(hits, hi)) {
			// the plain word before a connector (or before a word that may
			// become one), or before digits that may end an email's local
			// part
			toks = appendPlain(toks, text, words, pend, pendAfter, ti)
			t.gapOK = true
		}
		pend = -1
		toks = append(toks, t)
		prevStored, prevTok = true, h.cls != cOther
		next = k + 1
	}
	if n := len(words); next < n && !w.EOF {
		// the last word is a token (a run may go on into it)
		if prevTok {
			toks = appendPlain(toks, text, words, next, prevStored, ti)
			prevStored = true
			next++
		}
		if next < n {
			toks = appendPlain(toks, text, words, n-1, prevStored && n-1 == next, ti)
		}
	} else if next < n && prevTok {
		toks = appendPlain(toks, text, words, next, prevStored, ti)
	}
	return toks
}

// atAhead says whether the hits from hits[hi] on are digit words on
// consecutive words and then an '@' (or a word cut by the window end): the
// plain word before them may join them (digitsThenAt).
func atAhead(hits []hit, hi int) bool {
	for j := hi; j < len(hits) && j <= hi+maxLocalDigits; j++ {
		h := &hits[j]
		if j > hi && h.k != hits[j-1].k+1 {
			return false // a plain word between
		}
		if h.partial {
			return true
		}
		if digitish(h.cls) {
			continue
		}
		return j > hi && h.cls == cConn && h.val == '@'
	}
	return false
}

// hit is a word that is a token by itself: a lexicon word, a written digit
// group, or the word cut by the end of a window that is not the stream's
// end (partial, whatever its class).
type hit struct {
	k            int32 // the word's index
	cls, val, kd uint8 // kd: its kind (kValue ...)
	partial      bool
}

// findHits appends the hits among words (eof: the window ends the
// stream). Most words are plain words: one bit of filter, read at the
// word's hash, rejects nearly all of them without touching the lexicon.
func findHits(hits []hit, text []byte, words []redact.Word, eof bool) []hit {
	n := len(words)
	end := n // the words looked up in the loop
	if !eof && n > 0 && int(words[n-1].End) == len(text) {
		end = n - 1 // the last word is cut by the window end
	}
	for k := 0; k < end; k++ {
		if k = skipPlain(text, words[:end], k); k == end {
			break
		}
		if cls, val, kd := classify(text, &words[k]); cls != cOther {
			hits = append(hits, hit{k: int32(k), cls: cls, val: val, kd: kd})
		}
	}
	if end < n {
		cls, val, kd := classify(text, &words[end])
		hits = append(hits, hit{k: int32(end), cls: cls, val: val, kd: kd | kActive, partial: true})
	}
	return hits
}

// dropInert removes from hits (over nWords words; eof: the window ends the
// stream) the hits of inert clusters. A cluster is a maximal run of hits
// on consecutive words. A plain word between two clusters breaks every join
// of the run logic but "x conn y", a spelling that swallows it ("b as in
// boy") and a run that reaches a cut word, so a cluster that can hold no run
// by itself changes no run, and is left out as if its words were plain
// words, unless it is one plain word away from an active cluster: "me at
// home dot com", "one p b as in boy". A cluster is active when it holds a
// connector other than "at", the cut word, a letter followed by "as", or
// ends among the last six words of a window the stream continues (a run
// there may be open); it can hold a run when it is active or holds two
// values that may join: two values other than weak letters, or two
// letters. That drops most lexicon words of ordinary prose ("a", "i",
// "at", "in", "of", "and", "may", "first", a lone number).
// TestScanMatchesAllTokens and TestScanSoup check the runs against the
// view that keeps every token (scan without drop).
func dropInert(hits []hit, nWords int, eof bool) []hit {
	near := int32(nWords) // clusters ending from here on are active
	if !eof {
		near = int32(nWords - 6)
	}
	// The cluster being read: hits[c0:w] (written back compacted), on the
	// words up to last; values: its values other than weak letters,
	// letters: its letters; prev, all: the kinds of its last hit and of
	// all, with kActive for "b as".
	w, c0, last := 0, 0, int32(-3)
	var values, letters int32
	var prev, all uint8
	// The last cluster closed; pend0: the first hit of a cluster kept only
	// if the next one is active (-1: none).
	prevEnd, prevActive := int32(-3), false
	pend0 := -1
	for r := 0; ; r++ {
		k := int32(nWords) + 3
		if r < len(hits) {
			k = hits[r].k
		}
		if k != last+1 && w > c0 {
			// close the cluster hits[c0:w]
			start := hits[c0].k
			active := all&kActive != 0 || last >= near
			if pend0 >= 0 {
				if !active {
					// the cluster before is inert: drop it
					w = pend0 + copy(hits[pend0:], hits[c0:w])
					c0 = pend0
				}
				pend0 = -1
			}
			if !active && values < 2 && letters < 2 && !(prevActive && start-prevEnd <= 2) {
				if k-last <= 2 {
					pend0 = c0 // is the next cluster, one plain word away, active?
				} else {
					w = c0
				}
			}
			prevEnd, prevActive = last, active
			c0, values, letters, prev, all = w, 0, 0, 0, 0
		}
		if r == len(hits) {
			return hits[:w]
		}
		h := hits[r]
		kd := h.kd
		values += int32(kd & kValue)
		letters += int32(kd>>1) & 1
		if kd&kAs != 0 && prev&kLetterish != 0 {
			all |= kActive // "b as in boy" swallows the next word
		}
		all |= kd
		prev = kd
		last = k
		hits[w] = h
		w++
	}
}

// skipPlain returns the index of the first of words from k on that may
// be a hit (the filter passes it, or it starts with a digit), len(words)
// without one. It is the view's hot loop: kept apart so that it runs in
// registers.
//
//go:noinline
func skipPlain(text []byte, words []redact.Word, k int) int {
	ws := words[k:]
	for i := range ws {
		wd := &ws[i]
		b := wd.Hash >> (64 - filterBits)
		if filter[b>>6]&(1<<(b&63)) != 0 || text[wd.Start]-'0' < 10 {
			return k + i
		}
	}
	return len(words)
}

// filterBits sizes filter: 2^15 bits (4 KiB), one per hash prefix, set
// for the lexicon's words; a plain word passes with odds of about 1 in 200.
const filterBits = 15

var filter = func() (f [1 << filterBits / 64]uint64) {
	for _, e := range lexicon {
		b := redact.WordHash([]byte(e.word)) >> (64 - filterBits)
		f[b>>6] |= 1 << (b & 63)
	}
	return f
}()

// hit kinds: what a word can do in a run, for dropInert
const (
	kValue     = 1 << iota // a value other than a weak letter: joins another value
	kLetterish             // a letter, "o", "a", "i": joins another letter
	kAs                    // "as": a spelling after a letter ("b as in boy")
	kActive                // a connector other than "at", or the cut word
)

// kindOf gives the kind of each class; "at" (cConn '@') is not active.
var kindOf = func() (t [32]uint8) {
	for _, c := range []uint8{cDigit, cTeen, cTens, cHundred, cThousand, cDouble, cNumLit, cMonth, cOrd} {
		t[c] = kValue
	}
	t[cO], t[cLetter] = kValue|kLetterish, kValue|kLetterish
	t[cWeak], t[cAs], t[cConn] = kLetterish, kAs, kActive
	t[cPlus] = kValue // it joins the value after it: a cluster "plus four" may hold a run
	return t
}()

// kind returns the kind of a token of class cls and value val.
func kind(cls, val uint8) uint8 {
	if cls == cConn && val == '@' {
		return 0
	}
	return kindOf[cls&31]
}

// classify returns the class of the word wd of text (a written digit
// group, a lexicon word, or a plain word) and its kind.
func classify(text []byte, wd *redact.Word) (cls, val, kd uint8) {
	start, end := int(wd.Start), int(wd.End)
	w := text[start:end]
	if w[0]-'0' < 10 {
		for _, c := range w[1:] {
			if c-'0' >= 10 {
				return cOther, 0, 0
			}
		}
		return cNumLit, 0, kValue
	}
	if len(w) > maxWord {
		return cOther, 0, 0
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
