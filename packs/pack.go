// Package packs loads detector packs: YAML files that operations staff edit
// to tune detection without a Go toolchain. A pack names its detectors
// (built-in scanners, RE2 or regexp2 patterns, dictionaries), their scores,
// context words, operators and thresholds, and values that are always or
// never redacted. Load checks everything a running server would reject and
// reports every problem with its file, line and detector; Compile turns the
// result into an immutable redact.Engine.
//
// Packs combine: the embedded default pack comes first (unless the first
// pack says `base: none`), and each later pack replaces detectors of the
// same name, removes them with `disabled: true`, and adds the rest.
package packs

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"redactor/detectors"
	"redactor/events"
	"redactor/redact"
	"redactor/spoken"
)

// Error is one problem in a pack, located by file, line and detector.
type Error struct {
	File     string
	Line     int
	Detector string // empty for pack-level problems
	Msg      string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Detector != "" {
		fmt.Fprintf(&b, ": detector %q", e.Detector)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem Load found, in file order.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Set is a loaded, validated combination of packs, ready to compile.
type Set struct {
	Meta      redact.Meta
	Files     []string // the pack files, in load order
	detectors []*detectorSpec
	allow     []allowSpec
	deny      []denySpec
	typeOps   map[string]string
	minScores map[string]float32
	engine    *redact.Engine
	spoken    bool // run the detectors on the spoken-form view too
	events    []*eventSpec
	matcher   *events.Matcher // compiled on first use (Events)
	evOnce    sync.Once
}

// file is one pack file as written.
type file struct {
	Name        string         `yaml:"name"`
	Version     string         `yaml:"version"`
	Description string         `yaml:"description"`
	Base        string         `yaml:"base"`
	Spoken      *bool          `yaml:"spoken"`
	Detectors   []detectorSpec `yaml:"detectors"`
	Allow       []allowSpec    `yaml:"allow"`
	Deny        []denySpec     `yaml:"deny"`
	Events      []eventSpec    `yaml:"events"`
}

// eventSpec is one entry of a pack's events list (see events.Spec).
type eventSpec struct {
	Type           string   `yaml:"type"`
	Phrases        []string `yaml:"phrases"`
	Exceptions     []string `yaml:"exceptions"`
	Negations      []string `yaml:"negations"`
	NegationWindow int      `yaml:"negation_window"`
	Roles          []string `yaml:"roles"`
	Extend         bool     `yaml:"extend"`
	Disabled       bool     `yaml:"disabled"`
	file           string
	line           int
}

type detectorSpec struct {
	Name       string        `yaml:"name"`
	Type       string        `yaml:"type"`
	Disabled   bool          `yaml:"disabled"`
	Builtin    string        `yaml:"builtin"`
	Regex      *regexSpec    `yaml:"regex"`
	Dictionary *dictSpec     `yaml:"dictionary"`
	Score      *float32      `yaml:"score"`
	Priority   *int          `yaml:"priority"`
	MinScore   *float32      `yaml:"min_score"`
	Operator   string        `yaml:"operator"`
	Context    *contextSpec  `yaml:"context"`
	Allow      *detAllowSpec `yaml:"allow"`

	file string
	line int
	dir  string // folder of the pack file, for relative paths
	at   func(line int, msg string, args ...any) *Error
}

type regexSpec struct {
	Patterns []string `yaml:"patterns"`
	Engine   string   `yaml:"engine"`
	MaxLen   int      `yaml:"max_len"`
	Timeout  string   `yaml:"timeout"`
	line     int
}

type dictSpec struct {
	Terms         []string `yaml:"terms"`
	File          string   `yaml:"file"`
	CaseSensitive bool     `yaml:"case_sensitive"`
	WholeWord     *bool    `yaml:"whole_word"`
	line          int
}

type contextSpec struct {
	Words    []string `yaml:"words"`
	Before   int      `yaml:"before"`
	After    int      `yaml:"after"`
	Required bool     `yaml:"required"`
	Boost    float32  `yaml:"boost"`
}

type detAllowSpec struct {
	Values   []string `yaml:"values"`
	Patterns []string `yaml:"patterns"`
}

type allowSpec struct {
	Type    string `yaml:"type"`
	Value   string `yaml:"value"`
	Pattern string `yaml:"pattern"`
	file    string
	line    int
}

type denySpec struct {
	Type          string   `yaml:"type"`
	Terms         []string `yaml:"terms"`
	CaseSensitive bool     `yaml:"case_sensitive"`
	file          string
	line          int
}

// Keys each mapping may have; anything else is an error (a typo is a
// detector that silently does nothing).
var (
	fileKeys     = []string{"name", "version", "description", "base", "spoken", "detectors", "allow", "deny", "events"}
	detectorKeys = []string{"name", "type", "disabled", "builtin", "regex", "dictionary", "score", "priority", "min_score", "operator", "context", "allow"}
	regexKeys    = []string{"patterns", "engine", "max_len", "timeout"}
	dictKeys     = []string{"terms", "file", "case_sensitive", "whole_word"}
	contextKeys  = []string{"words", "before", "after", "required", "boost"}
	detAllowKeys = []string{"values", "patterns"}
	allowKeys    = []string{"type", "value", "pattern"}
	denyKeys     = []string{"type", "terms", "case_sensitive"}
	eventKeys    = []string{"type", "phrases", "exceptions", "negations", "negation_window", "roles", "extend", "disabled"}
)

var typeName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)

// maxPackFile bounds a pack file and a terms file.
const maxPackFile = 16 << 20

// DefaultName is the name that selects the embedded default pack.
const DefaultName = "default"

// Load reads and validates packs. Each path is a pack file, a folder of
// *.yaml files (in name order), or "default" for the embedded default pack.
// Unless the first pack says `base: none`, the default pack comes first.
func Load(paths ...string) (*Set, error) {
	var errs Errors
	var sources []source
	for _, p := range paths {
		if p == DefaultName {
			sources = append(sources, defaultSources()...)
			continue
		}
		srcs, err := readSources(p)
		errs = append(errs, err...)
		sources = append(sources, srcs...)
	}
	parsed := make([]*file, len(sources))
	for i, src := range sources {
		f, ferrs := parse(src.name, src.dir, src.data)
		errs = append(errs, ferrs...)
		parsed[i] = f
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(sources) == 0 || !sources[0].builtin && parsed[0].Base != "none" {
		defaults := defaultSources()
		var dparsed []*file
		for _, src := range defaults {
			f, ferrs := parse(src.name, "", src.data)
			if len(ferrs) > 0 {
				return nil, ferrs
			}
			dparsed = append(dparsed, f)
		}
		sources = append(defaults, sources...)
		parsed = append(dparsed, parsed...)
	}
	set, err := combine(parsed)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	var names, versions []string
	for i, src := range sources {
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.Base(src.name), len(src.data))
		h.Write(src.data)
		set.Files = append(set.Files, src.name)
		if i > 0 && src.builtin && sources[i-1].builtin {
			continue // the default pack's files are one pack
		}
		names = append(names, parsed[i].Name)
		versions = append(versions, parsed[i].Version)
	}
	for _, d := range set.detectors {
		if d.Dictionary != nil && d.Dictionary.File != "" {
			data, _ := readLimited(d.termsPath())
			fmt.Fprintf(h, "%s\x00%d\x00", d.Dictionary.File, len(data))
			h.Write(data)
		}
	}
	set.Meta = redact.Meta{Name: strings.Join(names, "+"), Version: strings.Join(versions, "+"), Hash: hex.EncodeToString(h.Sum(nil))}
	// Compile here, so that Load reports every error a server would hit.
	if set.engine, err = set.Compile(); err != nil {
		return nil, err
	}
	// Every event entry was checked as it was combined (events.Check), so
	// compiling them (Events, on first use) cannot fail.
	return set, nil
}

// source is one pack file's bytes.
type source struct {
	name    string // path, or "default:NAME" for the embedded pack
	dir     string // folder for relative paths; empty for the embedded pack
	data    []byte
	builtin bool
}

func defaultSources() []source {
	var srcs []source
	names, _ := fs.Glob(defaultFS, "default/*.yaml")
	for _, name := range names {
		data, _ := defaultFS.ReadFile(name)
		srcs = append(srcs, source{name: "default:" + path.Base(name), data: data, builtin: true})
	}
	return srcs
}

// readSources reads a pack file or a folder of them.
func readSources(p string) ([]source, Errors) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, Errors{{File: p, Msg: describeOSError(err)}}
	}
	files := []string{p}
	if fi.IsDir() {
		files = nil
		for _, pat := range []string{"*.yaml", "*.yml"} {
			m, _ := filepath.Glob(filepath.Join(p, pat))
			files = append(files, m...)
		}
		slices.Sort(files)
		if len(files) == 0 {
			return nil, Errors{{File: p, Msg: "the folder holds no *.yaml pack files"}}
		}
	}
	var srcs []source
	var errs Errors
	for _, f := range files {
		data, err := readLimited(f)
		if err != nil {
			errs = append(errs, &Error{File: f, Msg: describeOSError(err)})
			continue
		}
		srcs = append(srcs, source{name: f, data: data, dir: filepath.Dir(f)})
	}
	return srcs, errs
}

// Engine returns the engine Load compiled.
func (s *Set) Engine() *redact.Engine { return s.engine }

// Events returns the set's compiled conversation events (the packs'
// `events:` lists); it matches nothing when no pack has events. The
// automaton is built on the first call (about 25 ms for the default pack),
// so that commands that do not look for events do not pay for it.
func (s *Set) Events() *events.Matcher {
	s.evOnce.Do(func() {
		m, err := s.compileEvents()
		if err != nil {
			// Unreachable after Load's checks; match nothing rather than fail.
			m, _ = events.Compile(nil)
		}
		s.matcher = m
	})
	return s.matcher
}

func readLimited(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Size() > maxPackFile {
		return nil, fmt.Errorf("file is %d bytes; the limit is %d", fi.Size(), maxPackFile)
	}
	return os.ReadFile(path)
}

func describeOSError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func (d *detectorSpec) termsPath() string {
	if filepath.IsAbs(d.Dictionary.File) || d.dir == "" {
		return d.Dictionary.File
	}
	return filepath.Join(d.dir, d.Dictionary.File)
}

// parse reads one pack file, checking its structure.
func parse(name, dir string, data []byte) (*file, Errors) {
	var errs Errors
	at := func(line int, det, msg string, args ...any) {
		errs = append(errs, &Error{File: name, Line: line, Detector: det, Msg: fmt.Sprintf(msg, args...)})
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlErrorLine(err)
		at(line, "", "not valid YAML: %s", msg)
		return nil, errs
	}
	if len(root.Content) == 0 {
		at(0, "", "the pack is empty")
		return nil, errs
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		at(doc.Line, "", "a pack is a mapping with name, version and detectors")
		return nil, errs
	}
	checkKeys(doc, fileKeys, func(n *yaml.Node, msg string) { at(n.Line, "", "%s", msg) })
	for _, key := range []string{"detectors", "allow", "deny", "events"} {
		if n := valueNode(doc, key); n != nil && n.Kind != yaml.SequenceNode && !(n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
			at(n.Line, "", "%s must be a list", key)
			return nil, errs
		}
	}
	var f file
	if err := doc.Decode(&f); err != nil {
		at(doc.Line, "", "%s", cleanDecodeError(err))
		return nil, errs
	}
	if f.Name == "" {
		at(doc.Line, "", "the pack has no name")
	}
	if f.Version == "" {
		at(doc.Line, "", "the pack has no version")
	}
	if f.Base != "" && f.Base != "default" && f.Base != "none" {
		at(valueNode(doc, "base").Line, "", "base %q: want default or none", f.Base)
	}
	if dets := valueNode(doc, "detectors"); dets != nil {
		{
			for i, dn := range dets.Content {
				if i >= len(f.Detectors) {
					break
				}
				d := &f.Detectors[i]
				d.file, d.line, d.dir = name, dn.Line, dir
				dname := d.Name
				report := func(n *yaml.Node, msg string) { at(n.Line, dname, "%s", msg) }
				checkKeys(dn, detectorKeys, report)
				for key, allowed := range map[string][]string{"regex": regexKeys, "dictionary": dictKeys, "context": contextKeys, "allow": detAllowKeys} {
					if sub := valueNode(dn, key); sub != nil {
						checkKeys(sub, allowed, report)
						switch key {
						case "regex":
							if d.Regex != nil {
								d.Regex.line = sub.Line
							}
						case "dictionary":
							if d.Dictionary != nil {
								d.Dictionary.line = sub.Line
							}
						}
					}
				}
			}
		}
	}
	for key, allowed := range map[string][]string{"allow": allowKeys, "deny": denyKeys, "events": eventKeys} {
		if list := valueNode(doc, key); list != nil && list.Kind == yaml.SequenceNode {
			for i, n := range list.Content {
				checkKeys(n, allowed, func(n *yaml.Node, msg string) { at(n.Line, "", "%s: %s", key, msg) })
				if key == "allow" && i < len(f.Allow) {
					f.Allow[i].file, f.Allow[i].line = name, n.Line
				}
				if key == "deny" && i < len(f.Deny) {
					f.Deny[i].file, f.Deny[i].line = name, n.Line
				}
				if key == "events" && i < len(f.Events) {
					f.Events[i].file, f.Events[i].line = name, n.Line
				}
			}
		}
	}
	return &f, errs
}

// checkKeys reports keys of a mapping node that are not in allowed.
func checkKeys(n *yaml.Node, allowed []string, report func(*yaml.Node, string)) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !slices.Contains(allowed, k.Value) {
			msg := fmt.Sprintf("unknown key %q", k.Value)
			if s := closest(k.Value, allowed); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			report(k, msg)
		}
	}
}

// closest returns the allowed key nearest to k by edit distance, if near.
func closest(k string, allowed []string) string {
	best, bestD := "", 3
	for _, a := range allowed {
		if d := editDistance(k, a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func valueNode(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlErrorLine pulls the line number out of a yaml error.
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		fmt.Sscan(m[1], &line)
		msg = strings.TrimSpace(yamlLine.ReplaceAllString(msg, ""))
		msg = strings.TrimPrefix(msg, ": ")
	}
	return line, msg
}

func cleanDecodeError(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: unmarshal errors:\n")
	msg = strings.ReplaceAll(msg, "\n", "; ")
	return strings.TrimSpace(msg)
}

// combine merges parsed packs: later detectors replace earlier ones of the
// same name; `disabled: true` removes one.
func combine(files []*file) (*Set, error) {
	var errs Errors
	set := &Set{}
	index := map[string]int{}
	for _, f := range files {
		inFile := map[string]int{}
		for i := range f.Detectors {
			d := &f.Detectors[i]
			if d.Name == "" {
				errs = append(errs, &Error{File: d.file, Line: d.line, Msg: "a detector has no name"})
				continue
			}
			if prev, dup := inFile[d.Name]; dup {
				errs = append(errs, &Error{File: d.file, Line: d.line, Detector: d.Name, Msg: fmt.Sprintf("duplicate name (first at line %d)", prev)})
				continue
			}
			inFile[d.Name] = d.line
			if k, ok := index[d.Name]; ok {
				if d.Disabled {
					set.detectors[k] = nil
					delete(index, d.Name)
					continue
				}
				set.detectors[k] = d
				continue
			}
			if d.Disabled {
				continue // disabling a detector no earlier pack has is harmless
			}
			index[d.Name] = len(set.detectors)
			set.detectors = append(set.detectors, d)
		}
		set.allow = append(set.allow, f.Allow...)
		set.deny = append(set.deny, f.Deny...)
		errs = append(errs, set.combineEvents(f.Events)...)
		if f.Spoken != nil {
			set.spoken = *f.Spoken // the last pack that says wins
		}
	}
	set.detectors = slices.DeleteFunc(set.detectors, func(d *detectorSpec) bool { return d == nil })
	if len(errs) > 0 {
		return nil, errs
	}
	return set, nil
}

// Compile builds the engine for the set.
func (s *Set) Compile(opts ...redact.Option) (*redact.Engine, error) {
	dets, err := s.compileDetectors()
	if err != nil {
		return nil, err
	}
	policy, err := s.policy()
	if err != nil {
		return nil, err
	}
	opts = append(opts, redact.WithPolicy(policy))
	if s.spoken {
		opts = append(opts, redact.WithSpoken(spoken.New()))
	}
	return redact.Compile(dets, opts...)
}

// compileDetectors validates and builds every detector, collecting errors.
func (s *Set) compileDetectors() ([]redact.Detector, error) {
	var errs Errors
	var dets []redact.Detector
	s.typeOps, s.minScores = map[string]string{}, map[string]float32{}
	for _, d := range s.detectors {
		det, derrs := d.compile()
		errs = append(errs, derrs...)
		if det != nil {
			dets = append(dets, det)
		}
		if d.Operator != "" {
			if _, err := redact.ParseOperatorKind(d.Operator); err != nil {
				errs = append(errs, d.err(d.line, "operator: %v", err))
			} else {
				s.typeOps[d.Type] = d.Operator
			}
		}
		if d.MinScore != nil {
			if *d.MinScore < 0 || *d.MinScore > 1 {
				errs = append(errs, d.err(d.line, "min_score %v is outside 0..1", *d.MinScore))
			} else {
				s.minScores[d.Type] = *d.MinScore
			}
		}
	}
	for i, dn := range s.deny {
		where := &Error{File: dn.file, Line: dn.line}
		if !typeName.MatchString(dn.Type) {
			where.Msg = fmt.Sprintf("deny: type %q must be an entity type name such as PERSON", dn.Type)
			errs = append(errs, where)
			continue
		}
		det, err := detectors.NewDictionary(detectors.DictionarySpec{
			Name: fmt.Sprintf("deny_%d_%s", i+1, strings.ToLower(dn.Type)), Type: dn.Type, Score: 1, Priority: -100,
			Terms: dn.Terms, CaseSensitive: dn.CaseSensitive,
		})
		if err != nil {
			where.Msg = "deny: " + err.Error()
			errs = append(errs, where)
			continue
		}
		dets = append(dets, det)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if _, err := redact.Compile(dets); err != nil {
		return nil, Errors{{File: s.fileList(), Msg: err.Error()}}
	}
	return dets, nil
}

func (s *Set) fileList() string { return strings.Join(s.Files, ",") }

func (d *detectorSpec) err(line int, msg string, args ...any) *Error {
	return &Error{File: d.file, Line: line, Detector: d.Name, Msg: fmt.Sprintf(msg, args...)}
}

// compile builds one detector.
func (d *detectorSpec) compile() (redact.Detector, Errors) {
	var errs Errors
	fail := func(line int, msg string, args ...any) (redact.Detector, Errors) {
		return nil, append(errs, d.err(line, msg, args...))
	}
	if !typeName.MatchString(d.Type) {
		if d.Type == "" {
			return fail(d.line, "no type (the entity type it reports, such as PHONE_NUMBER)")
		}
		return fail(d.line, "type %q must be upper case letters, digits and underscores (PHONE_NUMBER)", d.Type)
	}
	kinds := 0
	for _, set := range []bool{d.Builtin != "", d.Regex != nil, d.Dictionary != nil} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		return fail(d.line, "needs exactly one of builtin, regex or dictionary")
	}
	if d.Score != nil && (*d.Score <= 0 || *d.Score > 1) {
		return fail(d.line, "score %v is outside (0, 1]", *d.Score)
	}
	var score float32 = 0.8
	if d.Score != nil {
		score = *d.Score
	}
	priority := 50
	if d.Priority != nil {
		priority = *d.Priority
	}
	var ctx *redact.ContextSpec
	if d.Context != nil {
		ctx = &redact.ContextSpec{Words: d.Context.Words, Before: d.Context.Before, After: d.Context.After, Required: d.Context.Required, Boost: d.Context.Boost}
		if d.Context.Boost < 0 || d.Context.Boost > 1 {
			return fail(d.line, "context: boost %v is outside 0..1", d.Context.Boost)
		}
	}
	switch {
	case d.Builtin != "":
		b, err := detectors.Builtin(d.Builtin)
		if err != nil {
			return fail(d.line, "%v", err)
		}
		if !slices.Contains(b.Info().Types, d.Type) {
			return fail(d.line, "builtin %q reports %v, not %s", d.Builtin, b.Info().Types, d.Type)
		}
		o := detectors.Override{Name: d.Name, Priority: d.Priority, Context: ctx}
		if d.Score != nil {
			o.Score = *d.Score
		}
		det := detectors.Configure(b, o)
		if err := checkAlone(det); err != nil {
			return fail(d.line, "%v", err)
		}
		return det, nil
	case d.Regex != nil:
		r := d.Regex
		var timeout time.Duration
		if r.Timeout != "" {
			t, err := time.ParseDuration(r.Timeout)
			if err != nil || t <= 0 || t > 10*time.Second {
				return fail(r.line, "regex: timeout %q: want a duration such as 50ms (at most 10s)", r.Timeout)
			}
			if r.Engine != "regexp2" {
				return fail(r.line, "regex: timeout applies to engine regexp2 only")
			}
			timeout = t
		}
		det, err := detectors.NewRegex(detectors.RegexSpec{Name: d.Name, Type: d.Type, Score: score, Priority: priority,
			Patterns: r.Patterns, Engine: r.Engine, MaxLen: r.MaxLen, Timeout: timeout, Context: ctx})
		if err != nil {
			return fail(r.line, "regex: %v", err)
		}
		if r.Engine == "regexp2" {
			if err := probeBacktracking(det, r.MaxLen); err != nil {
				return fail(r.line, "regex: %v", err)
			}
		}
		if err := checkAlone(det); err != nil {
			return fail(r.line, "%v", err)
		}
		return det, nil
	default:
		dc := d.Dictionary
		if dc.WholeWord != nil && !*dc.WholeWord {
			return fail(dc.line, "dictionary: whole_word: false is not supported: terms match whole words (use a regex for parts of words)")
		}
		terms := slices.Clone(dc.Terms)
		if dc.File != "" {
			data, err := readLimited(d.termsPath())
			if err != nil {
				return fail(dc.line, "dictionary: file %s: %s", dc.File, describeOSError(err))
			}
			for _, line := range bytes.Split(data, []byte("\n")) {
				line = bytes.TrimSpace(line)
				if len(line) > 0 && line[0] != '#' {
					terms = append(terms, string(line))
				}
			}
		}
		if len(terms) == 0 {
			return fail(dc.line, "dictionary: no terms (terms: [...] or file: PATH)")
		}
		det, err := detectors.NewDictionary(detectors.DictionarySpec{Name: d.Name, Type: d.Type, Score: score, Priority: priority,
			Terms: terms, CaseSensitive: dc.CaseSensitive, Context: ctx})
		if err != nil {
			return fail(dc.line, "dictionary: %v", err)
		}
		if err := checkAlone(det); err != nil {
			return fail(dc.line, "%v", err)
		}
		return det, nil
	}
}

// checkAlone compiles a detector on its own to surface engine-level errors
// (a bad context) at the detector's line.
func checkAlone(d redact.Detector) error {
	_, err := redact.Compile([]redact.Detector{d})
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "redact: detector") {
			msg = msg[strings.Index(msg[i+2:], ": ")+i+4:]
		}
		return errors.New(msg)
	}
	return nil
}

// probeBacktracking runs a regexp2 detector over inputs that make careless
// patterns backtrack exponentially; a timeout on any of them is an error.
func probeBacktracking(det *detectors.Regex, maxLen int) error {
	n := max(64, min(maxLen, 256))
	probes := []string{
		strings.Repeat("a", n) + "!",
		strings.Repeat("a ", n/2) + "!",
		strings.Repeat("1", n) + "x",
		strings.Repeat("aa1 ", n/4) + "@",
		strings.Repeat("Ab", n/2) + "-",
	}
	for _, p := range probes {
		if det.TimesOut([]byte(p)) {
			return fmt.Errorf("the pattern backtracks catastrophically (timed out on a probe of %d bytes); rewrite it without nested repetition", len(p))
		}
	}
	return nil
}

// policy gathers the allow list, thresholds and operators of the set.
func (s *Set) policy() (redact.Policy, error) {
	p := redact.Policy{Meta: s.Meta, MinScore: map[string]float32{}, Operators: map[string]redact.Operator{}}
	var errs Errors
	for t, score := range s.minScores {
		p.MinScore[t] = score
	}
	for t, op := range s.typeOps {
		k, _ := redact.ParseOperatorKind(op)
		p.Operators[t] = redact.Operator{Kind: k}
	}
	addPattern := func(file string, line int, det, typ, pat string) {
		re, err := regexp.Compile(`^(?:` + pat + `)$`)
		if err != nil {
			errs = append(errs, &Error{File: file, Line: line, Detector: det, Msg: fmt.Sprintf("allow: pattern: %v", err)})
			return
		}
		p.Allow = append(p.Allow, redact.AllowRule{Type: typ, Pattern: re})
	}
	for _, a := range s.allow {
		switch {
		case (a.Value == "") == (a.Pattern == ""):
			errs = append(errs, &Error{File: a.file, Line: a.line, Msg: "allow: each entry needs one of value or pattern"})
		case a.Type != "" && !typeName.MatchString(a.Type):
			errs = append(errs, &Error{File: a.file, Line: a.line, Msg: fmt.Sprintf("allow: type %q is not an entity type name", a.Type)})
		case a.Value != "":
			p.Allow = append(p.Allow, redact.AllowRule{Type: a.Type, Value: a.Value})
		default:
			addPattern(a.file, a.line, "", a.Type, a.Pattern)
		}
	}
	for _, d := range s.detectors {
		if d.Allow == nil {
			continue
		}
		for _, v := range d.Allow.Values {
			p.Allow = append(p.Allow, redact.AllowRule{Type: d.Type, Value: v})
		}
		for _, pat := range d.Allow.Patterns {
			addPattern(d.file, d.line, d.Name, d.Type, pat)
		}
	}
	if len(errs) > 0 {
		return p, errs
	}
	return p, nil
}

// combineEvents adds a pack's events: an entry replaces the earlier one of
// its type, adds to it with `extend: true`, or removes it with `disabled:
// true`. Each entry is checked on its own, so that errors name its line.
func (s *Set) combineEvents(list []eventSpec) Errors {
	var errs Errors
	inFile := map[string]int{}
	for i := range list {
		e := &list[i]
		at := func(msg string, args ...any) {
			errs = append(errs, &Error{File: e.file, Line: e.line, Msg: "events: " + fmt.Sprintf(msg, args...)})
		}
		if prev, dup := inFile[e.Type]; dup {
			at("event %s: listed twice (first at line %d)", e.Type, prev)
			continue
		}
		inFile[e.Type] = e.line
		k := slices.IndexFunc(s.events, func(x *eventSpec) bool { return x.Type == e.Type })
		switch {
		case e.Disabled:
			if k >= 0 {
				s.events = slices.Delete(s.events, k, k+1)
			}
			continue
		case e.Extend && k < 0:
			at("event %s: extend: no earlier pack defines this event", e.Type)
			continue
		}
		spec := *e
		if e.Extend {
			prev := s.events[k]
			spec.Phrases = append(slices.Clone(prev.Phrases), e.Phrases...)
			spec.Exceptions = append(slices.Clone(prev.Exceptions), e.Exceptions...)
			spec.Negations = append(slices.Clone(prev.Negations), e.Negations...)
			if spec.NegationWindow == 0 {
				spec.NegationWindow = prev.NegationWindow
			}
			if len(spec.Roles) == 0 {
				spec.Roles = prev.Roles
			}
		}
		es, err := spec.compile()
		if err != nil {
			at("%v", err)
			continue
		}
		if err := events.Check(es); err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				at("%s", line)
			}
			continue
		}
		if k >= 0 {
			s.events[k] = &spec
		} else {
			s.events = append(s.events, &spec)
		}
	}
	return errs
}

// compile converts the entry to an events.Spec.
func (e *eventSpec) compile() (events.Spec, error) {
	spec := events.Spec{Type: e.Type, Phrases: e.Phrases, Exceptions: e.Exceptions, Negations: e.Negations, NegationWindow: e.NegationWindow}
	if e.NegationWindow < 0 {
		return spec, fmt.Errorf("event %s: negation_window %d is negative", e.Type, e.NegationWindow)
	}
	for _, r := range e.Roles {
		role, err := events.ParseRole(r)
		if err != nil {
			return spec, fmt.Errorf("event %s: roles: %v", e.Type, err)
		}
		spec.Roles = append(spec.Roles, role)
	}
	return spec, nil
}

// compileEvents compiles the combined events of the set.
func (s *Set) compileEvents() (*events.Matcher, error) {
	specs := make([]events.Spec, 0, len(s.events))
	for _, e := range s.events {
		spec, err := e.compile()
		if err != nil {
			return nil, Errors{{File: e.file, Line: e.line, Msg: "events: " + err.Error()}}
		}
		specs = append(specs, spec)
	}
	m, err := events.Compile(specs)
	if err != nil {
		return nil, Errors{{File: s.fileList(), Msg: "events: " + err.Error()}}
	}
	return m, nil
}
