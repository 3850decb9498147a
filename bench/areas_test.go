package bench

import (
	"testing"

	"redactor/detectors"
	"redactor/redact"
)

// BenchmarkAreas measures the stream over the corpus with the built-in
// detectors of one area at a time, to show where the time of the whole
// catalog goes: "core" (email, phone, card, IBAN, SSN), "person" (names) and
// "catalog" (every other identifier, dates, addresses, network ids).
func BenchmarkAreas(b *testing.B) {
	text := loadCorpus(b)
	core := map[string]bool{"email": true, "phone": true, "credit_card": true, "iban": true, "us_ssn": true}
	areas := map[string][]redact.Detector{}
	for _, d := range detectors.All() {
		name := d.Info().Name
		switch {
		case core[name]:
			areas["core"] = append(areas["core"], d)
		case name == "person":
			areas["person"] = append(areas["person"], d)
		default:
			areas["catalog"] = append(areas["catalog"], d)
		}
	}
	for _, area := range []string{"core", "person", "catalog"} {
		e, err := redact.Compile(areas[area])
		if err != nil {
			b.Fatal(err)
		}
		s, err := e.NewStream(redact.Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(area, func(b *testing.B) { benchStream(b, s, text) })
	}
}
