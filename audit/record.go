package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"unicode/utf8"

	"redactor/redact"
)

// Kind says what a record records.
type Kind uint8

// Record kinds.
const (
	KindOpen        Kind = iota + 1 // a writer opened the log
	KindStreamStart                 // a stream began: its id, source and pack
	KindRedaction                   // one entity was redacted
	KindEvent                       // one conversation event was found
	KindStreamEnd                   // a stream ended: its status and counts
	KindPseudonym                   // a pseudonym was computed for a data-subject request (type only)
	KindCheckpoint                  // the signed chain head
)

var kindNames = [...]string{
	KindOpen: "open", KindStreamStart: "stream_start", KindRedaction: "redaction", KindEvent: "event",
	KindStreamEnd: "stream_end", KindPseudonym: "pseudonym", KindCheckpoint: "checkpoint",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "unknown"
}

// record is one audit record other than a redaction, before it is chained.
type record struct {
	kind   Kind
	stream string // the stream id

	source string // stream_start, pseudonym: "redact", "Redact", "StreamRedact" ...
	pack   *Pack  // stream_start

	typ           string // event, pseudonym
	start, end    int64  // event
	speaker, role string // event

	status            string // stream_end: "ok" or "failed"
	bytesIn, bytesOut int64
	entities, events  int64

	writer string // open
}

// item is one queued record: a redaction (rec nil) or another record. A
// redaction is the entity itself, so that the stream path copies as little
// as it can. value exists only so that the writer can compute the keyed
// pseudonym off the stream path; it is never written.
type item struct {
	rec   *record
	e     redact.Entity
	op    redact.OperatorKind
	value []byte
}

// size estimates the memory a queued item holds, for the queue bound.
func (it *item) size() int {
	n := 128 + len(it.value)
	if it.rec != nil {
		n += 256
	}
	return n
}

// Pack identifies the detector pack of a stream.
type Pack struct {
	Name, Version, Hash string
}

// hashMarker separates a record's content from its hash; sigMarker the
// hash from a checkpoint's signature.
const (
	hashMarker = `,"hash":"`
	sigMarker  = `","sig":"`
)

// sigContext is what a checkpoint signature signs before the chain head.
const sigContext = "redactor-audit-v1 checkpoint\x00"

// appendHead appends the fields every record starts with:
// `{"seq":N,"prev":"HEX","kind":"K","time":"T"`. The order of the keys is
// fixed and there is no space, so the bytes are the record's one canonical
// form.
func appendHead(b []byte, seq uint64, prev *[sha256.Size]byte, kind Kind, t []byte) []byte {
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, seq, 10)
	b = append(b, `,"prev":"`...)
	b = hex.AppendEncode(b, prev[:])
	b = append(b, `","kind":"`...)
	b = append(b, kind.String()...)
	b = append(b, `","time":"`...)
	b = append(b, t...)
	return append(b, '"')
}

func appendStr(b []byte, key, v string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendJSONString(b, v)
}

func appendNum(b []byte, key string, v int64) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return strconv.AppendInt(b, v, 10)
}

// appendRedaction appends the fields of a redaction record.
func appendRedaction(b []byte, stream string, e *redact.Entity, op redact.OperatorKind, pseudonym []byte) []byte {
	b = appendStr(b, "stream", stream)
	b = appendStr(b, "type", e.Type)
	b = appendStr(b, "detector", e.Detector)
	b = append(b, `,"score":`...)
	b = strconv.AppendFloat(b, float64(e.Score), 'f', -1, 32)
	b = appendStr(b, "operator", op.String())
	b = appendNum(b, "start", e.Start)
	b = appendNum(b, "end", e.End)
	b = appendNum(b, "redacted_start", e.RedactedStart)
	b = appendNum(b, "redacted_end", e.RedactedEnd)
	if pseudonym != nil {
		b = append(b, `,"pseudonym":`...)
		b = appendJSONString(b, string(pseudonym))
	}
	return b
}

// appendFields appends the fields of a record other than a redaction.
func appendFields(b []byte, r *record) []byte {
	switch r.kind {
	case KindOpen:
		b = appendStr(b, "writer", r.writer)
	case KindStreamStart:
		b = appendStr(b, "stream", r.stream)
		b = appendStr(b, "source", r.source)
		if r.pack != nil {
			b = append(b, `,"pack":{"name":`...)
			b = appendJSONString(b, r.pack.Name)
			b = append(b, `,"version":`...)
			b = appendJSONString(b, r.pack.Version)
			b = append(b, `,"hash":`...)
			b = appendJSONString(b, r.pack.Hash)
			b = append(b, '}')
		}
	case KindEvent:
		b = appendStr(b, "stream", r.stream)
		b = appendStr(b, "type", r.typ)
		b = appendNum(b, "start", r.start)
		b = appendNum(b, "end", r.end)
		if r.speaker != "" {
			b = appendStr(b, "speaker", r.speaker)
		}
		if r.role != "" {
			b = appendStr(b, "role", r.role)
		}
	case KindStreamEnd:
		b = appendStr(b, "stream", r.stream)
		b = appendStr(b, "status", r.status)
		b = appendNum(b, "bytes_in", r.bytesIn)
		b = appendNum(b, "bytes_out", r.bytesOut)
		b = appendNum(b, "entities", r.entities)
		b = appendNum(b, "events", r.events)
	case KindPseudonym:
		b = appendStr(b, "type", r.typ)
		b = appendStr(b, "source", r.source)
	}
	return b
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes
// U+FFFD, so that every record is valid JSON.
func appendJSONString(dst []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	dst = append(dst, '"')
	safe := 0 // the plain ASCII prefix, copied at once
	for safe < len(s) && s[safe] >= 0x20 && s[safe] < utf8.RuneSelf && s[safe] != '"' && s[safe] != '\\' {
		safe++
	}
	dst = append(dst, s[:safe]...)
	for i := safe; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, `\u202`...)
			dst = append(dst, hexDigits[r&0xF])
		default:
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}
