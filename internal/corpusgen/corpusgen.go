// Package corpusgen generates a deterministic, labelled corpus of synthetic
// call-centre transcripts for evaluating PII redaction.
//
// Every transcript is a multi-turn dialogue ("Agent: ..." / "Caller: ..."
// lines). PII values are inserted from templates and labelled with UTF-8
// byte offsets; numbers that merely look like PII (prices, times, order and
// case numbers, Luhn-invalid references, invalid SSNs, ...) are inserted as
// unlabelled hard negatives. Generation depends only on Config, so the same
// seed always yields byte-identical output.
package corpusgen

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
)

// Entity type names used in the labels.
const (
	TypeEmail   = "EMAIL_ADDRESS"
	TypePhone   = "PHONE_NUMBER"
	TypeCard    = "CREDIT_CARD"
	TypeIBAN    = "IBAN_CODE"
	TypeSSN     = "US_SSN"
	TypePerson  = "PERSON"
	TypeDOB     = "DATE_OF_BIRTH"
	TypeAddress = "STREET_ADDRESS"
	TypePostal  = "POSTAL_CODE"
)

// EntityTypes lists every label type in a fixed order.
var EntityTypes = []string{TypeEmail, TypePhone, TypeCard, TypeIBAN, TypeSSN, TypePerson, TypeDOB, TypeAddress, TypePostal}

// DefaultNumCalls is used when neither Config.NumCalls nor Config.MinBytes is set.
const DefaultNumCalls = 100

// Config controls generation.
type Config struct {
	// Seed selects the corpus. Call i is generated from its own PCG stream
	// (Seed, i), so call i is identical whatever NumCalls/MinBytes are.
	Seed uint64
	// NumCalls is the minimum number of calls to generate.
	NumCalls int
	// MinBytes is the minimum total length in bytes of all call texts;
	// generation continues until both NumCalls and MinBytes are reached.
	MinBytes int
	// IDPrefix prefixes the 1-based, zero-padded call number in Transcript.ID
	// (default "call-", giving "call-000001").
	IDPrefix string
}

// Entity is a labelled span of Transcript.Text. Start and End are UTF-8
// byte offsets, End exclusive.
type Entity struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Transcript is one generated call.
type Transcript struct {
	ID       string   `json:"id"`
	Text     string   `json:"text"`
	Entities []Entity `json:"entities"`

	// Scenario names the kind of call (not serialised).
	Scenario string `json:"-"`
	// HardNegatives are the unlabelled look-alike spans that were inserted,
	// with Type set to a Neg* category (not serialised).
	HardNegatives []Entity `json:"-"`
}

// Generate produces the corpus described by cfg.
func Generate(cfg Config) []Transcript {
	n := cfg.NumCalls
	if n <= 0 && cfg.MinBytes <= 0 {
		n = DefaultNumCalls
	}
	prefix := cfg.IDPrefix
	if prefix == "" {
		prefix = "call-"
	}
	var out []Transcript
	total := 0
	for i := 0; len(out) < n || total < cfg.MinBytes; i++ {
		r := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
		t := generateCall(r)
		t.ID = fmt.Sprintf("%s%06d", prefix, i+1)
		total += len(t.Text)
		out = append(out, t)
	}
	return out
}

// WriteJSONL writes one JSON object per line, without HTML escaping so the
// text stays readable and non-ASCII characters are kept as UTF-8.
func WriteJSONL(w io.Writer, ts []Transcript) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range ts {
		if ts[i].Entities == nil {
			ts[i].Entities = []Entity{} // an empty list, not null: the corpus format says array
		}
		if err := enc.Encode(&ts[i]); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// ReadJSONL parses a file written by WriteJSONL.
func ReadJSONL(r io.Reader) ([]Transcript, error) {
	dec := json.NewDecoder(r)
	var out []Transcript
	for {
		var t Transcript
		if err := dec.Decode(&t); err == io.EOF {
			return out, nil
		} else if err != nil {
			return out, err
		}
		out = append(out, t)
	}
}

// Stats summarises a corpus.
type Stats struct {
	Calls         int
	TextBytes     int
	Entities      int
	ByType        map[string]int
	HardNegatives int
	ByNegative    map[string]int
	ByScenario    map[string]int
}

// ComputeStats counts entities, hard negatives and bytes.
func ComputeStats(ts []Transcript) Stats {
	s := Stats{ByType: map[string]int{}, ByNegative: map[string]int{}, ByScenario: map[string]int{}}
	for _, t := range ts {
		s.Calls++
		s.TextBytes += len(t.Text)
		s.Entities += len(t.Entities)
		for _, e := range t.Entities {
			s.ByType[e.Type]++
		}
		s.HardNegatives += len(t.HardNegatives)
		for _, e := range t.HardNegatives {
			s.ByNegative[e.Type]++
		}
		s.ByScenario[t.Scenario]++
	}
	return s
}

// String renders the statistics as an aligned, sorted table.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "calls           %d\n", s.Calls)
	fmt.Fprintf(&b, "text bytes      %d\n", s.TextBytes)
	fmt.Fprintf(&b, "entities        %d (one per %.0f bytes)\n", s.Entities, float64(s.TextBytes)/float64(max(s.Entities, 1)))
	for _, t := range EntityTypes {
		fmt.Fprintf(&b, "  %-16s %d\n", t, s.ByType[t])
	}
	fmt.Fprintf(&b, "hard negatives  %d (%.2f per entity)\n", s.HardNegatives, float64(s.HardNegatives)/float64(max(s.Entities, 1)))
	for _, k := range sortedKeys(s.ByNegative) {
		fmt.Fprintf(&b, "  %-32s %d\n", k, s.ByNegative[k])
	}
	b.WriteString("scenarios\n")
	for _, k := range sortedKeys(s.ByScenario) {
		fmt.Fprintf(&b, "  %-16s %d\n", k, s.ByScenario[k])
	}
	return b.String()
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
