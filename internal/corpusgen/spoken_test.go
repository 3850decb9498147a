package corpusgen

import (
	"bytes"
	"os"
	"testing"
)

// spokenConfig is the committed spoken-form corpus; keep in sync with
// testdata/corpus/README.md.
var spokenConfig = Config{Seed: 5, MinBytes: 320000}

const spokenPath = "../../testdata/corpus/spoken.jsonl"

func TestSpokenCorpusGolden(t *testing.T) {
	got := encode(t, GenerateSpoken(spokenConfig))
	if os.Getenv("UPDATE_SPOKEN") != "" {
		if err := os.WriteFile(spokenPath, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(spokenPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s does not match the generator; regenerate it (see testdata/corpus/README.md)", spokenPath)
	}
}

func TestSpokenLabels(t *testing.T) {
	for _, tr := range GenerateSpoken(Config{Seed: 9, NumCalls: 200}) {
		last := 0
		for _, e := range tr.Entities {
			if e.Start < last || e.End <= e.Start || e.End > len(tr.Text) {
				t.Fatalf("%s: bad span %+v", tr.ID, e)
			}
			s := tr.Text[e.Start:e.End]
			if s[0] == ' ' || s[len(s)-1] == ' ' {
				t.Fatalf("%s: span %q has surrounding space", tr.ID, s)
			}
			last = e.End
		}
	}
}
