package main

import (
	"errors"
	"io"
)

// redactRemote streams the inputs through a running redactd (--server).
func redactRemote(cfg *config, stdin io.Reader, stdout, stderr io.Writer) error {
	return usageError{errors.New("--server: the gRPC client is being built (issue 6)")}
}
