package eval

import (
	"fmt"
	"slices"
)

// MatchKind says how a predicted span relates to the gold spans.
type MatchKind uint8

// Match kinds, from best to worst.
const (
	// TruePositive: a gold span with the same type, start and end.
	TruePositive MatchKind = iota
	// Boundary: a false positive that overlaps a gold span of its type with
	// other bounds (a relaxed match).
	Boundary
	// OtherType: a false positive that overlaps only gold spans of other types.
	OtherType
	// FalsePositive: overlaps no gold span.
	FalsePositive
)

func (k MatchKind) String() string {
	switch k {
	case TruePositive:
		return "true positive"
	case Boundary:
		return "false positive, other bounds than gold"
	case OtherType:
		return "false positive, overlaps gold of another type"
	case FalsePositive:
		return "false positive"
	}
	return fmt.Sprintf("MatchKind(%d)", uint8(k))
}

// Change is a predicted span that one of two packs found and the other did not.
type Change struct {
	Record int  // index into the reports' Records
	Added  bool // found by B only; else found by A only (lost by B)
	Span   Span
	Match  MatchKind
	// Gold is the gold span the prediction overlaps, for Boundary and
	// OtherType.
	Gold Span
}

// TypeDelta pairs the stats of one type in two reports.
type TypeDelta struct {
	Type string
	A, B TypeStats
}

// DiffReport compares two reports on the same corpus.
type DiffReport struct {
	A, B  *Report
	Types []TypeDelta // every type either report covers, sorted
	// Changes lists every predicted span found by one pack only, in corpus
	// order and, within a record, by position.
	Changes []Change
	// ChangedRecords counts the records whose predicted span sets differ.
	ChangedRecords int
}

// Diff compares a and b, two reports on the same records.
func Diff(a, b *Report) (*DiffReport, error) {
	if len(a.Records) != len(b.Records) {
		return nil, fmt.Errorf("eval: the reports cover %d and %d records", len(a.Records), len(b.Records))
	}
	for i := range a.Records {
		ra, rb := &a.Records[i], &b.Records[i]
		if ra.ID != rb.ID || len(ra.Text) != len(rb.Text) {
			return nil, fmt.Errorf("eval: record %d differs between the reports", i+1)
		}
	}
	d := &DiffReport{A: a, B: b}
	var names []string
	for _, t := range a.Types {
		names = append(names, t.Type)
	}
	for _, t := range b.Types {
		names = append(names, t.Type)
	}
	slices.Sort(names)
	for _, t := range slices.Compact(names) {
		sa, _ := a.Lookup(t)
		sb, _ := b.Lookup(t)
		d.Types = append(d.Types, TypeDelta{Type: t, A: sa, B: sb})
	}
	for i := range a.Records {
		pa, pb := a.Predictions[i], b.Predictions[i]
		rec := &a.Records[i]
		n := len(d.Changes)
		// Both lists are sorted by bySpan: merge them.
		j, k := 0, 0
		for j < len(pa) || k < len(pb) {
			var c int
			switch {
			case j == len(pa):
				c = 1
			case k == len(pb):
				c = -1
			default:
				c = bySpan(pa[j], pb[k])
			}
			switch {
			case c == 0:
				j++
				k++
			case c < 0:
				d.Changes = append(d.Changes, classify(rec, i, pa[j], false))
				j++
			default:
				d.Changes = append(d.Changes, classify(rec, i, pb[k], true))
				k++
			}
		}
		if len(d.Changes) > n {
			d.ChangedRecords++
		}
	}
	return d, nil
}

// classify relates a predicted span to the record's gold spans.
func classify(rec *Record, i int, s Span, added bool) Change {
	c := Change{Record: i, Added: added, Span: s, Match: FalsePositive}
	for _, g := range rec.Entities {
		switch {
		case g == s:
			c.Match, c.Gold = TruePositive, Span{}
			return c
		case g.Start >= s.End || g.End <= s.Start:
		case g.Type == s.Type:
			c.Match, c.Gold = Boundary, g
		case c.Match == FalsePositive:
			c.Match, c.Gold = OtherType, g
		}
	}
	return c
}
