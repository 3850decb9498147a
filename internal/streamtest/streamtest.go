// Package streamtest holds what the tests of several packages share: running
// text through a redaction stream whole or split at given points, random and
// exhaustive split points, and test texts with their expected spans marked.
package streamtest

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"

	"redactor/redact"
)

// Run feeds text to a new stream of e with cfg, split at cuts (sorted
// offsets), and returns the whole output and the entities.
func Run(tb testing.TB, e *redact.Engine, cfg redact.Config, text []byte, cuts []int) (string, []redact.Entity) {
	tb.Helper()
	s, err := e.NewStream(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	var out []byte
	prev := 0
	for _, c := range append(slices.Clip(cuts), len(text)) {
		if out, err = s.Write(out, text[prev:c]); err != nil {
			tb.Fatal(err)
		}
		prev = c
	}
	if out, err = s.Close(out); err != nil {
		tb.Fatal(err)
	}
	return string(out), slices.Clone(s.Entities())
}

// RandomCuts returns k sorted random split points in [0, n].
func RandomCuts(r *rand.Rand, n, k int) []int {
	cuts := make([]int, 0, k)
	for range k {
		cuts = append(cuts, r.IntN(n+1))
	}
	slices.Sort(cuts)
	return cuts
}

// EveryByte returns the split points that make every byte its own chunk.
func EveryByte(n int) []int {
	cuts := make([]int, n)
	for i := range cuts {
		cuts[i] = i
	}
	return cuts
}

// Spans returns the [start, end) of the entities of type typ (any type if
// typ is empty).
func Spans(ents []redact.Entity, typ string) [][2]int {
	var spans [][2]int
	for _, en := range ents {
		if typ == "" || en.Type == typ {
			spans = append(spans, [2]int{int(en.Start), int(en.End)})
		}
	}
	return spans
}

// Unmark removes the ⟦ ⟧ marks around the expected spans of a test text and
// returns the text and the spans, in bytes.
func Unmark(s string) (string, [][2]int) {
	var out []byte
	var spans [][2]int
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '⟦':
			spans = append(spans, [2]int{len(out), -1})
		case '⟧':
			spans[len(spans)-1][1] = len(out)
		default:
			out = append(out, s[i:i+n]...)
		}
		i += n
	}
	return string(out), spans
}

// ByteOffset converts an offset in code points (as Presidio's vectors give
// them) into a byte offset in s.
func ByteOffset(s string, cp int) int {
	i := 0
	for k := 0; k < cp && i < len(s); k++ {
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return i
}

// CheckSplits redacts text unsplit, then split at every byte and at
// randomSplits random sets of up to 15 points, and fails tb unless every
// split gives the same output and entities. It returns the unsplit entities.
func CheckSplits(tb testing.TB, e *redact.Engine, cfg redact.Config, text []byte, r *rand.Rand, randomSplits int) []redact.Entity {
	tb.Helper()
	want, wantEnts := Run(tb, e, cfg, text, nil)
	splits := [][]int{EveryByte(len(text))}
	for range randomSplits {
		splits = append(splits, RandomCuts(r, len(text), 1+r.IntN(15)))
	}
	for _, cuts := range splits {
		got, gotEnts := Run(tb, e, cfg, text, cuts)
		if got != want || !slices.Equal(gotEnts, wantEnts) {
			tb.Fatalf("split at %v changes the output\ntext %q\nwant %q %v\n got %q %v", cuts, text, want, wantEnts, got, gotEnts)
		}
	}
	return wantEnts
}
