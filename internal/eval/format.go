package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ContextBytes is how many bytes of text a diff example shows on either side
// of the span.
const ContextBytes = 30

// Notes beside a type in the text table.
const (
	noteNotInPack   = "(not detected by this pack)"
	noteNotInCorpus = "(no gold spans in the corpus)"
)

// WriteText writes the report as an aligned table followed by the
// character-level shares.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "pack: %s\n", r.Pack)
	r.writeCorpusLine(bw)
	bw.WriteString("\n")
	var t table
	t.add("", "type", "gold", "predicted", "TP", "FP", "FN", "overlap", "precision", "recall", "F1", "visible", "over-redacted")
	row := func(name string, c Counts, ch Chars, note string) {
		p, pok := c.Precision()
		rc, rok := c.Recall()
		f, fok := c.F1()
		v, vok := ch.VisibleShare()
		t.add(note, name, group(c.Gold), group(c.Predicted), group(c.TP), group(c.FP), group(c.FN), group(c.OverlapGold),
			fixed(p, pok), fixed(rc, rok), fixed(f, fok), percent(v, vok), group(ch.OverRedactedBytes))
	}
	for _, s := range r.Types {
		row(s.Type, s.Counts, s.Chars, typeNote(s))
	}
	row("total", r.Total, r.Chars, "")
	t.write(bw)
	bw.WriteString("\n")
	writeChars(bw, r.Chars)
	return bw.Flush()
}

func typeNote(s TypeStats) string {
	switch {
	case !s.InPack:
		return noteNotInPack
	case s.Gold == 0:
		return noteNotInCorpus
	}
	return ""
}

func (r *Report) writeCorpusLine(w *bufio.Writer) {
	name := "corpus"
	if len(r.Corpus) > 1 {
		name = "corpora"
	}
	fmt.Fprintf(w, "%s: %s: %s records, %s text bytes\n", name, strings.Join(r.Corpus, ", "), group(len(r.Records)), group(r.TextBytes))
}

func writeChars(w *bufio.Writer, c Chars) {
	v, vok := c.VisibleShare()
	o, ook := c.OverRedactedShare()
	fmt.Fprintf(w, "entity characters left visible: %s of %s (%s)\n", group(c.VisibleBytes), group(c.EntityBytes), percent(v, vok))
	fmt.Fprintf(w, "other characters redacted:      %s of %s (%s)\n", group(c.OverRedactedBytes), group(c.OtherBytes), percent(o, ook))
}

// jsonRatio is a ratio, or null when it is undefined.
type jsonRatio *float64

func jr(v float64, ok bool) jsonRatio {
	if !ok {
		return nil
	}
	return &v
}

type jsonCounts struct {
	Gold             int       `json:"gold"`
	Predicted        int       `json:"predicted"`
	TP               int       `json:"tp"`
	FP               int       `json:"fp"`
	FN               int       `json:"fn"`
	OverlapGold      int       `json:"overlap_gold"`
	OverlapPredicted int       `json:"overlap_predicted"`
	Precision        jsonRatio `json:"precision"`
	Recall           jsonRatio `json:"recall"`
	F1               jsonRatio `json:"f1"`
}

func toJSONCounts(c Counts) jsonCounts {
	p, pok := c.Precision()
	r, rok := c.Recall()
	f, fok := c.F1()
	return jsonCounts{c.Gold, c.Predicted, c.TP, c.FP, c.FN, c.OverlapGold, c.OverlapPredicted, jr(p, pok), jr(r, rok), jr(f, fok)}
}

type jsonChars struct {
	EntityBytes       int       `json:"entity_bytes"`
	VisibleBytes      int       `json:"visible_bytes"`
	VisibleShare      jsonRatio `json:"visible_share"`
	OtherBytes        int       `json:"other_bytes"`
	OverRedactedBytes int       `json:"over_redacted_bytes"`
	OverRedactedShare jsonRatio `json:"over_redacted_share"`
}

func toJSONChars(c Chars) jsonChars {
	v, vok := c.VisibleShare()
	o, ook := c.OverRedactedShare()
	return jsonChars{c.EntityBytes, c.VisibleBytes, jr(v, vok), c.OtherBytes, c.OverRedactedBytes, jr(o, ook)}
}

type jsonType struct {
	Type   string `json:"type"`
	InPack bool   `json:"in_pack"`
	jsonCounts
	Chars jsonChars `json:"chars"`
}

type jsonReport struct {
	Pack      string     `json:"pack"`
	Corpus    []string   `json:"corpus"`
	Records   int        `json:"records"`
	TextBytes int        `json:"text_bytes"`
	PackTypes []string   `json:"pack_types"`
	Types     []jsonType `json:"types"`
	Total     jsonCounts `json:"total"`
	Chars     jsonChars  `json:"chars"`
}

func (r *Report) toJSON() jsonReport {
	j := jsonReport{
		Pack: r.Pack, Corpus: r.Corpus, Records: len(r.Records), TextBytes: r.TextBytes,
		PackTypes: r.PackTypes, Types: []jsonType{},
		Total: toJSONCounts(r.Total), Chars: toJSONChars(r.Chars),
	}
	if j.Corpus == nil {
		j.Corpus = []string{}
	}
	if j.PackTypes == nil {
		j.PackTypes = []string{}
	}
	for _, s := range r.Types {
		j.Types = append(j.Types, jsonType{Type: s.Type, InPack: s.InPack, jsonCounts: toJSONCounts(s.Counts), Chars: toJSONChars(s.Chars)})
	}
	return j
}

// WriteJSON writes the report as one indented JSON object: pack, corpus,
// records, text_bytes, pack_types, types (per type: the counts, precision,
// recall and f1, null when undefined, and chars), total and chars.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.toJSON())
}

// DiffOptions control how a diff is printed.
type DiffOptions struct {
	// ShowValues prints the examples' text as it is; by default the letters
	// and digits of every labelled or predicted span in a snippet are masked.
	ShowValues bool
	// MaxExamples caps the changed spans printed (0: none).
	MaxExamples int
}

// WriteText writes the per-type deltas (B minus A), the character shares of
// both, and up to opt.MaxExamples changed spans with a context snippet.
func (d *DiffReport) WriteText(w io.Writer, opt DiffOptions) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "A: %s\nB: %s\n", d.A.Pack, d.B.Pack)
	d.A.writeCorpusLine(bw)
	bw.WriteString("\n")
	var t table
	t.add("", "type", "gold", "ΔTP", "ΔFP", "ΔFN", "F1 A", "F1 B", "ΔF1", "Δvisible", "Δover-redacted")
	row := func(name string, gold int, a, b Counts, ca, cb Chars, note string) {
		fa, faok := a.F1()
		fb, fbok := b.F1()
		va, vaok := ca.VisibleShare()
		vb, vbok := cb.VisibleShare()
		oa, oaok := ca.OverRedactedShare()
		ob, obok := cb.OverRedactedShare()
		t.add(note, name, group(gold), signed(b.TP-a.TP), signed(b.FP-a.FP), signed(b.FN-a.FN),
			fixed(fa, faok), fixed(fb, fbok), deltaFixed(fb-fa, faok && fbok),
			deltaPP(vb-va, vaok && vbok), deltaPP(ob-oa, oaok && obok))
	}
	for _, td := range d.Types {
		note := ""
		switch {
		case !td.A.InPack && !td.B.InPack:
			note = "(detected by neither pack)"
		case !td.A.InPack:
			note = "(detected by B only)"
		case !td.B.InPack:
			note = "(detected by A only)"
		}
		row(td.Type, max(td.A.Gold, td.B.Gold), td.A.Counts, td.B.Counts, td.A.Chars, td.B.Chars, note)
	}
	row("total", max(d.A.Total.Gold, d.B.Total.Gold), d.A.Total, d.B.Total, d.A.Chars, d.B.Chars, "")
	t.write(bw)
	bw.WriteString("\n")
	va, vaok := d.A.Chars.VisibleShare()
	vb, vbok := d.B.Chars.VisibleShare()
	oa, oaok := d.A.Chars.OverRedactedShare()
	ob, obok := d.B.Chars.OverRedactedShare()
	fmt.Fprintf(bw, "entity characters left visible: A %s of %s (%s), B %s (%s)\n",
		group(d.A.Chars.VisibleBytes), group(d.A.Chars.EntityBytes), percent(va, vaok), group(d.B.Chars.VisibleBytes), percent(vb, vbok))
	fmt.Fprintf(bw, "other characters redacted:      A %s of %s (%s), B %s (%s)\n",
		group(d.A.Chars.OverRedactedBytes), group(d.A.Chars.OtherBytes), percent(oa, oaok), group(d.B.Chars.OverRedactedBytes), percent(ob, obok))
	bw.WriteString("\n")
	if len(d.Changes) == 0 {
		bw.WriteString("no record's predicted spans differ\n")
		return bw.Flush()
	}
	added := 0
	for _, c := range d.Changes {
		if c.Added {
			added++
		}
	}
	fmt.Fprintf(bw, "%s records differ: %s spans found by B only, %s lost\n",
		group(d.ChangedRecords), group(added), group(len(d.Changes)-added))
	shown := d.examples(opt)
	last := -1
	for _, c := range shown {
		rec := &d.A.Records[c.Record]
		if c.Record != last {
			fmt.Fprintf(bw, "\n%s (%s line %d)\n", rec.ID, rec.Source, rec.Line)
			last = c.Record
		}
		fmt.Fprintf(bw, "  %s\n      %s\n", c.describe(), d.snippet(c, opt.ShowValues))
	}
	if rest := len(d.Changes) - len(shown); rest > 0 {
		fmt.Fprintf(bw, "\n… %s more changed spans not shown (--max-examples %d)\n", group(rest), opt.MaxExamples)
	}
	return bw.Flush()
}

func (d *DiffReport) examples(opt DiffOptions) []Change {
	return d.Changes[:min(len(d.Changes), max(opt.MaxExamples, 0))]
}

// describe says what changed: "+ found by B only: PHONE_NUMBER [120,134) (true positive)".
func (c Change) describe() string {
	what := "- lost"
	if c.Added {
		what = "+ found by B only"
	}
	return fmt.Sprintf("%s: %s [%d,%d) (%s)", what, c.Span.Type, c.Span.Start, c.Span.End, c.match())
}

func (c Change) match() string {
	switch c.Match {
	case Boundary:
		return fmt.Sprintf("false positive; gold %s is [%d,%d)", c.Gold.Type, c.Gold.Start, c.Gold.End)
	case OtherType:
		return fmt.Sprintf("false positive; overlaps gold %s [%d,%d)", c.Gold.Type, c.Gold.Start, c.Gold.End)
	}
	return c.Match.String()
}

// snippet returns the change's context, quoted, with the span marked «…».
// Unless showValues, every gold or predicted span (of A or B) in the
// snippet has its letters and digits masked.
func (d *DiffReport) snippet(c Change, showValues bool) string {
	rec := &d.A.Records[c.Record]
	var masks []Span
	if !showValues {
		masks = append(masks, rec.Entities...)
		masks = append(masks, d.A.Predictions[c.Record]...)
		masks = append(masks, d.B.Predictions[c.Record]...)
	}
	return Snippet(rec.Text, c.Span, masks)
}

// Snippet returns the text around s, ContextBytes on either side (shrunk to
// rune boundaries), quoted as a Go string, with s between « and » and "…"
// where the text goes on. In the snippet, the letters and digits of every
// span in masks are replaced by '*' (one per rune); other characters are kept.
func Snippet(text string, s Span, masks []Span) string {
	lo := max(0, s.Start-ContextBytes)
	for lo < s.Start && !utf8.RuneStart(text[lo]) {
		lo++
	}
	hi := min(len(text), s.End+ContextBytes)
	for hi > s.End && hi < len(text) && !utf8.RuneStart(text[hi]) {
		hi--
	}
	var b strings.Builder
	if lo > 0 {
		b.WriteString("…")
	}
	for i := lo; i < hi; {
		if i == s.Start {
			b.WriteString("«")
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if (unicode.IsLetter(r) || unicode.IsDigit(r)) && masked(i, masks) {
			b.WriteByte('*')
		} else {
			b.WriteString(text[i : i+size])
		}
		i += size
		if i == s.End {
			b.WriteString("»")
		}
	}
	if hi < len(text) {
		b.WriteString("…")
	}
	return strconv.Quote(b.String())
}

func masked(i int, masks []Span) bool {
	for _, m := range masks {
		if m.Start <= i && i < m.End {
			return true
		}
	}
	return false
}

type jsonDelta struct {
	Type              string    `json:"type,omitempty"`
	Gold              int       `json:"gold"`
	DeltaTP           int       `json:"delta_tp"`
	DeltaFP           int       `json:"delta_fp"`
	DeltaFN           int       `json:"delta_fn"`
	F1A               jsonRatio `json:"f1_a"`
	F1B               jsonRatio `json:"f1_b"`
	DeltaF1           jsonRatio `json:"delta_f1"`
	DeltaVisible      jsonRatio `json:"delta_visible_share"`
	DeltaOverRedacted jsonRatio `json:"delta_over_redacted_share"`
	InPackA           *bool     `json:"in_pack_a,omitempty"`
	InPackB           *bool     `json:"in_pack_b,omitempty"`
}

func toJSONDelta(name string, a, b Counts, ca, cb Chars, inA, inB *bool) jsonDelta {
	fa, faok := a.F1()
	fb, fbok := b.F1()
	va, vaok := ca.VisibleShare()
	vb, vbok := cb.VisibleShare()
	oa, oaok := ca.OverRedactedShare()
	ob, obok := cb.OverRedactedShare()
	return jsonDelta{
		Type: name, Gold: max(a.Gold, b.Gold),
		DeltaTP: b.TP - a.TP, DeltaFP: b.FP - a.FP, DeltaFN: b.FN - a.FN,
		F1A: jr(fa, faok), F1B: jr(fb, fbok), DeltaF1: jr(fb-fa, faok && fbok),
		DeltaVisible: jr(vb-va, vaok && vbok), DeltaOverRedacted: jr(ob-oa, oaok && obok),
		InPackA: inA, InPackB: inB,
	}
}

type jsonChange struct {
	ID      string `json:"id"`
	Source  string `json:"source"`
	Line    int    `json:"line"`
	Change  string `json:"change"` // "added" (found by B only) or "lost"
	Type    string `json:"type"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Match   string `json:"match"`
	Gold    *Span  `json:"gold,omitempty"`
	Context string `json:"context"`
}

type jsonDiff struct {
	A              jsonReport   `json:"a"`
	B              jsonReport   `json:"b"`
	Types          []jsonDelta  `json:"types"`
	Total          jsonDelta    `json:"total"`
	ChangedRecords int          `json:"changed_records"`
	ChangedSpans   int          `json:"changed_spans"`
	Examples       []jsonChange `json:"examples"`
}

// WriteJSON writes the diff as one indented JSON object: both reports (a,
// b), per-type deltas (B minus A; null when undefined) with whether each
// pack reports the type, the total deltas, the count of changed records and
// spans, and up to opt.MaxExamples examples (contexts masked as in
// WriteText).
func (d *DiffReport) WriteJSON(w io.Writer, opt DiffOptions) error {
	j := jsonDiff{
		A: d.A.toJSON(), B: d.B.toJSON(), Types: []jsonDelta{},
		Total:          toJSONDelta("", d.A.Total, d.B.Total, d.A.Chars, d.B.Chars, nil, nil),
		ChangedRecords: d.ChangedRecords, ChangedSpans: len(d.Changes), Examples: []jsonChange{},
	}
	for _, td := range d.Types {
		inA, inB := td.A.InPack, td.B.InPack
		j.Types = append(j.Types, toJSONDelta(td.Type, td.A.Counts, td.B.Counts, td.A.Chars, td.B.Chars, &inA, &inB))
	}
	for _, c := range d.examples(opt) {
		rec := &d.A.Records[c.Record]
		jc := jsonChange{
			ID: rec.ID, Source: rec.Source, Line: rec.Line, Change: "lost",
			Type: c.Span.Type, Start: c.Span.Start, End: c.Span.End, Match: c.Match.String(),
			Context: d.snippet(c, opt.ShowValues),
		}
		// The context is quoted for the text output; JSON quotes it itself.
		if s, err := strconv.Unquote(jc.Context); err == nil {
			jc.Context = s
		}
		if c.Added {
			jc.Change = "added"
		}
		if c.Match == Boundary || c.Match == OtherType {
			g := c.Gold
			jc.Gold = &g
		}
		j.Examples = append(j.Examples, jc)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(j)
}

// table is a text table: the first column left-aligned, the others right-aligned.
type table struct {
	rows  [][]string
	notes []string
}

func (t *table) add(note string, cells ...string) {
	t.rows = append(t.rows, cells)
	t.notes = append(t.notes, note)
}

func (t *table) write(w *bufio.Writer) {
	var widths []int
	for _, row := range t.rows {
		for i, c := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var line strings.Builder
	for k, row := range t.rows {
		line.Reset()
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				line.WriteString(c + pad)
				continue
			}
			line.WriteString("  " + pad + c)
		}
		if t.notes[k] != "" {
			line.WriteString("  " + t.notes[k])
		}
		w.WriteString(strings.TrimRight(line.String(), " "))
		w.WriteByte('\n')
	}
}

// group formats n with thousands separators: 1,067,206.
func group(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func signed(n int) string {
	if n > 0 {
		return "+" + group(n)
	}
	return group(n)
}

func fixed(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

func percent(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.FormatFloat(100*v, 'f', 3, 64) + "%"
}

// deltaFixed formats a difference of ratios: "+0.012", "-0.400", "0".
func deltaFixed(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	s := strconv.FormatFloat(v, 'f', 3, 64)
	switch {
	case s == "0.000" || s == "-0.000":
		return "0"
	case v > 0:
		return "+" + s
	}
	return s
}

// deltaPP formats a difference of shares in percentage points.
func deltaPP(v float64, ok bool) string {
	if !ok {
		return "-"
	}
	s := deltaFixed(100*v, true)
	if s == "0" {
		return s
	}
	return s + "pp"
}
