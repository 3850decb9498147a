package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cli")

const dir = "../../testdata/cli"

// runCLI runs the command in-process and returns its exit code and output.
func runCLI(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, bytes.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestGolden compares the output for each case with testdata/cli/NAME.golden.
func TestGolden(t *testing.T) {
	key := filepath.Join(dir, "hash.key")
	cases := []struct {
		name  string
		input string
		args  []string
		code  int
		diag  string // a substring stderr must hold
	}{
		{"text_default", "transcript.txt", nil, 0, ""},
		{"text_mask", "transcript.txt", []string{"--operator", "mask", "--mask-keep", "4"}, 0, ""},
		{"text_mixed_ops", "transcript.txt", []string{"--operator", "remove", "--operator", "EMAIL_ADDRESS=keep", "--operator", "PHONE_NUMBER=mask"}, 0, ""},
		{"text_hash", "transcript.txt", []string{"--operator", "hash", "--key-file", key}, 0, ""},
		{"text_entities", "transcript.txt", []string{"--entities", "CREDIT_CARD,US_SSN"}, 0, ""},
		{"jsonl", "calls.jsonl", []string{"--format", "jsonl"}, 0, ""},
		{"jsonl_hash", "calls.jsonl", []string{"--format", "jsonl", "--operator", "hash", "--key-file", key}, 0, ""},
		{"jsonl_bad_json", "bad_json.jsonl", []string{"--format", "jsonl"}, 2, "line 2: not valid JSON"},
		{"jsonl_missing_text", "missing_text.jsonl", []string{"--format", "jsonl"}, 2, `line 2: field "text" is missing`},
		{"jsonl_text_not_string", "text_not_string.jsonl", []string{"--format", "jsonl"}, 2, `line 1: field "text" is not a string`},
		{"text_invalid_utf8", "invalid_utf8.txt", nil, 2, "line 2: invalid UTF-8 at byte 34"},
		{"text_site_pack", "transcript.txt", []string{"--pack", "../../testdata/packs/valid/site.yaml"}, 0, ""},
		{"text_bad_pack", "transcript.txt", []string{"--pack", "../../testdata/packs/invalid/unknown_key.yaml"}, 2, `unknown_key.yaml:7: detector "emp": unknown key "regx"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), filepath.Join(dir, tc.input))
			code, out, diag := runCLI(t, nil, args...)
			if code != tc.code || !strings.Contains(diag, tc.diag) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, diag, tc.code, tc.diag)
			}
			golden := filepath.Join(dir, tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s:\n got %s\nwant %s", golden, out, want)
			}
		})
	}
}

// TestChunkBytes requires byte-identical output for every --chunk-bytes.
func TestChunkBytes(t *testing.T) {
	for _, tc := range []struct{ file, format string }{
		{"transcript.txt", "text"},
		{"calls.jsonl", "jsonl"},
		{"../corpus/calls_small.jsonl", "jsonl"},
	} {
		path := filepath.Join(dir, tc.file)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("%v", err)
		}
		_, want, _ := runCLI(t, nil, "--format", tc.format, path)
		sizes := []int{1, 2, 3, 4, 5, 7, 13, 64, 100, 4096}
		if testing.Short() {
			sizes = sizes[3:]
		}
		for _, n := range sizes {
			code, got, diag := runCLI(t, nil, "--format", tc.format, "--chunk-bytes", fmt.Sprint(n), path)
			if code != 0 || got != want {
				t.Fatalf("%s --chunk-bytes %d: exit %d (%s), output differs", tc.file, n, code, diag)
			}
		}
	}
}

// TestFailClosed checks that a stream that fails writes nothing of itself
// and that messages carry no transcript text.
func TestFailClosed(t *testing.T) {
	code, out, diag := runCLI(t, readFile(t, "bad_json.jsonl"), "--format", "jsonl")
	if code != 2 || strings.Contains(out, "0199") || strings.Count(out, "\n") != 1 {
		t.Errorf("bad line: exit %d, output %q", code, out)
	}
	if strings.Contains(diag, "415") || strings.Contains(diag, "call") {
		t.Errorf("diagnostic leaks input: %q", diag)
	}
	code, out, diag = runCLI(t, readFile(t, "invalid_utf8.txt"))
	if code != 2 || strings.Contains(out, "4111") || strings.Contains(diag, "4111") {
		t.Errorf("invalid UTF-8: exit %d, output %q, stderr %q", code, out, diag)
	}
}

func TestFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		diag string
	}{
		{[]string{"--format", "xml"}, `--format "xml"`},
		{[]string{"--operator", "shred"}, `unknown operator "shred"`},
		{[]string{"--operator", "hash"}, "needs a key"},
		{[]string{"--operator", "hash", "--key-file", filepath.Join(dir, "transcript.txt"), "--mask-char", "ab"}, "--mask-char"},
		{[]string{"--chunk-bytes", "0"}, "--chunk-bytes 0"},
		{[]string{"--entities", "CREDIT_CARD,NOPE"}, `unknown entity type "NOPE"`},
		{[]string{"--no-such-flag"}, "flag provided but not defined"},
		{[]string{"no/such/file"}, "no such file"},
	} {
		t.Setenv(keyEnv, "")
		os.Unsetenv(keyEnv)
		code, _, diag := runCLI(t, nil, tc.args...)
		if code != 2 || !strings.Contains(diag, tc.diag) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, diag, tc.diag)
		}
	}
}

func TestKeyFromEnvironment(t *testing.T) {
	t.Setenv(keyEnv, strings.Repeat("ab", 32))
	code, out, diag := runCLI(t, []byte("mail jane@example.com now"), "--operator", "hash")
	if code != 0 || !strings.HasPrefix(out, "mail <EMAIL_ADDRESS_") {
		t.Fatalf("exit %d, out %q, stderr %q", code, out, diag)
	}
	_, again, _ := runCLI(t, []byte("mail JANE@example.com now"), "--operator", "hash")
	if again != out {
		t.Errorf("hash of one address in two cases differs: %q vs %q", out, again)
	}
}

// TestBinary builds the command and runs it as a user would.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "redact")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "--format", "jsonl")
	cmd.Stdin = strings.NewReader(`{"id":"a","text":"mail me at jane.roe@example.com or call 415-555-0132"}` + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"a","text":"mail me at [EMAIL_ADDRESS] or call [PHONE_NUMBER]","entities":[` +
		`{"type":"EMAIL_ADDRESS","start":11,"end":31,"redacted_start":11,"redacted_end":26,"score":1,"detector":"email"},` +
		`{"type":"PHONE_NUMBER","start":40,"end":52,"redacted_start":35,"redacted_end":49,"score":0.85,"detector":"phone"}],"events":[]}` + "\n"
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	cmd = exec.Command(bin, "--format", "jsonl")
	cmd.Stdin = strings.NewReader("{oops\n")
	if err := cmd.Run(); err == nil || cmd.ProcessState.ExitCode() != 2 {
		t.Errorf("bad line: %v, want exit status 2", err)
	}
}

func TestLint(t *testing.T) {
	code, out, diag := runCLI(t, nil, "lint", "../../testdata/packs/valid/site.yaml")
	if code != 0 || !strings.HasPrefix(out, "ok: pack default+northwind version 1.0.0+2026.11.2") {
		t.Errorf("valid pack: exit %d, out %q, stderr %q", code, out, diag)
	}
	code, _, diag = runCLI(t, nil, "lint", "../../testdata/packs/invalid/duplicate.yaml", "../../testdata/packs/invalid/bad_score.yaml")
	if code != 2 || !strings.Contains(diag, `duplicate.yaml:8: detector "emp": duplicate name (first at line 5)`) ||
		!strings.Contains(diag, "bad_score.yaml:5: detector \"tel\": score 1.5 is outside (0, 1]") {
		t.Errorf("invalid packs: exit %d, stderr %q", code, diag)
	}
	if code, _, _ := runCLI(t, nil, "lint"); code != 2 {
		t.Errorf("lint without packs: exit %d", code)
	}
}
