package main

import (
	"cmp"
	"fmt"
	"slices"

	"redactor/audit"
	"redactor/events"
	"redactor/redact"
)

// openAudit opens the run's audit log (--audit-log), or returns nil.
func openAudit(cfg *config) (*audit.Writer, error) {
	if cfg.auditLog == "" {
		return nil, nil
	}
	w, err := audit.Open(audit.Options{Path: cfg.auditLog, Key: cfg.auditKey, PseudonymKey: cfg.pseudonymKey, Writer: "redact"})
	if err != nil {
		return nil, fmt.Errorf("--audit-log: %v", err)
	}
	return w, nil
}

// recorder follows one stream for the audit log and the conversation
// events. For pseudonyms it keeps the original text the engine may still
// report entities in (what the stream holds back, and the last piece).
type recorder struct {
	log       *audit.StreamLog // nil: no audit log
	ev        *events.Stream   // nil: no events
	keep      bool             // keep the text for pseudonyms
	tail      []byte
	tailStart int64 // stream offset of tail[0]
	n         int64 // bytes given to input
}

// newRecorder starts the records of a stream with id; w and m may be nil.
func newRecorder(w *audit.Writer, m *events.Matcher, id string, meta redact.Meta) *recorder {
	r := &recorder{}
	if w != nil {
		r.log = w.StartStream(id, "redact", meta)
		r.keep = r.log.WantsValues()
	}
	if m != nil {
		r.ev = m.NewStream()
	}
	return r
}

// input takes the next piece of the original text, before the engine does.
func (r *recorder) input(text []byte, chunk int) {
	if r.keep {
		r.tail = append(r.tail, text...)
	}
	r.n += int64(len(text))
	if r.ev != nil {
		feedEvents(r.ev, text, chunk)
	}
}

// record passes the entities the stream reported to the audit log, and
// forgets them and the text no later entity can be in.
func (r *recorder) record(s *redact.Stream) {
	if r.log != nil {
		for _, e := range s.Entities() {
			var v []byte
			if r.keep {
				v = r.tail[e.Start-r.tailStart : e.End-r.tailStart]
			}
			r.log.Redaction(e, s.OperatorFor(e.Type).Kind, v)
		}
	}
	s.ClearEntities()
	if r.keep {
		in, _ := s.Offsets()
		if k := in - r.tailStart; k > 0 {
			r.tail = r.tail[:copy(r.tail, r.tail[k:])]
			r.tailStart = in
		}
	}
}

// flush hands the records so far to the log.
func (r *recorder) flush() error {
	if r.log == nil {
		return nil
	}
	if err := r.log.Flush(); err != nil {
		return fmt.Errorf("audit log: %v", err)
	}
	return nil
}

// finish ends the events and the stream's records; ok false marks a failed
// stream. It returns the events, sorted by start.
func (r *recorder) finish(ok bool, out int64) ([]events.Event, error) {
	var evs []events.Event
	if r.ev != nil && ok {
		r.ev.Close()
		evs = sortEvents(r.ev.Events())
	}
	if r.log == nil {
		return evs, nil
	}
	for _, e := range evs {
		r.log.Event(e, "")
	}
	if err := r.log.End(ok, r.n, out); err != nil {
		return evs, fmt.Errorf("audit log: %v", err)
	}
	return evs, nil
}

// feedEvents writes text to an events stream in pieces of chunk bytes, as
// feed does for the engine.
func feedEvents(ev *events.Stream, text []byte, chunk int) {
	if chunk <= 0 {
		ev.Write(text, events.Speaker{})
		return
	}
	for len(text) > 0 {
		k := min(chunk, len(text))
		ev.Write(text[:k], events.Speaker{})
		text = text[k:]
	}
}

// sortEvents sorts events by start, then type.
func sortEvents(evs []events.Event) []events.Event {
	evs = slices.Clone(evs)
	slices.SortStableFunc(evs, func(a, b events.Event) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Type, b.Type)
	})
	return evs
}

// idRedactor redacts stream ids for the audit log with the default
// operator, as redactd does for its logs: callers build ids from phone
// numbers.
type idRedactor struct {
	s   *redact.Stream
	out []byte
}

func newIDRedactor(e *redact.Engine) *idRedactor {
	s, _ := e.NewStream(redact.Config{})
	return &idRedactor{s: s}
}

func (r *idRedactor) redact(id string) string {
	if r == nil || r.s == nil || id == "" {
		return id
	}
	r.s.Reset()
	r.s.ClearEntities()
	out, err := r.s.Write(r.out[:0], []byte(id))
	if err == nil {
		out, err = r.s.Close(out)
	}
	r.out = out
	if err != nil {
		return "[unavailable]"
	}
	return string(out)
}
