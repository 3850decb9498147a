package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redactor/grpcapi/server"
)

// startServer serves a redactd on a loopback port for the test; the hash
// key is the one the golden tests use.
func startServer(t *testing.T, opts server.Options) string {
	t.Helper()
	key, err := os.ReadFile(filepath.Join(dir, "hash.key"))
	if err != nil {
		t.Fatal(err)
	}
	opts.HashKey = key
	srv, err := server.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	gs := srv.GRPCServer()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go gs.Serve(lis)
	t.Cleanup(gs.Stop)
	return lis.Addr().String()
}

// TestRemoteEqualsLocal runs every golden case and several chunk sizes
// through --server and requires local mode's output, exit status and
// diagnostics.
func TestRemoteEqualsLocal(t *testing.T) {
	addr := startServer(t, server.Options{})
	key := filepath.Join(dir, "hash.key")
	cases := []struct {
		name  string
		input string
		args  []string
	}{
		{"text_default", "transcript.txt", nil},
		{"text_mask", "transcript.txt", []string{"--operator", "mask", "--mask-keep", "4", "--mask-char", "#"}},
		{"text_mixed_ops", "transcript.txt", []string{"--operator", "remove", "--operator", "EMAIL_ADDRESS=keep", "--operator", "PHONE_NUMBER=mask"}},
		{"text_hash", "transcript.txt", []string{"--operator", "hash", "--key-file", key}},
		{"text_entities", "transcript.txt", []string{"--entities", "CREDIT_CARD,US_SSN"}},
		{"text_two_files", "transcript.txt", []string{filepath.Join(dir, "transcript.txt")}},
		{"jsonl", "calls.jsonl", []string{"--format", "jsonl"}},
		{"jsonl_hash", "calls.jsonl", []string{"--format", "jsonl", "--operator", "hash", "--key-file", key}},
		{"jsonl_corpus", "../corpus/calls_small.jsonl", []string{"--format", "jsonl"}},
		{"jsonl_bad_json", "bad_json.jsonl", []string{"--format", "jsonl"}},
		{"jsonl_missing_text", "missing_text.jsonl", []string{"--format", "jsonl"}},
		{"jsonl_text_not_string", "text_not_string.jsonl", []string{"--format", "jsonl"}},
		{"text_invalid_utf8", "invalid_utf8.txt", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), filepath.Join(dir, tc.input))
			wantCode, want, wantDiag := runCLI(t, nil, args...)
			code, got, diag := runCLI(t, nil, append([]string{"--server", addr}, args...)...)
			if code != wantCode || got != want || diag != wantDiag {
				t.Fatalf("--server: exit %d, stderr %q, output equal: %v; local: exit %d, stderr %q",
					code, diag, got == want, wantCode, wantDiag)
			}
		})
	}
}

// TestRemoteChunkBytes checks chunk invariance over the wire, with pieces
// small enough that the client must coalesce to respect the chunk rate.
func TestRemoteChunkBytes(t *testing.T) {
	addr := startServer(t, server.Options{Limits: server.Limits{MaxChunksPerSecond: 2000, ChunkBurst: 200}})
	for _, tc := range []struct{ file, format string }{
		{"transcript.txt", "text"},
		{"calls.jsonl", "jsonl"},
	} {
		path := filepath.Join(dir, tc.file)
		_, want, _ := runCLI(t, nil, "--format", tc.format, path)
		for _, n := range []int{1, 2, 5, 64, 4096} {
			code, got, diag := runCLI(t, nil, "--server", addr, "--format", tc.format, "--chunk-bytes", fmt.Sprint(n), path)
			if code != 0 || got != want {
				t.Fatalf("%s --chunk-bytes %d: exit %d (%s), output differs", tc.file, n, code, diag)
			}
		}
	}
	// Standard input, with a multi-byte character split by every size.
	in := []byte("José, call 415-555-0132 — Zoë: jane@example.com\n")
	_, want, _ := runCLI(t, in)
	for n := 1; n <= 4; n++ {
		if code, got, diag := runCLI(t, in, "--server", addr, "--chunk-bytes", fmt.Sprint(n)); code != 0 || got != want {
			t.Fatalf("stdin, --chunk-bytes %d: exit %d (%s), got %q, want %q", n, code, diag, got, want)
		}
	}
}

func TestRemoteErrors(t *testing.T) {
	token := "remote-test-token-0123456789"
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte(token+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := startServer(t, server.Options{Tokens: [][]byte{[]byte(token)}})
	in := []byte("mail jane@example.com\n")

	t.Setenv(tokenFileEnv, "")
	code, out, diag := runCLI(t, in, "--server", addr)
	if code != 2 || out != "" || !strings.Contains(diag, "Unauthenticated") {
		t.Errorf("without a token: exit %d, out %q, stderr %q", code, out, diag)
	}
	t.Setenv(tokenFileEnv, tokenFile)
	code, out, diag = runCLI(t, in, "--server", addr)
	if code != 0 || out != "mail [EMAIL_ADDRESS]\n" {
		t.Errorf("with the token: exit %d, out %q, stderr %q", code, out, diag)
	}

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := lis.Addr().String()
	lis.Close()
	code, out, diag = runCLI(t, in, "--server", down)
	if code != 1 || out != "" || !strings.Contains(diag, "Unavailable") || strings.Contains(diag, "jane") {
		t.Errorf("server down: exit %d, out %q, stderr %q", code, out, diag)
	}
}
