package audit_test

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"redactor/audit"
	"redactor/events"
	"redactor/redact"
)

var (
	keyOnce         sync.Once
	testPriv        ed25519.PrivateKey
	testPub         ed25519.PublicKey
	testPseudonymKK = bytes.Repeat([]byte{9}, 32)
	testMeta        = redact.Meta{Name: "default", Version: "1.0.0", Hash: strings.Repeat("ab", 32)}
)

func keys(t testing.TB) (ed25519.PrivateKey, ed25519.PublicKey) {
	t.Helper()
	keyOnce.Do(func() {
		privPEM, pubPEM, err := audit.GenerateKey()
		if err != nil {
			panic(err)
		}
		if testPriv, err = audit.ParsePrivateKey(privPEM); err != nil {
			panic(err)
		}
		if testPub, err = audit.ParsePublicKey(pubPEM); err != nil {
			panic(err)
		}
	})
	return testPriv, testPub
}

func open(t testing.TB, path string, mod func(*audit.Options)) *audit.Writer {
	t.Helper()
	priv, _ := keys(t)
	opts := audit.Options{Path: path, Key: priv, Writer: "test"}
	if mod != nil {
		mod(&opts)
	}
	w, err := audit.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// writeStreams writes n streams of k redactions and one event each.
func writeStreams(t testing.TB, w *audit.Writer, n, k int) {
	t.Helper()
	for s := 0; s < n; s++ {
		l := w.StartStream(fmt.Sprintf("call-%06d", s), "redact", testMeta)
		for i := 0; i < k; i++ {
			e := redact.Entity{Type: "EMAIL_ADDRESS", Detector: "email", Score: 0.95, Start: int64(10 * i), End: int64(10*i + 8),
				RedactedStart: int64(12 * i), RedactedEnd: int64(12*i + 15)}
			l.Redaction(e, redact.Tag, []byte(fmt.Sprintf("jane%d@example.com", i)))
		}
		l.Event(events.Event{Type: "OPT_OUT_REQUEST", Start: 3, End: 18, Role: events.RoleCustomer}, "spk_1")
		if err := l.End(true, 100, 120); err != nil {
			t.Fatal(err)
		}
	}
}

func verifyFile(t testing.TB, path string) (audit.Report, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	_, pub := keys(t)
	return audit.Verify(f, []ed25519.PublicKey{pub})
}

func TestWriteAndVerify(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	w := open(t, path, func(o *audit.Options) { o.PseudonymKey = testPseudonymKK; o.SegmentRecords = 7 })
	writeStreams(t, w, 5, 3)
	if err := w.LogPseudonym("PHONE_NUMBER", "redact pseudonym"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rep, err := verifyFile(t, path)
	if err != nil {
		t.Fatal(err)
	}
	// open + 5 * (start + 3 redactions + event + end) + pseudonym = 32 records, and a checkpoint every 7.
	if rep.Streams != 5 || rep.Records != 32+rep.Checkpoints || rep.Checkpoints != 5 || len(rep.Head) != 64 {
		t.Fatalf("%+v", rep)
	}
	data, _ := os.ReadFile(path)
	if bytes.Contains(data, []byte("example.com")) || bytes.Contains(data, []byte("jane")) {
		t.Fatal("a value reached the log")
	}
	want, _ := redact.Pseudonym(testPseudonymKK, "EMAIL_ADDRESS", []byte("jane1@example.com"))
	if !bytes.Contains(data, []byte(`"pseudonym":"`+want+`"`)) {
		t.Fatal("no pseudonym in the log")
	}
	// Every line is JSON with the documented fields.
	sc := bufio.NewScanner(bytes.NewReader(data))
	kinds := map[string]int{}
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		kinds[rec["kind"].(string)]++
		if rec["kind"] == "redaction" {
			for _, k := range []string{"seq", "prev", "time", "stream", "type", "detector", "score", "operator", "start", "end", "redacted_start", "redacted_end", "pseudonym", "hash"} {
				if _, ok := rec[k]; !ok {
					t.Fatalf("redaction record without %q: %s", k, sc.Text())
				}
			}
		}
	}
	if kinds["open"] != 1 || kinds["stream_start"] != 5 || kinds["redaction"] != 15 || kinds["event"] != 5 ||
		kinds["stream_end"] != 5 || kinds["pseudonym"] != 1 || kinds["checkpoint"] != 5 {
		t.Fatalf("kinds %v", kinds)
	}

	// Without a pseudonym key, no pseudonym.
	path2 := filepath.Join(t.TempDir(), "audit.jsonl")
	w = open(t, path2, nil)
	writeStreams(t, w, 1, 2)
	w.Close()
	data, _ = os.ReadFile(path2)
	if bytes.Contains(data, []byte("pseudonym")) {
		t.Fatal("pseudonym without a key")
	}
}

func TestAppendAcrossRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	for run := 0; run < 3; run++ {
		w := open(t, path, nil)
		writeStreams(t, w, 2, 2)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		rep, err := verifyFile(t, path)
		if err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if rep.Streams != 2*(run+1) {
			t.Fatalf("run %d: %+v", run, rep)
		}
	}
	// Two writers at once: the second is refused.
	w := open(t, path, nil)
	priv, _ := keys(t)
	if _, err := audit.Open(audit.Options{Path: path, Key: priv}); err == nil || !strings.Contains(err.Error(), "another process") {
		t.Errorf("second writer: %v", err)
	}
	w.Close()
	// A log that ends in a partial line is refused, and fails to verify.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"seq":99,"prev":"`)
	f.Close()
	if _, err := audit.Open(audit.Options{Path: path, Key: priv}); err == nil || !strings.Contains(err.Error(), "partial record") {
		t.Errorf("partial line: %v", err)
	}
	if _, err := verifyFile(t, path); err == nil || !strings.Contains(err.Error(), "incomplete") {
		t.Errorf("verify partial line: %v", err)
	}
}

// logLines builds a log of about n records with a checkpoint every seg and
// returns its lines (with newlines).
func logLines(t testing.TB, n, seg int) [][]byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	w := open(t, path, func(o *audit.Options) {
		o.PseudonymKey = testPseudonymKK
		o.SegmentRecords = seg
		o.QueueBytes = 64 << 20
	})
	writeStreams(t, w, n/10, 7) // 10 records per stream
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.SplitAfter(data[:len(data)-1], []byte("\n"))
}

func join(lines [][]byte) []byte {
	var b bytes.Buffer
	for _, l := range lines {
		b.Write(l)
		if l[len(l)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

func verifyBytes(t testing.TB, data []byte) (audit.Report, error) {
	t.Helper()
	_, pub := keys(t)
	return audit.Verify(bytes.NewReader(data), []ed25519.PublicKey{pub})
}

// brokenAt verifies data and returns the line the error names (0: verified).
func brokenAt(t testing.TB, data []byte) int {
	t.Helper()
	_, err := verifyBytes(t, data)
	if err == nil {
		return 0
	}
	var be *audit.BrokenError
	if !errors.As(err, &be) {
		t.Fatalf("not a BrokenError: %v", err)
	}
	return be.Line
}

// tamper applies each single-record change to lines at index i and checks
// that verification fails at the expected line. It returns the number of
// cases tried.
func tamper(t testing.TB, lines [][]byte, i int, rng *rand.Rand) int {
	t.Helper()
	n := len(lines)
	line := i + 1
	check := func(what string, data []byte, want ...int) {
		t.Helper()
		got := brokenAt(t, data)
		for _, w := range want {
			if got == w {
				return
			}
		}
		t.Fatalf("%s at line %d: verification names line %d, want %v", what, line, got, want)
	}
	cases := 0
	// Deletion: the record that follows is named (or, for the last one,
	// the unsigned end).
	del := append(append([][]byte{}, lines[:i]...), lines[i+1:]...)
	if i == n-1 {
		check("deletion", join(del), n-1-countTail(lines[:n-1])+1)
	} else if len(del) == 0 {
		check("deletion", join(del), 0)
	} else {
		check("deletion", join(del), line)
	}
	cases++
	// Insertion of a copy of another record before this one (a copy of
	// this very record makes the next line the first that breaks).
	o := rng.IntN(n)
	ins := append(append(append([][]byte{}, lines[:i]...), lines[o]), lines[i:]...)
	if o == i {
		check("insertion", join(ins), line+1)
	} else {
		check("insertion", join(ins), line)
	}
	cases++
	// Reorder: swap with the next record.
	if i+1 < n {
		sw := append([][]byte{}, lines...)
		sw[i], sw[i+1] = sw[i+1], sw[i]
		check("reorder", join(sw), line)
		cases++
	}
	// Byte changes: a few positions of the line, including its newline.
	for k := 0; k < 3; k++ {
		pos := rng.IntN(len(lines[i]))
		if k == 0 {
			pos = len(lines[i]) - 1
		}
		ch := append([][]byte{}, lines...)
		b := bytes.Clone(lines[i])
		b[pos] ^= byte(1 + rng.IntN(255))
		ch[i] = b
		if pos == len(b)-1 {
			// The newline is gone: two records run together on this line
			// (or the last line is incomplete).
			check("newline change", join2(ch), line)
		} else {
			check("byte change", join(ch), line)
		}
		cases++
	}
	return cases
}

// join2 joins lines without adding newlines.
func join2(lines [][]byte) []byte { return bytes.Join(lines, nil) }

// countTail counts the records after the last checkpoint of lines.
func countTail(lines [][]byte) int {
	k := 0
	for i := len(lines) - 1; i >= 0 && !bytes.Contains(lines[i], []byte(`"kind":"checkpoint"`)); i-- {
		k++
	}
	return k
}

// TestTamperEveryRecord applies every class of single-record change at
// every record of a small log.
func TestTamperEveryRecord(t *testing.T) {
	lines := logLines(t, 300, 61)
	if brokenAt(t, join(lines)) != 0 {
		t.Fatal("the intact log does not verify")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	cases := 0
	for i := range lines {
		cases += tamper(t, lines, i, rng)
	}
	t.Logf("%d records, %d tamperings, all detected at the right line", len(lines), cases)
}

// TestTamper100k generates a log of 100,000 records, verifies it (well
// under 2 s), and detects single deletions, insertions, reorders and byte
// changes at sampled positions, including the first and last records and
// checkpoints.
func TestTamper100k(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	lines := logLines(t, 100_000, 10_000)
	data := join(lines)
	start := time.Now()
	rep, err := verifyBytes(t, data)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records < 100_000 {
		t.Fatalf("%d records", rep.Records)
	}
	t.Logf("verified %d records (%d MB, %d checkpoints) in %v", rep.Records, len(data)>>20, rep.Checkpoints, elapsed)
	if elapsed > 2*time.Second {
		t.Errorf("verification took %v, over 2 s", elapsed)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	positions := []int{0, 1, len(lines) - 2, len(lines) - 1}
	for i, l := range lines {
		if bytes.Contains(l, []byte(`"kind":"checkpoint"`)) && (len(positions) == 4 || i > len(lines)/2 && len(positions) == 5) {
			positions = append(positions, i)
		}
	}
	for len(positions) < 10 {
		positions = append(positions, rng.IntN(len(lines)))
	}
	cases := 0
	for _, i := range positions {
		cases += tamper(t, lines, i, rng)
	}
	t.Logf("%d tamperings at %d positions, all detected at the right line", cases, len(positions))
}

func TestWrongKey(t *testing.T) {
	lines := logLines(t, 50, 20)
	_, otherPEM, _ := audit.GenerateKey()
	other, _ := audit.ParsePublicKey(otherPEM)
	_, err := audit.Verify(bytes.NewReader(join(lines)), []ed25519.PublicKey{other})
	priv, _ := keys(t)
	id := audit.KeyID(priv.Public().(ed25519.PublicKey))
	if err == nil || !strings.Contains(err.Error(), "signed by key "+id) {
		t.Fatalf("%v", err)
	}
	// A checkpoint re-signed with another key (a forger who recomputed the
	// hashes) does not verify with the right key.
	forged := bytes.Replace(join(lines), []byte(`"key":"`+id), []byte(`"key":"`+audit.KeyID(other)), 1)
	if brokenAt(t, forged) == 0 {
		t.Fatal("forged key id accepted")
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	privPEM, pubPEM, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "priv.pem"), privPEM, 0o600)
	os.WriteFile(filepath.Join(dir, "pub.pem"), pubPEM, 0o644)
	if _, err := audit.LoadPrivateKey(filepath.Join(dir, "pub.pem")); err == nil || !strings.Contains(err.Error(), "public key") {
		t.Errorf("public as private: %v", err)
	}
	if _, err := audit.LoadPublicKey(filepath.Join(dir, "priv.pem")); err == nil || !strings.Contains(err.Error(), "private key") {
		t.Errorf("private as public: %v", err)
	}
	if _, err := audit.ParsePrivateKey([]byte("garbage")); err == nil {
		t.Error("garbage accepted")
	}
	// Keys made by openssl, when it is installed.
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	priv := filepath.Join(dir, "ossl.pem")
	pub := filepath.Join(dir, "ossl.pub.pem")
	if out, err := exec.Command(openssl, "genpkey", "-algorithm", "ed25519", "-out", priv).CombinedOutput(); err != nil {
		t.Skipf("openssl genpkey: %v %s", err, out)
	}
	if out, err := exec.Command(openssl, "pkey", "-in", priv, "-pubout", "-out", pub).CombinedOutput(); err != nil {
		t.Fatalf("openssl pkey: %v %s", err, out)
	}
	sk, err := audit.LoadPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := audit.LoadPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "audit.jsonl")
	w, err := audit.Open(audit.Options{Path: path, Key: sk})
	if err != nil {
		t.Fatal(err)
	}
	writeStreams(t, w, 2, 2)
	w.Close()
	f, _ := os.Open(path)
	defer f.Close()
	if _, err := audit.Verify(f, []ed25519.PublicKey{pk}); err != nil {
		t.Fatal(err)
	}
	// And our PEM is what openssl reads.
	if out, err := exec.Command(openssl, "pkey", "-in", filepath.Join(dir, "priv.pem"), "-noout").CombinedOutput(); err != nil {
		t.Fatalf("openssl cannot read our key: %v %s", err, out)
	}
}

// TestFailClosed writes to a device that is always full: the writer fails,
// says so once, and refuses later records.
func TestFailClosed(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	var calls int
	var mu sync.Mutex
	failed := make(chan struct{})
	w := open(t, "/dev/full", func(o *audit.Options) {
		o.OnError = func(error) {
			mu.Lock()
			calls++
			mu.Unlock()
			close(failed)
		}
		o.SegmentRecords = 1
	})
	l := w.StartStream("s1", "redact", testMeta)
	l.Flush()
	select {
	case <-failed:
	case <-time.After(5 * time.Second):
		t.Fatal("no failure reported")
	}
	l.Redaction(redact.Entity{Type: "PERSON"}, redact.Tag, nil)
	if err := l.Flush(); err == nil {
		t.Fatal("flush after failure succeeded")
	}
	if w.Err() == nil || !w.Stats().Failed || w.Stats().Dropped == 0 {
		t.Fatalf("err %v stats %+v", w.Err(), w.Stats())
	}
	if err := w.Close(); err == nil {
		t.Fatal("close hid the failure")
	}
	mu.Lock()
	defer mu.Unlock()
	if calls != 1 {
		t.Fatalf("OnError called %d times", calls)
	}
}

// TestBoundedQueue writes to a pipe nobody reads: once the pipe and the
// queue are full, Flush waits, and it goes on when the pipe is read.
func TestBoundedQueue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	// Open the reading end first so that opening the writer does not block.
	r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Skip(err)
	}
	defer r.Close()
	w := open(t, path, func(o *audit.Options) { o.QueueBytes = 64 << 10 })
	done := make(chan int)
	go func() {
		l := w.StartStream("s1", "redact", testMeta)
		n := 0
		for ; n < 5000; n++ {
			l.Redaction(redact.Entity{Type: "EMAIL_ADDRESS", Detector: "email"}, redact.Tag, nil)
			if n%50 == 49 {
				if err := l.Flush(); err != nil {
					break
				}
			}
		}
		l.End(true, 0, 0)
		done <- n
	}()
	select {
	case n := <-done:
		t.Fatalf("wrote %d records into a pipe nobody reads: the queue is not bounded", n)
	case <-time.After(300 * time.Millisecond):
	}
	if q := w.Stats().QueueBytes; q <= 0 || q > 64<<10+64*256 {
		t.Errorf("queue holds %d bytes", q)
	}
	// Read the pipe: the writer goes on and the stream finishes.
	syscall.SetNonblock(int(r.Fd()), false)
	go func() {
		buf := make([]byte, 1<<16)
		for {
			if _, err := r.Read(buf); err != nil {
				return
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the stream did not finish once the pipe was read")
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkVerify100k verifies a log of 100,000 records.
func BenchmarkVerify100k(b *testing.B) {
	data := join(logLines(b, 100_000, 10_000))
	_, pub := keys(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := audit.Verify(bytes.NewReader(data), []ed25519.PublicKey{pub}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWrite measures the writer end to end (queue, encoding,
// pseudonyms, hashing, writing, signing, closing): records per second.
func BenchmarkWrite(b *testing.B) {
	e := redact.Entity{Type: "EMAIL_ADDRESS", Detector: "email", Score: 0.95, Start: 10, End: 30, RedactedStart: 10, RedactedEnd: 25}
	val := []byte("jane.roe@example.com")
	b.ReportAllocs()
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "audit.jsonl")
		w := open(b, path, func(o *audit.Options) { o.PseudonymKey = testPseudonymKK })
		l := w.StartStream("bench", "redact", testMeta)
		for i := 0; i < 100_000; i++ {
			l.Redaction(e, redact.Tag, val)
			if i%100 == 99 {
				l.Flush()
			}
		}
		l.End(true, 0, 0)
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*100_000/b.Elapsed().Seconds(), "records/s")
}
