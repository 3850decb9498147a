package spoken_test

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"redactor/redact"
	"redactor/spoken"
)

// BenchmarkScan measures the view alone (listing the words itself,
// tokenising, runs, canonical text) over the spoken corpus in 4 KiB
// windows.
func BenchmarkScan(b *testing.B) {
	text := spokenText(b)
	var sc redact.SpokenScratch
	v := spoken.New()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < len(text); i += 4096 {
			sc.Reset()
			w := redact.Window{Text: text[i:min(i+4096, len(text))], EOF: true}
			v.Scan(&sc, &w)
		}
	}
}

// BenchmarkScanListed measures the view as the engine runs it: the words
// of each window are listed beforehand (SpokenScratch.Words), on the
// spoken corpus and on the written-form corpus, where almost no window has
// a run.
func BenchmarkScanListed(b *testing.B) {
	for _, c := range []struct {
		name string
		text func(testing.TB) []byte
	}{{"spoken", spokenText}, {"written", writtenText}} {
		b.Run(c.name, func(b *testing.B) {
			text := c.text(b)
			var wins []redact.Window
			var words [][]redact.Word
			for i := 0; i < len(text); i += 4096 {
				w := redact.Window{Text: text[i:min(i+4096, len(text))], EOF: true}
				wins = append(wins, w)
				words = append(words, redact.AppendWords(nil, w.Text, 0))
			}
			var sc redact.SpokenScratch
			v := spoken.New()
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				for k := range wins {
					sc.Reset()
					sc.Words = words[k]
					v.Scan(&sc, &wins[k])
				}
			}
		})
	}
}

func spokenText(t testing.TB) []byte {
	var sb strings.Builder
	for _, r := range loadSpoken(t) {
		sb.WriteString(r.Text + "\n")
	}
	return []byte(sb.String())
}

func writtenText(t testing.TB) []byte {
	f, err := os.Open("../testdata/corpus/calls.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sb strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		sb.WriteString(r.Text + "\n")
	}
	return []byte(sb.String())
}
