package spoken

import "testing"

// TestRunShapes checks the canonical-text tests that decide whether a run
// goes to the word detectors.
func TestRunShapes(t *testing.T) {
	for _, c := range []struct {
		canon         string
		date, spelled bool
	}{
		{"07/14/1990", true, false},
		{"7-4-81", true, false},
		{"1990-07-14", true, false},
		{"123-45-6789", false, false}, // an SSN
		{"1-2-3", false, false},
		{"07/14", false, false},
		{"JOHN", false, true},
		{"JOHN_smith@gmail.com", false, true},
		{"AB123456C", false, true},               // a NINO
		{"GB82WEST12345698765432", false, false}, // an IBAN: its own detector finds it
		{"J", false, false},
		{"john", false, false},
		{"4155550132", false, false},
	} {
		if got := numericDateShape([]byte(c.canon)); got != c.date {
			t.Errorf("numericDateShape(%q) = %v", c.canon, got)
		}
		if got := spelledWord([]byte(c.canon)); got != c.spelled {
			t.Errorf("spelledWord(%q) = %v", c.canon, got)
		}
	}
}
