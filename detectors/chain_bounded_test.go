package detectors_test

import (
	"fmt"
	"testing"

	"redactor/detectors"
	"redactor/redact"
	"redactor/spoken"
)

// boundedCheck runs every BoundedChainDetector on each chain the engine
// offers it (as a chain detector that reports nothing) and records the
// spans that break the declaration.
type boundedCheck struct {
	ds     []redact.BoundedChainDetector
	found  []int    // spans checked, per detector
	broken []int    // spans out of the chain, or Open, per detector
	first  []string // the first such span, per detector
	buf    []redact.Candidate
}

func (*boundedCheck) Info() redact.Info {
	return redact.Info{Name: "bounded_check", Types: []string{"X"}, MaxLen: 160, Lookbehind: 64}
}

func (*boundedCheck) MinDigits() int { return 1 }

func (g *boundedCheck) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	if !w.EOF && c.End+redact.MaxLookahead+1 >= len(w.Text) {
		return dst // the declaration says nothing about such chains
	}
	for i, d := range g.ds {
		if c.Digits < d.MinDigits() {
			continue
		}
		g.buf = d.FindInChain(g.buf[:0], w, c)
		g.found[i] += len(g.buf)
		for _, cd := range g.buf {
			if cd.Open || cd.Start < c.Start || cd.End > c.End {
				if g.broken[i] == 0 {
					g.first[i] = fmt.Sprintf("%q (Open %v) in chain %q", w.Text[cd.Start:cd.End], cd.Open, w.Text[c.Start:c.End])
				}
				g.broken[i]++
			}
		}
	}
	return dst
}

// TestBoundedChainSpans checks every BoundedChainDetector's declaration
// over both corpora (whole and in pieces), the chain examples, and random
// chain-like texts cut at random points: the engine skips such a detector
// where no context is near the chain, which is exact only if its spans
// stay inside the chain.
func TestBoundedChainSpans(t *testing.T) {
	g := &boundedCheck{}
	for _, d := range detectors.All() {
		if bd, ok := d.(redact.BoundedChainDetector); ok {
			g.ds = append(g.ds, bd)
		}
	}
	if len(g.ds) == 0 {
		t.Fatal("no detector declares BoundedChainDetector")
	}
	n := len(g.ds)
	g.found, g.broken, g.first = make([]int, n), make([]int, n), make([]string, n)
	e, err := redact.Compile([]redact.Detector{g}, redact.WithSpoken(spoken.New()))
	if err != nil {
		t.Fatal(err)
	}
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		t.Fatal(err)
	}
	feedChainTexts(t, s, 3)
	for i, d := range g.ds {
		name := d.Info().Name
		t.Logf("%-22s %6d spans", name, g.found[i])
		if g.found[i] == 0 {
			t.Errorf("%s: no span at all: the check proves nothing", name)
		}
		if g.broken[i] > 0 {
			t.Errorf("%s: %d spans leave their chain or are Open; first: %s", name, g.broken[i], g.first[i])
		}
	}
}
