package server

// The compliance features: the audit log (fail closed), conversation events
// and the Pseudonym call.

import (
	"cmp"
	"context"
	"slices"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"redactor/audit"
	"redactor/events"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/redact"
)

// AuditFailed reports that the audit log cannot be written: it is counted
// and logged, and, unless the server fails open, health turns NOT_SERVING
// (for the service and the server) so that load balancers send calls
// elsewhere. Wire the audit.Writer's OnError to it; the server also calls it
// when it finds the log failed.
func (s *Server) AuditFailed(err error) {
	s.auditOnce.Do(func() {
		s.metrics.auditErrors.Inc()
		if s.auditFailOpen {
			s.log.Error("audit log failed; serving without audit records (--audit-fail-open)", "err", err)
			return
		}
		s.log.Error("audit log failed; refusing new calls (fail closed)", "err", err)
		s.health.SetServingStatus("", healthpb.HealthCheckResponse_NOT_SERVING)
		s.health.SetServingStatus(pb.Redactor_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_NOT_SERVING)
	})
}

// auditGate refuses a new call when the audit log has failed and the server
// fails closed.
func (s *Server) auditGate() error {
	if s.audit == nil {
		return nil
	}
	err := s.audit.Err()
	if err == nil {
		return nil
	}
	s.AuditFailed(err)
	if s.auditFailOpen {
		return nil
	}
	s.metrics.auditRefused.Inc()
	return status.Error(codes.Unavailable, "the audit log cannot be written, so new calls are refused (fail closed); see the server's log and health")
}

// startAudit begins the audit records of a call, or returns nil without a
// working audit log.
func (s *Server) startAudit(snap *Snapshot, id, source string) *audit.StreamLog {
	if s.audit == nil || s.audit.Err() != nil {
		return nil
	}
	return s.audit.StartStream(id, source, redact.Meta{Name: snap.Pack.Name, Version: snap.Pack.Version, Hash: snap.Pack.Hash})
}

// flushAudit hands a call's records to the log. A call in progress goes on
// when the log fails (only new calls are refused); the writer counts what
// it drops.
func (s *Server) flushAudit(log *audit.StreamLog) {
	if log != nil {
		if err := log.Flush(); err != nil {
			s.AuditFailed(err)
		}
	}
}

// endAudit records the end of a call.
func (s *Server) endAudit(log *audit.StreamLog, ok bool, in, out int64) {
	if log != nil {
		if err := log.End(ok, in, out); err != nil {
			s.AuditFailed(err)
		}
	}
}

// auditCollectors returns the audit log's metrics, read from its counters
// at scrape time; none without an audit log.
func (s *Server) auditCollectors() []prometheus.Collector {
	w := s.audit
	if w == nil {
		return nil
	}
	return []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "redactor_audit_queue_bytes",
			Help: "Audit records waiting to be written, in estimated bytes of memory."},
			func() float64 { return float64(w.Stats().QueueBytes) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "redactor_audit_records_total",
			Help: "Audit records written (checkpoints excepted)."},
			func() float64 { return float64(w.Stats().Records) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "redactor_audit_checkpoints_total",
			Help: "Signed audit checkpoints written (each followed by an fsync)."},
			func() float64 { return float64(w.Stats().Checkpoints) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "redactor_audit_dropped_records_total",
			Help: "Audit records lost because the log had failed."},
			func() float64 { return float64(w.Stats().Dropped) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "redactor_audit_up",
			Help: "1 while the audit log can be written, 0 once it has failed."},
			func() float64 {
				if w.Stats().Failed {
					return 0
				}
				return 1
			}),
	}
}

// Pseudonym implements pb.RedactorServer.
func (s *Server) Pseudonym(ctx context.Context, req *pb.PseudonymRequest) (*pb.PseudonymResponse, error) {
	if s.key == nil {
		return nil, status.Error(codes.FailedPrecondition, "pseudonyms are not available: the server has no hash key (redactd --key-file)")
	}
	snap := s.src.Current()
	if _, ok := slices.BinarySearch(snap.types, req.Type); !ok {
		return nil, status.Errorf(codes.InvalidArgument, "type %q is not an entity type of the pack (see ListDetectors)", clip(req.Type))
	}
	if !utf8.ValidString(req.Value) {
		return nil, status.Error(codes.InvalidArgument, "value: invalid UTF-8")
	}
	if len(req.Value) > redact.MaxSpanLen*4 {
		return nil, status.Errorf(codes.InvalidArgument, "value is %d bytes; at most %d are allowed", len(req.Value), redact.MaxSpanLen*4)
	}
	if err := s.auditGate(); err != nil {
		return nil, err
	}
	p, err := redact.Pseudonym(s.key, req.Type, []byte(req.Value))
	if err != nil {
		return nil, status.Error(codes.Internal, "the pseudonym could not be computed")
	}
	if s.audit != nil {
		if err := s.audit.LogPseudonym(req.Type, "Pseudonym"); err != nil {
			s.AuditFailed(err)
			if !s.auditFailOpen {
				return nil, status.Error(codes.Unavailable, "the audit log cannot be written, so the pseudonym is refused (fail closed)")
			}
		}
	}
	s.metrics.pseudonyms.Inc()
	return &pb.PseudonymResponse{Pseudonym: p}, nil
}

// sortedEvents returns events sorted by start, then type.
func sortedEvents(evs []events.Event) []events.Event {
	evs = slices.Clone(evs)
	slices.SortStableFunc(evs, func(a, b events.Event) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Type, b.Type)
	})
	return evs
}

// voice is one (channel, speaker) of a stream, for events.
type voice struct {
	channel uint32
	speaker string
}

// eventSpeaker returns the events.Speaker of a chunk, registering its voice.
func (st *streamState) eventSpeaker(ch *pb.TranscriptChunk) events.Speaker {
	v := voice{ch.Channel, ch.Speaker}
	id, ok := st.voiceIDs[v]
	if !ok {
		if st.voiceIDs == nil {
			st.voiceIDs = map[voice]int32{}
		}
		id = int32(len(st.voices))
		st.voices = append(st.voices, v)
		st.voiceIDs[v] = id
	}
	role := events.RoleUnknown
	switch st.roles[ch.Speaker] {
	case pb.SpeakerRole_SPEAKER_ROLE_AGENT:
		role = events.RoleAgent
	case pb.SpeakerRole_SPEAKER_ROLE_CUSTOMER:
		role = events.RoleCustomer
	case pb.SpeakerRole_SPEAKER_ROLE_OTHER:
		role = events.RoleOther
	}
	return events.Speaker{ID: id, Role: role}
}

// takeEvents moves the events the stream decided into resp and records
// them. The events stream runs over the whole call (a segment end is only
// a sentence end to it), so its offsets are already stream offsets.
func (st *streamState) takeEvents(resp *pb.StreamRedactResponse) {
	if st.ev == nil || len(st.ev.Events()) == 0 {
		return
	}
	for _, e := range sortedEvents(st.ev.Events()) {
		pe := &pb.Event{Type: e.Type, Start: e.Start, End: e.End}
		speaker := ""
		if int(e.Speaker) < len(st.voices) {
			v := st.voices[e.Speaker]
			pe.Channel, pe.Speaker, speaker = v.channel, v.speaker, v.speaker
			pe.Role = st.roles[v.speaker]
		}
		resp.Events = append(resp.Events, pe)
		st.srv.metrics.event(e.Type)
		if st.log != nil {
			st.log.Event(e, speaker)
		}
	}
	st.events += int64(len(st.ev.Events()))
	st.ev.ClearEvents()
}
