// Package spoken is the spoken-form view of a transcript: it finds runs of
// words that say an identifier out loud ("four one five five five five oh one
// three two", "d e eight nine", "s as in sam", "john dot smith at gmail dot
// com") and rewrites each run into the canonical characters the detectors
// understand, with a map from every canonical byte back to the words it came
// from. The engine (redact.WithSpoken) runs its detectors on the canonical
// text and maps their spans back, so a redaction covers exactly the words
// that were said.
//
// See README.md for the forms covered and the measured figures.
package spoken

import "redactor/redact"

// View is the spoken-form view; its zero value is ready to use and it is
// safe for concurrent use (its state lives in redact.SpokenScratch).
type View struct{}

var _ redact.SpokenView = View{}

// New returns the spoken-form view.
func New() View { return View{} }

// token classes
const (
	cOther    uint8 = iota
	cDigit          // val 0-9
	cO              // "o": 0 between digits, the letter o among letters
	cTeen           // val 10-19
	cTens           // val 2-9 (twenty ... ninety)
	cHundred        // hundred
	cThousand       // thousand
	cDouble         // double (val 2), triple (val 3)
	cNumLit         // a written digit group "555"
	cLetter         // a spelled letter: single letter or NATO word; val the letter
	cWeak           // "a", "i": a letter only next to another letter
	cConn           // dot @ underscore dash hyphen slash; val the character
	cFill           // uh, um ...: skipped inside a run
	cSorry          // a self-correction marker: skipped, and the group before it is replaced
	cAnd            // "and": skipped after hundred/thousand
	cAs             // "as" (in "s as in sam")
	cIn             // "in"
	cSkip           // consumed by "as in X"
	cMonth          // january ... december; val 1-12
	cOrd            // first ... thirty first; val 1-9 (first-ninth), 10-20, 30
	cOf             // "of" (in "the third of march")
	cPlus           // "plus": a '+' that starts a number ("plus four four seven seven …")
)

type tok struct {
	start, end int32
	end2       int32 // end including an attached "as in X"
	cls, val   uint8
	gapOK      bool // the bytes before this token (from the previous token) may sit inside a run
	comma      bool // the bytes before this token hold a comma (a pause)
	partial    bool // touches the end of a window that is not the stream's end
}

type scratch struct {
	toks  []tok
	hits  []hit
	words []redact.Word // the window's words, when the caller did not list them
}

// maxGap is the most non-word bytes between two words of a run (", ").
const maxGap = 3

// Scan implements redact.SpokenView.
func (View) Scan(sc *redact.SpokenScratch, w *redact.Window) { scan(sc, w, true) }

// scan finds the runs of w. With drop, word clusters that cannot change a
// run are not made tokens (see dropInert); the runs are the same either
// way, which TestScanMatchesAllTokens checks against scan without drop.
func scan(sc *redact.SpokenScratch, w *redact.Window, drop bool) {
	st, _ := sc.View.(*scratch)
	if st == nil {
		st = &scratch{}
		sc.View = st
	}
	text := w.Text
	ti := tailEnd(w)
	words := sc.Words
	if words == nil {
		st.words = redact.AppendWords(st.words[:0], text, ti)
		words = st.words
	}
	toks := tokens(st, st.toks[:0], w, words, ti, drop)
	st.toks = toks
	if len(toks) == 0 {
		return
	}
	attachAsIn(toks, w.EOF)
	n := len(toks)
	for i := 0; i < n; {
		t := &toks[i]
		if t.partial {
			// the last word, cut by the window end: it may become anything
			sc.Runs = append(sc.Runs, redact.SpokenRun{Start: int(t.start), End: len(text), Open: true})
			return
		}
		if !startable(t) {
			i++
			continue
		}
		// Extend the run as far as it joins.
		last, open := i, false
		for {
			j, st := extend(toks, last, w.EOF)
			if st == stOpen {
				open = true
				break
			}
			if st == stStop || int(toks[j].end2)-int(t.start) > redact.SpokenMaxRun {
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
				r.Search, r.Words = build(sc, toks[i:last+1], text)
				r.C1 = len(sc.Canon)
			}
			sc.Runs = append(sc.Runs, r)
		}
		i = last + 1
	}
}

func isValue(c uint8) bool { return c >= cDigit && c <= cWeak || c == cMonth || c == cOrd }

// isMonth says whether t names a month ("november" is also the NATO n).
func isMonth(t *tok) bool {
	return t.cls == cMonth || t.cls == cLetter && t.val == 'n' && t.end-t.start == 8
}

func isLetterish(c uint8) bool { return c == cLetter || c == cWeak || c == cO }

// startable says whether a run may start at t.
func startable(t *tok) bool {
	return isValue(t.cls) || t.cls == cOther || t.cls == cPlus
}

// digitish says whether a token of class c says digits: what "plus" joins.
func digitish(c uint8) bool {
	return c == cDigit || c == cO || c == cTeen || c == cTens || c == cNumLit || c == cDouble
}

const (
	stJoin = iota
	stStop
	stOpen
)

// extend returns the next token that joins the run whose last significant
// token is toks[i].
func extend(toks []tok, i int, eof bool) (int, int) {
	n := len(toks)
	a := &toks[i]
	k := i + 1
	fillers := false
	for k < n {
		c := toks[k].cls
		if c == cOf && a.cls == cOrd && !eof && (k+1 >= n || toks[k+1].partial) {
			return 0, stOpen // "third of |march"
		}
		if c == cFill || c == cSorry || c == cSkip || c == cAnd && (a.cls == cHundred || a.cls == cThousand) ||
			c == cOf && a.cls == cOrd && k+1 < n && isMonth(&toks[k+1]) {
			if !toks[k].gapOK {
				return 0, stStop
			}
			fillers = fillers || c != cSkip // "as in sam" belongs to the letter before it
			k++
			continue
		}
		break
	}
	if k >= n {
		if eof {
			return 0, stStop
		}
		return 0, stOpen
	}
	b := &toks[k]
	if !b.gapOK {
		return 0, stStop
	}
	if b.partial {
		return 0, stOpen
	}
	if a.cls == cOther && digitish(b.cls) {
		// A plain word joins the digits after it only at the end of an
		// email's local part: "mary underscore jones eighty four at gmail
		// dot com".
		if fillers {
			return 0, stStop
		}
		if st := digitsThenAt(toks, k, eof); st != stJoin {
			return 0, st
		}
		return k, stJoin
	}
	if a.cls == cPlus {
		// "plus" joins only the digits right after it.
		if digitish(b.cls) && !fillers {
			return k, stJoin
		}
		return 0, stStop
	}
	if isValue(a.cls) && isValue(b.cls) {
		if a.cls == cWeak && !isLetterish(b.cls) || b.cls == cWeak && !isLetterish(a.cls) {
			return 0, stStop
		}
		if a.cls == cOther {
			return 0, stStop
		}
		return k, stJoin
	}
	if b.cls != cConn || fillers || !(isValue(a.cls) || a.cls == cOther) {
		return 0, stStop
	}
	// a CONN y
	y := k + 1
	st := wordAt(toks, y, eof)
	if st != stJoin {
		return 0, st
	}
	if b.val != '@' {
		return y, stJoin
	}
	if st := domainAfter(toks, y, eof); st != stJoin {
		return 0, st
	}
	return y, stJoin
}

// domainAfter says whether the domain that starts with toks[y] (a word
// joined to the '@' before it) goes on to a dot: y (- y2)* . z.
func domainAfter(toks []tok, y int, eof bool) int {
	for x := y + 1; x < y+9; x += 2 {
		c, st := connAt(toks, x, eof)
		if st != stJoin || c == '@' {
			return max(st, stStop)
		}
		if st := wordAt(toks, x+1, eof); st != stJoin {
			return st
		}
		if c == '.' {
			return stJoin
		}
	}
	return stStop
}

// maxLocalDigits bounds the digit words between a plain word and the '@'
// of an email (digitsThenAt).
const maxLocalDigits = 12

// digitsThenAt says whether toks[k], a digit word joined to the plain word
// before it, starts digit words that an '@' and a domain follow: the end
// of an email's local part, "jones eighty four at gmail dot com".
func digitsThenAt(toks []tok, k int, eof bool) int {
	for x := k + 1; x <= k+maxLocalDigits; x++ {
		t, st := joinedAt(toks, x, eof)
		if st != stJoin {
			return st
		}
		if digitish(t.cls) {
			continue
		}
		if t.cls != cConn || t.val != '@' {
			return stStop
		}
		if st := wordAt(toks, x+1, eof); st != stJoin {
			return st
		}
		return domainAfter(toks, x+1, eof)
	}
	return stStop
}

// joinedAt returns toks[y] when it is joined to the token before it (the
// bytes between may sit inside a run) and not cut by the window end;
// otherwise nil, and whether the run stops there or may go on (stOpen).
func joinedAt(toks []tok, y int, eof bool) (*tok, int) {
	if y >= len(toks) {
		if eof {
			return nil, stStop
		}
		return nil, stOpen
	}
	t := &toks[y]
	if !t.gapOK {
		return nil, stStop
	}
	if t.partial {
		return nil, stOpen
	}
	return t, stJoin
}

// wordAt says whether toks[y] is a value or plain word joined to the one
// before it.
func wordAt(toks []tok, y int, eof bool) int {
	t, st := joinedAt(toks, y, eof)
	if st != stJoin {
		return st
	}
	if !(isValue(t.cls) || t.cls == cOther) {
		return stStop
	}
	return stJoin
}

// connAt returns the connector toks[y], joined to the word before it.
func connAt(toks []tok, y int, eof bool) (byte, int) {
	t, st := joinedAt(toks, y, eof)
	if st != stJoin {
		return 0, st
	}
	if t.cls != cConn {
		return 0, stStop
	}
	return t.val, stJoin
}

// attachAsIn folds "s as in sam" into the letter s.
func attachAsIn(toks []tok, eof bool) {
	n := len(toks)
	for i := 0; i+1 < n; i++ {
		t := &toks[i]
		if !isLetterish(t.cls) || toks[i+1].cls != cAs || !toks[i+1].gapOK {
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
