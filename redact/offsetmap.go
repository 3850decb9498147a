package redact

import "sort"

// OffsetMap maps byte offsets between an original stream and its redacted
// form, from the entities a Stream reported. The call pipeline uses it to
// line redactions up with word timings and audio.
type OffsetMap struct {
	ents []Entity // sorted by Start, non-overlapping
}

// NewOffsetMap builds a map from entities in stream order (as Stream.Entities
// returns them). It keeps a reference to ents.
func NewOffsetMap(ents []Entity) *OffsetMap { return &OffsetMap{ents: ents} }

// ToRedacted maps an original offset to the redacted stream. An offset
// strictly inside a replaced span maps to the start of its replacement.
func (m *OffsetMap) ToRedacted(off int64) int64 {
	r, _ := m.toRedacted(off, false)
	return r
}

// ToOriginal maps a redacted offset to the original stream. An offset
// strictly inside a replacement maps to the start of the replaced span.
func (m *OffsetMap) ToOriginal(off int64) int64 {
	r, _ := m.toOriginal(off, false)
	return r
}

// RangeToRedacted maps an original range [start, end) to the smallest
// redacted range that covers it: a range that touches part of a replaced span
// covers its whole replacement.
func (m *OffsetMap) RangeToRedacted(start, end int64) (int64, int64) {
	s, _ := m.toRedacted(start, false)
	e, _ := m.toRedacted(end, true)
	return s, e
}

// RangeToOriginal maps a redacted range [start, end) to the smallest original
// range that covers it.
func (m *OffsetMap) RangeToOriginal(start, end int64) (int64, int64) {
	s, _ := m.toOriginal(start, false)
	e, _ := m.toOriginal(end, true)
	return s, e
}

// toRedacted maps off; roundUp maps an offset inside a span to its end.
// inside reports that off was strictly inside a replaced span.
func (m *OffsetMap) toRedacted(off int64, roundUp bool) (_ int64, inside bool) {
	// i: the first entity that ends after off.
	i := sort.Search(len(m.ents), func(i int) bool { return m.ents[i].End > off })
	if i < len(m.ents) && m.ents[i].Start < off {
		if roundUp {
			return m.ents[i].RedactedEnd, true
		}
		return m.ents[i].RedactedStart, true
	}
	if i == 0 {
		return off, false
	}
	p := m.ents[i-1]
	return off - p.End + p.RedactedEnd, false
}

func (m *OffsetMap) toOriginal(off int64, roundUp bool) (_ int64, inside bool) {
	i := sort.Search(len(m.ents), func(i int) bool { return m.ents[i].RedactedEnd > off })
	if i < len(m.ents) && m.ents[i].RedactedStart < off {
		if roundUp {
			return m.ents[i].End, true
		}
		return m.ents[i].Start, true
	}
	if i == 0 {
		return off, false
	}
	p := m.ents[i-1]
	return off - p.RedactedEnd + p.End, false
}
