package corpusgen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Golden corpus configurations; keep in sync with testdata/corpus/README.md.
var (
	smallConfig = Config{Seed: 2, NumCalls: 40}
	bigConfig   = Config{Seed: 1, MinBytes: 1100000}
)

const (
	smallPath = "../../testdata/corpus/calls_small.jsonl"
	bigPath   = "../../testdata/corpus/calls.jsonl"
)

func encode(t *testing.T, ts []Transcript) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSONL(&buf, ts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// corpus is shared by the property tests: a few hundred calls from two seeds.
var testCorpus = func() []Transcript {
	a := Generate(Config{Seed: 11, MinBytes: 250000})
	b := Generate(Config{Seed: 12, NumCalls: 150})
	return append(a, b...)
}()

func TestDeterminism(t *testing.T) {
	a := encode(t, Generate(Config{Seed: 42, NumCalls: 60}))
	b := encode(t, Generate(Config{Seed: 42, NumCalls: 60}))
	if !bytes.Equal(a, b) {
		t.Fatal("same seed produced different output")
	}
	c := encode(t, Generate(Config{Seed: 43, NumCalls: 60}))
	if bytes.Equal(a, c) {
		t.Fatal("different seeds produced identical output")
	}
	// Call i depends only on (seed, i): a shorter run is a prefix.
	short := encode(t, Generate(Config{Seed: 42, NumCalls: 25}))
	if !bytes.HasPrefix(a, short) {
		t.Fatal("first 25 calls differ between runs of 25 and 60 calls")
	}
}

func TestGenerateLimits(t *testing.T) {
	if n := len(Generate(Config{Seed: 1})); n != DefaultNumCalls {
		t.Errorf("default call count = %d, want %d", n, DefaultNumCalls)
	}
	ts := Generate(Config{Seed: 1, NumCalls: 3, MinBytes: 20000})
	total := 0
	for _, tr := range ts {
		total += len(tr.Text)
	}
	if total < 20000 || len(ts) < 3 {
		t.Errorf("got %d calls / %d bytes, want >= 3 calls and >= 20000 bytes", len(ts), total)
	}
	if ts[0].ID != "call-000001" || ts[len(ts)-1].ID != fmt.Sprintf("call-%06d", len(ts)) {
		t.Errorf("unexpected ids %q ... %q", ts[0].ID, ts[len(ts)-1].ID)
	}
	if id := Generate(Config{Seed: 1, NumCalls: 1, IDPrefix: "x-"})[0].ID; id != "x-000001" {
		t.Errorf("IDPrefix ignored: %q", id)
	}
}

// ---------- independent validators ----------

func onlyDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

func luhnOK(d string) bool {
	sum, dbl := 0, false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if dbl {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		dbl = !dbl
	}
	return len(d) > 1 && sum%10 == 0
}

var ibanLengths = map[string]int{"GB": 22, "DE": 22, "FR": 27, "ES": 24, "NL": 18, "IT": 27, "BE": 16, "CH": 21}

func ibanOK(s string) bool {
	s = strings.ReplaceAll(s, " ", "")
	if len(s) < 15 || ibanLengths[s[:2]] != len(s) {
		return false
	}
	rearranged := s[4:] + s[:4]
	rem := 0
	for _, c := range rearranged {
		switch {
		case c >= '0' && c <= '9':
			rem = (rem*10 + int(c-'0')) % 97
		case c >= 'A' && c <= 'Z':
			v := int(c-'A') + 10
			rem = (rem*100 + v) % 97
		default:
			return false
		}
	}
	return rem == 1
}

func ssnOK(d string) bool {
	if len(d) != 9 {
		return false
	}
	var a, g, s int
	fmt.Sscanf(d, "%3d%2d%4d", &a, &g, &s)
	return a >= 1 && a <= 899 && a != 666 && g >= 1 && s >= 1
}

// nanpOK reports whether digits form a valid NANP number (optional
// leading 1, area and exchange starting 2-9).
func nanpOK(d string) bool {
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	return len(d) == 10 && d[0] >= '2' && d[3] >= '2'
}

var (
	reEmail     = regexp.MustCompile(`^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$`)
	reSSN       = regexp.MustCompile(`^\d{3}([- ]?)\d{2}\d{0}(?:-|\s)?\d{4}$`)
	rePhoneChar = regexp.MustCompile(`^[0-9+() .-]+$`)
	reCardShape = regexp.MustCompile(`^\d{4}([ -]?)\d{4,6}(?:[ -]?\d{4,5}){1,2}$`)
	reIBANShape = regexp.MustCompile(`^[A-Z]{2}\d{2}(?:[A-Z0-9]{4})+[A-Z0-9]{0,4}$|^[A-Z]{2}\d{2}(?: [A-Z0-9]{4})+(?: [A-Z0-9]{1,3})?$`)
	rePostal    = regexp.MustCompile(`^(\d{5}(-\d{4})?|\d{4}|\d{4} [A-Z]{2}|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$`)
	rePerson    = regexp.MustCompile(`^\p{Lu}[\p{L}']*(?: \p{Lu}\.)?(?: \p{Lu}[\p{L}']*)?$`)
)

var dobLayouts = []string{
	"01/02/2006", "1/2/2006", "1/2/06", "January 2, 2006", "01-02-2006", "Jan 2 2006",
	"2006-01-02", "02/01/2006", "2 January 2006", "02.01.2006", "2 Jan 2006",
}

func dobOK(s string) bool {
	s = regexp.MustCompile(`(\d)(st|nd|rd|th)\b`).ReplaceAllString(s, "$1")
	s = regexp.MustCompile(`^(\d+) of (\w+),`).ReplaceAllString(s, "$1 $2")
	for _, l := range dobLayouts {
		if d, err := time.Parse(l, s); err == nil {
			if strings.HasSuffix(l, "/06") && d.Year() > 2025 {
				d = d.AddDate(-100, 0, 0) // two-digit years: 48 means 1948
			}
			return d.Year() >= 1930 && d.Before(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		}
	}
	return false
}

func cardNetworkOK(d string) bool {
	var p2, p4 int
	fmt.Sscanf(d[:2], "%d", &p2)
	fmt.Sscanf(d[:4], "%d", &p4)
	switch {
	case len(d) == 16 && d[0] == '4':
		return true
	case len(d) == 16 && (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720):
		return true
	case len(d) == 15 && (p2 == 34 || p2 == 37):
		return true
	case len(d) == 16 && p4 == 6011:
		return true
	}
	return false
}

// checkEntityValue validates one labelled value; text is the whole
// transcript (for context checks) and e the entity.
func checkEntityValue(text string, e Entity) error {
	v := text[e.Start:e.End]
	switch e.Type {
	case TypeEmail:
		if !reEmail.MatchString(v) {
			return fmt.Errorf("bad email %q", v)
		}
	case TypePhone:
		d := onlyDigits(v)
		if !rePhoneChar.MatchString(v) {
			return fmt.Errorf("bad phone chars %q", v)
		}
		if strings.HasPrefix(v, "+") && !strings.HasPrefix(v, "+1") {
			if len(d) < 9 || len(d) > 15 {
				return fmt.Errorf("bad E.164 length %q", v)
			}
		} else if !nanpOK(d) {
			return fmt.Errorf("bad NANP number %q", v)
		}
	case TypeCard:
		d := onlyDigits(v)
		if !reCardShape.MatchString(v) || !luhnOK(d) || !cardNetworkOK(d) {
			return fmt.Errorf("bad card %q", v)
		}
	case TypeIBAN:
		if !reIBANShape.MatchString(v) || !ibanOK(v) {
			return fmt.Errorf("bad IBAN %q", v)
		}
	case TypeSSN:
		if !reSSN.MatchString(v) || !ssnOK(onlyDigits(v)) {
			return fmt.Errorf("bad SSN %q", v)
		}
		if len(v) == 9 && !strings.HasSuffix(text[:e.Start], "social security number is ") {
			return fmt.Errorf("compact SSN %q without 'social security number' context", v)
		}
	case TypePerson:
		if !rePerson.MatchString(v) {
			return fmt.Errorf("bad person %q", v)
		}
	case TypeDOB:
		if !dobOK(v) {
			return fmt.Errorf("bad date of birth %q", v)
		}
	case TypeAddress:
		if !strings.ContainsAny(v, "0123456789") || !strings.ContainsFunc(v, unicode.IsLetter) {
			return fmt.Errorf("bad address %q", v)
		}
	case TypePostal:
		if !rePostal.MatchString(v) {
			return fmt.Errorf("bad postal code %q", v)
		}
	default:
		return fmt.Errorf("unknown entity type %q", e.Type)
	}
	return nil
}

func checkTranscript(tr Transcript) []error {
	var errs []error
	text := tr.Text
	if !utf8.ValidString(text) {
		errs = append(errs, fmt.Errorf("%s: invalid UTF-8", tr.ID))
	}
	if tr.Entities == nil {
		errs = append(errs, fmt.Errorf("%s: nil entities (must serialise as [])", tr.ID))
	}
	for _, l := range strings.SplitAfter(strings.TrimSuffix(text, "\n"), "\n") {
		if !strings.HasPrefix(l, "Agent: ") && !strings.HasPrefix(l, "Caller: ") {
			errs = append(errs, fmt.Errorf("%s: line without speaker: %q", tr.ID, l))
		}
	}
	prevEnd := 0
	for i, e := range tr.Entities {
		if e.Start < prevEnd || e.Start >= e.End || e.End > len(text) {
			errs = append(errs, fmt.Errorf("%s: entity %d %+v out of order/range (prev end %d, len %d)", tr.ID, i, e, prevEnd, len(text)))
			continue
		}
		prevEnd = e.End
		if !utf8.RuneStart(text[e.Start]) || (e.End < len(text) && !utf8.RuneStart(text[e.End])) {
			errs = append(errs, fmt.Errorf("%s: entity %+v not on a rune boundary", tr.ID, e))
			continue
		}
		v := text[e.Start:e.End]
		if strings.TrimSpace(v) != v || strings.ContainsAny(v, "\n") {
			errs = append(errs, fmt.Errorf("%s: entity %q has surrounding space/newline", tr.ID, v))
		}
		// A span must not cut a word or number in half.
		if r, _ := utf8.DecodeLastRuneInString(text[:e.Start]); e.Start > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			errs = append(errs, fmt.Errorf("%s: entity %q starts inside a word", tr.ID, v))
		}
		if r, _ := utf8.DecodeRuneInString(text[e.End:]); e.End < len(text) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			errs = append(errs, fmt.Errorf("%s: entity %q ends inside a word", tr.ID, v))
		}
		if err := checkEntityValue(text, e); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", tr.ID, err))
		}
	}
	return errs
}

func TestEntitySpans(t *testing.T) {
	n := 0
	for _, tr := range testCorpus {
		for _, err := range checkTranscript(tr) {
			t.Error(err)
			if n++; n > 20 {
				t.Fatal("too many errors")
			}
		}
	}
}

// mask blanks out every labelled span so that the rest of the text can be
// scanned for PII that should have been labelled.
func mask(tr Transcript) string {
	b := []byte(tr.Text)
	for _, e := range tr.Entities {
		for i := e.Start; i < e.End; i++ {
			b[i] = ' '
		}
	}
	return string(b)
}

var (
	reDigitRun = regexp.MustCompile(`\d(?:[ -]?\d){7,22}`)
	reSSNLike  = regexp.MustCompile(`\b\d{3}[- ]\d{2}[- ]\d{4}\b|\b\d{9}\b`)
	reNANPLike = regexp.MustCompile(`(?:\+?1[ .-]?)?\(?\b\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b`)
	reIBANLike = regexp.MustCompile(`\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b`)
	rePostalCx = regexp.MustCompile(`(?:zip code|postcode|postal code)(?: is| for the new place is)?:? ?[0-9]`)
	reStreet   = regexp.MustCompile(`\b\d+ (?:[A-Z][a-z.]* )?[A-Z][a-z']+ (?:Street|St\.|Avenue|Ave|Road|Rd|Lane|Drive|Dr\.|Boulevard|Blvd|Court|Place|Way|Terrace|Circle|Close|Crescent|Gardens|Grove)\b|\b(?:Via|Calle|Corso|Viale|Rue|rue|avenue) [A-Z]\p{L}+ \d+|\p{L}+(?:straße|strasse|gracht|straat|weg) \d+`)
	reDOBCx    = regexp.MustCompile(`(?:born(?: on)?|date of birth(?: is)?|born) ?,? (?:the )?(?:\d|January|February|March|April|May|June|July|August|September|October|November|December)`)
)

// TestLabelsComplete checks that no PII-looking value survives outside
// the labelled spans: every e-mail, valid card, valid SSN, NANP or E.164
// phone, valid IBAN and listed name in the text must be labelled.
func TestLabelsComplete(t *testing.T) {
	names := map[string]bool{}
	for _, l := range [][]string{femaleFirstNames, maleFirstNames, lastNames} {
		for _, n := range l {
			names[n] = true
		}
	}
	fails := 0
	fail := func(tr Transcript, format string, args ...any) {
		t.Errorf("%s: "+format, append([]any{tr.ID}, args...)...)
		if fails++; fails > 20 {
			t.FailNow()
		}
	}
	for _, tr := range testCorpus {
		m := mask(tr)
		if strings.Contains(m, "@") {
			fail(tr, "unlabelled '@' in %q", m)
		}
		if i := regexp.MustCompile(`\+\d`).FindStringIndex(m); i != nil {
			fail(tr, "unlabelled international number near %q", m[i[0]:min(len(m), i[1]+20)])
		}
		for _, s := range reDigitRun.FindAllString(m, -1) {
			d := onlyDigits(s)
			if len(d) >= 13 && len(d) <= 19 && luhnOK(d) {
				fail(tr, "unlabelled Luhn-valid number %q", s)
			}
		}
		for _, s := range reSSNLike.FindAllString(m, -1) {
			if ssnOK(onlyDigits(s)) {
				fail(tr, "unlabelled valid SSN-shaped number %q", s)
			}
		}
		for _, s := range reNANPLike.FindAllString(m, -1) {
			if nanpOK(onlyDigits(s)) {
				fail(tr, "unlabelled NANP-shaped number %q", s)
			}
		}
		for _, s := range reIBANLike.FindAllString(m, -1) {
			if ibanOK(s) {
				fail(tr, "unlabelled valid IBAN %q", s)
			}
		}
		if s := rePostalCx.FindString(m); s != "" {
			fail(tr, "unlabelled postal code after %q", s)
		}
		if s := reStreet.FindString(m); s != "" {
			fail(tr, "unlabelled street address %q", s)
		}
		if s := reDOBCx.FindString(m); s != "" {
			fail(tr, "unlabelled date of birth after %q", s)
		}
		for _, w := range strings.FieldsFunc(m, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
			w = strings.TrimSuffix(strings.Trim(w, "'"), "'s")
			if names[w] {
				fail(tr, "unlabelled name %q", w)
			}
		}
	}
}

// TestHardNegatives checks that the look-alikes really fail the checks of
// the entity they imitate and never overlap a labelled span.
func TestHardNegatives(t *testing.T) {
	counts := map[string]int{}
	for _, tr := range testCorpus {
		for _, n := range tr.HardNegatives {
			counts[n.Type]++
			v := tr.Text[n.Start:n.End]
			d := onlyDigits(v)
			for _, e := range tr.Entities {
				if n.Start < e.End && e.Start < n.End {
					t.Errorf("%s: negative %q overlaps entity %q", tr.ID, v, tr.Text[e.Start:e.End])
				}
			}
			switch n.Type {
			case NegRef16:
				if len(d) != 16 || luhnOK(d) {
					t.Errorf("%s: 16-digit reference %q passes Luhn or has wrong length", tr.ID, v)
				}
			case NegBadSSN:
				if len(d) != 9 || ssnOK(d) {
					t.Errorf("%s: case number %q is a valid SSN", tr.ID, v)
				}
			case NegOrder, NegTicket, NegRx, NegClaim, NegOneTimeCode, NegLast4, NegExtension, NegRoom, NegMeter:
				if strings.ContainsFunc(v, unicode.IsLetter) {
					break // composite codes such as SO-2024-339067 or ORD-58213
				}
				if len(d) >= 8 && luhnOK(d) {
					t.Errorf("%s: %s %q passes Luhn", tr.ID, n.Type, v)
				}
				if len(d) == 9 && ssnOK(d) {
					t.Errorf("%s: %s %q is a valid SSN", tr.ID, n.Type, v)
				}
				if len(d) == 10 && nanpOK(d) {
					t.Errorf("%s: %s %q is NANP-shaped", tr.ID, n.Type, v)
				}
				if len(d) > 10 {
					t.Errorf("%s: %s %q too long", tr.ID, n.Type, v)
				}
			}
		}
	}
	for _, c := range []string{NegPrice, NegTime, NegYear, NegDuration, NegQuantity, NegPercent, NegOrder, NegTicket, NegRef16, NegBadSSN, NegModel, NegVersion, NegFlight, NegRoom, NegExtension} {
		if counts[c] == 0 {
			t.Errorf("no hard negatives of category %s", c)
		}
	}
}

func TestDensityAndCoverage(t *testing.T) {
	s := ComputeStats(testCorpus)
	per := float64(s.TextBytes) / float64(s.Entities)
	if per < 300 || per > 800 {
		t.Errorf("one entity per %.0f bytes, want 300-800", per)
	}
	if neg := float64(s.HardNegatives) / float64(s.Entities); neg < 1.5 {
		t.Errorf("%.2f hard negatives per entity, want >= 1.5", neg)
	}
	for _, typ := range EntityTypes {
		if s.ByType[typ] == 0 {
			t.Errorf("no %s entities", typ)
		}
	}
	// Format variety.
	seen := map[string]bool{}
	nonASCII := false
	for _, tr := range testCorpus {
		for _, r := range tr.Text {
			if r > 127 {
				nonASCII = true
				break
			}
		}
		for _, e := range tr.Entities {
			v := tr.Text[e.Start:e.End]
			switch e.Type {
			case TypeIBAN:
				seen["iban-"+v[:2]] = true
				seen["iban-spaced-"+fmt.Sprint(strings.Contains(v, " "))] = true
			case TypeCard:
				d := onlyDigits(v)
				seen[fmt.Sprintf("card-%c-%d", d[0], len(d))] = true
				seen["card-sep-"+strings.Trim(v, "0123456789")[:min(1, len(strings.Trim(v, "0123456789")))]] = true
			case TypePhone:
				switch {
				case strings.HasPrefix(v, "+1"):
					seen["phone-+1"] = true
				case strings.HasPrefix(v, "+"):
					seen["phone-intl"] = true
				case strings.HasPrefix(v, "("):
					seen["phone-paren"] = true
				case onlyDigits(v) == v:
					seen["phone-compact"] = true
				}
			case TypeSSN:
				seen[fmt.Sprint("ssn-len-", len(v))] = true
			case TypePerson:
				if strings.ContainsFunc(v, func(r rune) bool { return r > 127 }) {
					seen["person-nonascii"] = true
				}
			}
		}
	}
	if !nonASCII {
		t.Error("no non-ASCII text")
	}
	for _, k := range []string{
		"iban-GB", "iban-DE", "iban-FR", "iban-ES", "iban-NL", "iban-IT", "iban-BE", "iban-CH",
		"iban-spaced-true", "iban-spaced-false", "card-4-16", "card-5-16", "card-3-15", "card-6-16",
		"card-sep-", "card-sep- ", "card-sep--", "phone-+1", "phone-intl", "phone-paren", "phone-compact",
		"ssn-len-9", "ssn-len-11", "person-nonascii",
	} {
		if !seen[k] {
			t.Errorf("format variant %s never generated", k)
		}
	}
}

// TestTemplates expands every template for every locale, so that a typo in
// a placeholder fails here rather than in a rare call, and checks there are
// enough distinct utterance templates.
func TestTemplates(t *testing.T) {
	lines := map[string]bool{}
	var all []exchange
	for _, g := range greetings {
		all = append(all, ex(g))
	}
	for _, a := range acks {
		all = append(all, ex(a))
	}
	all = append(all, intros...)
	all = append(all, callbacks...)
	all = append(all, verifications...)
	all = append(all, fillers...)
	all = append(all, closings...)
	for _, sc := range scenarios {
		all = append(all, sc.common...)
		for _, v := range sc.variants {
			all = append(all, v.body...)
			if len(v.companies) == 0 || len(v.topics) == 0 {
				t.Errorf("scenario %s has a variant without companies/topics", sc.name)
			}
		}
		if sc.minBody < 1 || sc.maxBody < sc.minBody {
			t.Errorf("scenario %s: bad body range", sc.name)
		}
	}
	for _, x := range all {
		for _, l := range x.lines {
			lines[l] = true
		}
	}
	if len(lines) < 60 {
		t.Errorf("only %d distinct utterance templates, want >= 60", len(lines))
	}
	t.Logf("%d distinct utterance templates", len(lines))

	r := newTestRand(5)
	for li := range locales {
		for si := range scenarios {
			sc := &scenarios[si]
			for vi := range sc.variants {
				p := newPersona(r, &sc.variants[vi])
				p.loc, p.us = &locales[li], locales[li].code == "US"
				c := &call{r: r, p: p, sc: sc}
				for _, x := range all {
					c.exchange(x)
				}
			}
		}
	}
}

func checkGolden(t *testing.T, path string, cfg Config) []Transcript {
	t.Helper()
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (regenerate with the commands in testdata/corpus/README.md)", err)
	}
	ts := Generate(cfg)
	got := encode(t, ts)
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: it differs from Generate(%+v); regenerate it with the command in testdata/corpus/README.md", path, cfg)
	}
	parsed, err := ReadJSONL(bytes.NewReader(want))
	if err != nil || len(parsed) != len(ts) {
		t.Fatalf("ReadJSONL: %d calls, err %v", len(parsed), err)
	}
	for i := range parsed {
		if parsed[i].ID != ts[i].ID || parsed[i].Text != ts[i].Text || len(parsed[i].Entities) != len(ts[i].Entities) {
			t.Fatalf("round trip mismatch at %s", ts[i].ID)
		}
	}
	return ts
}

func TestGoldenSmall(t *testing.T) {
	ts := checkGolden(t, smallPath, smallConfig)
	if len(ts) != 40 {
		t.Errorf("small corpus has %d calls, want 40", len(ts))
	}
	for _, tr := range ts {
		for _, err := range checkTranscript(tr) {
			t.Error(err)
		}
	}
}

func TestGoldenBig(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping big corpus comparison in -short mode")
	}
	ts := checkGolden(t, bigPath, bigConfig)
	fi, err := os.Stat(bigPath)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() >= 3<<20 {
		t.Errorf("%s is %d bytes, want < 3 MiB", bigPath, fi.Size())
	}
	s := ComputeStats(ts)
	if s.TextBytes < 1100000 || s.Calls < 600 {
		t.Errorf("big corpus: %d calls, %d text bytes; want >= 600 calls and >= 1100000 bytes", s.Calls, s.TextBytes)
	}
	if per := float64(s.TextBytes) / float64(s.Entities); per < 300 || per > 800 {
		t.Errorf("big corpus: one entity per %.0f bytes, want 300-800", per)
	}
}

func newTestRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }
