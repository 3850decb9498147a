package redact_test

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"redactor/detectors"
	"redactor/redact"
)

func compile(t testing.TB, opts ...redact.Option) *redact.Engine {
	t.Helper()
	e, err := redact.Compile(detectors.Default(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// result is a whole stream's output.
type result struct {
	out  string
	ents []redact.Entity
	err  error
}

// runChunks feeds text to a new stream in the pieces given by cuts (sorted
// offsets) through Write/Close.
func runChunks(t testing.TB, e *redact.Engine, cfg redact.Config, text []byte, cuts []int) result {
	t.Helper()
	s, err := e.NewStream(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	prev := 0
	for _, c := range append(cuts, len(text)) {
		if out, err = s.Write(out, text[prev:c]); err != nil {
			return result{string(out), slices.Clone(s.Entities()), err}
		}
		prev = c
	}
	out, err = s.Close(out)
	return result{string(out), slices.Clone(s.Entities()), err}
}

// runTransform drives Stream.Transform the way transform.Reader does, with a
// small fixed dst and src arriving in pieces of size step.
func runTransform(t testing.TB, e *redact.Engine, text []byte, step, dstSize int) result {
	t.Helper()
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	dst := make([]byte, dstSize)
	var src []byte
	read := 0
	for {
		if read < len(text) && (len(src) < e.MaxHold()) {
			k := min(step, len(text)-read)
			src = append(src, text[read:read+k]...)
			read += k
		}
		atEOF := read == len(text)
		nDst, nSrc, err := s.Transform(dst, src, atEOF)
		out = append(out, dst[:nDst]...)
		src = src[nSrc:]
		switch {
		case err == nil:
			if atEOF && len(src) == 0 {
				return result{string(out), slices.Clone(s.Entities()), nil}
			}
		case errors.Is(err, redact.ErrShortDst), errors.Is(err, redact.ErrShortSrc):
			if nDst == 0 && nSrc == 0 && atEOF && errors.Is(err, redact.ErrShortSrc) {
				t.Fatalf("no progress at EOF")
			}
		default:
			return result{string(out), slices.Clone(s.Entities()), err}
		}
	}
}

func sameResult(t *testing.T, what string, want, got result) {
	t.Helper()
	if want.out != got.out {
		i := 0
		for i < len(want.out) && i < len(got.out) && want.out[i] == got.out[i] {
			i++
		}
		t.Fatalf("%s: output differs at byte %d\nwant …%q\n got …%q", what, i, tail(want.out, i), tail(got.out, i))
	}
	if !slices.Equal(want.ents, got.ents) {
		t.Fatalf("%s: entities differ\nwant %v\n got %v", what, want.ents, got.ents)
	}
	if (want.err == nil) != (got.err == nil) {
		t.Fatalf("%s: error %v, want %v", what, got.err, want.err)
	}
}

func tail(s string, i int) string {
	return s[max(0, i-30):min(len(s), i+30)]
}

// pieces used to build adversarial transcripts: entities, near misses,
// separators and multi-byte text.
var pieces = []string{
	"jane.roe@example.com", "J_Doe+bills@mail.example.co.uk", "a@b", "x@y.z", "@", "..@..", "john@",
	"415-555-0132", "(415) 555-0132", "+1 415 555 0132", "+44 20 7946 0958", "+49 30 1234567", "020 7946 0958",
	"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "378282246310005", "4111 1111 1111 1112",
	"GB82 WEST 1234 5698 7654 32", "DE89370400440532013000", "gb82west12345698765432", "FR14 2004 1010 0505 0001 3M02 606",
	"078-05-1123", "078 05 1123", "078051123", "000-12-3456", "666-12-3456",
	"$12.99", "3:45 pm", "2019", "24 hours", "ORD-58213", "room 204", "1,299.00",
	"José", "Zoë", "café", "€", "–", "日本語", "👍🏽",
	" ", " ", "  ", "\n", "\t", "-", ".", "(", ")", "+", "/", ",", "0", "7", "12", "AB", "WEST", "x",
	"Agent: ", "Caller: ", "my card is ", "call me at ", "IBAN ", "social ",
}

func genText(r *rand.Rand, n int) []byte {
	var b []byte
	for len(b) < n {
		b = append(b, pieces[r.IntN(len(pieces))]...)
		if r.IntN(3) == 0 {
			b = append(b, ' ')
		}
	}
	return b
}

func randomCuts(r *rand.Rand, n, k int) []int {
	cuts := make([]int, 0, k)
	for range k {
		cuts = append(cuts, r.IntN(n+1))
	}
	slices.Sort(cuts)
	return cuts
}

func TestChunkInvariance(t *testing.T) {
	e := compile(t)
	r := rand.New(rand.NewPCG(1, 2))
	for iter := range 300 {
		text := genText(r, 50+r.IntN(600))
		want := runChunks(t, e, redact.Config{}, text, nil)
		if want.err != nil {
			t.Fatal(want.err)
		}
		// every byte its own chunk
		ones := make([]int, len(text))
		for i := range ones {
			ones[i] = i
		}
		sameResult(t, fmt.Sprintf("iter %d, 1-byte chunks", iter), want, runChunks(t, e, redact.Config{}, text, ones))
		for k := range 5 {
			cuts := randomCuts(r, len(text), 1+r.IntN(20))
			sameResult(t, fmt.Sprintf("iter %d, random cuts %d %v", iter, k, cuts), want, runChunks(t, e, redact.Config{}, text, cuts))
		}
		sameResult(t, fmt.Sprintf("iter %d, Transform step 7 dst 16", iter), want, runTransform(t, e, text, 7, 16))
	}
}

// TestChunkInvarianceEverySplit splits short transcripts at every position,
// including inside entities and inside UTF-8 sequences.
func TestChunkInvarianceEverySplit(t *testing.T) {
	e := compile(t)
	for _, text := range []string{
		"Caller: my card is 4111 1111 1111 1111, mail jane.roe@example.com; call +44 (20) 7123 4567 – José",
		"IBAN GB82 WEST 1234 5698 7654 32 and ssn 078-05-1123 at 3:45 pm 日本語 (415) 555-0132.",
		"x@y.com 4111111111111111 415.555.0132 DE89 3704 0044 0532 0130 00 👍🏽 12 34 56",
	} {
		want := runChunks(t, e, redact.Config{}, []byte(text), nil)
		if len(want.ents) < 3 {
			t.Fatalf("%q: only %d entities: %v", text, len(want.ents), want.ents)
		}
		for i := 0; i <= len(text); i++ {
			for j := i; j <= len(text); j += 5 {
				sameResult(t, fmt.Sprintf("%q cut at %d,%d", text, i, j), want, runChunks(t, e, redact.Config{}, []byte(text), []int{i, j}))
			}
		}
	}
}

// TestLongRuns feeds runs longer than the window (no white space, long digit
// chains) through a small-window engine: memory stays bounded and the
// output is the same for every chunking.
func TestLongRuns(t *testing.T) {
	e := compile(t, redact.WithWindow(4096))
	r := rand.New(rand.NewPCG(3, 4))
	inputs := [][]byte{
		bytes.Repeat([]byte("a"), 20000),
		bytes.Repeat([]byte("1 "), 10000),
		bytes.Repeat([]byte("ab.cd@"), 4000),
		[]byte(strings.Repeat("x", 5000) + " jane@example.com " + strings.Repeat("9", 7000) + " 415-555-0132"),
		genText(r, 30000),
	}
	for i, text := range inputs {
		want := runChunks(t, e, redact.Config{}, text, nil)
		if want.err != nil {
			t.Fatal(want.err)
		}
		for k := range 4 {
			cuts := randomCuts(r, len(text), 1+r.IntN(200))
			sameResult(t, fmt.Sprintf("input %d cuts %d", i, k), want, runChunks(t, e, redact.Config{}, text, cuts))
		}
		sameResult(t, fmt.Sprintf("input %d Transform", i), want, runTransform(t, e, text, 1000, 64))
	}
}

// TestHoldBack checks that a stream emits text as soon as no entity can
// still need it.
func TestHoldBack(t *testing.T) {
	e := compile(t)
	for _, tc := range []struct{ chunk, out string }{
		{"hello world", "hello "},
		{"hello world ", "hello world "},
		{"call me at 415 555", "call me at "},
		{"call me at 415 555 0132 now", "call me at "}, // "now1" would join the chain
		{"call me at 415 555 0132 now.", "call me at [PHONE_NUMBER] "},
		{"card 4111 1111 1111 1111 ", "card "}, // a fifth group could still follow
		{"mail jane@example.com", "mail "},
		{"mail jane@example.com.", "mail "},
		{"mail jane@example.com, thanks", "mail [EMAIL_ADDRESS], "},
		{"IBAN GB", "IBAN "},
	} {
		s, _ := e.NewStream(redact.Config{})
		out, err := s.Write(nil, []byte(tc.chunk))
		if err != nil || string(out) != tc.out {
			t.Errorf("Write(%q) = %q, %v; want %q", tc.chunk, out, err, tc.out)
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	e := compile(t)
	for _, tc := range []struct {
		text   string
		offset int64
	}{
		{"hello \xff world", 6},
		{"card 4111 1111 1111 1111 \xc3", 25},
		{"\xe2\x82", 0},
		{"ok é \xed\xa0\x80 surrogate", 6},
	} {
		for _, cuts := range [][]int{nil, {1}, {3, 7}} {
			if len(cuts) > 0 && cuts[len(cuts)-1] > len(tc.text) {
				continue
			}
			res := runChunks(t, e, redact.Config{}, []byte(tc.text), cuts)
			var ie *redact.InputError
			if !errors.As(res.err, &ie) || ie.Offset != tc.offset {
				t.Errorf("%q cuts %v: err %v, want InputError at %d", tc.text, cuts, res.err, tc.offset)
				continue
			}
			if strings.Contains(ie.Error(), "4111") || strings.Contains(res.out, "4111") {
				t.Errorf("%q: leaked: out %q err %q", tc.text, res.out, ie.Error())
			}
			if !utf8.ValidString(res.out) {
				t.Errorf("%q: invalid output %q", tc.text, res.out)
			}
		}
	}
	// A failed stream stays failed.
	s, _ := e.NewStream(redact.Config{})
	s.Write(nil, []byte("a\xff b "))
	if _, err := s.Write(nil, []byte("more text ")); err == nil {
		t.Error("stream accepted text after an error")
	}
}

func TestOffsetsMapBack(t *testing.T) {
	e := compile(t)
	text := []byte("Caller: reach me at jane.roe@example.com or (415) 555-0132; card 4111-1111-1111-1111.")
	for _, op := range []redact.OperatorKind{redact.Tag, redact.Mask, redact.Hash, redact.Remove, redact.Keep} {
		cfg := redact.Config{Operator: redact.Operator{Kind: op}, HashKey: bytes.Repeat([]byte{7}, 32)}
		res := runChunks(t, e, cfg, text, []int{10, 33})
		if len(res.ents) != 3 {
			t.Fatalf("%v: entities %v", op, res.ents)
		}
		prevO, prevR := int64(0), int64(0)
		for _, en := range res.ents {
			// Text between entities is unchanged.
			if string(text[prevO:en.Start]) != res.out[prevR:en.RedactedStart] {
				t.Errorf("%v: gap before %v differs", op, en)
			}
			prevO, prevR = en.End, en.RedactedEnd
			if op == redact.Keep && string(text[en.Start:en.End]) != res.out[en.RedactedStart:en.RedactedEnd] {
				t.Errorf("keep changed %v", en)
			}
		}
		if string(text[prevO:]) != res.out[prevR:] {
			t.Errorf("%v: tail differs", op)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	e := compile(t)
	for _, cfg := range []redact.Config{
		{Operator: redact.Operator{Kind: redact.Hash}},
		{Operator: redact.Operator{Kind: redact.Hash}, HashKey: []byte("short")},
		{PerType: map[string]redact.Operator{"PHONE_NUMBER": {Kind: redact.Hash}}},
		{Entities: []string{"NO_SUCH_TYPE"}},
	} {
		if _, err := e.NewStream(cfg); err == nil {
			t.Errorf("NewStream(%+v) accepted", cfg)
		}
	}
}
