package packs

import "embed"

// defaultFS holds the default pack, embedded in every binary.
//
//go:embed default/*.yaml
var defaultFS embed.FS
