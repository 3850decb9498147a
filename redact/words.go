package redact

import "fmt"

// Words are the unit of dictionaries and context. A word is a run of ASCII
// letters and digits, non-ASCII bytes (so "José" is one word) and
// apostrophes between them ("O'Brien"). Words compare after ASCII
// lower-casing, by a 64-bit FNV-1a hash.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// IsWordByte reports whether c can be part of a word (apostrophes aside).
func IsWordByte(c byte) bool { return classes[c]&(cLetter|cDigit) != 0 || c >= 0x80 }

// WordHash returns the hash of a word, ignoring ASCII case.
func WordHash(word []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range word {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

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
	first   map[uint64]bool // hash of each phrase's first word
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
	m := &contextMatcher{spec: *spec, first: map[uint64]bool{}}
	for _, phrase := range spec.Words {
		var hs []uint64
		b := []byte(phrase)
		for i := 0; i < len(b); {
			if !IsWordByte(b[i]) {
				i++
				continue
			}
			e := WordEnd(b, i)
			hs = append(hs, WordHash(b[i:e]))
			i = e
		}
		if len(hs) == 0 || len(hs) > maxContextWords {
			return nil, errContext("context word %q has no words or too many", phrase)
		}
		m.phrases = append(m.phrases, hs)
		m.first[hs[0]] = true
	}
	return m, nil
}

func errContext(format string, args ...any) error {
	return fmt.Errorf("context: "+format, args...)
}

// lookbehind and lookahead are the bytes a context check reads around a span.
func (m *contextMatcher) lookbehind() int { return m.spec.Before * contextBytesPerWord }
func (m *contextMatcher) lookahead() int  { return m.spec.After * contextBytesPerWord }

// find reports whether a context phrase occurs within the words around
// [start, end) of w; pending means the words after the span run past the
// window and more text could still bring one.
func (m *contextMatcher) find(w *Window, start, end int, eof bool) (found, pending bool) {
	var words [maxContextWords]uint64
	if n := m.spec.Before; n > 0 {
		// Scan back, then reverse into text order.
		k := 0
		lim := start - m.lookbehind()
		i := start
		for k < n && i > lim {
			for i > lim && !IsWordByte(w.ByteAt(i-1)) {
				i--
			}
			if i <= lim {
				break
			}
			e := i
			for i > lim && (IsWordByte(w.ByteAt(i-1)) || w.ByteAt(i-1) == '\'' && IsWordByte(w.ByteAt(i-2))) {
				i--
			}
			if i <= lim && IsWordByte(w.ByteAt(i-1)) {
				break // the word reaches past the bound: not counted
			}
			words[k] = m.hashAt(w, i, e)
			k++
		}
		for a, b := 0, k-1; a < b; a, b = a+1, b-1 {
			words[a], words[b] = words[b], words[a]
		}
		if m.match(words[:k]) {
			return true, false
		}
	}
	if n := m.spec.After; n > 0 {
		k := 0
		lim := end + m.lookahead()
		i := end
		text := w.Text
		for k < n && i < lim {
			for i < lim && i < len(text) && !IsWordByte(text[i]) {
				i++
			}
			if i >= lim {
				break
			}
			if i >= len(text) {
				return false, !eof
			}
			e := WordEnd(text, i)
			if e > lim {
				break // the word reaches past the bound: not counted
			}
			if e >= len(text) && !eof {
				return false, true // the word may go on
			}
			words[k] = WordHash(text[i:e])
			k++
			i = e
		}
		if m.match(words[:k]) {
			return true, false
		}
	}
	return false, false
}

// hashAt hashes the word at [i, e) of w, which may reach into w.Before.
func (m *contextMatcher) hashAt(w *Window, i, e int) uint64 {
	if i >= 0 {
		return WordHash(w.Text[i:e])
	}
	h := uint64(fnvOffset)
	for j := i; j < e; j++ {
		c := w.ByteAt(j)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// match reports whether a phrase occurs in words (in text order).
func (m *contextMatcher) match(words []uint64) bool {
	for i, h := range words {
		if !m.first[h] {
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
