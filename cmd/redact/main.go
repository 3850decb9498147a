// Command redact redacts personal data from transcripts: files or standard
// input to standard output, on the embedded default detectors.
//
//	redact [flags] [FILE ...]
//
// In text mode (the default) the whole input is one stream. In jsonl mode
// every input line {"id": ..., "text": ...} is its own stream and the output
// line carries the redacted text, the entities with their offsets and the
// conversation events. With --audit-log every stream is recorded in a
// hash-chained, signed audit log.
//
//	redact lint PACK ...                      check detector packs
//	redact eval ...                           measure a pack on a labelled corpus
//	redact audit verify FILE --pubkey PUB.pem check an audit log
//	redact audit keygen PRIV.pem PUB.pem      make an audit signing key
//	redact pseudonym --type TYPE VALUE        the hash token of a value (data-subject requests)
//	redact reveal --key-file K [FILE]         turn encrypt tokens back into values
//
// Exit status: 0 on success, 2 on bad flags or bad input (with a message on
// standard error that names the file and line), 1 on an I/O failure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError marks errors that exit with status 2.
type usageError struct{ error }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "eval" {
		return runEval(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "lint" {
		return runLint(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "audit" {
		return runAudit(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "pseudonym" {
		return runPseudonym(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "reveal" {
		return runReveal(args[1:], stdin, stdout, stderr)
	}
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "redact: %v\n", err)
		return 2
	}
	if err := redactInputs(cfg, stdin, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "redact: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			return 2
		}
		return 1
	}
	return 0
}
