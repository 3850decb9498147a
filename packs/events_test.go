package packs_test

import (
	"slices"
	"testing"

	"redactor/events"
	"redactor/packs"
)

func eventTypes(t *testing.T, m *events.Matcher, text string) []string {
	t.Helper()
	s := m.NewStream()
	s.Write([]byte(text), events.Speaker{})
	s.Close()
	var out []string
	for _, e := range s.Events() {
		out = append(out, e.Type+":"+text[e.Start:e.End])
	}
	return out
}

// TestEventsCombine loads a site pack that extends, adds and disables
// events on top of the default pack's.
func TestEventsCombine(t *testing.T) {
	def, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := def.Events().Types(); !slices.Equal(got, []string{"OPT_OUT_REQUEST", "RECORDING_DISCLOSURE", "RECORDING_OBJECTION"}) {
		t.Fatalf("default events %v", got)
	}
	set, err := packs.Load("../testdata/packs/valid/events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := set.Events()
	if got := m.Types(); !slices.Equal(got, []string{"OPT_OUT_REQUEST", "RECORDING_DISCLOSURE", "NO_MARKETING"}) {
		t.Fatalf("combined events %v", got)
	}
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"please scratch my number off your list", []string{"OPT_OUT_REQUEST:scratch my number off your list"}},
		{"stop calling me", []string{"OPT_OUT_REQUEST:stop calling me"}}, // the default phrases stay
		{"scratch me off the waiting list", nil},
		{"no more offers please", []string{"NO_MARKETING:no more offers"}},
		{"I don't want to be recorded", nil}, // disabled
	} {
		if got := eventTypes(t, m, tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
	if set.Meta.Hash == def.Meta.Hash {
		t.Error("the events pack does not change the set's hash")
	}
}
