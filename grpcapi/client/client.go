// Package client is a small Go client for the redactor.v1.Redactor service:
// Dial with TLS, mutual TLS or a bearer token, then Redact a text or open a
// Stream for a live transcript.
package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"

	"redactor/grpcapi/codec"
	pb "redactor/grpcapi/redactor/v1"
)

// Option configures Dial.
type Option func(*options) error

type options struct {
	tls   *tls.Config
	token string
	extra []grpc.DialOption
}

// WithTLS connects with TLS using cfg (nil: system roots).
func WithTLS(cfg *tls.Config) Option {
	return func(o *options) error {
		if cfg == nil {
			cfg = &tls.Config{}
		}
		o.tls = cfg.Clone()
		return nil
	}
}

// WithTLSFiles connects with TLS, trusting the CA certificates in caFile
// (empty: the system roots). certFile and keyFile, when given, hold the
// client certificate for mutual TLS.
func WithTLSFiles(caFile, certFile, keyFile string) Option {
	return func(o *options) error {
		cfg := &tls.Config{MinVersion: tls.VersionTLS12}
		if caFile != "" {
			pem, err := os.ReadFile(caFile)
			if err != nil {
				return fmt.Errorf("CA file: %v", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return fmt.Errorf("CA file %s: no PEM certificate in the file", caFile)
			}
			cfg.RootCAs = pool
		}
		if certFile != "" || keyFile != "" {
			cert, err := tls.LoadX509KeyPair(certFile, keyFile)
			if err != nil {
				return fmt.Errorf("client certificate: %v", err)
			}
			cfg.Certificates = []tls.Certificate{cert}
		}
		o.tls = cfg
		return nil
	}
}

// WithToken sends "authorization: Bearer token" with every call.
func WithToken(token string) Option {
	return func(o *options) error {
		o.token = strings.TrimSpace(token)
		return nil
	}
}

// WithTokenFile reads the bearer token from the first non-blank,
// non-comment line of a file.
func WithTokenFile(path string) Option {
	return func(o *options) error {
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("token file: %v", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				o.token = t
				return nil
			}
		}
		return fmt.Errorf("token file %s: no token in the file", path)
	}
}

// WithDialOptions adds grpc.DialOptions.
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(o *options) error {
		o.extra = append(o.extra, opts...)
		return nil
	}
}

// bearer is per-call bearer token credentials.
type bearer struct {
	token  string
	secure bool
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

// RequireTransportSecurity is false so that a token also works on a plain
// loopback connection; use TLS anywhere else.
func (b bearer) RequireTransportSecurity() bool { return b.secure }

// Client is a connection to a redactd. It is safe for concurrent use.
type Client struct {
	conn *grpc.ClientConn
	api  pb.RedactorClient
}

// Dial returns a client for target ("host:port"). Without TLS options the
// connection is plain text. The connection is made lazily, on the first call.
func Dial(target string, opts ...Option) (*Client, error) {
	var o options
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return nil, err
		}
	}
	dial := []grpc.DialOption{grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20), grpc.ForceCodecV2(codec.New()))}
	if o.tls != nil {
		dial = append(dial, grpc.WithTransportCredentials(credentials.NewTLS(o.tls)))
	} else {
		dial = append(dial, grpc.WithTransportCredentials(insecure.NewCredentials()))
	}
	if o.token != "" {
		dial = append(dial, grpc.WithPerRPCCredentials(bearer{token: o.token, secure: o.tls != nil}))
	}
	conn, err := grpc.NewClient(target, append(dial, o.extra...)...)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, api: pb.NewRedactorClient(conn)}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Conn returns the underlying connection (for the health service, say).
func (c *Client) Conn() *grpc.ClientConn { return c.conn }

// API returns the generated client, for calls this package does not wrap.
func (c *Client) API() pb.RedactorClient { return c.api }

// Redact redacts one text; opts may be nil.
func (c *Client) Redact(ctx context.Context, text string, opts *pb.RedactionOptions) (*pb.RedactResponse, error) {
	return c.api.Redact(ctx, &pb.RedactRequest{Text: text, Options: opts})
}

// Pseudonym returns the token the server's hash operator writes for value,
// an entity of type typ (for data-subject requests).
func (c *Client) Pseudonym(ctx context.Context, typ, value string) (string, error) {
	r, err := c.api.Pseudonym(ctx, &pb.PseudonymRequest{Type: typ, Value: value})
	if err != nil {
		return "", err
	}
	return r.Pseudonym, nil
}

// ListDetectors describes the server's active pack.
func (c *Client) ListDetectors(ctx context.Context) (*pb.ListDetectorsResponse, error) {
	return c.api.ListDetectors(ctx, &pb.ListDetectorsRequest{})
}

// Stream is one StreamRedact stream. Send and Recv may run in two different
// goroutines (one each); responses come in the order of the chunks.
type Stream struct {
	s    pb.Redactor_StreamRedactClient
	info *pb.StreamInfo
}

// Stream opens a stream, sends cfg (nil: defaults) and waits for the
// server's answer to it.
func (c *Client) Stream(ctx context.Context, cfg *pb.StreamConfig) (*Stream, error) {
	if cfg == nil {
		cfg = &pb.StreamConfig{}
	}
	s, err := c.api.StreamRedact(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.Send(&pb.StreamRedactRequest{Message: &pb.StreamRedactRequest_Config{Config: cfg}}); err != nil {
		_, err = s.Recv() // the status explains a failed send
		return nil, err
	}
	ack, err := s.Recv()
	if err != nil {
		return nil, err
	}
	if ack.StreamInfo == nil {
		return nil, errors.New("client: the server's first response carries no stream info")
	}
	return &Stream{s: s, info: ack.StreamInfo}, nil
}

// Info returns the server's answer to the config: the pack and the limits.
func (s *Stream) Info() *pb.StreamInfo { return s.info }

// Send sends a chunk. After an error, Recv returns the stream's status.
func (s *Stream) Send(chunk *pb.TranscriptChunk) error {
	return s.s.Send(&pb.StreamRedactRequest{Message: &pb.StreamRedactRequest_Chunk{Chunk: chunk}})
}

// SendText sends a chunk of plain text.
func (s *Stream) SendText(text string) error {
	return s.Send(&pb.TranscriptChunk{Text: text})
}

// Recv returns the next response; io.EOF after the last one.
func (s *Stream) Recv() (*pb.StreamRedactResponse, error) { return s.s.Recv() }

// CloseSend tells the server the transcript is complete; it answers with a
// last response (EndOfStream) that flushes the text it held back.
func (s *Stream) CloseSend() error { return s.s.CloseSend() }

// Result is a whole stream's output.
type Result struct {
	Text       string
	Entities   []*pb.Entity
	MuteRanges []*pb.MuteRange
	Events     []*pb.Event
}

// RedactChunks streams chunks through a new stream, sending and receiving
// concurrently, and returns the concatenated output.
func (c *Client) RedactChunks(ctx context.Context, cfg *pb.StreamConfig, chunks []*pb.TranscriptChunk) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s, err := c.Stream(ctx, cfg)
	if err != nil {
		return nil, err
	}
	sendErr := make(chan error, 1)
	go func() {
		for _, ch := range chunks {
			if err := s.Send(ch); err != nil {
				sendErr <- err
				return
			}
		}
		sendErr <- s.CloseSend()
	}()
	var res Result
	var text strings.Builder
	for {
		r, err := s.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		text.WriteString(r.Text)
		res.Entities = append(res.Entities, r.Entities...)
		res.MuteRanges = append(res.MuteRanges, r.MuteRanges...)
		res.Events = append(res.Events, r.Events...)
	}
	if err := <-sendErr; err != nil && err != io.EOF {
		return nil, err
	}
	res.Text = text.String()
	return &res, nil
}
