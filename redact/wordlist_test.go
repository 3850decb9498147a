package redact

import (
	"math/rand/v2"
	"testing"
)

// wordsByWordEnd is the reference: the words WordEnd and WordHash give.
func wordsByWordEnd(text []byte, i int) []Word {
	var ws []Word
	for i < len(text) {
		if !IsWordByte(text[i]) {
			i++
			continue
		}
		e := WordEnd(text, i)
		ws = append(ws, Word{Start: int32(i), End: int32(e), Hash: WordHash(text[i:e])})
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
