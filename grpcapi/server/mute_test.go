package server_test

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
)

// tw is a word of a test chunk: its text (found in order in the chunk) and
// its times.
type tw struct {
	w          string
	start, end int64
}

type testChunk struct {
	text    string
	channel uint32
	words   []tw
	segEnd  bool
}

func (c testChunk) proto(t *testing.T) *pb.TranscriptChunk {
	ch := &pb.TranscriptChunk{Text: c.text, Channel: c.channel, EndOfSegment: c.segEnd, Speaker: fmt.Sprint("spk", c.channel)}
	from := 0
	for _, w := range c.words {
		i := strings.Index(c.text[from:], w.w)
		if i < 0 {
			t.Fatalf("word %q not in %q", w.w, c.text[from:])
		}
		i += from
		ch.Words = append(ch.Words, &pb.WordTiming{TextStartBytes: uint32(i), TextEndBytes: uint32(i + len(w.w)), StartMs: w.start, EndMs: w.end})
		from = i + len(w.w)
	}
	return ch
}

// mr is an expected mute range.
type mr struct {
	ch         uint32
	start, end int64
	ents       []uint32 // indexes into all entities of the stream
}

func TestMuteRanges(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	phone := []tw{{"my", 0, 200}, {"number", 200, 500}, {"is", 500, 600}, {"415", 1000, 1400}, {"555", 1500, 1900}, {"0132", 2000, 2600}, {"thanks", 3000, 3400}}
	for _, tc := range []struct {
		name   string
		mute   *pb.MuteOptions
		chunks []testChunk
		spans  [][]*pb.AudioSpan // per entity
		want   []mr
	}{
		{"one entity padded", nil,
			[]testChunk{{text: "my number is 415 555 0132 thanks", words: phone}},
			[][]*pb.AudioSpan{{{Channel: 0, StartMs: 1000, EndMs: 2600}}},
			[]mr{{0, 900, 2700, []uint32{0}}}},
		{"custom padding", &pb.MuteOptions{PaddingMs: ptr(uint32(0)), MergeGapMs: ptr(uint32(0))},
			[]testChunk{{text: "my number is 415 555 0132 thanks", words: phone}},
			[][]*pb.AudioSpan{{{Channel: 0, StartMs: 1000, EndMs: 2600}}},
			[]mr{{0, 1000, 2600, []uint32{0}}}},
		{"padding not below zero", nil,
			[]testChunk{{text: "jane@example.com is my mail", words: []tw{{"jane@example.com", 30, 900}, {"is", 900, 1000}}}},
			[][]*pb.AudioSpan{{{Channel: 0, StartMs: 30, EndMs: 900}}},
			[]mr{{0, 0, 1000, []uint32{0}}}},
		{"entity across chunks", nil,
			[]testChunk{
				{text: "card 4111 1111 ", channel: 1, words: []tw{{"card", 0, 300}, {"4111", 400, 800}, {"1111", 900, 1200}}},
				{text: "1111 1111 ok", channel: 1, words: []tw{{"1111", 1300, 1600}, {"1111", 1700, 2000}, {"ok", 2500, 2600}}},
			},
			[][]*pb.AudioSpan{{{Channel: 1, StartMs: 400, EndMs: 2000}}},
			[]mr{{1, 300, 2100, []uint32{0}}}},
		{"two close entities merged", nil,
			[]testChunk{{text: "call 415-555-0132 or 415-555-0199 now", segEnd: true, words: []tw{{"call", 0, 100}, {"415-555-0132", 200, 1200}, {"or", 1250, 1350}, {"415-555-0199", 1400, 2400}, {"now", 2500, 2600}}}},
			[][]*pb.AudioSpan{{{StartMs: 200, EndMs: 1200}}, {{StartMs: 1400, EndMs: 2400}}},
			[]mr{{0, 100, 2500, []uint32{0, 1}}}},
		{"close entities in two responses stay contiguous", nil,
			[]testChunk{
				{text: "call 415-555-0132 ", segEnd: true, words: []tw{{"call", 0, 100}, {"415-555-0132", 200, 1200}}},
				{text: "or 415-555-0199 now", segEnd: true, words: []tw{{"or", 1250, 1350}, {"415-555-0199", 1400, 2400}, {"now", 2500, 2600}}},
			},
			[][]*pb.AudioSpan{{{StartMs: 200, EndMs: 1200}}, {{StartMs: 1400, EndMs: 2400}}},
			[]mr{{0, 100, 1300, []uint32{0}}, {0, 1300, 2500, []uint32{1}}}},
		{"two far entities", &pb.MuteOptions{MergeGapMs: ptr(uint32(50))},
			[]testChunk{{text: "call 415-555-0132 or 415-555-0199 now", words: []tw{{"call", 0, 100}, {"415-555-0132", 200, 1200}, {"or", 1250, 1350}, {"415-555-0199", 5400, 6400}, {"now", 6500, 6600}}}},
			[][]*pb.AudioSpan{{{StartMs: 200, EndMs: 1200}}, {{StartMs: 5400, EndMs: 6400}}},
			[]mr{{0, 100, 1300, []uint32{0}}, {0, 5300, 6500, []uint32{1}}}},
		{"entity between timed words", nil,
			[]testChunk{{text: "number 415-555-0132 thanks", words: []tw{{"number", 0, 400}, {"thanks", 2000, 2300}}}},
			[][]*pb.AudioSpan{{{StartMs: 400, EndMs: 2000}}},
			[]mr{{0, 300, 2100, []uint32{0}}}},
		{"no word timings", nil,
			[]testChunk{{text: "number 415-555-0132 thanks"}},
			[][]*pb.AudioSpan{nil},
			nil},
		{"clipped across responses", nil,
			[]testChunk{
				{text: "a 415-555-0132", segEnd: true, words: []tw{{"a", 0, 100}, {"415-555-0132", 200, 1000}}},
				{text: " b jane@example.com", segEnd: true, words: []tw{{"b", 1000, 1050}, {"jane@example.com", 1100, 2000}}},
			},
			[][]*pb.AudioSpan{{{StartMs: 200, EndMs: 1000}}, {{StartMs: 1100, EndMs: 2000}}},
			[]mr{{0, 100, 1100, []uint32{0}}, {0, 1100, 2100, []uint32{1}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := c.Stream(ctxT(t), &pb.StreamConfig{Mute: tc.mute, SpeakerRoles: map[string]pb.SpeakerRole{"spk1": pb.SpeakerRole_SPEAKER_ROLE_CUSTOMER}})
			if err != nil {
				t.Fatal(err)
			}
			for _, ch := range tc.chunks {
				if err := s.Send(ch.proto(t)); err != nil {
					t.Fatal(err)
				}
			}
			s.CloseSend()
			var ents []*pb.Entity
			var got []mr
			for {
				r, err := s.Recv()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, m := range r.MuteRanges {
					idx := slices.Clone(m.EntityIndexes)
					for i := range idx {
						idx[i] += uint32(len(ents))
					}
					got = append(got, mr{m.Channel, m.StartMs, m.EndMs, idx})
				}
				ents = append(ents, r.Entities...)
			}
			if len(ents) != len(tc.spans) {
				t.Fatalf("%d entities, want %d", len(ents), len(tc.spans))
			}
			for i, e := range ents {
				if len(e.AudioSpans) != len(tc.spans[i]) {
					t.Fatalf("entity %d: spans %v, want %v", i, e.AudioSpans, tc.spans[i])
				}
				for k, sp := range tc.spans[i] {
					g := e.AudioSpans[k]
					if g.StartMs != sp.StartMs || g.EndMs != sp.EndMs || g.Channel != e.Channel {
						t.Fatalf("entity %d: span %v, want %v", i, g, sp)
					}
				}
				if e.Channel == 1 && (e.Role != pb.SpeakerRole_SPEAKER_ROLE_CUSTOMER || e.Speaker != "spk1") {
					t.Errorf("entity %d: speaker %q role %v", i, e.Speaker, e.Role)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("mute ranges %v, want %v", got, tc.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
