// Package events finds conversation events in a transcript stream: a
// caller's request not to be called again (OPT_OUT_REQUEST), the agent's
// notice that the call is recorded (RECORDING_DISCLOSURE), the caller's
// refusal to be recorded (RECORDING_OBJECTION), or any event a pack defines.
// Events are reported beside the redaction entities; nothing is redacted.
//
// # Design
//
// An event is a list of phrases, matched as whole words. Text is cut into
// words (ASCII letters and digits, non-ASCII bytes, inner apostrophes), each
// lower-cased, stripped of apostrophes, and contractions and spoken forms are
// expanded ("don't", "dont" → "do not"; "gonna" → "going to"), and filler
// words ("uh", "um") dropped, so "Don't call me", "dont call me" and "do not,
// uh, call me" are one phrase. Phrase syntax allows alternatives, "take (me
// | my number) off [of] (your | the) list", expanded when compiling.
//
// Every phrase, exception and negation of every event is one pattern of one
// Aho-Corasick automaton over word ids, so a stream is one pass over its
// words whatever the number of phrases. A sentence end (. ? ! ; or a line
// break), a segment end and a change of speaker reset the automaton: no
// match spans them.
//
// Where matches of one event overlap, the longest wins, and on equal length
// an exception beats a phrase, which beats a negation ("is there a do not
// call list" is an exception that hides the phrase "do not call"). A phrase
// that survives is dropped when a surviving negation of its event ends at
// most NegationWindow words before it in the same sentence ("I didn't say
// don't call", "please don't take me off the list").
//
// # Streaming
//
// A Stream keeps the automaton's state, the last few words, the word it is
// in the middle of (at most maxWordBytes+8 bytes of it) and the matches that could
// still change. A match is decided once no overlapping match can still come:
// when MaxWords-1 more words have been seen, at a sentence end, or at the
// end of the stream. So what a stream reports does not depend on how its
// text was split into chunks, and it holds back at most MaxWords words.
package events

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Role is what a speaker is in the call.
type Role uint8

// Speaker roles.
const (
	RoleUnknown  Role = iota // not given: events are reported whatever their roles
	RoleAgent                // the company's agent or bot
	RoleCustomer             // the caller or customer
	RoleOther                // anyone else
)

var roleNames = [...]string{RoleUnknown: "unknown", RoleAgent: "agent", RoleCustomer: "customer", RoleOther: "other"}

func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return fmt.Sprintf("Role(%d)", r)
}

// ParseRole parses "agent", "customer" or "other".
func ParseRole(s string) (Role, error) {
	for r, name := range roleNames {
		if r > 0 && s == name {
			return Role(r), nil
		}
	}
	return 0, fmt.Errorf("unknown role %q (want agent, customer or other)", s)
}

// Speaker says who speaks the text given to Stream.Write.
type Speaker struct {
	ID   int32 // the caller's number for the speaker; events carry it back
	Role Role
}

// Limits of a Spec.
const (
	// MaxWords is the longest phrase, exception or negation, in words
	// after expansion of contractions.
	MaxWords = 16
	// MaxNegationWindow bounds Spec.NegationWindow.
	MaxNegationWindow = 8
	// DefaultNegationWindow is the window when a Spec gives none.
	DefaultNegationWindow = 3
	// maxExpansions bounds the phrases one phrase with alternatives expands to.
	maxExpansions = 16384
)

// Spec is one event type and its phrases.
type Spec struct {
	// Type names the event: OPT_OUT_REQUEST, RECORDING_DISCLOSURE,
	// RECORDING_OBJECTION or a name of the pack's own (UPPER_SNAKE_CASE).
	Type string
	// Phrases say the event.
	Phrases []string
	// Exceptions are phrases that overlap a phrase without saying the event
	// ("do not call list"); an exception at least as long as an overlapping
	// phrase or negation hides it.
	Exceptions []string
	// Negations cancel a phrase they precede ("didn't say", "not asking").
	Negations []string
	// NegationWindow is how many words may lie between a negation and the
	// phrase it cancels: 0 means DefaultNegationWindow, negative means only
	// adjacent negations count.
	NegationWindow int
	// Roles, when set, keep only events said by a speaker of one of these
	// roles; an event whose speaker's role is unknown is always kept.
	Roles []Role
}

// Event is one event found in a stream.
type Event struct {
	Type       string
	Start, End int64 // byte offsets in the stream, end exclusive
	Speaker    int32 // Speaker.ID of the event's first word
	Role       Role  // and its role
}

// Pattern kinds, in the order in which they win ties.
const (
	kindNegation uint8 = iota
	kindPhrase
	kindException
)

var kindNames = [...]string{kindNegation: "negation", kindPhrase: "phrase", kindException: "exception"}

// pattern is one expanded phrase.
type pattern struct {
	spec  int32
	kind  uint8
	words int32
}

// Matcher is a compiled set of event specs. It is immutable and safe for
// concurrent use; each transcript gets its own Stream.
type Matcher struct {
	specs    []Spec
	window   []int // per spec, the negation window in words
	lex      *lexicon
	patterns []pattern
	// The automaton: goto edges keyed by state<<32|word, failure links and
	// the patterns that end in each state (its own and its suffixes').
	next     map[uint64]int32 // while compiling; edges after
	word     []int32          // while compiling: the word of the edge into state i+1
	edges    edgeTable
	root     []int32 // the root's edges by word id (0: none); most steps start there
	hasOut   []bool  // per state: len(out) > 0
	fail     []int32
	out      [][]int32
	maxWords int
}

var typeName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// SpecError is a problem with one phrase of a spec.
type SpecError struct {
	Type   string
	Kind   string // "phrase", "exception", "negation" or "" for the spec
	Phrase string
	Msg    string
}

func (e *SpecError) Error() string {
	if e.Kind == "" {
		return fmt.Sprintf("event %s: %s", e.Type, e.Msg)
	}
	return fmt.Sprintf("event %s: %s %q: %s", e.Type, e.Kind, e.Phrase, e.Msg)
}

// Compile checks and compiles specs. It reports every problem (as
// *SpecErrors joined by errors.Join).
func Compile(specs []Spec) (*Matcher, error) { return compile(specs, true) }

// Check reports the problems of one spec, as Compile would, without
// building a matcher.
func Check(spec Spec) error {
	_, err := compile([]Spec{spec}, false)
	return err
}

func compile(specs []Spec, build bool) (*Matcher, error) {
	m := &Matcher{specs: slices.Clone(specs), lex: newLexicon(), next: map[uint64]int32{}}
	var errs []error
	seen := map[string]bool{}
	type entry struct {
		words []int32
		pat   pattern
	}
	var entries []entry
	dedupe := map[string]bool{}
	var key []byte
	for si, sp := range specs {
		bad := func(kind, phrase, msg string, args ...any) {
			errs = append(errs, &SpecError{Type: sp.Type, Kind: kind, Phrase: phrase, Msg: fmt.Sprintf(msg, args...)})
		}
		switch {
		case !typeName.MatchString(sp.Type):
			bad("", "", "the type must be upper case letters, digits and underscores (OPT_OUT_REQUEST)")
		case seen[sp.Type]:
			bad("", "", "listed twice")
		case len(sp.Phrases) == 0:
			bad("", "", "no phrases")
		case sp.NegationWindow > MaxNegationWindow:
			bad("", "", "negation_window %d is more than %d", sp.NegationWindow, MaxNegationWindow)
		}
		seen[sp.Type] = true
		w := sp.NegationWindow
		switch {
		case w == 0:
			w = DefaultNegationWindow
		case w < 0:
			w = 0
		}
		m.window = append(m.window, w)
		for _, r := range sp.Roles {
			if r == RoleUnknown || int(r) >= len(roleNames) {
				bad("", "", "roles: %v is not agent, customer or other", r)
			}
		}
		for kind, list := range [][]string{kindNegation: sp.Negations, kindPhrase: sp.Phrases, kindException: sp.Exceptions} {
			for _, phrase := range list {
				slots, err := parsePhrase(phrase, m.lex.phraseWord)
				if err != nil {
					bad(kindNames[kind], phrase, "%v", err)
					continue
				}
				if !build {
					// The shortest and longest expansions, without expanding.
					short, long := 0, 0
					for _, alts := range slots {
						lo, hi := MaxWords+1, 0
						for _, a := range alts {
							lo, hi = min(lo, len(a)), max(hi, len(a))
						}
						short, long = short+lo, long+hi
					}
					switch {
					case short == 0:
						bad(kindNames[kind], phrase, "has no words (only fillers such as \"uh\")")
					case long > MaxWords:
						bad(kindNames[kind], phrase, "is %d words long; at most %d are allowed", long, MaxWords)
					}
					continue
				}
				for _, words := range expand(slots) {
					if len(words) == 0 {
						bad(kindNames[kind], phrase, "has no words (only fillers such as \"uh\")")
						break
					}
					if len(words) > MaxWords {
						bad(kindNames[kind], phrase, "is %d words long; at most %d are allowed", len(words), MaxWords)
						break
					}
					key = append(key[:0], byte(si), byte(si>>8), byte(kind))
					for _, w := range words {
						key = append(key, byte(w), byte(w>>8), byte(w>>16))
					}
					if dedupe[string(key)] {
						continue
					}
					dedupe[string(key)] = true
					entries = append(entries, entry{words: words, pat: pattern{spec: int32(si), kind: uint8(kind), words: int32(len(words))}})
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if !build {
		return nil, nil
	}
	m.lex.finish()
	// Build the trie, then the failure links breadth first.
	m.fail = []int32{0}
	m.out = [][]int32{nil}
	children := [][]int32{nil} // state -> its children, in creation order
	for _, e := range entries {
		s := int32(0)
		for _, w := range e.words {
			k := uint64(s)<<32 | uint64(uint32(w))
			n, ok := m.next[k]
			if !ok {
				n = int32(len(m.fail))
				m.next[k] = n
				m.fail = append(m.fail, 0)
				m.out = append(m.out, nil)
				children = append(children, nil)
				children[s] = append(children[s], n)
				m.word = append(m.word, w)
			}
			s = n
		}
		m.out[s] = append(m.out[s], int32(len(m.patterns)))
		m.patterns = append(m.patterns, e.pat)
		m.maxWords = max(m.maxWords, len(e.words))
	}
	// Failure links, breadth first: a node's link depends only on nodes
	// nearer the root, so the order within a depth does not matter.
	queue := make([]int32, 0, len(m.fail))
	queue = append(queue, 0)
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, n := range children[s] {
			w := m.word[n-1]
			queue = append(queue, n)
			if s == 0 {
				continue // depth 1: fail to the root
			}
			f := m.fail[s]
			for {
				if t, ok := m.next[uint64(f)<<32|uint64(uint32(w))]; ok {
					m.fail[n] = t
					break
				}
				if f == 0 {
					break
				}
				f = m.fail[f]
			}
			m.out[n] = append(m.out[n], m.out[m.fail[n]]...)
		}
	}
	m.edges = newEdgeTable(m.next)
	m.root = make([]int32, len(m.lex.ids)+1)
	for _, n := range children[0] {
		m.root[m.word[n-1]] = n
	}
	m.hasOut = make([]bool, len(m.out))
	for i, o := range m.out {
		m.hasOut[i] = len(o) > 0
	}
	m.next, m.word = nil, nil
	return m, nil
}

// edgeTable is the automaton's goto function: an open-addressing hash
// table from state<<32|word to the next state, faster than a map on the
// stream path.
type edgeTable struct {
	keys  []uint64 // 0: empty (no edge leaves the root for word 0)
	vals  []int32
	shift uint
}

func newEdgeTable(edges map[uint64]int32) edgeTable {
	size, shift := 16, uint(60)
	for size < 2*len(edges) {
		size, shift = size*2, shift-1
	}
	t := edgeTable{keys: make([]uint64, size), vals: make([]int32, size), shift: shift}
	for k, v := range edges {
		i := t.slot(k)
		for t.keys[i] != 0 {
			i = (i + 1) & (len(t.keys) - 1)
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

func (t *edgeTable) slot(k uint64) int { return int((k * 0x9E3779B97F4A7C15) >> t.shift) }

// get returns the edge for key k.
func (t *edgeTable) get(k uint64) (int32, bool) {
	mask := len(t.keys) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// Types returns the event types of the matcher, in spec order.
func (m *Matcher) Types() []string {
	ts := make([]string, len(m.specs))
	for i, s := range m.specs {
		ts[i] = s.Type
	}
	return ts
}

// step advances the automaton from state s by word w (0: a word no
// pattern has, back to the root).
func (m *Matcher) step(s, w int32) int32 {
	if w == 0 {
		return 0
	}
	for s != 0 {
		if n, ok := m.edges.get(uint64(s)<<32 | uint64(uint32(w))); ok {
			return n
		}
		s = m.fail[s]
	}
	return m.root[w]
}

// parsePhrase reads a phrase with alternatives into slots: each slot is
// the list of its alternatives, as word ids ("(a|b c)" is one of them,
// "[a|b]" one of them or nothing, a plain word a slot of one). ids gives
// the word ids of one written word.
func parsePhrase(phrase string, ids func(string) []int32) ([][][]int32, error) {
	var slots [][][]int32
	n := 1
	i := 0
	for i < len(phrase) {
		switch c := phrase[i]; c {
		case ' ', '\t':
			i++
		case '(', '[':
			closer := byte(')')
			if c == '[' {
				closer = ']'
			}
			end := strings.IndexByte(phrase[i:], closer)
			if end < 0 {
				return nil, fmt.Errorf("%q at byte %d is not closed", c, i)
			}
			inner := phrase[i+1 : i+end]
			if strings.ContainsAny(inner, "()[]") {
				return nil, fmt.Errorf("groups cannot be nested (byte %d)", i)
			}
			var alts [][]int32
			for _, a := range strings.Split(inner, "|") {
				f := strings.Fields(a)
				if len(f) == 0 && c == '(' {
					return nil, fmt.Errorf("empty alternative in the group at byte %d (use [...] for optional words)", i)
				}
				var alt []int32
				for _, w := range f {
					if err := checkWord(w); err != nil {
						return nil, err
					}
					alt = append(alt, ids(w)...)
				}
				alts = append(alts, alt)
			}
			if c == '[' {
				alts = append(alts, nil)
			}
			if n *= len(alts); n > maxExpansions {
				return nil, fmt.Errorf("expands to more than %d phrases", maxExpansions)
			}
			slots = append(slots, alts)
			i += end + 1
		case ')', ']', '|':
			return nil, fmt.Errorf("unexpected %q at byte %d", c, i)
		default:
			j := i
			for j < len(phrase) && !strings.ContainsRune(" \t()[]|", rune(phrase[j])) {
				j++
			}
			w := phrase[i:j]
			i = j
			if err := checkWord(w); err != nil {
				return nil, err
			}
			slots = append(slots, [][]int32{ids(w)})
		}
	}
	return slots, nil
}

// expand returns every phrase the slots stand for.
func expand(slots [][][]int32) [][]int32 {
	out := [][]int32{nil}
	for _, alts := range slots {
		next := make([][]int32, 0, len(out)*len(alts))
		for _, o := range out {
			for _, a := range alts {
				next = append(next, append(o[:len(o):len(o)], a...))
			}
		}
		out = next
	}
	return out
}

// checkWord accepts a phrase word: letters, digits, non-ASCII letters,
// apostrophes and hyphens (which separate words, as in the text).
func checkWord(w string) error {
	for k := 0; k < len(w); k++ {
		if b := w[k]; !isWordByte(b) && b != '\'' && b != '-' {
			return fmt.Errorf("%q is not a word (letters, digits, apostrophes and hyphens only)", w)
		}
	}
	return nil
}
