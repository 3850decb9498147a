package detectors_test

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"redactor/redact"
)

type goldCall struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Type       string `json:"type"`
		Start, End int
	} `json:"entities"`
}

// TestCorpusAccuracy runs the default detectors over the labelled corpus and
// bounds, for the types they cover, the share of entity characters left
// visible and of other characters redacted, and requires exact typed spans.
// Gold spans of types the engine does not detect yet are left out of both.
func TestCorpusAccuracy(t *testing.T) {
	e := engine(t)
	types := e.Types()
	f, err := os.Open("../testdata/corpus/calls.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tp, fn, fp := map[string]int{}, map[string]int{}, map[string]int{}
	var entChars, leaked, otherChars, overRedacted int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for line := 1; sc.Scan(); line++ {
		var g goldCall
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		s, _ := e.NewStream(redact.Config{})
		if _, err := s.Write(nil, []byte(g.Text)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(nil); err != nil {
			t.Fatal(err)
		}
		gold := make([]int8, len(g.Text)) // 1: entity of a covered type, -1: other type
		type key struct {
			typ        string
			start, end int
		}
		want := map[key]bool{}
		for _, en := range g.Entities {
			mark := int8(-1)
			if _, ok := slices.BinarySearch(types, en.Type); ok {
				mark = 1
				want[key{en.Type, en.Start, en.End}] = true
			}
			for i := en.Start; i < en.End; i++ {
				gold[i] = mark
			}
		}
		redacted := make([]bool, len(g.Text))
		for _, en := range s.Entities() {
			k := key{en.Type, int(en.Start), int(en.End)}
			if want[k] {
				tp[en.Type]++
				delete(want, k)
			} else {
				fp[en.Type]++
				t.Logf("%s: false positive %s %q", g.ID, en.Type, g.Text[en.Start:en.End])
			}
			for i := en.Start; i < en.End; i++ {
				redacted[i] = true
			}
		}
		for k := range want {
			fn[k.typ]++
			t.Logf("%s: missed %s %q", g.ID, k.typ, g.Text[k.start:k.end])
		}
		for i, m := range gold {
			switch {
			case m == 1:
				entChars++
				if !redacted[i] {
					leaked++
				}
			case m == 0:
				otherChars++
				if redacted[i] {
					overRedacted++
				}
			}
		}
	}
	for _, typ := range types {
		p := float64(tp[typ]) / float64(max(1, tp[typ]+fp[typ]))
		r := float64(tp[typ]) / float64(max(1, tp[typ]+fn[typ]))
		t.Logf("%-14s tp %4d fn %3d fp %3d precision %.3f recall %.3f", typ, tp[typ], fn[typ], fp[typ], p, r)
		if r < 0.99 || p < 0.97 {
			t.Errorf("%s: precision %.3f recall %.3f, want at least 0.97 and 0.99", typ, p, r)
		}
	}
	t.Logf("entity characters left visible: %d of %d; other characters redacted: %d of %d", leaked, entChars, overRedacted, otherChars)
	if leaked*200 > entChars || overRedacted*100 > otherChars {
		t.Errorf("visible %d/%d entity characters (max 1/200), redacted %d/%d other characters (max 1/100)", leaked, entChars, overRedacted, otherChars)
	}
}
