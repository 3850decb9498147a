package bench

import (
	"os"
	"path/filepath"
	"testing"

	"redactor/packs"
	"redactor/redact"
)

// spokenCorpusPath is the spoken-form corpus (see testdata/corpus/README.md).
const spokenCorpusPath = "../testdata/corpus/spoken.jsonl"

func loadSpokenCorpus(tb testing.TB) []byte { return loadCorpusFile(tb, spokenCorpusPath) }

// newSpokenStream returns a stream of the default pack with the spoken-form
// view on (as the default pack has it) or off (as a site pack can set it).
func newSpokenStream(tb testing.TB, on bool) *redact.Stream {
	if on {
		return newStream(tb)
	}
	off := filepath.Join(tb.TempDir(), "off.yaml")
	if err := os.WriteFile(off, []byte("name: off\nversion: \"1\"\nspoken: false\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	set, err := packs.Load(off)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := set.Engine().NewStream(redact.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkStreamSpoken redacts the spoken-form corpus in 4 KiB chunks
// with the spoken-form view on.
func BenchmarkStreamSpoken(b *testing.B) {
	benchStream(b, newSpokenStream(b, true), loadSpokenCorpus(b))
}

// BenchmarkStreamSpokenOff is the same corpus without the view, for
// comparison.
func BenchmarkStreamSpokenOff(b *testing.B) {
	benchStream(b, newSpokenStream(b, false), loadSpokenCorpus(b))
}

// BenchmarkStreamWrittenSpokenOff is the written-form corpus without the
// view: what the view costs where nobody spells anything (compare with
// BenchmarkStream, which has it on).
func BenchmarkStreamWrittenSpokenOff(b *testing.B) {
	benchStream(b, newSpokenStream(b, false), loadCorpus(b))
}

// TestStreamSpokenSteadyStateAllocs asserts zero allocations in steady
// state with the spoken-form view on.
func TestStreamSpokenSteadyStateAllocs(t *testing.T) {
	text := loadSpokenCorpus(t)[:64<<10]
	s := newSpokenStream(t, true)
	out := redactChunks(t, s, nil, text, 4096)
	if a := testing.AllocsPerRun(5, func() { out = redactChunks(t, s, out, text, 4096) }); a != 0 {
		t.Errorf("%v allocations per run in steady state", a)
	}
}
