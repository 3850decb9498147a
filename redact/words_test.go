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
		s.scanWords(nil, w, windowWords(nil, w), 0)
		var want [][3]uint64
		for _, wd := range refWordSpans(b) {
			want = append(want, [3]uint64{uint64(wd[0]), uint64(wd[1]), WordHash(b[wd[0]:wd[1]])})
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

// refWordSpans lists the words of b, [start, end), by WordEnd one at a
// time: the reference for the engine's word list.
func refWordSpans(b []byte) [][2]int {
	var spans [][2]int
	for i := 0; i < len(b); {
		if !IsWordByte(b[i]) {
			i++
			continue
		}
		e := WordEnd(b, i)
		spans = append(spans, [2]int{i, e})
		i = e
	}
	return spans
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

// filteredRecorder is a recorder with a word filter.
type filteredRecorder struct {
	recorder
	f WordFilter
}

func (r filteredRecorder) WordFilter() WordFilter { return r.f }

// TestWordFilterSelects checks that the engine hands a filtered word
// detector exactly the words its WordFilter lets through: a word in the
// Bloom filter, or a capitalised one of a wanted length that is not
// excepted, and, with Next, only where the byte after it is in Next or the
// word ends the text; with SpokenOnly, only in a spoken run's window.
func TestWordFilterSelects(t *testing.T) {
	bloomWords := []string{"may", "1", "14", "van"}
	exceptWords := []string{"The", "Caller"}
	var bloom, except WordBloom
	for _, w := range bloomWords {
		bloom.Add(WordHash([]byte(w)))
	}
	for _, w := range exceptWords {
		except.Add(WordHash([]byte(w)))
	}
	filters := []WordFilter{
		{Bloom: &bloom},
		{Capitalized: true},
		{Capitalized: true, Except: &except, CapitalizedLengths: 1<<2 | 1<<5},
		{Bloom: &bloom, Next: " ./-"},
		{Bloom: &bloom, Capitalized: true, Except: &except, Next: " ."},
		{Capitalized: true, SpokenOnly: true},
	}
	isIn := func(list []string, w string) bool {
		for _, x := range list {
			if strings.EqualFold(x, w) {
				return true
			}
		}
		return false
	}
	alphabet := []string{"may", "May", "1", "14", "van", "The", "Caller", "Ab", "Hello", "x", "É", " ", ".", "-", "/", ":", ",", "'"}
	r := rand.New(rand.NewPCG(7, 8))
	for fi, f := range filters {
		var got [][3]uint64
		e, err := Compile([]Detector{filteredRecorder{recorder{&got}, f}})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := e.NewStream(Config{})
		for range 2000 {
			var b []byte
			for range r.IntN(12) {
				b = append(b, alphabet[r.IntN(len(alphabet))]...)
			}
			got = got[:0]
			w := &Window{Text: b, Spoken: r.IntN(2) == 0}
			s.scanWords(nil, w, windowWords(nil, w), 0)
			var want [][3]uint64
			for _, wd := range refWordSpans(b) {
				i, end := wd[0], wd[1]
				word := string(b[i:end])
				capital := b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 0x80
				ok := f.Bloom != nil && isIn(bloomWords, word) ||
					f.Capitalized && capital && (f.CapitalizedLengths == 0 || f.CapitalizedLengths&(1<<min(end-i, 31)) != 0) &&
						(f.Except == nil || !isIn(exceptWords, word))
				if f.Next != "" && end < len(b) && !strings.Contains(f.Next, string(b[end])) || f.SpokenOnly && !w.Spoken {
					ok = false
				}
				if ok {
					want = append(want, [3]uint64{uint64(i), uint64(end), WordHash(b[i:end])})
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("filter %d, %q: got %v, want %v", fi, b, got, want)
			}
		}
	}
}
