package detectors_test

import (
	"testing"

	"redactor/detectors"
	"redactor/redact"
)

// recordedChain is a chain the engine offered, with a copy of the window
// bytes around it (enough for every detector's lookbehind and span).
type recordedChain struct {
	w redact.Window
	c redact.Chain
}

// chainRecorder is a chain detector that reports nothing and copies every
// chain it is offered.
type chainRecorder struct {
	chains *[]recordedChain
	arena  *[]byte // the copies, back to back, so that a pass reads them in order
}

func (chainRecorder) Info() redact.Info {
	return redact.Info{Name: "chain_recorder", Types: []string{"X"}, MaxLen: 160, Lookbehind: 64}
}

func (chainRecorder) MinDigits() int { return 1 }

// Margins of the copied window around a chain.
const recordBefore, recordAfter = 128, 256

func (r chainRecorder) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	a, b := max(0, c.Start-recordBefore), min(len(w.Text), c.End+recordAfter)
	before := w.Before
	if a > 0 {
		before = w.Text[max(0, a-recordBefore):a]
	}
	ar := *r.arena
	n := len(ar)
	ar = append(append(ar, before...), w.Text[a:b]...)
	*r.arena = ar
	rc := recordedChain{
		w: redact.Window{Text: ar[n+len(before) : len(ar) : len(ar)], Before: ar[n : n+len(before) : n+len(before)], EOF: w.EOF && b == len(w.Text)},
		c: redact.Chain{Start: c.Start - a, End: c.End - a, Digits: c.Digits, Groups: c.Groups},
	}
	for _, t := range c.Tokens {
		rc.c.Tokens = append(rc.c.Tokens, redact.Token{Start: t.Start - int32(a), End: t.End - int32(a), Kind: t.Kind})
	}
	*r.chains = append(*r.chains, rc)
	return dst
}

// corpusChains returns the chains of a JSONL corpus, each transcript a
// stream fed in pieces of chunk bytes.
func corpusChains(tb testing.TB, path string, chunk int) []recordedChain {
	tb.Helper()
	var chains []recordedChain
	// One arena, large enough never to move (the windows point into it).
	arena := make([]byte, 0, 16<<20)
	e, err := redact.Compile([]redact.Detector{chainRecorder{&chains, &arena}})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	for _, text := range corpusTexts(tb, path) {
		feed(tb, s, text, chunk)
	}
	return chains
}

// offered reports whether the engine offers chain c to d (its MinDigits and,
// if it has them, its GroupLengths).
func offered(d redact.ChainDetector, c *redact.Chain) bool {
	if c.Digits < d.MinDigits() {
		return false
	}
	if gd, ok := d.(redact.GroupFilteredDetector); ok && gd.GroupLengths()&c.Groups == 0 {
		return false
	}
	return true
}

// BenchmarkChainDetectors runs each built-in chain detector over the chains
// of the call corpus that the engine would offer it; ns/op is per corpus.
func BenchmarkChainDetectors(b *testing.B) {
	chains := corpusChains(b, "../testdata/corpus/calls.jsonl", 4096)
	var all []redact.ChainDetector
	for _, d := range detectors.All() {
		if cd, ok := d.(redact.ChainDetector); ok {
			all = append(all, cd)
		}
	}
	run := func(b *testing.B, ds []redact.ChainDetector) {

		dst := make([]redact.Candidate, 0, 64)
		for b.Loop() {
			for i := range chains {
				rc := &chains[i]
				for k, d := range ds {
					if offered(ds[k], &rc.c) {
						dst = d.FindInChain(dst[:0], &rc.w, &rc.c)
					}
				}
			}
		}
	}
	b.Run("all", func(b *testing.B) { run(b, all) })
	for _, d := range all {
		b.Run(d.Info().Name, func(b *testing.B) { run(b, []redact.ChainDetector{d}) })
	}
}
