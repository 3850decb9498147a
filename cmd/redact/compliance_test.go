package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"redactor/grpcapi/server"
	"redactor/redact"
)

// auditKeyFiles makes a key pair with `redact audit keygen`.
func auditKeyFiles(t *testing.T) (priv, pub string) {
	t.Helper()
	dir := t.TempDir()
	priv, pub = filepath.Join(dir, "audit.pem"), filepath.Join(dir, "audit.pub.pem")
	if code, out, diag := runCLI(t, nil, "audit", "keygen", priv, pub); code != 0 || !strings.Contains(out, "key id") {
		t.Fatalf("keygen: exit %d %q %q", code, out, diag)
	}
	if code, _, diag := runCLI(t, nil, "audit", "keygen", priv, pub); code == 0 || !strings.Contains(diag, "exists") {
		t.Fatalf("keygen overwrote a key: %q", diag)
	}
	return priv, pub
}

const eventsInput = `{"id":"c1","text":"Agent: this call may be recorded. Caller: mail jane.roe@example.com and please stop calling me."}
{"id":"c2","text":"Caller: I didn't say don't call me, call me back at 415-555-0132."}
`

func TestEventsInJSONL(t *testing.T) {
	code, out, diag := runCLI(t, []byte(eventsInput), "--format", "jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, diag)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	want := []string{
		`"events":[{"type":"RECORDING_DISCLOSURE","start":7,"end":32},{"type":"OPT_OUT_REQUEST","start":79,"end":94}]}`,
		`"events":[]}`, // negated
	}
	for i, w := range want {
		if !strings.HasSuffix(lines[i], w) {
			t.Errorf("line %d: %s\nwant suffix %s", i+1, lines[i], w)
		}
	}
	// Every --chunk-bytes gives the same output.
	for _, n := range []string{"1", "3", "17"} {
		if _, o, _ := runCLI(t, []byte(eventsInput), "--format", "jsonl", "--chunk-bytes", n); o != out {
			t.Errorf("--chunk-bytes %s changes the output", n)
		}
	}
}

func TestAuditLogCLI(t *testing.T) {
	priv, pub := auditKeyFiles(t)
	dir := t.TempDir()
	log := filepath.Join(dir, "audit.jsonl")
	key := filepath.Join(dir, "hash.key")
	os.WriteFile(key, bytes.Repeat([]byte("k"), 32), 0o600)
	// Two runs append to one log: jsonl (one stream per line), then text.
	if code, _, diag := runCLI(t, []byte(eventsInput), "--format", "jsonl", "--audit-log", log, "--audit-key", priv, "--key-file", key); code != 0 {
		t.Fatalf("jsonl run: exit %d %s", code, diag)
	}
	in := filepath.Join(dir, "call.txt")
	os.WriteFile(in, []byte("Caller: card 4111 1111 1111 1111, stop calling me.\n"), 0o644)
	if code, out, diag := runCLI(t, nil, "--audit-log", log, "--audit-key", priv, "--chunk-bytes", "5", in); code != 0 || strings.Contains(out, "4111") {
		t.Fatalf("text run: exit %d %q %s", code, out, diag)
	}
	code, out, diag := runCLI(t, nil, "audit", "verify", log, "--pubkey", pub)
	if code != 0 || !strings.Contains(out, "ok: ") || !strings.Contains(out, "3 streams") {
		t.Fatalf("verify: exit %d %q %q", code, out, diag)
	}
	data, _ := os.ReadFile(log)
	text := string(data)
	pseud, _ := redact.Pseudonym(bytes.Repeat([]byte("k"), 32), "EMAIL_ADDRESS", []byte("jane.roe@example.com"))
	for _, want := range []string{`"stream":"c1","source":"redact"`, `"stream":"` + in + `","source":"redact"`, `"pseudonym":"` + pseud + `"`,
		`"type":"OPT_OUT_REQUEST"`, `"type":"CREDIT_CARD"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	for _, v := range []string{"jane.roe", "4111", "555-0132"} {
		if strings.Contains(text, v) {
			t.Errorf("the log holds %q", v)
		}
	}
	// Tampering: change one byte of a record in the middle.
	lines := strings.SplitAfter(text, "\n")
	mid := len(lines) / 2
	for !strings.Contains(lines[mid], `"kind":"redaction"`) {
		mid++
	}
	lines[mid] = strings.Replace(lines[mid], `"start":`, `"start":1`, 1)
	os.WriteFile(log, []byte(strings.Join(lines, "")), 0o644)
	code, _, diag = runCLI(t, nil, "audit", "verify", "--pubkey", pub, log)
	if code != 1 || !strings.Contains(diag, "line "+itoa(mid+1)+":") {
		t.Fatalf("tampered: exit %d %q (changed line %d)", code, diag, mid+1)
	}
	// Bad usage.
	if code, _, _ := runCLI(t, nil, "audit", "verify", log); code != 2 {
		t.Errorf("verify without --pubkey: exit %d", code)
	}
	if code, _, diag := runCLI(t, nil, "--audit-log", log); code != 2 || !strings.Contains(diag, "--audit-key") {
		t.Errorf("--audit-log without a key: exit %d %q", code, diag)
	}
	if code, _, diag := runCLI(t, nil, "--audit-log", log, "--audit-key", pub); code != 2 || !strings.Contains(diag, "public key") {
		t.Errorf("public key as --audit-key: exit %d %q", code, diag)
	}
}

// TestAuditOpenSSLKeys signs with a key openssl made, when it is installed.
func TestAuditOpenSSLKeys(t *testing.T) {
	openssl, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("openssl not installed")
	}
	dir := t.TempDir()
	priv, pub := filepath.Join(dir, "k.pem"), filepath.Join(dir, "k.pub.pem")
	if out, err := exec.Command(openssl, "genpkey", "-algorithm", "ed25519", "-out", priv).CombinedOutput(); err != nil {
		t.Skipf("openssl genpkey: %v %s", err, out)
	}
	if out, err := exec.Command(openssl, "pkey", "-in", priv, "-pubout", "-out", pub).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	log := filepath.Join(dir, "audit.jsonl")
	if code, _, diag := runCLI(t, []byte("mail a@example.com"), "--audit-log", log, "--audit-key", priv); code != 0 {
		t.Fatalf("exit %d %s", code, diag)
	}
	if code, out, diag := runCLI(t, nil, "audit", "verify", log, "--pubkey", pub); code != 0 {
		t.Fatalf("verify: exit %d %q %q", code, out, diag)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestPseudonymCommand(t *testing.T) {
	key := filepath.Join(dir, "hash.key")
	want, _ := redact.Pseudonym(readFile(t, "hash.key"), "PHONE_NUMBER", []byte("+1 (415) 555-0132"))
	for _, v := range []string{"+1 (415) 555-0132", "415.555.0132", "four one five five five five oh one three two"} {
		code, out, diag := runCLI(t, nil, "pseudonym", "--type", "PHONE_NUMBER", "--key-file", key, v)
		if code != 0 || out != want+"\n" {
			t.Errorf("%q: exit %d %q %q, want %s", v, code, out, diag, want)
		}
	}
	// The hash operator writes the same token.
	if _, out, _ := runCLI(t, []byte("call (415) 555-0132"), "--operator", "hash", "--key-file", key); out != "call "+want {
		t.Errorf("hash operator: %q", out)
	}
	// Values from standard input, one per line.
	code, out, _ := runCLI(t, []byte("415.555.0132\n\nfour one five five five five oh one three two\n"), "pseudonym", "--key-file", key, "--type", "PHONE_NUMBER")
	if code != 0 || out != want+"\n"+want+"\n" {
		t.Errorf("stdin: exit %d %q", code, out)
	}
	for _, tc := range []struct {
		args []string
		diag string
	}{
		{[]string{"pseudonym", "--key-file", key, "x"}, "--type is required"},
		{[]string{"pseudonym", "--type", "NO_SUCH", "--key-file", key, "x"}, "not an entity type"},
		{[]string{"pseudonym", "--type", "PHONE_NUMBER", "--key-file", "/nonexistent", "x"}, "--key-file"},
	} {
		code, _, diag := runCLI(t, nil, tc.args...)
		if code != 2 || !strings.Contains(diag, tc.diag) || strings.Contains(diag, "panic") {
			t.Errorf("%v: exit %d %q, want %q", tc.args, code, diag, tc.diag)
		}
	}
}

var tokenPattern = regexp.MustCompile(`<[A-Z_]+~[0-9a-f]{8}~[A-Za-z0-9_-]+>`)

func TestEncryptAndReveal(t *testing.T) {
	dir := t.TempDir()
	k1, k2 := filepath.Join(dir, "k1"), filepath.Join(dir, "k2")
	os.WriteFile(k1, bytes.Repeat([]byte{1}, 32), 0o600)
	os.WriteFile(k2, bytes.Repeat([]byte{2}, 32), 0o600)
	input := readFile(t, "transcript.txt")
	code, enc, diag := runCLI(t, input, "--operator", "encrypt", "--encrypt-key-file", k1)
	if code != 0 || len(tokenPattern.FindAllString(enc, -1)) < 3 {
		t.Fatalf("encrypt: exit %d %s %q", code, diag, enc)
	}
	for _, n := range []string{"1", "7"} {
		if _, o, _ := runCLI(t, input, "--operator", "encrypt", "--encrypt-key-file", k1, "--chunk-bytes", n); o != enc {
			t.Errorf("--chunk-bypes %s changes the tokens", n)
		}
	}
	// Reveal gives the input back, with the key among others (rotation).
	code, plain, diag := runCLI(t, []byte(enc), "reveal", "--key-file", k2, "--key-file", k1)
	if code != 0 || plain != string(input) {
		t.Fatalf("reveal: exit %d %s\n got %q\nwant %q", code, diag, plain, input)
	}
	// Without the right key: exit 2, naming the key id and the position.
	tk, _ := redact.NewTokenKey(bytes.Repeat([]byte{1}, 32))
	code, _, diag = runCLI(t, []byte(enc), "reveal", "--key-file", k2)
	if code != 2 || !strings.Contains(diag, "key id "+tk.ID()) || !strings.Contains(diag, "at byte") {
		t.Fatalf("wrong key: exit %d %q", code, diag)
	}
	// jsonl: only the text is revealed.
	code, jl, _ := runCLI(t, readFile(t, "calls.jsonl"), "--format", "jsonl", "--operator", "encrypt", "--encrypt-key-file", k1)
	if code != 0 {
		t.Fatal("jsonl encrypt")
	}
	code, back, diag := runCLI(t, []byte(jl), "reveal", "--format", "jsonl", "--key-file", k1)
	if code != 0 {
		t.Fatalf("jsonl reveal: %s", diag)
	}
	_, keep, _ := runCLI(t, readFile(t, "calls.jsonl"), "--format", "jsonl", "--operator", "keep")
	// With keep the text is the input; the revealed text must equal it.
	texts := func(s string) []string {
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
			var v struct{ Text string }
			json.Unmarshal([]byte(l), &v)
			out = append(out, v.Text)
		}
		return out
	}
	if a, b := texts(back), texts(keep); strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("jsonl reveal:\n got %q\nwant %q", a, b)
	}
	// Encrypt without a key is refused before reading input.
	if code, _, diag := runCLI(t, input, "--operator", "encrypt"); code != 2 || !strings.Contains(diag, "--encrypt-key-file") {
		t.Errorf("no key: exit %d %q", code, diag)
	}
}

func TestLabelOperatorCLI(t *testing.T) {
	in := []byte("mail a@example.com, b@example.com, then A@EXAMPLE.COM again")
	want := "mail [EMAIL_ADDRESS_1], [EMAIL_ADDRESS_2], then [EMAIL_ADDRESS_1] again"
	for _, n := range []string{"0", "1", "4"} {
		args := []string{"--operator", "label"}
		if n != "0" {
			args = append(args, "--chunk-bytes", n)
		}
		if code, out, diag := runCLI(t, in, args...); code != 0 || out != want {
			t.Errorf("chunks %s: exit %d %q %q", n, code, out, diag)
		}
	}
	// jsonl: numbers restart with every line (stream).
	code, out, _ := runCLI(t, []byte(`{"text":"b@example.com"}`+"\n"+`{"text":"c@example.com"}`+"\n"), "--format", "jsonl", "--operator", "label")
	if code != 0 || strings.Count(out, "[EMAIL_ADDRESS_1]") != 2 {
		t.Errorf("jsonl: %q", out)
	}
}

// TestRemoteCompliance: events, label and encrypt through --server equal
// local mode (the server's encrypt key is the local one).
func TestRemoteCompliance(t *testing.T) {
	dir := t.TempDir()
	k := filepath.Join(dir, "k")
	os.WriteFile(k, bytes.Repeat([]byte{1}, 32), 0o600)
	tk, _ := redact.NewTokenKey(bytes.Repeat([]byte{1}, 32))
	addr := startServer(t, server.Options{EncryptKey: tk})
	in := filepath.Join(dir, "events.jsonl")
	os.WriteFile(in, []byte(eventsInput), 0o644)
	for _, args := range [][]string{
		{"--format", "jsonl", in},
		{"--format", "jsonl", "--chunk-bytes", "3", in},
		{"--format", "jsonl", "--operator", "label", in},
		{"--format", "jsonl", "--operator", "encrypt", "--encrypt-key-file", k, in},
	} {
		wantCode, want, wantDiag := runCLI(t, nil, args...)
		code, got, diag := runCLI(t, nil, append([]string{"--server", addr}, args...)...)
		if code != wantCode || got != want || diag != wantDiag || !strings.Contains(want, "OPT_OUT_REQUEST") {
			t.Errorf("%v: --server: exit %d %q\n%s\nlocal: exit %d %q\n%s", args, code, diag, got, wantCode, wantDiag, want)
		}
	}
	if code, _, diag := runCLI(t, nil, "--server", addr, "--audit-log", filepath.Join(dir, "a"), "--audit-key", k, in); code != 2 || !strings.Contains(diag, "server keeps the audit log") {
		t.Errorf("--audit-log with --server: exit %d %q", code, diag)
	}
}
