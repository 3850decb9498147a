package detectors

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"redactor/redact"
)

// DictionarySpec configures a term-list detector (a pack's `dictionary:` or
// `deny:` entry).
type DictionarySpec struct {
	Name          string
	Type          string
	Score         float32
	Priority      int
	Terms         []string
	CaseSensitive bool
	Context       *redact.ContextSpec
}

// Dictionary finds whole-word occurrences of its terms (one or more words,
// "Project Bluebird"), ignoring ASCII case unless CaseSensitive. It looks
// terms up by the hash of their first word, so its cost per word does not
// grow with the number of terms.
type Dictionary struct {
	info          redact.Info
	typ           string
	score         float32
	caseSensitive bool
	byFirst       map[uint64][]term // longest first
	bloom         *redact.WordBloom
}

type term struct {
	text  []byte   // as written in the pack
	words []uint64 // word hashes
}

var _ redact.FilteredWordDetector = (*Dictionary)(nil)

// WordFilter implements redact.FilteredWordDetector: the terms' first words.
func (d *Dictionary) WordFilter() redact.WordFilter { return redact.WordFilter{Bloom: d.bloom} }

// maxTermGap is the most non-word bytes between two words of a term.
const maxTermGap = 3

// NewDictionary compiles a term list.
func NewDictionary(spec DictionarySpec) (*Dictionary, error) {
	d := &Dictionary{typ: spec.Type, score: spec.Score, caseSensitive: spec.CaseSensitive, byFirst: map[uint64][]term{}}
	maxLen := 0
	for _, t := range spec.Terms {
		b := []byte(t)
		var hs []uint64
		for i := 0; i < len(b); {
			if !redact.IsWordByte(b[i]) {
				i++
				continue
			}
			e := redact.WordEnd(b, i)
			hs = append(hs, redact.WordHash(b[i:e]))
			i = e
		}
		if len(hs) == 0 {
			return nil, fmt.Errorf("term %q has no words", t)
		}
		n := len(bytes.TrimSpace(b)) + (len(hs)-1)*maxTermGap
		if n > redact.MaxSpanLen {
			return nil, fmt.Errorf("term %q is longer than %d bytes", t, redact.MaxSpanLen)
		}
		maxLen = max(maxLen, n)
		d.byFirst[hs[0]] = append(d.byFirst[hs[0]], term{text: b, words: hs})
	}
	if len(d.byFirst) == 0 {
		return nil, errors.New("no terms")
	}
	d.bloom = new(redact.WordBloom)
	for h, ts := range d.byFirst {
		d.bloom.Add(h)
		slices.SortFunc(ts, func(a, b term) int { return len(b.words) - len(a.words) })
	}
	d.info = redact.Info{Name: spec.Name, Types: []string{spec.Type}, MaxLen: maxLen, Priority: spec.Priority, Lookbehind: 1, Context: spec.Context}
	return d, nil
}

// Info implements redact.Detector.
func (d *Dictionary) Info() redact.Info { return d.info }

// FindWord implements redact.WordDetector.
func (d *Dictionary) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	ts, ok := d.byFirst[h]
	if !ok {
		return dst
	}
	text := w.Text
	for _, t := range ts {
		e, open := end, false
		for _, wh := range t.words[1:] {
			i := e
			for i < len(text) && i-e <= maxTermGap && !redact.IsWordByte(text[i]) {
				i++
			}
			if i >= len(text) {
				if open = !w.EOF; !open {
					e = -1 // the text ends before the term does
				}
				break
			}
			if i == e || i-e > maxTermGap {
				e = -1
				break
			}
			we := redact.WordEnd(text, i)
			if we >= len(text) && !w.EOF {
				open = true
				break
			}
			if redact.WordHash(text[i:we]) != wh {
				e = -1
				break
			}
			e = we
		}
		if open {
			return append(dst, redact.Candidate{Start: start, End: len(text), Type: d.typ, Open: true})
		}
		if e < 0 || d.caseSensitive && !sameWords(text[start:e], t.text) {
			continue
		}
		return append(dst, redact.Candidate{Start: start, End: e, Type: d.typ, Score: d.score})
	}
	return dst
}

// sameWords compares the words of a and b byte for byte, ignoring the
// non-word bytes between them.
func sameWords(a, b []byte) bool {
	i, j := 0, 0
	for {
		for i < len(a) && !redact.IsWordByte(a[i]) {
			i++
		}
		for j < len(b) && !redact.IsWordByte(b[j]) {
			j++
		}
		if i == len(a) || j == len(b) {
			return i == len(a) && j == len(b)
		}
		ei, ej := redact.WordEnd(a, i), redact.WordEnd(b, j)
		if !bytes.Equal(a[i:ei], b[j:ej]) {
			return false
		}
		i, j = ei, ej
	}
}
