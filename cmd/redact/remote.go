package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"redactor/events"
	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/redact"
)

// Environment variables that configure the connection to --server.
const (
	tokenFileEnv = "REDACTOR_TOKEN_FILE" // bearer token file
	tlsCAEnv     = "REDACTOR_TLS_CA"     // CA bundle: connect with TLS
	tlsCertEnv   = "REDACTOR_TLS_CERT"   // client certificate (mutual TLS)
	tlsKeyEnv    = "REDACTOR_TLS_KEY"    // its key
)

// remotePiece is the largest chunk sent when --chunk-bytes does not say.
const remotePiece = 64 << 10

// redactRemote streams the inputs through a running redactd (--server):
// text mode as one stream, jsonl mode one stream per line. The output is
// byte-identical to local mode's (the hash operator uses the server's key, so
// hash output matches when both use the same key).
func redactRemote(cfg *config, stdin io.Reader, stdout, stderr io.Writer) error {
	var opts []client.Option
	if f := os.Getenv(tokenFileEnv); f != "" {
		opts = append(opts, client.WithTokenFile(f))
	}
	if ca, cert := os.Getenv(tlsCAEnv), os.Getenv(tlsCertEnv); ca != "" || cert != "" {
		opts = append(opts, client.WithTLSFiles(ca, cert, os.Getenv(tlsKeyEnv)))
	}
	c, err := client.Dial(cfg.server, opts...)
	if err != nil {
		return usageError{fmt.Errorf("--server %s: %v", cfg.server, err)}
	}
	defer c.Close()
	r := &remote{cfg: cfg, c: c, opts: remoteOptions(cfg.stream)}
	out := bufio.NewWriterSize(stdout, 256<<10)
	prog := startProgress(cfg, stderr)
	defer prog.stop()
	if cfg.format == "text" {
		err = r.text(stdin, out, prog)
	} else {
		for _, name := range cfg.files {
			var in *input
			if in, err = openInput(name, stdin); err != nil {
				err = usageError{err}
				break
			}
			err = r.jsonl(in, out, prog)
			if in.c != nil {
				in.c.Close()
			}
			if err != nil {
				break
			}
		}
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return err
}

// remoteOptions translates the command line's stream Config.
func remoteOptions(cfg redact.Config) *pb.RedactionOptions {
	op := func(o redact.Operator) *pb.Operator {
		kinds := map[redact.OperatorKind]pb.OperatorKind{
			redact.Tag: pb.OperatorKind_OPERATOR_KIND_TAG, redact.Mask: pb.OperatorKind_OPERATOR_KIND_MASK,
			redact.Hash: pb.OperatorKind_OPERATOR_KIND_HASH, redact.Remove: pb.OperatorKind_OPERATOR_KIND_REMOVE,
			redact.Keep: pb.OperatorKind_OPERATOR_KIND_KEEP, redact.Label: pb.OperatorKind_OPERATOR_KIND_LABEL,
			redact.Encrypt: pb.OperatorKind_OPERATOR_KIND_ENCRYPT,
		}
		p := &pb.Operator{Kind: kinds[o.Kind], MaskKeepChars: uint32(o.MaskKeep)}
		if o.MaskChar != 0 {
			p.MaskChar = string(o.MaskChar)
		}
		return p
	}
	o := &pb.RedactionOptions{DefaultOperator: op(cfg.Operator), EntityTypes: cfg.Entities}
	for t, v := range cfg.PerType {
		if o.OperatorByType == nil {
			o.OperatorByType = map[string]*pb.Operator{}
		}
		o.OperatorByType[t] = op(v)
	}
	return o
}

// remote is the client side of --server.
type remote struct {
	cfg  *config
	c    *client.Client
	opts *pb.RedactionOptions
}

// serverError turns a failed call into the command's error: the server's
// verdict on bad input or configuration exits with status 2.
func (r *remote) serverError(where string, err error) error {
	st, _ := status.FromError(err)
	err = fmt.Errorf("%s: --server %s: %s (%s)", where, r.cfg.server, st.Message(), st.Code())
	switch st.Code() {
	case codes.InvalidArgument, codes.FailedPrecondition, codes.Unauthenticated, codes.PermissionDenied:
		return usageError{err}
	}
	return err
}

// rstream is one open stream: a goroutine receives responses and hands them
// to onResp while the caller sends.
type rstream struct {
	s      *client.Stream
	cancel context.CancelFunc
	done   chan error
	// rate mirrors the server's advertised chunk rate limit so that small
	// --chunk-bytes pieces are coalesced rather than refused.
	tokens, rate, burst float64
	last                time.Time
	maxPiece            int
	waited              bool  // wait returned
	err                 error // what wait returned
}

func (r *remote) open(onResp func(*pb.StreamRedactResponse) error) (*rstream, error) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := r.c.Stream(ctx, &pb.StreamConfig{Options: r.opts})
	if err != nil {
		cancel()
		return nil, err
	}
	l := s.Info().GetLimits()
	rs := &rstream{s: s, cancel: cancel, done: make(chan error, 1), last: time.Now(), maxPiece: remotePiece}
	if l.GetMaxChunksPerSecond() > 0 {
		// Stay below the limit: 90% of the rate, half the burst.
		rs.rate, rs.burst = 0.9*l.MaxChunksPerSecond, max(1, float64(l.ChunkBurst)/2)
		rs.tokens = rs.burst
	}
	if m := int(l.GetMaxMessageBytes()); m > 0 {
		rs.maxPiece = max(1, min(rs.maxPiece, m/2))
	}
	go func() {
		for {
			resp, err := s.Recv()
			if err == io.EOF {
				rs.done <- nil
				return
			}
			if err == nil {
				err = onResp(resp)
			}
			if err != nil {
				cancel()
				rs.done <- err
				return
			}
		}
	}()
	return rs, nil
}

// take waits for a token of the rate mirror; it reports whether it had to
// wait (and so the caller should coalesce).
func (rs *rstream) take() (waited bool) {
	if rs.rate <= 0 {
		return false
	}
	now := time.Now()
	rs.tokens = min(rs.burst, rs.tokens+now.Sub(rs.last).Seconds()*rs.rate)
	rs.last = now
	if rs.tokens < 1 {
		time.Sleep(time.Duration((1 - rs.tokens) / rs.rate * float64(time.Second)))
		rs.tokens = 1
		rs.last = time.Now()
		waited = true
	}
	rs.tokens--
	return waited
}

// send sends data, which must end on a rune boundary, in pieces of chunk
// bytes (0: as large as allowed), each moved to a rune boundary. When the
// rate mirror runs dry the pieces grow, so a small --chunk-bytes cannot
// exceed the server's chunk rate; the output is the same for any pieces.
func (rs *rstream) send(data []byte, chunk int) error {
	for len(data) > 0 {
		n := chunk
		if waited := rs.take(); n <= 0 || waited {
			n = rs.maxPiece
		}
		k := min(n, len(data), rs.maxPiece)
		for k < len(data) && !utf8.RuneStart(data[k]) {
			k++
		}
		if err := rs.s.SendText(string(data[:k])); err != nil {
			if err = rs.wait(); err == nil { // the receiver has the stream's status
				err = errors.New("the server ended the stream early")
			}
			return err
		}
		data = data[k:]
	}
	return nil
}

// finish half-closes the stream and waits for the last response.
func (rs *rstream) finish() error {
	rs.s.CloseSend() // on failure, the receiver has the stream's status
	return rs.wait()
}

// wait waits for the receiver to end and returns its error.
func (rs *rstream) wait() error {
	if rs.waited {
		return rs.err
	}
	rs.waited = true
	rs.err = <-rs.done
	rs.cancel()
	return rs.err
}

// abort cancels the stream and waits for the receiver, so that it no longer
// writes output.
func (rs *rstream) abort() {
	rs.cancel()
	rs.wait()
}

// text streams every file through one stream, like local text mode.
func (r *remote) text(stdin io.Reader, out *bufio.Writer, prog *progress) error {
	rs, err := r.open(func(resp *pb.StreamRedactResponse) error {
		_, err := out.WriteString(resp.Text)
		return err
	})
	if err != nil {
		return r.serverError("<stream>", err)
	}
	defer rs.abort()
	block := make([]byte, readBlock)
	var pend []byte
	for _, name := range r.cfg.files {
		in, err := openInput(name, stdin)
		if err != nil {
			return usageError{err}
		}
		err = r.textFile(rs, in, block, &pend, prog)
		if in.c != nil {
			in.c.Close()
		}
		if err != nil {
			return err
		}
	}
	if err := rs.finish(); err != nil {
		return r.serverError("<stream>", err)
	}
	return nil
}

// textFile sends one file; pend carries a UTF-8 sequence split between
// reads (and files).
func (r *remote) textFile(rs *rstream, in *input, block []byte, pend *[]byte, prog *progress) error {
	check := utf8Checker{line: 1}
	for {
		n, rerr := io.ReadFull(in.r, block)
		if n > 0 {
			if err := check.check(block[:n]); err != nil {
				return usageError{fmt.Errorf("%s: %v", in.name, err)}
			}
			p := append(*pend, block[:n]...)
			cut := len(p)
			for k := 1; k < utf8.UTFMax && k <= len(p); k++ {
				if utf8.RuneStart(p[len(p)-k]) {
					if !utf8.FullRune(p[len(p)-k:]) {
						cut = len(p) - k
					}
					break
				}
			}
			if err := rs.send(p[:cut], r.cfg.chunkBytes); err != nil {
				return r.serverError(in.name, err)
			}
			*pend = append(p[:0], p[cut:]...)
			prog.add(n)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			if err := check.finish(); err != nil {
				return usageError{fmt.Errorf("%s: %v", in.name, err)}
			}
			return nil
		}
		if rerr != nil {
			return fmt.Errorf("%s: %v", in.name, rerr)
		}
	}
}

// jsonl redacts each line of in through its own stream, like local jsonl
// mode, and writes the same lines.
func (r *remote) jsonl(in *input, out *bufio.Writer, prog *progress) error {
	var outLine []byte
	var redacted bytes.Buffer
	var ents []redact.Entity
	var evs []events.Event
	return eachJSONLine(in, out, prog, func(l *jsonLine) error {
		fields, ti, lineNo, s := l.fields, l.text, l.no, l.value
		redacted.Reset()
		ents, evs = ents[:0], evs[:0]
		rs, err := r.open(func(resp *pb.StreamRedactResponse) error {
			redacted.WriteString(resp.Text)
			for _, e := range resp.Entities {
				ents = append(ents, redact.Entity{
					Type: e.Type, Detector: e.Detector, Score: e.Score, Start: e.Start, End: e.End,
					RedactedStart: e.RedactedStart, RedactedEnd: e.RedactedEnd,
				})
			}
			for _, e := range resp.Events {
				evs = append(evs, events.Event{Type: e.Type, Start: e.Start, End: e.End})
			}
			return nil
		})
		if err == nil {
			if err = rs.send([]byte(s), r.cfg.chunkBytes); err == nil {
				err = rs.finish()
			}
			rs.abort()
		}
		if err != nil {
			return r.serverError(fmt.Sprintf("%s: line %d: field \"text\"", in.name, lineNo), err)
		}
		outLine = appendLine(outLine[:0], fields, ti, redacted.Bytes(), ents, sortEvents(evs))
		_, err = out.Write(outLine)
		return err
	})
}
