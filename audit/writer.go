// Package audit writes and verifies the redactor's tamper-evident audit log:
// JSON Lines records of what every stream redacted (stream, time, pack,
// entity type, detector, score, operator, offsets and, when a hash key is
// configured, the keyed pseudonym of the value; never the value), which
// conversation events it found, and how it ended.
//
// # Chain and signatures
//
// Every record carries its sequence number, the hash of the record before
// it ("prev") and its own hash: SHA-256 over its bytes up to the hash field.
// The writer produces each record in one canonical form (fixed key order,
// no spaces), so the bytes are the record. At segment boundaries (every
// Options.SegmentRecords records or Options.SegmentInterval, and at Close)
// it writes a checkpoint record whose hash it signs with an Ed25519 key,
// then fsyncs. A checkpoint's signature covers its own hash, which covers
// the previous record's hash, and so on back to the first record: deleting,
// inserting, reordering or changing any record before a checkpoint breaks a
// hash link or the signature, and Verify names the first broken record by
// its line. A log must end with a checkpoint; records after the last one
// are reported as unsigned.
//
// What a hash chain cannot show on its own is the removal of whole signed
// segments at the end of the log. Verify reports the last sequence number
// and head hash; anchor them elsewhere (redactd logs every checkpoint) to
// detect that too.
//
// # Writing off the stream path
//
// A stream hands its records to a StreamLog, which passes them to the
// Writer in one batch per Flush. The Writer queues batches (bounded by
// Options.QueueBytes) and a background goroutine encodes, hashes,
// computes pseudonyms, writes and signs them, so the stream pays only for
// copying its records into the queue. When the queue is full, Flush waits
// for room: the stream is slowed by at most the bounded queue. When the log
// cannot be written, the Writer fails for good: every later Flush returns
// the error, Err reports it, and Options.OnError is called once, so that a
// server can refuse new streams (fail closed) and say so in its health and
// metrics.
package audit

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"redactor/redact"
)

// Defaults of Options.
const (
	DefaultQueueBytes      = 8 << 20
	DefaultSegmentRecords  = 100_000
	DefaultSegmentInterval = time.Second
)

// Options configure a Writer.
type Options struct {
	// Path is the log file; records are appended to it.
	Path string
	// Key signs the checkpoints.
	Key ed25519.PrivateKey
	// PseudonymKey, when set, is the hash operator's key: redaction
	// records then carry the keyed pseudonym of the value
	// (redact.Pseudonym), so that a data-subject request can find them.
	PseudonymKey []byte
	// Writer names the program in the open record ("redact", "redactd").
	Writer string
	// QueueBytes bounds the records waiting to be written (estimated
	// memory); 0 means DefaultQueueBytes.
	QueueBytes int
	// SegmentRecords and SegmentInterval say how often a checkpoint is
	// signed and the file synced; 0 means the defaults.
	SegmentRecords  int
	SegmentInterval time.Duration
	// OnError, when set, is called once, from the writer's goroutine, when
	// the log cannot be written.
	OnError func(error)
	// OnCheckpoint, when set, is called after every checkpoint with its
	// sequence number and hash (hex), so that they can be anchored
	// elsewhere (a server log).
	OnCheckpoint func(seq uint64, hash string)
	// now is the clock (tests).
	now func() time.Time
}

// Stats are a Writer's counters.
type Stats struct {
	Records     uint64 // records written
	Checkpoints uint64
	Dropped     uint64 // records refused because the log had failed
	QueueBytes  int64  // estimated bytes waiting in the queue
	Failed      bool
}

// ErrClosed is returned by a StreamLog whose Writer was closed.
var ErrClosed = errors.New("audit: the log is closed")

// Writer appends to one audit log. It is safe for concurrent use.
type Writer struct {
	opts  Options
	f     *os.File
	bw    *bufio.Writer
	keyID string

	// Owned by the writer goroutine.
	seq             uint64
	prev            [sha256.Size]byte
	sinceCheckpoint int
	lastCheckpoint  time.Time
	line, pbuf      []byte
	pseud           *redact.Pseudonymizer
	tbuf            []byte // the formatted time of ttime
	ttime           time.Time

	mu      sync.Mutex
	room    *sync.Cond // queue space freed, or the writer failed or closed
	queue   []batch
	queued  int
	closing bool
	err     error
	kick    chan struct{}
	done    chan struct{}
	timer   *time.Timer // wakes the writer flushDelay after the queue stops being empty
	armed   bool
	closeMu sync.Mutex
	closed  bool

	records, checkpoints, dropped atomic.Uint64
	queuedBytes                   atomic.Int64
	failed                        atomic.Bool
}

// Open opens (or creates) the log at opts.Path for appending and starts the
// writer. An existing log continues: the new records chain onto its last
// one. A log that ends in a partial line, or whose last record does not
// hash correctly, is refused (fail closed: repair or move it first).
func Open(opts Options) (*Writer, error) {
	if len(opts.Key) != ed25519.PrivateKeySize {
		return nil, errors.New("audit: no signing key (an Ed25519 private key)")
	}
	if opts.PseudonymKey != nil && len(opts.PseudonymKey) < redact.MinKeyLen {
		return nil, fmt.Errorf("audit: the pseudonym key is %d bytes; at least %d are required", len(opts.PseudonymKey), redact.MinKeyLen)
	}
	if opts.QueueBytes <= 0 {
		opts.QueueBytes = DefaultQueueBytes
	}
	if opts.SegmentRecords <= 0 {
		opts.SegmentRecords = DefaultSegmentRecords
	}
	if opts.SegmentInterval <= 0 {
		opts.SegmentInterval = DefaultSegmentInterval
	}
	if opts.now == nil {
		opts.now = time.Now
	}
	if opts.Writer == "" {
		opts.Writer = "redactor"
	}
	f, err := os.OpenFile(opts.Path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o640)
	if err != nil {
		return nil, fmt.Errorf("audit: %v", err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %s: %v", opts.Path, err)
	}
	w := &Writer{
		opts: opts, f: f, bw: bufio.NewWriterSize(f, 256<<10),
		keyID: KeyID(opts.Key.Public().(ed25519.PublicKey)),
		kick:  make(chan struct{}, 1), done: make(chan struct{}),
	}
	w.room = sync.NewCond(&w.mu)
	w.timer = time.AfterFunc(time.Hour, w.wake)
	w.timer.Stop()
	if opts.PseudonymKey != nil {
		w.pseud, _ = redact.NewPseudonymizer(opts.PseudonymKey) // the length was checked
	}
	if err := w.resume(); err != nil {
		f.Close()
		return nil, fmt.Errorf("audit: %s: %v", opts.Path, err)
	}
	w.lastCheckpoint = opts.now()
	// The open record, written before anything else.
	w.queue = append(w.queue, batch{items: []item{{rec: &record{kind: KindOpen, writer: opts.Writer}}}, time: opts.now()})
	go w.run()
	return w, nil
}

// resume reads the last record of an existing log and continues its chain.
func (w *Writer) resume() error {
	fi, err := w.f.Stat()
	if err != nil {
		return err
	}
	size := fi.Size()
	if size == 0 {
		return nil
	}
	// The last line is at most maxLine bytes.
	n := min(size, int64(maxLine)+1)
	buf := make([]byte, n)
	if _, err := w.f.ReadAt(buf, size-n); err != nil && err != io.EOF {
		return err
	}
	if buf[len(buf)-1] != '\n' {
		return errors.New("the log ends in a partial record (a crash while writing?); move it aside or truncate it to its last complete line before appending")
	}
	buf = buf[:len(buf)-1]
	last := buf[bytes.LastIndexByte(buf, '\n')+1:]
	rec, err := parseLine(last)
	if err != nil {
		return fmt.Errorf("its last record is not valid: %v", err)
	}
	sum := sha256.Sum256(last[:rec.contentEnd])
	if hex.EncodeToString(sum[:]) != string(rec.hash) {
		return errors.New("its last record does not match its hash (changed?); run `redact audit verify` on it")
	}
	w.seq, w.prev = rec.seq, sum
	return nil
}

// KeyID returns the id of the key that signs the checkpoints.
func (w *Writer) KeyID() string { return w.keyID }

// Err returns the error that stopped the log, or nil.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Stats returns the writer's counters.
func (w *Writer) Stats() Stats {
	return Stats{
		Records: w.records.Load(), Checkpoints: w.checkpoints.Load(), Dropped: w.dropped.Load(),
		QueueBytes: w.queuedBytes.Load(), Failed: w.failed.Load(),
	}
}

// batch is one queued StreamLog.Flush, whose records share one time;
// done, when set, is closed once its records are handed to the operating
// system (Sync).
type batch struct {
	items  []item
	stream string
	time   time.Time
	done   chan struct{}
}

func (b *batch) size() int {
	n := 0
	for i := range b.items {
		n += b.items[i].size()
	}
	return n
}

// Sync waits until every record queued before it has been written to the
// file (not necessarily signed and synced: that happens at checkpoints and
// Close).
func (w *Writer) Sync() error {
	done := make(chan struct{})
	if err := w.enqueue(batch{done: done}); err != nil {
		return err
	}
	select {
	case <-done:
	case <-w.done:
	}
	return w.Err()
}

// enqueue hands a batch to the writer goroutine, waiting while the queue is
// full. The batch belongs to the writer afterwards.
func (w *Writer) enqueue(b batch) error {
	size := b.size()
	w.mu.Lock()
	for w.err == nil && !w.closing && w.queued > 0 && w.queued+size > w.opts.QueueBytes {
		w.room.Wait()
	}
	switch {
	case w.err != nil:
		err := w.err
		w.mu.Unlock()
		w.dropped.Add(uint64(len(b.items)))
		return err
	case w.closing:
		w.mu.Unlock()
		w.dropped.Add(uint64(len(b.items)))
		return ErrClosed
	}
	w.queue = append(w.queue, b)
	w.queued += size
	w.queuedBytes.Store(int64(w.queued))
	// Wake the writer at once for a Sync or a queue a quarter full, else
	// within flushDelay: waking it for every batch would cost the stream a
	// system call per chunk.
	now := b.done != nil || w.queued >= w.opts.QueueBytes/4
	if !now && !w.armed {
		w.armed = true
		w.timer.Reset(flushDelay)
	}
	w.mu.Unlock()
	if now {
		w.wake()
	}
	return nil
}

// flushDelay is the longest a queued record waits for the writer.
const flushDelay = 2 * time.Millisecond

// wake wakes the writer goroutine.
func (w *Writer) wake() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Close writes what is queued, signs a last checkpoint, syncs and closes
// the file. It returns the error that stopped the log, if any.
func (w *Writer) Close() error {
	w.closeMu.Lock()
	defer w.closeMu.Unlock()
	if w.closed {
		return w.Err()
	}
	w.closed = true
	w.mu.Lock()
	w.closing = true
	w.room.Broadcast()
	w.mu.Unlock()
	w.wake()
	<-w.done
	w.timer.Stop()
	err := w.Err()
	if cerr := w.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("audit: %v", cerr)
	}
	return err
}

// run is the writer goroutine.
func (w *Writer) run() {
	defer close(w.done)
	tick := time.NewTicker(w.opts.SegmentInterval)
	defer tick.Stop()
	for {
		w.mu.Lock()
		batches, closing := w.queue, w.closing
		w.queue = nil
		w.armed = false
		w.mu.Unlock()
		for _, b := range batches {
			w.writeBatch(&b)
			if b.done != nil {
				if !w.failed.Load() {
					if err := w.bw.Flush(); err != nil {
						w.fail(err)
					}
				}
				close(b.done)
			}
		}
		w.mu.Lock()
		if len(batches) > 0 {
			w.queued = 0
			for i := range w.queue {
				w.queued += w.queue[i].size()
			}
			w.queuedBytes.Store(int64(w.queued))
			w.room.Broadcast()
		}
		more := len(w.queue) > 0
		failed := w.err != nil
		w.mu.Unlock()
		if failed {
			w.drain()
			return
		}
		if more {
			continue
		}
		now := w.opts.now()
		switch {
		case closing:
			if w.sinceCheckpoint > 0 {
				w.checkpoint()
			}
			if w.Err() == nil {
				if err := w.bw.Flush(); err != nil {
					w.fail(err)
				}
			}
			return
		case w.sinceCheckpoint > 0 && now.Sub(w.lastCheckpoint) >= w.opts.SegmentInterval:
			w.checkpoint()
			continue
		}
		// Idle: hand what is buffered to the OS.
		if w.bw.Buffered() > 0 {
			if err := w.bw.Flush(); err != nil {
				w.fail(err)
				continue
			}
		}
		select {
		case <-w.kick:
		case <-tick.C:
		}
	}
}

// drain drops what is queued after a failure, counting it.
func (w *Writer) drain() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, b := range w.queue {
		w.dropped.Add(uint64(len(b.items)))
		if b.done != nil {
			close(b.done)
		}
	}
	w.queue, w.queued = nil, 0
	w.queuedBytes.Store(0)
	w.room.Broadcast()
}

// writeBatch chains and writes the records of one batch.
func (w *Writer) writeBatch(b *batch) {
	if !b.time.Equal(w.ttime) {
		w.ttime = b.time
		w.tbuf = b.time.UTC().AppendFormat(w.tbuf[:0], time.RFC3339Nano)
	}
	for i := range b.items {
		if w.failed.Load() {
			w.dropped.Add(uint64(len(b.items) - i))
			return
		}
		it := &b.items[i]
		if it.rec == nil {
			var pseudonym []byte
			if w.pseud != nil && it.value != nil {
				w.pbuf = w.pseud.Append(w.pbuf[:0], it.e.Type, it.value)
				pseudonym = w.pbuf
			}
			it.value = nil
			w.line = appendHead(w.line[:0], w.seq+1, &w.prev, KindRedaction, w.tbuf)
			w.line = appendRedaction(w.line, b.stream, &it.e, it.op, pseudonym)
		} else {
			w.line = appendHead(w.line[:0], w.seq+1, &w.prev, it.rec.kind, w.tbuf)
			w.line = appendFields(w.line, it.rec)
			if it.rec.kind == KindOpen {
				w.line = appendStr(w.line, "key", w.keyID)
			}
		}
		w.emit(nil)
		if it.rec == nil || it.rec.kind != KindOpen {
			w.records.Add(1)
		}
		if w.sinceCheckpoint >= w.opts.SegmentRecords {
			w.checkpoint()
		}
	}
}

// emit finishes the record in w.line (its content) with its hash and, for a
// checkpoint, the signature, writes it, and advances the chain.
func (w *Writer) emit(sign func(hash *[sha256.Size]byte) []byte) {
	// The hash goes straight into w.prev (a local would escape through
	// sign): if the write fails, the writer is finished anyway.
	w.prev = sha256.Sum256(w.line)
	w.line = append(w.line, hashMarker...)
	w.line = hex.AppendEncode(w.line, w.prev[:])
	if sign != nil {
		w.line = append(w.line, sigMarker...)
		w.line = base64.StdEncoding.AppendEncode(w.line, sign(&w.prev))
	}
	w.line = append(w.line, '"', '}', '\n')
	if _, err := w.bw.Write(w.line); err != nil {
		w.fail(err)
		return
	}
	w.seq++
	w.sinceCheckpoint++
}

// checkpoint writes a signed checkpoint, flushes and syncs the file.
func (w *Writer) checkpoint() {
	t := w.opts.now().UTC().AppendFormat(nil, time.RFC3339Nano)
	w.line = appendHead(w.line[:0], w.seq+1, &w.prev, KindCheckpoint, t)
	w.line = appendNum(w.line, "records", int64(w.sinceCheckpoint))
	w.line = appendStr(w.line, "key", w.keyID)
	w.emit(func(h *[sha256.Size]byte) []byte {
		return ed25519.Sign(w.opts.Key, append([]byte(sigContext), h[:]...))
	})
	if w.failed.Load() {
		return
	}
	if err := w.bw.Flush(); err != nil {
		w.fail(err)
		return
	}
	if err := w.f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		// EINVAL: a pipe or device, which has nothing to sync.
		w.fail(err)
		return
	}
	w.sinceCheckpoint = 0
	w.lastCheckpoint = w.opts.now()
	w.checkpoints.Add(1)
	if w.opts.OnCheckpoint != nil {
		w.opts.OnCheckpoint(w.seq, hex.EncodeToString(w.prev[:]))
	}
}

// fail stops the log for good.
func (w *Writer) fail(err error) {
	err = fmt.Errorf("audit: writing %s: %v", w.opts.Path, err)
	w.mu.Lock()
	first := w.err == nil
	if first {
		w.err = err
	}
	w.room.Broadcast()
	w.mu.Unlock()
	w.failed.Store(true)
	if first && w.opts.OnError != nil {
		w.opts.OnError(err)
	}
}
