package codec_test

import (
	"errors"
	"testing"

	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"redactor/grpcapi/codec"
	pb "redactor/grpcapi/redactor/v1"
)

// FuzzUnmarshal checks the codec's decoder, which reads what any client
// sends, against the standard one on arbitrary bytes: both accept, with
// equal messages, or both refuse. Two differences are allowed and pinned:
// the codec refuses a known field sent in another wire type than its own
// (ErrWireType), which the standard decoder keeps as an unknown field or
// drops; and the two keep an unknown field's tag in different bytes when it
// was not written in the fewest (normalizeUnknown). A Deferred codec's
// decoding followed by Check agrees with the codec's own, except on a
// string field sent twice whose first value is not UTF-8: Check sees only
// the value that replaced it, and must leave no string that is not UTF-8.
// Seeds: the encodings of messages(), and the inputs that found each
// difference (testdata/fuzz).
//
//	go test ./grpcapi/codec -run XXX -fuzz FuzzUnmarshal
func FuzzUnmarshal(f *testing.F) {
	for _, m := range messages() {
		b, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	c := codec.New()
	d := c.Deferred()
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range []proto.Message{&pb.RedactRequest{}, &pb.RedactResponse{}, &pb.StreamRedactRequest{}, &pb.StreamRedactResponse{}} {
			want := m.ProtoReflect().New().Interface()
			wantErr := proto.Unmarshal(b, want)
			got := m.ProtoReflect().New().Interface()
			gotErr := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(append([]byte(nil), b...))}, got)
			deferred := m.ProtoReflect().New().Interface()
			dErr := d.Unmarshal(mem.BufferSlice{mem.SliceBuffer(append([]byte(nil), b...))}, deferred)
			if dErr == nil {
				dErr = d.Check(deferred)
			}
			switch {
			case dErr == nil && errors.Is(gotErr, codec.ErrInvalidUTF8):
				// A string sent twice, the first time not UTF-8: the codec
				// refuses it on the wire, Check sees only the value that
				// replaced it. No string that is not UTF-8 may be left.
				if _, err := proto.Marshal(deferred); err != nil {
					t.Fatalf("%T: Check let through a message the standard encoder refuses: %v", m, err)
				}
			case (dErr == nil) != (gotErr == nil) || gotErr == nil && !proto.Equal(deferred, got):
				t.Fatalf("%T: deferred decoding and Check say %v, the codec %v", m, dErr, gotErr)
			}
			if foreignWireType(b, m.ProtoReflect().Descriptor()) {
				if !errors.Is(gotErr, codec.ErrWireType) && !errors.Is(gotErr, codec.ErrInvalidUTF8) && wantErr == nil {
					t.Fatalf("%T: a field in a foreign wire type: the codec says %v", m, gotErr)
				}
				return
			}
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%T: codec says %v, standard decoder %v", m, gotErr, wantErr)
			}
			if gotErr == nil {
				normalizeUnknown(got.ProtoReflect())
				normalizeUnknown(want.ProtoReflect())
			}
			if gotErr == nil && !proto.Equal(got, want) {
				t.Fatalf("%T: codec decodes %v, standard decoder %v", m, got, want)
			}
		}
	})
}

// foreignWireType reports whether the encoded message b of type md, or a
// message in it (map entries included), has a known field in a wire type
// that is not its own: what the codec refuses and the standard decoder
// keeps as an unknown field, or drops in a map entry.
func foreignWireType(b []byte, md protoreflect.MessageDescriptor) bool {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return false
		}
		k := protowire.ConsumeFieldValue(num, typ, b[n:])
		if k < 0 {
			return false
		}
		v := b[n : n+k]
		b = b[n+k:]
		fd := md.Fields().ByNumber(num)
		if fd == nil {
			continue
		}
		var own protowire.Type
		switch fd.Kind() {
		case protoreflect.StringKind, protoreflect.BytesKind, protoreflect.MessageKind:
			own = protowire.BytesType
		case protoreflect.FloatKind, protoreflect.Fixed32Kind, protoreflect.Sfixed32Kind:
			own = protowire.Fixed32Type
		case protoreflect.DoubleKind, protoreflect.Fixed64Kind, protoreflect.Sfixed64Kind:
			own = protowire.Fixed64Type
		default:
			own = protowire.VarintType
		}
		switch {
		case typ == own:
			if fd.Kind() == protoreflect.MessageKind {
				if inner, m := protowire.ConsumeBytes(v); m >= 0 && foreignWireType(inner, fd.Message()) {
					return true
				}
			}
		case typ == protowire.BytesType && fd.IsList(): // packed
		default:
			return true
		}
	}
	return false
}

// normalizeUnknown rewrites the unknown fields of m, and of the messages in
// it, with each tag in the fewest bytes: the standard decoder keeps a tag
// so, the generated one keeps the bytes that came.
func normalizeUnknown(m protoreflect.Message) {
	var out []byte
	for b := m.GetUnknown(); len(b) > 0; {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return
		}
		k := protowire.ConsumeFieldValue(num, typ, b[n:])
		if k < 0 {
			return
		}
		out = protowire.AppendTag(out, num, typ)
		out = append(out, b[n:n+k]...)
		b = b[n+k:]
	}
	if len(out) > 0 {
		m.SetUnknown(out)
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			if fd.MapValue().Message() != nil {
				v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
					normalizeUnknown(mv.Message())
					return true
				})
			}
		case fd.IsList():
			if fd.Message() != nil {
				for i := 0; i < v.List().Len(); i++ {
					normalizeUnknown(v.List().Get(i).Message())
				}
			}
		case fd.Message() != nil:
			normalizeUnknown(v.Message())
		}
		return true
	})
}
