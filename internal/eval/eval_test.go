package eval

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"redactor/detectors"
	"redactor/redact"
)

// at returns the span of the first occurrence of sub in text.
func at(t *testing.T, text, typ, sub string) Span {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	return Span{Type: typ, Start: i, End: i + len(sub)}
}

func TestValidate(t *testing.T) {
	const text = "call José at 415-555-0132" // "José" is [5,10), "é" bytes 8 and 9
	for _, tc := range []struct {
		name string
		ents []Span
		want string // "" for valid
	}{
		{"empty", nil, ""},
		{"unsorted", []Span{{"PHONE_NUMBER", 14, 26}, {"PERSON", 5, 10}}, ""},
		{"other types may overlap", []Span{{"PERSON", 5, 10}, {"NAME", 0, 10}}, ""},
		{"touching same type", []Span{{"X", 0, 4}, {"X", 4, 10}}, ""},
		{"empty type", []Span{{"", 0, 4}}, `entity 1: "type" is empty`},
		{"negative start", []Span{{"X", -1, 4}}, `entity 1: "start" -1 is negative`},
		{"negative end", []Span{{"X", 0, -4}}, `entity 1: "end" -4 is negative`},
		{"start past", []Span{{"X", 0, 4}, {"X", 27, 30}}, `entity 2: "start" 27 is past the text (length 26)`},
		{"end past", []Span{{"X", 0, 4}, {"X", 14, 40}}, `entity 2: "end" 40 is past the text (length 26)`},
		{"empty span", []Span{{"X", 4, 4}}, `entity 1: "start" 4 is not before "end" 4`},
		{"reversed", []Span{{"X", 9, 4}}, `entity 1: "start" 9 is not before "end" 4`},
		{"start inside rune", []Span{{"PERSON", 9, 10}}, `entity 1: "start" 9 is inside a UTF-8 sequence`},
		{"end inside rune", []Span{{"PERSON", 5, 9}}, `entity 1: "end" 9 is inside a UTF-8 sequence`},
		{"same type overlap", []Span{{"X", 10, 20}, {"Y", 0, 25}, {"X", 0, 11}}, "entity 3: overlaps entity 1 of the same type (X [0,11) and [10,20))"},
		{"same type duplicate", []Span{{"X", 0, 4}, {"X", 0, 4}}, "entity 2: overlaps entity 1 of the same type"},
		{"nested same type", []Span{{"X", 0, 20}, {"X", 5, 10}, {"X", 12, 14}}, "entity 2: overlaps entity 1"},
		{"overlap past a short one", []Span{{"X", 0, 20}, {"X", 2, 3}, {"X", 15, 25}}, "entity 2: overlaps entity 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Record{Text: text, Entities: tc.ents}
			err := r.Validate()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("error %v, want %q", err, tc.want)
			case err != nil && strings.Contains(err.Error(), "José"):
				t.Fatalf("error leaks text: %v", err)
			}
		})
	}
}

// TestScore checks hand-computed counts and character shares.
func TestScore(t *testing.T) {
	// 0    5    10   15   20
	// aaaa 1111 bbbb 2222 cccc
	const text = "aaaa 1111 bbbb 2222 cccc"
	base := []Record{{ID: "r1", Text: text, Entities: []Span{{"NUM", 5, 9}, {"NUM", 15, 19}, {"NAME", 0, 4}}}}
	basePreds := [][]Span{{{"NUM", 20, 24}, {"NUM", 5, 9}, {"NUM", 14, 19}}}
	type want struct {
		types map[string]TypeStats
		total Counts
		chars Chars
	}
	for _, tc := range []struct {
		name      string
		recs      []Record
		preds     [][]Span
		packTypes []string
		opt       Options
		want      want
	}{
		{
			// NUM: [5,9) exact; [14,19) overlaps gold [15,19) with other
			// bounds; [20,24) is a plain false positive. NAME is not detected.
			name: "exact, boundary, false positive, undetected type",
			recs: base, preds: basePreds, packTypes: []string{"NUM"},
			want: want{
				types: map[string]TypeStats{
					"NUM": {Type: "NUM", InPack: true,
						Counts: Counts{Gold: 2, Predicted: 3, TP: 1, FP: 2, FN: 1, OverlapGold: 2, OverlapPredicted: 2},
						Chars:  Chars{EntityBytes: 8, VisibleBytes: 0, OtherBytes: 12, OverRedactedBytes: 5}},
					"NAME": {Type: "NAME",
						Counts: Counts{Gold: 1, FN: 1},
						Chars:  Chars{EntityBytes: 4, VisibleBytes: 4, OtherBytes: 12}},
				},
				total: Counts{Gold: 3, Predicted: 3, TP: 1, FP: 2, FN: 2, OverlapGold: 2, OverlapPredicted: 2},
				// Entity bytes 0-4, 5-9, 15-19; predicted 5-9, 14-19, 20-24:
				// byte 14 and 20-24 are other characters redacted.
				chars: Chars{EntityBytes: 12, VisibleBytes: 4, OtherBytes: 12, OverRedactedBytes: 5},
			},
		},
		{
			// The NAME bytes count neither as entity nor as other bytes.
			name: "types restricts gold, predictions and characters",
			recs: base, preds: [][]Span{append([]Span{{"NAME", 0, 4}, {"OTHER", 10, 14}}, basePreds[0]...)},
			packTypes: []string{"NAME", "NUM", "OTHER"}, opt: Options{Types: []string{"NUM"}},
			want: want{
				types: map[string]TypeStats{
					"NUM": {Type: "NUM", InPack: true,
						Counts: Counts{Gold: 2, Predicted: 3, TP: 1, FP: 2, FN: 1, OverlapGold: 2, OverlapPredicted: 2},
						Chars:  Chars{EntityBytes: 8, VisibleBytes: 0, OtherBytes: 12, OverRedactedBytes: 5}},
				},
				total: Counts{Gold: 2, Predicted: 3, TP: 1, FP: 2, FN: 1, OverlapGold: 2, OverlapPredicted: 2},
				chars: Chars{EntityBytes: 8, VisibleBytes: 0, OtherBytes: 12, OverRedactedBytes: 5},
			},
		},
		{
			// A prediction of any type hides the bytes under it; gold spans of
			// different types may overlap and count once in the totals.
			name:      "coverage by another type, overlapping gold of two types",
			recs:      []Record{{Text: "0123456789", Entities: []Span{{"A", 0, 6}, {"B", 4, 10}}}},
			preds:     [][]Span{{{"B", 0, 10}}},
			packTypes: []string{"B"},
			want: want{
				types: map[string]TypeStats{
					"A": {Type: "A", Counts: Counts{Gold: 1, FN: 1}, Chars: Chars{EntityBytes: 6}},
					"B": {Type: "B", InPack: true, Counts: Counts{Gold: 1, Predicted: 1, FP: 1, FN: 1, OverlapGold: 1, OverlapPredicted: 1},
						Chars: Chars{EntityBytes: 6}},
				},
				total: Counts{Gold: 2, Predicted: 1, FP: 1, FN: 2, OverlapGold: 1, OverlapPredicted: 1},
				chars: Chars{EntityBytes: 10},
			},
		},
		{
			// Duplicates count once; overlapping predictions of one type
			// count their union of over-redacted bytes. Y is reported by the
			// pack but absent from the corpus.
			name:      "duplicate and overlapping predictions, no gold",
			recs:      []Record{{Text: "0123456789"}},
			preds:     [][]Span{{{"X", 0, 4}, {"X", 2, 6}, {"X", 0, 4}}},
			packTypes: []string{"Y", "X"},
			want: want{
				types: map[string]TypeStats{
					"X": {Type: "X", InPack: true, Counts: Counts{Predicted: 2, FP: 2}, Chars: Chars{OtherBytes: 10, OverRedactedBytes: 6}},
					"Y": {Type: "Y", InPack: true, Chars: Chars{OtherBytes: 10}},
				},
				total: Counts{Predicted: 2, FP: 2},
				chars: Chars{OtherBytes: 10, OverRedactedBytes: 6},
			},
		},
		{
			name: "sums over records",
			recs: []Record{
				{Text: "ab 12 cd", Entities: []Span{{"N", 3, 5}}},
				{Text: "34 x 56", Entities: []Span{{"N", 0, 2}, {"N", 5, 7}}},
				{Text: "none"},
			},
			preds:     [][]Span{{{"N", 3, 5}}, {{"N", 0, 2}, {"N", 4, 7}}, nil},
			packTypes: []string{"N"},
			want: want{
				types: map[string]TypeStats{
					"N": {Type: "N", InPack: true, Counts: Counts{Gold: 3, Predicted: 3, TP: 2, FP: 1, FN: 1, OverlapGold: 3, OverlapPredicted: 3},
						Chars: Chars{EntityBytes: 6, OtherBytes: 13, OverRedactedBytes: 1}},
				},
				total: Counts{Gold: 3, Predicted: 3, TP: 2, FP: 1, FN: 1, OverlapGold: 3, OverlapPredicted: 3},
				chars: Chars{EntityBytes: 6, OtherBytes: 13, OverRedactedBytes: 1},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Score(tc.recs, tc.preds, tc.packTypes, tc.opt)
			if len(r.Types) != len(tc.want.types) {
				t.Errorf("types %v, want %d of them", r.Types, len(tc.want.types))
			}
			for i, st := range r.Types {
				if i > 0 && r.Types[i-1].Type >= st.Type {
					t.Errorf("types not sorted: %q before %q", r.Types[i-1].Type, st.Type)
				}
				if w := tc.want.types[st.Type]; st != w {
					t.Errorf("%s:\n got %+v\nwant %+v", st.Type, st, w)
				}
			}
			if r.Total != tc.want.total {
				t.Errorf("total %+v, want %+v", r.Total, tc.want.total)
			}
			if r.Chars != tc.want.chars {
				t.Errorf("chars %+v, want %+v", r.Chars, tc.want.chars)
			}
		})
	}
}

func TestRatios(t *testing.T) {
	c := Counts{Gold: 3, Predicted: 3, TP: 1, FP: 2, FN: 2}
	p, _ := c.Precision()
	r, _ := c.Recall()
	f, _ := c.F1()
	if p != 1.0/3 || r != 1.0/3 || f != 1.0/3 {
		t.Errorf("P %v R %v F1 %v, want 1/3 each", p, r, f)
	}
	c = Counts{Gold: 4, TP: 3, FN: 1, Predicted: 3}
	if f, _ := c.F1(); f != 6.0/7 {
		t.Errorf("F1 %v, want 6/7", f)
	}
	if _, ok := (Counts{Gold: 2, FN: 2}).Precision(); ok {
		t.Error("precision without predictions should be undefined")
	}
	if _, ok := (Counts{Predicted: 2, FP: 2}).Recall(); ok {
		t.Error("recall without gold should be undefined")
	}
	if _, ok := (Counts{}).F1(); ok {
		t.Error("F1 without gold or predictions should be undefined")
	}
	if v, ok := (Chars{EntityBytes: 8, VisibleBytes: 2}).VisibleShare(); !ok || v != 0.25 {
		t.Errorf("visible share %v %v", v, ok)
	}
	if v, ok := (Chars{OtherBytes: 10, OverRedactedBytes: 1}).OverRedactedShare(); !ok || v != 0.1 {
		t.Errorf("over-redacted share %v %v", v, ok)
	}
}

// TestRunDefault runs the built-in detectors through Run.
func TestRunDefault(t *testing.T) {
	eng, err := redact.Compile(detectors.Default())
	if err != nil {
		t.Fatal(err)
	}
	text := "Caller: card 4111 1111 1111 1111, mail jane.roe@example.com, I'm Jane; ref 4242 4242 4242 4242."
	recs := []Record{{ID: "c1", Text: text, Entities: []Span{
		at(t, text, "CREDIT_CARD", "4111 1111 1111 1111"),
		at(t, text, "EMAIL_ADDRESS", "jane.roe@example.com"),
		at(t, text, "PERSON", "Jane;")}}}
	recs[0].Entities[2].End-- // "Jane"
	r, err := Run(eng, recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	card, _ := r.Lookup("CREDIT_CARD")
	mail, _ := r.Lookup("EMAIL_ADDRESS")
	person, _ := r.Lookup("PERSON")
	if card.TP != 1 || card.FP != 1 || mail.TP != 1 || person.FN != 1 || person.InPack || !card.InPack {
		t.Errorf("card %+v\nmail %+v\nperson %+v", card, mail, person)
	}
	if len(r.Types) != len(eng.Types())+1 {
		t.Errorf("types %d, want the pack's %d and PERSON", len(r.Types), len(eng.Types()))
	}
	if r.Chars.VisibleBytes != 4 || r.Chars.OverRedactedBytes != len("4242 4242 4242 4242") {
		t.Errorf("chars %+v", r.Chars)
	}
}

// diffFixture returns two reports on one corpus with known differences.
func diffFixture(t *testing.T) (a, b *Report) {
	t.Helper()
	t0 := "Agent: call 415-555-0132 today, card 4111 1111 1111 1111 ok"
	t1 := "Caller: ref 9999 8888 please, José says hi"
	t2 := "nothing here"
	t3 := "tel +1 415-555-0199 now"
	recs := []Record{
		{ID: "r0", Source: "c.jsonl", Line: 1, Text: t0, Entities: []Span{at(t, t0, "PHONE_NUMBER", "415-555-0132"), at(t, t0, "CREDIT_CARD", "4111 1111 1111 1111")}},
		{ID: "r1", Source: "c.jsonl", Line: 2, Text: t1, Entities: []Span{at(t, t1, "PERSON", "José")}},
		{ID: "r2", Source: "c.jsonl", Line: 3, Text: t2},
		{ID: "r3", Source: "c.jsonl", Line: 4, Text: t3, Entities: []Span{at(t, t3, "PHONE_NUMBER", "415-555-0199")}},
	}
	pack := []string{"CREDIT_CARD", "PHONE_NUMBER"}
	predsA := [][]Span{
		{at(t, t0, "PHONE_NUMBER", "415-555-0132")},
		{at(t, t1, "CREDIT_CARD", "9999 8888")},
		nil,
		{at(t, t3, "PHONE_NUMBER", "415-555-0199")},
	}
	predsB := [][]Span{
		{at(t, t0, "PHONE_NUMBER", "415-555-0132"), at(t, t0, "CREDIT_CARD", "4111 1111 1111 1111")},
		{at(t, t1, "PHONE_NUMBER", "José")},
		nil,
		{at(t, t3, "PHONE_NUMBER", "+1 415-555-0199")},
	}
	a, b = Score(recs, predsA, pack, Options{}), Score(recs, predsB, pack, Options{})
	a.Pack, b.Pack = "old", "new"
	a.Corpus, b.Corpus = []string{"c.jsonl"}, []string{"c.jsonl"}
	return a, b
}

func TestDiff(t *testing.T) {
	a, b := diffFixture(t)
	d, err := Diff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	type delta struct{ tp, fp, fn int }
	want := map[string]delta{
		"CREDIT_CARD":  {+1, -1, -1},
		"PHONE_NUMBER": {-1, +2, +1},
		"PERSON":       {0, 0, 0},
	}
	if len(d.Types) != len(want) {
		t.Fatalf("types %v", d.Types)
	}
	for _, td := range d.Types {
		got := delta{td.B.TP - td.A.TP, td.B.FP - td.A.FP, td.B.FN - td.A.FN}
		if got != want[td.Type] {
			t.Errorf("%s: Δ %+v, want %+v", td.Type, got, want[td.Type])
		}
	}
	person := d.Types[1]
	if va, _ := person.A.Chars.VisibleShare(); va != 1 {
		t.Errorf("PERSON visible in A: %v", va)
	}
	if vb, _ := person.B.Chars.VisibleShare(); vb != 0 {
		t.Errorf("PERSON visible in B: %v (a PHONE_NUMBER prediction covers it)", vb)
	}
	type change struct {
		rec   int
		added bool
		typ   string
		match MatchKind
	}
	wantChanges := []change{
		{0, true, "CREDIT_CARD", TruePositive},
		{1, false, "CREDIT_CARD", FalsePositive},
		{1, true, "PHONE_NUMBER", OtherType},
		{3, true, "PHONE_NUMBER", Boundary},
		{3, false, "PHONE_NUMBER", TruePositive},
	}
	if len(d.Changes) != len(wantChanges) || d.ChangedRecords != 3 {
		t.Fatalf("%d changes on %d records: %+v", len(d.Changes), d.ChangedRecords, d.Changes)
	}
	for i, c := range d.Changes {
		if got := (change{c.Record, c.Added, c.Span.Type, c.Match}); got != wantChanges[i] {
			t.Errorf("change %d: %+v, want %+v", i, got, wantChanges[i])
		}
	}
	if g := d.Changes[3].Gold; g != a.Records[3].Entities[0] {
		t.Errorf("boundary change: gold %+v", g)
	}

	var out bytes.Buffer
	if err := d.WriteText(&out, DiffOptions{MaxExamples: 4}); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, w := range []string{
		"A: old\nB: new\n",
		// A misses the card (19 bytes) and José (5) and redacts "9999 8888"
		// (9 of 89 other bytes); B redacts "+1 " (3 other bytes) and covers
		// José with a PHONE_NUMBER span.
		"CREDIT_CARD      1   +1   -1   -1  0.000  1.000  +1.000  -100.000pp       -10.112pp\n",
		"PERSON           1    0    0    0  0.000  0.000       0  -100.000pp               0  (detected by neither pack)\n",
		"PHONE_NUMBER     2   -1   +2   +1  1.000  0.400  -0.600           0        +3.371pp\n",
		"total            4    0   +1    0  0.571  0.500  -0.071   -50.000pp        -6.742pp\n",
		"entity characters left visible: A 24 of 48 (50.000%), B 0 (0.000%)\n",
		"other characters redacted:      A 9 of 89 (10.112%), B 3 (3.371%)\n",
		"3 records differ: 3 spans found by B only, 2 lost\n",
		"\nr0 (c.jsonl line 1)\n  + found by B only: CREDIT_CARD [37,56) (true positive)\n",
		`"…call ***-***-**** today, card «**** **** **** ****» ok"`,
		"  - lost: CREDIT_CARD [12,21) (false positive)\n",
		"  + found by B only: PHONE_NUMBER [30,35) (false positive; overlaps gold PERSON [30,35))\n",
		`"Caller: ref **** **** please, «****» says hi"`,
		"  + found by B only: PHONE_NUMBER [4,19) (false positive; gold PHONE_NUMBER is [7,19))\n",
		`"tel «+* ***-***-****» now"`,
		"\n… 1 more changed spans not shown (--max-examples 4)\n",
	} {
		if !strings.Contains(s, w) {
			t.Errorf("output lacks %q:\n%s", w, s)
		}
	}
	for _, leak := range []string{"4111", "José", "0199"} {
		if strings.Contains(s, leak) {
			t.Errorf("output shows %q without ShowValues:\n%s", leak, s)
		}
	}

	out.Reset()
	if err := d.WriteText(&out, DiffOptions{MaxExamples: 20, ShowValues: true}); err != nil {
		t.Fatal(err)
	}
	s = out.String()
	for _, w := range []string{`card «4111 1111 1111 1111» ok"`, `«José» says hi"`, "- lost: PHONE_NUMBER [7,19) (true positive)"} {
		if !strings.Contains(s, w) {
			t.Errorf("ShowValues output lacks %q:\n%s", w, s)
		}
	}
	if strings.Contains(s, "not shown") {
		t.Errorf("all changes fit within MaxExamples:\n%s", s)
	}

	out.Reset()
	if err := d.WriteJSON(&out, DiffOptions{MaxExamples: 2}); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Types []struct {
			Type    string   `json:"type"`
			DeltaTP int      `json:"delta_tp"`
			DeltaF1 *float64 `json:"delta_f1"`
		} `json:"types"`
		ChangedSpans int `json:"changed_spans"`
		Examples     []struct {
			ID, Change, Type, Match, Context string
			Start, End                       int
		} `json:"examples"`
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if j.ChangedSpans != 5 || len(j.Examples) != 2 || j.Examples[0].Change != "added" || j.Examples[1].Change != "lost" ||
		j.Examples[0].Context != "…call ***-***-**** today, card «**** **** **** ****» ok" || j.Types[0].DeltaTP != 1 || *j.Types[0].DeltaF1 != 1 {
		t.Errorf("JSON diff:\n%s", out.String())
	}
}

// TestDiffEngine diffs a perfect pack (the gold spans) against the default
// detectors on one line of testdata/eval/small.jsonl: the example in
// testdata/eval/README.md.
func TestDiffEngine(t *testing.T) {
	eng, err := redact.Compile(detectors.Default())
	if err != nil {
		t.Fatal(err)
	}
	recs := []Record{{ID: "call-10", Source: "testdata/eval/small.jsonl", Line: 10,
		Text:     "Caller: The number is +1 (415) 555-0199, the office line.\n",
		Entities: []Span{{"PHONE_NUMBER", 25, 39}}}}
	a := Score(recs, [][]Span{recs[0].Entities}, eng.Types(), Options{})
	b, err := Run(eng, recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := Diff(a, b)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := d.WriteText(&out, DiffOptions{MaxExamples: 20}); err != nil {
		t.Fatal(err)
	}
	want := `
call-10 (testdata/eval/small.jsonl line 10)
  + found by B only: PHONE_NUMBER [22,39) (false positive; gold PHONE_NUMBER is [25,39))
      "Caller: The number is «+* (***) ***-****», the office line.\n"
  - lost: PHONE_NUMBER [25,39) (true positive)
      "Caller: The number is +* «(***) ***-****», the office line.\n"
`
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("got\n%s\nwant suffix\n%s", out.String(), want)
	}
}

func TestDiffIdentical(t *testing.T) {
	a, _ := diffFixture(t)
	d, err := Diff(a, a)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Changes) != 0 || d.ChangedRecords != 0 {
		t.Fatalf("changes %+v", d.Changes)
	}
	var out bytes.Buffer
	if err := d.WriteText(&out, DiffOptions{MaxExamples: 20}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "\nno record's predicted spans differ\n") {
		t.Errorf("output:\n%s", out.String())
	}
	for _, td := range d.Types {
		if td.A != td.B {
			t.Errorf("%s differs", td.Type)
		}
	}
}

func TestDiffMismatchedRecords(t *testing.T) {
	a, b := diffFixture(t)
	b.Records = b.Records[:2]
	if _, err := Diff(a, b); err == nil {
		t.Error("reports on different corpora: no error")
	}
}

func TestSnippet(t *testing.T) {
	long := strings.Repeat("é", 20) + "a" + "SECRET 42" + "b" + strings.Repeat("ü", 20)
	s0 := strings.Index(long, "SECRET")
	for _, tc := range []struct {
		name  string
		text  string
		span  Span
		masks []Span
		want  string
	}{
		{"whole text", "ab 415-555-0132 cd", Span{"P", 3, 15}, []Span{{"P", 3, 15}}, `"ab «***-***-****» cd"`},
		{"values shown", "ab 415-555-0132 cd", Span{"P", 3, 15}, nil, `"ab «415-555-0132» cd"`},
		{"other spans masked, newline quoted", "Zoë\nmail z@x.io", Span{"E", 10, 16}, []Span{{"PERSON", 0, 4}, {"E", 10, 16}}, `"***\nmail «*@*.**»"`}, // "Zoë": one star per rune
		{"rune boundaries and ellipses", long, Span{"S", s0, s0 + 9}, []Span{{"S", s0, s0 + 9}},
			`"…` + strings.Repeat("é", 14) + `a«****** **»b` + strings.Repeat("ü", 14) + `…"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Snippet(tc.text, tc.span, tc.masks)
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Error("invalid UTF-8")
			}
		})
	}
}

func TestReportText(t *testing.T) {
	// A misses the card (19 bytes) and José (5) of 48 entity bytes; its
	// false positive "9999 8888" redacts 9 of the 89 other bytes.
	a, _ := diffFixture(t)
	var out bytes.Buffer
	if err := a.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	want := `pack: old
corpus: c.jsonl: 4 records, 137 text bytes

type          gold  predicted  TP  FP  FN  overlap  precision  recall     F1   visible  over-redacted
CREDIT_CARD      1          1   0   1   1        0      0.000   0.000  0.000  100.000%              9
PERSON           1          0   0   0   1        0          -   0.000  0.000  100.000%              0  (not detected by this pack)
PHONE_NUMBER     2          2   2   0   0        2      1.000   1.000  1.000    0.000%              0
total            4          3   2   1   2        2      0.667   0.500  0.571   50.000%              9

entity characters left visible: 24 of 48 (50.000%)
other characters redacted:      9 of 89 (10.112%)
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestReportJSON(t *testing.T) {
	a, _ := diffFixture(t)
	var out bytes.Buffer
	if err := a.WriteJSON(&out); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Pack    string
		Records int
		Types   []struct {
			Type      string
			InPack    bool     `json:"in_pack"`
			Precision *float64 `json:"precision"`
			Recall    *float64 `json:"recall"`
			Chars     struct {
				EntityBytes int `json:"entity_bytes"`
			}
		}
		Total struct{ Gold, TP int }
		Chars struct {
			VisibleBytes int      `json:"visible_bytes"`
			VisibleShare *float64 `json:"visible_share"`
		}
	}
	if err := json.Unmarshal(out.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	person := j.Types[1]
	if j.Pack != "old" || j.Records != 4 || len(j.Types) != 3 || person.Type != "PERSON" || person.InPack ||
		person.Precision != nil || person.Recall == nil || *person.Recall != 0 || person.Chars.EntityBytes != 5 ||
		j.Total.Gold != 4 || j.Total.TP != 2 || j.Chars.VisibleBytes != 24 || j.Chars.VisibleShare == nil {
		t.Errorf("JSON report:\n%s", out.String())
	}
}

func TestGroup(t *testing.T) {
	for n, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1,000", 1067206: "1,067,206", -1234: "-1,234"} {
		if got := group(n); got != want {
			t.Errorf("group(%d) = %q, want %q", n, got, want)
		}
	}
	for _, tc := range []struct {
		v    float64
		want string
	}{{0, "0"}, {0.0001, "0"}, {0.6, "+0.600"}, {-0.6, "-0.600"}} {
		if got := deltaFixed(tc.v, true); got != tc.want {
			t.Errorf("deltaFixed(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
