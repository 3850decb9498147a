package spoken_test

import (
	"strings"
	"testing"

	"redactor/redact"
	"redactor/spoken"
)

// BenchmarkScan measures the view alone (tokenising, runs, canonical
// text) over the spoken corpus in 4 KiB windows.
func BenchmarkScan(b *testing.B) {
	var sb strings.Builder
	for _, r := range loadSpoken(b) {
		sb.WriteString(r.Text + "\n")
	}
	text := []byte(sb.String())
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
