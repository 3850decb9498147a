package main

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"redactor/audit"
	"redactor/events"
	"redactor/internal/keys"
	"redactor/redact"
)

// Environment variables that may hold keys, hex-encoded.
const (
	keyEnv        = "REDACTOR_HASH_KEY"    // the hash operator's key
	encryptKeyEnv = "REDACTOR_ENCRYPT_KEY" // the encrypt operator's key
)

// config is the parsed command line.
type config struct {
	format     string
	chunkBytes int
	files      []string
	engine     *redact.Engine
	stream     redact.Config
	progress   bool
	server     string // address of a redactd to stream through; empty: redact locally
	packs      []string
	events     *events.Matcher // the packs' conversation events
	auditLog   string          // --audit-log: append the run's audit records here
	auditKey   ed25519.PrivateKey
	// pseudonymKey is the hash key when one is configured (--key-file or
	// $REDACTOR_HASH_KEY), for pseudonyms in the audit log.
	pseudonymKey []byte
}

// operatorFlag collects repeated --operator values: "mask" sets the default,
// "EMAIL_ADDRESS=hash" overrides one type.
type operatorFlag struct {
	def     string
	perType map[string]string
}

func (o *operatorFlag) String() string { return o.def }

func (o *operatorFlag) Set(v string) error {
	if typ, op, ok := strings.Cut(v, "="); ok {
		if o.perType == nil {
			o.perType = map[string]string{}
		}
		o.perType[typ] = op
		return nil
	}
	o.def = v
	return nil
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("redact", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: redact [flags] [FILE ...]   (FILE or '-' for standard input, the default)\n\nflags:\n")
		fs.PrintDefaults()
	}
	cfg := &config{}
	ops := &operatorFlag{def: "tag"}
	var entities, keyFile, encryptKeyFile, auditKeyFile string
	var maskChar string
	var maskKeep int
	fs.StringVar(&cfg.format, "format", "text", "input and output format: text (the whole input is one stream) or jsonl (each line {\"id\",\"text\"} is a stream)")
	fs.Var((*listFlag)(&cfg.packs), "pack", "detector pack file or folder, on top of the embedded default pack (repeatable; later ones override earlier detectors of the same name)")
	fs.Var(ops, "operator", "tag, mask, hash, remove, keep, label or encrypt; TYPE=OP sets one entity type's operator (repeatable)")
	fs.StringVar(&entities, "entities", "", "comma-separated entity types to redact (default: all)")
	fs.IntVar(&cfg.chunkBytes, "chunk-bytes", 0, "feed each stream to the engine in pieces of this many bytes (>= 1)")
	fs.StringVar(&keyFile, "key-file", "", "file holding the hash operator's key (at least 32 bytes); else $"+keyEnv+" (hex)")
	fs.StringVar(&encryptKeyFile, "encrypt-key-file", "", "file holding the encrypt operator's key (at least 32 bytes); else $"+encryptKeyEnv+" (hex)")
	fs.StringVar(&cfg.auditLog, "audit-log", "", "append the run's hash-chained audit records to this file (needs --audit-key)")
	fs.StringVar(&auditKeyFile, "audit-key", "", "Ed25519 private key (PKCS#8 PEM) that signs the audit log's checkpoints")
	fs.StringVar(&maskChar, "mask-char", "*", "the mask operator's character")
	fs.IntVar(&maskKeep, "mask-keep", 0, "the mask operator leaves this many trailing letters and digits visible")
	fs.StringVar(&cfg.server, "server", "", "stream through the redactd at this address instead of redacting locally (same output)")
	fs.BoolVar(&cfg.progress, "progress", true, "show progress on standard error when it is a terminal and the input is large")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	cfg.files = fs.Args()
	if len(cfg.files) == 0 {
		cfg.files = []string{"-"}
	}
	if cfg.format != "text" && cfg.format != "jsonl" {
		return nil, fmt.Errorf("--format %q: want text or jsonl", cfg.format)
	}
	if flagSet(fs, "chunk-bytes") && cfg.chunkBytes < 1 {
		return nil, fmt.Errorf("--chunk-bytes %d: must be at least 1", cfg.chunkBytes)
	}
	mc := []rune(maskChar)
	if len(mc) != 1 {
		return nil, fmt.Errorf("--mask-char %q: want exactly one character", maskChar)
	}
	if maskKeep < 0 {
		return nil, fmt.Errorf("--mask-keep %d: must not be negative", maskKeep)
	}
	set, err := loadPacks(cfg.packs)
	if err != nil {
		return nil, err
	}
	eng := set.Engine()
	cfg.engine = eng
	if cfg.server == "" && (cfg.format == "jsonl" || cfg.auditLog != "") {
		cfg.events = set.Events() // built only when events are reported
	}
	parseOp := func(name string) (redact.Operator, error) {
		k, err := redact.ParseOperatorKind(name)
		return redact.Operator{Kind: k, MaskChar: mc[0], MaskKeep: maskKeep}, err
	}
	if cfg.stream.Operator, err = parseOp(ops.def); err != nil {
		return nil, fmt.Errorf("--operator: %v", err)
	}
	needKey := cfg.stream.Operator.Kind == redact.Hash
	needEnc := cfg.stream.Operator.Kind == redact.Encrypt
	for typ, name := range ops.perType {
		op, err := parseOp(name)
		if err != nil {
			return nil, fmt.Errorf("--operator %s=%s: %v", typ, name, err)
		}
		if cfg.stream.PerType == nil {
			cfg.stream.PerType = map[string]redact.Operator{}
		}
		cfg.stream.PerType[typ] = op
		needKey = needKey || op.Kind == redact.Hash
		needEnc = needEnc || op.Kind == redact.Encrypt
	}
	if entities != "" {
		for _, t := range strings.Split(entities, ",") {
			if t = strings.TrimSpace(t); t != "" {
				cfg.stream.Entities = append(cfg.stream.Entities, t)
			}
		}
	}
	if needKey && cfg.server == "" { // with --server, the server's key is used
		if cfg.stream.HashKey, err = loadKey(keyFile); err != nil {
			return nil, err
		}
	}
	if needEnc && cfg.server == "" {
		if cfg.stream.EncryptKey, err = loadEncryptKey(encryptKeyFile); err != nil {
			return nil, err
		}
	}
	if (cfg.auditLog == "") != (auditKeyFile == "") {
		return nil, errors.New("--audit-log and --audit-key go together: the log is signed")
	}
	if cfg.auditLog != "" {
		if cfg.server != "" {
			return nil, errors.New("--audit-log: with --server the server keeps the audit log (redactd --audit-log)")
		}
		if cfg.auditKey, err = audit.LoadPrivateKey(auditKeyFile); err != nil {
			return nil, fmt.Errorf("--audit-key: %v", err)
		}
		// The audit records carry pseudonyms when a hash key is configured.
		if cfg.stream.HashKey != nil {
			cfg.pseudonymKey = cfg.stream.HashKey
		} else if keyFile != "" || os.Getenv(keyEnv) != "" {
			if cfg.pseudonymKey, err = loadKey(keyFile); err != nil {
				return nil, err
			}
		}
	}
	// Check the stream configuration once, before reading any input.
	check := cfg.stream
	if cfg.server != "" && check.HashKey == nil {
		check.HashKey = make([]byte, redact.MinKeyLen) // checked by the server
	}
	if cfg.server != "" && check.EncryptKey == nil {
		check.EncryptKey, _ = redact.NewTokenKey(make([]byte, redact.MinKeyLen)) // checked by the server
	}
	if _, err := eng.NewStream(check); err != nil {
		return nil, err
	}
	return cfg, nil
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// loadKey reads the hash key from path, or from $REDACTOR_HASH_KEY (hex).
// Keys never come from a flag value, so they stay out of process listings.
func loadKey(path string) ([]byte, error) {
	key, found, err := keys.Load(path, "--key-file", keyEnv, redact.MinKeyLen)
	if err == nil && !found {
		err = fmt.Errorf("--operator hash: %v: pass --key-file or set $%s", redact.ErrNoKey, keyEnv)
	}
	return key, err
}

// loadEncryptKey reads the encrypt operator's key from path, or from
// $REDACTOR_ENCRYPT_KEY (hex). Keys never come from a flag value.
func loadEncryptKey(path string) (*redact.TokenKey, error) {
	var secret []byte
	switch v, ok := os.LookupEnv(encryptKeyEnv); {
	case path != "":
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("--encrypt-key-file: %v", err)
		}
		secret = data
	case ok:
		data, err := hex.DecodeString(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("$%s: not hex", encryptKeyEnv)
		}
		secret = data
	default:
		return nil, fmt.Errorf("--operator encrypt: %v: pass --encrypt-key-file or set $%s", redact.ErrNoEncryptKey, encryptKeyEnv)
	}
	k, err := redact.NewTokenKey(secret)
	if err != nil {
		if path != "" {
			return nil, fmt.Errorf("--encrypt-key-file %s: %v", path, err)
		}
		return nil, fmt.Errorf("$%s: %v", encryptKeyEnv, err)
	}
	return k, nil
}
