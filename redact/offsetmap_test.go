package redact_test

import (
	"testing"

	"redactor/redact"
)

func TestOffsetMap(t *testing.T) {
	e := compile(t)
	text := "mail jane@example.com now, card 4111 1111 1111 1111 ok"
	//       0    5               21          33                  52
	res := runChunks(t, e, redact.Config{}, []byte(text), nil)
	if res.out != "mail [EMAIL_ADDRESS] now, card [CREDIT_CARD] ok" {
		t.Fatalf("out %q", res.out)
	}
	m := redact.NewOffsetMap(res.ents)
	for _, tc := range []struct{ orig, red int64 }{
		{0, 0}, {5, 5}, {21, 20}, {22, 21}, {32, 31}, {51, 44}, {54, 47},
	} {
		if got := m.ToRedacted(tc.orig); got != tc.red {
			t.Errorf("ToRedacted(%d) = %d, want %d", tc.orig, got, tc.red)
		}
		if got := m.ToOriginal(tc.red); got != tc.orig {
			t.Errorf("ToOriginal(%d) = %d, want %d", tc.red, got, tc.orig)
		}
	}
	// Inside a span: floor for single offsets, cover for ranges.
	if got := m.ToRedacted(10); got != 5 {
		t.Errorf("ToRedacted(10) = %d, want 5", got)
	}
	if got := m.ToOriginal(8); got != 5 {
		t.Errorf("ToOriginal(8) = %d, want 5", got)
	}
	if s, e := m.RangeToRedacted(10, 25); s != 5 || e != 24 {
		t.Errorf("RangeToRedacted(10,25) = %d,%d, want 5,24", s, e)
	}
	if s, e := m.RangeToOriginal(8, 35); s != 5 || e != 51 {
		t.Errorf("RangeToOriginal(8,35) = %d,%d, want 5,51", s, e)
	}
	// Every original offset outside entities round-trips.
	for off := int64(0); off <= int64(len(text)); off++ {
		inside := false
		for _, en := range res.ents {
			inside = inside || en.Start < off && off < en.End
		}
		if !inside && m.ToOriginal(m.ToRedacted(off)) != off {
			t.Errorf("offset %d does not round-trip", off)
		}
	}
}
