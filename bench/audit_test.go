package bench

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"testing"

	"redactor/audit"
	"redactor/packs"
	"redactor/redact"
)

// auditStream redacts text through s in chunks of size chunk, as
// redactChunks does, and records every entity in the audit log the way the
// command and the server do: one batch per chunk, handed to the log's
// queue. With a pseudonym key the entity values are passed along.
func auditStream(tb testing.TB, w *audit.Writer, s *redact.Stream, meta redact.Meta, out, text []byte, chunk int) []byte {
	s.Reset()
	s.ClearEntities()
	l := w.StartStream("bench", "redact", meta)
	out = out[:0]
	record := func() {
		for _, e := range s.Entities() {
			var v []byte
			if l.WantsValues() {
				v = text[e.Start:e.End]
			}
			l.Redaction(e, s.OperatorFor(e.Type).Kind, v)
		}
		s.ClearEntities()
		if err := l.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	var err error
	for rest := text; len(rest) > 0; {
		k := min(chunk, len(rest))
		if out, err = s.Write(out, rest[:k]); err != nil {
			tb.Fatal(err)
		}
		record()
		rest = rest[k:]
	}
	if out, err = s.Close(out); err != nil {
		tb.Fatal(err)
	}
	record()
	if err := l.End(true, int64(len(text)), int64(len(out))); err != nil {
		tb.Fatal(err)
	}
	return out
}

func openAudit(tb testing.TB, pseudonymKey []byte) *audit.Writer {
	tb.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := audit.Open(audit.Options{Path: filepath.Join(tb.TempDir(), "audit.jsonl"), Key: priv, PseudonymKey: pseudonymKey})
	if err != nil {
		tb.Fatal(err)
	}
	return w
}

// BenchmarkStreamAudit is BenchmarkStream with the audit log on: every
// entity is recorded, and each iteration waits until its records are in
// the file, so the figure includes writing the log.
func BenchmarkStreamAudit(b *testing.B) {
	benchAudit(b, nil)
}

// BenchmarkStreamAuditPseudonyms also computes every value's keyed
// pseudonym for the log.
func BenchmarkStreamAuditPseudonyms(b *testing.B) {
	benchAudit(b, bytes.Repeat([]byte{5}, 32))
}

func benchAudit(b *testing.B, key []byte) {
	text := loadCorpus(b)
	s := newStream(b)
	set, _ := packs.Load()
	meta := set.Engine().Meta()
	w := openAudit(b, key)
	defer w.Close()
	out := auditStream(b, w, s, meta, nil, text, 4096)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out = auditStream(b, w, s, meta, out, text, 4096)
		if err := w.Sync(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	st := w.Stats()
	b.ReportMetric(float64(st.Records)/float64(b.N+1), "records/op")
}

// TestAuditLogOfCorpus checks that the log of a corpus run verifies and
// holds no value.
func TestAuditLogOfCorpus(t *testing.T) {
	text := loadCorpus(t)[:200_000]
	s := newStream(t)
	set, _ := packs.Load()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	w, err := audit.Open(audit.Options{Path: path, Key: priv, PseudonymKey: bytes.Repeat([]byte{5}, 32), SegmentRecords: 100})
	if err != nil {
		t.Fatal(err)
	}
	auditStream(t, w, s, set.Engine().Meta(), nil, text, 4096)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	rep, err := audit.Verify(f, []ed25519.PublicKey{priv.Public().(ed25519.PublicKey)})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records < 300 || rep.Checkpoints < 3 {
		t.Fatalf("%+v", rep)
	}
	data, _ := os.ReadFile(path)
	for _, v := range [][]byte{[]byte("@example.com"), []byte("4111 1111")} {
		if bytes.Contains(data, v) {
			t.Errorf("the log holds %q", v)
		}
	}
}
