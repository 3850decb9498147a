// Package grpcapi holds the redactor's gRPC API: the protobuf definition and
// its generated Go code (redactor/v1), the server (server) and a client
// (client). The generated code is committed; regenerating it needs protoc
// and the protoc-gen-go and protoc-gen-go-grpc plugins (see README.md).
package grpcapi

//go:generate protoc --proto_path=. --go_out=paths=source_relative:. --go-grpc_out=paths=source_relative:. redactor/v1/redactor.proto
