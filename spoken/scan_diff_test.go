package spoken

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"redactor/redact"
)

// checkScan runs View.Scan and the view that makes a token of every
// lexicon word (scan without drop; its tokens are checked against the
// byte-by-byte tokenizer by TestTokenizeFromWords and TestTokenizeCorpus)
// over w, once with the window's words listed as the engine lists them and
// once without, and fails unless both give the same runs, canonical text
// and source map.
func checkScan(t *testing.T, w *redact.Window) {
	t.Helper()
	for _, words := range [][]redact.Word{engineWords(w), nil} {
		var got, want redact.SpokenScratch
		got.Words, want.Words = words, words
		View{}.Scan(&got, w)
		scan(&want, w, false)
		if !slices.Equal(got.Runs, want.Runs) || string(got.Canon) != string(want.Canon) || !slices.Equal(got.Src, want.Src) {
			t.Fatalf("%q (before %q, eof %v, listed %v):\n got %+v %q %v\nwant %+v %q %v", w.Text, w.Before, w.EOF, words != nil,
				got.Runs, got.Canon, got.Src, want.Runs, want.Canon, want.Src)
		}
	}
}

// TestScanMatchesAllTokens: Scan gives what the view without dropped
// clusters gives, on
// the windows of both corpora (cut at many places, with and without EOF).
func TestScanMatchesAllTokens(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 13))
	for _, f := range []string{"../testdata/corpus/spoken.jsonl", "../testdata/corpus/calls.jsonl"} {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{4096, 700, 61} {
			for i := 0; i < len(text); {
				j := min(len(text), i+size-r.IntN(size/4+1))
				w := redact.Window{Before: text[max(0, i-64):i], Text: text[i:j], EOF: j == len(text) || r.IntN(4) == 0}
				checkScan(t, &w)
				i = j
			}
		}
	}
}

// soupWords are the pieces of TestScanSoup: every class of the lexicon,
// common plain words, digit groups and gaps.
var soupWords = [][]string{
	// digit words, teens, tens, hundred, thousand, double
	{"zero", "oh", "o", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "nought", "nil",
		"ten", "eleven", "fifteen", "nineteen", "twenty", "thirty", "ninety", "hundred", "thousand", "double", "triple"},
	// letters, NATO
	{"b", "c", "d", "j", "m", "s", "x", "z", "alpha", "bravo", "echo", "november", "xray", "juliet", "whisky"},
	// weak letters
	{"a", "i", "A", "I"},
	// connectors
	{"dot", "at", "underscore", "dash", "hyphen", "slash", "at", "at", "plus"},
	// fillers, sorry, and, as, in, of
	{"uh", "um", "er", "hmm", "space", "sorry", "and", "as", "in", "of", "and", "in", "of", "as"},
	// months, ordinals
	{"may", "march", "june", "december", "first", "second", "third", "fifth", "twentieth", "thirtieth"},
	// digit groups and mixed
	{"555", "4", "2024", "1st", "a1", "12'3"},
	// plain words
	{"the", "call", "me", "john", "smith", "gmail", "com", "home", "work", "kids", "back", "dogs", "is", "my", "number",
		"it's", "don't", "hello", "josé", "thanks", "well", "to", "for", "was", "that", "please"},
	// phrases
	{"as in", "a as in", "i as in", "s as in sam", "of march", "third of", "at gmail dot com", "dot com", "hundred and",
		"a i", "i a", "may june", "first second", "me at home", "um um um um", "uh hmm i as in", "sorry uh"},
}

var soupGaps = []string{" ", " ", " ", " ", " ", ", ", ". ", "-", " - ", "  ", "   ", "    ", ",", ".", "\n", "; ", "? ", "'", " é "}

// TestScanSoup: the same on random mixes of every token class, plain
// words and punctuation, at random window cuts, with and without EOF.
func TestScanSoup(t *testing.T) {
	n := 120000
	if testing.Short() {
		n = 20000
	}
	r := rand.New(rand.NewPCG(17, 19))
	var sb strings.Builder
	for range n {
		// a profile: how often each group is picked
		var weights [9]int
		for g := range weights {
			weights[g] = r.IntN(4)
		}
		weights[7] += r.IntN(12) // plain words, often dense
		total := 0
		for _, w := range weights {
			total += w
		}
		if total == 0 {
			weights[7], total = 1, 1
		}
		sb.Reset()
		for range 1 + r.IntN(30) {
			x := r.IntN(total)
			g := 0
			for x >= weights[g] {
				x -= weights[g]
				g++
			}
			word := soupWords[g][r.IntN(len(soupWords[g]))]
			if r.IntN(10) == 0 {
				word = strings.ToUpper(word[:1]) + word[1:]
			}
			sb.WriteString(word)
			if r.IntN(5) == 0 {
				sb.WriteString(soupGaps[r.IntN(len(soupGaps))])
			} else {
				sb.WriteByte(' ')
			}
		}
		s := sb.String()
		if r.IntN(2) == 0 {
			s = strings.TrimRight(s, " ")
		}
		a := r.IntN(len(s) + 1)
		b := a + r.IntN(len(s)-a+1)
		if r.IntN(3) == 0 {
			a = 0
		}
		if r.IntN(3) == 0 {
			b = len(s)
		}
		w := redact.Window{Before: []byte(s[:a]), Text: []byte(s[a:b]), EOF: r.IntN(2) == 0}
		checkScan(t, &w)
	}
}

// BenchmarkScanDrop compares the view with and without dropping inert
// clusters on the text of both corpora in 4 KiB windows, words listed
// beforehand.
func BenchmarkScanDrop(b *testing.B) {
	for _, c := range []struct {
		name string
		file string
	}{{"spoken", "../testdata/corpus/spoken.jsonl"}, {"written", "../testdata/corpus/calls.jsonl"}} {
		for _, impl := range []string{"keep", "drop"} {
			b.Run(c.name+"/"+impl, func(b *testing.B) {
				text := corpusText(b, c.file)
				var wins []redact.Window
				var words [][]redact.Word
				for i := 0; i < len(text); i += 4096 {
					w := redact.Window{Text: text[i:min(i+4096, len(text))]}
					wins = append(wins, w)
					words = append(words, redact.AppendWords(nil, w.Text, 0))
				}
				var sc redact.SpokenScratch
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					for k := range wins {
						sc.Reset()
						sc.Words = words[k]
						scan(&sc, &wins[k], impl == "drop")
					}
				}
			})
		}
	}
}

// corpusText returns the texts of a JSONL corpus, one a line.
func corpusText(tb testing.TB, file string) []byte {
	data, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	var out []byte
	for line := range bytes.Lines(data) {
		var r struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(line, &r); err != nil {
			tb.Fatal(err)
		}
		out = append(append(out, r.Text...), '\n')
	}
	return out
}
