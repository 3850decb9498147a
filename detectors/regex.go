package detectors

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dlclark/regexp2"

	"redactor/redact"
)

// regexp2Context is how many bytes before a match regexp2 patterns see.
const regexp2Context = 32

// RegexSpec configures a pattern detector (a pack's `regex:` entry).
type RegexSpec struct {
	Name     string
	Type     string
	Score    float32
	Priority int
	Patterns []string
	// Engine is "re2" (Go's regexp, linear time; the default) or "regexp2"
	// (backtracking, for lookaround; always with Timeout).
	Engine string
	// MaxLen bounds a match in bytes; required when a pattern is unbounded.
	MaxLen  int
	Timeout time.Duration // regexp2 only; default 50ms
	Context *redact.ContextSpec
}

// Regex is a detector that runs its patterns at every position where a match
// can start: the bytes a match can begin with, at word starts. A match never
// starts or ends inside a word, and never runs past MaxLen bytes. regexp2
// patterns see 32 bytes before the match, for lookbehind.
type Regex struct {
	info    redact.Info
	typ     string
	score   float32
	re2     []*regexp.Regexp
	re2x    []*regexp2.Regexp
	trigger []byte
	maxLen  int
}

var _ redact.ByteDetector = (*Regex)(nil)

// PatternError locates a problem in one pattern.
type PatternError struct {
	Pattern int // index in Patterns
	Offset  int // byte offset in the pattern, -1 when unknown
	Err     error
}

func (e *PatternError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("pattern %d, at byte %d: %v", e.Pattern+1, e.Offset, e.Err)
	}
	return fmt.Sprintf("pattern %d: %v", e.Pattern+1, e.Err)
}

// NewRegex compiles a pattern detector.
func NewRegex(spec RegexSpec) (*Regex, error) {
	if len(spec.Patterns) == 0 {
		return nil, errors.New("regex: no patterns")
	}
	r := &Regex{typ: spec.Type, score: spec.Score}
	var trig [256]bool
	maxLen := 0
	for i, p := range spec.Patterns {
		first, n, err := analyze(p, spec.Engine)
		if err != nil {
			return nil, &PatternError{Pattern: i, Offset: offsetOf(p, err), Err: err}
		}
		if n < 0 || n > redact.MaxSpanLen {
			if spec.MaxLen <= 0 {
				what := "unbounded"
				if n > 0 {
					what = fmt.Sprintf("up to %d bytes long", n)
				}
				return nil, &PatternError{Pattern: i, Offset: -1, Err: fmt.Errorf("the pattern is %s: set max_len (at most %d)", what, redact.MaxSpanLen)}
			}
			n = spec.MaxLen
		}
		if spec.MaxLen > 0 {
			n = min(n, spec.MaxLen)
		}
		maxLen = max(maxLen, n)
		for b, ok := range first {
			trig[b] = trig[b] || ok
		}
		switch spec.Engine {
		case "", "re2":
			re, err := regexp.Compile(`^(?:` + p + `)`)
			if err != nil {
				return nil, &PatternError{Pattern: i, Offset: -1, Err: err}
			}
			re.Longest()
			r.re2 = append(r.re2, re)
		case "regexp2":
			re, err := regexp2.Compile(`\G(?:`+p+`)`, regexp2.None)
			if err != nil {
				return nil, &PatternError{Pattern: i, Offset: -1, Err: err}
			}
			re.MatchTimeout = spec.Timeout
			if re.MatchTimeout <= 0 {
				re.MatchTimeout = 50 * time.Millisecond
			}
			r.re2x = append(r.re2x, re)
		default:
			return nil, fmt.Errorf("regex: unknown engine %q (want re2 or regexp2)", spec.Engine)
		}
	}
	if spec.MaxLen > redact.MaxSpanLen {
		return nil, fmt.Errorf("regex: max_len %d is over the limit %d", spec.MaxLen, redact.MaxSpanLen)
	}
	for b, ok := range trig {
		if ok {
			r.trigger = append(r.trigger, byte(b))
		}
	}
	if len(r.trigger) == 0 {
		return nil, errors.New("regex: no byte can start a match")
	}
	r.maxLen = maxLen
	lookbehind := 2
	if len(r.re2x) > 0 {
		lookbehind = regexp2Context + 2
	}
	r.info = redact.Info{Name: spec.Name, Types: []string{spec.Type}, MaxLen: maxLen, Priority: spec.Priority, Lookbehind: lookbehind, Context: spec.Context}
	return r, nil
}

// TimesOut reports whether any regexp2 pattern hits its match timeout on
// text (how packs probe for catastrophic backtracking).
func (r *Regex) TimesOut(text []byte) bool {
	for _, re := range r.re2x {
		for i := 0; i < len(text); i++ {
			if _, err := re.FindRunesMatchStartingAt([]rune(string(text)), i); err != nil {
				return true
			}
			if i >= 8 {
				break // the start positions that matter most
			}
		}
	}
	return false
}

// offsetOf finds the position regexp/syntax reports in its error, if any.
func offsetOf(p string, err error) int {
	var se *syntax.Error
	if errors.As(err, &se) && se.Expr != "" {
		if i := strings.Index(p, se.Expr); i >= 0 {
			return i
		}
	}
	return -1
}

// Info implements redact.Detector.
func (r *Regex) Info() redact.Info { return r.info }

// Trigger implements redact.ByteDetector.
func (r *Regex) Trigger() ([]byte, bool) { return r.trigger, true }

// FindAtByte implements redact.ByteDetector: the longest match of any
// pattern starting at i.
func (r *Regex) FindAtByte(dst []redact.Candidate, w *redact.Window, i int) []redact.Candidate {
	text := w.Text
	lim := min(len(text), i+r.maxLen+redact.MaxLookahead)
	truncated := lim == len(text) && !w.EOF && i+r.maxLen+redact.MaxLookahead > len(text)
	if truncated {
		// A match could still grow into text not seen yet: hold from here.
		return append(dst, redact.Candidate{Start: i, End: len(text), Type: r.typ, Open: true})
	}
	best := -1
	for _, re := range r.re2 {
		if m := re.FindIndex(text[i:lim]); m != nil && m[1] > 0 {
			best = max(best, m[1])
		}
	}
	if len(r.re2x) > 0 {
		// regexp2 sees regexp2Context bytes before i, for lookbehind.
		var buf [regexp2Context]byte
		k := 0
		for j := i - regexp2Context; j < i; j++ {
			if c := w.ByteAt(j); j >= -len(w.Before) {
				buf[k] = c
				k++
			}
		}
		from := 0
		for from < k && !utf8.RuneStart(buf[from]) {
			from++ // start the context at a rune boundary
		}
		prefix := []rune(string(buf[from:k]))
		runes := append(prefix, []rune(string(text[i:lim]))...)
		for _, re := range r.re2x {
			m, err := re.FindRunesMatchStartingAt(runes, len(prefix))
			switch {
			case err != nil:
				// Timed out: fail closed, redact the longest span it could have had.
				best = max(best, min(r.maxLen, lim-i))
			case m != nil && m.Length > 0 && m.Index == len(prefix):
				best = max(best, len(string(runes[m.Index:m.Index+m.Length])))
			}
		}
	}
	if best <= 0 || best > r.maxLen || redact.IsAlnum(text[i+best-1]) && redact.IsAlnum(w.ByteAt(i+best)) {
		return dst // no match, or it ends inside a word
	}
	for best > 0 && best < lim-i && !utf8.RuneStart(text[i+best]) {
		best-- // never end inside a UTF-8 sequence
	}
	return append(dst, redact.Candidate{Start: i, End: i + best, Type: r.typ, Score: r.score})
}

// analyze returns the bytes a match of p can start with and the longest
// match in bytes (-1: unbounded). A pattern that can match the empty string
// is an error. For regexp2 patterns that Go cannot parse (lookaround), every
// letter, digit and non-ASCII byte may start a match and the length is unbounded.
func analyze(p, engine string) (first [256]bool, maxLen int, err error) {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		if engine != "regexp2" {
			return first, 0, err
		}
		for b := range 256 {
			first[b] = redact.IsAlnum(byte(b)) || b >= 0x80
		}
		return first, -1, nil
	}
	re = re.Simplify()
	nullable := firstBytes(re, &first)
	if nullable {
		return first, 0, errors.New("the pattern can match the empty string")
	}
	return first, maxBytes(re), nil
}

// firstBytes adds the bytes a match of re can start with to set and reports
// whether re can match the empty string.
func firstBytes(re *syntax.Regexp, set *[256]bool) (nullable bool) {
	addRune := func(r rune) {
		if r < utf8.RuneSelf {
			set[r] = true
			return
		}
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		set[buf[0]] = true
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true
		}
		r := re.Rune[0]
		addRune(r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicodeSimpleFold(r); f != r; f = unicodeSimpleFold(f) {
				addRune(f)
			}
		}
		return false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			for r := lo; r <= hi && r < utf8.RuneSelf; r++ {
				set[r] = true
			}
			if hi >= utf8.RuneSelf {
				for b := 0xC0; b < 0x100; b++ {
					set[b] = true
				}
			}
		}
		return false
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		for b := range 256 {
			set[b] = set[b] || b != '\n' || re.Op == syntax.OpAnyChar
		}
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return firstBytes(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		firstBytes(re.Sub[0], set)
		return true
	case syntax.OpRepeat:
		n := firstBytes(re.Sub[0], set)
		return n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !firstBytes(sub, set) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			nullable = firstBytes(sub, set) || nullable
		}
		return nullable
	default: // empty-width assertions, empty match
		return true
	}
}

// maxBytes returns the longest match of re in bytes, or -1 when unbounded.
func maxBytes(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				n += utf8.UTFMax
			} else {
				n += utf8.RuneLen(r)
			}
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) > 0 && re.Rune[len(re.Rune)-1] < utf8.RuneSelf {
			return 1
		}
		return utf8.UTFMax
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxBytes(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		n := maxBytes(re.Sub[0])
		if re.Max < 0 || n < 0 {
			return -1
		}
		return n * re.Max
	case syntax.OpConcat:
		total := 0
		for _, sub := range re.Sub {
			n := maxBytes(sub)
			if n < 0 {
				return -1
			}
			total += n
		}
		return total
	case syntax.OpAlternate:
		m := 0
		for _, sub := range re.Sub {
			n := maxBytes(sub)
			if n < 0 {
				return -1
			}
			m = max(m, n)
		}
		return m
	default:
		return 0
	}
}

func unicodeSimpleFold(r rune) rune { return unicode.SimpleFold(r) }
