package server

import (
	"fmt"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// Limits bound what one client can make the server do. A zero field takes
// its default (DefaultLimits); a negative one disables the limit.
type Limits struct {
	// MaxMessageBytes bounds every request message (gRPC refuses a larger
	// one with RESOURCE_EXHAUSTED).
	MaxMessageBytes int
	// MaxChunksPerSecond is the sustained chunk rate of one stream, interim
	// chunks included; ChunkBurst chunks may arrive at once above it.
	MaxChunksPerSecond float64
	ChunkBurst         int
	// MaxHeldBytes bounds the text one stream holds back (received but not
	// yet final). A value below the engine's MaxHold can refuse legitimate
	// text: a run without any cut point as long as the limit.
	MaxHeldBytes int
	// MaxStreamDuration bounds the life of one stream.
	MaxStreamDuration time.Duration
	// MaxConcurrentStreams bounds the StreamRedact streams in progress.
	MaxConcurrentStreams int
}

// DefaultLimits are the limits used for zero fields.
var DefaultLimits = Limits{
	MaxMessageBytes:      1 << 20,
	MaxChunksPerSecond:   1000,
	ChunkBurst:           5000,
	MaxHeldBytes:         64 << 10,
	MaxStreamDuration:    4 * time.Hour,
	MaxConcurrentStreams: 10000,
}

// withDefaults fills zero fields from DefaultLimits and turns negative ones
// into 0 (no limit).
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	pick := func(v, def int) int {
		switch {
		case v == 0:
			return def
		case v < 0:
			return 0
		}
		return v
	}
	l.MaxMessageBytes = pick(l.MaxMessageBytes, d.MaxMessageBytes)
	l.ChunkBurst = pick(l.ChunkBurst, d.ChunkBurst)
	l.MaxHeldBytes = pick(l.MaxHeldBytes, d.MaxHeldBytes)
	l.MaxConcurrentStreams = pick(l.MaxConcurrentStreams, d.MaxConcurrentStreams)
	switch {
	case l.MaxChunksPerSecond == 0:
		l.MaxChunksPerSecond = d.MaxChunksPerSecond
	case l.MaxChunksPerSecond < 0:
		l.MaxChunksPerSecond = 0
	}
	switch {
	case l.MaxStreamDuration == 0:
		l.MaxStreamDuration = d.MaxStreamDuration
	case l.MaxStreamDuration < 0:
		l.MaxStreamDuration = 0
	}
	if l.ChunkBurst == 0 && l.MaxChunksPerSecond > 0 {
		l.ChunkBurst = 1
	}
	return l
}

// limitError is the RESOURCE_EXHAUSTED status for an exceeded limit; it
// also counts it.
func (s *Server) limitError(limit, format string, args ...any) error {
	s.metrics.limitsExceeded.WithLabelValues(limit).Inc()
	return status.Error(codes.ResourceExhausted, fmt.Sprintf(format, args...))
}

// bucket is a token bucket: rate tokens per second, at most burst stored.
type bucket struct {
	rate, burst, tokens float64
	last                time.Time
}

func newBucket(rate float64, burst int, now time.Time) bucket {
	return bucket{rate: rate, burst: float64(burst), tokens: float64(burst), last: now}
}

// take takes a token; false when none is left. A zero rate never refuses.
func (b *bucket) take(now time.Time) bool {
	if b.rate <= 0 {
		return true
	}
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
