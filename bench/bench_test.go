package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"redactor/packs"
	"redactor/redact"
)

// corpusPath is the realistic call-centre corpus (see testdata/corpus/README.md).
const corpusPath = "../testdata/corpus/calls.jsonl"

// loadCorpus returns the written-form corpus's transcripts joined by newlines.
func loadCorpus(tb testing.TB) []byte { return loadCorpusFile(tb, corpusPath) }

// loadCorpusFile returns the transcripts of a JSONL corpus joined by newlines.
func loadCorpusFile(tb testing.TB, path string) []byte {
	tb.Helper()
	f, err := os.Open(path)
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
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// benchStream runs b over text through s in 4 KiB chunks, after one warm-up
// run, with SetBytes and ReportAllocs.
func benchStream(b *testing.B, s *redact.Stream, text []byte) {
	out := redactChunks(b, s, nil, text, 4096)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = redactChunks(b, s, out, text, 4096)
	}
}

// newStream returns a stream of the embedded default pack, as the binaries
// run it.
func newStream(tb testing.TB) *redact.Stream {
	set, err := packs.Load()
	if err != nil {
		tb.Fatal(err)
	}
	e := set.Engine()
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// redactChunks redacts text through s in chunks of size chunk, reusing out.
func redactChunks(tb testing.TB, s *redact.Stream, out, text []byte, chunk int) []byte {
	s.Reset()
	s.ClearEntities()
	out = out[:0]
	var err error
	for len(text) > 0 {
		k := min(chunk, len(text))
		if out, err = s.Write(out, text[:k]); err != nil {
			tb.Fatal(err)
		}
		text = text[k:]
	}
	if out, err = s.Close(out); err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkEngine redacts the whole corpus handed over in one piece.
func BenchmarkEngine(b *testing.B) {
	text := loadCorpus(b)
	s := newStream(b)
	out := redactChunks(b, s, nil, text, len(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = redactChunks(b, s, out, text, len(text))
	}
}

// BenchmarkStream redacts the corpus arriving in 4 KiB chunks, as a live
// stream does. After the first run the stream's buffers are warm: steady
// state allocates nothing.
func BenchmarkStream(b *testing.B) {
	benchStream(b, newStream(b), loadCorpus(b))
}

// BenchmarkNaive is the baseline: one stdlib regexp per entity type over the
// whole text (see Naive).
func BenchmarkNaive(b *testing.B) {
	text := loadCorpus(b)
	n := NewNaive()
	var out []byte
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = n.Redact(out[:0], text)
	}
}

// TestNaiveIsAFairBaseline checks that the baseline finds what the engine
// finds on a small sample, so the speed comparison compares like with like.
func TestNaiveIsAFairBaseline(t *testing.T) {
	text := []byte("mail jane.roe@example.com, call (415) 555-0132, card 4111 1111 1111 1111, " +
		"IBAN GB82 WEST 1234 5698 7654 32, ssn 078-05-1123; at 3:45 pm pay $12.99")
	got := string(NewNaive().Redact(nil, text))
	for _, typ := range []string{"EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN"} {
		if !strings.Contains(got, "["+typ+"]") {
			t.Errorf("naive baseline misses %s: %s", typ, got)
		}
	}
	s := newStream(t)
	want := string(redactChunks(t, s, nil, text, 4096))
	if got != want {
		t.Errorf("naive and engine differ:\n%s\n%s", got, want)
	}
}

// TestStreamSteadyStateAllocs asserts the zero-allocation claim outside the
// benchmark too.
func TestStreamSteadyStateAllocs(t *testing.T) {
	text := bytes.Repeat([]byte("Agent: card please. Caller: 4111 1111 1111 1111, mail jane@example.com, "+
		"call +44 20 7946 0958 at 3:45 pm. IBAN GB82 WEST 1234 5698 7654 32; ssn 078-05-1123.\n"), 200)
	s := newStream(t)
	out := redactChunks(t, s, nil, text, 4096)
	allocs := testing.AllocsPerRun(20, func() { out = redactChunks(t, s, out, text, 4096) })
	if allocs != 0 {
		t.Errorf("steady-state stream allocates %.1f times per run", allocs)
	}
}

// BenchmarkEngine2KB redacts the 2 KB transcript of BenchmarkGRPCRedact2KB
// with a reused stream, as redactd's unary Redact does: the engine's share
// of a unary request.
func BenchmarkEngine2KB(b *testing.B) {
	text := []byte(transcript2K(b))
	s := newStream(b)
	out := redactChunks(b, s, nil, text, len(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = redactChunks(b, s, out, text, len(text))
	}
}
