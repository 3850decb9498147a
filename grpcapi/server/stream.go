package server

import (
	"fmt"
	"time"
	"unicode/utf8"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"redactor/audit"
	"redactor/events"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/redact"
)

// Defaults of MuteOptions.
const (
	DefaultMutePaddingMs  = 100
	DefaultMuteMergeGapMs = 250
)

// maxStreamID bounds StreamConfig.stream_id.
const maxStreamID = 128

// word is a word timing in stream coordinates.
type word struct {
	start, end     int64 // original stream bytes
	startMs, endMs int64
	channel        uint32
}

// chunkMeta is where a run of chunks with one channel and speaker began.
type chunkMeta struct {
	start   int64
	channel uint32
	speaker string
}

// streamState is the server side of one StreamRedact stream.
type streamState struct {
	srv   *Server
	snap  *Snapshot
	cfg   redact.Config
	es    *redact.Stream // the engine stream
	ps    *redact.Stream // for interim previews, created on first use
	id    string         // the stream id, redacted, for logs
	roles map[string]pb.SpeakerRole
	padMs int64
	gapMs int64

	baseIn, baseOut int64 // stream offsets where the current segment began
	doneIn, doneOut int64 // stream offsets up to which output is final
	fedIn           int64 // original bytes received
	// unc holds the original bytes from uncStart to fedIn: up to
	// previewContext bytes of final text (the left context) and the text
	// held back. Interim previews redact it with the interim text.
	unc      []byte
	uncStart int64

	words    []word // word timings not yet behind doneIn
	prevWord word   // the last word pruned from words
	havePrev bool
	metas    []chunkMeta
	lastMute map[uint32]int64 // end of the last mute range sent, per channel

	out        []byte
	pbuf, pout []byte
	held       int64 // held bytes last reported to the gauge

	ev       *events.Stream // conversation events over the whole call; nil: none
	voices   []voice        // the (channel, speaker) of each events.Speaker id
	voiceIDs map[voice]int32
	log      *audit.StreamLog // nil: no audit log

	chunks, interims, bytesIn, bytesOut, entities, events int64
}

// previewContext is how much final text precedes the held text in a preview,
// so that detectors see their left context: at least any detector's
// Lookbehind (at most redact.MaxSpanLen).
const previewContext = redact.MaxSpanLen

// StreamRedact implements pb.RedactorServer.
func (s *Server) StreamRedact(ss pb.Redactor_StreamRedactServer) (err error) {
	if n := s.active.Add(1); s.limits.MaxConcurrentStreams > 0 && n > int64(s.limits.MaxConcurrentStreams) {
		s.active.Add(-1)
		return s.limitError("concurrent_streams", "too many concurrent streams (limit %d); retry later", s.limits.MaxConcurrentStreams)
	}
	s.streams.Add(1)
	s.metrics.streamsTotal.Inc()
	s.metrics.streamsActive.Inc()
	defer func() {
		s.active.Add(-1)
		s.metrics.streamsActive.Dec()
		s.streams.Done()
	}()
	started := time.Now()

	first, err := ss.Recv()
	if err != nil {
		if ioEOF(err) {
			return status.Error(codes.InvalidArgument, "the stream ended before its config: the first message must be a StreamConfig")
		}
		return err
	}
	cfg := first.GetConfig()
	if cfg == nil {
		return status.Error(codes.InvalidArgument, "the first message must be a StreamConfig, not a chunk")
	}
	st, err := s.openStream(cfg)
	if err != nil {
		return err
	}
	defer st.close()
	defer func() { s.endAudit(st.log, err == nil, st.bytesIn, st.bytesOut) }()
	defer func() {
		s.log.Info("stream ended", "stream_id", st.id, "code", status.Code(err).String(),
			"chunks", st.chunks, "interim_chunks", st.interims, "bytes_in", st.bytesIn, "bytes_out", st.bytesOut,
			"entities", st.entities, "events", st.events, "duration_ms", time.Since(started).Milliseconds())
	}()
	s.log.Info("stream started", "stream_id", st.id, "pack", st.snap.Pack.Name, "version", st.snap.Pack.Version)
	l := s.limits
	ack := &pb.StreamRedactResponse{StreamInfo: &pb.StreamInfo{Pack: st.snap.proto, Limits: &pb.StreamLimits{
		MaxMessageBytes: uint32(l.MaxMessageBytes), MaxChunksPerSecond: l.MaxChunksPerSecond,
		ChunkBurst: uint32(l.ChunkBurst), MaxHeldBytes: uint32(l.MaxHeldBytes), MaxDurationMs: l.MaxStreamDuration.Milliseconds(),
	}}}
	if err := ss.Send(ack); err != nil {
		return err
	}

	msgs := make(chan recvResult)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			m, err := ss.Recv()
			select {
			case msgs <- recvResult{msg: m, err: err, at: time.Now()}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	var expired <-chan time.Time
	if l.MaxStreamDuration > 0 {
		t := time.NewTimer(l.MaxStreamDuration - time.Since(started))
		defer t.Stop()
		expired = t.C
	}
	rate := newBucket(l.MaxChunksPerSecond, l.ChunkBurst, started)
	resp := &pb.StreamRedactResponse{}
	for {
		select {
		case r := <-msgs:
			if r.err != nil {
				if ioEOF(r.err) {
					return st.finish(ss, resp)
				}
				return r.err
			}
			ch := r.msg.GetChunk()
			if ch == nil {
				if r.msg.GetConfig() != nil {
					return status.Error(codes.InvalidArgument, "a StreamConfig may only be the first message of a stream")
				}
				return status.Error(codes.InvalidArgument, "empty message: set config or chunk")
			}
			if !rate.take(r.at) {
				return s.limitError("chunk_rate", "chunk rate above the limit (%g per second, burst %d)", l.MaxChunksPerSecond, l.ChunkBurst)
			}
			if err := st.handle(ss, resp, ch); err != nil {
				return err
			}
			s.metrics.chunkLatency.Observe(time.Since(r.at).Seconds())
		case <-expired:
			if err := st.finish(ss, resp); err != nil {
				return err
			}
			return s.limitError("stream_duration", "the stream reached the maximum duration (%v); held text was flushed", l.MaxStreamDuration)
		case <-s.draining:
			if err := st.finish(ss, resp); err != nil {
				return err
			}
			return status.Error(codes.Unavailable, "the server is shutting down; held text was flushed, continue on a new stream")
		case <-ss.Context().Done():
			return status.FromContextError(ss.Context().Err()).Err()
		}
	}
}

// openStream validates a StreamConfig and sets up the stream's state.
func (s *Server) openStream(cfg *pb.StreamConfig) (*streamState, error) {
	if err := validStreamID(cfg.StreamId); err != nil {
		return nil, err
	}
	snap, err := s.snapshot(cfg.GetOptions().GetPack())
	if err != nil {
		return nil, err
	}
	if err := s.auditGate(); err != nil {
		return nil, err
	}
	rc, err := s.streamConfig(cfg.GetOptions())
	if err != nil {
		return nil, err
	}
	es, err := snap.Engine.NewStream(rc)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	for sp, r := range cfg.SpeakerRoles {
		if _, ok := pb.SpeakerRole_name[int32(r)]; !ok {
			return nil, status.Errorf(codes.InvalidArgument, "speaker_roles: unknown role %d", r)
		}
		_ = sp
	}
	st := &streamState{
		srv: s, snap: snap, cfg: rc, es: es, roles: cfg.SpeakerRoles,
		padMs: DefaultMutePaddingMs, gapMs: DefaultMuteMergeGapMs,
	}
	if m := cfg.GetMute(); m != nil {
		if m.PaddingMs != nil {
			st.padMs = int64(*m.PaddingMs)
		}
		if m.MergeGapMs != nil {
			st.gapMs = int64(*m.MergeGapMs)
		}
	}
	st.id = s.redactedID(snap, cfg.StreamId)
	if snap.Events != nil {
		st.ev = snap.Events.NewStream()
	}
	st.log = s.startAudit(snap, st.id, "StreamRedact")
	return st, nil
}

// validStreamID checks StreamConfig.stream_id.
func validStreamID(id string) error {
	if len(id) > maxStreamID {
		return status.Errorf(codes.InvalidArgument, "stream_id is %d bytes; at most %d are allowed", len(id), maxStreamID)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(redact.IsAlnum(c) || c == '.' || c == '_' || c == ':' || c == '-') {
			return status.Errorf(codes.InvalidArgument, "stream_id: byte %d is not one of A-Z a-z 0-9 . _ : -", i)
		}
	}
	return nil
}

// redactedID returns the stream id as logs show it: redacted, since callers
// sometimes build ids from phone numbers.
func (s *Server) redactedID(snap *Snapshot, id string) string {
	if id == "" {
		return ""
	}
	st, release, err := snap.defaultStream()
	if err != nil {
		return "[unavailable]"
	}
	defer release()
	out, err := st.Write(nil, []byte(id))
	if err == nil {
		out, err = st.Close(out)
	}
	if err != nil {
		return "[unavailable]"
	}
	return string(out)
}

// close releases the stream's share of the held-bytes gauge.
func (st *streamState) close() {
	st.srv.metrics.heldBytes.Sub(float64(st.held))
	st.held = 0
}

// validateWords checks a chunk's word timings: inside the text, in order,
// not overlapping, times not negative nor reversed.
func validateWords(ch *pb.TranscriptChunk, n int64) error {
	var prevEnd uint32
	for i, w := range ch.Words {
		switch {
		case w.TextStartBytes >= w.TextEndBytes || int(w.TextEndBytes) > len(ch.Text):
			return status.Errorf(codes.InvalidArgument, "chunk %d: word %d: byte range [%d, %d) is empty or outside the text (%d bytes)",
				n, i, w.TextStartBytes, w.TextEndBytes, len(ch.Text))
		case w.TextStartBytes < prevEnd:
			return status.Errorf(codes.InvalidArgument, "chunk %d: word %d: words must be in text order and not overlap", n, i)
		case w.StartMs < 0 || w.EndMs < w.StartMs:
			return status.Errorf(codes.InvalidArgument, "chunk %d: word %d: times [%d, %d] ms are negative or reversed", n, i, w.StartMs, w.EndMs)
		}
		prevEnd = w.TextEndBytes
	}
	return nil
}

// handle answers one chunk.
func (st *streamState) handle(ss pb.Redactor_StreamRedactServer, resp *pb.StreamRedactResponse, ch *pb.TranscriptChunk) error {
	m := st.srv.metrics
	n := st.chunks + st.interims + 1 // chunk number, for messages
	if ch.Interim {
		if ch.EndOfSegment {
			return status.Errorf(codes.InvalidArgument, "chunk %d: an interim chunk cannot end a segment", n)
		}
		st.interims++
		m.interimChunks.Inc()
		resp.Reset()
		resp.Sequence = ch.Sequence
		resp.HeldBytes = int64(st.es.Held())
		p, err := st.preview(ch.Text)
		if err != nil {
			return err
		}
		resp.Preview = p
		return st.send(ss, resp)
	}
	if err := validateWords(ch, n); err != nil {
		return err
	}
	st.chunks++
	m.finalChunks.Inc()
	m.streamIn.Add(float64(len(ch.Text)))
	st.bytesIn += int64(len(ch.Text))

	start := st.fedIn
	if k := len(st.metas); k == 0 || st.metas[k-1].channel != ch.Channel || st.metas[k-1].speaker != ch.Speaker {
		st.metas = append(st.metas, chunkMeta{start: start, channel: ch.Channel, speaker: ch.Speaker})
	}
	for _, w := range ch.Words {
		st.words = append(st.words, word{
			start: start + int64(w.TextStartBytes), end: start + int64(w.TextEndBytes),
			startMs: w.StartMs, endMs: w.EndMs, channel: ch.Channel,
		})
	}
	st.unc = append(st.unc, ch.Text...)
	text := st.unc[len(st.unc)-len(ch.Text):]
	if st.ev != nil {
		st.ev.Write(text, st.eventSpeaker(ch))
		if ch.EndOfSegment {
			st.ev.EndSegment()
		}
	}
	var err error
	st.out, err = st.es.Write(st.out[:0], text)
	if err == nil && ch.EndOfSegment {
		st.out, err = st.es.Close(st.out)
	}
	if err != nil {
		return inputError(shift(err, st.baseIn), fmt.Sprintf("chunk %d", n))
	}
	st.fedIn += int64(len(text))
	if l := st.srv.limits.MaxHeldBytes; l > 0 && st.es.Held() > l {
		return st.srv.limitError("held_bytes", "the stream holds back %d bytes, above the limit of %d: send text with spaces or segment ends", st.es.Held(), l)
	}
	resp.Reset()
	resp.Sequence = ch.Sequence
	st.fill(resp)
	if ch.EndOfSegment {
		st.baseIn, st.baseOut = st.doneIn, st.doneOut
		st.es.NextSegment() // label numbers go on across segments
		st.unc, st.uncStart = st.unc[:0], st.doneIn
	}
	st.prune()
	return st.send(ss, resp)
}

// shift moves an InputError's offset from segment to stream coordinates.
func shift(err error, base int64) error {
	if ie, ok := err.(*redact.InputError); ok {
		return &redact.InputError{Offset: ie.Offset + base, Reason: ie.Reason}
	}
	return err
}

// fill puts the output of the last Write or Close (st.out and the engine's
// entities) into resp and advances doneIn and doneOut.
func (st *streamState) fill(resp *pb.StreamRedactResponse) {
	m := st.srv.metrics
	in, out := st.es.Offsets()
	resp.Text = string(st.out)
	resp.RedactedStart = st.doneOut
	resp.OriginalStart = st.doneIn
	st.doneIn, st.doneOut = st.baseIn+in, st.baseOut+out
	resp.OriginalEnd = st.doneIn
	resp.HeldBytes = int64(st.es.Held())
	if ents := st.es.Entities(); len(ents) > 0 {
		resp.Entities = make([]*pb.Entity, len(ents))
		for i, e := range ents {
			pe := entityProto(e, st.baseIn, st.baseOut)
			if meta := st.metaAt(pe.Start); meta != nil {
				pe.Channel, pe.Speaker = meta.channel, meta.speaker
				pe.Role = st.roles[meta.speaker]
			}
			pe.AudioSpans = st.audioSpans(pe.Start, pe.End)
			resp.Entities[i] = pe
			m.entity(e.Type, e.Detector)
			if st.log != nil {
				se := e
				se.Start, se.End, se.RedactedStart, se.RedactedEnd = pe.Start, pe.End, pe.RedactedStart, pe.RedactedEnd
				var v []byte
				if st.log.WantsValues() {
					v = st.unc[pe.Start-st.uncStart : pe.End-st.uncStart]
				}
				st.log.Redaction(se, st.es.OperatorFor(e.Type).Kind, v)
			}
		}
		st.entities += int64(len(ents))
		st.es.ClearEntities()
		resp.MuteRanges = st.muteRanges(resp.Entities)
		m.muteRanges.Add(float64(len(resp.MuteRanges)))
	}
	st.takeEvents(resp)
	st.srv.flushAudit(st.log)
	st.bytesOut += int64(len(st.out))
	m.streamOut.Add(float64(len(st.out)))
	if d := resp.HeldBytes - st.held; d != 0 {
		m.heldBytes.Add(float64(d))
		st.held = resp.HeldBytes
	}
}

// metaAt returns the chunk metadata in force at stream offset off.
func (st *streamState) metaAt(off int64) *chunkMeta {
	for i := len(st.metas) - 1; i >= 0; i-- {
		if st.metas[i].start <= off {
			return &st.metas[i]
		}
	}
	return nil
}

// prune drops what no later response needs: final text beyond the preview
// context, words and chunk metadata behind doneIn.
func (st *streamState) prune() {
	keepFrom := max(st.uncStart, st.doneIn-previewContext, st.baseIn)
	// Keep whole characters: the preview stream must see valid UTF-8.
	for keepFrom < st.doneIn && !utf8.RuneStart(st.unc[keepFrom-st.uncStart]) {
		keepFrom++
	}
	if k := keepFrom - st.uncStart; k > 0 {
		st.unc = st.unc[:copy(st.unc, st.unc[k:])]
		st.uncStart = keepFrom
	}
	k := 0
	for k < len(st.words) && st.words[k].end <= st.doneIn {
		k++
	}
	if k > 0 {
		st.prevWord, st.havePrev = st.words[k-1], true
		st.words = st.words[:copy(st.words, st.words[k:])]
	}
	k = 0
	for k+1 < len(st.metas) && st.metas[k+1].start <= st.doneIn {
		k++
	}
	if k > 0 {
		st.metas = st.metas[:copy(st.metas, st.metas[k:])]
	}
}

// finish flushes the stream at its end (the client's half-close, the
// duration limit, a shutdown) with a last response.
func (st *streamState) finish(ss pb.Redactor_StreamRedactServer, resp *pb.StreamRedactResponse) error {
	var err error
	st.out, err = st.es.Close(st.out[:0])
	if err != nil {
		return inputError(shift(err, st.baseIn), "end of stream")
	}
	if st.ev != nil {
		st.ev.Close()
	}
	resp.Reset()
	st.fill(resp)
	resp.EndOfStream = true
	return st.send(ss, resp)
}

// send sends a response.
func (st *streamState) send(ss pb.Redactor_StreamRedactServer, resp *pb.StreamRedactResponse) error {
	if err := ss.Send(resp); err != nil {
		return err
	}
	st.srv.metrics.chunksSent.Inc()
	return nil
}
