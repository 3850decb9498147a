package detectors_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redactor/detectors"
	"redactor/redact"
	"redactor/spoken"
)

// groupCheck records, for each detector that declares GroupLengths, what
// it reported in chains it was offered without that filter.
type groupCheck struct {
	ds     []redact.GroupFilteredDetector
	chains int
	found  []int    // candidates found, per detector (Open ones included)
	open   []int    // of those, Open ones
	missed []int    // chains with a candidate but no group of GroupLengths
	first  []string // the first such chain, per detector
	buf    []redact.Candidate
	errs   []string // chains whose Groups disagree with their tokens
}

// groupChecker is a chain detector that reports nothing: the engine offers
// it every chain, and it runs each GroupFilteredDetector on the chain as
// the engine would except for the group filter (MinDigits still applies).
type groupChecker struct{ g *groupCheck }

func (groupChecker) Info() redact.Info {
	return redact.Info{Name: "group_checker", Types: []string{"X"}, MaxLen: 160, Lookbehind: 64}
}

func (groupChecker) MinDigits() int { return 1 }

func (gc groupChecker) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	g := gc.g
	g.chains++
	var groups uint64
	for _, t := range c.Tokens {
		if t.Kind == redact.Digits {
			groups |= redact.GroupBit(int(t.End - t.Start))
		}
	}
	if groups != c.Groups && len(g.errs) < 5 {
		g.errs = append(g.errs, fmt.Sprintf("chain %q: Groups %#x, its tokens %#x", w.Text[c.Start:c.End], c.Groups, groups))
	}
	for i, d := range g.ds {
		if c.Digits < d.MinDigits() {
			continue
		}
		g.buf = d.FindInChain(g.buf[:0], w, c)
		if len(g.buf) == 0 {
			continue
		}
		g.found[i] += len(g.buf)
		for _, cd := range g.buf {
			if cd.Open {
				g.open[i]++
			}
		}
		if d.GroupLengths()&c.Groups == 0 {
			if g.missed[i] == 0 {
				cd := g.buf[0]
				a, b := max(0, c.Start-24), min(len(w.Text), max(c.End, cd.End)+8)
				g.first[i] = fmt.Sprintf("%q (window end %v, EOF %v) reports %q (Open %v) in chain %q, groups %#x",
					w.Text[a:b], b == len(w.Text), w.EOF, w.Text[cd.Start:cd.End], cd.Open, w.Text[c.Start:c.End], c.Groups)
			}
			g.missed[i]++
		}
	}
	return dst
}

// newGroupCheck returns a checker of the built-in detectors that declare
// GroupLengths and a stream that offers it every chain, spoken-form chains
// included.
func newGroupCheck(tb testing.TB) (*groupCheck, *redact.Stream) {
	tb.Helper()
	g := &groupCheck{}
	for _, d := range detectors.All() {
		if gd, ok := d.(redact.GroupFilteredDetector); ok {
			g.ds = append(g.ds, gd)
		}
	}
	n := len(g.ds)
	g.found, g.open, g.missed, g.first = make([]int, n), make([]int, n), make([]int, n), make([]string, n)
	e, err := redact.Compile([]redact.Detector{groupChecker{g}}, redact.WithSpoken(spoken.New()))
	if err != nil {
		tb.Fatal(err)
	}
	s, err := e.NewStream(redact.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return g, s
}

// feed streams text through s in pieces of chunk bytes (all at once when
// chunk is 0 or more than the text), then closes it.
func feed(tb testing.TB, s *redact.Stream, text string, chunk int) {
	tb.Helper()
	s.Reset()
	if chunk <= 0 {
		chunk = len(text)
	}
	var out []byte
	var err error
	for len(text) > 0 {
		k := min(chunk, len(text))
		if out, err = s.Write(out[:0], []byte(text[:k])); err != nil {
			tb.Fatal(err)
		}
		text = text[k:]
	}
	if _, err = s.Close(out[:0]); err != nil {
		tb.Fatal(err)
	}
}

// feedCut streams text through s in two pieces, cut at byte cut, and
// closes it.
func feedCut(tb testing.TB, s *redact.Stream, text string, cut int) {
	tb.Helper()
	s.Reset()
	out, err := s.Write(nil, []byte(text[:cut]))
	if err == nil {
		out, err = s.Write(out[:0], []byte(text[cut:]))
	}
	if err == nil {
		_, err = s.Close(out[:0])
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// corpusTexts returns the transcripts of a JSONL corpus.
func corpusTexts(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var texts []string
	for sc.Scan() {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, rec.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return texts
}

// Pieces of the random chain-like texts: context words before a chain,
// separators between its groups, and what may follow it.
var (
	groupContexts = []string{"", "", "", "ssn ", "SSN: ", "card ", "cvv ", "routing ", "expires ", "exp ", "zip ",
		"member id ", "account ", "account #", "NPI ", "DEA ", "MRN ", "IBAN ", "passport ", "license ", "VIN ",
		"NHS ", "BSN ", "NIF ", "NIF PT", "PT ", "CPR ", "DNI ", "NIE X", "NIE X-", "X ", "PPS ", "HETU ", "NIR ",
		"call +", "call (", "00", "server ", "mac ", "at ", "Medicare ", "is", "is ", "$", "#", "version ",
		"reference ", "order ", "fe80::", "2001:db8::", "1a:", "AB", "GB", "DE", "W", "M-", "codice RSSMRA"}
	groupSeps    = []string{" ", " ", " ", "-", "-", ".", "/", "(", ")", "+", " - ", ") ", " (", "--", ". "}
	groupEndings = []string{"", "", "", " ", " ok", ".", ",", ", ", "Z", "T", "FW", " TW", "-Z", "A", "b",
		":1a", ":", "::1", "/24", " Street", " Oak Street", " rue de la Paix", " AB", " SW1A 1AA", "-1234",
		".5", ",000", "%eth0", " and 12 more", "\n"}
)

// randomChainText returns a random text of one to three digit chains:
// digit groups of 1 to 20 digits, separators, short letter groups glued to
// them or free-standing, context words before and odd bytes after.
func randomChainText(r *rand.Rand) string {
	var b strings.Builder
	for range 1 + r.IntN(3) {
		if b.Len() > 0 {
			b.WriteString([]string{" ", " and ", ", ", "\n", ": "}[r.IntN(5)])
		}
		b.WriteString(groupContexts[r.IntN(len(groupContexts))])
		for g := range 1 + r.IntN(7) {
			if g > 0 && r.IntN(5) > 0 {
				b.WriteString(groupSeps[r.IntN(len(groupSeps))])
			}
			if r.IntN(6) == 0 {
				// A letter group: upper case, sometimes lower or long.
				n, base := 1+r.IntN(4), byte('A')
				if r.IntN(4) == 0 {
					n = 1 + r.IntN(8)
				}
				if r.IntN(5) == 0 {
					base = 'a'
				}
				for range n {
					b.WriteByte(base + byte(r.IntN(26)))
				}
				continue
			}
			n := 1 + r.IntN(20)
			switch r.IntN(50) {
			case 0:
				n = 21 + r.IntN(50) // up to past bit 63
			case 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24:
				n = 1 + r.IntN(12)
			}
			for k := range n {
				d := byte('0' + r.IntN(10))
				if k == 0 && r.IntN(3) == 0 {
					d = "123478999"[r.IntN(9)] // first digits that more identifiers allow
				}
				b.WriteByte(d)
			}
		}
		b.WriteString(groupEndings[r.IntN(len(groupEndings))])
	}
	return b.String()
}

// groupExamples are more written forms than chainExamples has, one for each
// group length a declaration allows for a reason of its own: each must be
// found, and so each narrowing of a declaration is caught.
var groupExamples = map[string][]string{
	"phone":                     {"call 020 7946 0958", "call 4155550132"},
	"credit_card":               {"card 4111111111111111"},
	"us_ssn":                    {"ssn 078051123"},
	"aba_routing":               {"routing 1210-0035-8"},
	"us_bank_number":            {"account 123-456-789-012"},
	"card_expiry":               {"expires 0427", "exp 4/2027", "exp 04 27", "exp 042027"},
	"card_cvv":                  {"cvv 1234"},
	"us_itin":                   {"ITIN 912703456"},
	"us_passport":               {"passport C12345678"},
	"us_driver_license":         {"license WA1234567", "license S530-4601-2345", "license 12345678901234"},
	"ca_sin":                    {"SIN 130692544"},
	"us_npi":                    {"NPI 1234 567 893"},
	"dea":                       {"DEA A91234563"},
	"us_mbi":                    {"Medicare 1EG4TE5MK73"},
	"medical_record_number":     {"MRN 12-345-678901"},
	"health_plan_id":            {"member ID 123456789012345", "member ID 123456789-01"},
	"number_sequence":           {"reference " + strings.Repeat("1234567890", 6) + "1234"},
	"uk_nhs":                    {"NHS 9434765919"},
	"de_tax_id":                 {"Steuer-ID 36 574 261 809"},
	"fr_nir":                    {"NIR 1 84 12 2A 451 089 33", "NIR 184122A451089 33", "NIR 1841276451089 46", "NIR 184127645108946"},
	"es_nif":                    {"DNI 12.345.678-Z", "DNI 1.234.567-L", "NIF M-1234567-L", "DNI 1234567L"},
	"es_nie":                    {"NIE X 9613851 N"},
	"nl_bsn":                    {"BSN 1112.22.333", "BSN 111 222 333"},
	"be_national_number":        {"INSZ 85 07 30 033 28", "INSZ 850730 033 28", "INSZ 85073003328"},
	"se_personnummer":           {"personnummer 19880320-0016", "personnummer 198803200016", "personnummer 8803200016"},
	"pl_pesel":                  {"PESEL 44051401458"},
	"dk_cpr":                    {"CPR 2110625629"},
	"fi_personal_identity_code": {"HETU 030594W903B"},
	"ie_ppsn":                   {"PPS 1234567 TW"},
	"pt_nif":                    {"NIF PT501964843", "NIF PT 501 964 843"},
	"street_address":            {"at 12345 Main Street" + strings.Repeat(" and so on", 20), "at 7 Oak Street" + strings.Repeat(" and so on", 20)},
	"mac_address":               {"mac 00:1A:2B:3C:4D:5E", "mac 001A.2B3C.4D5E", "mac 1234.5678.9abc"},
}

// TestGroupExamplesFound checks that every groupExamples text has a span of
// its detector.
func TestGroupExamplesFound(t *testing.T) {
	byName := map[string]redact.ChainDetector{}
	for _, d := range detectors.All() {
		if cd, ok := d.(redact.ChainDetector); ok {
			byName[d.Info().Name] = cd
		}
	}
	dir := t.TempDir()
	for name, texts := range groupExamples {
		d := byName[name]
		if d == nil {
			t.Errorf("%s: no such chain detector", name)
			continue
		}
		for _, text := range texts {
			path := filepath.Join(dir, "x.jsonl")
			if err := os.WriteFile(path, []byte(`{"text":"`+text+`"}`+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, rc := range corpusChains(t, path, 1<<20) {
				if c := &rc.c; c.Digits >= d.MinDigits() {
					for _, cd := range d.FindInChain(nil, &rc.w, c) {
						found = found || !cd.Open
					}
				}
			}
			if !found {
				t.Errorf("%s: nothing found in %q", name, text)
			}
		}
	}
}

// feedChainTexts streams through s the texts the chain checks read: the
// call and spoken corpora (whole and in pieces of 7 and 61 bytes), the
// chain examples (in every piece size, alone and inside long texts), and
// random chain-like texts (from seed), whole or cut in two at a random
// byte, so that windows end inside chains and the stream ends at others.
func feedChainTexts(t *testing.T, s *redact.Stream, seed uint64) {
	t.Helper()
	for _, path := range []string{"../testdata/corpus/calls.jsonl", "../testdata/corpus/spoken.jsonl"} {
		for _, text := range corpusTexts(t, path) {
			for _, chunk := range []int{0, 7, 61} {
				feed(t, s, text, chunk)
			}
		}
	}
	var examples []string
	for _, text := range chainExamples {
		examples = append(examples, text)
	}
	for _, texts := range groupExamples {
		examples = append(examples, texts...)
	}
	for _, text := range examples {
		for _, text := range []string{text, text + longTail, longHead + text + " 12"} {
			for chunk := range len(text) + 1 {
				feed(t, s, text, chunk)
			}
		}
	}
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	r := rand.New(rand.NewPCG(seed, seed+1))
	for range n {
		text := randomChainText(r)
		// Whole (one window that ends the stream), or cut in two at a
		// random byte: the first window ends there, without EOF.
		cut := len(text)
		if r.IntN(3) > 0 {
			cut = 1 + r.IntN(len(text))
		}
		feedCut(t, s, text, cut)
	}
}

// TestGroupLengthsHold checks every GroupLengths declaration: whenever a
// detector reports a candidate (Open ones included) in a chain it is
// offered without the group filter, the chain holds a digit group of a
// length it declares. The chains are those of the call and spoken corpora,
// of the chain_bound_test examples, and of random chain-like texts, fed
// whole and in pieces, so that windows end inside chains and the stream
// ends (EOF) at others.
func TestGroupLengthsHold(t *testing.T) {
	g, s := newGroupCheck(t)
	if len(g.ds) == 0 {
		t.Fatal("no detector declares GroupLengths")
	}
	feedChainTexts(t, s, 1)
	for _, e := range g.errs {
		t.Error(e)
	}
	t.Logf("%d chains", g.chains)
	for i, d := range g.ds {
		name := d.Info().Name
		t.Logf("%-26s groups %#x: %6d candidates (%d open)", name, d.GroupLengths(), g.found[i], g.open[i])
		if g.found[i] == 0 {
			t.Errorf("%s: no candidate at all: the check proves nothing", name)
		}
		if g.missed[i] > 0 {
			t.Errorf("%s: GroupLengths %#x too narrow: %d chains, first: %s", name, d.GroupLengths(), g.missed[i], g.first[i])
		}
	}
}
