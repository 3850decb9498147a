package packs

import (
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Source holds the current pack set of a server and replaces it on reload.
// A reload compiles the new set off to the side and swaps it in atomically;
// a bad pack leaves the old set in place. Streams that took a set keep it.
type Source struct {
	paths []string
	cur   atomic.Pointer[Set]
	mu    sync.Mutex // serialises reloads
	// OnReload, when set, is called after every reload attempt with the
	// set now in force and the error that kept the old one, if any.
	OnReload func(current *Set, err error)
	stamp    []byte // fingerprint of the watched files at the last reload
}

// NewSource loads the packs at paths (see Load) as the first set.
func NewSource(paths ...string) (*Source, error) {
	set, err := Load(paths...)
	if err != nil {
		return nil, err
	}
	s := &Source{paths: slices.Clone(paths)}
	s.cur.Store(set)
	s.stamp = s.fingerprint()
	return s, nil
}

// Current returns the set in force.
func (s *Source) Current() *Set { return s.cur.Load() }

// Reload loads the packs again. On error the current set stays.
func (s *Source) Reload() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	stamp := s.fingerprint()
	set, err := Load(s.paths...)
	if err == nil {
		s.cur.Store(set)
	}
	s.stamp = stamp
	if s.OnReload != nil {
		s.OnReload(s.cur.Load(), err)
	}
	return err
}

// Watch reloads whenever a pack file (or a terms file it uses) changes,
// checking every interval, until ctx ends.
func (s *Source) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.mu.Lock()
			changed := string(s.fingerprint()) != string(s.stamp)
			s.mu.Unlock()
			if changed {
				s.Reload()
			}
		}
	}
}

// fingerprint hashes the names, sizes, modification times and contents of
// the pack files and folders and of the terms files of the current set.
func (s *Source) fingerprint() []byte {
	h := sha256.New()
	var files []string
	for _, p := range s.paths {
		if p == DefaultName {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			for _, pat := range []string{"*.yaml", "*.yml"} {
				m, _ := filepath.Glob(filepath.Join(p, pat))
				files = append(files, m...)
			}
		} else {
			files = append(files, p)
		}
	}
	if cur := s.cur.Load(); cur != nil {
		for _, d := range cur.detectors {
			if d.Dictionary != nil && d.Dictionary.File != "" {
				files = append(files, d.termsPath())
			}
		}
	}
	slices.Sort(files)
	for _, f := range files {
		h.Write([]byte(f))
		if data, err := os.ReadFile(f); err == nil {
			h.Write(data)
		} else {
			h.Write([]byte{0xff})
		}
	}
	return h.Sum(nil)
}
