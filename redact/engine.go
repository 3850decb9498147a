package redact

import (
	"fmt"
	"slices"
)

// DefaultWindow is the most text a stream examines at once, and so the most it
// ever holds back; see Engine.MaxHold.
const DefaultWindow = 64 << 10

// Engine is a compiled, immutable set of detectors. It is safe for concurrent
// use; each transcript gets its own Stream from NewStream.
type Engine struct {
	detectors []Detector
	infos     []Info
	chain     []chainEntry
	at        []atEntry
	types     []string // every entity type any detector reports, sorted
	maxLen    int      // longest span of any detector
	lookback  int      // largest Lookbehind of any detector
	maxChain  int      // longest span of any chain detector
	minDigits int      // fewest digits any chain detector needs
	window    int
}

type chainEntry struct {
	d         ChainDetector
	index     int32
	minDigits int
}

type atEntry struct {
	d     AtDetector
	index int32
}

// Option adjusts how an engine is compiled.
type Option func(*Engine)

// WithWindow sets the window size (default DefaultWindow). Tests use small
// windows to exercise the forced cut; it is clamped to at least 4*MaxSpanLen.
func WithWindow(n int) Option { return func(e *Engine) { e.window = n } }

// Compile builds an engine from detectors. It rejects a detector without a
// name, types or length bound, an unknown detector kind, and duplicate names.
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
		idx := int32(len(e.detectors))
		kinds := 0
		if cd, ok := d.(ChainDetector); ok {
			kinds++
			e.chain = append(e.chain, chainEntry{d: cd, index: idx, minDigits: cd.MinDigits()})
			e.minDigits = min(e.minDigits, cd.MinDigits())
			e.maxChain = max(e.maxChain, info.MaxLen)
		}
		if ad, ok := d.(AtDetector); ok {
			kinds++
			e.at = append(e.at, atEntry{d: ad, index: idx})
		}
		if kinds == 0 {
			return nil, fmt.Errorf("redact: detector %q implements no trigger interface (ChainDetector, AtDetector)", info.Name)
		}
		e.detectors = append(e.detectors, d)
		e.infos = append(e.infos, info)
		e.maxLen = max(e.maxLen, info.MaxLen)
		e.lookback = max(e.lookback, info.Lookbehind)
	}
	for t := range types {
		e.types = append(e.types, t)
	}
	slices.Sort(e.types)
	return e, nil
}

// MaxHold is the most bytes a Stream keeps unconsumed: Transform always makes
// progress once src holds this many bytes (or at EOF).
func (e *Engine) MaxHold() int { return e.window }

// Types returns the entity types the engine's detectors report, sorted.
func (e *Engine) Types() []string { return slices.Clone(e.types) }

// Detectors returns the Info of every detector, in compile order.
func (e *Engine) Detectors() []Info { return slices.Clone(e.infos) }
