package events_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"redactor/events"
)

// streamer is what the differential tests drive: the stream and the
// reference, the same stream reading every word byte by byte
// (NewByteStream, without the fast path).
type streamer interface {
	Write([]byte, events.Speaker)
	EndSegment()
	Close()
	Events() []events.Event
	Offset() int64
}

// op is one call of a script: a Write of text[from:to] by a speaker, or an
// EndSegment.
type op struct {
	from, to int
	sp       events.Speaker
	segment  bool
}

// script cuts text into random pieces of 1..maxChunk bytes, with random
// speaker changes and segment ends.
func script(rng *rand.Rand, n, maxChunk int) []op {
	var ops []op
	sp := events.Speaker{}
	for i := 0; i < n; {
		j := min(n, i+1+rng.IntN(maxChunk))
		switch rng.IntN(10) {
		case 0:
			sp = events.Speaker{ID: int32(rng.IntN(3)), Role: events.Role(rng.IntN(4))}
		case 1:
			ops = append(ops, op{segment: true})
		}
		ops = append(ops, op{from: i, to: j, sp: sp})
		i = j
	}
	return ops
}

func play(s streamer, text []byte, ops []op) []events.Event {
	var got []events.Event
	for _, o := range ops {
		if o.segment {
			s.EndSegment()
		} else {
			s.Write(text[o.from:o.to], o.sp)
		}
		if len(s.Events()) > len(got) {
			got = append(got, s.Events()[len(got):]...)
		}
	}
	s.Close()
	got = append(got, s.Events()[len(got):]...)
	return slices.Clone(got)
}

// differ compares the stream with the reference on one text and script.
func differ(t *testing.T, s, ref streamer, name string, text []byte, ops []op) {
	t.Helper()
	got, want := play(s, text, ops), play(ref, text, ops)
	if !slices.Equal(got, want) || s.Offset() != ref.Offset() {
		t.Fatalf("%s: %d bytes in %d ops: got %+v, want %+v\ntext %q", name, len(text), len(ops), got, want, text)
	}
}

func TestDifferentialCorpus(t *testing.T) {
	m := defaultMatcher(t)
	rng := rand.New(rand.NewPCG(7, 8))
	total := 0
	for _, file := range []string{"calls.jsonl", "spoken.jsonl"} {
		text := corpusText(t, file)
		// Whole, per transcript line and per call, and in random pieces.
		s, ref := m.NewStream(), events.NewByteStream(m)
		whole := []op{{from: 0, to: len(text)}}
		differ(t, s, ref, file+" whole", text, whole)
		total += len(ref.Events())
		trials := 12
		if testing.Short() {
			trials = 2
		}
		for trial := 0; trial < trials; trial++ {
			s, ref := m.NewStream(), events.NewByteStream(m)
			differ(t, s, ref, fmt.Sprintf("%s trial %d", file, trial), text, script(rng, len(text), 1+rng.IntN(300)))
		}
		for _, line := range strings.SplitAfter(string(text), "\n") {
			s.Reset()
			ref.Reset()
			differ(t, s, ref, file+" line", []byte(line), []op{{from: 0, to: len(line)}})
		}
	}
	if total < 10 {
		t.Fatalf("only %d events in the corpora", total)
	}
}

// TestDifferentialRandom compares the stream with the reference on random
// texts of phrase words, negations, fillers, contractions, apostrophes,
// punctuation and plain words, whole and in random pieces.
func TestDifferentialRandom(t *testing.T) {
	m := defaultMatcher(t)
	var vocab []string
	// Words of the default pack's phrases (as written in the YAML), and
	// their neighbours.
	for _, w := range strings.Fields(`do not dont don't Don’t DON'T ever call phone ring contact dial me us here this
		number my cell mobile house home our work landline again bother calling phoning contacting you dare could
		can would will never stop quit callin ringing dialing dialling robocalling bothering harassing texting
		and or if stopped the these your all with calls cease desist want make to no more take off of list lists
		calling marketing telemarketing sales mailing get out make sure ensure nobody one contacts phones be
		taken remove removed from delete erase details system database records dialer future lose block
		autodialer exclude campaigns campaign put add place on internal company own flag mark set as account
		note a any anymore receive longer wish called contacted phoned hear opt sign unsubscribe until till
		before after tomorrow today tonight later in next during between yet right now at weekends week i we
		why when how did who told asked tell ask him her them husband wife son daughter sir madam maam mister
		mr mrs miss ms mom dad honey dear names by sweetie buddy pal it customers people card once back their
		hold speaker speakerphone mute autopay auto pay waiting wait schedule joint loan lease policy plan email
		emails rota shared emergency app file form rewards loyalty paperless newsletter program membership
		insurance registry added say mean said asked not asking saying telling was am need conversation line
		is may might being monitored recorded taped are recording taping record monitor for quality training
		assurance compliance security purposes enabled active progress object consent agree withdraw revoke
		tape turn switch pause end disable recorder please mind fine okay ok agreed consented payment`) {
		vocab = append(vocab, w)
	}
	extra := strings.Fields(`uh um umm uhm er hmm mhm didn't didnt can't cannot won't isn't wasn't I'm im I've
		you're youre that's thats gonna wanna gotta lemme pls plz thru ya I'll ill we'll well we're were it's its
		let's lets he's she's I'd id Noémie café naïve 42 7700 x2 abcdefgh abcdefghi ABCDEFGHIJKL
		information appointment unsubscribed telemarketers robocalls Recorded CALLING Stop`)
	vocab = append(vocab, extra...)
	// Whole phrases, exceptions and negations, to have events to compare.
	snippets := []string{"do not call me", "don't call me again", "dont ever phone my cell", "stop calling me",
		"quit phoning us", "stop calling", "take me off your list", "take my number off of the call list",
		"remove me from your list", "put me on your do not call list", "do not call list", "i don't want any more calls",
		"no more phone calls", "opt me out", "unsubscribe me", "do not call me back until", "stop calling me sir",
		"why don't you", "if you don't", "i didn't say", "not asking", "never said", "no need to",
		"this call is being recorded", "calls may be recorded", "recorded for quality purposes",
		"we are recording this call", "is this call recorded", "is not", "no longer", "don't record me",
		"stop the recording", "i do not consent to recording", "do not mind", "is fine", "no recording please",
		"I object to being recorded", "can you turn off the recording", "do not, uh, call me", "Don’t call me",
		"DON'T CALL US", "take me off hold", "do not record the payment"}
	seps := []string{" ", " ", " ", " ", " ", ", ", ". ", "? ", "! ", "; ", "\n", " - ", "-", " '", "' ", "'",
		"’", "‘", "“", "”", " “", "” ", "\t", "  ", ": ", "...", "\"", "(", ") ", "/", "—", "é", "\u00a0"}
	rng := rand.New(rand.NewPCG(3, 4))
	s, ref := m.NewStream(), events.NewByteStream(m)
	n := 50000
	if testing.Short() {
		n = 5000
	}
	var b strings.Builder
	found := 0
	for trial := 0; trial < n; trial++ {
		b.Reset()
		words := 1 + rng.IntN(40)
		for k := 0; k < words; k++ {
			w := vocab[rng.IntN(len(vocab))]
			if rng.IntN(4) == 0 {
				w = snippets[rng.IntN(len(snippets))]
			}
			switch rng.IntN(12) {
			case 0:
				w = strings.ToUpper(w)
			case 1:
				w = strings.ToUpper(w[:1]) + w[1:]
			case 2:
				w = "'" + w
			case 3:
				w += "'"
			case 4:
				// a long or odd word
				w = strings.Repeat(w, 1+rng.IntN(12))
			case 5:
				i := rng.IntN(len(w) + 1)
				w = w[:i] + strings.Repeat("'", 1+rng.IntN(40)) + w[i:]
			}
			b.WriteString(w)
			if rng.IntN(3) == 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			} else {
				b.WriteByte(' ')
			}
		}
		text := []byte(b.String())
		if rng.IntN(4) == 0 {
			text = text[:rng.IntN(len(text)+1)] // may end inside a word or a UTF-8 sequence
		}
		var ops []op
		switch trial % 3 {
		case 0:
			ops = []op{{from: 0, to: len(text)}}
		case 1:
			ops = script(rng, len(text), 1+rng.IntN(12))
		default:
			ops = script(rng, len(text), 1+rng.IntN(300))
		}
		s.Reset()
		ref.Reset()
		differ(t, s, ref, fmt.Sprintf("random %d", trial), text, ops)
		found += len(ref.Events())
	}
	if found < n/10 {
		t.Fatalf("only %d events in %d random texts", found, n)
	}
	t.Logf("%d events in %d random texts", found, n)
}
