package events_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"redactor/events"
)

// The product promise of a Stream: any split of a transcript into Writes
// gives the events (type, offsets, speaker) of the unsplit transcript.
// These tests feed random transcripts whole and in pieces down to single
// bytes (inside words and UTF-8 sequences) and compare.

// turn is a piece of a transcript said by one speaker; segment ends the
// segment (EndSegment) before it.
type turn struct {
	text    []byte
	sp      events.Speaker
	segment bool
}

// feedTurns writes each turn in pieces cut by cut (the lengths of the
// pieces of a text of n bytes), and returns every event and the offset.
func feedTurns(s *events.Stream, turns []turn, cut func(n int) []int) ([]events.Event, int64) {
	s.Reset()
	var got []events.Event
	collect := func() {
		got = append(got, s.Events()...)
		s.ClearEvents()
	}
	for _, tu := range turns {
		if tu.segment {
			s.EndSegment()
			collect()
		}
		p := tu.text
		if cut == nil {
			s.Write(p, tu.sp)
		} else {
			for _, k := range cut(len(p)) {
				s.Write(p[:k], tu.sp)
				p = p[k:]
				collect()
			}
			if len(p) != 0 {
				panic("cut does not cover the text")
			}
		}
		collect()
	}
	s.Close()
	collect()
	return got, s.Offset()
}

// pieces returns a cut into pieces of 1..maxPiece bytes.
func pieces(rng *rand.Rand, maxPiece int) func(n int) []int {
	return func(n int) []int {
		var ks []int
		for n > 0 {
			k := min(n, 1+rng.IntN(maxPiece))
			ks = append(ks, k)
			n -= k
		}
		return ks
	}
}

// checkSplits compares the whole transcript with single bytes, with every
// split in two (of short transcripts) and with random pieces.
func checkSplits(t *testing.T, s *events.Stream, rng *rand.Rand, name string, turns []turn, randomCuts int) {
	t.Helper()
	want, wantOff := feedTurns(s, turns, nil)
	try := func(how string, cut func(int) []int) {
		t.Helper()
		got, off := feedTurns(s, turns, cut)
		if !slices.Equal(got, want) || off != wantOff {
			var b strings.Builder
			for _, tu := range turns {
				fmt.Fprintf(&b, "\n  %+v segment=%v %q", tu.sp, tu.segment, tu.text)
			}
			t.Fatalf("%s, %s: got %+v (offset %d), whole gives %+v (offset %d); turns:%s", name, how, got, off, want, wantOff, b.String())
		}
	}
	try("bytes", func(n int) []int {
		ks := make([]int, n)
		for i := range ks {
			ks[i] = 1
		}
		return ks
	})
	if len(turns) == 1 && len(turns[0].text) <= 200 {
		for at := 1; at < len(turns[0].text); at++ {
			try(fmt.Sprintf("split at %d", at), func(n int) []int { return []int{at, n - at} })
		}
	}
	for i := 0; i < randomCuts; i++ {
		maxPiece := []int{2, 3, 4, 7, 8, 9, 16, 40, 41, 64, 300}[rng.IntN(11)]
		try(fmt.Sprintf("pieces of 1..%d", maxPiece), pieces(rng, maxPiece))
	}
}

// packPhrases returns the phrases, exceptions and negations of the default
// pack's events, as written in its YAML.
func packPhrases(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("../packs/default/60-events.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`(?m)^\s*- "([^"]*)"`).FindAllStringSubmatch(string(b), -1) {
		out = append(out, m[1])
	}
	if len(out) < 50 {
		t.Fatalf("only %d phrases in the default pack", len(out))
	}
	return out
}

// sayPhrase writes one random instance of a phrase of the pack syntax:
// one alternative of each (a | b), one or none of each [a | b].
func sayPhrase(rng *rand.Rand, p string) string {
	var b strings.Builder
	var alt func(i int, close byte) int
	// alt writes one alternative of the group that starts at p[i] and
	// returns the index after the group's close.
	alt = func(i int, close byte) int {
		// Collect the top-level alternatives.
		var alts [][2]int
		start, depth := i, 0
		j := i
		for ; j < len(p); j++ {
			c := p[j]
			if c == '(' || c == '[' {
				depth++
			} else if (c == ')' || c == ']') && depth > 0 {
				depth--
			} else if depth == 0 && (c == '|' || c == close) {
				alts = append(alts, [2]int{start, j})
				start = j + 1
				if c == close {
					break
				}
			}
		}
		if j == len(p) {
			alts = append(alts, [2]int{start, j})
		}
		k := rng.IntN(len(alts) + 1)
		if close == ')' || close == 0 {
			k %= len(alts)
		}
		if k < len(alts) {
			q := alts[k]
			for x := q[0]; x < q[1]; x++ {
				switch c := p[x]; c {
				case '(':
					x = alt(x+1, ')') - 1
				case '[':
					x = alt(x+1, ']') - 1
				default:
					b.WriteByte(c)
				}
			}
		}
		return min(j+1, len(p))
	}
	alt(0, 0)
	return strings.Join(strings.Fields(b.String()), " ")
}

// textGen makes random transcripts of the pack's phrases and words,
// contractions, fillers, long words, words of apostrophes, non-ASCII words
// and curly quotes.
type textGen struct {
	rng     *rand.Rand
	phrases []string
	words   []string
}

func newTextGen(t testing.TB, rng *rand.Rand) *textGen {
	g := &textGen{rng: rng, phrases: packPhrases(t)}
	seen := map[string]bool{}
	for _, p := range g.phrases {
		for _, w := range strings.FieldsFunc(p, func(r rune) bool { return strings.ContainsRune(" ()[]|", r) }) {
			if !seen[w] {
				seen[w] = true
				g.words = append(g.words, w)
			}
		}
	}
	g.words = append(g.words, strings.Fields(`uh um umm hmm mhm don't dont didn't can't won't I'm im you're
		gonna wanna pls thru ya I'll ill we'll well we're were it's its let's lets I'd id a i Noémie café naïve
		42 7700 abcdefgh abcdefghi telemarketers unsubscribed Don’t don‘t “call” ’’ it’s`)...)
	return g
}

var splitSeps = []string{" ", " ", " ", " ", ", ", ". ", "? ", "! ", "; ", "\n", " - ", "-", " '", "' ", "'", "''",
	"’", "‘", "“", "”", " “", "” ", "\t", ": ", "...", "\"", "(", ") ", "/", "—", "é", "\u00a0", "日本", "😀",
	"\xe2\x80", "\xe2", "\x80", "\xff"}

// word returns one random word, phrase or oddity.
func (g *textGen) word() string {
	rng := g.rng
	letters := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[rng.IntN(62)]
		}
		return string(b)
	}
	// Lengths around the limits: 8 bytes of a short key, 32 of a
	// normalised word, 40 carried between pieces.
	near := func() int {
		return []int{1, 2, 7, 8, 9, 16, 31, 32, 33, 38, 39, 40, 41, 42, 60}[rng.IntN(15)] + rng.IntN(3) - 1
	}
	aposOf := func(n int) string {
		if rng.IntN(4) == 0 {
			return strings.Repeat("’", max(n/3, 1))
		}
		return strings.Repeat("'", max(n, 0))
	}
	var w string
	switch rng.IntN(16) {
	case 0, 1, 2:
		w = sayPhrase(rng, g.phrases[rng.IntN(len(g.phrases))])
	case 3:
		// A long word.
		w = letters(max(near(), 1))
	case 4:
		// A word and many apostrophes: "a'''''''…", "d''''…on't".
		w = g.words[rng.IntN(len(g.words))]
		i := 1 + rng.IntN(len(w))
		w = w[:i] + aposOf(near()) + w[i:]
	case 5:
		// Letters and apostrophes mixed, around the limits.
		var b strings.Builder
		b.WriteString(letters(1))
		for n := near(); b.Len() < n; {
			if rng.IntN(2) == 0 {
				b.WriteString(letters(1 + rng.IntN(4)))
			} else {
				b.WriteString(aposOf(1 + rng.IntN(6)))
			}
		}
		w = b.String()
	case 6:
		// A phrase word repeated into a long one.
		w = strings.Repeat(g.words[rng.IntN(len(g.words))], 1+rng.IntN(12))
	case 7:
		// Non-ASCII inside a word.
		w = g.words[rng.IntN(len(g.words))]
		i := rng.IntN(len(w) + 1)
		w = w[:i] + []string{"é", "’", "‘", "“", "”", "日", "😀", "\xe2\x80", "\xff"}[rng.IntN(9)] + w[i:]
	default:
		w = g.words[rng.IntN(len(g.words))]
	}
	switch rng.IntN(10) {
	case 0:
		w = strings.ToUpper(w)
	case 1:
		w = strings.ToUpper(w[:1]) + w[1:]
	case 2:
		w = aposOf(1+rng.IntN(3)) + w
	case 3:
		w += aposOf(1 + rng.IntN(45))
	}
	return w
}

// turns returns a random transcript of a few turns.
func (g *textGen) turns(maxWords int) []turn {
	rng := g.rng
	var out []turn
	sp := events.Speaker{ID: 1, Role: events.RoleCustomer}
	for nt := 1 + rng.IntN(3); len(out) < nt; {
		var b strings.Builder
		for k := 1 + rng.IntN(maxWords); k > 0; k-- {
			b.WriteString(g.word())
			if rng.IntN(3) == 0 {
				b.WriteString(splitSeps[rng.IntN(len(splitSeps))])
			} else {
				b.WriteByte(' ')
			}
		}
		text := b.String()
		if rng.IntN(3) == 0 {
			text = text[:rng.IntN(len(text)+1)] // may end inside a word or a UTF-8 sequence
		}
		out = append(out, turn{text: []byte(text), sp: sp, segment: rng.IntN(4) == 0})
		if rng.IntN(2) == 0 {
			sp = events.Speaker{ID: int32(rng.IntN(3)), Role: events.Role(rng.IntN(4))}
		}
	}
	return out
}

// TestSplitInvariance: random transcripts give the same events whole and
// in any pieces.
func TestSplitInvariance(t *testing.T) {
	m := defaultMatcher(t)
	rng := rand.New(rand.NewPCG(11, 12))
	g := newTextGen(t, rng)
	s := m.NewStream()
	n := 3000
	if testing.Short() {
		n = 300
	}
	found := 0
	for trial := 0; trial < n; trial++ {
		turns := g.turns(30)
		if trial%2 == 0 {
			turns = []turn{{text: turns[0].text, sp: events.Speaker{ID: 1}}}
		}
		checkSplits(t, s, rng, fmt.Sprintf("trial %d", trial), turns, 6)
		ev, _ := feedTurns(s, turns, nil)
		found += len(ev)
	}
	if found < n/2 {
		t.Fatalf("only %d events in %d transcripts", found, n)
	}
	t.Logf("%d events in %d transcripts", found, n)
}

// TestSplitInvarianceLimits: words of letters and apostrophes (ASCII and
// curly) of every length around the limits, in and out of phrases, split
// at every byte.
func TestSplitInvarianceLimits(t *testing.T) {
	m := defaultMatcher(t)
	rng := rand.New(rand.NewPCG(13, 14))
	s := m.NewStream()
	lengths := []int{0, 1, 2, 3, 6, 7, 8, 9, 10, 24, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 50, 80}
	var words []string
	for _, w := range []string{"a", "i", "me", "dont", "don", "ill", "call", "calls", "abcdefgh", "telemarketing", "unsubscribe"} {
		for _, n := range lengths {
			for _, apos := range []string{"'", "’", "“"} {
				a := strings.Repeat(apos, max(n/len(apos), 1))
				words = append(words, w+a, a[:len(apos)]+w+a)
				for i := 1; i < len(w); i++ {
					words = append(words, w[:i]+a+w[i:])
				}
			}
		}
	}
	for _, n := range lengths {
		l := strings.Repeat("x", n)
		words = append(words, "d"+l, l+"'t", "ab'"+l, "abcdefg'h"+l, "é"+l, l+"é")
	}
	contexts := [][2]string{{"", ""}, {"do not call ", ""}, {"don't ", " me again."}, {"take ", " off your list"},
		{"I did not say ", " do not call me"}}
	if testing.Short() {
		contexts = contexts[:2]
	}
	for _, w := range words {
		for _, c := range contexts {
			text := c[0] + w + c[1]
			checkSplits(t, s, rng, "limits", []turn{{text: []byte(text), sp: events.Speaker{ID: 7, Role: events.RoleCustomer}}}, 2)
		}
	}
}

// FuzzStreamSplit: a transcript cut at the given points gives the events
// of the unsplit one.
func FuzzStreamSplit(f *testing.F) {
	f.Add([]byte("d'''''''''''''''''''''''''''''''''''''''''''ont call me"), uint64(1))
	f.Add([]byte("Don’t call me again! take me off your list"), uint64(2))
	f.Add([]byte("i''''''''''''''''''''''''''''''''''''''''''''''''''''''' do not consent to recording"), uint64(3))
	m := defaultMatcher(f)
	s := m.NewStream()
	f.Fuzz(func(t *testing.T, text []byte, seed uint64) {
		rng := rand.New(rand.NewPCG(seed, seed>>32))
		turns := []turn{{text: text, sp: events.Speaker{ID: 1, Role: events.RoleCustomer}}}
		want, wantOff := feedTurns(s, turns, nil)
		for _, cut := range []func(int) []int{pieces(rng, 1), pieces(rng, 9), pieces(rng, 64)} {
			got, off := feedTurns(s, turns, cut)
			if !slices.Equal(got, want) || off != wantOff {
				t.Fatalf("%q: got %+v (offset %d), whole gives %+v (offset %d)", text, got, off, want, wantOff)
			}
		}
	})
}

// TestSplitInvarianceCorpus: the redaction corpora give the same events
// whole and in pieces.
func TestSplitInvarianceCorpus(t *testing.T) {
	m := defaultMatcher(t)
	rng := rand.New(rand.NewPCG(15, 16))
	s := m.NewStream()
	for _, file := range []string{"calls.jsonl", "spoken.jsonl"} {
		turns := []turn{{text: corpusText(t, file), sp: events.Speaker{ID: 3, Role: events.RoleCustomer}}}
		checkSplits(t, s, rng, file, turns, 3)
	}
}
