package codec_test

import (
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
// equal messages, or both refuse, except that the codec refuses a known
// field sent with another wire type than its own, which the standard
// decoder keeps as an unknown field. Seeds: the encodings of messages().
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
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range []proto.Message{&pb.RedactRequest{}, &pb.RedactResponse{}, &pb.StreamRedactRequest{}, &pb.StreamRedactResponse{}} {
			want := m.ProtoReflect().New().Interface()
			wantErr := proto.Unmarshal(b, want)
			got := m.ProtoReflect().New().Interface()
			gotErr := c.Unmarshal(mem.BufferSlice{mem.SliceBuffer(append([]byte(nil), b...))}, got)
			if gotErr != nil && wantErr == nil && misTyped(want.ProtoReflect()) {
				return
			}
			if (gotErr == nil) != (wantErr == nil) {
				t.Fatalf("%T: codec says %v, standard decoder %v", m, gotErr, wantErr)
			}
			if gotErr == nil && !proto.Equal(got, want) {
				t.Fatalf("%T: codec decodes %v, standard decoder %v", m, got, want)
			}
		}
	})
}

// misTyped reports whether m or a message in it kept, among its unknown
// fields, a field of a number its type knows: one that came with another
// wire type.
func misTyped(m protoreflect.Message) bool {
	fields := m.Descriptor().Fields()
	for b := m.GetUnknown(); len(b) > 0; {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return false
		}
		if fields.ByNumber(num) != nil {
			return true
		}
		k := protowire.ConsumeFieldValue(num, typ, b[n:])
		if k < 0 {
			return false
		}
		b = b[n+k:]
	}
	found := false
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
			if fd.MapValue().Message() != nil {
				v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
					found = found || misTyped(mv.Message())
					return !found
				})
			}
		case fd.IsList():
			if fd.Message() != nil {
				for i := 0; i < v.List().Len() && !found; i++ {
					found = misTyped(v.List().Get(i).Message())
				}
			}
		case fd.Message() != nil:
			found = misTyped(v.Message())
		}
		return !found
	})
	return found
}
