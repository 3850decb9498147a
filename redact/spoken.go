package redact

import "unicode/utf8"

// The spoken-form hook. Speech recognisers write identifiers as words ("four
// one five five five five oh one three two", "j o h n dot smith at gmail dot
// com"). A SpokenView (package spoken) finds *runs* of such words in a window
// and rewrites each run into canonical characters (digits, letters, '@', '.',
// '-', '_'), with, for every canonical byte, the original bytes it came from.
// The engine runs its chain detectors and its inline byte detectors ('@') on
// each canonical run as if it were written text, and maps every candidate
// back to the original words: from the start of the word that gave its first
// canonical byte to the end of the word that gave its last. Context words,
// minimum scores and the allow list then apply to the mapped candidate in the
// original window, as for any other candidate.
//
// Chunk invariance rests on two rules, checked in step:
//   - a run that may continue past the end of the window (Open) holds the
//     window back from its start, and is not searched until it is complete;
//   - the commit point never falls inside a run (it moves back to the run's
//     start), so every window starts at a run boundary, where a view's
//     left-to-right segmentation into runs is the same as on the whole text.
//
// A run is at most SpokenMaxRun bytes long, which bounds the extra hold-back.
// Without WithSpoken the engine does none of this.

// SpokenMaxRun bounds the length in bytes of a spoken run.
const SpokenMaxRun = 768

// SpokenRun is one run of spoken-form words in a window.
type SpokenRun struct {
	Start, End int // the run in the window: first word's start, last word's end
	// Open says the run may continue past the window end (or its end depends
	// on text not seen yet).
	Open bool
	// Search says the run holds spoken words and is worth searching; runs of
	// plain digits are left to the written-form pass (but still keep the
	// commit point out of them).
	Search bool
	// Words says the canonical text also goes to the word detectors (a
	// date said aloud: "march 3rd 1985").
	Words bool
	// C0, C1 delimit the run's canonical text in SpokenScratch.Canon.
	C0, C1 int
}

// SpokenScratch is the reusable output of a SpokenView over one window.
type SpokenScratch struct {
	Runs  []SpokenRun
	Canon []byte
	// Src holds two entries per canonical byte: the [start, end) in the
	// window of the words it came from.
	Src []int32
	// View is the view's own scratch space, kept across windows.
	View any
	// Words are the window's words (see AppendWords), listed by the engine
	// before it calls Scan; the view reads them instead of scanning the
	// text again. A word that began before the window is not among them.
	Words []Word
}

// Reset empties the scratch, keeping its memory.
func (sc *SpokenScratch) Reset() {
	sc.Runs, sc.Canon, sc.Src = sc.Runs[:0], sc.Canon[:0], sc.Src[:0]
}

// SpokenView finds the spoken runs of a window. Implementations must be
// safe for concurrent use (state lives in the scratch) and segment the
// window into runs left to right from Text[0], treating Text[0] as a run
// boundary; a run's extent may depend only on the text from its start to
// its end plus what the view looks ahead, and a run whose lookahead reaches
// the end of a window that is not the end of the stream must be Open.
type SpokenView interface {
	Scan(sc *SpokenScratch, w *Window)
}

// WithSpoken turns on the spoken-form view v.
func WithSpoken(v SpokenView) Option { return func(e *Engine) { e.spoken = v } }

// spokenPass searches the spoken runs of w with the chain detectors and the
// inline byte detectors, appending the mapped candidates to cands. It
// records the runs' extents in s.runs and returns the start of the earliest
// open run (len(w.Text) without one).
func (s *Stream) spokenPass(cands []Candidate, w *Window) ([]Candidate, int) {
	e := s.eng
	sc := &s.spk
	sc.Reset()
	sc.Words = s.wordList
	e.spoken.Scan(sc, w)
	open := len(w.Text)
	s.runs = s.runs[:0]
	for _, r := range sc.Runs {
		s.runs = append(s.runs, r)
		if r.Open && !w.EOF {
			open = min(open, r.Start)
			continue
		}
		if !r.Search || r.C1 == r.C0 {
			continue
		}
		canon := sc.Canon[r.C0:r.C1]
		s.swin = Window{Text: canon, EOF: true, Spoken: true}
		k := len(cands)
		// Chains in the canonical text, as in the main pass.
		i, lo := 0, 0
		miss, missSet := uint64(0), false
		for i < len(canon) {
			if !IsDigit(canon[i]) {
				for _, b := range e.inline[canon[i]] {
					if !s.skip[b.index] {
						k2 := len(cands)
						cands = b.d.FindAtByte(cands, &s.swin, i)
						stamp(cands[k2:], b.index)
					}
				}
				i++
				continue
			}
			ch, _ := lexChain(canon, i, lo, s.toks)
			s.toks = ch.Tokens
			s.chain = ch
			if !missSet {
				miss, missSet = s.runMisses(w, r), true
			}
			cands = s.findInChain(cands, &s.swin, miss, true)
			i, lo = max(ch.End, i+1), max(ch.End, i+1)
		}
		if r.Words && s.words {
			if !missSet {
				miss, missSet = s.runMisses(w, r), true
			}
			s.wordList2 = AppendWords(s.wordList2[:0], canon, 0)
			cands = s.scanWords(cands, &s.swin, s.wordList2, s.wordMisses(miss))
		}
		// Map back to the original words.
		for j := k; j < len(cands); j++ {
			c := &cands[j]
			a, b := r.C0+c.Start, r.C0+c.End-1
			c.Start, c.End = int(sc.Src[2*a]), int(sc.Src[2*b+1])
			c.Open = false
		}
	}
	return cands, open
}

// wordMisses returns the bits (by position in Engine.words) of the word
// detectors whose required context has a bit in miss: their candidates
// would all be dropped.
func (s *Stream) wordMisses(miss uint64) uint64 {
	if miss == 0 {
		return 0
	}
	var m uint64
	for i := range s.eng.words {
		if s.eng.ctxIdx.req[s.eng.words[i].index]&miss != 0 {
			m |= 1 << i
		}
	}
	return m
}

// spokenCut moves the commit point p back out of any run or candidate it
// falls inside, until neither straddles it.
func (s *Stream) spokenCut(p int, cands []Candidate) int {
	for changed := true; changed; {
		changed = false
		for _, r := range s.runs {
			if r.Start < p && r.End > p {
				p, changed = r.Start, true
			}
		}
		for i := len(cands) - 1; i >= 0; i-- {
			if c := cands[i]; c.Start < p && (c.End > p || c.Open) {
				p, changed = c.Start, true
			}
		}
	}
	return p
}

// spokenFit is for Transform's bounded dst: it returns where the output of
// win[:p] stops when it does not all fit in limit, moved back out of any
// spoken run (and selected span) it would fall inside, so that the next
// window again starts at a run boundary; p when everything fits. Only
// when not even the first run fits in an empty dst does it cut inside a
// run (a run longer than dst: like a forced cut, invariance then rests on
// the caller's dst size).
func (s *Stream) spokenFit(out []byte, limit int, win []byte, sel []Candidate, p int) int {
	size, last, q := len(out), 0, p
	fits := func(n int) bool { return size+n <= limit }
	for _, c := range sel {
		if !fits(c.Start - last) {
			q = last + limit - size
			goto found
		}
		size += c.Start - last
		op, ok := s.ops[c.Type]
		if !ok {
			op = s.defOp
		}
		s.rep = s.app.apply(s.rep[:0], op, c.Type, win[c.Start:c.End])
		if !fits(len(s.rep)) {
			q = c.Start
			goto found
		}
		size += len(s.rep)
		last = c.End
	}
	if fits(p - last) {
		return p
	}
	q = last + limit - size
found:
	for q > 0 && q < len(win) && !utf8.RuneStart(win[q]) {
		q--
	}
	natural := q
	for changed := true; changed; {
		changed = false
		for _, r := range s.runs {
			if r.Start < q && r.End > q {
				q, changed = r.Start, true
			}
		}
		for _, c := range sel {
			if c.Start < q && c.End > q {
				q, changed = c.Start, true
			}
		}
	}
	if q == 0 && len(out) == 0 {
		return natural
	}
	return q
}

// runMisses returns the bits of the context matchers that find no phrase
// (and none pending) around any candidate of run r: a candidate maps back
// to the start and end of words of the run (sc.Src), so the words around
// every one of them lie around the run. A detector whose context is
// required and misses need not be called on the run's chains: its
// candidates would all be dropped.
func (s *Stream) runMisses(w *Window, r SpokenRun) uint64 {
	if !s.hitsOK {
		return 0
	}
	src := s.spk.Src[2*r.C0 : 2*r.C1]
	text := w.Text
	a0, a1, b0, b1 := len(text), 0, len(text), 0
	var inside uint8 // a start or end inside a word (see insideWord)
	for j := 0; j+1 < len(src); j += 2 {
		a, b := int(src[j]), int(src[j+1])
		a0, a1, b0, b1 = min(a0, a), max(a1, a), min(b0, b), max(b1, b)
		if a > 0 && a < len(text) {
			inside |= wordOrApos[text[a-1]] & wordOrApos[text[a]]
		} else if insideWord(w, a) {
			inside = 1
		}
		if b > 0 && b < len(text) {
			inside |= wordOrApos[text[b-1]] & wordOrApos[text[b]]
		} else if insideWord(w, b) {
			inside = 1
		}
	}
	if a0 > a1 {
		return 0
	}
	e := s.eng
	return s.contextMisses(w, a0, a1, b0, b1, e.ctxBefore, e.ctxAfter, inside == 0, inside == 0, w.EOF)
}

// wordOrApos is 1 for a word byte or an apostrophe (insideWord's test).
var wordOrApos = func() (t [256]uint8) {
	for c := range t {
		if IsWordByte(byte(c)) || c == '\'' {
			t[c] = 1
		}
	}
	return t
}()
