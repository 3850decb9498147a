package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"redactor/internal/eval"
	"redactor/redact"
)

const evalUsage = `usage: redact eval [--pack PATH ...] [--types T1,T2] [--json] CORPUS.jsonl ...
       redact eval --diff PACK_A PACK_B [--types T1,T2] [--json] [--show-values] [--max-examples N] CORPUS.jsonl ...

Runs a detector pack over labelled JSONL corpora ({"id", "text", "entities": [{"type", "start", "end"}]},
UTF-8 byte offsets, end exclusive) and prints per-type precision, recall and F1 on exact typed spans,
the share of entity characters left visible and the share of other characters redacted.
A PACK is a pack file or folder, loaded on top of the embedded default pack as by redact --pack, or
"default" for the embedded default pack alone. CORPUS '-' is standard input.

flags:
`

// evalConfig is the parsed eval command line.
type evalConfig struct {
	packs       []string // --pack, in order
	diff        []string // --diff PACK_A PACK_B
	types       []string
	json        bool
	showValues  bool
	maxExamples int
	corpora     []string
}

// listFlag collects a repeatable flag's values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// runEval runs "redact eval ARGS". Exit status: 0 on success, 2 on bad flags,
// a bad pack or a bad corpus line, 1 on an I/O failure.
func runEval(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseEvalFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "redact eval: %v\n", err)
		return 2
	}
	if err := evalMain(cfg, stdin, stdout); err != nil {
		fmt.Fprintf(stderr, "redact eval: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}

func parseEvalFlags(args []string, stderr io.Writer) (*evalConfig, error) {
	fs := flag.NewFlagSet("redact eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, evalUsage)
		fs.PrintDefaults()
	}
	cfg := &evalConfig{}
	var packs listFlag
	var types string
	diffPending := false
	fs.Var(&packs, "pack", "detector pack file or folder, on top of the embedded default pack, as for redact --pack (repeatable; default: the embedded pack alone)")
	fs.Func("diff", "compare two packs: --diff PACK_A PACK_B (each a pack file or folder, or \"default\")", func(v string) error {
		if len(cfg.diff) > 0 {
			return errors.New("given twice")
		}
		cfg.diff = []string{v}
		diffPending = true
		return nil
	})
	fs.StringVar(&types, "types", "", "comma-separated entity types to evaluate (default: the corpus's and the pack's)")
	fs.BoolVar(&cfg.json, "json", false, "print a JSON report instead of the table")
	fs.BoolVar(&cfg.showValues, "show-values", false, "with --diff: show the examples' values instead of masking them")
	fs.IntVar(&cfg.maxExamples, "max-examples", 20, "with --diff: the most changed spans to print")
	// Flags and arguments may be interleaved; the argument right after
	// --diff's first value is PACK_B.
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return nil, err
		}
		consumed := len(rest) - fs.NArg()
		terminated := consumed > 0 && rest[consumed-1] == "--"
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		if diffPending {
			cfg.diff = append(cfg.diff, rest[0])
			diffPending = false
			rest = rest[1:]
			continue
		}
		if terminated {
			cfg.corpora = append(cfg.corpora, rest...)
			break
		}
		cfg.corpora = append(cfg.corpora, rest[0])
		rest = rest[1:]
	}
	cfg.packs = packs
	for _, t := range strings.Split(types, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(cfg.types, t) {
			cfg.types = append(cfg.types, t)
		}
	}
	switch {
	case diffPending:
		return nil, errors.New("--diff takes two packs: --diff PACK_A PACK_B")
	case len(cfg.diff) > 0 && len(cfg.packs) > 0:
		return nil, errors.New("--pack and --diff do not combine: the packs are --diff's arguments")
	case len(cfg.diff) == 0 && cfg.showValues:
		return nil, errors.New("--show-values applies only with --diff")
	case len(cfg.diff) == 0 && flagSet(fs, "max-examples"):
		return nil, errors.New("--max-examples applies only with --diff")
	case cfg.maxExamples < 0:
		return nil, fmt.Errorf("--max-examples %d: must not be negative", cfg.maxExamples)
	case len(cfg.corpora) == 0:
		return nil, errors.New("no corpus given (usage: redact eval [flags] CORPUS.jsonl ...)")
	}
	return cfg, nil
}

// loadEvalPack loads the packs at paths as loadEngine does (on top of the
// embedded default pack, unless the first says otherwise); no paths, or just
// "default", is the embedded default pack alone.
func loadEvalPack(paths ...string) (*redact.Engine, string, error) {
	if len(paths) == 0 || len(paths) == 1 && paths[0] == "default" {
		eng, err := loadEngine(nil)
		if err != nil {
			return nil, "", usageError{fmt.Errorf("default pack: %v", err)}
		}
		return eng, "default", nil
	}
	label := strings.Join(paths, ", ")
	eng, err := loadEngine(paths)
	if err != nil {
		return nil, "", usageError{fmt.Errorf("pack %s: %v", label, err)}
	}
	return eng, label, nil
}

func evalMain(cfg *evalConfig, stdin io.Reader, stdout io.Writer) error {
	var engines []*redact.Engine
	var labels []string
	if len(cfg.diff) > 0 {
		for _, p := range cfg.diff {
			eng, label, err := loadEvalPack(p)
			if err != nil {
				return err
			}
			engines, labels = append(engines, eng), append(labels, label)
		}
	} else {
		eng, label, err := loadEvalPack(cfg.packs...)
		if err != nil {
			return err
		}
		engines, labels = append(engines, eng), append(labels, label)
	}
	var recs []eval.Record
	var names []string
	for _, name := range cfg.corpora {
		var err error
		if recs, err = readCorpus(name, stdin, recs); err != nil {
			return err
		}
		if name == "-" {
			name = "<stdin>"
		}
		names = append(names, name)
	}
	if len(recs) == 0 {
		return usageError{fmt.Errorf("%s: no records", strings.Join(names, ", "))}
	}
	var packTypes [][]string
	for _, eng := range engines {
		packTypes = append(packTypes, eng.Types())
	}
	if len(cfg.types) > 0 {
		known := eval.Types(recs, packTypes...)
		for _, t := range cfg.types {
			if _, ok := slices.BinarySearch(known, t); !ok {
				return usageError{fmt.Errorf("--types: %q is neither a type of the corpus's entities nor one the pack reports (%s)", t, strings.Join(known, ", "))}
			}
		}
	}
	opt := eval.Options{Types: cfg.types}
	var reports []*eval.Report
	for i, eng := range engines {
		r, err := eval.Run(eng, recs, opt)
		if err != nil {
			return usageError{err}
		}
		r.Pack, r.Corpus = labels[i], names
		reports = append(reports, r)
	}
	out := bufio.NewWriter(stdout)
	var err error
	if len(reports) == 2 {
		d, derr := eval.Diff(reports[0], reports[1])
		if derr != nil {
			return derr
		}
		dopt := eval.DiffOptions{ShowValues: cfg.showValues, MaxExamples: cfg.maxExamples}
		if cfg.json {
			err = d.WriteJSON(out, dopt)
		} else {
			err = d.WriteText(out, dopt)
		}
	} else if cfg.json {
		err = reports[0].WriteJSON(out)
	} else {
		err = reports[0].WriteText(out)
	}
	if err != nil {
		return err
	}
	return out.Flush()
}

// readCorpus appends the records of one corpus file to recs. Errors name the
// file, line and field, never the text.
func readCorpus(name string, stdin io.Reader, recs []eval.Record) ([]eval.Record, error) {
	in, err := openInput(name, stdin)
	if err != nil {
		return recs, usageError{err}
	}
	if in.c != nil {
		defer in.c.Close()
	}
	r := bufio.NewReaderSize(in.r, 1<<20)
	var line []byte
	var fields []field
	for lineNo := 1; ; lineNo++ {
		var readErr error
		line, readErr = readLine(r, line[:0])
		if len(line) == 0 && readErr == io.EOF {
			return recs, nil
		}
		if readErr != nil && readErr != io.EOF {
			if errors.Is(readErr, errLineTooLong) {
				return recs, usageError{fmt.Errorf("%s: line %d: %v", in.name, lineNo, readErr)}
			}
			return recs, fmt.Errorf("%s: %v", in.name, readErr)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			where := func(err error) error {
				return usageError{fmt.Errorf("%s: line %d: %v", in.name, lineNo, err)}
			}
			if !utf8.Valid(line) {
				return recs, where(fmt.Errorf("invalid UTF-8 at byte %d of the line", invalidAt(line)))
			}
			var rec eval.Record
			if rec, fields, err = parseRecord(line, fields[:0]); err != nil {
				return recs, where(err)
			}
			if err := rec.Validate(); err != nil {
				return recs, where(err)
			}
			rec.Source, rec.Line = in.name, lineNo
			recs = append(recs, rec)
		}
		if readErr == io.EOF {
			return recs, nil
		}
	}
}

// parseRecord decodes one corpus line: "id" (a string or a number), "text"
// (a string) and "entities" (an array of {"type", "start", "end"}); other
// members are ignored.
func parseRecord(line []byte, fields []field) (eval.Record, []field, error) {
	var rec eval.Record
	fields, err := parseObject(line, fields)
	if err != nil {
		return rec, fields, err
	}
	seen := map[string]bool{}
	var entities json.RawMessage
	for _, f := range fields {
		switch f.key {
		case "id", "text", "entities":
		default:
			continue
		}
		if seen[f.key] {
			return rec, fields, fmt.Errorf("field %q appears twice", f.key)
		}
		seen[f.key] = true
		switch f.key {
		case "id":
			if err := json.Unmarshal(f.raw, &rec.ID); err != nil {
				var n json.Number
				if len(f.raw) == 0 || f.raw[0] == '"' || json.Unmarshal(f.raw, &n) != nil {
					return rec, fields, errors.New(`field "id" is not a string or a number`)
				}
				rec.ID = n.String()
			}
		case "text":
			if err := json.Unmarshal(f.raw, &rec.Text); err != nil {
				return rec, fields, errors.New(`field "text" is not a string`)
			}
		case "entities":
			entities = f.raw
		}
	}
	for _, k := range []string{"id", "text", "entities"} {
		if !seen[k] {
			return rec, fields, fmt.Errorf("field %q is missing", k)
		}
	}
	var raws []json.RawMessage
	if len(entities) == 0 || entities[0] != '[' || json.Unmarshal(entities, &raws) != nil {
		return rec, fields, errors.New(`field "entities" is not an array`)
	}
	rec.Entities = make([]eval.Span, 0, len(raws))
	var members []field
	for i, raw := range raws {
		k := i + 1
		if members, err = parseObject(raw, members[:0]); err != nil {
			return rec, fields, fmt.Errorf("entity %d: not a JSON object", k)
		}
		var sp eval.Span
		got := map[string]bool{}
		for _, m := range members {
			switch m.key {
			case "type", "start", "end":
			default:
				continue
			}
			if got[m.key] {
				return rec, fields, fmt.Errorf("entity %d: %q appears twice", k, m.key)
			}
			got[m.key] = true
			switch m.key {
			case "type":
				if err := json.Unmarshal(m.raw, &sp.Type); err != nil {
					return rec, fields, fmt.Errorf(`entity %d: "type" is not a string`, k)
				}
			case "start", "end":
				n, err := strconv.Atoi(string(bytes.TrimSpace(m.raw)))
				if err != nil {
					return rec, fields, fmt.Errorf("entity %d: %q is not an integer", k, m.key)
				}
				if m.key == "start" {
					sp.Start = n
				} else {
					sp.End = n
				}
			}
		}
		for _, key := range []string{"type", "start", "end"} {
			if !got[key] {
				return rec, fields, fmt.Errorf("entity %d: %q is missing", k, key)
			}
		}
		rec.Entities = append(rec.Entities, sp)
	}
	return rec, fields, nil
}
