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
	set, err := packs.Load(args...)
	if err != nil {
		var errs packs.Errors
		if errors.As(err, &errs) {
			for _, e := range errs {
				fmt.Fprintln(stderr, e)
			}
			fmt.Fprintf(stderr, "redact lint: %d problem(s)\n", len(errs))
		} else {
			fmt.Fprintf(stderr, "redact lint: %v\n", err)
		}
		return 2
	}
	eng := set.Engine()
	m := eng.Meta()
	fmt.Fprintf(stdout, "ok: pack %s version %s, %d detectors, types %v\nsha256 %s\n", m.Name, m.Version, len(eng.Detectors()), eng.Types(), m.Hash)
	return 0
}
