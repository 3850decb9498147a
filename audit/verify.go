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
	"strconv"
)

// maxLine bounds one record's line.
const maxLine = 1 << 20

// Report sums up a log that verified.
type Report struct {
	Records     int    // lines, checkpoints included
	Checkpoints int    // signed checkpoints
	Streams     int    // stream_start records
	LastSeq     uint64 // the sequence number of the last record
	Head        string // its hash (hex): anchor it elsewhere to detect truncation
	Keys        []string
}

// BrokenError names the first record where a log fails to verify.
type BrokenError struct {
	Line   int    // 1-based line of the file
	Reason string // what is wrong, never the record's content
}

func (e *BrokenError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// parsed is what verification reads from a line. The hashes stay in hex:
// comparing the text (not the decoded bytes) is what makes a change of
// case in a hash field a detected change.
type parsed struct {
	seq        uint64
	prev, hash []byte // 64 lower-case hex digits each
	kind       []byte
	keyID      []byte
	sig        []byte // base64, checkpoints only
	contentEnd int    // the content ends (the hash marker starts) here
}

// sigB64Len is the length of an Ed25519 signature in standard base64.
const sigB64Len = (ed25519.SignatureSize + 2) / 3 * 4

var (
	linePrefix  = []byte(`{"seq":`)
	prevMarker  = []byte(`,"prev":"`)
	kindMarker  = []byte(`","kind":"`)
	hashMark    = []byte(hashMarker)
	sigMark     = []byte(sigMarker)
	keyMarker   = []byte(`,"key":"`)
	checkpointK = []byte("checkpoint")
)

// parseLine reads the chain fields of one record line (without its
// newline). It checks the fixed layout the writer produces: a line in any
// other form is not a record of this log.
func parseLine(line []byte) (p parsed, err error) {
	bad := func(what string) (parsed, error) { return p, errors.New(what) }
	if !bytes.HasPrefix(line, linePrefix) {
		return bad(`it does not start with {"seq":`)
	}
	i := len(linePrefix)
	j := i
	for j < len(line) && '0' <= line[j] && line[j] <= '9' {
		j++
	}
	if j == i || j-i > 19 || line[i] == '0' {
		return bad("bad sequence number")
	}
	if p.seq, err = strconv.ParseUint(string(line[i:j]), 10, 64); err != nil {
		return bad("bad sequence number")
	}
	if !bytes.HasPrefix(line[j:], prevMarker) || len(line) < j+len(prevMarker)+64 {
		return bad("no prev hash after the sequence number")
	}
	j += len(prevMarker)
	p.prev = line[j : j+64]
	j += 64
	if !bytes.HasPrefix(line[j:], kindMarker) {
		return bad("no kind after the prev hash")
	}
	j += len(kindMarker)
	k := bytes.IndexByte(line[j:], '"')
	if k < 0 {
		return bad("bad kind")
	}
	p.kind = line[j : j+k]
	// The hash is the last field but for a checkpoint's signature, both of
	// fixed length, so their places are known from the end of the line.
	if !bytes.HasSuffix(line, []byte(`"}`)) {
		return bad("no hash field at the end")
	}
	h := len(line) - 2 - 64 - len(hashMark)
	if sh := h - len(sigMark) - sigB64Len; sh > j && bytes.HasPrefix(line[sh:], hashMark) &&
		bytes.HasPrefix(line[sh+len(hashMark)+64:], sigMark) {
		p.sig = line[len(line)-2-sigB64Len : len(line)-2]
		h = sh
	} else if h <= j || !bytes.HasPrefix(line[h:], hashMark) {
		return bad("no hash field at the end")
	}
	p.contentEnd = h
	p.hash = line[h+len(hashMark) : h+len(hashMark)+64]
	if bytes.Equal(p.kind, checkpointK) {
		content := line[:h]
		k := bytes.LastIndex(content, keyMarker)
		if k < 0 || content[len(content)-1] != '"' {
			return bad("a checkpoint without its key id")
		}
		p.keyID = content[k+len(keyMarker) : len(content)-1]
		if p.sig == nil {
			return bad("a checkpoint without a signature")
		}
	} else if p.sig != nil {
		return bad("a signature on a record that is not a checkpoint")
	}
	return p, nil
}

// Verify reads a whole log and checks every record's hash, every link to
// the record before, the sequence numbers, and every checkpoint's
// signature against keys (several, for key rotation). The log must end with
// a checkpoint. It returns a *BrokenError naming the first record that
// fails, or a read error.
func Verify(r io.Reader, keys []ed25519.PublicKey) (Report, error) {
	var rep Report
	byID := map[string]ed25519.PublicKey{}
	for _, k := range keys {
		byID[KeyID(k)] = k
	}
	br := bufio.NewReaderSize(r, 1<<20)
	var prev, hexSum [2 * sha256.Size]byte
	for i := range prev {
		prev[i] = '0' // the first record's prev
	}
	var seq uint64
	lastCheckpoint := 0 // line of the last checkpoint
	msg := make([]byte, 0, len(sigContext)+sha256.Size)
	sig := make([]byte, ed25519.SignatureSize+3)
	usedKeys := map[string]bool{}
	line := 0
	for {
		b, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return rep, &BrokenError{Line: line + 1, Reason: fmt.Sprintf("the line is longer than %d bytes: not an audit record", maxLine)}
		}
		if len(b) == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return rep, err
		}
		line++
		if b[len(b)-1] != '\n' {
			return rep, &BrokenError{Line: line, Reason: "the last line is incomplete (no newline): truncated or still being written"}
		}
		b = b[:len(b)-1]
		p, perr := parseLine(b)
		if perr != nil {
			return rep, &BrokenError{Line: line, Reason: "not an audit record: " + perr.Error()}
		}
		sum := sha256.Sum256(b[:p.contentEnd])
		hex.Encode(hexSum[:], sum[:])
		if !bytes.Equal(hexSum[:], p.hash) {
			return rep, &BrokenError{Line: line, Reason: fmt.Sprintf("record %d was changed: its content does not match its hash", p.seq)}
		}
		switch {
		case p.seq != seq+1 && p.seq > seq+1:
			return rep, &BrokenError{Line: line, Reason: fmt.Sprintf("record %d follows record %d: %d record(s) before it were deleted", p.seq, seq, p.seq-seq-1)}
		case p.seq != seq+1:
			return rep, &BrokenError{Line: line, Reason: fmt.Sprintf("record %d follows record %d: it was inserted or moved here", p.seq, seq)}
		case !bytes.Equal(p.prev, prev[:]):
			if seq == 0 {
				return rep, &BrokenError{Line: line, Reason: "the first record does not start a chain (its prev hash is not zero)"}
			}
			return rep, &BrokenError{Line: line, Reason: fmt.Sprintf("record %d does not link to the record before it (prev hash mismatch): a record was replaced, inserted or moved", p.seq)}
		}
		if p.keyID != nil {
			id := string(p.keyID)
			k, ok := byID[id]
			if !ok {
				return rep, &BrokenError{Line: line, Reason: fmt.Sprintf("checkpoint %d is signed by key %s, which is not among the public keys given", p.seq, id)}
			}
			n, err := base64.StdEncoding.Decode(sig, p.sig)
			msg = append(append(msg[:0], sigContext...), sum[:]...)
			if err != nil || n != ed25519.SignatureSize || !ed25519.Verify(k, msg, sig[:n]) {
				return rep, &BrokenError{Line: line, Reason: fmt.Sprintf("checkpoint %d: the signature does not verify", p.seq)}
			}
			if !usedKeys[id] {
				usedKeys[id] = true
				rep.Keys = append(rep.Keys, id)
			}
			rep.Checkpoints++
			lastCheckpoint = line
		}
		if bytes.Equal(p.kind, []byte("stream_start")) {
			rep.Streams++
		}
		seq, prev = p.seq, hexSum
		rep.Records++
		if err == io.EOF {
			break
		}
	}
	switch {
	case line == 0:
		return rep, &BrokenError{Line: 0, Reason: "the log is empty"}
	case lastCheckpoint < line:
		return rep, &BrokenError{Line: lastCheckpoint + 1, Reason: fmt.Sprintf("the last %d record(s), from this line on, are not covered by a signed checkpoint (the log was truncated, or its writer did not close it)", line-lastCheckpoint)}
	}
	rep.LastSeq, rep.Head = seq, string(prev[:])
	return rep, nil
}
