package redact

import (
	"redactor/internal/swar"

	"encoding/binary"
	"math/bits"
)

// Byte classes used by the candidate pass and the chain lexer.
const (
	cDigit   uint8 = 1 << iota // 0-9
	cLetter                    // A-Z a-z
	cUpper                     // A-Z
	cSep                       // chain separators: space - . / ( ) +
	cSpace                     // ASCII white space
	cTrigger                   // bytes that start a candidate: digits and '@'
)

// classes is a constant lookup table (never written after init).
var classes = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] |= cDigit | cTrigger
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= cLetter | cUpper
		t[c+'a'-'A'] |= cLetter
	}
	for _, c := range " -./()+" {
		t[c] |= cSep
	}
	for _, c := range " \t\n\r\v\f" {
		t[c] |= cSpace
	}
	t['@'] |= cTrigger
	return t
}()

// wordLower maps a word byte to itself lower-cased (non-ASCII bytes as they
// are) and every other byte to 0: one lookup both classifies and folds.
var wordLower = func() (t [256]byte) {
	for c := 0; c < 256; c++ {
		switch {
		case 'A' <= c && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c >= 0x80:
			t[c] = byte(c)
		}
	}
	return t
}()

// IsDigit reports whether c is an ASCII digit.
func IsDigit(c byte) bool { return classes[c]&cDigit != 0 }

// IsLetter reports whether c is an ASCII letter.
func IsLetter(c byte) bool { return classes[c]&cLetter != 0 }

// IsAlnum reports whether c is an ASCII letter or digit.
func IsAlnum(c byte) bool { return classes[c]&(cLetter|cDigit) != 0 }

// IsSpace reports whether c is ASCII white space.
func IsSpace(c byte) bool { return classes[c]&cSpace != 0 }

// maxSepRun is the longest run of separators inside a chain ("415 - 555").
const maxSepRun = 3

// maxLetterGroup is the longest free-standing upper-case letter group a chain
// takes in ("GB82 WEST"); maxAttachedLetters bounds letters glued to digits
// ("MT84MALT011000012345MTLCAST001S").
const (
	maxLetterGroup     = 4
	maxAttachedLetters = 34
)

// lexChain lexes the chain around the digit at text[i] into toks (reused) and
// returns it, with open set when the chain may continue past the end of text.
// lo is the first byte the chain may start at (the end of the previous chain).
func lexChain(text []byte, i, lo int, toks []Token) (c Chain, open bool) {
	n := len(text)
	s := i
	// Attached letter prefix ("GB82"), at most maxLetterGroup letters.
	j := i
	for j > lo && classes[text[j-1]]&cLetter != 0 && i-j <= maxLetterGroup {
		j--
	}
	if i-j <= maxLetterGroup && (j == lo || classes[text[j-1]]&cLetter == 0) {
		s = j
	}
	if s > lo && (text[s-1] == '+' || text[s-1] == '(') {
		s--
	}
	toks = toks[:0]
	pos := s
	digits := 0
	var groups uint64
	for pos < n {
		b := text[pos]
		cl := classes[b]
		switch {
		case cl&cDigit != 0:
			e := pos + 1
			for e < n && classes[text[e]]&cDigit != 0 {
				e++
			}
			toks = append(toks, Token{Start: int32(pos), End: int32(e), Kind: Digits})
			digits += e - pos
			groups |= GroupBit(e - pos)
			pos = e
			continue
		case cl&cLetter != 0:
			e := pos + 1
			upper := cl&cUpper != 0
			for e < n && classes[text[e]]&cLetter != 0 {
				upper = upper && classes[text[e]]&cUpper != 0
				e++
			}
			attached := (len(toks) > 0 && toks[len(toks)-1].Kind == Digits && int(toks[len(toks)-1].End) == pos) ||
				(e < n && classes[text[e]]&cDigit != 0)
			if !(attached && e-pos <= maxAttachedLetters || upper && e-pos <= maxLetterGroup) {
				open = e == n
				goto done
			}
			toks = append(toks, Token{Start: int32(pos), End: int32(e), Kind: Letters})
			pos = e
			continue
		case cl&cSep != 0:
			e := pos + 1
			for e < n && classes[text[e]]&cSep != 0 {
				e++
			}
			if e == n {
				open = e-pos <= maxSepRun
				goto done
			}
			if e-pos > maxSepRun || classes[text[e]]&(cDigit|cLetter) == 0 {
				goto done
			}
			for k := pos; k < e; k++ {
				toks = append(toks, Token{Start: int32(k), End: int32(k + 1), Kind: Sep})
			}
			pos = e
			continue
		default:
			goto done
		}
	}
	open = true
done:
	for len(toks) > 0 && toks[len(toks)-1].Kind == Sep {
		toks = toks[:len(toks)-1]
	}
	c = Chain{Start: s, End: int(toks[len(toks)-1].End), Tokens: toks, Digits: digits, Groups: groups}
	return c, open
}

// skipTo returns the first index from i on whose byte is in trig, or
// len(text). With digitsAt (the trigger bytes are digits and '@', the default
// set) it tests eight bytes at a time, exactly, so that punctuation such
// as ':' and '?' costs nothing.
func skipTo(text []byte, i int, trig *[256]bool, digitsAt bool) int {
	if digitsAt {
		for i+8 <= len(text) {
			x := binary.LittleEndian.Uint64(text[i:])
			a := x ^ swar.Ones*'@'
			hit := swar.Between(x, 0x2F, 0x3A) | swar.Zero(a)
			if hit != 0 {
				return i + bits.TrailingZeros64(hit)/8
			}
			i += 8
		}
	}
	for i < len(text) && !trig[text[i]] {
		i++
	}
	return i
}
