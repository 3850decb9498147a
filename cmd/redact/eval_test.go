package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const evalDir = "../../testdata/eval"

// TestEvalGolden runs "redact eval" on testdata/eval/small.jsonl and compares
// the output with testdata/eval/NAME.golden (-update rewrites them).
func TestEvalGolden(t *testing.T) {
	small := filepath.Join(evalDir, "small.jsonl")
	tuned := filepath.Join(evalDir, "tuned.yaml")
	base := filepath.Join(evalDir, "base.yaml")
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"small", []string{"--pack", base, small}},
		{"small_json", []string{"--pack", base, "--json", small}},
		{"small_types", []string{"--pack", base, "--types", "PHONE_NUMBER, PERSON", small}},
		{"small_diff_default", []string{"--diff", base, base, small}},
		{"small_pack_tuned", []string{"--pack", tuned, small}},
		{"small_diff_tuned", []string{"--diff", base, tuned, small}},
		{"small_diff_tuned_json", []string{"--diff", base, tuned, "--json", "--max-examples", "2", small}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, diag := runCLI(t, nil, append([]string{"eval"}, tc.args...)...)
			if code != 0 || diag != "" {
				t.Fatalf("exit %d, stderr %q", code, diag)
			}
			golden := filepath.Join(evalDir, tc.name+".golden")
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

// TestEvalSmallCounts pins the numbers the hand-labelled corpus was written
// to produce, independently of the golden file's layout.
func TestEvalSmallCounts(t *testing.T) {
	code, out, diag := runCLI(t, nil, "eval", "--pack", filepath.Join(evalDir, "base.yaml"), filepath.Join(evalDir, "small.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, diag)
	}
	rows := map[string][]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) >= 12 {
			rows[f[0]] = f[1:]
		}
	}
	// columns: gold predicted TP FP FN overlap precision recall F1 visible over-redacted
	for typ, want := range map[string]string{
		"CREDIT_CARD":   "3 4 3 1 0 3", // the tracking reference is a Luhn-valid bait
		"EMAIL_ADDRESS": "3 3 3 0 0 3",
		"IBAN_CODE":     "2 2 2 0 0 2",
		"PHONE_NUMBER":  "4 3 2 1 2 3", // one said in words; "+1 " outside one gold span
		"US_SSN":        "2 1 1 0 1 1", // 078-05-1120 is an advertised number
		"PERSON":        "3 0 0 0 3 0",
		"DATE_OF_BIRTH": "1 0 0 0 1 0",
	} {
		got := rows[typ]
		if len(got) < 6 || strings.Join(got[:6], " ") != want {
			t.Errorf("%s: %v, want %s", typ, got, want)
		}
	}
	for _, typ := range []string{"PERSON", "DATE_OF_BIRTH"} {
		if !strings.Contains(out, typ) || !strings.Contains(strings.SplitAfter(out, typ)[1], "(not detected by this pack)") {
			t.Errorf("%s lacks the note", typ)
		}
	}
}

// TestEvalDiffValues checks that a diff masks the examples' values unless
// --show-values.
func TestEvalDiffValues(t *testing.T) {
	small := filepath.Join(evalDir, "small.jsonl")
	tuned := filepath.Join(evalDir, "tuned.yaml")
	base := filepath.Join(evalDir, "base.yaml")
	_, masked, _ := runCLI(t, nil, "eval", "--diff", base, tuned, small)
	code, shown, diag := runCLI(t, nil, "eval", "--diff", base, tuned, "--show-values", small)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, diag)
	}
	for _, v := range []string{"512-44-7812", "José Müller", "Patel", "Merci"} {
		if strings.Contains(masked, v) {
			t.Errorf("masked diff shows %q", v)
		}
		if !strings.Contains(shown, "«"+v+"»") {
			t.Errorf("--show-values diff lacks «%s»:\n%s", v, shown)
		}
	}
	_, few, _ := runCLI(t, nil, "eval", "--diff", base, tuned, "--max-examples", "1", small)
	if strings.Count(few, "«") != 1 || !strings.Contains(few, "… 3 more changed spans not shown (--max-examples 1)") {
		t.Errorf("--max-examples 1:\n%s", few)
	}
}

// TestEvalArgs checks that flags may follow the corpus, and '-' for stdin.
func TestEvalArgs(t *testing.T) {
	small := filepath.Join(evalDir, "small.jsonl")
	_, want, _ := runCLI(t, nil, "eval", "--json", small)
	code, got, diag := runCLI(t, nil, "eval", small, "--json")
	if code != 0 || got != want {
		t.Errorf("flags after the corpus: exit %d (%s), output differs", code, diag)
	}
	data, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	code, got, diag = runCLI(t, data, "eval", "--json", "-")
	if code != 0 || strings.Replace(got, "<stdin>", small, 1) != want {
		t.Errorf("stdin: exit %d (%s), output differs:\n%s", code, diag, got)
	}
	// Two corpora: the records add up.
	code, got, _ = runCLI(t, nil, "eval", small, small)
	if code != 0 || !strings.Contains(got, "corpora: "+small+", "+small+": 32 records") {
		t.Errorf("two corpora: exit %d\n%s", code, got)
	}
	// --diff's second pack may come after other flags.
	code, got, diag = runCLI(t, nil, "eval", "--diff", "default", "--max-examples", "3", "default", small)
	if code != 0 || !strings.HasPrefix(got, "A: default\nB: default\n") {
		t.Errorf("--diff A --flag B: exit %d (%s)\n%s", code, diag, got)
	}
}

func TestEvalFlagErrors(t *testing.T) {
	small := filepath.Join(evalDir, "small.jsonl")
	for _, tc := range []struct {
		args []string
		diag string
	}{
		{nil, "no corpus given"},
		{[]string{"--diff", "default"}, "--diff takes two packs"},
		{[]string{"--diff", "default", small}, "no corpus given"},
		{[]string{"--diff", "default", "default", "--diff", "a", "b", small}, "given twice"},
		{[]string{"--pack", "default", "--diff", "default", "default", small}, "--pack and --diff do not combine"},
		{[]string{"--show-values", small}, "--show-values applies only with --diff"},
		{[]string{"--max-examples", "3", small}, "--max-examples applies only with --diff"},
		{[]string{"--diff", "default", "default", "--max-examples", "-1", small}, "--max-examples -1"},
		{[]string{"--pack", "../../testdata/packs/invalid/bad_type.yaml", small}, "pack ../../testdata/packs/invalid/bad_type.yaml: "},
		{[]string{"--diff", "default", "no/such/pack.yaml", small}, "pack no/such/pack.yaml: "},
		{[]string{"--types", "CREDIT_CARD,NOPE", small}, `--types: "NOPE" is neither`},
		{[]string{"--no-such-flag", small}, "flag provided but not defined"},
		{[]string{"no/such/file.jsonl"}, "no/such/file.jsonl"},
	} {
		code, out, diag := runCLI(t, nil, append([]string{"eval"}, tc.args...)...)
		if code != 2 || !strings.Contains(diag, tc.diag) || out != "" {
			t.Errorf("%q: exit %d, stderr %q, stdout %q; want exit 2 and %q", tc.args, code, diag, out, tc.diag)
		}
	}
	if code, _, _ := runCLI(t, nil, "eval", "-h"); code != 0 {
		t.Errorf("-h: exit %d", code)
	}
}

// TestEvalCorpusErrors checks the messages for bad corpus lines: they name the
// file, line, entity and field, and never contain the text.
func TestEvalCorpusErrors(t *testing.T) {
	const good = `{"id":"ok","text":"SECRET mail a@b.co","entities":[{"type":"EMAIL_ADDRESS","start":12,"end":18}]}` + "\n"
	for _, tc := range []struct {
		name, line, diag string
	}{
		{"bad JSON", `{"id":"x","text":"SECRET"`, `line 2: not a valid JSON object (at byte 25)`},
		{"not an object", `["SECRET"]`, `line 2: not a JSON object`},
		{"no id", `{"text":"SECRET","entities":[]}`, `line 2: field "id" is missing`},
		{"bad id", `{"id":["SECRET"],"text":"SECRET","entities":[]}`, `line 2: field "id" is not a string or a number`},
		{"no text", `{"id":"x","entities":[]}`, `line 2: field "text" is missing`},
		{"text not a string", `{"id":"x","text":["SECRET"],"entities":[]}`, `line 2: field "text" is not a string`},
		{"no entities", `{"id":"x","text":"SECRET"}`, `line 2: field "entities" is missing`},
		{"entities null", `{"id":"x","text":"SECRET","entities":null}`, `line 2: field "entities" is not an array`},
		{"duplicate text", `{"id":"x","text":"SECRET","text":"SECRET","entities":[]}`, `line 2: field "text" appears twice`},
		{"entity not an object", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":0,"end":1},"SECRET"]}`, `line 2: entity 2: not a JSON object`},
		{"entity without end", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":0}]}`, `line 2: entity 1: "end" is missing`},
		{"type not a string", `{"id":"x","text":"SECRET","entities":[{"type":7,"start":0,"end":1}]}`, `line 2: entity 1: "type" is not a string`},
		{"start not an integer", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":"SECRET","end":1}]}`, `line 2: entity 1: "start" is not an integer`},
		{"start a fraction", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":0.5,"end":1}]}`, `line 2: entity 1: "start" is not an integer`},
		{"duplicate start", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":0,"start":1,"end":2}]}`, `line 2: entity 1: "start" appears twice`},
		{"end past the text", `{"id":"x","text":"SECRET card 4111 1111 1111 1111","entities":[{"type":"X","start":0,"end":6},{"type":"CREDIT_CARD","start":12,"end":40}]}`,
			`line 2: entity 2: "end" 40 is past the text (length 31)`},
		{"negative start", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":-2,"end":1}]}`, `line 2: entity 1: "start" -2 is negative`},
		{"empty span", `{"id":"x","text":"SECRET","entities":[{"type":"X","start":3,"end":3}]}`, `line 2: entity 1: "start" 3 is not before "end" 3`},
		{"inside a rune", `{"id":"x","text":"SECRÉT","entities":[{"type":"X","start":0,"end":5}]}`, `line 2: entity 1: "end" 5 is inside a UTF-8 sequence`},
		{"same-type overlap", `{"id":"x","text":"SECRET SECRET","entities":[{"type":"X","start":0,"end":8},{"type":"X","start":7,"end":13}]}`,
			`line 2: entity 2: overlaps entity 1 of the same type (X [7,13) and [0,8))`},
		{"invalid UTF-8", "{\"id\":\"x\",\"text\":\"SECRET \xff\",\"entities\":[]}", `line 2: invalid UTF-8 at byte 25 of the line`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "corpus.jsonl")
			if err := os.WriteFile(path, []byte(good+tc.line+"\n"+good), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, diag := runCLI(t, nil, "eval", path)
			if code != 2 || !strings.Contains(diag, path+": "+tc.diag) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, diag, path+": "+tc.diag)
			}
			if strings.Contains(diag, "SECRET") || strings.Contains(diag, "4111") || out != "" {
				t.Errorf("leaks text: stderr %q, stdout %q", diag, out)
			}
		})
	}
	t.Run("overlap of two types is fine, blank lines skipped", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "corpus.jsonl")
		line := `{"id":7,"text":"Dr Ann Lee","entities":[{"type":"PERSON","start":3,"end":10},{"type":"NAME","start":0,"end":6}]}`
		if err := os.WriteFile(path, []byte("\n"+line+"\n\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, out, diag := runCLI(t, nil, "eval", path); code != 0 || !strings.Contains(out, ": 1 records,") {
			t.Errorf("exit %d, stderr %q\n%s", code, diag, out)
		}
	})
	t.Run("empty corpus", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.jsonl")
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, diag := runCLI(t, nil, "eval", path); code != 2 || !strings.Contains(diag, path+": no records") {
			t.Errorf("exit %d, stderr %q", code, diag)
		}
	})
}

// TestEvalCorpus runs the 1.1 MB labelled corpus and checks the figures the
// README states for it.
func TestEvalCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the 1.1 MB corpus")
	}
	code, out, diag := runCLI(t, nil, "eval", "--pack", filepath.Join(evalDir, "base.yaml"), "../../testdata/corpus/calls.jsonl")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, diag)
	}
	if !strings.Contains(out, "614 records, 1,101,235 text bytes") || !strings.Contains(out, "other characters redacted:      0 of 1,067,206") {
		t.Errorf("corpus report:\n%s", out)
	}
}
