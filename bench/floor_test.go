package bench

import (
	"testing"

	"redactor/redact"
)

// noWords is a word detector whose filter lets no word through: the engine
// still lists and hashes every word and looks each up in the filter.
type noWords struct{}

func (noWords) Info() redact.Info {
	return redact.Info{Name: "no_words", Types: []string{"X"}, MaxLen: 8, Lookbehind: 1}
}

func (noWords) FindWord(dst []redact.Candidate, _ *redact.Window, _, _ int, _ uint64) []redact.Candidate {
	return dst
}

func (noWords) WordFilter() redact.WordFilter { return redact.WordFilter{Bloom: new(redact.WordBloom)} }

// noChains is a chain detector that finds nothing in any chain: the engine
// still finds and lexes every digit chain and offers it.
type noChains struct{}

func (noChains) Info() redact.Info {
	return redact.Info{Name: "no_chains", Types: []string{"X"}, MaxLen: 8, Lookbehind: 1}
}

func (noChains) MinDigits() int { return 1 }

func (noChains) FindInChain(dst []redact.Candidate, _ *redact.Window, _ *redact.Chain) []redact.Candidate {
	return dst
}

// BenchmarkFloor is the stream over the corpus with detectors that find
// nothing: what the pipeline costs before any detector works. "words" is
// the word pass every dictionary (names, dates said as words, context)
// stands on, "chains" the digit-chain pass, "both" the two together.
func BenchmarkFloor(b *testing.B) {
	text := loadCorpus(b)
	for _, c := range []struct {
		name string
		ds   []redact.Detector
	}{
		{"words", []redact.Detector{noWords{}}},
		{"chains", []redact.Detector{noChains{}}},
		{"both", []redact.Detector{noWords{}, noChains{}}},
	} {
		e, err := redact.Compile(c.ds)
		if err != nil {
			b.Fatal(err)
		}
		s, err := e.NewStream(redact.Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) { benchStream(b, s, text) })
	}
}
