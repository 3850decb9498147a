package packs_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"

	"redactor/internal/streamtest"
	"redactor/packs"
	"redactor/redact"
)

// FuzzDefaultPackChunkInvariance: with the whole default pack (every
// detector of the catalog, names included), any split of any valid input
// gives the output of the unsplit input.
// Run it with: go test ./packs -run XXX -fuzz FuzzDefaultPackChunkInvariance
func FuzzDefaultPackChunkInvariance(f *testing.F) {
	set, err := packs.Load()
	if err != nil {
		f.Fatal(err)
	}
	e := set.Engine()
	for _, s := range append(packPieces,
		"Caller: this is Maria Lopez, born 03/14/1985, NHS number 943 476 5919, 1234 Oak Street, Apt 4B",
		"my name is priya raghunathan and my member ID is ABC1234567 expires 12/27 cvv 123",
		"IP 192.168.0.1 MAC 00:1A:2B:3C:4D:5E https://www.example.com/x?y=1 DE89 3704 0044 0532 0130 00",
		"X1234567L 85.07.30-033.28 131052-308T RSSMRA85T10A562S QQ 12 34 56 C") {
		f.Add([]byte(s), uint64(len(s)))
	}
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		if !utf8.Valid(data) {
			return
		}
		want, wantEnts := streamtest.Run(t, e, redact.Config{}, data, nil)
		r := rand.New(rand.NewPCG(seed, seed>>3))
		for _, cuts := range [][]int{streamtest.RandomCuts(r, len(data), 1+r.IntN(10)), streamtest.EveryByte(len(data))} {
			got, gotEnts := streamtest.Run(t, e, redact.Config{}, data, cuts)
			if got != want || !slices.Equal(gotEnts, wantEnts) {
				t.Fatalf("split %v changes the output:\ntext %q\nwant %q\n got %q", cuts, data, want, got)
			}
		}
	})
}
