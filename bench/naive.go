// Package bench holds the engine's benchmarks over the call-centre corpus
// and the naive baseline they are compared with.
package bench

import (
	"regexp"
	"slices"

	"redactor/detectors/validate"
)

// Naive is the baseline redactor: one stdlib regexp per entity type run over
// the whole text, each match checked by the same validators the engine uses,
// overlaps resolved longest-first, matches replaced by "[TYPE]". It is what a
// straightforward implementation looks like, and what the engine must beat.
type Naive struct {
	rules []naiveRule
}

type naiveRule struct {
	typ   string
	re    *regexp.Regexp
	valid func(digits []byte) bool
}

// NewNaive compiles the baseline's regular expressions.
func NewNaive() *Naive {
	compact := func(f func([]byte) bool) func([]byte) bool {
		return func(b []byte) bool { return f(validate.Compact(nil, b)) }
	}
	return &Naive{rules: []naiveRule{
		{"EMAIL_ADDRESS", regexp.MustCompile(`\b[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}\b`), nil},
		{"US_SSN", regexp.MustCompile(`\b\d{3}[- .]?\d{2}[- .]?\d{4}\b`), compact(validate.USSSN)},
		{"PHONE_NUMBER", regexp.MustCompile(`(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)|\d{1,4})(?:[ .-]?\d{2,5}){1,4}\b`), func(b []byte) bool {
			n := len(validate.Compact(nil, b))
			return n >= 9 && n <= 15
		}},
		{"CREDIT_CARD", regexp.MustCompile(`\b\d{4}[ -]?\d{4,6}[ -]?\d{4,5}(?:[ -]?\d{1,4})?\b`), compact(validate.CreditCard)},
		{"IBAN_CODE", regexp.MustCompile(`\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{1,4}){3,8}\b`), compact(validate.IBAN)},
	}}
}

type naiveSpan struct {
	start, end int
	typ        string
}

// Redact appends the redacted text to dst.
func (n *Naive) Redact(dst, text []byte) []byte {
	var spans []naiveSpan
	for _, r := range n.rules {
		for _, m := range r.re.FindAllIndex(text, -1) {
			if r.valid == nil || r.valid(text[m[0]:m[1]]) {
				spans = append(spans, naiveSpan{m[0], m[1], r.typ})
			}
		}
	}
	slices.SortStableFunc(spans, func(a, b naiveSpan) int { return (b.end - b.start) - (a.end - a.start) })
	var kept []naiveSpan
	for _, s := range spans {
		if !slices.ContainsFunc(kept, func(k naiveSpan) bool { return k.start < s.end && s.start < k.end }) {
			kept = append(kept, s)
		}
	}
	slices.SortFunc(kept, func(a, b naiveSpan) int { return a.start - b.start })
	last := 0
	for _, s := range kept {
		dst = append(dst, text[last:s.start]...)
		dst = append(dst, '[')
		dst = append(dst, s.typ...)
		dst = append(dst, ']')
		last = s.end
	}
	return append(dst, text[last:]...)
}
