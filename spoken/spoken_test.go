package spoken_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"redactor/packs"
	"redactor/redact"
	"redactor/spoken"
)

var (
	engOnce sync.Once
	eng     *redact.Engine
	engErr  error
)

func engine(t testing.TB) *redact.Engine {
	engOnce.Do(func() {
		set, err := packs.Load()
		if err != nil {
			engErr = err
			return
		}
		eng, engErr = set.Compile(redact.WithSpoken(spoken.New()))
	})
	if engErr != nil {
		t.Fatal(engErr)
	}
	return eng
}

// redactAll redacts text in chunks of size chunk (0: whole) and returns the
// output and entities.
func redactAll(t testing.TB, e *redact.Engine, text string, chunk int) (string, []redact.Entity) {
	s, err := e.NewStream(defaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	b := []byte(text)
	if chunk <= 0 {
		chunk = len(b) + 1
	}
	for len(b) > 0 {
		k := min(chunk, len(b))
		if out, err = s.Write(out, b[:k]); err != nil {
			t.Fatal(err)
		}
		b = b[k:]
	}
	if out, err = s.Close(out); err != nil {
		t.Fatal(err)
	}
	return string(out), append([]redact.Entity(nil), s.Entities()...)
}

func spans(text string, es []redact.Entity) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "%s:%q ", e.Type, text[e.Start:e.End])
	}
	return strings.TrimSpace(b.String())
}

func smallWindowEngine(t testing.TB) *redact.Engine {
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	e, err := set.Compile(redact.WithSpoken(spoken.New()), redact.WithWindow(4*redact.MaxSpanLen))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func defaultConfig() redact.Config { return redact.Config{} }
