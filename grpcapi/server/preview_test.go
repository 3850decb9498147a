package server_test

import (
	"strings"
	"testing"
	"unicode"

	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
	"redactor/redact"
)

// wantPreview is the preview the library implies: what a stream fed final
// and interim writes beyond what it wrote for final alone, then the rest
// (which could still change) masked.
func wantPreview(t *testing.T, final, interim string) string {
	t.Helper()
	local(t, "", redact.Config{}) // compiles engine
	a, _ := engine.NewStream(redact.Config{})
	committed, err := a.Write(nil, []byte(final))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := engine.NewStream(redact.Config{})
	all, err := b.Write(nil, []byte(final+interim))
	if err != nil {
		t.Fatal(err)
	}
	stable, _ := b.Offsets()
	var tail strings.Builder
	for _, r := range (final + interim)[stable:] {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = '*'
		}
		tail.WriteRune(r)
	}
	return string(all[len(committed):]) + tail.String()
}

func TestInterimPreview(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	for _, tc := range []struct {
		name           string
		final, interim string
		rest           string   // the final text that replaces the interim
		contains       string   // the preview must contain this
		hidden         []string // must not show in the preview
	}{
		{"completes a held card", "my card is 4111 1111", " 1111 1111 thanks for your help with the refund today", " 1111 1111 thanks for your help.",
			"[CREDIT_CARD]", []string{"4111", "1111"}},
		{"card held with its tail", "my card is 4111 1111", " 1111 1111 thanks", " 1111 1111 thanks.",
			"", []string{"4111", "1111"}},
		{"partial number masked", "call me at ", "415 55", "415 555 0132 please",
			"", []string{"415", "55"}},
		{"complete email", "write to ", "ops-desk@example.com and then we will see what happens next", "ops-desk@example.com and then bye",
			"[EMAIL_ADDRESS]", []string{"desk", "example"}},
		{"nothing held", "hello there ", "how are you", "how are you today",
			"", nil},
		{"non-ASCII tail", "merci ", "José", "José!",
			"", []string{"José"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := c.Stream(ctxT(t), nil)
			if err != nil {
				t.Fatal(err)
			}
			var out strings.Builder
			send := func(ch *pb.TranscriptChunk) *pb.StreamRedactResponse {
				t.Helper()
				if err := s.Send(ch); err != nil {
					t.Fatal(err)
				}
				r, err := s.Recv()
				if err != nil {
					t.Fatal(err)
				}
				out.WriteString(r.Text)
				return r
			}
			r := send(&pb.TranscriptChunk{Text: tc.final})
			committed := r.RedactedStart + int64(len(r.Text))
			p := send(&pb.TranscriptChunk{Text: tc.interim, Interim: true, Sequence: 7})
			if p.Text != "" || p.Preview == nil || p.Sequence != 7 {
				t.Fatalf("interim answer %v", p)
			}
			if p.Preview.RedactedStart != committed {
				t.Errorf("preview starts at %d, want %d", p.Preview.RedactedStart, committed)
			}
			if want := wantPreview(t, tc.final, tc.interim); p.Preview.Text != want {
				t.Errorf("preview %q, want %q", p.Preview.Text, want)
			}
			if !strings.Contains(p.Preview.Text, tc.contains) {
				t.Errorf("preview %q lacks %q", p.Preview.Text, tc.contains)
			}
			for _, h := range tc.hidden {
				if strings.Contains(p.Preview.Text, h) {
					t.Errorf("preview %q shows %q", p.Preview.Text, h)
				}
			}
			if int(p.Preview.MaskedFrom) > len(p.Preview.Text) || strings.ContainsAny(p.Preview.Text[p.Preview.MaskedFrom:], "0123456789abcdefghijklmnopqrstuvwxyz") {
				t.Errorf("masked tail %q (from %d) is not masked", p.Preview.Text, p.Preview.MaskedFrom)
			}
			for _, e := range p.Preview.Entities {
				if got := p.Preview.Text[e.RedactedStart-committed : e.RedactedEnd-committed]; got != "["+e.Type+"]" {
					t.Errorf("preview entity %s at %q", e.Type, got)
				}
			}
			send(&pb.TranscriptChunk{Text: tc.rest})
			s.CloseSend()
			for {
				r, err := s.Recv()
				if err != nil {
					break
				}
				out.WriteString(r.Text)
			}
			// The interim chunk did not advance the stream.
			want, _ := local(t, tc.final+tc.rest, redact.Config{})
			if out.String() != want {
				t.Errorf("final output %q, want %q", out.String(), want)
			}
		})
	}
}

// TestPreviewNeverShowsEntities sends every prefix end of a transcript as
// an interim hypothesis and checks that no preview shows (part of) a value
// the final redacts.
func TestPreviewNeverShowsEntities(t *testing.T) {
	ts := start(t, server.Options{Limits: server.Limits{MaxChunksPerSecond: -1}})
	c := ts.dial(t)
	text := corpus(t, 3)
	_, ents := local(t, text, redact.Config{})
	if len(ents) < 3 {
		t.Fatalf("only %d entities in the sample", len(ents))
	}
	s, err := c.Stream(ctxT(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	step := 37
	if testing.Short() {
		step = 101
	}
	final := 0
	checked := 0
	for p := step; p < len(text); p += step {
		for !isRuneStart(text[p%len(text)]) {
			p++
		}
		// Commit up to about 120 bytes before p, preview the rest.
		if q := p - 120; q > final {
			for !isRuneStart(text[q]) {
				q--
			}
			if err := s.SendText(text[final:q]); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Recv(); err != nil {
				t.Fatal(err)
			}
			final = q
		}
		if err := s.Send(&pb.TranscriptChunk{Text: text[final:p], Interim: true}); err != nil {
			t.Fatal(err)
		}
		r, err := s.Recv()
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if e.Start >= int64(p) || e.End <= int64(final) {
				continue
			}
			v := text[e.Start:min(e.End, int64(p))]
			if len(v) >= 4 && strings.Contains(r.Preview.Text, v) {
				t.Fatalf("preview at %d shows %q of a %s", p, v, e.Type)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no entity fell in a preview")
	}
}
