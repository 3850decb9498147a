package keys

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	short := filepath.Join(dir, "short")
	os.WriteFile(good, []byte(strings.Repeat("k", 32)), 0o600)
	os.WriteFile(short, []byte("k"), 0o600)
	const env = "REDACTOR_TEST_KEY"
	for _, tc := range []struct {
		path, envValue string
		found          bool
		err            string
	}{
		{good, "", true, ""},
		{short, "", true, "at least 32"},
		{filepath.Join(dir, "none"), "", true, "no such file"},
		{"", strings.Repeat("ab", 32), true, ""},
		{"", "zz", true, "not hex"},
		{"", "abab", true, "at least 32"},
		{"", "", false, ""},
	} {
		t.Setenv(env, tc.envValue)
		key, found, err := Load(tc.path, "--key-file", env, 32)
		if found != tc.found || (err == nil) != (tc.err == "") || err != nil && !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%+v: found %v err %v", tc, found, err)
		}
		if err == nil && found && len(key) < 32 {
			t.Errorf("%+v: key of %d bytes", tc, len(key))
		}
	}
}
