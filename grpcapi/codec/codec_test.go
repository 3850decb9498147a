package codec_test

import (
	"errors"
	"strings"
	"testing"

	"google.golang.org/grpc/encoding"
	_ "google.golang.org/grpc/encoding/proto"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"redactor/grpcapi/codec"
	pb "redactor/grpcapi/redactor/v1"
)

// messages covers every message kind the service sends, with lists, maps,
// oneofs, optional fields, nested messages and a text big enough for gRPC's
// pooled buffers.
func messages() []proto.Message {
	long := strings.Repeat("Caller: my card is [CREDIT_CARD], café ok. ", 200)
	ents := []*pb.Entity{
		{Type: "CREDIT_CARD", Start: 19, End: 38, RedactedStart: 19, RedactedEnd: 32, Score: 0.95, Detector: "credit_card",
			Channel: 1, Speaker: "caller", AudioSpans: []*pb.AudioSpan{{Channel: 1, StartMs: 1200, EndMs: 2400}}},
		{Type: "PERSON", Start: -1, End: 1 << 40, Score: 0.5, Detector: "person"},
	}
	pad := uint32(0)
	return []proto.Message{
		&pb.RedactRequest{},
		&pb.RedactRequest{Text: "my card is 4111 1111 1111 1111", Options: &pb.RedactionOptions{
			EntityTypes: []string{"CREDIT_CARD", "PERSON"},
			OperatorByType: map[string]*pb.Operator{
				"PERSON":      {Kind: pb.OperatorKind_OPERATOR_KIND_MASK, MaskChar: "#", MaskKeepChars: 2},
				"CREDIT_CARD": {Kind: pb.OperatorKind_OPERATOR_KIND_HASH},
			},
			Pack: &pb.PackSelector{Name: "default", Version: "1.0.0"},
		}},
		&pb.RedactResponse{Text: long, Entities: ents, Events: []*pb.Event{{Type: "HOLD", Start: 3, End: 9, Speaker: "agent"}},
			Pack: &pb.PackInfo{Name: "default", Version: "builtin", ContentHash: "ab12", LoadedTime: timestamppb.New(timestamppb.Now().AsTime())}},
		&pb.StreamRedactRequest{Message: &pb.StreamRedactRequest_Config{Config: &pb.StreamConfig{
			StreamId: "call-1", SpeakerRoles: map[string]pb.SpeakerRole{"spk_0": pb.SpeakerRole(1)},
			Mute: &pb.MuteOptions{PaddingMs: &pad},
		}}},
		&pb.StreamRedactRequest{Message: &pb.StreamRedactRequest_Chunk{Chunk: &pb.TranscriptChunk{
			Text: long, Words: []*pb.WordTiming{{TextStartBytes: 0, TextEndBytes: 6, StartMs: 10, EndMs: 300}},
			Channel: 2, Speaker: "caller", EndOfSegment: true, Sequence: 7,
		}}},
		&pb.StreamRedactResponse{Text: "my card is [CREDIT_CARD]", RedactedStart: 5, OriginalStart: 5, OriginalEnd: 40,
			Entities: ents, MuteRanges: []*pb.MuteRange{{Channel: 1, StartMs: 1, EndMs: 2, EntityIndexes: []uint32{0, 1}}},
			HeldBytes: 12, Sequence: 9, EndOfStream: true},
	}
}

func marshal(t *testing.T, c codec.Codec, m proto.Message) []byte {
	t.Helper()
	bs, err := c.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	defer bs.Free()
	return bs.Materialize()
}

// TestRoundTrip checks the codec against the standard encoding both ways.
func TestRoundTrip(t *testing.T) {
	c := codec.New()
	for _, m := range messages() {
		name := string(m.ProtoReflect().Descriptor().Name())
		got := m.ProtoReflect().New().Interface()
		if err := proto.Unmarshal(marshal(t, c, m), got); err != nil {
			t.Fatalf("%s: the standard decoder refuses the codec's encoding: %v", name, err)
		}
		if !proto.Equal(got, m) {
			t.Errorf("%s: codec encoding, standard decoding: got %v, want %v", name, got, m)
		}
		std, err := proto.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got = m.ProtoReflect().New().Interface()
		if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(std)}, got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		clear(std) // the decoded strings must not point into the data gRPC reuses
		if !proto.Equal(got, m) {
			t.Errorf("%s: standard encoding, codec decoding: got %v, want %v", name, got, m)
		}
	}
}

// TestUnmarshalResets checks that decoding into a used message replaces it,
// as proto.Unmarshal does, rather than merging into it.
func TestUnmarshalResets(t *testing.T) {
	c := codec.New()
	m := &pb.RedactResponse{Text: "old", Entities: []*pb.Entity{{Type: "PERSON"}}}
	want := &pb.RedactResponse{Text: "new"}
	if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(marshal(t, c, want))}, m); err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(m, want) {
		t.Errorf("got %v, want %v", m, want)
	}
}

// TestUTF8 checks that a decoded string that is not UTF-8 is refused,
// wherever it sits (a nested message, a map entry, a list), unless its
// field is one of the lenient ones, which keeps its bytes as they came.
func TestUTF8(t *testing.T) {
	text := (&pb.RedactRequest{}).ProtoReflect().Descriptor().Fields().ByName("text")
	strict, lenient := codec.New(), codec.New(text)
	bad := []byte("caf\xc3 4111")
	str := func(num protowire.Number, v []byte) []byte {
		return protowire.AppendBytes(protowire.AppendTag(nil, num, protowire.BytesType), v)
	}
	entry := append(str(1, bad), str(2, nil)...)                  // operator_by_type entry, bad key
	options := append(str(1, []byte("PERSON")), str(3, entry)...) // RedactionOptions
	for _, tc := range []struct {
		name       string
		msg        proto.Message
		raw        []byte
		strictErr  bool
		lenientErr bool
	}{
		{"request text", &pb.RedactRequest{}, str(1, bad), true, false},
		{"map key in options", &pb.RedactRequest{}, append(str(1, []byte("ok")), str(2, options)...), true, true},
		{"list of types", &pb.RedactRequest{}, str(2, str(1, bad)), true, true},
		{"entity in a response", &pb.RedactResponse{}, str(2, str(7, bad)), true, true},
		{"chunk text", &pb.StreamRedactRequest{}, str(2, str(1, bad)), true, true},
		{"chunk speaker", &pb.StreamRedactRequest{}, str(2, str(4, bad)), true, true},
		{"map key in a config", &pb.StreamRedactRequest{}, str(1, str(3, append(str(1, bad), 0x10, 1))), true, true},
		{"valid", &pb.RedactResponse{}, append(str(1, []byte("café")), str(2, str(1, []byte("PERSON")))...), false, false},
	} {
		for _, c := range []struct {
			codec   codec.Codec
			wantErr bool
		}{{strict, tc.strictErr}, {lenient, tc.lenientErr}} {
			m := tc.msg.ProtoReflect().New().Interface()
			err := c.codec.Unmarshal(mem.BufferSlice{mem.SliceBuffer(tc.raw)}, m)
			if (err != nil) != c.wantErr || err != nil && !errors.Is(err, codec.ErrInvalidUTF8) {
				t.Errorf("%s: got %v, want error %v", tc.name, err, c.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "4111") {
				t.Errorf("%s: the error shows the text: %v", tc.name, err)
			}
			// Deferred: decoding passes, Check gives the same verdict.
			d := c.codec.Deferred()
			m = tc.msg.ProtoReflect().New().Interface()
			if err := d.Unmarshal(mem.BufferSlice{mem.SliceBuffer(tc.raw)}, m); err != nil {
				t.Errorf("%s: deferred decoding: %v", tc.name, err)
			}
			if err := d.Check(m); (err != nil) != c.wantErr || err != nil && !errors.Is(err, codec.ErrInvalidUTF8) {
				t.Errorf("%s: Check says %v, want error %v", tc.name, err, c.wantErr)
			}
		}
	}
	m := &pb.RedactRequest{}
	if err := lenient.Unmarshal(mem.BufferSlice{mem.SliceBuffer(str(1, bad))}, m); err != nil || m.Text != string(bad) {
		t.Errorf("lenient text: got %q, %v", m.Text, err)
	}
}

// TestOtherMessages checks that a message without generated vtprotobuf
// code goes through the standard codec.
func TestOtherMessages(t *testing.T) {
	c := codec.New()
	m := &grpc_health_v1.HealthCheckResponse{Status: grpc_health_v1.HealthCheckResponse_SERVING}
	got := &grpc_health_v1.HealthCheckResponse{}
	if err := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(marshal(t, c, m))}, got); err != nil || !proto.Equal(got, m) {
		t.Errorf("got %v, %v", got, err)
	}
}

// response2K is a Redact response like the one for the 2 KB transcript of
// the gRPC benchmark: 2 KB of text, 11 entities and the pack.
func response2K() *pb.RedactResponse {
	r := &pb.RedactResponse{Text: strings.Repeat("Agent: could you confirm the [PHONE_NUMBER] please?\n", 40),
		Pack: &pb.PackInfo{Name: "default", Version: "builtin", ContentHash: strings.Repeat("ab", 32), LoadedTime: timestamppb.Now()}}
	for i := range 11 {
		r.Entities = append(r.Entities, &pb.Entity{Type: "PHONE_NUMBER", Detector: "phone_number", Score: 0.9,
			Start: int64(100 * i), End: int64(100*i + 14), RedactedStart: int64(90 * i), RedactedEnd: int64(90*i + 14)})
	}
	return r
}

// BenchmarkUnmarshal decodes response2K with the codec and with gRPC's
// standard proto codec.
func BenchmarkUnmarshal(b *testing.B) {
	raw, err := proto.Marshal(response2K())
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		codec interface {
			Unmarshal(mem.BufferSlice, any) error
		}
	}{{"codec", codec.New()}, {"standard", encoding.GetCodecV2("proto")}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.codec.Unmarshal(mem.BufferSlice{mem.SliceBuffer(raw)}, &pb.RedactResponse{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMarshal encodes response2K with the codec and with gRPC's
// standard proto codec.
func BenchmarkMarshal(b *testing.B) {
	r := response2K()
	for _, bc := range []struct {
		name  string
		codec interface {
			Marshal(any) (mem.BufferSlice, error)
		}
	}{{"codec", codec.New()}, {"standard", encoding.GetCodecV2("proto")}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(proto.Size(r)))
			b.ReportAllocs()
			for b.Loop() {
				bs, err := bc.codec.Marshal(r)
				if err != nil {
					b.Fatal(err)
				}
				bs.Free()
			}
		})
	}
}
