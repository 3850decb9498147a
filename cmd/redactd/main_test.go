package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServe runs redactd as main does, on loopback ports, with a token and
// a hash key, talks to it, scrapes its metrics and stops it.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	token := "redactd-test-token-0123456789"
	tokenFile := filepath.Join(dir, "tokens")
	keyFile := filepath.Join(dir, "key")
	os.WriteFile(tokenFile, []byte("# rotation list\n"+token+"\n"), 0o600)
	os.WriteFile(keyFile, bytes.Repeat([]byte{7}, 32), 0o600)
	var logs lockedBuffer
	code := run([]string{"--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--token-file", tokenFile, "--key-file", keyFile, "--shutdown-timeout", "1s"}, &logs,
		func(addr, metricsAddr string, stop func()) {
			defer stop()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			c, err := client.Dial(addr, client.WithToken(token))
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			resp, err := c.Redact(ctx, "secret tangerine, mail jane.roe@example.com", &pb.RedactionOptions{
				DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_HASH}})
			if err != nil || !strings.HasPrefix(resp.Text, "secret tangerine, mail <EMAIL_ADDRESS_") {
				t.Errorf("Redact: %v %v", resp, err)
			}
			ld, err := c.ListDetectors(ctx)
			if err != nil || !ld.HashOperatorAvailable || ld.Pack.GetName() == "" {
				t.Errorf("ListDetectors: %v %v", ld, err)
			}
			anon, _ := client.Dial(addr)
			defer anon.Close()
			if _, err := anon.Redact(ctx, "x", nil); status.Code(err) != codes.Unauthenticated {
				t.Errorf("without a token: %v", err)
			}
			h, err := grpc_health_v1.NewHealthClient(anon.Conn()).Check(ctx, &grpc_health_v1.HealthCheckRequest{Service: "redactor.v1.Redactor"})
			if err != nil || h.Status != grpc_health_v1.HealthCheckResponse_SERVING {
				t.Errorf("health: %v %v", h, err)
			}
			r, err := http.Get("http://" + metricsAddr + "/metrics")
			if err != nil {
				t.Error(err)
				return
			}
			body, _ := io.ReadAll(r.Body)
			r.Body.Close()
			for _, want := range []string{"redactor_entities_total{detector=", "go_goroutines", "process_resident_memory_bytes", "redactor_pack_info{"} {
				if !strings.Contains(string(body), want) {
					t.Errorf("metrics lack %s", want)
				}
			}
		})
	if code != 0 {
		t.Fatalf("exit %d; logs:\n%s", code, logs.String())
	}
	out := logs.String()
	for _, want := range []string{`"msg":"redactd listening"`, `"msg":"redactd stopped"`} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "tangerine") || strings.Contains(out, "jane.roe") || strings.Contains(out, token) {
		t.Errorf("logs leak:\n%s", out)
	}
}

func TestFlagErrors(t *testing.T) {
	dir := t.TempDir()
	short := filepath.Join(dir, "short")
	os.WriteFile(short, []byte("too short"), 0o600)
	for _, tc := range []struct {
		args []string
		code int
		diag string
	}{
		{[]string{"--tls-cert", "x.pem"}, 2, "--tls-cert and --tls-key go together"},
		{[]string{"--tls-client-ca", "ca.pem"}, 2, "--tls-client-ca needs"},
		{[]string{"--log-format", "xml"}, 2, "--log-format"},
		{[]string{"--no-such-flag"}, 2, "flag provided but not defined"},
		{[]string{"extra"}, 2, "unexpected arguments"},
		{[]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--key-file", short}, 1, "at least 32 are required"},
		{[]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--token-file", short}, 1, "shorter than 16 bytes"},
		{[]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--tls-cert", short, "--tls-key", short}, 1, "TLS certificate"},
	} {
		var stderr lockedBuffer
		code := run(tc.args, &stderr, func(string, string, func()) { t.Errorf("%v: started", tc.args) })
		if code != tc.code || !strings.Contains(stderr.String(), tc.diag) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr.String(), tc.code, tc.diag)
		}
	}
}

// TestPackReload starts redactd on a pack file, then changes the file
// (watch), breaks it, and fixes it with SIGHUP: new requests use the new
// pack, a stream opened before keeps its engine, and a bad pack keeps the
// old one.
func TestPackReload(t *testing.T) {
	dir := t.TempDir()
	pack := filepath.Join(dir, "site.yaml")
	write := func(version, pattern string) {
		body := "name: site\nversion: \"" + version + "\"\ndetectors:\n  - name: staff\n    type: EMPLOYEE_ID\n    regex: {patterns: ['" + pattern + "']}\n"
		if err := os.WriteFile(pack, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("1", `E-\d{6}`)
	var logs lockedBuffer
	code := run([]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--pack", pack, "--pack-watch", "20ms", "--shutdown-timeout", "1s"}, &logs,
		func(addr, _ string, stop func()) {
			defer stop()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			c, err := client.Dial(addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			redact := func(text string) string {
				resp, err := c.Redact(ctx, text, nil)
				if err != nil {
					t.Fatalf("Redact: %v", err)
				}
				return resp.Text
			}
			version := func() string {
				ld, err := c.ListDetectors(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return ld.Pack.GetVersion()
			}
			waitVersion := func(want string) {
				for deadline := time.Now().Add(10 * time.Second); version() != want; time.Sleep(10 * time.Millisecond) {
					if time.Now().After(deadline) {
						t.Fatalf("pack version stays %q, want %q", version(), want)
					}
				}
			}
			if got := redact("staff E-123456 and F-123456"); got != "staff [EMPLOYEE_ID] and F-123456" {
				t.Errorf("pack 1: %q", got)
			}
			old, err := c.Stream(ctx, &pb.StreamConfig{StreamId: "before-reload"})
			if err != nil {
				t.Fatal(err)
			}
			// The watch picks up a changed file.
			write("2", `F-\d{6}`)
			waitVersion("1.0.0+2")
			if got := redact("staff E-123456 and F-123456"); got != "staff E-123456 and [EMPLOYEE_ID]" {
				t.Errorf("pack 2: %q", got)
			}
			// The stream opened before the reload finishes on its engine.
			old.SendText("staff E-654321 and F-654321 ")
			old.CloseSend()
			var text strings.Builder
			for {
				resp, err := old.Recv()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("old stream: %v", err)
				}
				text.WriteString(resp.Text)
			}
			if text.String() != "staff [EMPLOYEE_ID] and F-654321 " {
				t.Errorf("stream from before the reload: %q", text.String())
			}
			// A broken pack keeps the old one.
			os.WriteFile(pack, []byte("name: site\nversion: \"3\"\ndetectors:\n  - name: staff\n    regx: {}\n"), 0o644)
			time.Sleep(200 * time.Millisecond)
			if v := version(); v != "1.0.0+2" {
				t.Errorf("after a bad pack the version is %q", v)
			}
			// SIGHUP reloads too (the watch would as well; either is fine).
			write("4", `G-\d{6}`)
			syscall.Kill(os.Getpid(), syscall.SIGHUP)
			waitVersion("1.0.0+4")
			if got := redact("G-123456"); got != "[EMPLOYEE_ID]" {
				t.Errorf("pack 4: %q", got)
			}
		})
	if code != 0 {
		t.Fatalf("exit %d; logs:\n%s", code, logs.String())
	}
	out := logs.String()
	if !strings.Contains(out, `"msg":"pack reload failed"`) || !strings.Contains(out, "unknown key") {
		t.Errorf("the bad pack is not logged:\n%s", out)
	}
}

// TestBadPackRefusesToStart: the server does not start on a bad pack, and
// says why as lint would.
func TestBadPackRefusesToStart(t *testing.T) {
	var logs lockedBuffer
	code := run([]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--pack", "../../testdata/packs/invalid/unknown_builtin.yaml"}, &logs,
		func(string, string, func()) { t.Error("the server started") })
	if code != 1 || !strings.Contains(logs.String(), `unknown_builtin.yaml:5: detector \"tel\": unknown builtin \"phon\"`) {
		t.Errorf("exit %d, logs:\n%s", code, logs.String())
	}
}

// TestReloadUnderLoad reloads the pack many times while streams run: no
// stream fails, no chunk is lost, and every stream's output is the one its
// pack gives.
func TestReloadUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	dir := t.TempDir()
	pack := filepath.Join(dir, "site.yaml")
	write := func(version int) {
		body := fmt.Sprintf("name: site\nversion: \"%d\"\ndetectors:\n  - name: staff\n    type: EMPLOYEE_ID\n    regex: {patterns: ['E-\\d{6}']}\n", version)
		if err := os.WriteFile(pack, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(0)
	var logs lockedBuffer
	code := run([]string{"--listen", "127.0.0.1:0", "--metrics-listen", "", "--pack", pack, "--pack-watch", "5ms", "--max-chunk-rate", "-1", "--shutdown-timeout", "2s"}, &logs,
		func(addr, _ string, stop func()) {
			defer stop()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			c, err := client.Dial(addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			const piece = "staff E-123456 mail jane@example.com, "
			const want = "staff [EMPLOYEE_ID] mail [EMAIL_ADDRESS], "
			var wg sync.WaitGroup
			var failures sync.Map
			for g := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for k := range 10 {
						st, err := c.Stream(ctx, &pb.StreamConfig{StreamId: fmt.Sprintf("load-%d-%d", g, k)})
						if err != nil {
							failures.Store(fmt.Sprintf("%d/%d open", g, k), err)
							return
						}
						for range 20 {
							if err := st.SendText(piece); err != nil {
								failures.Store(fmt.Sprintf("%d/%d send", g, k), err)
								return
							}
						}
						st.CloseSend()
						var got strings.Builder
						for {
							resp, err := st.Recv()
							if err == io.EOF {
								break
							}
							if err != nil {
								failures.Store(fmt.Sprintf("%d/%d recv", g, k), err)
								return
							}
							got.WriteString(resp.Text)
						}
						if got.String() != strings.Repeat(want, 20) {
							failures.Store(fmt.Sprintf("%d/%d output", g, k), got.String())
						}
					}
				}()
			}
			// Reload while the streams run: by file change and by SIGHUP.
			for v := 1; v <= 20; v++ {
				write(v)
				if v%4 == 0 {
					syscall.Kill(os.Getpid(), syscall.SIGHUP)
				}
				time.Sleep(10 * time.Millisecond)
			}
			wg.Wait()
			failures.Range(func(k, v any) bool {
				t.Errorf("stream %v: %v", k, v)
				return true
			})
		})
	if code != 0 {
		t.Fatalf("exit %d; logs:\n%s", code, logs.String())
	}
	if n := strings.Count(logs.String(), `"msg":"packs loaded"`); n < 3 {
		t.Errorf("only %d reloads happened", n)
	}
}
