package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"redactor/audit"
	"redactor/redact"
)

// readBlock is the size of the reads in text mode.
const readBlock = 64 << 10

// input is one opened FILE argument.
type input struct {
	name string
	r    io.Reader
	size int64 // -1 when unknown
	c    io.Closer
}

func openInput(name string, stdin io.Reader) (*input, error) {
	if name == "-" {
		in := &input{name: "<stdin>", r: stdin, size: -1}
		if f, ok := stdin.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
				in.size = fi.Size()
			}
		}
		return in, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	in := &input{name: name, r: f, size: -1, c: f}
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
		in.size = fi.Size()
	}
	return in, nil
}

func redactInputs(cfg *config, stdin io.Reader, stdout, stderr io.Writer) error {
	if cfg.server != "" {
		return redactRemote(cfg, stdin, stdout, stderr)
	}
	out := bufio.NewWriterSize(stdout, 256<<10)
	prog := startProgress(cfg, stderr)
	defer prog.stop()
	stream, err := cfg.engine.NewStream(cfg.stream)
	if err != nil {
		return usageError{err}
	}
	log, err := openAudit(cfg)
	if err != nil {
		return err
	}
	err = redactAll(cfg, stream, log, stdin, out, prog)
	if log != nil {
		if cerr := log.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("audit log: %v", cerr)
		}
	}
	return err
}

// redactAll redacts every input, recording to log when it is not nil.
func redactAll(cfg *config, stream *redact.Stream, log *audit.Writer, stdin io.Reader, out *bufio.Writer, prog *progress) error {
	var rec *recorder
	if cfg.format == "text" && log != nil {
		// The whole input is one stream, named after its files; its events
		// go to the audit log only (text output has no place for them).
		id := strings.Join(cfg.files, ",")
		if id == "-" {
			id = "<stdin>"
		}
		rec = newRecorder(log, cfg.events, newIDRedactor(cfg.engine).redact(id), cfg.engine.Meta())
	}
	var buf []byte
	for _, name := range cfg.files {
		in, err := openInput(name, stdin)
		if err != nil {
			return usageError{err}
		}
		if cfg.format == "jsonl" {
			err = redactJSONL(cfg, stream, log, in, out, prog)
		} else {
			buf, err = redactText(cfg, stream, rec, in, out, buf, prog)
		}
		if in.c != nil {
			in.c.Close()
		}
		if err != nil {
			if rec != nil {
				rec.finish(false, 0)
			}
			out.Flush()
			return err
		}
	}
	if cfg.format == "text" {
		var err error
		if buf, err = stream.Close(buf[:0]); err != nil {
			if rec != nil {
				rec.finish(false, 0)
			}
			return usageError{err}
		}
		if rec != nil {
			rec.record(stream)
			_, n := stream.Offsets()
			if _, err := rec.finish(true, n); err != nil {
				return err
			}
		}
		if _, err := out.Write(buf); err != nil {
			return err
		}
	}
	return out.Flush()
}

// redactText feeds one file into the text-mode stream, which spans all
// files; rec, when not nil, records it.
func redactText(cfg *config, stream *redact.Stream, rec *recorder, in *input, out *bufio.Writer, buf []byte, prog *progress) ([]byte, error) {
	block := make([]byte, readBlock)
	check := utf8Checker{line: 1}
	for {
		n, rerr := io.ReadFull(in.r, block)
		if n > 0 {
			if err := check.check(block[:n]); err != nil {
				return buf, usageError{fmt.Errorf("%s: %v", in.name, err)}
			}
			var err error
			if rec != nil {
				rec.input(block[:n], 0)
			}
			if buf, err = feed(stream, buf[:0], block[:n], cfg.chunkBytes); err != nil {
				return buf, usageError{fmt.Errorf("%s: %v", in.name, err)}
			}
			if rec != nil {
				rec.record(stream)
				if err := rec.flush(); err != nil {
					return buf, err // fail closed: nothing unaudited is written
				}
			}
			if _, err := out.Write(buf); err != nil {
				return buf, err
			}
			prog.add(n)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			if err := check.finish(); err != nil {
				return buf, usageError{fmt.Errorf("%s: %v", in.name, err)}
			}
			return buf, nil
		}
		if rerr != nil {
			return buf, fmt.Errorf("%s: %v", in.name, rerr)
		}
	}
}

// feed writes data to stream, in pieces of chunk bytes when chunk > 0, and
// appends the output that became final to out.
func feed(stream *redact.Stream, out, data []byte, chunk int) ([]byte, error) {
	if chunk <= 0 {
		return stream.Write(out, data)
	}
	for len(data) > 0 {
		k := min(chunk, len(data))
		var err error
		if out, err = stream.Write(out, data[:k]); err != nil {
			return out, err
		}
		data = data[k:]
	}
	return out, nil
}

// utf8Checker validates a byte stream read in blocks, carrying a UTF-8
// sequence split between blocks, and knows the line and offset of an error.
type utf8Checker struct {
	carry [utf8.UTFMax]byte
	n     int   // bytes in carry
	off   int64 // offset of the first byte not yet accepted (carry included)
	line  int   // line of that byte
}

func (c *utf8Checker) errAt(off int64, line int) error {
	return fmt.Errorf("line %d: invalid UTF-8 at byte %d", line, off)
}

func (c *utf8Checker) check(b []byte) error {
	i := 0
	if c.n > 0 {
		for c.n < utf8.UTFMax && i < len(b) && !utf8.FullRune(c.carry[:c.n]) {
			c.carry[c.n] = b[i]
			c.n++
			i++
		}
		if !utf8.FullRune(c.carry[:c.n]) {
			return nil
		}
		r, size := utf8.DecodeRune(c.carry[:c.n])
		if r == utf8.RuneError && size <= 1 {
			return c.errAt(c.off, c.line)
		}
		i -= c.n - size
		c.off += int64(size)
		c.n = 0
	}
	rest := b[i:]
	end := len(rest)
	for k := 1; k < utf8.UTFMax && k <= len(rest); k++ {
		if utf8.RuneStart(rest[len(rest)-k]) {
			if !utf8.FullRune(rest[len(rest)-k:]) {
				end = len(rest) - k
			}
			break
		}
	}
	if !utf8.Valid(rest[:end]) {
		j := 0
		for {
			r, size := utf8.DecodeRune(rest[j:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			j += size
		}
		return c.errAt(c.off+int64(j), c.line+bytes.Count(rest[:j], []byte{'\n'}))
	}
	c.line += bytes.Count(rest[:end], []byte{'\n'})
	c.off += int64(end)
	c.n = copy(c.carry[:], rest[end:])
	return nil
}

func (c *utf8Checker) finish() error {
	if c.n > 0 {
		return fmt.Errorf("line %d: truncated UTF-8 sequence at byte %d (end of input)", c.line, c.off)
	}
	return nil
}
