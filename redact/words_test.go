package redact

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// recorder is a word detector that records the words it is given.
type recorder struct{ words *[][3]uint64 }

func (r recorder) Info() Info {
	return Info{Name: "rec", Types: []string{"X"}, MaxLen: 8, Lookbehind: 1}
}

func (r recorder) FindWord(dst []Candidate, w *Window, start, end int, h uint64) []Candidate {
	*r.words = append(*r.words, [3]uint64{uint64(start), uint64(end), h})
	return dst
}

// TestWordPassHash checks that the word pass (eight bytes at a time) finds
// the same words with the same hashes as WordEnd and WordHash.
func TestWordPassHash(t *testing.T) {
	var got [][3]uint64
	e, err := Compile([]Detector{recorder{&got}})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := e.NewStream(Config{})
	alphabet := []string{"a", "B", "z", "Z", "0", "9", "'", " ", ".", "-", "é", "ß", "日", "@", "[", "`", "{", "/", ":", "\x7f", "abcdefgh", "IJKLMNOP"}
	r := rand.New(rand.NewPCG(1, 1))
	for iter := range 5000 {
		var b []byte
		for range r.IntN(40) {
			b = append(b, alphabet[r.IntN(len(alphabet))]...)
		}
		got = got[:0]
		w := &Window{Text: b}
		s.scanWords(nil, w, windowWords(nil, w))
		var want [][3]uint64
		for i := 0; i < len(b); {
			if !IsWordByte(b[i]) {
				i++
				continue
			}
			e := WordEnd(b, i)
			want = append(want, [3]uint64{uint64(i), uint64(e), WordHash(b[i:e])})
			i = e
		}
		if len(got) != len(want) {
			t.Fatalf("iter %d %q: %d words, want %d", iter, b, len(got), len(want))
		}
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("iter %d %q: word %d = %v, want %v", iter, b, k, got[k], want[k])
			}
		}
	}
}

type namedRecorder struct {
	recorder
	name string
}

func (r namedRecorder) Info() Info {
	i := r.recorder.Info()
	i.Name = r.name
	return i
}

// TestWordDetectorLimit checks that an engine takes 64 word detectors and
// refuses a 65th with an error that names it.
func TestWordDetectorLimit(t *testing.T) {
	var got [][3]uint64
	var ds []Detector
	for i := range maxWordDetectors + 1 {
		ds = append(ds, namedRecorder{recorder{&got}, fmt.Sprintf("dict%d", i)})
	}
	if _, err := Compile(ds[:maxWordDetectors]); err != nil {
		t.Fatalf("64 word detectors: %v", err)
	}
	_, err := Compile(ds)
	if err == nil || !strings.Contains(err.Error(), `"dict64"`) {
		t.Fatalf("65 word detectors: err = %v, want one naming dict64", err)
	}
}
