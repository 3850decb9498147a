package redact

import (
	"math/rand/v2"
	"testing"
)

// windowWords lists the words that start in w, as detect does (a word that
// began before the window is left to the window it began in).
func windowWords(dst []Word, w *Window) []Word {
	return AppendWords(dst, w.Text, wordTailEnd(w))
}

// wordsByWordEnd is the reference: the words WordEnd gives, hashed a byte
// at a time by WordHasher.
func wordsByWordEnd(text []byte, i int) []Word {
	var ws []Word
	for i < len(text) {
		if !IsWordByte(text[i]) {
			i++
			continue
		}
		e := WordEnd(text, i)
		var wh WordHasher // byte by byte: the reference for hashWord
		for _, c := range text[i:e] {
			wh.Add(c)
		}
		ws = append(ws, Word{Start: int32(i), End: int32(e), Hash: wh.Sum()})
		i = e
	}
	return ws
}

func TestAppendWordsMatchesWordEnd(t *testing.T) {
	alphabet := []string{"a", "Z", "7", " ", "'", "é", ",", "-", "\n", "''", "O'Brien", "ABCDEFGHIJ", "x'"}
	rng := rand.New(rand.NewPCG(1, 2))
	cases := []string{"", "a", "'", "a'", "'a", "a'b", "a''b", "don't stop", "  l'été  ", "x" + string(make([]byte, 0))}
	for n := 0; n < 3000; n++ {
		var b []byte
		for k := rng.IntN(200); k > 0; k-- {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		cases = append(cases, string(b))
	}
	for _, c := range cases {
		text := []byte(c)
		for _, from := range []int{0, 1, 63, 64, 65} {
			if from > len(text) || from > 0 && IsWordByte(text[from-1]) {
				continue
			}
			want := wordsByWordEnd(text, from)
			got := AppendWords(nil, text, from)
			if len(got) != len(want) {
				t.Fatalf("%q from %d: %d words, want %d\n got %v\nwant %v", c, from, len(got), len(want), got, want)
			}
			for k := range want {
				if got[k] != want[k] {
					t.Fatalf("%q from %d: word %d = %+v, want %+v", c, from, k, got[k], want[k])
				}
			}
		}
	}
}

func BenchmarkAppendWords(b *testing.B) {
	text := []byte("Agent: Hi, you've reached Harbor Trust Bank. My name's Noémie, who do I have the pleasure of speaking with?\nCaller: It's 4471 2290 1.\n")
	for len(text) < 64<<10 {
		text = append(text, text...)
	}
	ws := AppendWords(nil, text, 0)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		ws = AppendWords(ws[:0], text, 0)
	}
}

// TestContextWordsFromList checks that context words read from the word
// list are the ones the byte-by-byte scan finds, at every position, with and
// without left context and at the end of a stream or not.
func TestContextWordsFromList(t *testing.T) {
	alphabet := []string{"a", "Bc", "7", " ", "'", "é", ",", "\n", "name", "ID", "x'y", "  "}
	rng := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 400; iter++ {
		var before, text []byte
		for k := rng.IntN(12); k > 0; k-- {
			before = append(before, alphabet[rng.IntN(len(alphabet))]...)
		}
		for k := rng.IntN(60); k > 0; k-- {
			text = append(text, alphabet[rng.IntN(len(alphabet))]...)
		}
		for _, eof := range []bool{false, true} {
			w := &Window{Text: text, Before: before, EOF: eof}
			list := windowWords(nil, w)
			for p := 0; p <= len(text); p++ {
				for _, bound := range []int{5, 24, 400} {
					var a, b contextWords
					a.collectBefore(w, list, p, bound)
					b.collectBefore(w, nil, p, bound)
					if a != b {
						t.Fatalf("before %q|%q at %d bound %d:\nlist %+v\nscan %+v", before, text, p, bound, a, b)
					}
					a.collectAfter(w, list, p, bound, eof)
					b.collectAfter(w, nil, p, bound, eof)
					if a != b {
						t.Fatalf("after %q|%q at %d bound %d eof %v:\nlist %+v\nscan %+v", before, text, p, bound, eof, a, b)
					}
				}
			}
		}
	}
}

// TestSkipToExact checks the eight-bytes-at-a-time trigger scan against a
// byte loop, for every start position.
func TestSkipToExact(t *testing.T) {
	var trig [256]bool
	for c := '0'; c <= '9'; c++ {
		trig[c] = true
	}
	trig['@'] = true
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []byte("ab :?/0@9AÀ\xff\x80;<=>\x2f\x3a\x3f\x41")
	for iter := 0; iter < 2000; iter++ {
		text := make([]byte, rng.IntN(40))
		for k := range text {
			text[k] = alphabet[rng.IntN(len(alphabet))]
		}
		for i := 0; i <= len(text); i++ {
			want := i
			for want < len(text) && !trig[text[want]] {
				want++
			}
			if got := skipTo(text, i, &trig, true); got != want {
				t.Fatalf("%q from %d: %d, want %d", text, i, got, want)
			}
		}
	}
}
