package server

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"redactor/grpcapi/codec"
	pb "redactor/grpcapi/redactor/v1"
)

// newCodec returns the server's codec (see package codec). Its decoding
// checks no string: gRPC would report a failure there as INTERNAL, while
// a string that is not UTF-8 is bad input. The transcript text fields
// (RedactRequest.text, TranscriptChunk.text, PseudonymRequest.value) are
// checked by the engine, which reports the byte offset; every other string
// is checked by checkUnary and checkStream.
func newCodec() codec.Codec {
	return codec.New(
		(&pb.RedactRequest{}).ProtoReflect().Descriptor().Fields().ByName("text"),
		(&pb.TranscriptChunk{}).ProtoReflect().Descriptor().Fields().ByName("text"),
		(&pb.PseudonymRequest{}).ProtoReflect().Descriptor().Fields().ByName("value"),
	).Deferred()
}

// checkUnary answers a request with a string that is not UTF-8 (outside
// the transcript text) with INVALID_ARGUMENT, naming the field.
func (s *Server) checkUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if err := s.codec.Check(req); err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return handler(ctx, req)
}

// checkStream is checkUnary for each message a stream receives.
func (s *Server) checkStream(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	return handler(srv, checkedStream{ss, s.codec})
}

type checkedStream struct {
	grpc.ServerStream
	codec codec.Codec
}

func (cs checkedStream) RecvMsg(m any) error {
	if err := cs.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	if err := cs.codec.Check(m); err != nil {
		return status.Error(codes.InvalidArgument, err.Error())
	}
	return nil
}
