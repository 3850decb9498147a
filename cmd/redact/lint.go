package main

import (
	"errors"
	"fmt"
	"io"

	"redactor/packs"
)

// runLint implements `redact lint PACK...`: it loads the packs as a server
// would (on top of the default pack) and prints every problem with its file,
// line and detector. Exit status 0 when they load, 2 when they do not.
func runLint(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stderr, "usage: redact lint PACK [PACK ...]   (pack files or folders; 'default' for the embedded pack)")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	// Each pack on its own first, so that one report lists every problem;
	// then the combination, which can fail on its own (a type conflict).
	problems := 0
	report := func(err error) {
		var errs packs.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(stderr, e)
			}
			problems += len(errs)
			return
		}
		fmt.Fprintln(stderr, err)
		problems++
	}
	if len(args) > 1 {
		for _, a := range args {
			if _, err := packs.Load(a); err != nil {
				report(err)
			}
		}
	}
	var set *packs.Set
	if problems == 0 {
		var err error
		if set, err = packs.Load(args...); err != nil {
			report(err)
		}
	}
	if problems > 0 {
		fmt.Fprintf(stderr, "redact lint: %d problem(s)\n", problems)
		return 2
	}
	eng := set.Engine()
	m := eng.Meta()
	fmt.Fprintf(stdout, "ok: pack %s version %s, %d detectors, types %v, events %v\nsha256 %s\n", m.Name, m.Version, len(eng.Detectors()), eng.Types(), set.Events().Types(), m.Hash)
	return 0
}
