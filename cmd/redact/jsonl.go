package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"redactor/audit"
	"redactor/events"
	"redactor/redact"
)

// maxLine bounds one jsonl input line.
const maxLine = 64 << 20

// field is one member of a JSON object, in input order.
type field struct {
	key string
	raw json.RawMessage
}

// redactJSONL redacts each line of in as its own stream, with its
// conversation events; log, when not nil, records every line's stream.
func redactJSONL(cfg *config, stream *redact.Stream, log *audit.Writer, in *input, out *bufio.Writer, prog *progress) error {
	var redacted, outLine, text []byte
	var ids *idRedactor
	if log != nil {
		ids = newIDRedactor(cfg.engine)
	}
	return eachJSONLine(in, out, prog, func(l *jsonLine) error {
		fields, ti, lineNo, where := l.fields, l.text, l.no, l.where
		text = append(text[:0], l.value...)
		stream.Reset()
		stream.ClearEntities()
		var rec *recorder
		if log != nil {
			rec = newRecorder(log, cfg.events, ids.redact(streamID(fields, in.name, lineNo)), cfg.engine.Meta())
			rec.keep = false // the whole text is at hand
		} else {
			rec = newRecorder(nil, cfg.events, "", redact.Meta{})
		}
		rec.input(text, cfg.chunkBytes)
		var err error
		redacted, err = feed(stream, redacted[:0], text, cfg.chunkBytes)
		if err == nil {
			redacted, err = stream.Close(redacted)
		}
		if err != nil {
			rec.finish(false, 0)
			return where("field \"text\": %v", err)
		}
		ents := stream.Entities()
		if log != nil {
			for _, e := range ents {
				rec.log.Redaction(e, stream.OperatorFor(e.Type).Kind, text[e.Start:e.End])
			}
		}
		evs, err := rec.finish(true, int64(len(redacted)))
		if err != nil {
			return err // fail closed: the line is not written unaudited
		}
		outLine = appendLine(outLine[:0], fields, ti, redacted, ents, evs)
		_, err = out.Write(outLine)
		return err
	})
}

// jsonLine is one checked input line of jsonl mode.
type jsonLine struct {
	no     int
	fields []field // the object's members, in order
	text   int     // the index of "text" in fields
	value  string  // the value of "text"
	// where makes an exit-status-2 error that names the file and line.
	where func(format string, args ...any) error
}

// eachJSONLine reads in line by line, writes blank lines through, checks
// every other line (UTF-8, a JSON object, one string member "text") and
// hands it to fn. Its errors name the file and line, never the text.
func eachJSONLine(in *input, out *bufio.Writer, prog *progress, fn func(*jsonLine) error) error {
	r := bufio.NewReaderSize(in.r, 1<<20)
	var line []byte
	l := &jsonLine{}
	for lineNo := 1; ; lineNo++ {
		var readErr, err error
		line, readErr = readLine(r, line[:0])
		if len(line) == 0 && readErr == io.EOF {
			return nil
		}
		if readErr != nil && readErr != io.EOF {
			if errors.Is(readErr, errLineTooLong) {
				return usageError{fmt.Errorf("%s: line %d: %v", in.name, lineNo, readErr)}
			}
			return fmt.Errorf("%s: %v", in.name, readErr)
		}
		prog.add(len(line))
		if len(bytes.TrimSpace(line)) == 0 {
			out.WriteByte('\n')
			continue
		}
		l.no = lineNo
		l.where = func(format string, args ...any) error {
			return usageError{fmt.Errorf("%s: line %d: %s", in.name, lineNo, fmt.Sprintf(format, args...))}
		}
		if !utf8.Valid(line) {
			return l.where("invalid UTF-8 at byte %d of the line", invalidAt(line))
		}
		if l.fields, err = parseObject(line, l.fields[:0]); err != nil {
			return l.where("%v", err)
		}
		l.text = -1
		for i, f := range l.fields {
			if f.key == "text" {
				if l.text >= 0 {
					return l.where("field \"text\" appears twice")
				}
				l.text = i
			}
		}
		if l.text < 0 {
			return l.where("field \"text\" is missing")
		}
		if err := json.Unmarshal(l.fields[l.text].raw, &l.value); err != nil {
			return l.where("field \"text\" is not a string")
		}
		if err := fn(l); err != nil {
			return err
		}
		if readErr == io.EOF {
			return nil
		}
	}
}

var errLineTooLong = fmt.Errorf("line longer than %d bytes", maxLine)

// readLine appends the next line of r (without its newline) to line.
func readLine(r *bufio.Reader, line []byte) ([]byte, error) {
	for {
		chunk, err := r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxLine {
			return line, errLineTooLong
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if n := len(line); n > 0 && line[n-1] == '\n' {
			line = line[:n-1]
			if n := len(line); n > 0 && line[n-1] == '\r' {
				line = line[:n-1]
			}
		}
		return line, err
	}
}

func invalidAt(b []byte) int {
	i := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return i
}

// parseObject splits one JSON object into its members, in order. Its errors
// give positions, never the input's content.
func parseObject(line []byte, fields []field) ([]field, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	syntax := func(err error) error {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("not valid JSON (syntax error at byte %d)", se.Offset)
		}
		return fmt.Errorf("not a valid JSON object (at byte %d)", dec.InputOffset())
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, syntax(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, syntax(err)
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, syntax(err)
		}
		fields = append(fields, field{key: key, raw: raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, syntax(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("text after the JSON object (at byte %d)", dec.InputOffset())
	}
	return fields, nil
}

// appendLine appends the output object to dst: the input members in order,
// "text" replaced by the redacted text, followed by "entities" and "events"
// (input "entities" and "events" members are dropped), and a newline.
func appendLine(dst []byte, fields []field, textIndex int, redacted []byte, ents []redact.Entity, evs []events.Event) []byte {
	dst = append(dst, '{')
	first := true
	for i, f := range fields {
		if f.key == "entities" || f.key == "events" {
			continue
		}
		if !first {
			dst = append(dst, ',')
		}
		first = false
		dst = appendJSONString(dst, f.key)
		dst = append(dst, ':')
		if i != textIndex {
			dst = append(dst, f.raw...)
			continue
		}
		dst = appendJSONString(dst, string(redacted))
		dst = append(dst, `,"entities":[`...)
		for k, e := range ents {
			if k > 0 {
				dst = append(dst, ',')
			}
			dst = append(dst, `{"type":`...)
			dst = appendJSONString(dst, e.Type)
			dst = append(dst, `,"start":`...)
			dst = strconv.AppendInt(dst, e.Start, 10)
			dst = append(dst, `,"end":`...)
			dst = strconv.AppendInt(dst, e.End, 10)
			dst = append(dst, `,"redacted_start":`...)
			dst = strconv.AppendInt(dst, e.RedactedStart, 10)
			dst = append(dst, `,"redacted_end":`...)
			dst = strconv.AppendInt(dst, e.RedactedEnd, 10)
			dst = append(dst, `,"score":`...)
			dst = strconv.AppendFloat(dst, float64(e.Score), 'f', -1, 32)
			dst = append(dst, `,"detector":`...)
			dst = appendJSONString(dst, e.Detector)
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
		dst = appendEvents(dst, evs)
	}
	return append(dst, '}', '\n')
}

// appendEvents appends `,"events":[{"type":...,"start":...,"end":...}]`.
func appendEvents(dst []byte, evs []events.Event) []byte {
	dst = append(dst, `,"events":[`...)
	for k, e := range evs {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, `{"type":`...)
		dst = appendJSONString(dst, e.Type)
		dst = append(dst, `,"start":`...)
		dst = strconv.AppendInt(dst, e.Start, 10)
		dst = append(dst, `,"end":`...)
		dst = strconv.AppendInt(dst, e.End, 10)
		dst = append(dst, '}')
	}
	return append(dst, ']')
}

// streamID returns a jsonl line's stream id for the audit log: its "id"
// member (a string's value, else the JSON as written), or FILE:LINE.
func streamID(fields []field, file string, line int) string {
	for _, f := range fields {
		if f.key != "id" {
			continue
		}
		var s string
		if json.Unmarshal(f.raw, &s) == nil {
			return s
		}
		return string(f.raw)
	}
	return fmt.Sprintf("%s:%d", file, line)
}

// appendJSONString appends s as a JSON string, escaping only what JSON
// requires (plus U+2028 and U+2029), so "<" and ">" stay readable.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r != '\u2028' && r != '\u2029' {
				i += size
				continue
			}
			dst = append(dst, s[last:i]...)
			dst = append(dst, `\u202`...)
			dst = append(dst, hex[r&0xF])
			i += size
			last = i
			continue
		}
		dst = append(dst, s[last:i]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\r':
			dst = append(dst, '\\', 'r')
		case '\t':
			dst = append(dst, '\\', 't')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		}
		i++
		last = i
	}
	dst = append(dst, s[last:]...)
	return append(dst, '"')
}
