package server

import (
	"redactor/grpcapi/codec"
	pb "redactor/grpcapi/redactor/v1"
)

// newCodec returns the server's codec (see package codec), which takes the
// transcript text fields (RedactRequest.text, TranscriptChunk.text,
// PseudonymRequest.value) as they come: the engine checks their UTF-8 and
// reports bad input as INVALID_ARGUMENT with the byte offset, where gRPC
// would report a decode failure as INTERNAL. Every other string is checked
// when it is decoded.
func newCodec() codec.Codec {
	return codec.New(
		(&pb.RedactRequest{}).ProtoReflect().Descriptor().Fields().ByName("text"),
		(&pb.TranscriptChunk{}).ProtoReflect().Descriptor().Fields().ByName("text"),
		(&pb.PseudonymRequest{}).ProtoReflect().Descriptor().Fields().ByName("value"),
	)
}
