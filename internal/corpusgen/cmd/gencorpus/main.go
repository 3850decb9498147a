// Command gencorpus writes a synthetic, labelled call-centre transcript
// corpus as JSON Lines. See testdata/corpus/README.md.
//
// Usage:
//
//	go run ./internal/corpusgen/cmd/gencorpus -seed 1 -min-bytes 1100000 -o testdata/corpus/calls.jsonl
//	go run ./internal/corpusgen/cmd/gencorpus -seed 2 -n 40 -o testdata/corpus/calls_small.jsonl
//	go run ./internal/corpusgen/cmd/gencorpus -spoken -seed 5 -min-bytes 320000 -o testdata/corpus/spoken.jsonl
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"redactor/internal/corpusgen"
)

func main() {
	seed := flag.Uint64("seed", 1, "random seed; the same seed always gives the same corpus")
	n := flag.Int("n", 0, "minimum number of calls")
	minBytes := flag.Int("min-bytes", 0, "minimum total text bytes (generation stops once both -n and -min-bytes are met)")
	prefix := flag.String("id-prefix", "call-", "prefix for call ids")
	out := flag.String("o", "-", "output file, or - for stdout")
	quiet := flag.Bool("q", false, "do not print statistics to stderr")
	spoken := flag.Bool("spoken", false, "spoken-form (speech recogniser style) transcripts; default id prefix spoken-")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "gencorpus: unexpected arguments:", flag.Args())
		os.Exit(2)
	}

	cfg := corpusgen.Config{Seed: *seed, NumCalls: *n, MinBytes: *minBytes, IDPrefix: *prefix}
	gen := corpusgen.Generate
	if *spoken {
		gen = corpusgen.GenerateSpoken
		if !isFlagSet("id-prefix") {
			cfg.IDPrefix = ""
		}
	}
	ts := gen(cfg)

	var w io.Writer = os.Stdout
	var f *os.File
	if *out != "-" {
		var err error
		if f, err = os.Create(*out); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
		w = f
	}
	if err := corpusgen.WriteJSONL(w, ts); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	if f != nil {
		if err := f.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "gencorpus:", err)
			os.Exit(1)
		}
	}
	if !*quiet {
		fmt.Fprint(os.Stderr, corpusgen.ComputeStats(ts))
	}
}

func isFlagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
