package packs_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"redactor/internal/streamtest"
	"redactor/packs"
	"redactor/redact"
)

// TestInvalidPacks loads each broken pack (one per error kind) and requires
// the message its first line announces ("# want: ..."), with the file and line.
func TestInvalidPacks(t *testing.T) {
	files, _ := filepath.Glob("../testdata/packs/invalid/*.yaml")
	if len(files) < 20 {
		t.Fatalf("only %d invalid packs", len(files))
	}
	located := regexp.MustCompile(`^\.\./testdata/packs/invalid/[a-z0-9_]+\.yaml:\d+: `)
	for _, f := range files {
		want := wantLine(t, f)
		_, err := packs.Load(f)
		if err == nil {
			t.Errorf("%s: loaded, want error %q", f, want)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %q", f, err, want)
		}
		if !located.MatchString(err.Error()) {
			t.Errorf("%s: error does not name the file and line: %v", f, err)
		}
	}
}

func wantLine(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	want, ok := strings.CutPrefix(sc.Text(), "# want: ")
	if !ok {
		t.Fatalf("%s: first line is not '# want: ...'", path)
	}
	return want
}

func TestValidPacks(t *testing.T) {
	files, _ := filepath.Glob("../testdata/packs/valid/*.yaml")
	for _, f := range files {
		set, err := packs.Load(f)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if m := set.Meta; m.Name == "" || len(m.Hash) != 64 {
			t.Errorf("%s: meta %+v", f, m)
		}
	}
}

func redactWith(t *testing.T, e *redact.Engine, text string) (string, []redact.Entity) {
	t.Helper()
	return streamtest.Run(t, e, redact.Config{HashKey: []byte(strings.Repeat("k", 32))}, []byte(text), nil)
}

// TestSitePack checks each feature of the site pack end to end.
func TestSitePack(t *testing.T) {
	set, err := packs.Load("../testdata/packs/valid/site.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := set.Engine()
	if got := set.Meta.Name; got != "default+northwind" {
		t.Errorf("combined name %q", got)
	}
	for _, tc := range []struct{ in, out string }{
		// phone: replaced detector, masked by the pack's operator, hotline allowed
		{"call (415) 555-0132 or our line 1-800-555-0100", "call (***) ***-**** or our line 1-800-555-0100"},
		// iban disabled by the site pack
		{"IBAN GB82 WEST 1234 5698 7654 32", "IBAN GB82 WEST 1234 5698 7654 32"},
		// allow list by value and by pattern; other emails still redacted
		{"mail help@northwind.example, sales@northwind.example or jane@example.com", "mail help@northwind.example, sales@northwind.example or [EMAIL_ADDRESS]"},
		// regex detector
		{"my employee number is E-123456, badge EMP12345.", "my employee number is [EMPLOYEE_ID], badge [EMPLOYEE_ID]."},
		{"version E-1234567 is not one", "version E-1234567 is not one"},
		// required context, before or after
		{"Agent: what's your member ID?\nCaller: it's ABC1234567.", "Agent: what's your member ID?\nCaller: it's [HEALTH_PLAN_ID]."},
		{"ABC1234567 is my member number", "[HEALTH_PLAN_ID] is my member number"},
		{"the code ABC1234567 is on the box", "the code ABC1234567 is on the box"},
		// dictionary from a file, whole words, any case; deny terms
		{"you spoke with alice agentson and BOB OPERATOR, not Bobby.", "you spoke with [PERSON] and [PERSON], not [PERSON]."},
		{"about Project  Bluebird and falcon-nine", "about [PROJECT_NAME] and [PROJECT_NAME]"},
		{"Zoë Smith-Lee called", "[PERSON] called"},
		// the default pack's SSN context boost still applies
		{"social security 078051123", "social security [US_SSN]"},
	} {
		if got, _ := redactWith(t, e, tc.in); got != tc.out {
			t.Errorf("%q\n got %q\nwant %q", tc.in, got, tc.out)
		}
	}
	_, ents := redactWith(t, e, "employee E-123456")
	if len(ents) != 1 || ents[0].Score != 1 || ents[0].Detector != "employee_id" {
		t.Errorf("context boost: %+v", ents)
	}
}

func TestRegexp2Pack(t *testing.T) {
	set, err := packs.Load("../testdata/packs/valid/regexp2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := redactWith(t, set.Engine(), "paid from acct#912345678 and 912345678")
	if got != "paid from acct#[US_BANK_NUMBER] and 912345678" {
		t.Errorf("got %q", got)
	}
}

func TestStandalonePack(t *testing.T) {
	set, err := packs.Load("../testdata/packs/valid/standalone.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if types := set.Engine().Types(); len(types) != 1 || types[0] != "EMAIL_ADDRESS" {
		t.Errorf("base: none still loaded the default pack: %v", types)
	}
	got, _ := redactWith(t, set.Engine(), "jane@example.com 415-555-0132")
	if !strings.HasPrefix(got, "<EMAIL_ADDRESS_") || !strings.HasSuffix(got, " 415-555-0132") {
		t.Errorf("got %q", got)
	}
}

// TestDefaultPackCompile is the compile-time target: under 200 ms.
func TestDefaultPackCompile(t *testing.T) {
	start := time.Now()
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 200*time.Millisecond {
		t.Errorf("loading the default pack took %v", d)
	}
	if set.Meta.Name != "default" || len(set.Engine().Detectors()) < 6 {
		t.Errorf("default pack: %+v", set.Meta)
	}
}

// TestDefaultPackContextFirstWords keeps the default pack's context phrases
// from starting with a word of digits ("3 digit code"): the engine skips a
// chain detector whose required context is missing only when no phrase can
// start at the digits around a chain, so one such phrase makes every such
// detector run on every chain.
func TestDefaultPackContextFirstWords(t *testing.T) {
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, info := range set.Engine().Detectors() {
		if info.Context == nil {
			continue
		}
		for _, phrase := range info.Context.Words {
			first, _, _ := strings.Cut(phrase, " ")
			if strings.Trim(first, "0123456789'") == "" {
				t.Errorf("%s: context phrase %q starts with digits", info.Name, phrase)
			}
		}
	}
}

func BenchmarkLoadDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := packs.Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDefaultPackMemory is the size target: the compiled default engine,
// name tables included, under 64 MiB. (The name tables are built once per
// process; run it alone, -run Memory, to count them: 0.9 MiB.)
func TestDefaultPackMemory(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("default engine: %d detectors, %.1f MiB of heap", len(set.Engine().Detectors()), float64(grown)/(1<<20))
	if grown > 64<<20 {
		t.Errorf("the default engine takes %d bytes", grown)
	}
	runtime.KeepAlive(set)
}

// TestSpokenKey: the default pack turns the spoken-form view on; a later
// pack can turn it off.
func TestSpokenKey(t *testing.T) {
	const said = "my number is four one five, five five five, oh one three two"
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := redactWith(t, set.Engine(), said); got != "my number is [PHONE_NUMBER]" {
		t.Errorf("default pack: %q", got)
	}
	off := filepath.Join(t.TempDir(), "off.yaml")
	os.WriteFile(off, []byte("name: quiet\nversion: \"1\"\nspoken: false\n"), 0o644)
	if set, err = packs.Load(off); err != nil {
		t.Fatal(err)
	}
	if got, _ := redactWith(t, set.Engine(), said); got != said {
		t.Errorf("spoken: false: %q", got)
	}
}
