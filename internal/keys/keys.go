// Package keys reads secret keys the way both binaries take them: from a
// file named by a flag, or hex-encoded from an environment variable, never
// from a flag value (which process listings would show).
package keys

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
)

// Load reads a key from path (named by flag in messages), or when path is
// empty from the environment variable env. found is false when neither is
// given. The key must be at least minLen bytes.
func Load(path, flag, env string, minLen int) (key []byte, found bool, err error) {
	switch v, ok := os.LookupEnv(env); {
	case path != "":
		key, err = os.ReadFile(path)
		if err != nil {
			return nil, true, fmt.Errorf("%s: %v", flag, err)
		}
		if len(key) < minLen {
			return nil, true, fmt.Errorf("%s %s: the key is %d bytes; at least %d are required", flag, path, len(key), minLen)
		}
	case ok && strings.TrimSpace(v) != "":
		key, err = hex.DecodeString(strings.TrimSpace(v))
		if err != nil {
			return nil, true, fmt.Errorf("$%s: not hex", env)
		}
		if len(key) < minLen {
			return nil, true, fmt.Errorf("$%s: the key is %d bytes; at least %d are required", env, len(key), minLen)
		}
	default:
		return nil, false, nil
	}
	return key, true, nil
}
