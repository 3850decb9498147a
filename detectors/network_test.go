package detectors_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"redactor/internal/streamtest"
	"redactor/redact"
)

func TestNetworkIdentifiers(t *testing.T) {
	runMarkedCases(t, []markedCase{
		// IPv4
		{"IP_ADDRESS", "router at ⟦192.168.1.1⟧, dns ⟦8.8.8.8⟧, net ⟦10.0.0.0/8⟧, all ⟦0.0.0.0⟧."},
		{"IP_ADDRESS", "0 ⟦0A0::⟧ 00, 12 34 ⟦fe80::1⟧ ok, 1 ⟦2001:db8::ff00:42:8329⟧"}, // an address inside a digit chain (FuzzDefaultPackChunkInvariance)
		{"IP_ADDRESS", "(⟦192.168.1.1⟧) ⟦192.168.2.1⟧@eth0 ⟦10.0.0.0⟧/123 text::ffff:⟦192.0.2.1⟧"},
		{"IP_ADDRESS", "bad 256.1.1.1, 192.168.1, 192.168.01.1, 1.2.3.4.5, 192.168.1.1.1, version 3.2.1"},
		{"IP_ADDRESS", "glued IP192.168.1.1text, text192.168.1.1, v1.2.3.4, 10.0.4.1904, $1.2.3.4x"},
		{"IP_ADDRESS", "Version 1.5.7.8784, I think. Agent: The latest is 1.6.0.0, firmware v 2.0.0.1; router ⟦10.0.0.1⟧"},
		// IPv6
		{"IP_ADDRESS", "⟦2001:db8::1⟧, ⟦fe80::1%eth0⟧, ⟦::1⟧, ⟦::ffff:192.0.2.1⟧, [⟦2001:db8::1⟧]:8080"},
		{"IP_ADDRESS", "⟦2001:0db8:85a3:0000:0000:8a2e:0370:7334⟧ and ⟦2001:db8::/32⟧ and ⟦0:0:0:0:0:FFFF:129.144.52.38⟧."},
		{"IP_ADDRESS", "not: 12:34:56, 1:2:3:4, 80:443, abc:def, std::cout, MyClass::toString, 2001::db8::1, 12345:db8::1"},
		{"IP_ADDRESS", "not: 684D:1111:222:3333:4444:5555:77, bad::, cafe::, fe80::1text, 2001:db8::256.1.1.1"},
		{"IP_ADDRESS", "Agent: hello\nCaller: At 10:30 we spoke; Dad: ok; face: fine"},
		// URL
		{"URL", "see ⟦https://www.example.com/a/b?q=1&r=2#top⟧. Or ⟦http://example.org⟧, ⟦www.example.co.uk⟧!"},
		{"URL", "⟦example.com⟧ and ⟦crestline-insurance.com/claims⟧, (⟦https://en.wikipedia.org/wiki/Foo_(bar)⟧)"},
		{"URL", "\"⟦https://presidio.dataprivacystack.org/⟧\" '⟦http://192.168.1.1:8080/admin⟧' ⟦http://[2001:db8::1]/x⟧"},
		{"URL", "mail jane.roe@example.com, claims@crestline-insurance.com, Olivia.Kowalski@fastmail.fm"},
		{"URL", "not: www.microsoft, http://microsoft, file.txt, e.g. this, end.It, 3.2.1, mailto:x, httpx://a.com"},
		// MAC
		{"MAC_ADDRESS", "mac ⟦00:1A:2B:3C:4D:5E⟧, ⟦00-1a-2b-3c-4d-5e⟧, ⟦001A.2B3C.4D5E⟧, ⟦AA:BB:CC:DD:EE:0F⟧, ⟦ab-cd-ef-01-ab-cd⟧."},
		// Without a decimal digit there is no digit chain: not seen (1 random address in 130,000).
		{"MAC_ADDRESS", "AA:BB:CC:DD:EE:FF, aabb.ccdd.eeff"},
		{"MAC_ADDRESS", "not: 00:1A:2B:3C:4D, 00:1A:2B:3C:4D:5E:6F, 10:2F:33-AC-29-C3, ZZ:ZZ:ZZ:ZZ:ZZ:ZZ"},
		{"MAC_ADDRESS", "not: 00:00:00:00:00:00, FF:FF:FF:FF:FF:FF, x00:1A:2B:3C:4D:5E, 00:1A:2B:3C:4D:5Ex, 12:30:45"},
	})
}

// dateAddrNetPresidioTypes maps Presidio's entity names to the types these
// detectors report.
var dateAddrNetPresidioTypes = map[string]string{
	"DATE_TIME":   "DATE_TIME",
	"IP_ADDRESS":  "IP_ADDRESS",
	"MAC_ADDRESS": "MAC_ADDRESS",
	"URL":         "URL",
	"UK_POSTCODE": "POSTAL_CODE",
	"DE_PLZ":      "POSTAL_CODE",
}

// dateAddrNetPresidioDisagreements lists the Presidio cases for these types
// where the engine follows the published rule or this project's issue
// instead, keyed by entity and text.
var dateAddrNetPresidioDisagreements = map[string]string{
	// Dates: issue 4 asks for full calendar dates; a month and day without the
	// year is taken only as a birth date (with its context), and month/year is
	// the card expiry's shape.
	"DATE_TIME|Today is May-21":                                 "no day (May 2021) or no year (21 May): not a full calendar date",
	"DATE_TIME|Today is 21-May":                                 "no year: not a full calendar date",
	"DATE_TIME|Today is 05-May":                                 "no year: not a full calendar date",
	"DATE_TIME|Today is May-2021":                               "month and year only: not a full calendar date",
	"DATE_TIME|Today is 05/21":                                  "month/year or month/day (Presidio scores it 0.05): the card-expiry shape, not a full date",
	"DATE_TIME|Today is 5/21":                                   "as above (Presidio 0.05)",
	"DATE_TIME|Today is 5/2021":                                 "month/year only (Presidio 0.15): the card-expiry shape",
	"DATE_TIME|Today is 05/2021":                                "month/year only (Presidio 0.15): the card-expiry shape",
	"DATE_TIME|Today is,5/21,and it's sunny":                    "as 5/21 (Presidio 0.05)",
	"DATE_TIME|Today is 21.5.21":                                "D.M.YY is the shape of version numbers (\"version 12.11.27\" in the corpus); taken only as a birth date, with its context",
	"IP_ADDRESS|Use local ipv6 ::":                              "the unspecified address '::' alone (Presidio 0.05) is as often punctuation; an address needs a hex group",
	"IP_ADDRESS|src=:: dst=::1":                                 "'::' alone not taken (see above); ::1 is found",
	"IP_ADDRESS|Unspecified ::":                                 "'::' alone not taken (Presidio 0.05)",
	"IP_ADDRESS|::/0":                                           "'::/0' (Presidio 0.05): no hex group",
	"IP_ADDRESS|::/128":                                         "'::/128' (Presidio 0.05): no hex group",
	"IP_ADDRESS|192.168.1.1.1":                                  "five dotted numbers are a version or OID, not an address with a suffix",
	"MAC_ADDRESS|Device MAC: AA:BB:CC:DD:EE:FF":                 "no decimal digit, so no digit chain to find it from (1 random MAC in 130,000)",
	"MAC_ADDRESS|Hardware address: AA-BB-CC-DD-EE-FF":           "no decimal digit (see above)",
	"MAC_ADDRESS|Physical address is aabb.ccdd.eeff":            "no decimal digit (see above)",
	"MAC_ADDRESS|MACs: 00:11:22:33:44:55 and AA-BB-CC-DD-EE-FF": "the first is found; the second has no decimal digit (see above)",
	"MAC_ADDRESS|The hardware address is AA-BB-CC-DD-EE-FF":     "no decimal digit (see above)",
	// Postal codes without a postal-code word or an address around them:
	// Presidio's UK_POSTCODE and DE_PLZ recognizers score these 0.1 and 0.05,
	// below any useful threshold; the default pack asks for context.
	"UK_POSTCODE|M1 1AA":                             "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|M60 1NW":                            "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|W1A 1HQ":                            "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|CR2 6XH":                            "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|DN55 1PT":                           "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|EC1A 1BB":                           "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|GIR 0AA":                            "bare code (Presidio 0.1); also one digit, so no chain of the postal detector",
	"UK_POSTCODE|M11AA":                              "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|EC1A1BB":                            "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|DN551PT":                            "bare code, no context (Presidio 0.1)",
	"UK_POSTCODE|GIR0AA":                             "bare code (Presidio 0.1); also one digit, so no chain of the postal detector",
	"UK_POSTCODE|My address is SW1A 1AA in London":   "no postal-code word and not at the end of a written address (Presidio 0.1)",
	"UK_POSTCODE|From SW1A 1AA to EC1A 1BB":          "bare codes, no context (Presidio 0.1)",
	"DE_PLZ|10115":                                   "bare number, no context (Presidio 0.05)",
	"DE_PLZ|80331":                                   "bare number, no context (Presidio 0.05)",
	"DE_PLZ|22085":                                   "bare number, no context (Presidio 0.05)",
	"DE_PLZ|01001":                                   "bare number, no context (Presidio 0.05)",
	"DE_PLZ|99998":                                   "bare number, no context (Presidio 0.05)",
	"URL|\"https://presidio.dataprivacystack.org/\"": "Presidio's span includes the quotes around the URL; ours is the URL",
	"URL|'https://presidio.dataprivacystack.org/'":   "Presidio's span includes the quotes around the URL; ours is the URL",
}

// TestDateAddressNetworkPresidio runs Presidio's recognizer cases for
// DATE_TIME, IP_ADDRESS, MAC_ADDRESS, URL and the postal codes through the
// default pack, asking for the one type as a user with --entities would.
func TestDateAddressNetworkPresidio(t *testing.T) {
	checkPresidio(t, dateAddrNetEngine(t), dateAddrNetPresidioTypes, dateAddrNetPresidioDisagreements)
}

// dateAddrNetPieces exercise the date, address, postal code and network
// detectors, their context words and their boundaries.
var dateAddrNetPieces = []string{
	"03/14/1985", "3/14/85", "14.03.1985", "1985-03-14", "2024-03-15T14:30:00Z", "March 14, 1985",
	"Mar 14th 1985", "14 March 1985", "the 14th of March, 1985", "March 14th", "born ", "date of birth ",
	"DOB: ", "1234 Oak Street", ", Apt 4B", " #400", "221B Baker St.", "Hauptstraße 12a", "Via Roma 17",
	"Flat 12, 101 Belmont Lane", "12 rue de la Paix", "Calle Mayor 23, 2º B", "Kirchstr. 92",
	", Springfield, IL ", "62704", "94110-2231", "SW1A 1AA", "London ", "1012 AB", "zip code ", "postcode ",
	"192.168.1.1", "2001:db8::1", "::1", "fe80::1%eth0/64", "00:1A:2B:3C:4D:5E", "001A.2B3C.4D5E",
	"https://www.example.com/a?b=1", "www.example.org", "example.com", "jane@example.com", "3:45",
	"12/27", "2019", "$12.99", " ", " ", "\n", ", ", ". ", "Agent: ", "Caller: ", "é", "-", ":", "/", ".",
	"97 Abbey Crescent, Manchester M2 5AH", "Kerkstraat 327, 3032 JP Rotterdam", "Denver, CO 80293-5244",
	"96 rue du Général Leclerc, 13014 Marseille", "Avenida de América 115, 3º A, 08040 Barcelona",
}

// TestDateAddressNetworkChunkInvariance: with these detectors in the default
// pack, every split of a stream gives the output of the unsplit text.
func TestDateAddressNetworkChunkInvariance(t *testing.T) {
	e := dateAddrNetEngine(t)
	r := rand.New(rand.NewPCG(8, 40))
	seen := map[string]bool{}
	for range 150 {
		var b strings.Builder
		for b.Len() < 100+r.IntN(400) {
			b.WriteString(dateAddrNetPieces[r.IntN(len(dateAddrNetPieces))])
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := []byte(b.String())
		for _, en := range streamtest.CheckSplits(t, e, redact.Config{}, text, r, 4) {
			seen[en.Type] = true
		}
	}
	for _, typ := range []string{"DATE_OF_BIRTH", "DATE_TIME", "STREET_ADDRESS", "POSTAL_CODE", "IP_ADDRESS", "MAC_ADDRESS", "URL"} {
		if !seen[typ] {
			t.Errorf("the pieces never produced %s", typ)
		}
	}
}

// TestDateAddressNetworkSteadyStateAllocs: the date, address and network
// detectors allocate nothing once a stream's buffers are warm.
func TestDateAddressNetworkSteadyStateAllocs(t *testing.T) {
	e := dateAddrNetEngine(t)
	text := []byte(strings.Repeat("Agent: date of birth? Caller: March 14th, 1985, or 03/14/85. I moved to 1234 Oak Street, "+
		"Apt 4B, Springfield, IL 62704; before that Hauptstraße 12a, 10115 Berlin. Router 192.168.1.1 and fe80::1%eth0, "+
		"MAC 00:1A:2B:3C:4D:5E, see https://www.example.com/help?q=1 or example.org. Paid 2024-03-15T14:30Z.\n", 100))
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]byte, 0, 2*len(text))
	run := func() {
		s.Reset()
		s.ClearEntities()
		for i := 0; i < len(text); i += 4096 {
			if out, err = s.Write(out[:0], text[i:min(i+4096, len(text))]); err != nil {
				t.Fatal(err)
			}
		}
		if _, err = s.Close(out[:0]); err != nil {
			t.Fatal(err)
		}
	}
	run()
	if n := len(s.Entities()); n < 1000 {
		t.Fatalf("%d entities, want at least 1000", n)
	}
	if allocs := testing.AllocsPerRun(10, run); allocs != 0 {
		t.Errorf("steady-state stream allocates %.1f times per run", allocs)
	}
}
