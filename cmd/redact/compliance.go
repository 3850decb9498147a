package main

// The compliance subcommands: audit log verification and keys, pseudonyms
// for data-subject requests, and revealing encrypt tokens.

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"redactor/audit"
	"redactor/redact"
)

const auditUsage = `usage: redact audit verify FILE --pubkey PUB.pem [--pubkey OLD.pem ...]
       redact audit keygen PRIV.pem PUB.pem

verify checks the whole hash chain of an audit log and every checkpoint's signature. Exit status 0
when it holds; 1 when it does not, naming the first broken record by line; 2 for bad arguments.
keygen writes a new Ed25519 key pair (PKCS#8 and PKIX PEM, as openssl genpkey -algorithm ed25519).
`

// parseInterleaved parses flags that may come before, between or after
// the positional arguments ("audit verify FILE --pubkey KEY").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// runAudit implements "redact audit verify" and "redact audit keygen".
func runAudit(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, auditUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "verify":
		return auditVerify(args[1:], stdout, stderr)
	case "keygen":
		return auditKeygen(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "redact audit: unknown command %q\n%s", args[0], auditUsage)
	return 2
}

func auditVerify(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("redact audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, auditUsage) }
	var pubs listFlag
	fs.Var(&pubs, "pubkey", "Ed25519 public key (PKIX PEM) of the checkpoints (repeatable, for rotated keys)")
	files, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		return 2
	}
	if len(files) != 1 || len(pubs) == 0 {
		fmt.Fprintf(stderr, "redact audit verify: want one FILE and at least one --pubkey\n%s", auditUsage)
		return 2
	}
	var keys []ed25519.PublicKey
	for _, p := range pubs {
		k, err := audit.LoadPublicKey(p)
		if err != nil {
			fmt.Fprintf(stderr, "redact audit verify: --pubkey: %v\n", err)
			return 2
		}
		keys = append(keys, k)
	}
	f, err := os.Open(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "redact audit verify: %v\n", err)
		return 2
	}
	defer f.Close()
	rep, err := audit.Verify(f, keys)
	if err != nil {
		var be *audit.BrokenError
		if errors.As(err, &be) {
			fmt.Fprintf(stderr, "redact audit verify: %s: BROKEN: %v\n", files[0], be)
			return 1
		}
		fmt.Fprintf(stderr, "redact audit verify: %s: %v\n", files[0], err)
		return 1
	}
	fmt.Fprintf(stdout, "ok: %s: %d records, %d signed checkpoints, %d streams; last record %d, head %s; keys %s\n",
		files[0], rep.Records, rep.Checkpoints, rep.Streams, rep.LastSeq, rep.Head, strings.Join(rep.Keys, ","))
	return 0
}

func auditKeygen(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 {
		fmt.Fprintf(stderr, "redact audit keygen: want PRIV.pem and PUB.pem\n%s", auditUsage)
		return 2
	}
	priv, pub, err := audit.GenerateKey()
	if err != nil {
		fmt.Fprintf(stderr, "redact audit keygen: %v\n", err)
		return 1
	}
	for _, f := range []struct {
		path string
		data []byte
		mode os.FileMode
	}{{args[0], priv, 0o600}, {args[1], pub, 0o644}} {
		// O_EXCL: never overwrite a key.
		fh, err := os.OpenFile(f.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, f.mode)
		if err == nil {
			_, err = fh.Write(f.data)
			if cerr := fh.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(stderr, "redact audit keygen: %v\n", err)
			return 1
		}
	}
	k, _ := audit.ParsePublicKey(pub)
	fmt.Fprintf(stdout, "wrote %s (private, keep it secret) and %s (public); key id %s\n", args[0], args[1], audit.KeyID(k))
	return 0
}

const pseudonymUsage = `usage: redact pseudonym --type TYPE [--key-file K] [--pack PATH ...] [VALUE ... | -]

Prints the token the hash operator writes for each VALUE (one per line), after the same
normalisation the detectors use: "+1 (415) 555-0132", "415.555.0132" and "four one five five five
five oh one three two" give one token. Without VALUE (or with -), values are read one per line
from standard input, which keeps them out of the process list. The key is --key-file or
$REDACTOR_HASH_KEY (hex), the key the redaction ran with.

flags:
`

// runPseudonym implements "redact pseudonym".
func runPseudonym(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("redact pseudonym", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, pseudonymUsage)
		fs.PrintDefaults()
	}
	var typ, keyFile, auditLog, auditKey string
	var packPaths listFlag
	fs.StringVar(&typ, "type", "", "entity type of the values, for example EMAIL_ADDRESS (required)")
	fs.StringVar(&keyFile, "key-file", "", "the hash operator's key file; else $"+keyEnv+" (hex)")
	fs.Var(&packPaths, "pack", "detector pack file or folder, for the entity types (repeatable)")
	fs.StringVar(&auditLog, "audit-log", "", "record the request (its type, never the value) in this audit log")
	fs.StringVar(&auditKey, "audit-key", "", "the audit log's signing key (with --audit-log)")
	values, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(stderr, "redact pseudonym: "+format+"\n", args...)
		return code
	}
	if err != nil {
		return 2
	}
	if typ == "" {
		return fail(2, "--type is required (for example --type PHONE_NUMBER)")
	}
	eng, err := loadEngine(packPaths)
	if err != nil {
		return fail(2, "%v", err)
	}
	if !slices.Contains(eng.Types(), typ) {
		return fail(2, "--type %q: not an entity type of the packs (%s)", typ, strings.Join(eng.Types(), ", "))
	}
	key, err := loadKey(keyFile)
	if err != nil {
		return fail(2, "%v", strings.Replace(err.Error(), "--operator hash: ", "", 1))
	}
	if (auditLog == "") != (auditKey == "") {
		return fail(2, "--audit-log and --audit-key go together")
	}
	var log *audit.Writer
	if auditLog != "" {
		priv, err := audit.LoadPrivateKey(auditKey)
		if err != nil {
			return fail(2, "--audit-key: %v", err)
		}
		if log, err = audit.Open(audit.Options{Path: auditLog, Key: priv, Writer: "redact"}); err != nil {
			return fail(1, "--audit-log: %v", err)
		}
	}
	if len(values) == 0 || len(values) == 1 && values[0] == "-" {
		values = nil
		sc := bufio.NewScanner(stdin)
		sc.Buffer(nil, redact.MaxSpanLen*4)
		for sc.Scan() {
			if v := strings.TrimSpace(sc.Text()); v != "" {
				values = append(values, v)
			}
		}
		if err := sc.Err(); err != nil {
			return fail(1, "standard input: %v", err)
		}
	}
	p, _ := redact.NewPseudonymizer(key)
	out := bufio.NewWriter(stdout)
	code := 0
	for i, v := range values {
		if !utf8.ValidString(v) {
			code = fail(2, "value %d is not valid UTF-8", i+1)
			break
		}
		out.Write(p.Append(nil, typ, []byte(v)))
		out.WriteByte('\n')
		if log != nil {
			if err := log.LogPseudonym(typ, "redact pseudonym"); err != nil {
				code = fail(1, "audit log: %v", err)
				break
			}
		}
	}
	if err := out.Flush(); err != nil && code == 0 {
		code = fail(1, "%v", err)
	}
	if log != nil {
		if err := log.Close(); err != nil && code == 0 {
			code = fail(1, "audit log: %v", err)
		}
	}
	return code
}

const revealUsage = `usage: redact reveal [--key-file K ...] [--format text|jsonl] [FILE ...]

Turns the tokens the encrypt operator wrote ("<EMAIL_ADDRESS~1a2b3c4d~...>") back into the values,
for an authorised operator. Give every key the tokens may have been made with (--key-file is
repeatable, for rotated keys; else $REDACTOR_ENCRYPT_KEY, hex); a token made with another key, or
changed, is an error that names its position and key id. In jsonl mode only the "text" member is
revealed. Output to standard output; FILE '-' is standard input (the default).

flags:
`

// runReveal implements "redact reveal".
func runReveal(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("redact reveal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, revealUsage)
		fs.PrintDefaults()
	}
	var keyFiles listFlag
	var format string
	fs.Var(&keyFiles, "key-file", "the encrypt operator's key file (repeatable); else $"+encryptKeyEnv+" (hex)")
	fs.StringVar(&format, "format", "text", "text or jsonl")
	files, err := parseInterleaved(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fail := func(code int, format string, args ...any) int {
		fmt.Fprintf(stderr, "redact reveal: "+format+"\n", args...)
		return code
	}
	if err != nil {
		return 2
	}
	if format != "text" && format != "jsonl" {
		return fail(2, "--format %q: want text or jsonl", format)
	}
	var keys []*redact.TokenKey
	if len(keyFiles) == 0 {
		k, err := loadEncryptKey("")
		if err != nil {
			return fail(2, "no key: pass --key-file or set $%s", encryptKeyEnv)
		}
		keys = append(keys, k)
	}
	for _, f := range keyFiles {
		k, err := loadEncryptKey(f)
		if err != nil {
			return fail(2, "%v", strings.Replace(err.Error(), "--encrypt-key-file", "--key-file", 1))
		}
		keys = append(keys, k)
	}
	if len(files) == 0 {
		files = []string{"-"}
	}
	out := bufio.NewWriterSize(stdout, 256<<10)
	for _, name := range files {
		in, err := openInput(name, stdin)
		if err != nil {
			return fail(2, "%v", err)
		}
		if format == "jsonl" {
			err = revealJSONL(keys, in, out)
		} else {
			err = revealText(keys, in, out)
		}
		if in.c != nil {
			in.c.Close()
		}
		if err != nil {
			out.Flush()
			var ue usageError
			if errors.As(err, &ue) {
				return fail(2, "%v", err)
			}
			return fail(1, "%v", err)
		}
	}
	if err := out.Flush(); err != nil {
		return fail(1, "%v", err)
	}
	return 0
}

// revealAppend appends text to dst with every token replaced by its value;
// base is text's offset in the input, for messages. It returns how much of
// text it consumed: at !final it stops before a '<' that may begin a token
// continuing in the next piece.
func revealAppend(dst []byte, keys []*redact.TokenKey, text []byte, base int64, final bool) ([]byte, int, error) {
	i := 0
	for {
		j := bytes.IndexByte(text[i:], '<')
		if j < 0 {
			return append(dst, text[i:]...), len(text), nil
		}
		j += i
		dst = append(dst, text[i:j]...)
		end := bytes.IndexByte(text[j:], '>')
		if end < 0 {
			if !final && len(text)-j < redact.MaxTokenLen {
				return dst, j, nil // the token may end in the next piece
			}
			return append(dst, text[j:]...), len(text), nil
		}
		tok := text[j : j+end+1]
		if _, _, _, ok := redact.ParseToken(tok); !ok {
			dst = append(dst, '<')
			i = j + 1
			continue
		}
		var err error
		if _, dst, err = redact.OpenToken(dst, keys, tok); err != nil {
			return dst, j, usageError{fmt.Errorf("the token at byte %d: %v", base+int64(j), err)}
		}
		i = j + end + 1
	}
}

// revealText reveals a text input in blocks, carrying a possible token
// split between blocks.
func revealText(keys []*redact.TokenKey, in *input, out *bufio.Writer) error {
	block := make([]byte, readBlock)
	var pend, buf []byte
	var off int64
	for {
		n, rerr := io.ReadFull(in.r, block)
		pend = append(pend, block[:n]...)
		final := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
		if rerr != nil && !final {
			return fmt.Errorf("%s: %v", in.name, rerr)
		}
		var k int
		var err error
		buf, k, err = revealAppend(buf[:0], keys, pend, off, final)
		if err != nil {
			return fmt.Errorf("%s: %w", in.name, err)
		}
		if _, err := out.Write(buf); err != nil {
			return err
		}
		off += int64(k)
		pend = append(pend[:0], pend[k:]...)
		if final {
			return nil
		}
	}
}

// revealJSONL reveals the "text" member of every line, passing the rest
// through.
func revealJSONL(keys []*redact.TokenKey, in *input, out *bufio.Writer) error {
	r := bufio.NewReaderSize(in.r, 1<<20)
	var line, buf, outLine []byte
	var fields []field
	for lineNo := 1; ; lineNo++ {
		var readErr, err error
		line, readErr = readLine(r, line[:0])
		if len(line) == 0 && readErr == io.EOF {
			return nil
		}
		if readErr != nil && readErr != io.EOF {
			return fmt.Errorf("%s: %v", in.name, readErr)
		}
		where := func(format string, args ...any) error {
			return usageError{fmt.Errorf("%s: line %d: %s", in.name, lineNo, fmt.Sprintf(format, args...))}
		}
		if len(bytes.TrimSpace(line)) == 0 {
			out.WriteByte('\n')
			continue
		}
		if fields, err = parseObject(line, fields[:0]); err != nil {
			return where("%v", err)
		}
		outLine = append(outLine[:0], '{')
		for i, f := range fields {
			if i > 0 {
				outLine = append(outLine, ',')
			}
			outLine = appendJSONString(outLine, f.key)
			outLine = append(outLine, ':')
			if f.key != "text" {
				outLine = append(outLine, f.raw...)
				continue
			}
			var s string
			if json.Unmarshal(f.raw, &s) != nil {
				return where("field \"text\" is not a string")
			}
			if buf, _, err = revealAppend(buf[:0], keys, []byte(s), 0, true); err != nil {
				return where("field \"text\": %v", err)
			}
			outLine = appendJSONString(outLine, string(buf))
		}
		outLine = append(outLine, '}', '\n')
		if _, err := out.Write(outLine); err != nil {
			return err
		}
		if readErr == io.EOF {
			return nil
		}
	}
}
