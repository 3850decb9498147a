package spoken_test

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"redactor/redact"
)

// invarianceTexts are spoken texts dense in entities, fillers, corrections
// and near misses.
var invarianceTexts = []string{
	"my number is four one five, five five five, oh one three two thanks",
	"call me at eight hundred five five five one two one two ok and email me at john dot smith at gmail dot com",
	"card four one one one one one one one one one one one one one one one please, social one two three four five six seven eight nine",
	"it's s as in sam m i t h at yahoo dot com or j o h n dot smith at acme dash corp dot co dot uk",
	"iban g b eight two w e s t one two three four five six nine eight seven six five four three two ok",
	"four one five five five six, sorry, five five seven oh one three two and uh five five double five triple seven two one",
	"i have two kids and three dogs, one or two, for two weeks, twelve ninety nine, at three forty five, back in twenty nineteen",
	"golf bravo eight two whiskey echo sierra tango one two three four five six nine eight seven six five four three two",
	"5 5 5 one two three four five six seven eight nine oh and then d e eight nine three seven oh four oh oh four four oh five three two oh one three oh oh oh",
}

func checkSplits(t *testing.T, text string, splits []int) {
	t.Helper()
	e := engine(t)
	want, wantEs := redactAll(t, e, text, 0)
	s, err := e.NewStream(defaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	prev := 0
	for _, p := range append(splits, len(text)) {
		if out, err = s.Write(out, []byte(text[prev:p])); err != nil {
			t.Fatal(err)
		}
		prev = p
	}
	if out, err = s.Close(out); err != nil {
		t.Fatal(err)
	}
	if string(out) != want {
		t.Fatalf("splits %v:\n got %q\nwant %q", splits, out, want)
	}
	if got := spans(text, s.Entities()); got != spans(text, wantEs) {
		t.Fatalf("splits %v: entities\n got %s\nwant %s", splits, got, spans(text, wantEs))
	}
}

func TestChunkInvarianceOneByte(t *testing.T) {
	all := strings.Join(invarianceTexts, "\n")
	for _, text := range append(invarianceTexts, all) {
		for _, chunk := range []int{1, 2, 3, 5, 7, 13, 64} {
			var splits []int
			for p := chunk; p < len(text); p += chunk {
				splits = append(splits, p)
			}
			checkSplits(t, text, splits)
		}
	}
}

func TestChunkInvarianceEveryPair(t *testing.T) {
	for _, text := range invarianceTexts[:4] {
		for i := 1; i < len(text); i++ {
			for j := i; j < len(text); j += 1 + j%7 {
				checkSplits(t, text, []int{i, j})
			}
		}
	}
}

func TestChunkInvarianceRandomCorpus(t *testing.T) {
	recs := loadSpoken(t)
	r := rand.New(rand.NewPCG(1, 2))
	n := 120
	if testing.Short() {
		n = 20
	}
	for k := 0; k < n; k++ {
		text := recs[r.IntN(len(recs))].Text
		var splits []int
		for p := r.IntN(40); p < len(text); p += 1 + r.IntN(60) {
			splits = append(splits, p)
		}
		checkSplits(t, text, splits)
	}
}

// TestChunkInvarianceSmallWindow streams the whole spoken corpus through an
// engine with the smallest window, in random chunks, so that windows end
// everywhere inside spoken runs.
func TestChunkInvarianceSmallWindow(t *testing.T) {
	recs := loadSpoken(t)
	var b strings.Builder
	for _, r := range recs {
		b.WriteString(r.Text)
		b.WriteByte('\n')
	}
	text := b.String()
	e := smallWindowEngine(t)
	want, _ := redactAll(t, e, text, 0)
	whole, _ := redactAll(t, engine(t), text, 0)
	if want != whole {
		t.Fatal("the window size changes the output")
	}
	r := rand.New(rand.NewPCG(3, 4))
	for _, max := range []int{1, 17, 300, 5000} {
		s, err := e.NewStream(defaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		var out []byte
		for rest := []byte(text); len(rest) > 0; {
			k := min(len(rest), 1+r.IntN(max))
			if out, err = s.Write(out, rest[:k]); err != nil {
				t.Fatal(err)
			}
			rest = rest[k:]
		}
		if out, err = s.Close(out); err != nil {
			t.Fatal(err)
		}
		if string(out) != want {
			t.Fatalf("chunks up to %d bytes: output differs", max)
		}
	}
}

// runTransform drives Stream.Transform as transform.Reader does: a small
// fixed dst, src arriving in pieces of size step.
func runTransform(t *testing.T, text []byte, step, dstSize int) string {
	t.Helper()
	e := engine(t)
	s, err := e.NewStream(defaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var out, src []byte
	dst := make([]byte, dstSize)
	read, stuck := 0, 0
	for {
		if stuck++; stuck > 1000 {
			t.Fatalf("no progress: step %d dst %d, %d of %d bytes read, %d pending\n%q", step, dstSize, read, len(text), len(src), text)
		}
		if read < len(text) && len(src) < e.MaxHold() {
			k := min(step, len(text)-read)
			src = append(src, text[read:read+k]...)
			read += k
		}
		atEOF := read == len(text)
		nDst, nSrc, err := s.Transform(dst, src, atEOF)
		out = append(out, dst[:nDst]...)
		src = src[nSrc:]
		if nDst > 0 || nSrc > 0 {
			stuck = 0
		}
		switch {
		case err == nil:
			if atEOF && len(src) == 0 {
				return string(out)
			}
		case errors.Is(err, redact.ErrShortDst), errors.Is(err, redact.ErrShortSrc):
			if nDst == 0 && nSrc == 0 && atEOF && errors.Is(err, redact.ErrShortSrc) {
				t.Fatal("no progress at EOF")
			}
		default:
			t.Fatal(err)
		}
	}
}

// TestTransformSmallDst: a full dst may stop the output anywhere, also
// inside a spoken run.
func TestTransformSmallDst(t *testing.T) {
	texts := append([]string{}, invarianceTexts...)
	texts = append(texts, "one one four one five five five five oh one three two and then one one four one five five five five oh one three two")
	for _, r := range loadSpoken(t)[:40] {
		texts = append(texts, r.Text)
	}
	for _, text := range texts {
		want, _ := redactAll(t, engine(t), text, 0)
		for _, c := range [][2]int{{7, 16}, {1, 16}, {64, 17}, {13, 23}} {
			if got := runTransform(t, []byte(text), c[0], c[1]); got != want {
				t.Fatalf("step %d dst %d:\n got %q\nwant %q", c[0], c[1], got, want)
			}
		}
	}
}

// soupWords are the pieces of random spoken text: every token class of the
// view, plain words and punctuation.
var soupWords = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "oh", "o", "zero",
	"eleven", "nineteen", "twenty", "forty", "eighty", "hundred", "thousand", "double", "triple", "and",
	"a", "i", "b", "d", "e", "g", "s", "w", "golf", "bravo", "whiskey", "november", "as", "in", "sam",
	"dot", "at", "underscore", "dash", "hyphen", "slash", "plus", "uh", "um", "sorry", "of", "the",
	"march", "may", "third", "first", "twentieth", "john", "smith", "gmail", "com", "co", "uk", "www",
	"is", "my", "number", "date", "birth", "social", "card", "it's", "415", "555", "0132", "4111"}

var soupSeps = []string{" ", " ", " ", " ", ", ", ". ", "-", "\n", "  ", " , "}

// TestChunkInvarianceSoup: random sequences of the view's words, split at
// random points, through the default-window and the small-window engine.
func TestChunkInvarianceSoup(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	n := 300
	if testing.Short() {
		n = 50
	}
	for k := 0; k < n; k++ {
		var b strings.Builder
		for w := 10 + r.IntN(120); w > 0; w-- {
			b.WriteString(soupWords[r.IntN(len(soupWords))])
			b.WriteString(soupSeps[r.IntN(len(soupSeps))])
		}
		text := b.String()
		var splits []int
		for p := r.IntN(20); p < len(text); p += 1 + r.IntN(25) {
			splits = append(splits, p)
		}
		checkSplits(t, text, splits)
		if k%10 == 0 {
			var every []int
			for p := 1; p < len(text); p++ {
				every = append(every, p)
			}
			checkSplits(t, text, every)
		}
	}
}

// TestTransformSoup: random spoken soups through Transform with a 1 KiB
// dst (a run and its replacements always fit; see README: a dst smaller
// than a run without entities may cut it).
func TestTransformSoup(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for k := 0; k < 200; k++ {
		var b strings.Builder
		for w := 10 + r.IntN(120); w > 0; w-- {
			b.WriteString(soupWords[r.IntN(len(soupWords))])
			b.WriteString(soupSeps[r.IntN(len(soupSeps))])
		}
		text := b.String()
		want, _ := redactAll(t, engine(t), text, 0)
		if got := runTransform(t, []byte(text), 1+r.IntN(50), 1024); got != want {
			t.Fatalf("dst 1024:\n got %q\nwant %q", got, want)
		}
	}
}
