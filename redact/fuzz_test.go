package redact_test

import (
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"redactor/redact"
)

// FuzzChunkInvariance checks that any split of any input gives the output of
// the unsplit input; for invalid UTF-8, that both fail at the same offset and
// that what was written before the failure is final (a prefix of the output
// for the valid part). Run it with: go test ./redact -fuzz FuzzChunkInvariance
func FuzzChunkInvariance(f *testing.F) {
	e := compile(f)
	for _, p := range pieces {
		f.Add([]byte(p), uint64(1))
	}
	f.Add([]byte("call me at 415 555 0132 or mail jane@example.com, card 4111 1111 1111 1111"), uint64(7))
	f.Add([]byte("IBAN GB82 WEST 1234 5698 7654 32 \xff ssn 078-05-1123"), uint64(3))
	f.Add([]byte("..@..j@x.co \xe2\x82"), uint64(9))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64) {
		r := rand.New(rand.NewPCG(seed, seed>>7))
		want := runChunks(t, e, redact.Config{}, data, nil)
		cuts := randomCuts(r, len(data), 1+r.IntN(12))
		got := runChunks(t, e, redact.Config{}, data, cuts)
		if utf8.Valid(data) {
			sameResult(t, "random cuts", want, got)
			sameResult(t, "Transform", want, runTransform(t, e, data, 1+r.IntN(16), 16+r.IntN(16)))
			return
		}
		var we, ge *redact.InputError
		if !errors.As(want.err, &we) || !errors.As(got.err, &ge) {
			t.Fatalf("invalid UTF-8 accepted: %v / %v", want.err, got.err)
		}
		if we.Offset != ge.Offset {
			t.Fatalf("error offsets differ: %d vs %d", we.Offset, ge.Offset)
		}
		ref := runChunks(t, e, redact.Config{}, data[:we.Offset], nil)
		for _, res := range []result{want, got} {
			if !strings.HasPrefix(ref.out, res.out) || !utf8.ValidString(res.out) {
				t.Fatalf("output before the error is not final:\n%q\nnot a prefix of\n%q", res.out, ref.out)
			}
			if len(res.ents) > len(ref.ents) || !slices.Equal(res.ents, ref.ents[:len(res.ents)]) {
				t.Fatalf("entities before the error are not final")
			}
		}
	})
}
