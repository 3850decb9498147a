package detectors

import (
	"fmt"
	"slices"
	"strings"

	"redactor/redact"
)

// All returns every built-in detector, each under its Info().Name, which is
// the name a pack uses with `builtin:`. Each area of the catalog contributes
// its own list.
func All() []redact.Detector {
	var all []redact.Detector
	for _, area := range [][]redact.Detector{
		Default(),
		idDetectors(),
		europeanIDDetectors(),
		dateAddressNetworkDetectors(),
		personDetectors(),
	} {
		all = append(all, area...)
	}
	return all
}

// BuiltinNames lists the names a pack may use with `builtin:`, sorted.
func BuiltinNames() []string {
	var names []string
	for _, d := range All() {
		names = append(names, d.Info().Name)
	}
	slices.Sort(names)
	return names
}

// Builtin returns the built-in detector called name, or an error that lists
// the valid names.
func Builtin(name string) (redact.Detector, error) {
	for _, d := range All() {
		if d.Info().Name == name {
			return d, nil
		}
	}
	return nil, fmt.Errorf("unknown builtin %q (known: %s)", name, strings.Join(BuiltinNames(), ", "))
}

// Override changes what a pack may change of a detector: its name, the
// score of its spans, its priority and its context.
type Override struct {
	Name     string
	Score    float32 // 0: keep the detector's own scores
	Priority *int
	Context  *redact.ContextSpec
}

// Configure wraps d with an override; it keeps d's trigger kind.
func Configure(d redact.Detector, o Override) redact.Detector {
	info := d.Info()
	if o.Name != "" {
		info.Name = o.Name
	}
	if o.Priority != nil {
		info.Priority = *o.Priority
	}
	if o.Context != nil {
		info.Context = o.Context
	}
	base := configured{info: info, score: o.Score}
	switch d := d.(type) {
	case redact.GroupFilteredDetector:
		return configuredGroupChain{configuredChain{base, d}, d.GroupLengths()}
	case redact.ChainDetector:
		return configuredChain{base, d}
	case redact.ByteDetector:
		return configuredByte{base, d}
	case redact.FilteredWordDetector:
		return configuredFilteredWord{configuredWord{base, d}, d}
	case redact.WordDetector:
		return configuredWord{base, d}
	}
	panic(fmt.Sprintf("detectors.Configure: %T has no trigger kind", d))
}

type configured struct {
	info  redact.Info
	score float32
}

func (c configured) Info() redact.Info { return c.info }

// base returns d when the override keeps its scores, for redact.InfoWrapper.
func (c configured) base(d redact.Detector) redact.Detector {
	if c.score > 0 {
		return nil
	}
	return d
}

func (c configured) rescore(cs []redact.Candidate) {
	if c.score > 0 {
		for i := range cs {
			cs[i].Score = c.score
		}
	}
}

type configuredChain struct {
	configured
	d redact.ChainDetector
}

func (c configuredChain) MinDigits() int { return c.d.MinDigits() }

// Base implements redact.InfoWrapper.
func (c configuredChain) Base() redact.Detector { return c.base(c.d) }

func (c configuredChain) FindInChain(dst []redact.Candidate, w *redact.Window, ch *redact.Chain) []redact.Candidate {
	k := len(dst)
	dst = c.d.FindInChain(dst, w, ch)
	c.rescore(dst[k:])
	return dst
}

type configuredGroupChain struct {
	configuredChain
	groups uint64
}

func (c configuredGroupChain) GroupLengths() uint64 { return c.groups }

type configuredByte struct {
	configured
	d redact.ByteDetector
}

func (c configuredByte) Trigger() ([]byte, bool) { return c.d.Trigger() }

// Base implements redact.InfoWrapper.
func (c configuredByte) Base() redact.Detector { return c.base(c.d) }

func (c configuredByte) FindAtByte(dst []redact.Candidate, w *redact.Window, i int) []redact.Candidate {
	k := len(dst)
	dst = c.d.FindAtByte(dst, w, i)
	c.rescore(dst[k:])
	return dst
}

type configuredWord struct {
	configured
	d redact.WordDetector
}

// Base implements redact.InfoWrapper.
func (c configuredWord) Base() redact.Detector { return c.base(c.d) }

func (c configuredWord) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	k := len(dst)
	dst = c.d.FindWord(dst, w, start, end, h)
	c.rescore(dst[k:])
	return dst
}

type configuredFilteredWord struct {
	configuredWord
	f redact.FilteredWordDetector
}

func (c configuredFilteredWord) WordFilter() redact.WordFilter { return c.f.WordFilter() }
