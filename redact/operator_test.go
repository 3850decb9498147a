package redact_test

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"

	"redactor/redact"
)

var (
	testHashKey = bytes.Repeat([]byte{7}, 32)
	labelText   = []byte("Caller: mail jane.roe@example.com, or JANE.ROE@EXAMPLE.COM; my wife is ann@example.org. " +
		"Call (415) 555-0132 or 415.555.0132, and also +44 20 7946 0958. Again: ann@example.org and jane.roe@example.com.")
)

func TestLabelNumbersValuesPerTypeAndStream(t *testing.T) {
	e := compile(t)
	cfg := redact.Config{Operator: redact.Operator{Kind: redact.Label}}
	res := runChunks(t, e, cfg, labelText, nil)
	if res.err != nil {
		t.Fatal(res.err)
	}
	want := "Caller: mail [EMAIL_ADDRESS_1], or [EMAIL_ADDRESS_1]; my wife is [EMAIL_ADDRESS_2]. " +
		"Call [PHONE_NUMBER_1] or [PHONE_NUMBER_1], and also [PHONE_NUMBER_2]. Again: [EMAIL_ADDRESS_2] and [EMAIL_ADDRESS_1]."
	if res.out != want {
		t.Fatalf("got  %s\nwant %s", res.out, want)
	}
	// Every split gives the same numbers (the number depends on the order of
	// the entities only).
	for cut := 1; cut < len(labelText); cut++ {
		if got := runChunks(t, e, cfg, labelText, []int{cut}); got.out != want {
			t.Fatalf("cut at %d: %s", cut, got.out)
		}
	}
	for step := 1; step <= 7; step++ {
		var cuts []int
		for c := step; c < len(labelText); c += step {
			cuts = append(cuts, c)
		}
		if got := runChunks(t, e, cfg, labelText, cuts); got.out != want {
			t.Fatalf("pieces of %d: %s", step, got.out)
		}
	}
}

func TestLabelResetAndSegments(t *testing.T) {
	e := compile(t)
	s, err := e.NewStream(redact.Config{Operator: redact.Operator{Kind: redact.Label}})
	if err != nil {
		t.Fatal(err)
	}
	run := func(text string) string {
		out, err := s.Write(nil, []byte(text))
		if err == nil {
			out, err = s.Close(out)
		}
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	if got := run("a@example.com b@example.com"); got != "[EMAIL_ADDRESS_1] [EMAIL_ADDRESS_2]" {
		t.Fatal(got)
	}
	// A new segment of the same transcript keeps the numbers.
	s.NextSegment()
	if got := run("b@example.com c@example.com"); got != "[EMAIL_ADDRESS_2] [EMAIL_ADDRESS_3]" {
		t.Fatalf("after NextSegment: %s", got)
	}
	// A new transcript starts again.
	s.Reset()
	if got := run("c@example.com"); got != "[EMAIL_ADDRESS_1]" {
		t.Fatalf("after Reset: %s", got)
	}
	// A side stream inherits the numbers.
	p, _ := e.NewStream(redact.Config{Operator: redact.Operator{Kind: redact.Label}})
	p.InheritOperatorState(s)
	out, _ := p.Write(nil, []byte("z@example.com c@example.com "))
	out, _ = p.Close(out)
	if string(out) != "[EMAIL_ADDRESS_2] [EMAIL_ADDRESS_1] " {
		t.Fatalf("inherited: %s", out)
	}
}

func tokenKey(t testing.TB, seed byte) *redact.TokenKey {
	t.Helper()
	k, err := redact.NewTokenKey(bytes.Repeat([]byte{seed}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

var tokenRE = regexp.MustCompile(`<[A-Z][A-Z0-9_]*~[0-9a-f]{8}~[A-Za-z0-9_-]+>`)

func TestEncryptRoundTrip(t *testing.T) {
	e := compile(t)
	k1, k2 := tokenKey(t, 1), tokenKey(t, 2)
	if k1.ID() == k2.ID() || len(k1.ID()) != 8 {
		t.Fatalf("key ids %q %q", k1.ID(), k2.ID())
	}
	cfg := redact.Config{Operator: redact.Operator{Kind: redact.Encrypt}, EncryptKey: k1}
	res := runChunks(t, e, cfg, labelText, nil)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if strings.Contains(res.out, "example") || strings.Contains(res.out, "555") {
		t.Fatalf("value visible: %s", res.out)
	}
	for _, en := range res.ents {
		tok := []byte(res.out[en.RedactedStart:en.RedactedEnd])
		if !tokenRE.Match(tok) || !bytes.Contains(tok, []byte("~"+k1.ID()+"~")) {
			t.Fatalf("token %s", tok)
		}
		typ, val, err := redact.OpenToken(nil, []*redact.TokenKey{k2, k1}, tok)
		if err != nil || typ != en.Type || string(val) != string(labelText[en.Start:en.End]) {
			t.Fatalf("open %s: %q %q %v", tok, typ, val, err)
		}
	}
	// Deterministic: the same exact value gives the same token, in this
	// stream and in any other, whatever the chunking.
	if res.ents[0].Type != "EMAIL_ADDRESS" {
		t.Fatal(res.ents)
	}
	first := res.out[res.ents[0].RedactedStart:res.ents[0].RedactedEnd]
	if strings.Count(res.out, first) != 2 {
		t.Errorf("token of jane.roe@example.com appears %d times", strings.Count(res.out, first))
	}
	for cut := 1; cut < len(labelText); cut += 3 {
		if got := runChunks(t, e, cfg, labelText, []int{cut}); got.out != res.out {
			t.Fatalf("cut at %d differs", cut)
		}
	}
	// Another type, same bytes: another token.
	a, _ := e.NewStream(redact.Config{Operator: redact.Operator{Kind: redact.Encrypt}, EncryptKey: k1})
	_ = a
}

func TestOpenTokenErrors(t *testing.T) {
	e := compile(t)
	k1, k2 := tokenKey(t, 1), tokenKey(t, 2)
	s, _ := e.NewStream(redact.Config{Operator: redact.Operator{Kind: redact.Encrypt}, EncryptKey: k1})
	out, _ := s.Write(nil, []byte("mail jane.roe@example.com"))
	out, _ = s.Close(out)
	tok := tokenRE.Find(out)
	if tok == nil {
		t.Fatalf("no token in %s", out)
	}
	var uk *redact.UnknownKeyError
	if _, _, err := redact.OpenToken(nil, []*redact.TokenKey{k2}, tok); !errors.As(err, &uk) || uk.ID != k1.ID() {
		t.Errorf("wrong key: %v", err)
	} else if strings.Contains(err.Error(), "jane") || !strings.Contains(err.Error(), k1.ID()) || !strings.Contains(err.Error(), k2.ID()) {
		t.Errorf("message %q", err)
	}
	// Every single-byte change of the data fails authentication (or the form).
	data := bytes.LastIndexByte(tok, '~') + 1
	for i := data; i < len(tok)-1; i++ {
		bad := bytes.Clone(tok)
		if bad[i] == 'A' {
			bad[i] = 'B'
		} else {
			bad[i] = 'A'
		}
		if _, v, err := redact.OpenToken(nil, []*redact.TokenKey{k1}, bad); err == nil {
			t.Fatalf("changed byte %d accepted: %q", i, v)
		}
	}
	// The type is bound to the token.
	moved := bytes.Replace(tok, []byte("EMAIL_ADDRESS"), []byte("PERSON"), 1)
	if _, _, err := redact.OpenToken(nil, []*redact.TokenKey{k1}, moved); !errors.Is(err, redact.ErrTokenAuth) {
		t.Errorf("type swap: %v", err)
	}
	for _, bad := range []string{"", "<>", "<EMAIL~zz~abc>", "<email~12345678~abc>", "<EMAIL_ADDRESS~12345678~a+b>", "[EMAIL_ADDRESS]"} {
		if _, _, err := redact.OpenToken(nil, []*redact.TokenKey{k1}, []byte(bad)); !errors.Is(err, redact.ErrNotToken) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestEncryptNeedsKey(t *testing.T) {
	e := compile(t)
	for _, cfg := range []redact.Config{
		{Operator: redact.Operator{Kind: redact.Encrypt}},
		{PerType: map[string]redact.Operator{"PHONE_NUMBER": {Kind: redact.Encrypt}}},
	} {
		if _, err := e.NewStream(cfg); !errors.Is(err, redact.ErrNoEncryptKey) {
			t.Errorf("NewStream(%+v): %v", cfg, err)
		}
	}
	if _, err := redact.NewTokenKey([]byte("short")); err == nil {
		t.Error("short encrypt key accepted")
	}
}

func TestParseOperatorKind(t *testing.T) {
	for _, name := range []string{"tag", "mask", "hash", "remove", "keep", "label", "encrypt"} {
		k, err := redact.ParseOperatorKind(name)
		if err != nil || k.String() != name {
			t.Errorf("%s: %v %v", name, k, err)
		}
	}
	if _, err := redact.ParseOperatorKind("scramble"); err == nil || !strings.Contains(err.Error(), "label or encrypt") {
		t.Errorf("unknown: %v", err)
	}
}

// TestSpokenCanonicalValue checks that spoken and written spellings of one
// value canonicalise alike, and that written values keep their old form.
func TestSpokenCanonicalValue(t *testing.T) {
	cases := []struct {
		typ, a, b string // a and b must canonicalise alike
	}{
		{"PHONE_NUMBER", "+1 (415) 555-0132", "four one five five five five oh one three two"},
		{"PHONE_NUMBER", "415.555.0132", "Four one five, five five five, zero one three two"},
		{"PHONE_NUMBER", "(415) 555-0132", "four one five five fifty five oh one thirty two"},
		{"PHONE_NUMBER", "415-555-0132", "four one five triple five oh one three two"},
		{"PHONE_NUMBER", "415-555-0132", "four one five double five five o one three two"},
		{"PHONE_NUMBER", "1-800-555-0199", "one eight hundred five five five oh one nine nine"},
		{"PHONE_NUMBER", "+44 20 7946 0958", "plus four four two oh seven nine four six oh nine five eight"},
		{"PHONE_NUMBER", "+44 20 7946 0958", "double oh four four two oh seven nine four six oh nine five eight"},
		{"PHONE_NUMBER", "+1 415 555 0132", "four 1 five 555 oh one three two"},
		{"CREDIT_CARD", "4111 1111 1111 1111", "four one one one one one one one one one one one one one one one"},
		{"CREDIT_CARD", "4111-1111-1111-1111", "forty one eleven, eleven eleven, eleven eleven, eleven eleven"},
		{"US_SSN", "123-45-6789", "one two three dash four five dash six seven eight nine"},
		{"US_SSN", "078-05-1120", "o seven eight o five eleven twenty"},
		{"IBAN_CODE", "DE89 3704 0044 0532 0130 00", "d e eight nine three seven oh four oh oh four four oh five three two oh one three oh oh oh"},
		{"UK_NINO", "QQ 12 34 56 C", "q q one two three four five six c"},
		{"US_BANK_NUMBER", "500100", "five hundred one hundred"},
		{"NUMBER_SEQUENCE", "505", "five hundred and five"},
		{"NUMBER_SEQUENCE", "2500", "two thousand five hundred"},
		{"NUMBER_SEQUENCE", "1999", "nineteen ninety nine"},
		{"EMAIL_ADDRESS", "John.Smith@Gmail.com", "john dot smith at gmail dot com"},
		{"EMAIL_ADDRESS", "j_doe-7@example.co.uk", "J underscore doe dash seven at example dot co dot uk"},
		{"EMAIL_ADDRESS", "amy+bills@example.com", "amy plus bills at example dot com"},
	}
	for _, tc := range cases {
		a := string(redact.CanonicalValue(nil, tc.typ, []byte(tc.a)))
		b := string(redact.CanonicalValue(nil, tc.typ, []byte(tc.b)))
		if a != b {
			t.Errorf("%s: %q -> %q, but %q -> %q", tc.typ, tc.a, a, tc.b, b)
		}
		pa, _ := redact.Pseudonym(testHashKey, tc.typ, []byte(tc.a))
		pb, _ := redact.Pseudonym(testHashKey, tc.typ, []byte(tc.b))
		if pa != pb {
			t.Errorf("%s: pseudonyms differ: %s %s", tc.typ, pa, pb)
		}
	}
	// Written values keep the written rules; values with other words are
	// not read as spoken.
	same := []struct{ typ, in, want string }{
		{"PHONE_NUMBER", "(415) 555-0132", "14155550132"},
		{"PHONE_NUMBER", "0044 20 7946 0958", "442079460958"},
		{"PHONE_NUMBER", "415-555-0132 ext 12", "41555501321"[:0] + "415555013212"},
		{"IBAN_CODE", "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432"},
		{"STREET_ADDRESS", "One Market Street", "ONEMARKETSTREET"},
		{"PERSON", "Nina Ten", "NINATEN"},
		{"DATE_TIME", "March fifth", "MARCHFIFTH"},
		{"US_SSN", "one two x", "ONETWOX"}, // a lone letter in a digits-only type: not spoken
		{"EMAIL_ADDRESS", "Jane.Roe@Example.com", "jane.roe@example.com"},
	}
	for _, tc := range same {
		if got := string(redact.CanonicalValue(nil, tc.typ, []byte(tc.in))); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.typ, tc.in, got, tc.want)
		}
	}
}

func TestOperatorFor(t *testing.T) {
	e := compile(t)
	s, err := e.NewStream(redact.Config{Operator: redact.Operator{Kind: redact.Mask},
		PerType: map[string]redact.Operator{"EMAIL_ADDRESS": {Kind: redact.Label}}})
	if err != nil {
		t.Fatal(err)
	}
	if s.OperatorFor("EMAIL_ADDRESS").Kind != redact.Label || s.OperatorFor("PHONE_NUMBER").Kind != redact.Mask {
		t.Error("OperatorFor")
	}
}

// TestOperatorAllocs keeps the existing operators allocation-free in the
// steady state, and label and encrypt close to it.
func TestOperatorAllocs(t *testing.T) {
	e := compile(t)
	for _, cfg := range []redact.Config{
		{Operator: redact.Operator{Kind: redact.Hash}, HashKey: testHashKey},
		{Operator: redact.Operator{Kind: redact.Mask}},
		{Operator: redact.Operator{Kind: redact.Label}},
		{Operator: redact.Operator{Kind: redact.Encrypt}, EncryptKey: tokenKey(t, 3)},
	} {
		s, err := e.NewStream(cfg)
		if err != nil {
			t.Fatal(err)
		}
		var out []byte
		run := func() {
			s.Reset()
			s.ClearEntities()
			out, _ = s.Write(out[:0], labelText)
			out, _ = s.Close(out)
		}
		run()
		allocs := testing.AllocsPerRun(20, run)
		limit := 0.0
		if cfg.Operator.Kind == redact.Label {
			limit = 4 // one string per new value after Reset
		}
		if allocs > limit {
			t.Errorf("%v: %.1f allocations per stream", cfg.Operator.Kind, allocs)
		}
	}
}
