package packs_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"redactor/packs"
)

const sitePack = `name: site
version: "%s"
detectors:
  - name: employee_id
    type: EMPLOYEE_ID
    regex: {patterns: ['E-\d{6}']}
`

func writePack(t *testing.T, path, version string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Replace(sitePack, "%s", version, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSourceReload(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "site.yaml")
	writePack(t, path, "1")
	src, err := packs.NewSource(path)
	if err != nil {
		t.Fatal(err)
	}
	first := src.Current()
	if first.Meta.Version != "1.0.0+1" {
		t.Fatalf("version %q", first.Meta.Version)
	}
	// A broken pack keeps the old set.
	os.WriteFile(path, []byte("name: site\nversion: \"2\"\ndetectors:\n  - name: x\n    regx: {}\n"), 0o644)
	if err := src.Reload(); err == nil || src.Current() != first {
		t.Fatalf("bad reload: err %v, set replaced: %v", err, src.Current() != first)
	}
	// A good one replaces it; the old set (held by streams in flight) still works.
	writePack(t, path, "3")
	if err := src.Reload(); err != nil || src.Current().Meta.Version != "1.0.0+3" {
		t.Fatalf("reload: %v, %q", err, src.Current().Meta.Version)
	}
	if got, _ := redactWith(t, first.Engine(), "E-123456"); got != "[EMPLOYEE_ID]" {
		t.Errorf("old engine after reload: %q", got)
	}
}

func TestSourceWatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "site.yaml")
	writePack(t, path, "1")
	src, err := packs.NewSource(path)
	if err != nil {
		t.Fatal(err)
	}
	reloaded := make(chan string, 4)
	src.OnReload = func(cur *packs.Set, err error) { reloaded <- cur.Meta.Version }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go src.Watch(ctx, 10*time.Millisecond)
	writePack(t, path, "2")
	select {
	case v := <-reloaded:
		if v != "1.0.0+2" {
			t.Errorf("watch reloaded version %q", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload after the pack file changed")
	}
}
