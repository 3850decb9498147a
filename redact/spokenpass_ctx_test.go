package redact

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestContextMissesExact checks that whenever contextMisses says a matcher
// misses around a span, the full evaluation (find) finds no phrase and
// nothing pending, and that sortByStart orders as byStart does.
func TestContextMissesExact(t *testing.T) {
	specs := []ContextSpec{
		{Words: []string{"card number", "card", "cvv"}, Before: 6, Required: true},
		{Words: []string{"phone", "call me at"}, Before: 8, After: 4, Boost: 0.3},
		{Words: []string{"o'brien", "id"}, After: 3, Boost: 0.2},
	}
	e := contextEngine(t, specs)
	s := &Stream{eng: e}
	vocab := []string{"card", "number", "cvv", "phone", "call", "me", "at", "o'brien", "id", "the", "five", "'oh", "x'", "12", "it's", "and"}
	seps := []string{" ", "  ", ", ", "'", "\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	misses := 0
	for iter := 0; iter < 3000; iter++ {
		w := s.listRandomWindow(rng, vocab, seps, 400)
		text := w.Text
		var ctx contextWords
		ctx.reset()
		for range 20 {
			a := rng.IntN(len(text))
			b := a + 1 + rng.IntN(len(text)-a)
			for i, m := range e.contexts {
				bit := s.eng.ctxIdx.bit[i]
				if s.contextMisses(w, a, a, b, b, m.lookbehind(), m.lookahead(), !insideWord(w, a), !insideWord(w, b), w.EOF)&bit == 0 {
					continue
				}
				misses++
				if found, pending := m.find(&ctx, w, s.wordList, a, b, w.EOF, e.ctxBefore, e.ctxAfter); found || pending {
					t.Fatalf("%q [%d,%d) matcher %d: contextMisses says miss, find says found=%v pending=%v", text, a, b, i, found, pending)
				}
			}
		}
		// sortByStart against a stable sort with byStart.
		var cands []Candidate
		for range rng.IntN(60) {
			a := rng.IntN(len(text))
			cands = append(cands, Candidate{Start: a, End: a + 1 + rng.IntN(8), detector: int32(rng.IntN(5))})
		}
		want := slices.Clone(cands)
		slices.SortStableFunc(want, byStart)
		if got := s.sortByStart(cands); !slices.Equal(got, want) {
			t.Fatalf("sortByStart: got %v, want %v", got, want)
		}
	}
	if misses == 0 {
		t.Fatal("no misses exercised")
	}
}

// TestChainMissesExact checks chainMisses against the full evaluation: for
// every matcher it says misses around a chain, find must find nothing, and
// nothing pending, for every span inside the chain, including spans that
// start or end inside a word. In the second set a phrase begins with a
// number, which a span inside a number can cut out of it: chainMisses must
// see that (without the digitFirst check, it is wrong there).
func TestChainMissesExact(t *testing.T) {
	plain := []ContextSpec{
		{Words: []string{"card number", "card", "cvv"}, Before: 6, Required: true},
		{Words: []string{"member id", "mrn"}, Before: 8, After: 4, Required: true},
		{Words: []string{"o'brien", "id"}, After: 3, Required: true},
	}
	digits := []ContextSpec{
		{Words: []string{"card", "12 card"}, Before: 6, Required: true},
		{Words: []string{"3"}, After: 3, Required: true},
	}
	if misses, wrong := chainMissesCheck(t, plain, false); wrong != "" || misses == 0 {
		t.Fatalf("plain phrases: %d misses; %s", misses, wrong)
	}
	if _, wrong := chainMissesCheck(t, digits, false); wrong != "" {
		t.Fatalf("phrases with a number: %s", wrong)
	}
	if _, wrong := chainMissesCheck(t, digits, true); wrong == "" {
		t.Fatal("without the digitFirst check, chainMisses is not caught being wrong: the test proves nothing")
	}
}

// chainMissesCheck runs chainMisses over random texts with the matchers of
// specs (ignoring digitFirst with noDigitCheck) and returns how many
// misses it checked and the first wrong one.
func chainMissesCheck(t *testing.T, specs []ContextSpec, noDigitCheck bool) (misses int, wrong string) {
	e := contextEngine(t, specs)
	if noDigitCheck {
		e.ctxIdx.digitFirst = false
	}
	s := &Stream{eng: e, hitsOK: true}
	vocab := []string{"card", "number", "cvv", "member", "id", "mrn", "o'brien", "the", "12", "3", "415",
		"x12", "12'3", "'12", "4111-1111", "12.30", "mrn12", "3card", "ü7", "it's", "and"}
	seps := []string{" ", "  ", ", ", "'", "\n", "-", ""}
	rng := rand.New(rand.NewPCG(5, 6))
	for iter := 0; iter < 3000; iter++ {
		w := s.listRandomWindow(rng, vocab, seps, 300)
		text := w.Text
		var ctx contextWords
		ctx.reset()
		for i, lo := 0, 0; i < len(text); {
			if !IsDigit(text[i]) {
				i++
				continue
			}
			ch, _ := lexChain(text, i, lo, s.toks)
			s.toks, s.chain = ch.Tokens, ch
			i, lo = ch.End, ch.End
			miss := s.chainMisses(w)
			for m := range e.contexts {
				if miss&e.ctxIdx.bit[m] == 0 {
					continue
				}
				misses++
				for a := ch.Start; a <= ch.End; a++ {
					for b := a; b <= ch.End; b++ {
						if found, pending := e.contexts[m].find(&ctx, w, s.wordList, a, b, w.EOF, e.ctxBefore, e.ctxAfter); found || pending {
							return misses, fmt.Sprintf("%q chain %q, span %q: chainMisses says matcher %d misses, find says found=%v pending=%v",
								text, text[ch.Start:ch.End], text[a:b], m, found, pending)
						}
					}
				}
			}
		}
	}
	return misses, ""
}

// listRandomWindow returns a window of 20 to 20+maxLen bytes of random
// vocab words and seps, with up to two words of left context, ending the
// stream or not, and lists its words and context hits in s as detect does.
func (s *Stream) listRandomWindow(rng *rand.Rand, vocab, seps []string, maxLen int) *Window {
	var text, before []byte
	for len(text) < 20+rng.IntN(maxLen) {
		text = append(text, vocab[rng.IntN(len(vocab))]...)
		text = append(text, seps[rng.IntN(len(seps))]...)
	}
	for range rng.IntN(3) {
		before = append(before, vocab[rng.IntN(len(vocab))]...)
		before = append(before, ' ')
	}
	w := &Window{Text: text, Before: before, EOF: rng.IntN(2) == 0}
	s.tail = wordTailEnd(w)
	s.wordList = AppendWords(s.wordList[:0], text, s.tail)
	nb := (len(text) + 1<<hitShift - 1) >> hitShift
	s.hits = make([]uint64, nb)
	s.eng.ctxIdx.markHits(s.hits, s.wordList)
	return w
}

// contextEngine returns an engine with only the context matchers of specs
// and their index.
func contextEngine(t *testing.T, specs []ContextSpec) *Engine {
	t.Helper()
	e := &Engine{}
	for i := range specs {
		m, err := compileContext(&specs[i])
		if err != nil {
			t.Fatal(err)
		}
		e.contexts = append(e.contexts, m)
		e.ctxBefore = max(e.ctxBefore, m.lookbehind())
		e.ctxAfter = max(e.ctxAfter, m.lookahead())
	}
	e.ctxIdx.build(e.contexts)
	return e
}
