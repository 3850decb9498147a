package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"redactor/packs"
	"redactor/redact"
	"redactor/spoken"
)

// spokenCorpusPath is the spoken-form corpus (see testdata/corpus/README.md).
const spokenCorpusPath = "../testdata/corpus/spoken.jsonl"

func loadSpokenCorpus(tb testing.TB) []byte {
	tb.Helper()
	f, err := os.Open(spokenCorpusPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatal(err)
		}
		buf.WriteString(rec.Text)
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// newSpokenStream returns a stream of the default pack with the spoken-form
// view on.
func newSpokenStream(tb testing.TB) *redact.Stream {
	set, err := packs.Load()
	if err != nil {
		tb.Fatal(err)
	}
	e, err := set.Compile(redact.WithSpoken(spoken.New()))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkStreamSpoken redacts the spoken-form corpus in 4 KiB chunks
// with the spoken-form view on.
func BenchmarkStreamSpoken(b *testing.B) {
	text := loadSpokenCorpus(b)
	s := newSpokenStream(b)
	out := redactChunks(b, s, nil, text, 4096)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = redactChunks(b, s, out, text, 4096)
	}
}

// BenchmarkStreamSpokenOff is the same corpus without the view, for
// comparison.
func BenchmarkStreamSpokenOff(b *testing.B) {
	text := loadSpokenCorpus(b)
	s := newStream(b)
	out := redactChunks(b, s, nil, text, 4096)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = redactChunks(b, s, out, text, 4096)
	}
}

// BenchmarkStreamWrittenSpokenOn is the written-form corpus with the view
// on: what the view costs where nobody spells anything.
func BenchmarkStreamWrittenSpokenOn(b *testing.B) {
	text := loadCorpus(b)
	s := newSpokenStream(b)
	out := redactChunks(b, s, nil, text, 4096)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = redactChunks(b, s, out, text, 4096)
	}
}

// TestStreamSpokenSteadyStateAllocs asserts zero allocations in steady
// state with the spoken-form view on.
func TestStreamSpokenSteadyStateAllocs(t *testing.T) {
	text := loadSpokenCorpus(t)[:64<<10]
	s := newSpokenStream(t)
	out := redactChunks(t, s, nil, text, 4096)
	if a := testing.AllocsPerRun(5, func() { out = redactChunks(t, s, out, text, 4096) }); a != 0 {
		t.Errorf("%v allocations per run in steady state", a)
	}
}
