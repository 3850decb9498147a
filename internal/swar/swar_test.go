package swar

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// TestAgainstBytes checks every helper against a byte-at-a-time loop.
func TestAgainstBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for iter := 0; iter < 200000; iter++ {
		var b [8]byte
		for k := range b {
			b[k] = byte(rng.IntN(256))
			if rng.IntN(4) == 0 {
				const edges = "\x00'AZaz09@`[{/:\x7f\x80"
				b[k] = edges[rng.IntN(len(edges))]
			}
		}
		x := binary.LittleEndian.Uint64(b[:])
		lo, hi := uint64(rng.IntN(128)), uint64(rng.IntN(129))
		var between, zero, gather, lower uint64
		for k, c := range b {
			if c < 0x80 && lo < uint64(c) && uint64(c) < hi {
				between |= 0x80 << (8 * k)
			}
			if c == 0 {
				zero |= 0x80 << (8 * k)
			}
			if c >= 0x80 {
				gather |= 1 << k
			}
			l := c
			if 'A' <= c && c <= 'Z' {
				l += 'a' - 'A'
			}
			lower |= uint64(l) << (8 * k)
		}
		if got := Between(x, lo, hi); got != between {
			t.Fatalf("Between(%q, %d, %d) = %#x, want %#x", b, lo, hi, got, between)
		}
		if got := Zero(x); got != zero {
			t.Fatalf("Zero(%q) = %#x, want %#x", b, got, zero)
		}
		if got := GatherHigh(x & High); got != gather {
			t.Fatalf("GatherHigh(%q) = %#x, want %#x", b, got, gather)
		}
		if got := Lower8(x); got != lower {
			t.Fatalf("Lower8(%q) = %#x, want %#x", b, got, lower)
		}
	}
}
