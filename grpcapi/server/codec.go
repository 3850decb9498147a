package server

import (
	"errors"

	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"

	pb "redactor/grpcapi/redactor/v1"
)

// codec is gRPC's proto codec, except that transcript text with invalid
// UTF-8 is let through to the engine instead of failing the decode: gRPC
// reports decode failures as INTERNAL, while bad input is INVALID_ARGUMENT,
// with the byte offset the engine finds. Only RedactRequest.text,
// TranscriptChunk.text and PseudonymRequest.value are decoded leniently;
// everything else is decoded by the standard codec.
type codec struct{ base encoding.CodecV2 }

func newCodec() codec { return codec{base: encoding.GetCodecV2("proto")} }

func (c codec) Name() string { return "proto" }

func (c codec) Marshal(v any) (mem.BufferSlice, error) { return c.base.Marshal(v) }

func (c codec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.base.Unmarshal(data, v)
	var u interface{ InvalidUTF8() bool }
	if err == nil || !errors.As(err, &u) || !u.InvalidUTF8() {
		return err
	}
	b := data.Materialize()
	switch m := v.(type) {
	case *pb.RedactRequest:
		return unmarshalLenient(b, m, 1, func(text []byte) { m.Text = string(text) })
	case *pb.StreamRedactRequest:
		return unmarshalStreamRequest(b, m)
	case *pb.PseudonymRequest:
		return unmarshalLenient(b, m, 2, func(value []byte) { m.Value = string(value) })
	}
	return err
}

// unmarshalLenient decodes b into m, taking the string field textField as
// raw bytes (set) and the other fields with the standard decoder.
func unmarshalLenient(b []byte, m proto.Message, textField protowire.Number, set func([]byte)) error {
	var rest, text []byte
	hasText := false
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		k := protowire.ConsumeFieldValue(num, typ, b[n:])
		if k < 0 {
			return protowire.ParseError(k)
		}
		if num == textField && typ == protowire.BytesType {
			v, _ := protowire.ConsumeBytes(b[n:])
			text, hasText = v, true
		} else {
			rest = append(rest, b[:n+k]...)
		}
		b = b[n+k:]
	}
	if err := proto.Unmarshal(rest, m); err != nil {
		return err
	}
	if hasText {
		set(text)
	}
	return nil
}

// unmarshalStreamRequest decodes a StreamRedactRequest whose chunk text may
// be invalid UTF-8.
func unmarshalStreamRequest(b []byte, m *pb.StreamRedactRequest) error {
	m.Reset()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		k := protowire.ConsumeFieldValue(num, typ, b[n:])
		if k < 0 {
			return protowire.ParseError(k)
		}
		if typ == protowire.BytesType {
			v, _ := protowire.ConsumeBytes(b[n:])
			switch num {
			case 1:
				cfg := &pb.StreamConfig{}
				if err := proto.Unmarshal(v, cfg); err != nil {
					return err
				}
				m.Message = &pb.StreamRedactRequest_Config{Config: cfg}
			case 2:
				ch := &pb.TranscriptChunk{}
				if err := unmarshalLenient(v, ch, 1, func(text []byte) { ch.Text = string(text) }); err != nil {
					return err
				}
				m.Message = &pb.StreamRedactRequest_Chunk{Chunk: ch}
			}
		}
		b = b[n+k:]
	}
	return nil
}
