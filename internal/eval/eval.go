// Package eval measures a detector pack against a labelled corpus: per entity
// type precision, recall and F1 on exact typed spans, a relaxed (overlap)
// match count, and two character-level shares over the whole corpus: the
// entity characters left visible and the other characters redacted. Diff
// compares two packs on the same corpus, down to the spans that changed.
//
// Offsets are UTF-8 byte offsets into a record's text, end exclusive, as in
// the redactor's jsonl output. Nothing this package reports or returns as an
// error contains transcript text, except the context snippets of a diff
// printed with ShowValues.
package eval

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"

	"redactor/redact"
)

// Span is a typed byte range [Start, End) of a record's text.
type Span struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Record is one labelled transcript of a corpus.
type Record struct {
	ID       string // the record's id as written in the corpus
	Source   string // the corpus file, for messages
	Line     int    // the 1-based line of the record in Source
	Text     string
	Entities []Span // the gold spans, in corpus order
}

// Validate checks the gold spans: each in range, non-empty, on UTF-8
// boundaries, and no two of the same type overlapping (spans of different
// types may overlap, and the order is free). Errors name the entity by its
// 1-based position and the field, never the text.
func (r *Record) Validate() error {
	n := len(r.Text)
	for i, e := range r.Entities {
		k := i + 1
		switch {
		case e.Type == "":
			return fmt.Errorf("entity %d: \"type\" is empty", k)
		case e.Start < 0:
			return fmt.Errorf("entity %d: \"start\" %d is negative", k, e.Start)
		case e.End < 0:
			return fmt.Errorf("entity %d: \"end\" %d is negative", k, e.End)
		case e.Start > n:
			return fmt.Errorf("entity %d: \"start\" %d is past the text (length %d)", k, e.Start, n)
		case e.End > n:
			return fmt.Errorf("entity %d: \"end\" %d is past the text (length %d)", k, e.End, n)
		case e.Start >= e.End:
			return fmt.Errorf("entity %d: \"start\" %d is not before \"end\" %d", k, e.Start, e.End)
		case !utf8.RuneStart(r.Text[e.Start]):
			return fmt.Errorf("entity %d: \"start\" %d is inside a UTF-8 sequence", k, e.Start)
		case e.End < n && !utf8.RuneStart(r.Text[e.End]):
			return fmt.Errorf("entity %d: \"end\" %d is inside a UTF-8 sequence", k, e.End)
		}
	}
	idx := make([]int, len(r.Entities))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		x, y := r.Entities[a], r.Entities[b]
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Start, y.Start), cmp.Compare(a, b))
	})
	// Within one type, sorted by start, an overlap shows between neighbours
	// once the furthest end so far is tracked.
	far := -1 // index of the entity with the furthest end in the current type
	for j, i := range idx {
		e := r.Entities[i]
		if j == 0 || r.Entities[idx[j-1]].Type != e.Type {
			far = i
			continue
		}
		if f := r.Entities[far]; f.End > e.Start {
			a, b := min(far, i), max(far, i)
			return fmt.Errorf("entity %d: overlaps entity %d of the same type (%s [%d,%d) and [%d,%d))",
				b+1, a+1, e.Type, r.Entities[b].Start, r.Entities[b].End, r.Entities[a].Start, r.Entities[a].End)
		}
		if e.End > r.Entities[far].End {
			far = i
		}
	}
	return nil
}

// Predict runs eng over each record's text, each its own stream, and returns
// the predicted spans per record, sorted by start.
func Predict(eng *redact.Engine, recs []Record) ([][]Span, error) {
	s, err := eng.NewStream(redact.Config{Operator: redact.Operator{Kind: redact.Keep}})
	if err != nil {
		return nil, err
	}
	preds := make([][]Span, len(recs))
	var out, text []byte
	for i := range recs {
		r := &recs[i]
		s.Reset()
		s.ClearEntities()
		text = append(text[:0], r.Text...)
		out, err = s.Write(out[:0], text)
		if err == nil {
			out, err = s.Close(out)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: line %d: %v", r.Source, r.Line, err)
		}
		ents := s.Entities()
		spans := make([]Span, len(ents))
		for k, e := range ents {
			spans[k] = Span{Type: e.Type, Start: int(e.Start), End: int(e.End)}
		}
		preds[i] = spans
	}
	return preds, nil
}

// Options select what a Report covers.
type Options struct {
	// Types restricts the evaluation to these entity types, as if the pack
	// ran with only them enabled: gold spans and predictions of other types
	// are left out, and the characters of gold spans of other types count
	// neither as entity nor as other characters. Empty means every type of
	// the corpus's gold spans and every type the pack reports.
	Types []string
}

// Counts are the entity-level counts of one type, or their sums.
type Counts struct {
	Gold      int // gold spans
	Predicted int // predicted spans
	TP        int // predicted spans equal to a gold span: same type, same start and end
	FP        int // Predicted - TP
	FN        int // Gold - TP
	// OverlapGold counts the gold spans that a predicted span of the same
	// type overlaps (a relaxed match; it includes the exact ones).
	OverlapGold int
	// OverlapPredicted counts the predicted spans that overlap a gold span
	// of the same type.
	OverlapPredicted int
}

func ratio(num, den int) (float64, bool) {
	if den == 0 {
		return 0, false
	}
	return float64(num) / float64(den), true
}

// Precision is TP/Predicted; ok is false when nothing was predicted.
func (c Counts) Precision() (p float64, ok bool) { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/Gold; ok is false when there are no gold spans.
func (c Counts) Recall() (r float64, ok bool) { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, 2TP/(2TP+FP+FN); ok is
// false when there are neither gold nor predicted spans.
func (c Counts) F1() (f float64, ok bool) { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

func (c *Counts) add(d Counts) {
	c.Gold += d.Gold
	c.Predicted += d.Predicted
	c.TP += d.TP
	c.FP += d.FP
	c.FN += d.FN
	c.OverlapGold += d.OverlapGold
	c.OverlapPredicted += d.OverlapPredicted
}

// Chars are the character-level (byte) measures. For one type, EntityBytes
// and VisibleBytes concern the gold spans of that type and
// OverRedactedBytes the predictions of that type; OtherBytes is always the
// corpus total.
type Chars struct {
	EntityBytes  int // bytes inside gold spans
	VisibleBytes int // of those, bytes no predicted span (of any type) covers
	OtherBytes   int // bytes outside every gold span
	// OverRedactedBytes counts the other bytes that predicted spans cover.
	OverRedactedBytes int
}

// VisibleShare is VisibleBytes/EntityBytes: the share of entity characters
// left visible. ok is false when there are no entity characters.
func (c Chars) VisibleShare() (float64, bool) { return ratio(c.VisibleBytes, c.EntityBytes) }

// OverRedactedShare is OverRedactedBytes/OtherBytes: the share of other
// characters redacted. ok is false when there are no other characters.
func (c Chars) OverRedactedShare() (float64, bool) {
	return ratio(c.OverRedactedBytes, c.OtherBytes)
}

// TypeStats are the measures of one entity type.
type TypeStats struct {
	Type string
	Counts
	Chars Chars
	// InPack is true when the pack reports this type.
	InPack bool
}

// Report is the evaluation of one pack on one corpus.
type Report struct {
	Pack      string   // a label for the pack (set by the caller, for output)
	Corpus    []string // the corpus files (set by the caller, for output)
	PackTypes []string // the types the pack reports, sorted
	Types     []TypeStats
	Total     Counts // micro totals over Types
	Chars     Chars  // over the whole corpus
	TextBytes int    // the corpus's text bytes

	// Records is the corpus (shared, not copied) and Predictions the
	// evaluated predictions of each record, of the evaluated types, sorted
	// by start, end and type.
	Records     []Record
	Predictions [][]Span
}

// Run predicts with eng and scores the predictions against recs.
func Run(eng *redact.Engine, recs []Record, opt Options) (*Report, error) {
	preds, err := Predict(eng, recs)
	if err != nil {
		return nil, err
	}
	return Score(recs, preds, eng.Types(), opt), nil
}

// Types returns the entity types a default evaluation covers: every type of
// the gold spans of recs and every type in packTypes, sorted.
func Types(recs []Record, packTypes ...[]string) []string {
	set := map[string]bool{}
	for i := range recs {
		for _, e := range recs[i].Entities {
			set[e.Type] = true
		}
	}
	for _, ts := range packTypes {
		for _, t := range ts {
			set[t] = true
		}
	}
	out := make([]string, 0, len(set))
	for t := range set {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// Byte classes in Score's per-record scratch.
const (
	bEntity   = 1 << iota // inside a gold span of an evaluated type
	bExcluded             // inside a gold span of a type left out by Options.Types
	bCovered              // inside a predicted span
)

func bySpan(a, b Span) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Type, b.Type))
}

func byTypeSpan(a, b Span) int {
	return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
}

// Score compares preds (per record, in any order) with the gold spans of
// recs. packTypes are the types the pack reports. Duplicate predictions
// count once; predictions may overlap.
func Score(recs []Record, preds [][]Span, packTypes []string, opt Options) *Report {
	types := opt.Types
	if len(types) == 0 {
		types = Types(recs, packTypes)
	}
	r := &Report{
		PackTypes:   slices.Sorted(slices.Values(packTypes)),
		Records:     recs,
		Predictions: make([][]Span, len(recs)),
	}
	selected := map[string]bool{}
	stats := map[string]*TypeStats{}
	for _, t := range types {
		if !selected[t] {
			selected[t] = true
			_, inPack := slices.BinarySearch(r.PackTypes, t)
			stats[t] = &TypeStats{Type: t, InPack: inPack}
		}
	}
	var cls []byte
	var gold, pred, byType []Span
	var ends []int
	for i := range recs {
		rec := &recs[i]
		text := rec.Text
		r.TextBytes += len(text)
		if cap(cls) < len(text) {
			cls = make([]byte, len(text))
		}
		cls = cls[:len(text)]
		clear(cls)

		gold = gold[:0]
		for _, e := range rec.Entities {
			if selected[e.Type] {
				gold = append(gold, e)
				for k := e.Start; k < e.End; k++ {
					cls[k] |= bEntity
				}
			} else {
				for k := e.Start; k < e.End; k++ {
					cls[k] |= bExcluded
				}
			}
		}
		pred = pred[:0]
		if i < len(preds) {
			for _, p := range preds[i] {
				if selected[p.Type] && p.Start < p.End && p.Start >= 0 && p.End <= len(text) {
					pred = append(pred, p)
				}
			}
		}
		slices.SortFunc(pred, bySpan)
		pred = slices.Compact(pred)
		r.Predictions[i] = slices.Clone(pred)
		for _, p := range pred {
			for k := p.Start; k < p.End; k++ {
				cls[k] |= bCovered
			}
		}

		// Corpus-wide characters.
		for _, c := range cls {
			switch {
			case c&bEntity != 0:
				r.Chars.EntityBytes++
				if c&bCovered == 0 {
					r.Chars.VisibleBytes++
				}
			case c&bExcluded != 0:
			default:
				r.Chars.OtherBytes++
				if c&bCovered != 0 {
					r.Chars.OverRedactedBytes++
				}
			}
		}

		// Per type: matches, overlaps, characters.
		slices.SortFunc(gold, byTypeSpan)
		byType = append(byType[:0], pred...)
		slices.SortFunc(byType, byTypeSpan)
		for len(gold) > 0 || len(byType) > 0 {
			t := nextType(gold, byType)
			g, rest := cutType(gold, t)
			gold = rest
			p, rest := cutType(byType, t)
			byType = rest
			st := stats[t]
			st.Gold += len(g)
			st.Predicted += len(p)
			for _, s := range p {
				if _, ok := slices.BinarySearchFunc(g, s, byTypeSpan); ok {
					st.TP++
				}
			}
			st.OverlapGold += overlapping(g, p, &ends)
			st.OverlapPredicted += overlapping(p, g, &ends)
			for _, s := range g {
				st.Chars.EntityBytes += s.End - s.Start
				for k := s.Start; k < s.End; k++ {
					if cls[k]&bCovered == 0 {
						st.Chars.VisibleBytes++
					}
				}
			}
			// p is sorted by start: count the union of its spans.
			reach := 0
			for _, s := range p {
				for k := max(s.Start, reach); k < s.End; k++ {
					if cls[k]&(bEntity|bExcluded) == 0 {
						st.Chars.OverRedactedBytes++
					}
				}
				reach = max(reach, s.End)
			}
		}
	}
	for _, t := range slices.Sorted(maps.Keys(stats)) {
		st := stats[t]
		st.FP = st.Predicted - st.TP
		st.FN = st.Gold - st.TP
		st.Chars.OtherBytes = r.Chars.OtherBytes
		r.Total.add(st.Counts)
		r.Types = append(r.Types, *st)
	}
	return r
}

// nextType returns the smaller of the first types of two type-sorted lists.
func nextType(a, b []Span) string {
	switch {
	case len(a) == 0:
		return b[0].Type
	case len(b) == 0:
		return a[0].Type
	}
	return min(a[0].Type, b[0].Type)
}

// cutType splits a type-sorted list into its leading spans of type t and the rest.
func cutType(s []Span, t string) (of, rest []Span) {
	k := 0
	for k < len(s) && s[k].Type == t {
		k++
	}
	return s[:k], s[k:]
}

// overlapping counts the spans of a that overlap some span of b; b is sorted
// by start. ends is scratch.
func overlapping(a, b []Span, ends *[]int) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	// (*ends)[k] is the furthest end among b[:k+1].
	e := (*ends)[:0]
	far := 0
	for _, s := range b {
		far = max(far, s.End)
		e = append(e, far)
	}
	*ends = e
	n := 0
	for _, s := range a {
		// b[:k] are the spans that start before s ends.
		k, _ := slices.BinarySearchFunc(b, s.End, func(x Span, end int) int {
			if x.Start < end {
				return -1
			}
			return 1
		})
		if k > 0 && e[k-1] > s.Start {
			n++
		}
	}
	return n
}

// Lookup returns the stats of type t, and whether the report covers t.
func (r *Report) Lookup(t string) (TypeStats, bool) {
	i, ok := slices.BinarySearchFunc(r.Types, t, func(s TypeStats, t string) int { return cmp.Compare(s.Type, t) })
	if !ok {
		return TypeStats{Type: t, Chars: Chars{OtherBytes: r.Chars.OtherBytes}}, false
	}
	return r.Types[i], true
}
