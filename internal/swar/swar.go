// Package swar holds the SIMD-within-a-register helpers the engine and the
// events matcher share: per-byte tests on eight bytes packed little-endian
// in a uint64, exact for each byte (no carry crosses a byte). Results have
// 0x80 set in each byte that passes.
package swar

// Byte-lane constants.
const (
	Ones = 0x0101010101010101
	High = 0x8080808080808080
	Low7 = 0x7F7F7F7F7F7F7F7F
)

// Between marks the bytes v of x with lo < v < hi (ASCII bytes only; a byte
// of 0x80 or more never passes).
func Between(x, lo, hi uint64) uint64 {
	t := x & Low7
	return (Ones*(127+hi) - t) &^ x & (t + Ones*(127-lo)) & High
}

// Lower8 lower-cases the ASCII letters of x.
func Lower8(x uint64) uint64 { return x | Between(x, 0x40, 0x5B)>>2 }

// Zero marks the zero bytes of x.
func Zero(x uint64) uint64 { return ^((x&Low7 + Low7) | x) & High }

// GatherHigh packs the high bit of each byte of x, a mask with no other bit
// set (as the tests here return), into the low 8 bits.
func GatherHigh(x uint64) uint64 { return ((x >> 7) * 0x0102040810204080) >> 56 }
