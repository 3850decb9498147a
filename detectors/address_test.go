package detectors_test

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"redactor/redact"
)

func TestStreetAddresses(t *testing.T) {
	runMarkedCases(t, []markedCase{
		// US and UK: house number, name, type, unit.
		{"STREET_ADDRESS", "I live at ⟦1234 Oak Street⟧, Springfield, IL 62704."},
		{"STREET_ADDRESS", "⟦55 Baker Road, Apt 4B⟧ and ⟦221B Baker Street⟧ and ⟦10 Downing St⟧."},
		{"STREET_ADDRESS", "It's ⟦3928 NE Walnut Rd, Suite 325⟧, Phoenix, AZ 85064-2585."},
		{"STREET_ADDRESS", "It's ⟦6994 S. Cedar Way⟧, Austin. Or ⟦3459 N. Mill Dr., Apt 20B⟧?"},
		{"STREET_ADDRESS", "Is it still ⟦4989 Cherry St.⟧, Atlanta? ⟦7654 Park Dr., Apt 6B⟧ in Columbus."},
		{"STREET_ADDRESS", "⟦562 Granite Circle #400⟧? ⟦9262 Maple Blvd, Apt. 239⟧. ⟦5061 West Franklin Boulevard, Apt 16C⟧."},
		{"STREET_ADDRESS", "⟦Flat 12, 101 Belmont Lane⟧, London SW3 8HX and ⟦209 Belmont Gardens⟧, London."},
		{"STREET_ADDRESS", "⟦100 5th Avenue⟧ and ⟦1600 Pennsylvania Avenue NW⟧, Washington"},
		{"STREET_ADDRESS", "⟦4300 Station St.⟧ in Raleigh. ⟦1143 NE Washington Street⟧?"},
		// European orders.
		{"STREET_ADDRESS", "⟦Hauptstraße 12a⟧, ⟦Bahnhofstrasse 66⟧, ⟦Kirchstr. 92⟧, ⟦Keizersgracht 123⟧, ⟦Molenlaan 47⟧."},
		{"STREET_ADDRESS", "⟦Goetheallee 64⟧, 80802 München; ⟦Stationsweg 285⟧, 3512 RN Utrecht; ⟦Berliner weg 64b⟧."},
		{"STREET_ADDRESS", "⟦Karl-Marx-Allee 5⟧ and ⟦Berliner Straße 7⟧ and ⟦Kaiser-Wilhelm-Straße 12⟧."},
		{"STREET_ADDRESS", "⟦Via Roma 17⟧, 00159 Roma; ⟦Corso Vittorio Emanuele 99⟧; ⟦Viale Verdi 146⟧."},
		{"STREET_ADDRESS", "⟦Calle del Sol 19⟧; ⟦Avenida de América 146, 1º D⟧; ⟦Calle Mayor 23, 2º B⟧; ⟦Paseo de Gracia 36⟧."},
		{"STREET_ADDRESS", "⟦12 rue de la Paix⟧, ⟦8 bis rue des Lilas⟧, ⟦140 rue Saint-Honoré⟧, ⟦96 rue du Général Leclerc⟧."},
		{"STREET_ADDRESS", "⟦Rue du Rhône 13⟧, 3020 Bern."},
		// Not addresses: quantities, lower-case words, no street type, no number.
		{"STREET_ADDRESS", "I have 4 kids, 3 items, 21 devices, a 10 minute drive, 2 way street, 82,000 miles"},
		{"STREET_ADDRESS", "room 204, Room 204, extension 4412, flight UA 1482, gate B22, 3 Main, Oak Street"},
		{"STREET_ADDRESS", "the 12 Days, Chapter 11, in 2019 the Court, Spring 2024, Data 5, Route 66, Via email 5"},
		{"STREET_ADDRESS", "Place your order 5 times; Calle 5; Via 12; x1234 Oak Street; 1234567 Oak Street"},
		{"STREET_ADDRESS", "#12 Oak Street, $12 Oak Street"},
		// Lower case, as speech recognisers write it: one or two name words
		// and a street type that is no everyday word.
		{"STREET_ADDRESS", "my address is ⟦42 elm street⟧ springfield, it's ⟦1600 pennsylvania avenue⟧ northwest"},
		{"STREET_ADDRESS", "i live at ⟦12 oak tree lane⟧, ⟦9 mill rd.⟧ and ⟦12 high street⟧, ⟦5 main st⟧"},
		{"STREET_ADDRESS", "a 10 minute drive, a 4 wheel drive, one way street, 3 dogs on my street, 2 tennis court"},
		{"STREET_ADDRESS", "a 2 terabyte hard drive, 5 mile road, a 4 lane highway, 3 square feet, 2 people close by"},
		{"STREET_ADDRESS", "7 oak 12 street, 42 elm, 42 elm-street, 4 nice big old street, ⟦42 pine grove avenue⟧"},
		// Boundaries: the city and the sentence dot are not part of it.
		{"STREET_ADDRESS", "(⟦12 Oak Street⟧) ⟦12 Oak Street⟧. Then ⟦12 Oak Street⟧, Boston."},
	})
}

func TestPostalCodes(t *testing.T) {
	runMarkedCases(t, []markedCase{
		// After a postal-code word, in this turn or the question before.
		{"POSTAL_CODE", "Oh, and the new zip code is ⟦27651⟧, not the one on the old letters."},
		{"POSTAL_CODE", "Agent: Could I have the postal code on the account?\nCaller: It's ⟦4032⟧."},
		{"POSTAL_CODE", "zip ⟦94110-2231⟧, postcode ⟦SW1A 1AA⟧, post code ⟦M1 1AA⟧, postal code ⟦1012 AB⟧"},
		{"POSTAL_CODE", "postcode ⟦EC1A1BB⟧, postcode ⟦DN551PT⟧, postal code ⟦K1A 0B1⟧, PLZ ⟦80331⟧"},
		{"POSTAL_CODE", "⟦80331⟧ is the zip code"},
		// At the end of a written address.
		{"POSTAL_CODE", "5066 Spring Avenue, Sacramento, CA ⟦95837⟧. 9323 Main Circle, Denver, CO ⟦80293-5244⟧."},
		{"POSTAL_CODE", "Kerkstraat 327, ⟦3032 JP⟧ Rotterdam; Goethestraße 51, ⟦81826⟧ München; Via Roma 17, ⟦00159⟧ Roma"},
		{"POSTAL_CODE", "106 Belmont Grove, London ⟦NW16 3BJ⟧. Flat 1, 222 Kingsway Grove, London ⟦SW1A 1WW⟧."},
		{"POSTAL_CODE", "Rue du Rhône 13, ⟦3020⟧ Bern. 24 Sussex Drive, Ottawa, ON ⟦K1A 0B1⟧."},
		// Without either, numbers are not postal codes.
		{"POSTAL_CODE", "meter reading 48213, SMS 72345, code 835450, back in 2019, 12345 points, SW1A 1AA"},
		{"POSTAL_CODE", "I paid, 4500 Euros"},
		// Invalid codes and numbers that only look like one, even after "zip code".
		{"POSTAL_CODE", "zip code 00000 or 99999, postcode QA1 1AA, VA1 1AA, M1 1CA, M1 1AI, 1A1 1AA"},
		{"POSTAL_CODE", "zip code: call +44 20 7946 0958, $12345, £12345, 82,000, 12345.67, 12345-67, 0123"},
		{"POSTAL_CODE", "postcode ABCM11AADEF, x94110, 94110x, 123456, 1234 SA"},
	})
}

// TestDateAddressCorpus measures the labelled corpus for DATE_OF_BIRTH,
// STREET_ADDRESS and POSTAL_CODE through the whole default pack: a found
// span counts only with the exact gold offsets and type.
func TestDateAddressCorpus(t *testing.T) {
	e := dateAddrNetEngine(t)
	f, err := os.Open("../testdata/corpus/calls.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	targets := map[string][2]float64{ // precision, recall
		"DATE_OF_BIRTH":  {0.97, 0.99},
		"STREET_ADDRESS": {0.97, 0.97},
		"POSTAL_CODE":    {0.95, 0.97},
	}
	type key struct {
		typ        string
		start, end int
	}
	tp, fn, fp := map[string]int{}, map[string]int{}, map[string]int{}
	found := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for line := 1; sc.Scan(); line++ {
		var g goldCall
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		s, err := e.NewStream(redact.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Write(nil, []byte(g.Text)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Close(nil); err != nil {
			t.Fatal(err)
		}
		want := map[key]bool{}
		for _, en := range g.Entities {
			if _, ok := targets[en.Type]; ok {
				want[key{en.Type, en.Start, en.End}] = true
			}
		}
		for _, en := range s.Entities() {
			found[en.Type]++
			if _, ok := targets[en.Type]; !ok {
				continue
			}
			k := key{en.Type, int(en.Start), int(en.End)}
			if want[k] {
				tp[en.Type]++
				delete(want, k)
				continue
			}
			fp[en.Type]++
			t.Logf("calls.jsonl:%d %s: false positive %s %q", line, g.ID, en.Type, g.Text[en.Start:en.End])
		}
		for k := range want {
			fn[k.typ]++
			t.Logf("calls.jsonl:%d %s: missed %s %q", line, g.ID, k.typ, g.Text[k.start:k.end])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"DATE_OF_BIRTH", "STREET_ADDRESS", "POSTAL_CODE"} {
		p := float64(tp[typ]) / float64(max(1, tp[typ]+fp[typ]))
		r := float64(tp[typ]) / float64(max(1, tp[typ]+fn[typ]))
		t.Logf("%-14s tp %4d fn %3d fp %3d precision %.3f recall %.3f", typ, tp[typ], fn[typ], fp[typ], p, r)
		if want := targets[typ]; p < want[0] || r < want[1] {
			t.Errorf("%s: precision %.3f recall %.3f, want at least %.2f and %.2f", typ, p, r, want[0], want[1])
		}
	}
	// Unlabelled types: the counts show how often they fire on the corpus,
	// whose non-birth dates, URLs and router address are left unlabelled.
	for _, typ := range []string{"DATE_TIME", "IP_ADDRESS", "URL", "MAC_ADDRESS"} {
		t.Logf("%-14s found %d (not labelled in the corpus)", typ, found[typ])
	}
}
