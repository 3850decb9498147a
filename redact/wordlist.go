package redact

import (
	"redactor/internal/swar"

	"encoding/binary"
	"math/bits"
	"slices"
)

// Word is one word of a window (see WordEnd for what a word is): its
// bytes [Start, End) and its WordHash.
type Word struct {
	Start, End int32
	Hash       uint64
}

// AppendWords appends to dst the words of text that start at or after i,
// which must not be inside a word (i == 0, or text[i-1] is not a word
// byte), and returns it. Words and hashes are the ones WordEnd and WordHash
// give; AppendWords finds them 64 bytes at a time from bit masks, which
// costs a few instructions per word and no unpredictable branch per byte.
func AppendWords(dst []Word, text []byte, i int) []Word {
	n := len(text)
	start := -1     // start of a word that runs on into the next block, -1: none
	var prev uint64 // word bit of text[base-1]
	for base := i; base < n; base += 64 {
		m, a := blockBits(text, base)
		next := uint64(0) // word bit of text[base+64]
		if base+64 < n && IsWordByte(text[base+64]) {
			next = 1
		}
		// Apostrophes between two word bytes belong to the word.
		if a != 0 {
			m |= a & (m<<1 | prev) & (m>>1 | next<<63)
		}
		before := m<<1 | prev
		starts := m &^ before // first byte of a word
		ends := before &^ m   // first byte after a word
		if cap(dst)-len(dst) < 33 {
			dst = slices.Grow(dst, 256)
		}
		if start >= 0 && ends != 0 { // the word from the block before ends
			e := base + bits.TrailingZeros64(ends)
			ends &= ends - 1
			dst = append(dst, Word{Start: int32(start), End: int32(e), Hash: hashWord(text, start, e)})
			start = -1
		}
		// Starts and ends alternate: each start's end is the next end bit,
		// except for a word that runs on past the block.
		for starts != 0 {
			s := base + bits.TrailingZeros64(starts)
			starts &= starts - 1
			if ends == 0 {
				start = s
				break
			}
			e := base + bits.TrailingZeros64(ends)
			ends &= ends - 1
			var h uint64
			if e-s < 8 && s+8 <= n {
				// The common case, a short word: one load.
				acc := swar.Lower8(binary.LittleEndian.Uint64(text[s:])) & (1<<(8*(e-s)) - 1)
				h = finishHash(acc*hashK1 ^ uint64(e-s))
			} else {
				h = hashWord(text, s, e)
			}
			dst = append(dst, Word{Start: int32(s), End: int32(e), Hash: h})
		}
		prev = m >> 63
	}
	if start >= 0 {
		dst = append(dst, Word{Start: int32(start), End: int32(n), Hash: hashWord(text, start, n)})
	}
	return dst
}

// blockBits returns, for the up to 64 bytes from base, a mask with bit j
// set when text[base+j] is a word byte (letter, digit, non-ASCII) and one
// with bit j set when it is an apostrophe, from one load per eight bytes.
func blockBits(text []byte, base int) (words, apos uint64) {
	if base+64 <= len(text) {
		b := text[base : base+64]
		for k := 0; k < 8; k++ {
			x := binary.LittleEndian.Uint64(b[8*k:])
			// word bytes: ASCII letters and digits, and non-ASCII bytes
			letters := swar.Between(x|swar.Ones*0x20, 0x60, 0x7B)
			digits := swar.Between(x, 0x2F, 0x3A)
			words |= swar.GatherHigh(letters|digits|x&swar.High) << (8 * k)
			apos |= swar.GatherHigh(swar.Zero(x^swar.Ones*'\'')) << (8 * k)
		}
		return words, apos
	}
	for j, c := range text[base:] {
		if IsWordByte(c) {
			words |= 1 << j
		} else if c == '\'' {
			apos |= 1 << j
		}
	}
	return words, apos
}

// hashWord returns WordHash(text[s:e]), reading eight bytes at a time.
func hashWord(text []byte, s, e int) uint64 {
	var h uint64
	p := s
	for ; e-p >= 8; p += 8 {
		h = (h ^ swar.Lower8(binary.LittleEndian.Uint64(text[p:]))) * hashK1
	}
	var acc uint64
	if k := e - p; k > 0 {
		if p+8 <= len(text) {
			acc = swar.Lower8(binary.LittleEndian.Uint64(text[p:])) & (1<<(8*k) - 1)
		} else {
			for j := k - 1; j >= 0; j-- {
				acc = acc<<8 | uint64(wordLowerOrSelf(text[p+j]))
			}
		}
	}
	return finishHash((h^acc)*hashK1 ^ uint64(e-s))
}

// finishHash is WordHasher.Sum's final mix.
func finishHash(h uint64) uint64 {
	h ^= h >> 32
	h *= hashK2
	h ^= h >> 29
	return h
}

// wordLowerOrSelf lower-cases an ASCII letter and leaves other bytes alone,
// as WordHasher.Add does.
func wordLowerOrSelf(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
