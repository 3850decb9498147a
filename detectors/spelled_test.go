package detectors_test

import (
	"testing"

	"redactor/detectors"
	"redactor/redact"
)

// TestSpelledName checks which words of a spoken run's canonical text the
// spelled-name detector takes: two or more spelled (upper-case) letters and
// nothing else, not a common acronym, and never in the transcript itself.
func TestSpelledName(t *testing.T) {
	d := detectors.SpelledName{}
	for _, c := range []struct {
		canon  string
		spoken bool
		want   bool
	}{
		{"JOHN", true, true},
		{"KOWALSKI", true, true},
		{"AL", true, true},
		{"JOHN", false, false},    // written "JOHN" is the name detector's
		{"J", true, false},        // one letter
		{"JSMITH84", true, false}, // a code with digits
		{"john", true, false},     // a plain word said as it is
		{"ATM", true, false},      // acronyms callers spell
		{"PIN", true, false},
		{"BCD", true, false}, // no vowel: no name
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOP", true, false}, // longer than any name
	} {
		w := &redact.Window{Text: []byte(c.canon), EOF: true, Spoken: c.spoken}
		got := d.FindWord(nil, w, 0, len(c.canon), redact.WordHash(w.Text))
		if (len(got) == 1) != c.want || len(got) > 1 {
			t.Errorf("%q spoken=%v: %+v, want a span: %v", c.canon, c.spoken, got, c.want)
			continue
		}
		if c.want && (got[0].Start != 0 || got[0].End != len(c.canon) || got[0].Type != "PERSON") {
			t.Errorf("%q: %+v", c.canon, got[0])
		}
	}
	if f := d.WordFilter(); !f.SpokenOnly {
		t.Error("the filter must keep the detector to spoken runs")
	}
}
