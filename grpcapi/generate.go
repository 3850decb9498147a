// Package grpcapi holds the redactor's gRPC API: the protobuf definition and
// its generated Go code (redactor/v1), the server (server) and a client
// (client), and the codec both use (codec). The generated code is
// committed; regenerating it needs protoc and the protoc-gen-go,
// protoc-gen-go-grpc and protoc-gen-go-vtproto plugins (see README.md).
package grpcapi

//go:generate protoc --proto_path=. --go_out=paths=source_relative:. --go-grpc_out=paths=source_relative:. --go-vtproto_out=paths=source_relative,features=marshal+unmarshal+unmarshal_unsafe+size:. redactor/v1/redactor.proto
