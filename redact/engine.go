package redact

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// DefaultWindow is the most text a stream examines at once, and so the most it
// ever holds back; see Engine.MaxHold.
const DefaultWindow = 64 << 10

// Engine is a compiled, immutable set of detectors with its policy (allow
// list, minimum scores, default operators). It is safe for concurrent use;
// each transcript gets its own Stream from NewStream.
type Engine struct {
	detectors  []Detector
	infos      []Info
	contexts   []*contextMatcher // per detector, nil without context
	ctxIdx     contextIndex      // the first words of the contexts' phrases
	minScore   [][]float32       // per detector: the policy's minimum score of each of its types
	chain      []chainEntry
	byDigits   [maxIndexedDigits + 1][]chainEntry // the chain detectors that want a chain of n digits
	inline     [256][]byteEntry                   // byte detectors run in the main pass ('@')
	scanned    []byteEntry                        // byte detectors that need their own pass
	scanTrig   [256]bool                          // union of the scanned detectors' bytes
	words      []wordEntry
	wordBloom  *WordBloom // union of the filtered word detectors' Bloom filters
	wordMasks  wordMasks
	trigger    [256]bool // bytes that stop the main pass: digits and inline bytes
	swar       bool      // every trigger byte is a digit or '@': skip 8 bytes at a time
	anyTrigger bool      // the main pass has something to find
	types      []string  // every entity type any detector reports, sorted
	maxLen     int       // longest span of any detector
	lookback   int       // bytes of left context a stream keeps
	ctxBefore  int       // widest context before a span, in bytes
	ctxAfter   int       // widest context after a span, in bytes
	maxChain   int       // longest span of any chain detector
	minDigits  int       // fewest digits any chain detector needs
	window     int
	spoken     SpokenView // nil: no spoken-form view (see spoken.go)

	policy Policy
	allow  map[string]bool // "TYPE\x00canonical" and "\x00canonical"
}

type chainEntry struct {
	d         ChainDetector
	index     int32
	minDigits int
	groups    uint64 // the digit group lengths it wants (GroupFilteredDetector), all without a filter
	bounded   bool   // its spans stay inside the chain (BoundedChainDetector)
}

// maxIndexedDigits is the longest chain (in digits) Engine.byDigits
// indexes; longer chains go through every chain detector's MinDigits.
const maxIndexedDigits = 128

// chainDetectors returns the chain detectors that want a chain of n digits.
func (e *Engine) chainDetectors(n int) []chainEntry {
	if n <= maxIndexedDigits {
		return e.byDigits[n]
	}
	return e.chain
}

// indexChainDetectors fills e.byDigits.
func (e *Engine) indexChainDetectors() {
	for n := range e.byDigits {
		for _, c := range e.chain {
			if c.minDigits <= n {
				e.byDigits[n] = append(e.byDigits[n], c)
			}
		}
	}
}

type byteEntry struct {
	d         ByteDetector
	index     int32
	wordStart bool
	bytes     [256]bool
}

// maxWordDetectors bounds the word detectors of an engine: scanWords picks
// a word's detectors from 64-bit masks.
const maxWordDetectors = 64

// wordMasks say which word detectors (bit i: Engine.words[i]) may want a
// word: every word, a word in the union Bloom filter, a capitalised word
// of n bytes (n capped at 31).
type wordMasks struct {
	all, bloom uint64
	capsByLen  [32]uint64
	next       [256]uint64 // by the byte after the word: the detectors it may reach (Next)
	spokenOnly uint64      // detectors that see only spoken runs' words (SpokenOnly)
}

type wordEntry struct {
	d      WordDetector
	index  int32
	bloom  *WordBloom // nil: every word (or only capitalised ones, with caps)
	caps   bool
	except *WordBloom // capitalised words that caps does not let through
	capLen uint32     // with caps: the word lengths let through (0: any)
	all    bool       // no filter: every word
}

// Policy is what a detector pack adds to its detectors.
type Policy struct {
	// Allow lists values never redacted (the company's own phone number).
	Allow []AllowRule
	// MinScore drops spans of a type scoring below it.
	MinScore map[string]float32
	// Operators are the default operator per type; a stream's Config.PerType
	// overrides them.
	Operators map[string]Operator
	// Meta identifies the pack the engine was built from.
	Meta Meta
}

// AllowRule matches values that are never redacted: Value compares with
// the canonical form of the span (see CanonicalValue), Pattern must match
// the whole span text. An empty Type applies to every type.
type AllowRule struct {
	Type    string
	Value   string
	Pattern *regexp.Regexp
}

// Meta identifies the detector pack behind an engine, so that every
// redaction can be traced to the pack that made it.
type Meta struct {
	Name, Version string
	Hash          string // hex SHA-256 of the pack files' contents
}

// Option adjusts how an engine is compiled.
type Option func(*Engine)

// WithWindow sets the window size (default DefaultWindow). Tests use small
// windows to exercise the forced cut; it is clamped to at least 4*MaxSpanLen.
func WithWindow(n int) Option { return func(e *Engine) { e.window = n } }

// WithPolicy sets the engine's allow list, minimum scores, default operators
// and pack metadata.
func WithPolicy(p Policy) Option { return func(e *Engine) { e.policy = p } }

// Compile builds an engine from detectors. It rejects a detector without a
// name, types or length bound, an unknown detector kind, a bad context, and
// duplicate names.
func Compile(detectors []Detector, opts ...Option) (*Engine, error) {
	e := &Engine{window: DefaultWindow, minDigits: 1 << 30}
	for _, o := range opts {
		o(e)
	}
	if e.window < 4*MaxSpanLen {
		e.window = 4 * MaxSpanLen
	}
	seen := map[string]bool{}
	types := map[string]bool{}
	for i, d := range detectors {
		info := d.Info()
		switch {
		case info.Name == "":
			return nil, fmt.Errorf("redact: detector %d has no name", i)
		case seen[info.Name]:
			return nil, fmt.Errorf("redact: detector %q: duplicate name", info.Name)
		case len(info.Types) == 0:
			return nil, fmt.Errorf("redact: detector %q reports no entity types", info.Name)
		case info.MaxLen <= 0 || info.MaxLen > MaxSpanLen:
			return nil, fmt.Errorf("redact: detector %q: MaxLen %d outside 1..%d (every detector needs a bound)", info.Name, info.MaxLen, MaxSpanLen)
		case info.Lookbehind < 1 || info.Lookbehind > MaxSpanLen:
			return nil, fmt.Errorf("redact: detector %q: Lookbehind %d outside 1..%d", info.Name, info.Lookbehind, MaxSpanLen)
		}
		seen[info.Name] = true
		for _, t := range info.Types {
			types[t] = true
		}
		var ctx *contextMatcher
		if info.Context != nil {
			var err error
			if ctx, err = compileContext(info.Context); err != nil {
				return nil, fmt.Errorf("redact: detector %q: %v", info.Name, err)
			}
			e.lookback = max(e.lookback, ctx.lookbehind()+2)
			e.ctxBefore = max(e.ctxBefore, ctx.lookbehind())
			e.ctxAfter = max(e.ctxAfter, ctx.lookahead())
		}
		idx := int32(len(e.detectors))
		kinds := 0
		finder := d // what the engine calls to find candidates
		for {
			iw, ok := finder.(InfoWrapper)
			if !ok || iw.Base() == nil || triggerKinds(iw.Base()) != triggerKinds(d) {
				break
			}
			finder = iw.Base()
		}
		if cd, ok := finder.(ChainDetector); ok {
			kinds++
			ce := chainEntry{d: cd, index: idx, minDigits: cd.MinDigits(), groups: ^uint64(0)}
			if gd, ok := finder.(GroupFilteredDetector); ok {
				ce.groups = gd.GroupLengths()
			}
			_, ce.bounded = finder.(BoundedChainDetector)
			e.chain = append(e.chain, ce)
			e.minDigits = min(e.minDigits, cd.MinDigits())
			e.maxChain = max(e.maxChain, info.MaxLen)
		}
		if bd, ok := finder.(ByteDetector); ok {
			kinds++
			bs, wordStart := bd.Trigger()
			be := byteEntry{d: bd, index: idx, wordStart: wordStart}
			inline := !wordStart
			for _, b := range bs {
				be.bytes[b] = true
				inline = inline && classes[b]&(cDigit|cLetter) == 0
			}
			if inline {
				for _, b := range bs {
					e.inline[b] = append(e.inline[b], be)
					e.trigger[b] = true
				}
			} else {
				e.scanned = append(e.scanned, be)
				for _, b := range bs {
					e.scanTrig[b] = true
				}
			}
		}
		if wd, ok := finder.(WordDetector); ok {
			kinds++
			if len(e.words) == maxWordDetectors {
				return nil, fmt.Errorf("redact: detector %q: more than %d word detectors (dictionaries, names, dates); join dictionaries into one", info.Name, maxWordDetectors)
			}
			e.words = append(e.words, wordEntry{d: wd, index: idx})
		}
		if kinds == 0 {
			return nil, fmt.Errorf("redact: detector %q implements no trigger interface (ChainDetector, ByteDetector, WordDetector)", info.Name)
		}
		e.detectors = append(e.detectors, d)
		e.infos = append(e.infos, info)
		e.contexts = append(e.contexts, ctx)
		e.maxLen = max(e.maxLen, info.MaxLen)
		e.lookback = max(e.lookback, info.Lookbehind)
	}
	e.compileWordFilter()
	e.indexChainDetectors()
	e.ctxIdx.build(e.contexts)
	if e.spoken != nil {
		// A spoken span may end up to SpokenMaxRun bytes from its start.
		e.maxLen = max(e.maxLen, SpokenMaxRun)
	}
	if len(e.chain) > 0 {
		for c := '0'; c <= '9'; c++ {
			e.trigger[c] = true
		}
	}
	e.swar = true
	for b, on := range e.trigger {
		e.swar = e.swar && (!on || IsDigit(byte(b)) || b == '@')
		e.anyTrigger = e.anyTrigger || on
	}
	for t := range types {
		e.types = append(e.types, t)
	}
	slices.Sort(e.types)
	if err := e.compilePolicy(); err != nil {
		return nil, err
	}
	e.minScore = make([][]float32, len(e.infos))
	for i, info := range e.infos {
		for _, t := range info.Types {
			e.minScore[i] = append(e.minScore[i], e.policy.MinScore[t])
		}
	}
	return e, nil
}

// triggerKinds returns a bit per trigger interface d implements.
func triggerKinds(d Detector) int {
	k := 0
	if _, ok := d.(ChainDetector); ok {
		k |= 1
	}
	if _, ok := d.(GroupFilteredDetector); ok {
		k |= 2
	}
	if _, ok := d.(ByteDetector); ok {
		k |= 4
	}
	if _, ok := d.(WordDetector); ok {
		k |= 8
	}
	if _, ok := d.(FilteredWordDetector); ok {
		k |= 16
	}
	return k
}

// compileWordFilter joins the word detectors' filters into one, which
// rejects most words before any detector is called.
func (e *Engine) compileWordFilter() {
	e.wordBloom = new(WordBloom)
	for i := range e.words {
		we := &e.words[i]
		fd, ok := we.d.(FilteredWordDetector)
		var f WordFilter
		if ok {
			f = fd.WordFilter()
		}
		for b := range e.wordMasks.next {
			if f.Next == "" || strings.IndexByte(f.Next, byte(b)) >= 0 {
				e.wordMasks.next[b] |= 1 << i
			}
		}
		if !ok {
			we.all = true
			e.wordMasks.all |= 1 << i
			continue
		}
		we.bloom, we.caps, we.except, we.capLen = f.Bloom, f.Capitalized, f.Except, f.CapitalizedLengths
		if f.SpokenOnly {
			e.wordMasks.spokenOnly |= 1 << i
		}
		if f.Bloom != nil {
			e.wordMasks.bloom |= 1 << i
		}
		if f.Capitalized {
			for n := range e.wordMasks.capsByLen {
				if f.CapitalizedLengths == 0 || f.CapitalizedLengths&(1<<n) != 0 {
					e.wordMasks.capsByLen[n] |= 1 << i
				}
			}
		}
		if f.Bloom != nil {
			for i := range e.wordBloom {
				e.wordBloom[i] |= f.Bloom[i]
			}
		}
	}
}

func (e *Engine) compilePolicy() error {
	known := func(t string) bool {
		_, ok := slices.BinarySearch(e.types, t)
		return ok
	}
	e.allow = map[string]bool{}
	for _, r := range e.policy.Allow {
		if r.Type != "" && !known(r.Type) {
			return fmt.Errorf("redact: allow rule for unknown entity type %q", r.Type)
		}
		if r.Value != "" {
			canon := CanonicalValue(nil, r.Type, []byte(r.Value))
			if r.Type == "" {
				// Without a type, compare the value's plain letters and digits.
				canon = CanonicalValue(nil, "", []byte(r.Value))
			}
			e.allow[r.Type+"\x00"+string(canon)] = true
		}
	}
	for t := range e.policy.MinScore {
		if !known(t) {
			return fmt.Errorf("redact: minimum score for unknown entity type %q", t)
		}
	}
	for t := range e.policy.Operators {
		if !known(t) {
			return fmt.Errorf("redact: operator for unknown entity type %q", t)
		}
	}
	return nil
}

// MaxHold is the most bytes a Stream keeps unconsumed: Transform always makes
// progress once src holds this many bytes (or at EOF).
func (e *Engine) MaxHold() int { return e.window }

// Types returns the entity types the engine's detectors report, sorted.
func (e *Engine) Types() []string { return slices.Clone(e.types) }

// Detectors returns the Info of every detector, in compile order.
func (e *Engine) Detectors() []Info { return slices.Clone(e.infos) }

// Meta returns the metadata of the pack the engine was built from.
func (e *Engine) Meta() Meta { return e.policy.Meta }

// allowed reports whether value, a span of type typ, is on the allow list.
// scratch is reused.
func (e *Engine) allowed(scratch *[]byte, typ string, value []byte) bool {
	if len(e.allow) > 0 {
		k := append((*scratch)[:0], typ...)
		k = append(k, 0)
		k = CanonicalValue(k, typ, value)
		*scratch = k
		if e.allow[string(k)] {
			return true
		}
		k = append(k[:0], 0)
		k = CanonicalValue(k, "", value)
		*scratch = k
		if e.allow[string(k)] {
			return true
		}
	}
	for _, r := range e.policy.Allow {
		if r.Pattern != nil && (r.Type == "" || r.Type == typ) && r.Pattern.Match(value) {
			return true
		}
	}
	return false
}
