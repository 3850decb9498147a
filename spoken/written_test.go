package spoken_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"redactor/internal/eval"
	"redactor/packs"
)

// TestWrittenCorpusUnchanged checks that the view changes nothing on the
// written-form corpus: same predictions with and without it.
func TestWrittenCorpusUnchanged(t *testing.T) {
	f, err := os.Open("../testdata/corpus/calls.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []eval.Record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r struct {
			ID       string      `json:"id"`
			Text     string      `json:"text"`
			Entities []eval.Span `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, eval.Record{ID: r.ID, Text: r.Text, Entities: r.Entities})
	}
	if testing.Short() {
		recs = recs[:100]
	}
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	plain := set.Engine()
	on, err := eval.Predict(engine(t), recs)
	if err != nil {
		t.Fatal(err)
	}
	off, err := eval.Predict(plain, recs)
	if err != nil {
		t.Fatal(err)
	}
	diffs := 0
	for i := range recs {
		a, b := on[i], off[i]
		same := len(a) == len(b)
		for j := 0; same && j < len(a); j++ {
			same = a[j] == b[j]
		}
		if !same {
			diffs++
			if diffs <= 5 {
				for _, p := range a {
					t.Logf("%s on:  %s %q", recs[i].ID, p.Type, recs[i].Text[p.Start:p.End])
				}
				for _, p := range b {
					t.Logf("%s off: %s %q", recs[i].ID, p.Type, recs[i].Text[p.Start:p.End])
				}
			}
		}
	}
	if diffs > 0 {
		t.Errorf("%d of %d records differ with the spoken view on", diffs, len(recs))
	}
}
