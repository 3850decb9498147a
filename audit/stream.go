package audit

import (
	"redactor/events"
	"redactor/redact"
)

// StreamLog collects the records of one stream and hands them to the
// Writer in batches. It is not safe for concurrent use; one per stream.
type StreamLog struct {
	w        *Writer
	id       string
	items    []item
	arena    []byte // the values of the batch's redactions
	values   bool
	entities int64
	events   int64
	ended    bool
}

// StartStream begins the records of a stream: id is the stream id, source
// what it came through ("redact", "Redact", "StreamRedact"), meta its pack.
// The stream_start record goes with the first Flush.
func (w *Writer) StartStream(id, source string, meta redact.Meta) *StreamLog {
	l := &StreamLog{w: w, id: id, values: w.pseud != nil}
	l.items = append(l.items, item{rec: &record{kind: KindStreamStart, stream: id, source: source,
		pack: &Pack{Name: meta.Name, Version: meta.Version, Hash: meta.Hash}}})
	return l
}

// WantsValues reports whether Redaction uses the value (a pseudonym key is
// configured); when it does not, callers may pass nil and skip finding it.
func (l *StreamLog) WantsValues() bool { return l.values }

// Redaction records one entity, e in stream offsets, replaced by op. value
// is the original text of the entity, used only to compute its keyed
// pseudonym when WantsValues (it is copied, and never written).
func (l *StreamLog) Redaction(e redact.Entity, op redact.OperatorKind, value []byte) {
	it := item{e: e, op: op}
	if l.values && value != nil {
		// Values share one buffer per batch, handed over with it.
		if cap(l.arena)-len(l.arena) < len(value) {
			l.arena = make([]byte, 0, max(4096, len(value)))
		}
		k := len(l.arena)
		l.arena = append(l.arena, value...)
		it.value = l.arena[k:len(l.arena):len(l.arena)]
	}
	l.items = append(l.items, it)
	l.entities++
}

// Event records one conversation event; speaker is the speaker's label
// (empty when unknown).
func (l *StreamLog) Event(e events.Event, speaker string) {
	r := &record{kind: KindEvent, stream: l.id, typ: e.Type, start: e.Start, end: e.End, speaker: speaker}
	if e.Role != events.RoleUnknown {
		r.role = e.Role.String()
	}
	l.items = append(l.items, item{rec: r})
	l.events++
}

// Flush hands the records collected so far to the writer, waiting while its
// queue is full. It returns the writer's error when the log has failed (the
// records are then dropped and counted).
func (l *StreamLog) Flush() error {
	if len(l.items) == 0 {
		return l.w.Err()
	}
	b := batch{items: l.items, stream: l.id, time: l.w.opts.now()}
	l.items = make([]item, 0, min(cap(l.items), 64))
	l.arena = nil
	return l.w.enqueue(b)
}

// End records the end of the stream (ok false: it failed) with its byte
// counts, and flushes.
func (l *StreamLog) End(ok bool, bytesIn, bytesOut int64) error {
	if l.ended {
		return nil
	}
	l.ended = true
	status := "ok"
	if !ok {
		status = "failed"
	}
	l.items = append(l.items, item{rec: &record{kind: KindStreamEnd, stream: l.id, status: status,
		bytesIn: bytesIn, bytesOut: bytesOut, entities: l.entities, events: l.events}})
	return l.Flush()
}

// LogPseudonym records that a pseudonym of type typ was computed for a
// data-subject request (the value is not recorded), through source.
func (w *Writer) LogPseudonym(typ, source string) error {
	return w.enqueue(batch{items: []item{{rec: &record{kind: KindPseudonym, typ: typ, source: source}}}, time: w.opts.now()})
}
