package spoken_test

import (
	"testing"
	"unicode/utf8"
)

// FuzzSpokenChunkInvariance: any valid UTF-8 text, split at two points,
// gives the same output as in one piece, with the spoken view on.
//
//	go test ./spoken -run XXX -fuzz FuzzSpokenChunkInvariance -fuzztime 5m
func FuzzSpokenChunkInvariance(f *testing.F) {
	for _, s := range invarianceTexts {
		f.Add(s, uint16(7), uint16(40))
	}
	f.Add("s as in sam m i t h at yahoo dot com", uint16(3), uint16(20))
	f.Fuzz(func(t *testing.T, text string, a, b uint16) {
		if !utf8.ValidString(text) || len(text) > 4000 {
			return
		}
		i, j := 0, 0
		if len(text) > 0 {
			i, j = int(a)%(len(text)+1), int(b)%(len(text)+1)
		}
		checkSplits(t, text, []int{min(i, j), max(i, j)})
	})
}
