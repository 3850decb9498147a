package detectors_test

import (
	"slices"
	"sync"
	"testing"

	"redactor/internal/streamtest"
	"redactor/packs"
	"redactor/redact"
)

// dateAddrNetPack returns the engine of the embedded default pack, which
// switches the date, address and network detectors on and gives them their
// context words.
var dateAddrNetPack = sync.OnceValues(func() (*redact.Engine, error) {
	set, err := packs.Load()
	if err != nil {
		return nil, err
	}
	return set.Engine(), nil
})

func dateAddrNetEngine(t testing.TB) *redact.Engine {
	t.Helper()
	e, err := dateAddrNetPack()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// findResolved returns the spans of type typ that the engine redacts in
// text with every type switched on, so that the overlap resolution between
// types (DATE_OF_BIRTH over DATE_TIME, URL over IP_ADDRESS) is part of the
// answer.
func findResolved(t testing.TB, e *redact.Engine, typ, text string) [][2]int {
	t.Helper()
	_, ents := streamtest.Run(t, e, redact.Config{}, []byte(text), nil)
	return streamtest.Spans(ents, typ)
}

type markedCase struct {
	typ  string
	text string // the expected spans of typ between ⟦ and ⟧
}

func runMarkedCases(t *testing.T, cases []markedCase) {
	t.Helper()
	e := dateAddrNetEngine(t)
	for _, tc := range cases {
		text, want := unmark(tc.text)
		got := findResolved(t, e, tc.typ, text)
		if !slices.Equal(got, want) {
			t.Errorf("%s in %q:\n got %v %q\nwant %v", tc.typ, text, got, spanTexts(text, got), want)
		}
	}
}

func spanTexts(text string, spans [][2]int) []string {
	var out []string
	for _, sp := range spans {
		out = append(out, text[sp[0]:sp[1]])
	}
	return out
}

func TestDates(t *testing.T) {
	runMarkedCases(t, []markedCase{
		// Birth dates: every form of the corpus, with a birth word before or after.
		{"DATE_OF_BIRTH", "My date of birth is ⟦03/14/1985⟧."},
		{"DATE_OF_BIRTH", "DOB ⟦3/14/1985⟧, DOB ⟦3/14/85⟧, DOB ⟦03-14-1985⟧, DOB ⟦1985-03-14⟧"},
		{"DATE_OF_BIRTH", "born ⟦March 14, 1985⟧; born ⟦March 14th, 1985⟧; born ⟦Mar 14 1985⟧"},
		{"DATE_OF_BIRTH", "born ⟦14/03/1985⟧, born ⟦14.03.1985⟧, born ⟦14 March 1985⟧, born ⟦14 Mar 1985⟧"},
		{"DATE_OF_BIRTH", "Nadia's date of birth is the ⟦22nd of April, 2003⟧, if you need it."},
		{"DATE_OF_BIRTH", "Agent: Can you confirm your date of birth for me?\nCaller: Sure, it's ⟦1978-01-06⟧."},
		{"DATE_OF_BIRTH", "Agent: And the date of birth?\nCaller: ⟦06-20-1981⟧."},
		{"DATE_OF_BIRTH", "⟦July 4, 1976⟧ (born in Ohio), ⟦4 July 1976⟧ - my birthday"},
		{"DATE_OF_BIRTH", "birthday ⟦Sept. 5, 2001⟧, b'day ⟦1 Jan 2000⟧ born"},
		{"DATE_OF_BIRTH", "D.O.B. ⟦29/02/2000⟧ but not 29/02/2001 (no such day) born"},
		// A day and a written month without the year: only as a birth date.
		{"DATE_OF_BIRTH", "I was born on ⟦March 14th⟧ and my birthday is the ⟦14th of March⟧."},
		{"DATE_TIME", "I was born on March 14th, the appointment is March 14th."},
		// A written month with a two-digit year: a birth date as said, nothing else.
		{"DATE_OF_BIRTH", "born ⟦July 4th 81⟧, born ⟦July 4, 81⟧, date of birth the ⟦9th of April 81⟧"},
		{"DATE_OF_BIRTH", "born on ⟦March 3⟧ 12:30 pm; born ⟦May 5⟧, 20,000 people"}, // a time, a count: no year
		{"DATE_TIME", "born July 4th 81; on May 5 20 people came; born February 30 85"},
		// Other dates are DATE_TIME, not birth dates.
		{"DATE_OF_BIRTH", "The payment on 06/15/2024 from 14/04/2022, statement March 2, 2024, 15.06.2024."},
		{"DATE_TIME", "The payment on ⟦06/15/2024⟧ from ⟦14/04/2022⟧, statement ⟦March 2, 2024⟧, ⟦15.06.2024⟧."},
		{"DATE_OF_BIRTH", "born ⟦03/14/1985⟧ ... and later, many words later, it was paid on 06/15/2024"},
		{"DATE_TIME", "born 03/14/1985 ... and later, many words later, it was paid on ⟦06/15/2024⟧"},
		{"DATE_TIME", "Today is ⟦5-20-2021⟧, ⟦21.5.2021⟧, ⟦5-MAY-2021⟧, ⟦2021/05/21⟧, ⟦21 May, 2021⟧"},
		// A dotted date with a two-digit year is a version number unless said as a birth date.
		{"DATE_TIME", "the app is on version 12.11.27, firmware 5.10.25 today. I was born 21.5.85"},
		{"DATE_OF_BIRTH", "the app is on version 12.11.27, firmware 5.10.25 today. I was born ⟦21.5.85⟧"},
		{"DATE_TIME", "logged ⟦2024-03-15T14:30:00.123456Z⟧ and ⟦2024-06-05T09:15:30.500-07:00⟧, ⟦2024-03-15T14:30Z⟧."},
		// Not dates: years, times, durations, expiries, versions, prices, phones, codes.
		{"DATE_TIME", "back in 2019, at 3:45 pm, 10:30, 14:15, 9 a.m., 24 hours, 3 to 5 business days"},
		{"DATE_TIME", "expires 08/27, 12/27, 05/2021, May-2021, March 2024, May 5 people, 2 May"},
		{"DATE_TIME", "version 3.2.1, 10.0.4.1904, $12.99, 49.95 euros, rate 0.8955, 38.5 °C"},
		{"DATE_TIME", "call 415.555.0132, ssn 078-05-1123, zip 94110-2231, order SO-2024-339067"},
		{"DATE_TIME", "invalid 13/13/2020, 02/30/2020, 2021-13-01, 31.04.2021, 0/0/2000, March 32, 2020"},
		{"DATE_TIME", "glued x03/14/1985, 03/14/1985x, 03/14/19851, 1.03/14/1985, 03/14/1985/2, 2024-03-15T25:00"},
		{"DATE_TIME", "lower case mar 14, 1985 and may 5, 2020; year out of range 03/14/1492"},
		// Boundaries: punctuation around the date is not taken.
		{"DATE_TIME", "(⟦03/14/1985⟧), \"⟦March 14, 1985⟧\", ⟦14.03.1985⟧. End ⟦1985-03-14⟧,x"},
	})
}

// TestDateScores checks that a date said as a birth date outranks the
// same date as DATE_TIME, and the scores the pack's policy sees.
func TestDateScores(t *testing.T) {
	e := dateAddrNetEngine(t)
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Caller: I was born 03/14/1985. Agent: Thanks. The last payment arrived on 06/15/24."
	if _, err := s.Write(nil, []byte(text)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Close(nil); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		typ   string
		value string
		score float32
	}{{"DATE_OF_BIRTH", "03/14/1985", 0.9}, {"DATE_TIME", "06/15/24", 0.5}}
	ents := s.Entities()
	if len(ents) != len(want) {
		t.Fatalf("got %d entities %v, want %v", len(ents), ents, want)
	}
	for i, w := range want {
		en := ents[i]
		if en.Type != w.typ || text[en.Start:en.End] != w.value || en.Score != w.score {
			t.Errorf("entity %d: got %s %q %.2f, want %s %q %.2f", i, en.Type, text[en.Start:en.End], en.Score, w.typ, w.value, w.score)
		}
	}
}
