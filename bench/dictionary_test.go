package bench

import (
	"bytes"
	"os"
	"testing"

	"github.com/cloudflare/ahocorasick"

	"redactor/redact"
)

// BenchmarkDictionary compares two ways to find dictionary words (the
// 10,000 first names of detectors/data/names) in the corpus: the
// cloudflare/ahocorasick automaton, which has no case folding (the text is
// lower-cased first), matches inside words and reports only which names
// occur, not where; and the engine's way, the window's word list with a
// Bloom filter and a hash set, which gives every whole-word match with its
// position. See README.md, "Dependencies".
func BenchmarkDictionary(b *testing.B) {
	text := loadCorpus(b)
	data, err := os.ReadFile("../detectors/data/names/first.txt")
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for _, line := range bytes.Split(data, []byte("\n")) {
		if line = bytes.TrimSpace(line); len(line) > 0 && line[0] != '#' {
			names = append(names, string(bytes.ToLower(line)))
		}
	}
	b.Run("cloudflare-ahocorasick", func(b *testing.B) {
		m := ahocorasick.NewStringMatcher(names)
		lower := make([]byte, len(text))
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			for i, c := range text {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				lower[i] = c
			}
			if len(m.Match(lower)) == 0 {
				b.Fatal("no name found")
			}
		}
	})
	b.Run("word-list", func(b *testing.B) {
		var bloom redact.WordBloom
		set := map[uint64]bool{}
		for _, n := range names {
			h := redact.WordHash([]byte(n))
			bloom.Add(h)
			set[h] = true
		}
		var words []redact.Word
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			words = redact.AppendWords(words[:0], text, 0)
			found := 0
			for _, w := range words {
				if bloom.Has(w.Hash) && set[w.Hash] {
					found++
				}
			}
			if found == 0 {
				b.Fatal("no name found")
			}
		}
	})
}
