package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redactor/audit"
	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/redact"
)

// TestServeAudit runs redactd with an audit log, an encrypt key and a hash
// key: calls are recorded, pseudonyms work, the metrics show the log, and
// the log verifies after shutdown.
func TestServeAudit(t *testing.T) {
	dir := t.TempDir()
	privPEM, pubPEM, err := audit.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	privFile, logFile := filepath.Join(dir, "audit.pem"), filepath.Join(dir, "audit.jsonl")
	keyFile, encFile := filepath.Join(dir, "key"), filepath.Join(dir, "enc")
	os.WriteFile(privFile, privPEM, 0o600)
	os.WriteFile(keyFile, bytes.Repeat([]byte{7}, 32), 0o600)
	os.WriteFile(encFile, bytes.Repeat([]byte{8}, 32), 0o600)
	var logs lockedBuffer
	code := run([]string{"--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--key-file", keyFile,
		"--encrypt-key-file", encFile, "--audit-log", logFile, "--audit-key", privFile, "--shutdown-timeout", "1s"}, &logs,
		func(addr, metricsAddr string, stop func()) {
			defer stop()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := client.Dial(addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			resp, err := c.Redact(ctx, "mail jane.roe@example.com and stop calling me", &pb.RedactionOptions{
				DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_ENCRYPT}})
			if err != nil || !strings.Contains(resp.Text, "<EMAIL_ADDRESS~") || len(resp.Events) != 1 {
				t.Errorf("Redact: %v %v", resp, err)
			}
			p, err := c.Pseudonym(ctx, "EMAIL_ADDRESS", "JANE.ROE@example.com")
			want, _ := redact.Pseudonym(bytes.Repeat([]byte{7}, 32), "EMAIL_ADDRESS", []byte("jane.roe@example.com"))
			if err != nil || p != want {
				t.Errorf("Pseudonym: %q %v, want %q", p, err, want)
			}
			r, err := http.Get("http://" + metricsAddr + "/metrics")
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(r.Body)
			r.Body.Close()
			for _, m := range []string{"redactor_audit_queue_bytes", "redactor_audit_up 1", "redactor_audit_errors_total 0",
				"redactor_pseudonym_requests_total 1", `redactor_events_total{type="OPT_OUT_REQUEST"} 1`} {
				if !strings.Contains(string(body), m) {
					t.Errorf("metrics lack %s", m)
				}
			}
		})
	if code != 0 {
		t.Fatalf("exit %d: %s", code, logs.String())
	}
	pub, _ := audit.ParsePublicKey(pubPEM)
	f, err := os.Open(logFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := audit.Verify(f, []ed25519.PublicKey{pub})
	if err != nil || rep.Streams != 1 {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	data, _ := os.ReadFile(logFile)
	if strings.Contains(string(data), "jane") || strings.Contains(logs.String(), "jane") {
		t.Error("a value reached the audit log or the server log")
	}
}

func TestAuditFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		diag string
	}{
		{[]string{"--audit-log", "x.jsonl"}, 2, "--audit-log and --audit-key go together"},
		{[]string{"--audit-fail-open"}, 2, "--audit-fail-open needs --audit-log"},
		{[]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--audit-log", "x.jsonl", "--audit-key", "/nonexistent.pem"}, 1, "--audit-key"},
	} {
		var stderr lockedBuffer
		code := run(tc.args, &stderr, func(string, string, func()) { t.Errorf("%v: started", tc.args) })
		if code != tc.code || !strings.Contains(stderr.String(), tc.diag) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.diag)
		}
	}
}
