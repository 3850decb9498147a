package packs_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"redactor/internal/streamtest"
	"redactor/packs"
	"redactor/redact"
)

// packPieces exercise every pack feature: regexes, regexp2 lookbehind,
// dictionary phrases, deny terms, required and boosting context, allow lists.
var packPieces = []string{
	"E-123456", "EMP12345", "E-1234567", "employee ", "badge ", "member ID ", "member number", "plan id",
	"ABC1234567", "XYZ123456789", "Alice Agentson", "alice  agentson", "Bob Operator", "Bob", "Operator",
	"Zoë Smith-Lee", "Project Bluebird", "falcon-nine", "Falcon", "acct#912345678", "acct#",
	"help@northwind.example", "jane@example.com", "1-800-555-0100", "(415) 555-0132",
	"4111 1111 1111 1111", "078-05-1123", "social security 078051123",
	" ", " ", "\n", ", ", ". ", "Agent: ", "Caller: ", "é", "日本", "-", "#",
}

func runPieces(t *testing.T, e *redact.Engine, text []byte, cuts []int) (string, []redact.Entity) {
	t.Helper()
	return streamtest.Run(t, e, redact.Config{}, text, cuts)
}

// TestPackChunkInvariance: with a pack's detectors too, every split gives
// the output of the unsplit text.
func TestPackChunkInvariance(t *testing.T) {
	set, err := packs.Load("../testdata/packs/valid/site.yaml", "../testdata/packs/valid/regexp2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := set.Engine()
	r := rand.New(rand.NewPCG(5, 6))
	for iter := range 200 {
		var b strings.Builder
		for b.Len() < 100+r.IntN(500) {
			b.WriteString(packPieces[r.IntN(len(packPieces))])
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := []byte(b.String())
		want, wantEnts := runPieces(t, e, text, nil)
		for k := range 6 {
			var cuts []int
			if k == 0 {
				for i := range text {
					cuts = append(cuts, i)
				}
			} else {
				for range 1 + r.IntN(15) {
					cuts = append(cuts, r.IntN(len(text)+1))
				}
				slices.Sort(cuts)
			}
			got, gotEnts := runPieces(t, e, text, cuts)
			if got != want || !slices.Equal(gotEnts, wantEnts) {
				t.Fatalf("iter %d split %d: output differs\ntext %q\nwant %q\n got %q", iter, k, text, want, got)
			}
		}
	}
	// The pieces must actually trigger the pack's detectors.
	for typ, text := range map[string]string{
		"EMPLOYEE_ID":    "employee E-123456.",
		"HEALTH_PLAN_ID": "member ID ABC1234567.",
		"PERSON":         "with Alice Agentson.",
		"PROJECT_NAME":   "about Project Bluebird.",
		"US_BANK_NUMBER": "paid from acct#912345678.",
	} {
		out, ents := runPieces(t, e, []byte(text), nil)
		if len(ents) != 1 || ents[0].Type != typ {
			t.Errorf("%s not found alone: %s %v", typ, out, ents)
		}
	}
}
