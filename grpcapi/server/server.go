// Package server implements the redactor.v1.Redactor gRPC service over the
// streaming engine in package redact.
//
// A Server takes its engine from an EngineSource: every call uses the
// snapshot that is current when it starts, and a stream keeps that snapshot
// for its whole life, so a pack reload never changes a call in flight.
//
// Each StreamRedact stream owns one redact.Stream, fed chunk by chunk; the
// response to a chunk carries the redacted text that became final with it, so
// the concatenated responses equal Redact of the concatenated chunks (the
// engine's chunk invariance). Around the engine the stream keeps a copy of the
// text held back (for interim previews) and the word timings of that text (for
// mute ranges), both pruned as the text becomes final.
//
// Nothing the server logs or puts in an error carries transcript text: errors
// give byte offsets and limits, logs give counts, codes and redacted stream
// ids.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"redactor/audit"
	"redactor/events"
	"redactor/grpcapi/codec"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/redact"
)

// Options configure a Server.
type Options struct {
	// Source gives the engine; nil means DefaultSnapshot in an AtomicSource.
	Source EngineSource
	// HashKey keys the hash operator (at least redact.MinKeyLen bytes). It
	// comes from the server's configuration, never from a client; without
	// it the hash operator and the Pseudonym call are refused with
	// FAILED_PRECONDITION.
	HashKey []byte
	// EncryptKey keys the encrypt operator; without it the operator is
	// refused with FAILED_PRECONDITION.
	EncryptKey *redact.TokenKey
	// Audit, when set, receives the audit records of every call (see
	// package audit); the server does not close it. When the log cannot be
	// written, new calls are refused with UNAVAILABLE and health turns
	// NOT_SERVING, unless AuditFailOpen.
	Audit *audit.Writer
	// AuditFailOpen serves new calls without audit records when the audit
	// log has failed (they are counted in redactor_audit_dropped_records_total).
	AuditFailOpen bool
	// Limits; zero fields take DefaultLimits.
	Limits Limits
	// Tokens, when not empty, are the bearer tokens clients must present
	// (see LoadTokens); the health service stays open.
	Tokens [][]byte
	// Registerer receives the server's metrics; nil: not registered.
	Registerer prometheus.Registerer
	// Logger receives structured logs; nil: discarded.
	Logger *slog.Logger
}

// Server is the Redactor service. Create it with New, serve it with
// GRPCServer (or Register on a grpc.Server of your own), stop it with
// Shutdown.
type Server struct {
	pb.UnimplementedRedactorServer

	src     EngineSource
	key     []byte
	encKey  *redact.TokenKey
	limits  Limits
	auth    *tokenAuth
	metrics *metrics
	codec   codec.Codec
	log     *slog.Logger
	health  *health.Server

	audit         *audit.Writer
	auditFailOpen bool
	auditOnce     sync.Once // AuditFailed's report

	active   atomic.Int64 // streams in progress
	draining chan struct{}
	drainMu  sync.Once
	streams  sync.WaitGroup
	gs       *grpc.Server
}

var _ pb.RedactorServer = (*Server)(nil)

// New returns a server.
func New(opts Options) (*Server, error) {
	src := opts.Source
	if src == nil {
		snap, err := DefaultSnapshot()
		if err != nil {
			return nil, err
		}
		src = NewAtomicSource(snap)
	}
	if src.Current() == nil {
		return nil, errors.New("server: the engine source has no engine")
	}
	if opts.HashKey != nil && len(opts.HashKey) < redact.MinKeyLen {
		return nil, fmt.Errorf("server: hash key is %d bytes; at least %d are required", len(opts.HashKey), redact.MinKeyLen)
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		src:           src,
		key:           opts.HashKey,
		encKey:        opts.EncryptKey,
		audit:         opts.Audit,
		auditFailOpen: opts.AuditFailOpen,
		limits:        opts.Limits.withDefaults(),
		auth:          newTokenAuth(opts.Tokens),
		metrics:       newMetrics(),
		codec:         newCodec(),
		log:           log,
		health:        health.NewServer(),
		draining:      make(chan struct{}),
	}
	if opts.Registerer != nil {
		for _, c := range append(append(s.metrics.collectors(), newPackInfoCollector(src)), s.auditCollectors()...) {
			if err := opts.Registerer.Register(c); err != nil {
				return nil, fmt.Errorf("server: metrics: %v", err)
			}
		}
	}
	return s, nil
}

// Limits returns the limits in force (defaults filled in).
func (s *Server) Limits() Limits { return s.limits }

// ServerOptions returns the grpc.ServerOptions the service needs: message
// size limits, the codec, the metrics and authentication interceptors, and
// stream workers.
func (s *Server) ServerOptions() []grpc.ServerOption {
	unary := []grpc.UnaryServerInterceptor{s.metrics.unaryInterceptor}
	stream := []grpc.StreamServerInterceptor{s.metrics.streamInterceptor}
	if s.auth != nil {
		unary = append(unary, s.auth.unary)
		stream = append(stream, s.auth.stream)
	}
	unary = append(unary, s.checkUnary)
	stream = append(stream, s.checkStream)
	opts := []grpc.ServerOption{
		grpc.ForceServerCodecV2(s.codec),
		grpc.ChainUnaryInterceptor(unary...),
		grpc.ChainStreamInterceptor(stream...),
		// Responses may be longer than requests (tags, pseudonyms).
		grpc.MaxSendMsgSize(64 << 20),
		// Calls run on reused goroutines whose stacks have already grown
		// (a new goroutine per call spent about 7% of the CPU of a unary
		// call growing its stack); calls beyond them get a new goroutine.
		grpc.NumStreamWorkers(uint32(16 * runtime.GOMAXPROCS(0))),
	}
	if s.limits.MaxMessageBytes > 0 {
		opts = append(opts, grpc.MaxRecvMsgSize(s.limits.MaxMessageBytes))
	}
	return opts
}

// GRPCServer returns a grpc.Server with the service, the health service
// (SERVING) and server reflection registered. extra options (TLS credentials,
// for one) are added to ServerOptions.
func (s *Server) GRPCServer(extra ...grpc.ServerOption) *grpc.Server {
	gs := grpc.NewServer(append(s.ServerOptions(), extra...)...)
	s.Register(gs)
	return gs
}

// Register registers the service, health and reflection on gs, which
// Shutdown then stops. gs must have been built with ServerOptions.
func (s *Server) Register(gs *grpc.Server) {
	pb.RegisterRedactorServer(gs, s)
	healthpb.RegisterHealthServer(gs, s.health)
	reflection.Register(gs)
	s.health.SetServingStatus("", healthpb.HealthCheckResponse_SERVING)
	s.health.SetServingStatus(pb.Redactor_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	s.gs = gs
	if s.audit != nil && s.audit.Err() != nil {
		s.AuditFailed(s.audit.Err())
	}
}

// Shutdown stops the server gracefully: health turns NOT_SERVING, no new
// calls are accepted, and calls in progress may finish until ctx is done.
// Then every stream still open flushes the text it holds back in a last
// response and ends with UNAVAILABLE, so no received chunk goes unanswered,
// and the server stops.
func (s *Server) Shutdown(ctx context.Context) {
	s.health.Shutdown()
	s.log.Info("shutting down", "streams", s.active.Load())
	done := make(chan struct{})
	go func() {
		s.gs.GracefulStop()
		close(done)
	}()
	select {
	case <-done:
		s.log.Info("shut down: every call finished")
		return
	case <-ctx.Done():
	}
	n := s.active.Load()
	s.drainMu.Do(func() { close(s.draining) })
	flushed := make(chan struct{})
	go func() {
		s.streams.Wait()
		close(flushed)
	}()
	select {
	case <-flushed:
	case <-time.After(5 * time.Second):
	}
	// Let the transports write the last responses and statuses; streams
	// that are not ours (health watches) do not hold this up for long.
	select {
	case <-done:
	case <-time.After(time.Second):
		s.gs.Stop()
		<-done
	}
	s.log.Info("shut down: open streams flushed and ended", "streams", n)
}

// RecordReload counts a pack reload in the metrics (err nil: success) and
// logs it. The code that swaps the EngineSource calls it.
func (s *Server) RecordReload(err error) {
	if err != nil {
		s.metrics.packReloads.WithLabelValues("failure").Inc()
		s.log.Error("pack reload failed", "err", err)
		return
	}
	s.metrics.packReloads.WithLabelValues("success").Inc()
	p := s.src.Current().Pack
	s.log.Info("pack reloaded", "pack", p.Name, "version", p.Version, "hash", p.Hash)
}

// snapshot returns the current snapshot if it matches sel.
func (s *Server) snapshot(sel *pb.PackSelector) (*Snapshot, error) {
	snap := s.src.Current()
	if err := snap.matches(sel); err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	return snap, nil
}

// streamConfig turns API options into an engine Config. Its errors are
// INVALID_ARGUMENT or FAILED_PRECONDITION statuses.
func (s *Server) streamConfig(o *pb.RedactionOptions) (redact.Config, error) {
	var cfg redact.Config
	if o == nil {
		return cfg, nil
	}
	needKey, needEnc := false, false
	conv := func(what string, op *pb.Operator) (redact.Operator, error) {
		var r redact.Operator
		switch op.GetKind() {
		case pb.OperatorKind_OPERATOR_KIND_UNSPECIFIED, pb.OperatorKind_OPERATOR_KIND_TAG:
			r.Kind = redact.Tag
		case pb.OperatorKind_OPERATOR_KIND_MASK:
			r.Kind = redact.Mask
		case pb.OperatorKind_OPERATOR_KIND_HASH:
			r.Kind = redact.Hash
			needKey = true
		case pb.OperatorKind_OPERATOR_KIND_REMOVE:
			r.Kind = redact.Remove
		case pb.OperatorKind_OPERATOR_KIND_KEEP:
			r.Kind = redact.Keep
		case pb.OperatorKind_OPERATOR_KIND_LABEL:
			r.Kind = redact.Label
		case pb.OperatorKind_OPERATOR_KIND_ENCRYPT:
			r.Kind = redact.Encrypt
			needEnc = true
		default:
			return r, status.Errorf(codes.InvalidArgument, "%s: unknown operator kind %d", what, op.GetKind())
		}
		if mc := op.GetMaskChar(); mc != "" {
			rs := []rune(mc)
			if len(rs) != 1 {
				return r, status.Errorf(codes.InvalidArgument, "%s: mask_char must be exactly one character", what)
			}
			r.MaskChar = rs[0]
		}
		r.MaskKeep = int(min(op.GetMaskKeepChars(), 1<<20))
		return r, nil
	}
	var err error
	if cfg.Operator, err = conv("default_operator", o.DefaultOperator); err != nil {
		return cfg, err
	}
	for t, op := range o.OperatorByType {
		r, err := conv("operator_by_type["+clip(t)+"]", op)
		if err != nil {
			return cfg, err
		}
		if cfg.PerType == nil {
			cfg.PerType = map[string]redact.Operator{}
		}
		cfg.PerType[t] = r
	}
	cfg.Entities = o.EntityTypes
	if needKey {
		if s.key == nil {
			return cfg, status.Error(codes.FailedPrecondition, "the hash operator is not available: the server has no hash key (redactd --key-file)")
		}
		cfg.HashKey = s.key
	}
	if needEnc {
		if s.encKey == nil {
			return cfg, status.Error(codes.FailedPrecondition, "the encrypt operator is not available: the server has no encrypt key (redactd --encrypt-key-file)")
		}
		cfg.EncryptKey = s.encKey
	}
	return cfg, nil
}

// isDefault reports whether o asks for the default Config.
func isDefault(o *pb.RedactionOptions) bool {
	return o == nil || len(o.EntityTypes) == 0 && len(o.OperatorByType) == 0 &&
		(o.DefaultOperator == nil || o.DefaultOperator.Kind <= pb.OperatorKind_OPERATOR_KIND_TAG)
}

// newStream returns an engine stream for o on snap and a release function.
func (s *Server) newStream(snap *Snapshot, o *pb.RedactionOptions) (*redact.Stream, func(), error) {
	if isDefault(o) {
		st, release, err := snap.defaultStream()
		if err != nil {
			return nil, nil, status.Error(codes.Internal, err.Error())
		}
		return st, release, nil
	}
	cfg, err := s.streamConfig(o)
	if err != nil {
		return nil, nil, err
	}
	st, err := snap.Engine.NewStream(cfg)
	if err != nil {
		// Unknown entity types and the like: the message names the type
		// the client sent, never transcript text.
		return nil, nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return st, func() {}, nil
}

// inputError turns an engine error into a status; InputError messages carry
// an offset and a reason, never text.
func inputError(err error, where string) error {
	var ie *redact.InputError
	if errors.As(err, &ie) {
		return status.Errorf(codes.InvalidArgument, "%s: %s at byte %d", where, ie.Reason, ie.Offset)
	}
	return status.Errorf(codes.Internal, "%s: the engine failed", where)
}

// Redact implements pb.RedactorServer.
func (s *Server) Redact(ctx context.Context, req *pb.RedactRequest) (*pb.RedactResponse, error) {
	snap, err := s.snapshot(req.GetOptions().GetPack())
	if err != nil {
		return nil, err
	}
	if err := s.auditGate(); err != nil {
		return nil, err
	}
	st, release, err := s.newStream(snap, req.GetOptions())
	if err != nil {
		return nil, err
	}
	defer release()
	// The engine only reads the text, so it sees the request's string
	// without a copy; the output buffer becomes the response's string.
	text := unsafe.Slice(unsafe.StringData(req.Text), len(req.Text))
	out, err := st.Write(make([]byte, 0, len(text)+len(text)/4+64), text)
	if err == nil {
		out, err = st.Close(out)
	}
	log := s.startAudit(snap, "", "Redact")
	if err != nil {
		s.endAudit(log, false, int64(len(text)), 0)
		return nil, inputError(err, "text")
	}
	s.metrics.unaryIn.Add(float64(len(text)))
	s.metrics.unaryOut.Add(float64(len(out)))
	resp := &pb.RedactResponse{Text: unsafe.String(unsafe.SliceData(out), len(out)), Pack: snap.proto}
	if ents := st.Entities(); len(ents) > 0 {
		resp.Entities = make([]*pb.Entity, len(ents))
		block := make([]pb.Entity, len(ents)) // one allocation for all
		for i, e := range ents {
			setEntity(&block[i], e, 0, 0)
			resp.Entities[i] = &block[i]
			s.metrics.entity(e.Type, e.Detector)
			if log != nil {
				log.Redaction(e, st.OperatorFor(e.Type).Kind, text[e.Start:e.End])
			}
		}
	}
	if snap.Events != nil {
		ev := snap.eventStream()
		ev.Write(text, events.Speaker{})
		ev.Close()
		for _, e := range sortedEvents(ev.Events()) {
			resp.Events = append(resp.Events, &pb.Event{Type: e.Type, Start: e.Start, End: e.End})
			s.metrics.event(e.Type)
			if log != nil {
				log.Event(e, "")
			}
		}
		snap.evPool.Put(ev)
	}
	s.endAudit(log, true, int64(len(text)), int64(len(out)))
	return resp, nil
}

// entityProto converts an engine entity, shifting its offsets by the
// stream's base (the offsets where the current segment began).
func entityProto(e redact.Entity, baseIn, baseOut int64) *pb.Entity {
	pe := &pb.Entity{}
	setEntity(pe, e, baseIn, baseOut)
	return pe
}

// setEntity fills a zero pb.Entity from an engine entity, as entityProto.
func setEntity(pe *pb.Entity, e redact.Entity, baseIn, baseOut int64) {
	pe.Type, pe.Detector, pe.Score = e.Type, e.Detector, e.Score
	pe.Start, pe.End = baseIn+e.Start, baseIn+e.End
	pe.RedactedStart, pe.RedactedEnd = baseOut+e.RedactedStart, baseOut+e.RedactedEnd
}

// ListDetectors implements pb.RedactorServer.
func (s *Server) ListDetectors(ctx context.Context, req *pb.ListDetectorsRequest) (*pb.ListDetectorsResponse, error) {
	snap, err := s.snapshot(req.GetPack())
	if err != nil {
		return nil, err
	}
	resp := &pb.ListDetectorsResponse{
		Pack: snap.proto, Detectors: snap.detectors, EntityTypes: snap.types,
		HashOperatorAvailable: s.key != nil, EncryptOperatorAvailable: s.encKey != nil,
	}
	if snap.Events != nil {
		resp.EventTypes = snap.Events.Types()
	}
	return resp, nil
}

// recvResult is one message read from a stream.
type recvResult struct {
	msg *pb.StreamRedactRequest
	err error
	at  time.Time
}

// ioEOF reports the client's half-close.
func ioEOF(err error) bool { return err == io.EOF }
