package server_test

import (
	"strconv"
	"strings"
	"sync"
	"testing"

	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
)

// TestUnaryMetricsCounts checks the unary call metrics, whose children the
// server caches, over concurrent calls, and that a series appears only once
// it is counted.
func TestUnaryMetricsCounts(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	if _, err := c.Redact(ctxT(t), "x", &pb.RedactionOptions{EntityTypes: []string{"NOPE"}}); err == nil {
		t.Fatal("an unknown entity type was accepted")
	}
	m := scrape(t, ts)
	for _, name := range []string{"grpc_server_msg_sent_total", "redactor_entities_total", `grpc_code=OK`} {
		if s := grep(m, name); s != "" {
			t.Errorf("after a failed call only: %s", s)
		}
	}
	text := "mail jane@example.com or bob@example.org\n"
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 10 {
				if r, err := c.Redact(ctxT(t), text, nil); err != nil || len(r.Entities) != 2 {
					t.Errorf("%v %v", r, err)
				}
			}
		})
	}
	wg.Wait()
	m = scrape(t, ts)
	const lbl = `{grpc_method=Redact}{grpc_service=redactor.v1.Redactor}{grpc_type=unary}`
	for _, want := range []string{
		`grpc_server_handled_total{grpc_code=InvalidArgument}` + lbl + ` 1`,
		`grpc_server_handled_total{grpc_code=OK}` + lbl + ` 40`,
		`grpc_server_msg_received_total` + lbl + ` 41`,
		`grpc_server_msg_sent_total` + lbl + ` 40`,
		`grpc_server_started_total` + lbl + ` 41`,
		`redactor_entities_total{detector=email}{type=EMAIL_ADDRESS} 80`,
		`redactor_errors_total{code=InvalidArgument}{method=Redact} 1`,
		`redactor_requests_total{method=Redact} 41`,
		`redactor_received_bytes_total{method=Redact} ` + strconv.Itoa(40*len(text)),
	} {
		if !strings.Contains(m, want+"\n") {
			t.Errorf("metrics lack %q; have:\n%s", want, grep(m, strings.SplitN(want, "{", 2)[0]))
		}
	}
}
