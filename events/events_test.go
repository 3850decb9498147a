package events_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"redactor/events"
	"redactor/packs"
)

// testSpecs is a small event set for the table tests.
var testSpecs = []events.Spec{
	{
		Type:       "OPT_OUT_REQUEST",
		Phrases:    []string{"do not call (me | us) [again]", "stop calling me", "take (me | my number) off [of] (your | the) [call] list"},
		Exceptions: []string{"do not call me back (until | before)", "stop calling me sir", "why do not you"},
		Negations:  []string{"do not", "did not say", "never said"},
		Roles:      []events.Role{events.RoleCustomer},
	},
	{Type: "RECORDING_DISCLOSURE", Phrases: []string{"this call (is | may be) recorded"}, Roles: []events.Role{events.RoleAgent}},
}

func compile(t testing.TB, specs []events.Spec) *events.Matcher {
	t.Helper()
	m, err := events.Compile(specs)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// found is an event as the tests compare it: type and the text it covers.
func found(text string, es []events.Event) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Type+":"+text[e.Start:e.End])
	}
	return out
}

func run(m *events.Matcher, text string, cuts ...int) []events.Event {
	s := m.NewStream()
	prev := 0
	for _, c := range append(cuts, len(text)) {
		s.Write([]byte(text[prev:c]), events.Speaker{})
		prev = c
	}
	s.Close()
	return slices.Clone(s.Events())
}

func TestMatcher(t *testing.T) {
	m := compile(t, testSpecs)
	cases := []struct {
		name, text string
		want       []string
	}{
		{"plain", "Please do not call me again.", []string{"OPT_OUT_REQUEST:do not call me again"}},
		{"contraction", "don't call me", []string{"OPT_OUT_REQUEST:don't call me"}},
		{"asr contraction", "dont call us", []string{"OPT_OUT_REQUEST:dont call us"}},
		{"curly apostrophe", "Don’t call me again!", []string{"OPT_OUT_REQUEST:Don’t call me again"}},
		{"case and filler", "DO NOT, uh, CALL ME", []string{"OPT_OUT_REQUEST:DO NOT, uh, CALL ME"}},
		{"optional and alternative", "take my number off of the call list", []string{"OPT_OUT_REQUEST:take my number off of the call list"}},
		{"longest phrase wins", "stop calling me, do not call me again", []string{"OPT_OUT_REQUEST:stop calling me", "OPT_OUT_REQUEST:do not call me again"}},
		{"exception", "Don't call me back until Friday.", nil},
		{"exception beats its phrase only", "Stop calling me sir. Stop calling me.", []string{"OPT_OUT_REQUEST:Stop calling me"}},
		{"negation", "I didn't say don't call me.", nil},
		{"negation in window", "I never said you should stop calling me", nil},
		{"negation too far", "I never said that, it was my wife, stop calling me", []string{"OPT_OUT_REQUEST:stop calling me"}},
		{"negation before a sentence end", "I did not say. Stop calling me.", []string{"OPT_OUT_REQUEST:Stop calling me"}},
		{"negation inside a phrase", "please do not call me", []string{"OPT_OUT_REQUEST:do not call me"}},
		{"exception hides a negation", "why don't you take me off your list", []string{"OPT_OUT_REQUEST:take me off your list"}},
		{"negated", "don't take me off your list", nil},
		{"sentence end", "stop calling. me", nil},
		{"line break", "take me off\nyour list", nil},
		{"whole words", "stop calling meat", nil},
		{"word glued to digits", "stop calling me2", nil},
		{"other event", "This call may be recorded.", []string{"RECORDING_DISCLOSURE:This call may be recorded"}},
		{"both", "this call is recorded; stop calling me", []string{"RECORDING_DISCLOSURE:this call is recorded", "OPT_OUT_REQUEST:stop calling me"}},
		{"long word", "stop calling " + strings.Repeat("m", 100) + " stop calling me", []string{"OPT_OUT_REQUEST:stop calling me"}},
		{"non-ASCII around", "¡Ojo! stop calling me — gracias", []string{"OPT_OUT_REQUEST:stop calling me"}},
	}
	for _, tc := range cases {
		got := found(tc.text, run(m, tc.text))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q: got %q, want %q", tc.name, tc.text, got, tc.want)
		}
	}
}

func TestRoles(t *testing.T) {
	m := compile(t, testSpecs)
	agent := events.Speaker{ID: 1, Role: events.RoleAgent}
	customer := events.Speaker{ID: 2, Role: events.RoleCustomer}
	s := m.NewStream()
	s.Write([]byte("Agent: this call is recorded. You can say stop calling me anytime. "), agent)
	s.Write([]byte("Caller: ok stop calling me"), customer)
	s.Write([]byte(" please"), customer)
	s.Close()
	got := s.Events()
	if len(got) != 2 || got[0].Type != "RECORDING_DISCLOSURE" || got[0].Speaker != 1 || got[0].Role != events.RoleAgent ||
		got[1].Type != "OPT_OUT_REQUEST" || got[1].Speaker != 2 || got[1].Role != events.RoleCustomer {
		t.Fatalf("%+v", got)
	}
	// A change of speaker ends the sentence.
	s.Reset()
	s.Write([]byte("stop calling"), customer)
	s.Write([]byte(" me"), agent)
	s.Close()
	if len(s.Events()) != 0 {
		t.Fatalf("a phrase spanned two speakers: %+v", s.Events())
	}
	// Unknown roles keep every event.
	if got := run(m, "Agent: stop calling me"); len(got) != 1 {
		t.Fatalf("unknown role: %+v", got)
	}
}

// TestChunkInvariance feeds texts in every split and in random pieces:
// the events never change.
func TestChunkInvariance(t *testing.T) {
	m := defaultMatcher(t)
	var texts []string
	for _, r := range readCorpus(t, "optout.jsonl") {
		texts = append(texts, r.Text)
	}
	long := strings.Join(texts, " Agent: okay. Caller: ")
	for _, text := range texts[:60] {
		want := run(m, text)
		for cut := 0; cut <= len(text); cut++ {
			if got := run(m, text, cut); !slices.Equal(got, want) {
				t.Fatalf("%q cut at %d: %v, want %v", text, cut, got, want)
			}
		}
	}
	want := run(m, long)
	if len(want) < 150 {
		t.Fatalf("only %d events in the joined corpus", len(want))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 20; trial++ {
		var cuts []int
		for c := rng.IntN(40); c < len(long); c += 1 + rng.IntN(40) {
			cuts = append(cuts, c)
		}
		if trial == 0 {
			cuts = cuts[:0]
			for c := 1; c < len(long); c++ {
				cuts = append(cuts, c)
			}
		}
		if got := run(m, long, cuts...); !slices.Equal(got, want) {
			t.Fatalf("trial %d: %d events, want %d", trial, len(got), len(want))
		}
	}
	// Events come out while the stream runs, at most MaxWords words late.
	s := m.NewStream()
	s.Write([]byte("please stop calling me "+strings.Repeat("word ", events.MaxWords)), events.Speaker{})
	if len(s.Events()) != 1 {
		t.Fatalf("undecided after %d more words: %+v", events.MaxWords, s.Events())
	}
}

func TestCompileErrors(t *testing.T) {
	cases := []struct {
		spec events.Spec
		want string
	}{
		{events.Spec{Type: "opt_out", Phrases: []string{"x"}}, "upper case"},
		{events.Spec{Type: "X"}, "no phrases"},
		{events.Spec{Type: "X", Phrases: []string{"(a | (b))"}}, "nested"},
		{events.Spec{Type: "X", Phrases: []string{"(a | b"}}, "not closed"},
		{events.Spec{Type: "X", Phrases: []string{"a ) b"}}, "unexpected"},
		{events.Spec{Type: "X", Phrases: []string{"(a | ) b"}}, "empty alternative"},
		{events.Spec{Type: "X", Phrases: []string{"stop calling me!"}}, "not a word"},
		{events.Spec{Type: "X", Phrases: []string{"uh um"}}, "no words"},
		{events.Spec{Type: "X", Phrases: []string{strings.Repeat("w ", 17)}}, "at most 16"},
		{events.Spec{Type: "X", Phrases: []string{strings.Repeat("(a|b|c|d) ", 8)}}, "more than"},
		{events.Spec{Type: "X", Phrases: []string{"a"}, NegationWindow: 9}, "negation_window"},
	}
	for _, tc := range cases {
		_, err := events.Compile([]events.Spec{tc.spec})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.spec, err, tc.want)
		}
	}
	if _, err := events.Compile([]events.Spec{{Type: "X", Phrases: []string{"a"}}, {Type: "X", Phrases: []string{"b"}}}); err == nil {
		t.Error("duplicate type accepted")
	}
	// An empty matcher matches nothing.
	if got := run(compile(t, nil), "stop calling me"); len(got) != 0 {
		t.Error(got)
	}
}

// corpusRow is one line of a testdata/events corpus.
type corpusRow struct {
	line   int
	ID     string `json:"id"`
	Text   string `json:"text"`
	OptOut bool   `json:"opt_out"`
	Type   string `json:"type"`
	Expect bool   `json:"expect"`
}

func readCorpus(t testing.TB, name string) []corpusRow {
	t.Helper()
	f, err := os.Open("../testdata/events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusRow
	sc := bufio.NewScanner(f)
	ids := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		r := corpusRow{line: n}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s:%d: %v", name, n, err)
		}
		if ids[r.ID] {
			t.Fatalf("%s:%d: duplicate id %s", name, n, r.ID)
		}
		ids[r.ID] = true
		rows = append(rows, r)
	}
	return rows
}

func defaultMatcher(t testing.TB) *events.Matcher {
	t.Helper()
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	return set.Events()
}

// score counts one corpus's outcomes and names every miss by file and line.
type score struct{ tp, fp, fn, tn int }

func (s *score) add(t *testing.T, file string, r corpusRow, want, got bool) {
	switch {
	case want && got:
		s.tp++
	case want:
		s.fn++
		t.Logf("%s:%d: %s: missed: %q", file, r.line, r.ID, r.Text)
	case got:
		s.fp++
		t.Logf("%s:%d: %s: false alarm: %q", file, r.line, r.ID, r.Text)
	default:
		s.tn++
	}
}

func (s score) recall() float64    { return float64(s.tp) / float64(s.tp+s.fn) }
func (s score) precision() float64 { return float64(s.tp) / float64(s.tp+s.fp) }

func (s score) String() string {
	return fmt.Sprintf("%d positives, %d negatives: recall %.3f, precision %.3f (tp %d, fn %d, fp %d)",
		s.tp+s.fn, s.fp+s.tn, s.recall(), s.precision(), s.tp, s.fn, s.fp)
}

func has(es []events.Event, typ string) bool {
	return slices.ContainsFunc(es, func(e events.Event) bool { return e.Type == typ })
}

// TestCorpusOptOut measures OPT_OUT_REQUEST on testdata/events/optout.jsonl
// (at least 300 phrasings, half of them close calls that are not opt-outs):
// recall at least 0.95, precision at least 0.98.
func TestCorpusOptOut(t *testing.T) {
	m := defaultMatcher(t)
	rows := readCorpus(t, "optout.jsonl")
	var s score
	for _, r := range rows {
		s.add(t, "optout.jsonl", r, r.OptOut, has(run(m, r.Text), "OPT_OUT_REQUEST"))
	}
	t.Logf("OPT_OUT_REQUEST: %v", s)
	if len(rows) < 300 || s.tp+s.fn < len(rows)/2-1 {
		t.Errorf("the corpus has %d rows, %d positives", len(rows), s.tp+s.fn)
	}
	if s.recall() < 0.95 || s.precision() < 0.98 {
		t.Errorf("OPT_OUT_REQUEST below target (recall 0.95, precision 0.98): %v", s)
	}
}

// TestCorpusRecording measures the recording events on
// testdata/events/recording.jsonl.
func TestCorpusRecording(t *testing.T) {
	m := defaultMatcher(t)
	scores := map[string]*score{}
	for _, r := range readCorpus(t, "recording.jsonl") {
		if scores[r.Type] == nil {
			scores[r.Type] = &score{}
		}
		scores[r.Type].add(t, "recording.jsonl", r, r.Expect, has(run(m, r.Text), r.Type))
	}
	for typ, s := range scores {
		t.Logf("%s: %v", typ, s)
		if s.recall() < 0.9 || s.precision() < 0.95 {
			t.Errorf("%s below target (recall 0.9, precision 0.95): %v", typ, s)
		}
	}
}

// BenchmarkStream runs the default events over the redaction corpus in 4 KiB
// chunks.
func BenchmarkStream(b *testing.B) {
	f, err := os.ReadFile("../testdata/corpus/calls.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var text bytes.Buffer
	for _, line := range bytes.Split(f, []byte("\n")) {
		var r struct{ Text string }
		if json.Unmarshal(line, &r) == nil {
			text.WriteString(r.Text)
		}
	}
	m := defaultMatcher(b)
	s := m.NewStream()
	data := text.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		s.Reset()
		for p := data; len(p) > 0; {
			k := min(4096, len(p))
			s.Write(p[:k], events.Speaker{})
			p = p[k:]
		}
		s.Close()
	}
}

// corpusText returns the "text" fields of a testdata/corpus file, each
// followed by a newline.
func corpusText(tb testing.TB, name string) []byte {
	tb.Helper()
	f, err := os.ReadFile("../testdata/corpus/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	var text bytes.Buffer
	for _, line := range bytes.Split(f, []byte("\n")) {
		var r struct{ Text string }
		if json.Unmarshal(line, &r) == nil {
			text.WriteString(r.Text)
			text.WriteByte('\n')
		}
	}
	return text.Bytes()
}

// BenchmarkStream2KB is the events share of a unary Redact of the 2 KB
// transcript of bench.BenchmarkGRPCRedact2KB: one Write and Close on a
// reused stream.
func BenchmarkStream2KB(b *testing.B) {
	text := corpusText(b, "calls.jsonl")
	n := 2048
	for n < len(text) && text[n-1] != '\n' {
		n++
	}
	text = text[:n]
	m := defaultMatcher(b)
	s := m.NewStream()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		s.Reset()
		s.Write(text, events.Speaker{})
		s.Close()
	}
}
