package packs_test

import (
	"math/rand/v2"
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

// TestPackChunkInvariance: with a pack's detectors too, every split gives
// the output of the unsplit text.
func TestPackChunkInvariance(t *testing.T) {
	set, err := packs.Load("../testdata/packs/valid/site.yaml", "../testdata/packs/valid/regexp2.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e := set.Engine()
	r := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		var b strings.Builder
		for b.Len() < 100+r.IntN(500) {
			b.WriteString(packPieces[r.IntN(len(packPieces))])
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
		text := []byte(b.String())
		streamtest.CheckSplits(t, e, redact.Config{}, text, r, 5)
	}
	// The pieces must actually trigger the pack's detectors.
	for typ, text := range map[string]string{
		"EMPLOYEE_ID":    "employee E-123456.",
		"HEALTH_PLAN_ID": "member ID ABC1234567.",
		"PERSON":         "with Alice Agentson.",
		"PROJECT_NAME":   "about Project Bluebird.",
		"US_BANK_NUMBER": "paid from acct#912345678.",
	} {
		out, ents := streamtest.Run(t, e, redact.Config{}, []byte(text), nil)
		if len(ents) != 1 || ents[0].Type != typ {
			t.Errorf("%s not found alone: %s %v", typ, out, ents)
		}
	}
}
