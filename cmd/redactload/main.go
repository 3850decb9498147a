// Command redactload is redactd's load generator: many concurrent
// StreamRedact streams, each sending a chunk of transcript at a fixed
// interval, as live calls do. It prints the chunk round-trip latency
// percentiles (send to answer, as the caller sees it), the errors, and, for
// a redactd it starts itself, the server's peak resident memory and CPU.
//
//	go build -o /tmp/redactd ./cmd/redactd
//	go run ./cmd/redactload -redactd /tmp/redactd -streams 1000 -interval 100ms -chunk-bytes 200 -duration 60s
//
// It is bounded (at most 20,000 streams for at most 10 minutes) and talks to
// loopback addresses only.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc/health/grpc_health_v1"

	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
)

const (
	maxStreams  = 20000
	maxDuration = 10 * time.Minute
)

func main() {
	// The load generator shares the machine with the server: fewer GC
	// cycles keep its own pauses out of the measured round trips.
	if _, ok := os.LookupEnv("GOGC"); !ok {
		debug.SetGCPercent(400)
	}
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "redactload: %v\n", err)
		os.Exit(1)
	}
}

type config struct {
	addr, redactd, corpus string
	streams, chunkBytes   int
	conns                 int
	interval, duration    time.Duration
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("redactload", flag.ContinueOnError)
	c := config{}
	fs.StringVar(&c.addr, "addr", "", "a running redactd (loopback only); empty: start -redactd")
	fs.StringVar(&c.redactd, "redactd", "", "redactd binary to start on a free loopback port (its memory and CPU are reported)")
	fs.StringVar(&c.corpus, "corpus", "testdata/corpus/calls.jsonl", "JSON Lines transcripts to send")
	fs.IntVar(&c.streams, "streams", 1000, "concurrent streams")
	fs.IntVar(&c.chunkBytes, "chunk-bytes", 200, "bytes per chunk")
	fs.IntVar(&c.conns, "conns", 8, "gRPC connections the streams share")
	fs.DurationVar(&c.interval, "interval", 100*time.Millisecond, "time between a stream's chunks")
	fs.DurationVar(&c.duration, "duration", 60*time.Second, "how long to send")
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case c.streams < 1 || c.streams > maxStreams:
		return fmt.Errorf("-streams %d: want 1..%d", c.streams, maxStreams)
	case c.duration <= 0 || c.duration > maxDuration:
		return fmt.Errorf("-duration %v: want up to %v", c.duration, maxDuration)
	case c.chunkBytes < 1 || c.interval <= 0 || c.conns < 1:
		return errors.New("-chunk-bytes, -interval and -conns must be positive")
	case (c.addr == "") == (c.redactd == ""):
		return errors.New("give -addr or -redactd")
	}
	text, err := loadCorpus(c.corpus)
	if err != nil {
		return err
	}
	var srv *exec.Cmd
	if c.redactd != "" {
		if srv, c.addr, err = startRedactd(c); err != nil {
			return err
		}
		defer func() {
			srv.Process.Signal(os.Interrupt)
			srv.Wait()
		}()
	}
	if err := loopbackOnly(c.addr); err != nil {
		return err
	}
	var clients []*client.Client
	for i := 0; i < c.conns; i++ {
		cl, err := client.Dial(c.addr)
		if err != nil {
			return err
		}
		defer cl.Close()
		clients = append(clients, cl)
	}
	if err := waitServing(clients[0]); err != nil {
		return err
	}

	var rss, cpu0 int64
	if srv != nil {
		cpu0 = cpuTicks(srv.Process.Pid)
	}
	stopRSS := make(chan struct{})
	var rssWG sync.WaitGroup
	if srv != nil {
		rssWG.Add(1)
		go func() {
			defer rssWG.Done()
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stopRSS:
					return
				case <-t.C:
					rss = max(rss, rssBytes(srv.Process.Pid))
				}
			}
		}()
	}

	fmt.Fprintf(stdout, "redactload: %d streams, one %d-byte chunk every %v each, for %v, over %d connections to %s\n",
		c.streams, c.chunkBytes, c.interval, c.duration, c.conns, c.addr)
	var st stats
	lats := make([][]time.Duration, c.streams)
	var wg sync.WaitGroup
	begin := time.Now()
	deadline := begin.Add(c.duration)
	for i := 0; i < c.streams; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			lats[i] = runStream(clients[i%len(clients)], c, text, i, deadline, &st)
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(begin)
	close(stopRSS)
	rssWG.Wait()

	var all []time.Duration
	for _, l := range lats {
		all = append(all, l...)
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	fmt.Fprintf(stdout, "chunks sent %d, answered %d, bytes sent %d, stream errors %d, send errors %d (%.0f chunks/s)\n",
		st.sent.Load(), len(all), st.bytes.Load(), st.streamErrs.Load(), st.sendErrs.Load(), float64(st.sent.Load())/elapsed.Seconds())
	fmt.Fprintf(stdout, "chunk round trip: p50 %v  p90 %v  p99 %v  p99.9 %v  max %v\n",
		pct(0.50), pct(0.90), pct(0.99), pct(0.999), pct(1))
	if msg := st.firstErr.Load(); msg != nil {
		fmt.Fprintf(stdout, "first error: %s\n", *msg)
	}
	if metricsAddr != "" {
		if p50, p99, err := serverLatency(metricsAddr); err == nil {
			fmt.Fprintf(stdout, "server-side chunk latency (receive to answer sent, histogram buckets): p50 %s  p99 %s\n", p50, p99)
		}
	}
	if srv != nil {
		ticks := cpuTicks(srv.Process.Pid) - cpu0
		fmt.Fprintf(stdout, "redactd: peak RSS %.1f MiB, CPU %.1f s over %.1f s (%.0f%% of one core)\n",
			float64(rss)/(1<<20), float64(ticks)/100, elapsed.Seconds(), float64(ticks)/elapsed.Seconds())
	}
	if st.streamErrs.Load()+st.sendErrs.Load() > 0 {
		return errors.New("errors during the run")
	}
	return nil
}

// stats are counters shared by the streams.
type stats struct {
	sent, bytes, streamErrs, sendErrs atomic.Int64
	firstErr                          atomic.Pointer[string]
}

func (s *stats) fail(n *atomic.Int64, err error) {
	n.Add(1)
	msg := err.Error()
	s.firstErr.CompareAndSwap(nil, &msg)
}

// runStream runs one stream until deadline and returns its chunks' round
// trips.
func runStream(cl *client.Client, c config, text string, i int, deadline time.Time, st *stats) []time.Duration {
	ctx, cancel := context.WithTimeout(context.Background(), time.Until(deadline)+30*time.Second)
	defer cancel()
	// Stagger the streams over one interval, like calls that began at
	// different times.
	time.Sleep(time.Duration(rand.Int64N(int64(c.interval))))
	s, err := cl.Stream(ctx, &pb.StreamConfig{StreamId: "load-" + strconv.Itoa(i)})
	if err != nil {
		st.fail(&st.streamErrs, err)
		return nil
	}
	n := int(c.duration/c.interval) + 2
	sentAt := make([]atomic.Int64, n+1)
	lats := make([]time.Duration, 0, n)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			r, err := s.Recv()
			if err == io.EOF {
				return
			}
			if err != nil {
				st.fail(&st.streamErrs, err)
				return
			}
			if q := r.Sequence; q > 0 && int(q) < len(sentAt) {
				lats = append(lats, time.Duration(time.Now().UnixNano()-sentAt[q].Load()))
			}
		}
	}()
	off := rand.IntN(len(text) / 2)
	for text[off]&0xC0 == 0x80 {
		off++
	}
	t := time.NewTicker(c.interval)
	defer t.Stop()
	for seq := 1; seq < len(sentAt) && time.Now().Before(deadline); seq++ {
		if off+c.chunkBytes+8 > len(text) {
			off = 0
		}
		k := off + c.chunkBytes
		for k < len(text) && text[k]&0xC0 == 0x80 {
			k++
		}
		sentAt[seq].Store(time.Now().UnixNano())
		if err := s.Send(&pb.TranscriptChunk{Text: text[off:k], Sequence: uint64(seq)}); err != nil {
			st.fail(&st.sendErrs, err)
			break
		}
		st.sent.Add(1)
		st.bytes.Add(int64(k - off))
		off = k
		select {
		case <-t.C:
		case <-done:
		}
	}
	s.CloseSend()
	<-done
	return lats
}

func loadCorpus(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return "", fmt.Errorf("%s: %v", path, err)
		}
		b.WriteString(rec.Text)
		b.WriteByte('\n')
	}
	if b.Len() < 4096 {
		return "", fmt.Errorf("%s: too little text", path)
	}
	return b.String(), sc.Err()
}

func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	ips, err := net.LookupIP(host)
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address; redactload only loads local servers", addr)
		}
	}
	return nil
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// startRedactd starts the binary on free loopback ports with limits that
// admit the run.
func startRedactd(c config) (*exec.Cmd, string, error) {
	addr, err := freePort()
	if err != nil {
		return nil, "", err
	}
	maddr, err := freePort()
	if err != nil {
		return nil, "", err
	}
	cmd := exec.Command(c.redactd, "--listen", addr, "--metrics-listen", maddr, "--log-level", "warn",
		"--max-streams", strconv.Itoa(c.streams+100))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	metricsAddr = maddr
	return cmd, addr, nil
}

// metricsAddr is the /metrics address of the redactd startRedactd started.
var metricsAddr string

// serverLatency scrapes redactd's chunk latency histogram and returns the
// upper bounds of the buckets that hold the 50th and 99th percentiles.
func serverLatency(addr string) (p50, p99 string, err error) {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return "", "", err
	}
	defer resp.Body.Close()
	type bucket struct {
		le    string
		count float64
	}
	var bs []bucket
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		const prefix = `redactor_chunk_latency_seconds_bucket{le="`
		if !strings.HasPrefix(line, prefix) {
			continue
		}
		rest := line[len(prefix):]
		q := strings.IndexByte(rest, '"')
		n, _ := strconv.ParseFloat(strings.TrimSpace(rest[strings.LastIndexByte(rest, ' ')+1:]), 64)
		bs = append(bs, bucket{rest[:q], n})
	}
	if len(bs) == 0 {
		return "", "", errors.New("no chunk latency histogram")
	}
	total := bs[len(bs)-1].count
	find := func(p float64) string {
		for _, b := range bs {
			if b.count >= p*total {
				return "<= " + b.le + " s"
			}
		}
		return "?"
	}
	return find(0.5), find(0.99), nil
}

func waitServing(cl *client.Client) error {
	h := grpc_health_v1.NewHealthClient(cl.Conn())
	for i := 0; i < 100; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		r, err := h.Check(ctx, &grpc_health_v1.HealthCheckRequest{})
		cancel()
		if err == nil && r.Status == grpc_health_v1.HealthCheckResponse_SERVING {
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return errors.New("the server did not become healthy")
}

// rssBytes reads VmRSS of a process.
func rssBytes(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(b, []byte{'\n'}) {
		if f := strings.Fields(string(line)); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTicks reads a process's user+system CPU time in clock ticks (1/100 s).
func cpuTicks(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	k, _ := strconv.ParseInt(f[12], 10, 64)
	return u + k
}
