package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
	"redactor/redact"
)

// TestGracefulShutdown: a stream that ends during the grace period finishes
// normally; streams still open at its end get every chunk's answer and the
// flushed rest, then UNAVAILABLE; health watchers see NOT_SERVING.
func TestGracefulShutdown(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	text := corpus(t, 2)
	chunks := splitRunes(text, 150)
	half := len(chunks) / 2

	watch, err := grpc_health_v1.NewHealthClient(c.Conn()).Watch(ctxT(t), &grpc_health_v1.HealthCheckRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := watch.Recv(); err != nil || r.Status != grpc_health_v1.HealthCheckResponse_SERVING {
		t.Fatalf("health before: %v %v", r, err)
	}

	type result struct {
		sent string
		got  strings.Builder
		seqs []uint64
		err  error
	}
	const streams = 4
	res := make([]*result, streams)
	var opened, wg sync.WaitGroup
	shutdownStarted := make(chan struct{})
	opened.Add(streams)
	for i := range res {
		r := &result{}
		res[i] = r
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := c.Stream(context.Background(), &pb.StreamConfig{StreamId: fmt.Sprint("drain-", i)})
			opened.Done()
			if err != nil {
				r.err = err
				return
			}
			done := make(chan struct{})
			go func() {
				defer close(done)
				for {
					resp, err := s.Recv()
					if err != nil {
						r.err = err
						return
					}
					r.got.WriteString(resp.Text)
					if resp.Sequence > 0 {
						r.seqs = append(r.seqs, resp.Sequence)
					}
				}
			}()
			send := func(k int) {
				s.Send(&pb.TranscriptChunk{Text: chunks[k], Sequence: uint64(k + 1)})
				r.sent += chunks[k]
			}
			for k := 0; k < half; k++ {
				send(k)
			}
			<-shutdownStarted
			if i == 0 {
				// This stream finishes within the grace period.
				for k := half; k < len(chunks); k++ {
					send(k)
				}
				s.CloseSend()
			}
			<-done
		}(i)
	}
	opened.Wait()
	time.Sleep(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	stopped := make(chan struct{})
	go func() {
		ts.srv.Shutdown(ctx)
		close(stopped)
	}()
	if r, err := watch.Recv(); err != nil || r.Status != grpc_health_v1.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("health during shutdown: %v %v", r, err)
	}
	close(shutdownStarted)
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Shutdown did not return")
	}
	wg.Wait()
	for i, r := range res {
		want, _ := local(t, r.sent, redact.Config{})
		if r.got.String() != want {
			t.Errorf("stream %d: output lost text: got %d bytes, want %d", i, r.got.Len(), len(want))
		}
		n := half
		code := codes.Unavailable
		if i == 0 {
			n, code = len(chunks), codes.OK
		}
		if len(r.seqs) != n {
			t.Errorf("stream %d: %d chunks answered, want %d", i, len(r.seqs), n)
		}
		if got := status.Code(r.err); (code == codes.OK && r.err != io.EOF) || (code != codes.OK && got != code) {
			t.Errorf("stream %d ended with %v, want %v", i, r.err, code)
		}
	}
	if _, err := c.Redact(ctxT(t), "hello", nil); err == nil {
		t.Error("a call after shutdown succeeded")
	}
}

// TestMetrics scrapes /metrics over HTTP after some traffic and lints the
// names with promlint.
func TestMetrics(t *testing.T) {
	ts := start(t, server.Options{})
	hs := httptest.NewServer(promhttp.HandlerFor(ts.reg, promhttp.HandlerOpts{}))
	defer hs.Close()
	c := ts.dial(t)
	if _, err := c.Redact(ctxT(t), "mail jane@example.com", nil); err != nil {
		t.Fatal(err)
	}
	res, err := c.RedactChunks(ctxT(t), nil, []*pb.TranscriptChunk{
		{Text: "call 415-555-0132 "}, {Text: "preview 4111", Interim: true}, {Text: "ok"},
	})
	if err != nil || res.Text != "call [PHONE_NUMBER] ok" {
		t.Fatalf("%v %v", res, err)
	}
	c.Redact(ctxT(t), "x", &pb.RedactionOptions{EntityTypes: []string{"NOPE"}})
	ts.srv.RecordReload(nil)

	resp, err := http.Get(hs.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(body)
	for _, want := range []string{
		`redactor_streams_total 1`,
		`redactor_streams_active 0`,
		`redactor_received_bytes_total{method="Redact"} 21`,
		`redactor_received_bytes_total{method="StreamRedact"} 20`,
		`redactor_sent_bytes_total{method="StreamRedact"} 22`,
		`redactor_chunks_received_total{kind="final"} 2`,
		`redactor_chunks_received_total{kind="interim"} 1`,
		`redactor_responses_sent_total 4`,
		`redactor_entities_total{detector="email",type="EMAIL_ADDRESS"} 1`,
		`redactor_entities_total{detector="phone",type="PHONE_NUMBER"} 1`,
		`redactor_chunk_latency_seconds_count 3`,
		`redactor_held_bytes 0`,
		`redactor_errors_total{code="InvalidArgument",method="Redact"} 1`,
		`redactor_pack_reloads_total{result="success"} 1`,
		`redactor_pack_info{hash="`,
		`grpc_server_handled_total{grpc_code="OK",grpc_method="StreamRedact",grpc_service="redactor.v1.Redactor",grpc_type="bidi_stream"} 1`,
		`grpc_server_msg_received_total{grpc_method="StreamRedact",grpc_service="redactor.v1.Redactor",grpc_type="bidi_stream"} 4`,
		`grpc_server_handling_seconds_bucket`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	problems, err := promlint.New(strings.NewReader(text)).Lint()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("promlint: %s: %s", p.Metric, p.Text)
	}
}
