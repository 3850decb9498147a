package server_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	"crypto/tls"

	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"

	"google.golang.org/grpc/status"
)

func credsOption(cfg *tls.Config) grpc.ServerOption { return grpc.Creds(credentials.NewTLS(cfg)) }

func healthCheck(t *testing.T, c *client.Client) error {
	resp, err := grpc_health_v1.NewHealthClient(c.Conn()).Check(ctxT(t), &grpc_health_v1.HealthCheckRequest{})
	if err == nil && resp.Status != grpc_health_v1.HealthCheckResponse_SERVING {
		return errors.New(resp.Status.String())
	}
	return err
}

// rawCodec sends pre-encoded bytes ([]byte) as they are, so tests can send
// what a Go client would refuse to encode (invalid UTF-8 in a string).
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }
func (rawCodec) Marshal(v any) ([]byte, error) {
	if b, ok := v.([]byte); ok {
		return b, nil
	}
	return proto.Marshal(v.(proto.Message))
}
func (rawCodec) Unmarshal(data []byte, v any) error { return proto.Unmarshal(data, v.(proto.Message)) }

var _ encoding.Codec = rawCodec{}

// rawChunk encodes a StreamRedactRequest with a chunk of raw text bytes.
func rawChunk(text []byte) []byte {
	var ch []byte
	ch = protowire.AppendTag(ch, 1, protowire.BytesType)
	ch = protowire.AppendBytes(ch, text)
	ch = protowire.AppendTag(ch, 7, protowire.VarintType)
	ch = protowire.AppendVarint(ch, 9)
	var m []byte
	m = protowire.AppendTag(m, 2, protowire.BytesType)
	return protowire.AppendBytes(m, ch)
}

// rawChunkSpeaker encodes a StreamRedactRequest with a chunk of text "ok "
// and a raw speaker.
func rawChunkSpeaker(speaker []byte) []byte {
	var ch []byte
	ch = protowire.AppendTag(ch, 1, protowire.BytesType)
	ch = protowire.AppendBytes(ch, []byte("ok "))
	ch = protowire.AppendTag(ch, 4, protowire.BytesType)
	ch = protowire.AppendBytes(ch, speaker)
	var m []byte
	m = protowire.AppendTag(m, 2, protowire.BytesType)
	return protowire.AppendBytes(m, ch)
}

// rawConfigID encodes a StreamRedactRequest whose config has a raw stream id.
func rawConfigID(id []byte) []byte {
	var cfg []byte
	cfg = protowire.AppendTag(cfg, 1, protowire.BytesType)
	cfg = protowire.AppendBytes(cfg, id)
	var m []byte
	m = protowire.AppendTag(m, 1, protowire.BytesType)
	return protowire.AppendBytes(m, cfg)
}

func mustMarshal(m proto.Message) []byte {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	return b
}

func configMsg(cfg *pb.StreamConfig) []byte {
	return mustMarshal(&pb.StreamRedactRequest{Message: &pb.StreamRedactRequest_Config{Config: cfg}})
}

func chunkMsg(ch *pb.TranscriptChunk) []byte {
	return mustMarshal(&pb.StreamRedactRequest{Message: &pb.StreamRedactRequest_Chunk{Chunk: ch}})
}

// planted is transcript text that must never show up in errors or logs; it
// includes a value no detector redacts.
const planted = "the vault code is tangerine-velociraptor and my card is 4111 1111 1111 1111 "

// runRaw sends msgs (pre-encoded) on a StreamRedact stream, with a pause
// after each, and returns the final status and all response texts.
func runRaw(t *testing.T, conn *grpc.ClientConn, msgs [][]byte, pause time.Duration) (error, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	desc := &grpc.StreamDesc{StreamName: "StreamRedact", ServerStreams: true, ClientStreams: true}
	cs, err := conn.NewStream(ctx, desc, "/redactor.v1.Redactor/StreamRedact", grpc.ForceCodec(rawCodec{}))
	if err != nil {
		return err, ""
	}
	go func() {
		for _, m := range msgs {
			if err := cs.SendMsg(m); err != nil {
				return
			}
			if pause > 0 {
				time.Sleep(pause)
			}
		}
		cs.CloseSend()
	}()
	var texts strings.Builder
	for {
		r := &pb.StreamRedactResponse{}
		if err := cs.RecvMsg(r); err != nil {
			return err, texts.String()
		}
		texts.WriteString(r.Text)
		if r.Preview != nil {
			texts.WriteString(r.Preview.Text)
		}
	}
}

// TestStreamErrors feeds bad streams and checks the status code, that the
// message names the problem, and that nothing of the transcript leaks.
func TestStreamErrors(t *testing.T) {
	limits := server.Limits{
		MaxMessageBytes: 4096, MaxChunksPerSecond: 5, ChunkBurst: 3, MaxHeldBytes: 100,
		MaxStreamDuration: 300 * time.Millisecond, MaxConcurrentStreams: 2,
	}
	ts := start(t, server.Options{Limits: limits})
	c := ts.dial(t)
	conn := c.Conn()
	cfg := configMsg(&pb.StreamConfig{StreamId: "err-1"})
	text := func(s string) []byte { return chunkMsg(&pb.TranscriptChunk{Text: s}) }
	noSpace := strings.Repeat("tangerine-velociraptor", 14) // 308 bytes without a cut point
	for _, tc := range []struct {
		name  string
		msgs  [][]byte
		pause time.Duration
		code  codes.Code
		diag  string
	}{
		{"ok", [][]byte{cfg, text(planted)}, 0, codes.OK, ""},
		{"missing config", [][]byte{text(planted)}, 0, codes.InvalidArgument, "first message must be a StreamConfig"},
		{"empty stream", nil, 0, codes.InvalidArgument, "ended before its config"},
		{"config after chunks", [][]byte{cfg, text(planted), cfg}, 0, codes.InvalidArgument, "only be the first message"},
		{"empty message", [][]byte{cfg, {}}, 0, codes.InvalidArgument, "empty message"},
		{"invalid UTF-8", [][]byte{cfg, text(planted), rawChunk([]byte(planted + "\xff\xfe tangerine"))}, 0, codes.InvalidArgument, "invalid UTF-8 at byte 152"},
		{"invalid UTF-8 in the config", [][]byte{rawConfigID([]byte("call-\xff-4111"))}, 0, codes.InvalidArgument, "invalid UTF-8 (field redactor.v1.StreamConfig.stream_id)"},
		{"invalid UTF-8 in a speaker", [][]byte{cfg, text(planted), rawChunkSpeaker([]byte("tangerine\xff"))}, 0, codes.InvalidArgument, "invalid UTF-8 (field redactor.v1.TranscriptChunk.speaker)"},
		{"oversized message", [][]byte{cfg, text(planted + strings.Repeat(" x", 3000))}, 0, codes.ResourceExhausted, "larger than max"},
		{"bad word range", [][]byte{cfg, chunkMsg(&pb.TranscriptChunk{Text: planted, Words: []*pb.WordTiming{{TextStartBytes: 5, TextEndBytes: 500}}})}, 0, codes.InvalidArgument, "word 0"},
		{"words out of order", [][]byte{cfg, chunkMsg(&pb.TranscriptChunk{Text: planted, Words: []*pb.WordTiming{{TextStartBytes: 10, TextEndBytes: 14}, {TextStartBytes: 0, TextEndBytes: 3}}})}, 0, codes.InvalidArgument, "text order"},
		{"reversed times", [][]byte{cfg, chunkMsg(&pb.TranscriptChunk{Text: planted, Words: []*pb.WordTiming{{TextStartBytes: 0, TextEndBytes: 3, StartMs: 50, EndMs: 10}}})}, 0, codes.InvalidArgument, "reversed"},
		{"interim segment end", [][]byte{cfg, chunkMsg(&pb.TranscriptChunk{Text: planted, Interim: true, EndOfSegment: true})}, 0, codes.InvalidArgument, "interim chunk cannot end a segment"},
		{"bad stream id", [][]byte{configMsg(&pb.StreamConfig{StreamId: "call 4155550132"})}, 0, codes.InvalidArgument, "stream_id"},
		{"unknown entity type", [][]byte{configMsg(&pb.StreamConfig{Options: &pb.RedactionOptions{EntityTypes: []string{"NOPE"}}})}, 0, codes.InvalidArgument, `unknown entity type "NOPE"`},
		{"bad mask char", [][]byte{configMsg(&pb.StreamConfig{Options: &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_MASK, MaskChar: "ab"}}})}, 0, codes.InvalidArgument, "mask_char"},
		{"hash without key", [][]byte{configMsg(&pb.StreamConfig{Options: &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_HASH}}})}, 0, codes.FailedPrecondition, "no hash key"},
		{"unknown pack", [][]byte{configMsg(&pb.StreamConfig{Options: &pb.RedactionOptions{Pack: &pb.PackSelector{Name: "finance"}}})}, 0, codes.FailedPrecondition, "not loaded"},
		{"chunk rate", [][]byte{cfg, text("a "), text("b "), text("c "), text("d "), text(planted)}, 0, codes.ResourceExhausted, "chunk rate"},
		{"held bytes", [][]byte{cfg, text(noSpace)}, 0, codes.ResourceExhausted, "holds back"},
		{"duration", [][]byte{cfg, text(planted), text("x"), text("y")}, 150 * time.Millisecond, codes.ResourceExhausted, "maximum duration"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err, out := runRaw(t, conn, tc.msgs, tc.pause)
			if strings.Contains(out, "4111") {
				t.Fatalf("the card number was not redacted: %q", out)
			}
			st, _ := status.FromError(err)
			if tc.code == codes.OK {
				if err.Error() != "EOF" && st.Code() != codes.OK {
					t.Fatalf("got %v", err)
				}
			} else if st.Code() != tc.code || !strings.Contains(st.Message(), tc.diag) {
				t.Fatalf("got %v %q; want %v and %q", st.Code(), st.Message(), tc.code, tc.diag)
			}
			for _, leak := range []string{"tangerine", "4111", "velociraptor"} {
				if strings.Contains(st.Message(), leak) {
					t.Fatalf("%q leaks in the status %q", leak, st.Message())
				}
			}
		})
	}
	// The unary call: invalid UTF-8 and an oversized text.
	var raw []byte
	raw = protowire.AppendTag(raw, 1, protowire.BytesType)
	raw = protowire.AppendBytes(raw, []byte(planted+"\xc3"))
	err := conn.Invoke(ctxT(t), "/redactor.v1.Redactor/Redact", raw, &pb.RedactResponse{}, grpc.ForceCodec(rawCodec{}))
	if st, _ := status.FromError(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "invalid UTF-8 at byte 76") || strings.Contains(st.Message(), "tangerine") {
		t.Errorf("unary invalid UTF-8: %v", err)
	}
	// Invalid UTF-8 outside the text: the field, not the value.
	raw = protowire.AppendTag(nil, 1, protowire.BytesType)
	raw = protowire.AppendBytes(raw, []byte(planted))
	var opts []byte
	opts = protowire.AppendTag(opts, 1, protowire.BytesType)
	opts = protowire.AppendBytes(opts, []byte("PERSON\xfftangerine"))
	raw = protowire.AppendTag(raw, 2, protowire.BytesType)
	raw = protowire.AppendBytes(raw, opts)
	err = conn.Invoke(ctxT(t), "/redactor.v1.Redactor/Redact", raw, &pb.RedactResponse{}, grpc.ForceCodec(rawCodec{}))
	if st, _ := status.FromError(err); st.Code() != codes.InvalidArgument || !strings.Contains(st.Message(), "field redactor.v1.RedactionOptions.entity_types") || strings.Contains(st.Message(), "tangerine") {
		t.Errorf("unary invalid UTF-8 in an option: %v", err)
	}
	_, err = c.Redact(ctxT(t), strings.Repeat(planted, 100), nil)
	if st, _ := status.FromError(err); st.Code() != codes.ResourceExhausted || strings.Contains(st.Message(), "tangerine") {
		t.Errorf("unary oversized: %v", err)
	}
	// Concurrent streams: two may be open, the third is refused.
	var open []*client.Stream
	for i := 0; i < 2; i++ {
		s, err := c.Stream(ctxT(t), nil)
		if err != nil {
			t.Fatal(err)
		}
		open = append(open, s)
	}
	if _, err := c.Stream(ctxT(t), nil); status.Code(err) != codes.ResourceExhausted {
		t.Errorf("third stream: %v", err)
	}
	for _, s := range open {
		s.CloseSend()
		for {
			if _, err := s.Recv(); err != nil {
				break
			}
		}
	}
	// No log line carries transcript text.
	logs := ts.logs.String()
	for _, leak := range []string{"tangerine", "4111", "velociraptor", "4155550132"} {
		if strings.Contains(logs, leak) {
			t.Errorf("logs leak %q", leak)
		}
	}
	if !strings.Contains(logs, `"stream_id":"err-1"`) || !strings.Contains(logs, "stream ended") {
		t.Errorf("logs lack the stream records:\n%s", logs)
	}
}

// TestRedactedStreamID checks that a stream id built from a phone number is
// logged redacted.
func TestRedactedStreamID(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	s, err := c.Stream(ctxT(t), &pb.StreamConfig{StreamId: "call:415-555-0132"})
	if err != nil {
		t.Fatal(err)
	}
	s.CloseSend()
	for {
		if _, err := s.Recv(); err != nil {
			break
		}
	}
	time.Sleep(50 * time.Millisecond)
	logs := ts.logs.String()
	if strings.Contains(logs, "555-0132") || !strings.Contains(logs, "call:[PHONE_NUMBER]") {
		t.Errorf("logs: %s", logs)
	}
}
