package server

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"redactor/events"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/packs"
	"redactor/redact"
)

// PackInfo identifies the detector pack an engine was built from.
type PackInfo struct {
	Name    string    // "default" for the embedded pack
	Version string    // "builtin" for the embedded pack
	Hash    string    // hex SHA-256 of the pack's content
	Loaded  time.Time // when the server loaded it
}

// Snapshot is one compiled engine with the identity of its pack. It is
// immutable; a stream keeps the snapshot it started with for its whole life.
// Build it with NewSnapshot.
type Snapshot struct {
	Engine *redact.Engine
	Pack   PackInfo
	// Events finds the pack's conversation events; nil: none.
	Events *events.Matcher

	proto     *pb.PackInfo
	detectors []*pb.DetectorInfo
	types     []string
	pool      sync.Pool // *redact.Stream with the default Config, for Redact
	evPool    sync.Pool // *events.Stream, for Redact
}

// NewSnapshot wraps an engine and the identity of its pack.
func NewSnapshot(eng *redact.Engine, pack PackInfo) *Snapshot {
	if pack.Loaded.IsZero() {
		pack.Loaded = time.Now()
	}
	s := &Snapshot{Engine: eng, Pack: pack, types: eng.Types()}
	s.proto = &pb.PackInfo{Name: pack.Name, Version: pack.Version, ContentHash: pack.Hash, LoadedTime: timestamppb.New(pack.Loaded)}
	for _, d := range eng.Detectors() {
		s.detectors = append(s.detectors, &pb.DetectorInfo{
			Name: d.Name, EntityTypes: d.Types, MaxSpanBytes: uint32(d.MaxLen), Priority: int32(d.Priority),
		})
	}
	return s
}

// DefaultSnapshot loads the embedded default detector pack, the one the
// redact command uses without --pack.
func DefaultSnapshot() (*Snapshot, error) {
	set, err := packs.Load()
	if err != nil {
		return nil, err
	}
	return SnapshotOfSet(set), nil
}

// SnapshotOfSet wraps a loaded pack set, with the set's name, version and
// content hash.
func SnapshotOfSet(set *packs.Set) *Snapshot {
	s := NewSnapshot(set.Engine(), PackInfo{Name: set.Meta.Name, Version: set.Meta.Version, Hash: set.Meta.Hash})
	s.Events = set.Events()
	return s
}

// DetectorsSnapshot compiles detectors (for example detectors.Default())
// without a pack file: the pack "default", version "builtin", with
// DetectorHash as its content hash.
func DetectorsSnapshot(ds []redact.Detector) (*Snapshot, error) {
	eng, err := redact.Compile(ds)
	if err != nil {
		return nil, err
	}
	return NewSnapshot(eng, PackInfo{Name: "default", Version: "builtin", Hash: DetectorHash(eng)}), nil
}

// DetectorHash returns a hex SHA-256 of the engine's detector list (names,
// types, bounds, priorities): the content hash of a pack that has no files.
func DetectorHash(eng *redact.Engine) string {
	var b strings.Builder
	for _, d := range eng.Detectors() {
		b.WriteString(d.Name)
		b.WriteByte(0)
		b.WriteString(strings.Join(d.Types, ","))
		b.WriteByte(0)
		for _, n := range []int{d.MaxLen, d.Priority, d.Lookbehind} {
			b.WriteString(strconv.Itoa(n))
			b.WriteByte(0)
		}
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// defaultStream returns a pooled stream with the default Config (every type,
// tag operator) and a function that returns it to the pool.
func (s *Snapshot) defaultStream() (*redact.Stream, func(), error) {
	if v := s.pool.Get(); v != nil {
		st := v.(*redact.Stream)
		st.Reset()
		st.ClearEntities()
		return st, func() { s.pool.Put(st) }, nil
	}
	st, err := s.Engine.NewStream(redact.Config{})
	if err != nil {
		return nil, nil, err
	}
	return st, func() { s.pool.Put(st) }, nil
}

// eventStream returns a pooled events stream (s.Events must not be nil);
// give it back with s.evPool.Put.
func (s *Snapshot) eventStream() *events.Stream {
	ev, _ := s.evPool.Get().(*events.Stream)
	if ev == nil {
		return s.Events.NewStream()
	}
	ev.Reset()
	return ev
}

// matches reports whether the snapshot is what sel asks for; nil matches.
func (s *Snapshot) matches(sel *pb.PackSelector) error {
	switch {
	case sel == nil:
		return nil
	case sel.Name != "" && sel.Name != s.Pack.Name,
		sel.Version != "" && sel.Version != s.Pack.Version,
		sel.ContentHash != "" && !strings.EqualFold(sel.ContentHash, s.Pack.Hash):
		return fmt.Errorf("the requested detector pack (name %q, version %q, hash %q) is not loaded; the server serves %s@%s (hash %s)",
			clip(sel.Name), clip(sel.Version), clip(sel.ContentHash), s.Pack.Name, s.Pack.Version, s.Pack.Hash)
	}
	return nil
}

// clip shortens a client-supplied identifier for an error message.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "..."
	}
	return s
}

// EngineSource gives the server the current engine and its pack. It is safe
// for concurrent use. A hot reload swaps what Current returns; streams that
// already started keep their snapshot.
type EngineSource interface {
	Current() *Snapshot
}

// AtomicSource is an EngineSource whose snapshot can be swapped atomically
// (a pack reload).
type AtomicSource struct {
	p atomic.Pointer[Snapshot]
}

// NewAtomicSource returns a source that serves snap.
func NewAtomicSource(snap *Snapshot) *AtomicSource {
	a := &AtomicSource{}
	a.p.Store(snap)
	return a
}

// Current returns the active snapshot.
func (a *AtomicSource) Current() *Snapshot { return a.p.Load() }

// Swap makes snap the active snapshot and returns the previous one. Streams
// in flight are not affected.
func (a *AtomicSource) Swap(snap *Snapshot) *Snapshot { return a.p.Swap(snap) }

// PackSource is an EngineSource over a packs.Source: it serves the pack set
// in force, so a packs reload (Reload, Watch) reaches new calls while the
// streams in flight keep theirs. Count reloads by setting the packs.Source's
// OnReload to call Server.RecordReload.
type PackSource struct {
	src  *packs.Source
	last atomic.Pointer[wrapped]
}

// wrapped is a pack set and its snapshot.
type wrapped struct {
	set  *packs.Set
	snap *Snapshot
}

// NewPackSource returns an EngineSource that follows src.
func NewPackSource(src *packs.Source) *PackSource { return &PackSource{src: src} }

// Current returns the snapshot of the set in force, wrapping each set once
// (or, in a race, twice; both wrap the same engine).
func (p *PackSource) Current() *Snapshot {
	set := p.src.Current()
	if w := p.last.Load(); w != nil && w.set == set {
		return w.snap
	}
	w := &wrapped{set: set, snap: SnapshotOfSet(set)}
	p.last.Store(w)
	return w.snap
}
