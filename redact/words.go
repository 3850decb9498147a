package redact

import "fmt"

// Words are the unit of dictionaries and context. A word is a run of ASCII
// letters and digits, non-ASCII bytes (so "José" is one word) and
// apostrophes between them ("O'Brien"). Words compare after ASCII
// lower-casing, by a 64-bit hash (WordHash).

// hashK1 and hashK2 are odd 64-bit mixing constants.
const (
	hashK1 = 0x9E3779B97F4A7C15
	hashK2 = 0xC2B2AE3D27D4EB4F
)

// WordHasher computes WordHash a byte at a time: bytes are packed eight to a
// 64-bit word (little-endian), and only each full word costs a
// multiplication, so hashing keeps pace with scanning; the word pass feeds it
// eight bytes at a time (add8).
type WordHasher struct {
	h, acc uint64
	n      int
}

// Add adds one byte, lower-casing ASCII letters.
func (w *WordHasher) Add(c byte) {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	w.acc |= uint64(c) << (8 * (w.n & 7))
	w.n++
	if w.n&7 == 0 {
		w.h = (w.h ^ w.acc) * hashK1
		w.acc = 0
	}
}

// add8 adds eight lower-cased bytes packed little-endian; w.n must be a
// multiple of eight.
func (w *WordHasher) add8(x uint64) {
	w.h = (w.h ^ x) * hashK1
	w.n += 8
}

// addLow adds the low k (< 8) lower-cased bytes of x; w.n must be a
// multiple of eight.
func (w *WordHasher) addLow(x uint64, k int) {
	w.acc = x & (1<<(8*k) - 1)
	w.n += k
}

// Sum returns the hash of the bytes added.
func (w *WordHasher) Sum() uint64 {
	h := (w.h^w.acc)*hashK1 ^ uint64(w.n)
	h ^= h >> 32
	h *= hashK2
	h ^= h >> 29
	return h
}

// IsWordByte reports whether c can be part of a word (apostrophes aside).
func IsWordByte(c byte) bool { return classes[c]&(cLetter|cDigit) != 0 || c >= 0x80 }

// WordHash returns the hash of a word, ignoring ASCII case.
func WordHash(word []byte) uint64 { return hashWord(word, 0, len(word)) }

// WordEnd returns the end of the word that starts at text[i]: word bytes,
// and apostrophes followed by a word byte. It reads one byte past the word.
func WordEnd(text []byte, i int) int {
	e := i
	for e < len(text) {
		c := text[e]
		if IsWordByte(c) || c == '\'' && e > i && e+1 < len(text) && IsWordByte(text[e+1]) {
			e++
			continue
		}
		break
	}
	return e
}

// contextBytesPerWord bounds the bytes a context word scan reads per word,
// which makes context a fixed number of bytes and so keeps detectors local.
const contextBytesPerWord = 24

// maxContextWords bounds ContextSpec.Before and After.
const maxContextWords = 16

// ContextSpec says which words around a span count as context.
type ContextSpec struct {
	// Words are words or phrases ("member id"), matched whole-word, ignoring case.
	Words []string
	// Before and After are how many words before and after the span count
	// (each at most 16). The previous turn of a dialogue is just text before.
	Before, After int
	// Required drops spans without context; otherwise context adds Boost.
	Required bool
	Boost    float32
}

// contextMatcher is a compiled ContextSpec.
type contextMatcher struct {
	spec    ContextSpec
	phrases [][]uint64
	first   uint64 // bit h>>58 set for the hash h of each phrase's first word
	// digitFirst: some phrase's first word has only digits and apostrophes
	digitFirst bool
}

func compileContext(spec *ContextSpec) (*contextMatcher, error) {
	if spec.Before < 0 || spec.After < 0 || spec.Before > maxContextWords || spec.After > maxContextWords {
		return nil, errContext("before and after must be 0..16 words")
	}
	if spec.Before+spec.After == 0 {
		return nil, errContext("a context needs words before or after (before: N, after: N)")
	}
	if len(spec.Words) == 0 {
		return nil, errContext("a context needs words")
	}
	m := &contextMatcher{spec: *spec}
	for _, phrase := range spec.Words {
		var hs []uint64
		b := []byte(phrase)
		for i := 0; i < len(b); {
			if !IsWordByte(b[i]) {
				i++
				continue
			}
			e := WordEnd(b, i)
			if len(hs) == 0 {
				m.digitFirst = m.digitFirst || digitWord(b[i:e])
			}
			hs = append(hs, WordHash(b[i:e]))
			i = e
		}
		if len(hs) == 0 || len(hs) > maxContextWords {
			return nil, errContext("context word %q has no words or too many", phrase)
		}
		m.phrases = append(m.phrases, hs)
		m.first |= 1 << (hs[0] >> 58)
	}
	return m, nil
}

func errContext(format string, args ...any) error {
	return fmt.Errorf("context: "+format, args...)
}

// lookbehind and lookahead are the bytes a context check reads around a span.
func (m *contextMatcher) lookbehind() int { return m.spec.Before * contextBytesPerWord }
func (m *contextMatcher) lookahead() int  { return m.spec.After * contextBytesPerWord }

// contextWords are the words around one span, collected once and shared by
// every context matcher that looks at that span (many detectors propose
// spans at the same place).
type contextWords struct {
	beforeAt, afterAt int // the span start and end they were collected for; -1: none
	before            [maxContextWords]uint64
	beforeStart       [maxContextWords]int // where each word starts, nearest first
	nBefore           int
	after             [maxContextWords]uint64
	afterEnd          [maxContextWords]int
	nAfter            int
	cutAt             int // with cut: where the text runs out of the window
	cut               bool
}

func (c *contextWords) reset() { c.beforeAt, c.afterAt = -1, -1 }

// collectBefore gathers up to maxContextWords words before start, nearest
// first, within bound bytes. words, when not nil, lists the window's words
// (AppendWords): they are read from it rather than hashed again.
func (c *contextWords) collectBefore(w *Window, words []Word, start, bound int) {
	c.beforeAt, c.nBefore = start, 0
	lim := start - bound
	i := start
	if words != nil && !insideWord(w, start) {
		// The listed words that end at or before start, nearest first; a
		// word reaching past the bound ends the search.
		k := searchWords(words, func(wd *Word) bool { return int(wd.End) > start })
		for ; k > 0 && c.nBefore < maxContextWords; k-- {
			wd := &words[k-1]
			if int(wd.Start) < lim {
				return
			}
			c.before[c.nBefore] = wd.Hash
			c.beforeStart[c.nBefore] = int(wd.Start)
			c.nBefore++
			i = int(wd.Start)
		}
		// Before the first listed word: a word that began before the
		// window, and the window's left context.
	}
	for c.nBefore < maxContextWords && i > lim {
		for i > lim && !IsWordByte(w.ByteAt(i-1)) {
			i--
		}
		if i <= lim {
			break
		}
		e := i
		inWord := func(i int) bool {
			return IsWordByte(w.ByteAt(i-1)) || w.ByteAt(i-1) == '\'' && IsWordByte(w.ByteAt(i-2))
		}
		for i > lim && inWord(i) {
			i--
		}
		if i <= lim && inWord(i) {
			break // the word reaches past the bound
		}
		c.before[c.nBefore] = hashAt(w, i, e)
		c.beforeStart[c.nBefore] = i
		c.nBefore++
	}
}

// searchWords returns the first index of words (in text order) for which
// after holds, len(words) if none.
func searchWords(words []Word, after func(*Word) bool) int {
	lo, hi := 0, len(words)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if after(&words[mid]) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// digitWord reports whether word has only digits and apostrophes.
func digitWord(word []byte) bool {
	for _, c := range word {
		if !IsDigit(c) && c != '\'' {
			return false
		}
	}
	return true
}

// insideWord reports whether position i of w may lie inside a word
// (between two word bytes or apostrophes), where the word list and a scan
// from i differ.
func insideWord(w *Window, i int) bool {
	a, b := w.ByteAt(i-1), w.ByteAt(i)
	return (IsWordByte(a) || a == '\'') && (IsWordByte(b) || b == '\'')
}

// collectAfter gathers up to maxContextWords words after end, within bound
// bytes, noting where the window cuts them short. words is as for
// collectBefore.
func (c *contextWords) collectAfter(w *Window, words []Word, end, bound int, eof bool) {
	c.afterAt, c.nAfter, c.cut = end, 0, false
	lim := end + bound
	text := w.Text
	i := end
	if words != nil && !insideWord(w, end) {
		// The listed words from end on.
		k := searchWords(words, func(wd *Word) bool { return int(wd.Start) >= end })
		for ; c.nAfter < maxContextWords && i < lim; k++ {
			if k == len(words) { // only non-word bytes to the end of the text
				if len(text) < lim {
					c.cut, c.cutAt = !eof, len(text)
				}
				return
			}
			ws, we := int(words[k].Start), int(words[k].End)
			if ws >= lim || we > lim {
				return
			}
			if we >= len(text) && !eof {
				c.cut, c.cutAt = true, ws // the word may go on
				return
			}
			c.after[c.nAfter] = words[k].Hash
			c.afterEnd[c.nAfter] = we
			c.nAfter++
			i = we
		}
		return
	}
	for c.nAfter < maxContextWords && i < lim {
		for i < lim && i < len(text) && !IsWordByte(text[i]) {
			i++
		}
		if i >= lim {
			return
		}
		if i >= len(text) {
			c.cut, c.cutAt = !eof, i
			return
		}
		e := WordEnd(text, i)
		if e > lim {
			return
		}
		if e >= len(text) && !eof {
			c.cut, c.cutAt = true, i // the word may go on
			return
		}
		c.after[c.nAfter] = WordHash(text[i:e])
		c.afterEnd[c.nAfter] = e
		c.nAfter++
		i = e
	}
}

// find reports whether a context phrase occurs within the words around
// [start, end) of w; pending means the words after the span run past the
// window and more text could still bring one. c holds the words, collected
// for the engine's widest context.
func (m *contextMatcher) find(c *contextWords, w *Window, list []Word, start, end int, eof bool, maxBefore, maxAfter int) (found, pending bool) {
	var words [maxContextWords]uint64
	if n := m.spec.Before; n > 0 {
		if c.beforeAt != start {
			c.collectBefore(w, list, start, maxBefore)
		}
		lim := start - m.lookbehind()
		k := 0
		for k < n && k < c.nBefore && c.beforeStart[k] >= lim {
			k++
		}
		for j := 0; j < k; j++ { // into text order
			words[j] = c.before[k-1-j]
		}
		if m.match(words[:k]) {
			return true, false
		}
	}
	if n := m.spec.After; n > 0 {
		if c.afterAt != end {
			c.collectAfter(w, list, end, maxAfter, eof)
		}
		lim := end + m.lookahead()
		k := 0
		for k < n && k < c.nAfter && c.afterEnd[k] <= lim {
			words[k] = c.after[k]
			k++
		}
		if m.match(words[:k]) {
			return true, false
		}
		if k < n && k == c.nAfter && c.cut && c.cutAt < lim {
			return false, true
		}
	}
	return false, false
}

// hashAt hashes the word at [i, e) of w, which may reach into w.Before.
func hashAt(w *Window, i, e int) uint64 {
	if i >= 0 {
		return WordHash(w.Text[i:e])
	}
	var wh WordHasher
	for j := i; j < e; j++ {
		wh.Add(w.ByteAt(j))
	}
	return wh.Sum()
}

// match reports whether a phrase occurs in words (in text order).
func (m *contextMatcher) match(words []uint64) bool {
	for i, h := range words {
		if m.first&(1<<(h>>58)) == 0 {
			continue
		}
		for _, p := range m.phrases {
			if p[0] == h && len(p) <= len(words)-i && equalHashes(p, words[i:i+len(p)]) {
				return true
			}
		}
	}
	return false
}

func equalHashes(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// contextIndex finds, in one pass over a window's word list, the words that
// begin a context phrase, so that a candidate whose surroundings hold none
// of its detector's first words is settled without collecting and matching
// its context words (most candidates have no context around them). Each
// matcher gets a bit; a matcher past the 64th gets none and is always
// evaluated in full.
type contextIndex struct {
	filter [contextFilterBits / 64]uint64 // bit h>>(64-14) of each first word
	// firsts is an open-addressed table of the first words (a power of two
	// in size, at most a quarter full; an empty slot has mask 0)
	firsts []contextFirst
	bit    []uint64 // per detector: its matcher's bit, 0 without
	req    []uint64 // per detector: its bit when its context is required
	// noBefore and noAfter are the bits of the matchers that read no
	// words before, or after, a span.
	noBefore, noAfter uint64
	// digitFirst: some phrase begins with a word of digits and apostrophes
	// only, which a span starting inside a number could cut out of it.
	digitFirst bool
}

const contextFilterBits = 1 << 14

// contextFirst is a phrase's first word and the matchers that have it.
type contextFirst struct {
	hash, mask uint64
}

// build indexes the first words of the engine's context matchers.
func (x *contextIndex) build(contexts []*contextMatcher) {
	x.bit = make([]uint64, len(contexts))
	x.req = make([]uint64, len(contexts))
	n := 0
	for _, m := range contexts {
		if m != nil {
			n += len(m.phrases)
		}
	}
	if n == 0 {
		return
	}
	size := 16
	for size < 4*n {
		size *= 2
	}
	x.firsts = make([]contextFirst, size)
	id := 0
	for i, m := range contexts {
		if m == nil || id == 64 {
			continue
		}
		b := uint64(1) << id
		id++
		x.bit[i] = b
		if m.spec.Before == 0 {
			x.noBefore |= b
		}
		if m.spec.After == 0 {
			x.noAfter |= b
		}
		if m.spec.Required {
			x.req[i] = b
		}
		x.digitFirst = x.digitFirst || m.digitFirst
		for _, p := range m.phrases {
			h := p[0]
			x.filter[h>>(64-14)/64] |= 1 << (h >> (64 - 14) % 64)
			k := x.slot(h)
			x.firsts[k].hash = h
			x.firsts[k].mask |= b
		}
	}
}

// slot returns the slot of x.firsts that holds h, or the empty slot where
// it would go.
func (x *contextIndex) slot(h uint64) int {
	k := int(h) & (len(x.firsts) - 1)
	for x.firsts[k].mask != 0 && x.firsts[k].hash != h {
		k = (k + 1) & (len(x.firsts) - 1)
	}
	return k
}

// hitShift sets the size of the blocks of the window that markHits marks:
// 1<<hitShift bytes.
const hitShift = 5

// markHits sets, in blocks (one entry per 1<<hitShift bytes of the window,
// zero on entry), the bits of the matchers whose phrases may begin with a word
// that starts in the block.
func (x *contextIndex) markHits(blocks []uint64, words []Word) {
	if len(x.firsts) == 0 {
		return
	}
	for i := range words {
		h := words[i].Hash
		if x.filter[h>>(64-14)/64]&(1<<(h>>(64-14)%64)) == 0 {
			continue
		}
		blocks[words[i].Start>>hitShift] |= x.firsts[x.slot(h)].mask
	}
}

// hitMask returns the bits of the matchers with a first word that starts in
// a block overlapping [lo, hi): all of those with one within [lo, hi), and
// maybe more.
func hitMask(blocks []uint64, lo, hi int) uint64 {
	var m uint64
	for b := max(lo, 0) >> hitShift; b < len(blocks) && b<<hitShift < hi; b++ {
		m |= blocks[b]
	}
	return m
}
