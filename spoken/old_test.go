package spoken

// A copy of the view as it was before the hit-list tokenizer and the
// dropping of inert word clusters (spoken.go, lexicon.go and build.go,
// identifiers prefixed "old"), kept as the reference for
// TestScanMatchesOld.

import "redactor/redact"

type oldTok struct {
	start, end int32
	end2       int32 // end including an attached "as in X"
	cls, val   uint8
	gapOK      bool // the bytes before this token (from the previous token) may sit inside a run
	comma      bool // the bytes before this token hold a comma (a pause)
	partial    bool // touches the end of a window that is not the stream's end
}

type oldScratch struct {
	toks  []oldTok
	words []redact.Word // the window's words, when the caller did not list them
}

// oldMaxGap is the most non-word bytes between two words of a run (", ").
const oldMaxGap = 3

// oldScan is the former View.Scan.
func oldScan(sc *redact.SpokenScratch, w *redact.Window) {
	st, _ := sc.View.(*oldScratch)
	if st == nil {
		st = &oldScratch{}
		sc.View = st
	}
	text := w.Text
	ti := oldTailEnd(w)
	words := sc.Words
	if words == nil {
		st.words = redact.AppendWords(st.words[:0], text, ti)
		words = st.words
	}
	toks := oldTokenize(st.toks[:0], w, words, ti)
	st.toks = toks
	if len(toks) == 0 {
		return
	}
	oldAttachAsIn(toks, w.EOF)
	n := len(toks)
	for i := 0; i < n; {
		t := &toks[i]
		if t.partial {
			// the last word, cut by the window end: it may become anything
			sc.Runs = append(sc.Runs, redact.SpokenRun{Start: int(t.start), End: len(text), Open: true})
			return
		}
		if !oldStartable(t) {
			i++
			continue
		}
		// Extend the run as far as it joins.
		last, open := i, false
		for {
			j, st := oldExtend(toks, last, w.EOF)
			if st == oldStOpen {
				open = true
				break
			}
			if st == oldStStop || int(toks[j].end2)-int(t.start) > redact.SpokenMaxRun {
				break
			}
			last = j
		}
		if last == i && toks[i].cls == cOther {
			if open {
				sc.Runs = append(sc.Runs, redact.SpokenRun{Start: int(t.start), End: len(text), Open: true})
				return
			}
			i++
			continue
		}
		r := redact.SpokenRun{Start: int(t.start), End: int(toks[last].end2), Open: open}
		if open {
			r.End = len(text)
			sc.Runs = append(sc.Runs, r)
			return
		}
		if last > i {
			// Runs of written digit groups ("415 555 0132") are the written
			// pass's: they are recorded (the commit point stays out of
			// them) but not rewritten.
			said := false
			for _, t := range toks[i : last+1] {
				said = said || t.cls != cNumLit && t.cls != cOther
			}
			if said {
				r.C0 = len(sc.Canon)
				r.Search, r.Words = oldBuild(sc, toks[i:last+1], text)
				r.C1 = len(sc.Canon)
			}
			sc.Runs = append(sc.Runs, r)
		}
		i = last + 1
	}
}

func oldIsValue(c uint8) bool { return c >= cDigit && c <= cWeak || c == cMonth || c == cOrd }

// oldIsMonth says whether t names a month ("november" is also the NATO n).
func oldIsMonth(t *oldTok) bool {
	return t.cls == cMonth || t.cls == cLetter && t.val == 'n' && t.end-t.start == 8
}

func oldIsLetterish(c uint8) bool { return c == cLetter || c == cWeak || c == cO }

// oldStartable says whether a run may start at t.
func oldStartable(t *oldTok) bool {
	return oldIsValue(t.cls) || t.cls == cOther
}

const (
	oldStJoin = iota
	oldStStop
	oldStOpen
)

// oldExtend returns the next token that joins the run whose last significant
// token is toks[i].
func oldExtend(toks []oldTok, i int, eof bool) (int, int) {
	n := len(toks)
	a := &toks[i]
	k := i + 1
	fillers := false
	for k < n {
		c := toks[k].cls
		if c == cOf && a.cls == cOrd && !eof && (k+1 >= n || toks[k+1].partial) {
			return 0, oldStOpen // "third of |march"
		}
		if c == cFill || c == cSorry || c == cSkip || c == cAnd && (a.cls == cHundred || a.cls == cThousand) ||
			c == cOf && a.cls == cOrd && k+1 < n && oldIsMonth(&toks[k+1]) {
			if !toks[k].gapOK {
				return 0, oldStStop
			}
			fillers = fillers || c != cSkip // "as in sam" belongs to the letter before it
			k++
			continue
		}
		break
	}
	if k >= n {
		if eof {
			return 0, oldStStop
		}
		return 0, oldStOpen
	}
	b := &toks[k]
	if !b.gapOK {
		return 0, oldStStop
	}
	if b.partial {
		return 0, oldStOpen
	}
	if oldIsValue(a.cls) && oldIsValue(b.cls) {
		if a.cls == cWeak && !oldIsLetterish(b.cls) || b.cls == cWeak && !oldIsLetterish(a.cls) {
			return 0, oldStStop
		}
		if a.cls == cOther {
			return 0, oldStStop
		}
		return k, oldStJoin
	}
	if b.cls != cConn || fillers || !(oldIsValue(a.cls) || a.cls == cOther) {
		return 0, oldStStop
	}
	// a CONN y
	y := k + 1
	st := oldWordAt(toks, y, eof)
	if st != oldStJoin {
		return 0, st
	}
	if b.val != '@' {
		return y, oldStJoin
	}
	// a @ y (- y2)* . z: a domain needs a dot
	for x := y + 1; x < y+9; x += 2 {
		c, st := oldConnAt(toks, x, eof)
		if st != oldStJoin || c == '@' {
			return 0, max(st, oldStStop)
		}
		if st := oldWordAt(toks, x+1, eof); st != oldStJoin {
			return 0, st
		}
		if c == '.' {
			return y, oldStJoin
		}
	}
	return 0, oldStStop
}

// oldWordAt says whether toks[y] is a value or plain word joined to the one
// before it.
func oldWordAt(toks []oldTok, y int, eof bool) int {
	if y >= len(toks) {
		if eof {
			return oldStStop
		}
		return oldStOpen
	}
	t := &toks[y]
	if !t.gapOK {
		return oldStStop
	}
	if t.partial {
		return oldStOpen
	}
	if !(oldIsValue(t.cls) || t.cls == cOther) {
		return oldStStop
	}
	return oldStJoin
}

// oldConnAt returns the connector toks[y], joined to the word before it.
func oldConnAt(toks []oldTok, y int, eof bool) (byte, int) {
	if y >= len(toks) {
		if eof {
			return 0, oldStStop
		}
		return 0, oldStOpen
	}
	t := &toks[y]
	if !t.gapOK {
		return 0, oldStStop
	}
	if t.partial {
		return 0, oldStOpen
	}
	if t.cls != cConn {
		return 0, oldStStop
	}
	return t.val, oldStJoin
}

// oldAttachAsIn folds "s as in sam" into the letter s.
func oldAttachAsIn(toks []oldTok, eof bool) {
	n := len(toks)
	for i := 0; i+1 < n; i++ {
		t := &toks[i]
		if !oldIsLetterish(t.cls) || toks[i+1].cls != cAs || !toks[i+1].gapOK {
			continue
		}
		if i+3 >= n {
			if !eof {
				t.partial = true
			}
			continue
		}
		if toks[i+2].cls != cIn || !toks[i+2].gapOK || !toks[i+3].gapOK {
			continue
		}
		if toks[i+3].partial {
			t.partial = true
			continue
		}
		if t.cls == cO {
			t.val = 'o'
		}
		t.cls = cLetter
		t.end2 = toks[i+3].end
		for k := i + 1; k <= i+3; k++ {
			toks[k].cls = cSkip
		}
		i += 3
	}
}

type oldEntry struct {
	word     string
	cls, val uint8
}

// oldMaxWord is the longest word in the oldLexicon; longer words are plain words.
const oldMaxWord = 11

var oldLexicon = func() []oldEntry {
	var es []oldEntry
	add := func(cls uint8, val uint8, words ...string) {
		for _, w := range words {
			es = append(es, oldEntry{w, cls, val})
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
			continue // "november" is also the NATO n: see oldIsMonth
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

// The oldLexicon is an open-addressing table keyed by redact.WordHash, the
// hash the engine already computes for every word of the window
// (SpokenScratch.Words): a word is classified with one probe into oldKeys (8
// KiB, a sixth full), and only a key match reads the oldSlot's word to compare
// it with the word's bytes, so a hash collision with a oldLexicon word cannot
// misclassify a word.
const oldTableBits = 10

type oldSlot struct {
	word     string
	cls, val uint8
}

var oldKeys, oldSlots = func() (k [1 << oldTableBits]uint64, t [1 << oldTableBits]oldSlot) {
	for _, e := range oldLexicon {
		h := redact.WordHash([]byte(e.word))
		if h == 0 {
			panic("spoken: a oldLexicon word hashes to 0, the empty key")
		}
		i := h >> (64 - oldTableBits)
		for k[i] != 0 {
			i = (i + 1) & (1<<oldTableBits - 1)
		}
		k[i], t[i] = h, oldSlot{word: e.word, cls: e.cls, val: e.val}
	}
	return k, t
}()

// oldLookup classifies the word w (at most oldMaxWord bytes) whose WordHash is h.
func oldLookup(h uint64, w []byte) (cls, val uint8) {
	i := h >> (64 - oldTableBits)
	for {
		k := oldKeys[i]
		if k == 0 {
			return cOther, 0
		}
		if k == h {
			if s := &oldSlots[i]; len(s.word) == len(w) && oldEqualFold(s.word, w) {
				return s.cls, s.val
			}
		}
		i = (i + 1) & (1<<oldTableBits - 1)
	}
}

// oldEqualFold says whether w, ASCII-lower-cased, is s (lower-case letters,
// as long as w). Only ASCII letters lower-case to a letter: no digit,
// apostrophe or non-ASCII byte of a word passes.
func oldEqualFold(s string, w []byte) bool {
	for i := range w {
		if s[i] != w[i]|0x20 {
			return false
		}
	}
	return true
}

// word byte classes
var oldWordByte = func() (t [256]uint8) {
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

// gap byte classes: oldGapJoin for the bytes that may sit between two words of
// a run, oldGapPause for those that are a pause (a comma, a period).
const (
	oldGapJoin  = 1
	oldGapPause = 2
)

var oldGapByte = func() (t [256]uint8) {
	t[' '], t['-'] = oldGapJoin, oldGapJoin
	t[','], t['.'] = oldGapJoin|oldGapPause, oldGapJoin|oldGapPause
	return t
}()

// oldGapFacts says whether the bytes g between two words may sit inside a run
// (only spaces, commas, hyphens and periods, at most oldMaxGap of them) and
// whether they hold a pause.
func oldGapFacts(g []byte) (ok, pause bool) {
	all, any := uint8(oldGapJoin), uint8(0)
	for _, c := range g {
		all &= oldGapByte[c]
		any |= oldGapByte[c]
	}
	return all != 0 && len(g) <= oldMaxGap, any&oldGapPause != 0
}

// oldTailEnd returns where the words of w's text begin: after the tail of a
// word that began before the window (its word bytes and apostrophes), 0
// without one. It can reach past the engine's own tail skip (WordEnd stops at
// two apostrophes in a row): oldTokenize leaves out the listed words that start
// before it, as the view always did.
func oldTailEnd(w *redact.Window) int {
	text := w.Text
	i := 0
	if b := w.ByteBefore(0); redact.IsWordByte(b) || b == '\'' && redact.IsWordByte(w.ByteAt(-2)) {
		for i < len(text) && (oldWordByte[text[i]] != 0 || text[i] == '\'') {
			i++
		}
	}
	return i
}

// oldTokenize classifies the words of w (words, as redact.AppendWords lists
// them; those that start before ti, the end of the tail of a word that
// began before the window, are skipped) and reads the gaps between them.
func oldTokenize(toks []oldTok, w *redact.Window, words []redact.Word, ti int) []oldTok {
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
			// false). Skip them: a word whose hash finds an empty oldSlot and
			// that is not a digit group nor cut by the window end.
			j := k
			for ; j < len(words); j++ {
				wd := &words[j]
				if oldKeys[wd.Hash>>(64-oldTableBits)] != 0 || wd.End == cut || text[wd.Start]-'0' < 10 {
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
		cls, val := oldClassify(text, &words[k])
		partial := words[k].End == cut
		if cls == cOther && !partial && !prevTok {
			pend, pendAfter, prevStored = k, prevStored, false
			continue
		}
		rawOK, comma := oldGapAt(text, words, k, ti)
		t := oldTok{start: words[k].Start, end: words[k].End, end2: words[k].End, cls: cls, val: val,
			gapOK: rawOK && prevStored, comma: comma, partial: partial}
		if pend >= 0 && rawOK && (cls == cConn || partial) {
			// the plain word before a connector (or before a word that may
			// become one)
			toks = oldAppendPlain(toks, text, words, pend, pendAfter, ti)
			t.gapOK = true
		}
		pend = -1
		toks = append(toks, t)
		prevStored, prevTok = true, cls != cOther
	}
	if pend >= 0 && !w.EOF {
		toks = oldAppendPlain(toks, text, words, pend, pendAfter, ti)
	}
	return toks
}

// oldClassify returns the class of the word wd of text: a written digit
// group, a oldLexicon word, or a plain word.
func oldClassify(text []byte, wd *redact.Word) (cls, val uint8) {
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
	if len(w) > oldMaxWord {
		return cOther, 0
	}
	return oldLookup(wd.Hash, w)
}

// oldGapAt returns the facts of the bytes before words[k]: whether they may
// sit inside a run (never before the first word), and whether they hold a
// pause.
func oldGapAt(text []byte, words []redact.Word, k, ti int) (ok, comma bool) {
	if k == 0 {
		_, comma = oldGapFacts(text[ti:words[0].Start])
		return false, comma
	}
	g0, g1 := int(words[k-1].End), int(words[k].Start)
	if g1-g0 == 1 && text[g0] == ' ' {
		return true, false // the common gap: one space
	}
	return oldGapFacts(text[g0:g1])
}

// oldAppendPlain appends the left-out plain word words[k]; after says whether
// the word before it is a token.
func oldAppendPlain(toks []oldTok, text []byte, words []redact.Word, k int, after bool, ti int) []oldTok {
	rawOK, comma := oldGapAt(text, words, k, ti)
	wd := &words[k]
	return append(toks, oldTok{start: wd.Start, end: wd.End, end2: wd.End, gapOK: rawOK && after, comma: comma})
}

// oldMinSearch is the fewest letters and digits a run needs to be searched.
const oldMinSearch = 4

// oldMaxCorrections bounds the self-corrections handled in one run.
const oldMaxCorrections = 4

// oldBuild appends the canonical form of the run to sc.Canon, and for each
// canonical byte the span of its words to sc.Src. It reports whether the run
// is worth searching: it holds a spoken word and enough letters and digits,
// or an '@'.
func oldBuild(sc *redact.SpokenScratch, run []oldTok, text []byte) (search, words bool) {
	c0 := len(sc.Canon)
	spoken, at, dot := false, false, false
	var corr, corrPause [oldMaxCorrections]int
	nc := 0
	lastPause, pauseNext := -1, false
	emit := func(b byte, s, e int32) {
		sc.Canon = append(sc.Canon, b)
		sc.Src = append(sc.Src, s, e)
	}
	space := func(s, e int32) {
		if l := len(sc.Canon); l > c0 && sc.Canon[l-1] != ' ' {
			emit(' ', s, e)
		}
	}
	// month writes a month name capitalised, as the date detectors read it.
	month := func(s, e int32) {
		space(s, e)
		emit(text[s]&^0x20, s, e)
		for i := s + 1; i < e; i++ {
			emit(text[i]|0x20, s, e)
		}
		emit(' ', s, e)
	}
	ordinal := func(v int, s, e int32) {
		space(s, e)
		if v >= 10 {
			emit(byte('0'+v/10), s, e)
		}
		emit(byte('0'+v%10), s, e)
		suf := "th"
		if v < 4 || v > 20 && v%10 < 4 {
			suf = [...]string{"th", "st", "nd", "rd"}[v%10]
		}
		emit(suf[0], s, e)
		emit(suf[1], s, e)
		emit(' ', s, e)
		words = true
	}
	// next returns the index of the next significant token after t, or -1.
	next := func(t int) int {
		for t++; t < len(run); t++ {
			switch run[t].cls {
			case cFill, cSkip, cAnd, cSorry, cOf:
				continue
			}
			return t
		}
		return -1
	}
	for t := 0; t < len(run); t++ {
		k := &run[t]
		if k.cls == cFill {
			pauseNext = true
		} else if k.cls != cSkip && k.cls != cSorry && k.cls != cAnd {
			if (k.comma || pauseNext) && t > 0 {
				lastPause = len(sc.Canon) - c0
			}
			pauseNext = false
		}
		switch k.cls {
		case cSorry:
			if nc < oldMaxCorrections {
				corr[nc] = len(sc.Canon) - c0
				corrPause[nc] = lastPause
				nc++
			}
		case cNumLit:
			for i := k.start; i < k.end; i++ {
				emit(text[i], k.start, k.end)
			}
		case cDigit:
			spoken = true
			emit('0'+k.val, k.start, k.end)
		case cO:
			spoken = true
			b := byte('0')
			if l := len(sc.Canon); l > c0 && oldWordByte[sc.Canon[l-1]] == 1 {
				b = 'O'
			} else if nx := next(t); nx >= 0 && oldIsLetterish(run[nx].cls) && run[nx].cls != cO {
				b = 'O'
			}
			emit(b, k.start, k.end)
		case cDouble:
			spoken = true
			if nx := next(t); nx >= 0 && (run[nx].cls == cDigit || run[nx].cls == cO) {
				d := byte('0' + run[nx].val)
				for range k.val {
					emit(d, k.start, run[nx].end)
				}
				t = nx
			}
		case cTeen:
			spoken = true
			emit('1', k.start, k.end)
			emit('0'+k.val-10, k.start, k.end)
		case cTens:
			spoken = true
			if nx := next(t); nx >= 0 && run[nx].cls == cOrd && run[nx].val < 10 {
				ordinal(int(k.val)*10+int(run[nx].val), k.start, run[nx].end)
				t = nx
			} else if nx := next(t); nx >= 0 && run[nx].cls == cDigit && run[nx].val > 0 {
				emit('0'+k.val, k.start, run[nx].end)
				emit('0'+run[nx].val, k.start, run[nx].end)
				t = nx
			} else {
				emit('0'+k.val, k.start, k.end)
				emit('0', k.start, k.end)
			}
		case cHundred:
			spoken = true
			if len(sc.Canon) == c0 {
				emit('1', k.start, k.end)
			}
			nx := next(t)
			switch {
			case nx >= 0 && (run[nx].cls == cTeen || run[nx].cls == cTens):
				// "eight hundred twenty": the tens say the last two digits
			case nx >= 0 && nx > t+1 && run[t+1].cls == cAnd && run[nx].cls == cDigit && run[nx].val > 0:
				emit('0', k.start, k.end) // "one hundred and five"
			default:
				emit('0', k.start, k.end)
				emit('0', k.start, k.end)
			}
		case cThousand:
			spoken = true
			if len(sc.Canon) == c0 {
				emit('1', k.start, k.end)
			}
			nx := next(t)
			switch {
			case nx >= 0 && run[nx].cls == cDigit && run[nx].val > 0:
				if nx2 := next(nx); nx2 < 0 || run[nx2].cls != cHundred {
					emit('0', k.start, k.end)
					emit('0', k.start, k.end)
				}
			case nx >= 0 && (run[nx].cls == cTeen || run[nx].cls == cTens):
				emit('0', k.start, k.end)
			default:
				emit('0', k.start, k.end)
				emit('0', k.start, k.end)
				emit('0', k.start, k.end)
			}
		case cOrd:
			spoken = true
			ordinal(int(k.val), k.start, k.end)
		case cMonth:
			spoken, words = true, true
			space(k.start, k.end)
			month(k.start, k.end)
		case cLetter, cWeak:
			spoken = true
			if oldIsMonth(k) && (t > 0 && (run[t-1].cls == cOf || run[t-1].cls == cOrd) || t+1 < len(run) && (run[t+1].cls == cOrd || run[t+1].cls == cTens && t+2 < len(run) && run[t+2].cls == cOrd)) {
				words = true
				space(k.start, k.end)
				month(k.start, k.end)
				continue
			}
			emit(k.val-'a'+'A', k.start, k.end2)
		case cConn:
			spoken = true
			at = at || k.val == '@'
			dot = dot || k.val == '.'
			emit(k.val, k.start, k.end)
		case cOther:
			for i := k.start; i < k.end; i++ {
				emit(text[i]|0x20, k.start, k.end)
			}
		}
	}
	// Self-corrections: "five five six, sorry, five five seven" replaces the
	// group before the marker with the one after it: the longest tail (up to
	// four characters) that differs from the start of what follows in at most
	// one place.
	// A pause (a comma, a filler) before the wrong group says where it began.
	removed := 0
	for ci, m := range corr[:nc] {
		m -= removed
		canon := sc.Canon[c0:]
		before, after := canon[:m], canon[m:]
		hi := min(4, len(before), len(after))
		if p := corrPause[ci] - removed; p >= 0 && m-p >= 1 && m-p <= hi {
			hi = m - p
		}
		for j := hi; j >= 1; j-- {
			diff := 0
			for x := 0; x < j; x++ {
				if before[len(before)-j+x] != after[x] {
					diff++
				}
			}
			if diff <= 1 {
				a := c0 + m - j
				if a+j < len(sc.Canon) {
					// the corrected group starts where the wrong one did
					sc.Src[2*(a+j)] = min(sc.Src[2*(a+j)], sc.Src[2*a])
				}
				copy(sc.Canon[a:], sc.Canon[a+j:])
				sc.Canon = sc.Canon[:len(sc.Canon)-j]
				copy(sc.Src[2*a:], sc.Src[2*(a+j):])
				sc.Src = sc.Src[:len(sc.Src)-2*j]
				removed += j
				break
			}
		}
	}
	alnum, digits := 0, 0
	for _, b := range sc.Canon[c0:] {
		if oldWordByte[b] != 0 {
			alnum++
		}
		if oldWordByte[b] == 2 {
			digits++
		}
	}
	if spoken && digits == alnum && digits == len(sc.Canon)-c0 && (digits == 6 || digits == 8) {
		// A date said as digits ("oh three oh three eighty five"): write it
		// MM/DD/YY so that the date detectors can read it.
		d := sc.Canon[c0:]
		mm, dd := int(d[0]-'0')*10+int(d[1]-'0'), int(d[2]-'0')*10+int(d[3]-'0')
		if mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 {
			for _, at := range [2]int{c0 + 2, c0 + 5} {
				sc.Canon = append(sc.Canon, 0)
				copy(sc.Canon[at+1:], sc.Canon[at:])
				sc.Canon[at] = '/'
				sc.Src = append(sc.Src, 0, 0)
				copy(sc.Src[2*at+2:], sc.Src[2*at:])
				sc.Src[2*at], sc.Src[2*at+1] = sc.Src[2*at-2], sc.Src[2*at-1]
			}
			words = true
		}
	}
	if dot && !at && spoken && oldWebAddress(sc.Canon[c0:]) {
		words = true // a web address said aloud: "w w w dot example dot com"
	}
	return spoken && (alnum >= oldMinSearch || at), words
}

// oldWebAddress says whether a canonical run with a dot is a web address worth
// showing the URL detector: it starts with "www." or has a path after a
// dotted name. A bare "x dot com" is left alone: "the dot com bubble".
func oldWebAddress(c []byte) bool {
	if len(c) > 4 && c[0]|0x20 == 'w' && c[1]|0x20 == 'w' && c[2]|0x20 == 'w' && c[3] == '.' {
		return true
	}
	dot := false
	for _, b := range c {
		dot = dot || b == '.'
		if b == '/' && dot {
			return true
		}
	}
	return false
}
