package main

import (
	"redactor/packs"
	"redactor/redact"
)

// loadEngine compiles the detector packs at paths (files or folders, later
// ones overriding earlier ones by detector name, on top of the embedded
// default pack); no paths means the default pack alone.
func loadEngine(paths []string) (*redact.Engine, error) {
	set, err := packs.Load(paths...)
	if err != nil {
		return nil, err
	}
	return set.Engine(), nil
}

// loadPacks loads the packs at paths as loadEngine does, keeping the whole
// set (its engine and its conversation events).
func loadPacks(paths []string) (*packs.Set, error) { return packs.Load(paths...) }
