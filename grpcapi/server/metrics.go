package server

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// metrics are the server's Prometheus metrics. Labels never carry transcript
// text: only method names, status codes, entity types, detector names, limit
// names and pack identities.
type metrics struct {
	streamsActive   prometheus.Gauge
	streamsTotal    prometheus.Counter
	receivedBytes   *prometheus.CounterVec // method
	sentBytes       *prometheus.CounterVec // method
	chunksReceived  *prometheus.CounterVec // kind: final, interim
	chunksSent      prometheus.Counter
	entities        *prometheus.CounterVec // type, detector
	muteRanges      prometheus.Counter
	chunkLatency    prometheus.Histogram
	heldBytes       prometheus.Gauge
	errors          *prometheus.CounterVec // method, code
	limitsExceeded  *prometheus.CounterVec // limit
	packReloads     *prometheus.CounterVec // result
	requestsTotal   *prometheus.CounterVec // method
	grpcStarted     *prometheus.CounterVec // grpc_type, grpc_service, grpc_method
	grpcHandled     *prometheus.CounterVec // ... grpc_code
	grpcMsgReceived *prometheus.CounterVec
	grpcMsgSent     *prometheus.CounterVec
	grpcHandling    *prometheus.HistogramVec

	unaryIn, unaryOut, streamIn, streamOut prometheus.Counter
	finalChunks, interimChunks             prometheus.Counter

	events       *prometheus.CounterVec // type
	pseudonyms   prometheus.Counter
	auditErrors  prometheus.Counter
	auditRefused prometheus.Counter

	// Children looked up once (WithLabelValues hashes and validates its
	// labels on every call): by entityKey, event type and full method.
	entityCounters sync.Map // entityKey -> prometheus.Counter
	eventCounters  sync.Map // string -> prometheus.Counter
	unaryCalls     sync.Map // full method -> *callMetrics
	streamCalls    sync.Map // full method -> *callMetrics
}

// entityKey is the labels of redactor_entities_total.
type entityKey struct{ typ, detector string }

// entity counts one entity.
func (m *metrics) entity(typ, detector string) {
	k := entityKey{typ, detector}
	if c, ok := m.entityCounters.Load(k); ok {
		c.(prometheus.Counter).Inc()
		return
	}
	c := m.entities.WithLabelValues(typ, detector)
	m.entityCounters.Store(k, c)
	c.Inc()
}

// event counts one conversation event.
func (m *metrics) event(typ string) {
	if c, ok := m.eventCounters.Load(typ); ok {
		c.(prometheus.Counter).Inc()
		return
	}
	c := m.events.WithLabelValues(typ)
	m.eventCounters.Store(typ, c)
	c.Inc()
}

// callMetrics are the children of one method's call metrics. Those a call
// may not touch are created on first use, as WithLabelValues would, so that
// no series appears before it is counted.
type callMetrics struct {
	typ, service, method    string
	started, recv, requests prometheus.Counter
	sent, handledOK         lazy[prometheus.Counter]
	handling                lazy[prometheus.Observer]
}

// lazy is a metric child created on first use.
type lazy[T any] struct{ p atomic.Pointer[T] }

func (l *lazy[T]) get(mk func() T) T {
	if v := l.p.Load(); v != nil {
		return *v
	}
	v := mk()
	l.p.Store(&v) // a race makes the same child twice: harmless
	return v
}

// call returns the metrics of a method, creating them on its first call.
func (m *metrics) call(cache *sync.Map, typ, full string) *callMetrics {
	if c, ok := cache.Load(full); ok {
		return c.(*callMetrics)
	}
	service, method := splitMethod(full)
	c := &callMetrics{typ: typ, service: service, method: method,
		started:  m.grpcStarted.WithLabelValues(typ, service, method),
		requests: m.requestsTotal.WithLabelValues(method),
	}
	if typ == "unary" {
		c.recv = m.grpcMsgReceived.WithLabelValues(typ, service, method)
	}
	v, _ := cache.LoadOrStore(full, c)
	return v.(*callMetrics)
}

func newMetrics() *metrics {
	m := &metrics{
		streamsActive: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "redactor_streams_active", Help: "StreamRedact streams in progress."}),
		streamsTotal: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "redactor_streams_total", Help: "StreamRedact streams started."}),
		receivedBytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_received_bytes_total", Help: "Transcript bytes received, by method."}, []string{"method"}),
		sentBytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_sent_bytes_total", Help: "Redacted bytes sent, by method."}, []string{"method"}),
		chunksReceived: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_chunks_received_total", Help: "Transcript chunks received on streams, by kind (final, interim)."}, []string{"kind"}),
		chunksSent: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "redactor_responses_sent_total", Help: "StreamRedact responses sent."}),
		entities: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_entities_total", Help: "Entities redacted, by entity type and detector."}, []string{"type", "detector"}),
		muteRanges: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "redactor_mute_ranges_total", Help: "Audio mute ranges sent."}),
		chunkLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "redactor_chunk_latency_seconds",
			Help:    "Time from receiving a stream chunk to having sent its response.",
			Buckets: []float64{25e-6, 50e-6, 100e-6, 250e-6, 500e-6, 1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 1},
		}),
		heldBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "redactor_held_bytes", Help: "Transcript bytes held back (received, not yet returned) over all streams."}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_errors_total", Help: "Calls that ended with an error, by method and status code."}, []string{"method", "code"}),
		limitsExceeded: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_limit_exceeded_total", Help: "Calls refused or ended because a limit was exceeded, by limit."}, []string{"limit"}),
		packReloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_pack_reloads_total", Help: "Detector pack reloads, by result (success, failure)."}, []string{"result"}),
		requestsTotal: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "redactor_requests_total", Help: "Calls started, by method."}, []string{"method"}),

		grpcStarted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_started_total", Help: "Total number of RPCs started on the server."}, grpcLabels),
		grpcHandled: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_handled_total", Help: "Total number of RPCs completed on the server, regardless of success or failure."},
			append(grpcLabels[:3:3], "grpc_code")),
		grpcMsgReceived: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_msg_received_total", Help: "Total number of RPC stream messages received on the server."}, grpcLabels),
		grpcMsgSent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "grpc_server_msg_sent_total", Help: "Total number of gRPC stream messages sent by the server."}, grpcLabels),
		grpcHandling: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "grpc_server_handling_seconds", Help: "Histogram of response latency (seconds) of gRPC that had been application-level handled by the server.",
			Buckets: []float64{1e-4, 5e-4, 1e-3, 5e-3, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 300, 3600},
		}, grpcLabels),
	}
	m.events = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "redactor_events_total", Help: "Conversation events found (OPT_OUT_REQUEST, RECORDING_DISCLOSURE, ...), by type."}, []string{"type"})
	m.pseudonyms = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "redactor_pseudonym_requests_total", Help: "Pseudonym calls answered (data-subject requests)."})
	m.auditErrors = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "redactor_audit_errors_total", Help: "Failures to write the audit log (after one, the log stays failed until restart)."})
	m.auditRefused = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "redactor_audit_refused_calls_total", Help: "Calls refused because the audit log cannot be written (fail closed)."})
	m.unaryIn = m.receivedBytes.WithLabelValues("Redact")
	m.unaryOut = m.sentBytes.WithLabelValues("Redact")
	m.streamIn = m.receivedBytes.WithLabelValues("StreamRedact")
	m.streamOut = m.sentBytes.WithLabelValues("StreamRedact")
	m.finalChunks = m.chunksReceived.WithLabelValues("final")
	m.interimChunks = m.chunksReceived.WithLabelValues("interim")
	m.packReloads.WithLabelValues("success")
	m.packReloads.WithLabelValues("failure")
	return m
}

var grpcLabels = []string{"grpc_type", "grpc_service", "grpc_method"}

func (m *metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{
		m.streamsActive, m.streamsTotal, m.receivedBytes, m.sentBytes, m.chunksReceived, m.chunksSent,
		m.entities, m.muteRanges, m.chunkLatency, m.heldBytes, m.errors, m.limitsExceeded,
		m.packReloads, m.requestsTotal, m.grpcStarted, m.grpcHandled, m.grpcMsgReceived, m.grpcMsgSent, m.grpcHandling,
		m.events, m.pseudonyms, m.auditErrors, m.auditRefused,
	}
}

// packInfoCollector exports redactor_pack_info{name,version,hash} 1 for the
// pack the source serves at scrape time.
type packInfoCollector struct {
	src  EngineSource
	desc *prometheus.Desc
}

func newPackInfoCollector(src EngineSource) *packInfoCollector {
	return &packInfoCollector{src: src, desc: prometheus.NewDesc("redactor_pack_info",
		"The active detector pack (always 1).", []string{"name", "version", "hash"}, nil)}
}

func (c *packInfoCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *packInfoCollector) Collect(ch chan<- prometheus.Metric) {
	if s := c.src.Current(); s != nil {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, 1, s.Pack.Name, s.Pack.Version, s.Pack.Hash)
	}
}

// splitMethod splits "/pkg.Service/Method" into service and method.
func splitMethod(full string) (service, method string) {
	full = strings.TrimPrefix(full, "/")
	if i := strings.LastIndexByte(full, '/'); i >= 0 {
		return full[:i], full[i+1:]
	}
	return "unknown", full
}

// observe records the end of a call.
func (m *metrics) observe(c *callMetrics, start time.Time, err error) {
	code := status.Code(err)
	if code == codes.OK {
		c.handledOK.get(func() prometheus.Counter {
			return m.grpcHandled.WithLabelValues(c.typ, c.service, c.method, code.String())
		}).Inc()
	} else {
		m.grpcHandled.WithLabelValues(c.typ, c.service, c.method, code.String()).Inc()
	}
	c.handling.get(func() prometheus.Observer {
		return m.grpcHandling.WithLabelValues(c.typ, c.service, c.method)
	}).Observe(time.Since(start).Seconds())
	if code != codes.OK {
		m.errors.WithLabelValues(c.method, code.String()).Inc()
	}
}

func (m *metrics) unaryInterceptor(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	c := m.call(&m.unaryCalls, "unary", info.FullMethod)
	start := time.Now()
	c.started.Inc()
	c.recv.Inc()
	c.requests.Inc()
	resp, err := handler(ctx, req)
	if err == nil {
		c.sent.get(func() prometheus.Counter {
			return m.grpcMsgSent.WithLabelValues(c.typ, c.service, c.method)
		}).Inc()
	}
	m.observe(c, start, err)
	return resp, err
}

func (m *metrics) streamInterceptor(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	typ := "bidi_stream"
	switch {
	case info.IsClientStream && !info.IsServerStream:
		typ = "client_stream"
	case !info.IsClientStream && info.IsServerStream:
		typ = "server_stream"
	}
	c := m.call(&m.streamCalls, typ, info.FullMethod)
	start := time.Now()
	c.started.Inc()
	c.requests.Inc()
	w := &countingStream{ServerStream: ss,
		recv: m.grpcMsgReceived.WithLabelValues(typ, c.service, c.method),
		sent: m.grpcMsgSent.WithLabelValues(typ, c.service, c.method)}
	err := handler(srv, w)
	m.observe(c, start, err)
	return err
}

// countingStream counts the messages of a stream.
type countingStream struct {
	grpc.ServerStream
	recv, sent prometheus.Counter
}

func (s *countingStream) RecvMsg(m any) error {
	err := s.ServerStream.RecvMsg(m)
	if err == nil {
		s.recv.Inc()
	}
	return err
}

func (s *countingStream) SendMsg(m any) error {
	err := s.ServerStream.SendMsg(m)
	if err == nil {
		s.sent.Inc()
	}
	return err
}
