// Package codec is the gRPC codec of the redactor's server and client:
// protobuf, encoded and decoded by the vtprotobuf code generated beside the
// API (no reflection), into gRPC's pooled buffers. Decoding checks that
// every string is UTF-8, as the standard codec does, except the fields the
// codec is told to take as they come (the transcript text, which the engine
// checks itself and reports with the byte offset). Messages without the
// generated code go through gRPC's standard proto codec.
package codec

import (
	"errors"
	"fmt"
	"sync"
	"unicode/utf8"

	"google.golang.org/grpc/encoding"
	_ "google.golang.org/grpc/encoding/proto" // the standard codec, for messages without generated code
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// vtMessage is a message with generated vtprotobuf methods.
type vtMessage interface {
	proto.Message
	SizeVT() int
	MarshalToSizedBufferVT([]byte) (int, error)
	UnmarshalVTUnsafe([]byte) error
}

// Codec is a gRPC CodecV2 named "proto", so either side may use it with a
// peer that uses the standard codec.
type Codec struct {
	base     encoding.CodecV2
	lenient  map[protoreflect.FullName]bool // string fields not checked for UTF-8
	deferred bool                           // decoding checks no string: Check does
	types    *sync.Map                      // protoreflect.MessageDescriptor to *msgType
}

// New returns a codec that checks every string field it decodes for UTF-8
// except the lenient ones, which the caller checks itself.
func New(lenient ...protoreflect.FieldDescriptor) Codec {
	c := Codec{base: encoding.GetCodecV2("proto"), lenient: map[protoreflect.FullName]bool{},
		types: new(sync.Map)}
	for _, fd := range lenient {
		c.lenient[fd.FullName()] = true
	}
	return c
}

// Deferred returns a codec like c whose decoding checks no string (the
// wire format still): the caller checks the decoded message with Check.
// A server does, to answer bad input with its own status code, where gRPC
// reports every decoding failure as INTERNAL.
func (c Codec) Deferred() Codec {
	c.deferred, c.types = true, new(sync.Map)
	return c
}

// Name implements encoding.CodecV2.
func (Codec) Name() string { return "proto" }

// Marshal implements encoding.CodecV2. Strings are not checked: what the
// server sends comes from checked text, and a client's text is checked by
// the server, which says where it is wrong.
func (c Codec) Marshal(v any) (mem.BufferSlice, error) {
	m, ok := v.(vtMessage)
	if !ok {
		return c.base.Marshal(v)
	}
	size := m.SizeVT()
	if mem.IsBelowBufferPoolingThreshold(size) {
		buf := make([]byte, size)
		if _, err := m.MarshalToSizedBufferVT(buf); err != nil {
			return nil, err
		}
		return mem.BufferSlice{mem.SliceBuffer(buf)}, nil
	}
	pool := mem.DefaultBufferPool()
	buf := pool.Get(size)
	if _, err := m.MarshalToSizedBufferVT(*buf); err != nil {
		pool.Put(buf)
		return nil, err
	}
	return mem.BufferSlice{mem.NewBuffer(buf, pool)}, nil
}

// Unmarshal implements encoding.CodecV2.
func (c Codec) Unmarshal(data mem.BufferSlice, v any) error {
	m, ok := v.(vtMessage)
	if !ok {
		return c.base.Unmarshal(data, v)
	}
	// The message's strings and bytes point into b, a copy of the data
	// that nothing else holds: one allocation instead of one per string.
	b := data.Materialize()
	if err := checkWire(b, c.typeOf(m.ProtoReflect().Descriptor()), 0); err != nil {
		return err
	}
	proto.Reset(m)
	return m.UnmarshalVTUnsafe(b)
}

// ErrInvalidUTF8 is the error of a message with a string that is not UTF-8.
var ErrInvalidUTF8 = errors.New("proto: string field contains invalid UTF-8")

// maxDepth bounds the nesting checkWire follows (the standard decoder's
// limit).
const maxDepth = 10000

// fieldCheck says what checkWire does with a length-delimited field.
type fieldCheck uint8

const (
	skipField    fieldCheck = iota // bytes, packed numbers, unknown fields, lenient strings
	stringField                    // a string: must be UTF-8
	messageField                   // a message (or map entry): read it too
)

// msgType is what the codec reads of a message type, built once per type
// (Codec.typeOf). For checkWire: a fieldCheck, the wire types and the name
// of each field number, with the types of its message fields (map entries
// included). For Check: its string fields (singular, lists, map keys or
// values) outside the lenient ones, and its message fields whose types
// hold such strings.
type msgType struct {
	checks []fieldCheck
	wire   []uint8 // the wire types a known field may come in (bit per type); 0: unknown field
	names  []protoreflect.FullName
	sub    []*msgType

	strings  []protoreflect.FieldDescriptor
	messages []subType
	done     bool // built (a recursive type is read while it is built)
}

// subType is a message field and its type (its map values' type).
type subType struct {
	fd  protoreflect.FieldDescriptor
	typ *msgType
}

// typeOf returns md's msgType, building the types it needs the first time
// a message type is decoded or checked.
func (c Codec) typeOf(md protoreflect.MessageDescriptor) *msgType {
	if t, ok := c.types.Load(md); ok {
		return t.(*msgType)
	}
	t := c.build(md, map[protoreflect.FullName]*msgType{})
	c.types.Store(md, t)
	return t
}

// build makes md's msgType and those of the messages it holds (built maps
// the ones under way, for recursive types).
func (c Codec) build(md protoreflect.MessageDescriptor, built map[protoreflect.FullName]*msgType) *msgType {
	if t := built[md.FullName()]; t != nil {
		return t
	}
	t := &msgType{}
	built[md.FullName()] = t
	fields := md.Fields()
	maxNum := 0
	for i := 0; i < fields.Len(); i++ {
		maxNum = max(maxNum, int(fields.Get(i).Number()))
	}
	t.checks = make([]fieldCheck, maxNum+1)
	t.wire = make([]uint8, maxNum+1)
	t.names = make([]protoreflect.FullName, maxNum+1)
	t.sub = make([]*msgType, maxNum+1)
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		n := fd.Number()
		lenient := c.lenient[fd.FullName()]
		t.names[n] = fd.FullName()
		t.wire[n] = wireTypes(fd)
		switch {
		case fd.Kind() == protoreflect.StringKind && !lenient && !c.deferred:
			t.checks[n] = stringField
		case fd.Kind() == protoreflect.MessageKind:
			t.checks[n], t.sub[n] = messageField, c.build(fd.Message(), built)
		}
		switch {
		case lenient:
		case fd.IsMap():
			if fd.MapKey().Kind() == protoreflect.StringKind || fd.MapValue().Kind() == protoreflect.StringKind {
				t.strings = append(t.strings, fd)
			}
			if v := fd.MapValue(); v.Kind() == protoreflect.MessageKind {
				if sub := c.build(v.Message(), built); sub.holdsStrings() {
					t.messages = append(t.messages, subType{fd, sub})
				}
			}
		case fd.Kind() == protoreflect.StringKind:
			t.strings = append(t.strings, fd)
		case fd.Kind() == protoreflect.MessageKind && t.sub[n].holdsStrings():
			t.messages = append(t.messages, subType{fd, t.sub[n]})
		}
	}
	t.done = true
	return t
}

// holdsStrings reports whether Check has anything to read in a message of
// type t; a type still under way (a recursive one) may have.
func (t *msgType) holdsStrings() bool { return len(t.strings) > 0 || len(t.messages) > 0 || !t.done }

// wireTypes returns the wire types fd may come in, a bit per type: its own,
// and for a list of numbers also the packed form.
func wireTypes(fd protoreflect.FieldDescriptor) uint8 {
	var w protowire.Type
	switch fd.Kind() {
	case protoreflect.StringKind, protoreflect.BytesKind, protoreflect.MessageKind:
		return 1 << protowire.BytesType
	case protoreflect.GroupKind:
		return 1 << protowire.StartGroupType
	case protoreflect.Fixed32Kind, protoreflect.Sfixed32Kind, protoreflect.FloatKind:
		w = protowire.Fixed32Type
	case protoreflect.Fixed64Kind, protoreflect.Sfixed64Kind, protoreflect.DoubleKind:
		w = protowire.Fixed64Type
	default:
		w = protowire.VarintType
	}
	if fd.IsList() {
		return 1<<w | 1<<protowire.BytesType
	}
	return 1 << w
}

// ErrWireType is the error of a known field that comes in another wire
// type than its own. The standard decoder keeps such a field as an unknown
// one (or drops it, in a map entry); no encoder of the API writes it.
var ErrWireType = errors.New("proto: field in a foreign wire type")

// checkWire reads the encoded message b of table t, before UnmarshalVT
// does, and reports a string field (outside the lenient ones) that is not
// UTF-8, a known field in a foreign wire type (ErrWireType; UnmarshalVT
// would misread it), or wire data that protowire (the standard decoder's
// parser) refuses, such as a group that does not end with its own number,
// which UnmarshalVT would let through. It reads the wire format: a pass
// over the bytes and no allocation. One-byte tags, varints and lengths,
// nearly all of them, are read in place; anything longer goes through
// protowire.
func checkWire(b []byte, t *msgType, depth int) error {
	if depth > maxDepth {
		return errors.New("proto: exceeded maximum recursion depth")
	}
	for len(b) > 0 {
		var num protowire.Number
		var typ protowire.Type
		if c := b[0]; c < 0x80 && c >= 8 { // a one-byte tag (field number 0 is an error)
			num, typ = protowire.Number(c>>3), protowire.Type(c&7)
			b = b[1:]
		} else {
			var n int
			if num, typ, n = protowire.ConsumeTag(b); n < 0 {
				return protowire.ParseError(n)
			}
			if num > protowire.MaxValidNumber { // ConsumeTag lets it through; the decoder does not
				return errors.New("proto: cannot parse invalid wire-format data (field number out of range)")
			}
			b = b[n:]
		}
		if int(num) < len(t.wire) && t.wire[num] != 0 && t.wire[num]&(1<<typ) == 0 {
			return fmt.Errorf("%w (field %s, wire type %d)", ErrWireType, t.names[num], typ)
		}
		if typ != protowire.BytesType {
			if typ == protowire.VarintType && len(b) > 0 && b[0] < 0x80 {
				b = b[1:]
				continue
			}
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
			continue
		}
		var v []byte
		if len(b) > 0 && b[0] < 0x80 && int(b[0]) < len(b) {
			v, b = b[1:1+b[0]], b[1+b[0]:]
		} else {
			var n int
			if v, n = protowire.ConsumeBytes(b); n < 0 {
				return protowire.ParseError(n)
			}
			b = b[n:]
		}
		if int(num) >= len(t.checks) {
			continue
		}
		switch t.checks[num] {
		case stringField:
			if !utf8.Valid(v) {
				return fmt.Errorf("%w (field %s)", ErrInvalidUTF8, t.names[num])
			}
		case messageField:
			if err := checkWire(v, t.sub[num], depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// Check reports the first string of the decoded message v, outside the
// lenient fields, that is not UTF-8: what a Deferred codec's decoding left
// unchecked. A message without generated code was decoded, and checked, by
// the standard codec.
func (c Codec) Check(v any) error {
	m, ok := v.(vtMessage)
	if !ok {
		return nil
	}
	return check(m.ProtoReflect(), c.typeOf(m.ProtoReflect().Descriptor()))
}

// check walks m, of type t, for Check.
func check(m protoreflect.Message, t *msgType) error {
	bad := func(fd protoreflect.FieldDescriptor) error {
		return fmt.Errorf("%w (field %s)", ErrInvalidUTF8, fd.FullName())
	}
	for _, fd := range t.strings {
		v := m.Get(fd)
		switch {
		case fd.IsMap():
			var err error
			v.Map().Range(func(k protoreflect.MapKey, mv protoreflect.Value) bool {
				if fd.MapKey().Kind() == protoreflect.StringKind && !utf8.ValidString(k.String()) ||
					fd.MapValue().Kind() == protoreflect.StringKind && !utf8.ValidString(mv.String()) {
					err = bad(fd)
				}
				return err == nil
			})
			if err != nil {
				return err
			}
		case fd.IsList():
			for i, l := 0, v.List(); i < l.Len(); i++ {
				if !utf8.ValidString(l.Get(i).String()) {
					return bad(fd)
				}
			}
		default:
			if !utf8.ValidString(v.String()) {
				return bad(fd)
			}
		}
	}
	for _, st := range t.messages {
		fd, sub := st.fd, st.typ
		if !m.Has(fd) {
			continue
		}
		v := m.Get(fd)
		var err error
		switch {
		case fd.IsMap():
			v.Map().Range(func(_ protoreflect.MapKey, mv protoreflect.Value) bool {
				err = check(mv.Message(), sub)
				return err == nil
			})
		case fd.IsList():
			for i, l := 0, v.List(); i < l.Len() && err == nil; i++ {
				err = check(l.Get(i).Message(), sub)
			}
		default:
			err = check(v.Message(), sub)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
