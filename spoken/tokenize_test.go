package spoken

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"redactor/redact"
)

// refTokenize is the byte-at-a-time tokenizer tokenize replaced (it scanned
// the text itself instead of reading the engine's word list), kept as the
// reference: its tokens must be the same.
func refTokenize(text []byte, w *redact.Window) []tok {
	lex := map[string]entry{}
	for _, e := range lexicon {
		lex[e.word] = e
	}
	var toks []tok
	n := len(text)
	i := 0
	if b := w.ByteBefore(0); redact.IsWordByte(b) || b == '\'' && redact.IsWordByte(w.ByteAt(-2)) {
		for i < n && (wordByte[text[i]] != 0 || text[i] == '\'') {
			i++
		}
	}
	gapStart, gapOK, comma := i, false, false
	prevStored, hasPend := false, false
	var pend tok
	var words []tok // every word from here on, classified (for atAhead's look-ahead)
	wi := -1        // the index in words of the word being read
	for i < n {
		c := text[i]
		if wordByte[c] == 0 {
			if c != ' ' && c != ',' && c != '-' && c != '.' {
				gapOK = false
			}
			comma = comma || c == ',' || c == '.'
			i++
			continue
		}
		start := i
		var kinds uint8
		i, kinds = refWordEnd(text, i)
		t := tok{start: int32(start), end: int32(i), end2: int32(i)}
		rawOK := gapOK && start-gapStart <= maxGap
		t.gapOK = rawOK && prevStored
		t.partial = i == n && !w.EOF
		t.comma = comma
		switch {
		case kinds == 2:
			t.cls = cNumLit
		case kinds == 1 && i-start <= maxWord:
			if e, ok := lex[strings.ToLower(string(text[start:i]))]; ok {
				t.cls, t.val = e.cls, e.val
			}
		}
		gapStart, gapOK, comma = i, true, false
		wi++
		if words == nil {
			words = refWords(text, start, w.EOF, lex)
		}
		if t.cls == cOther && !t.partial {
			l := len(toks)
			if prevStored && l > 0 && toks[l-1].cls != cOther {
				toks = append(toks, t)
				prevStored, hasPend = true, false
			} else {
				pend, hasPend, prevStored = t, true, false
			}
			continue
		}
		if hasPend && rawOK && (t.cls == cConn || t.partial || digitish(t.cls) && refAtAhead(words, wi)) {
			toks = append(toks, pend)
			t.gapOK = true
		}
		hasPend = false
		toks = append(toks, t)
		prevStored = true
	}
	if hasPend && !w.EOF {
		toks = append(toks, pend)
	}
	return toks
}

// refWordEnd returns the end of the word that starts at i and the kinds of
// byte in it (wordByte's bits, and 4 for an apostrophe inside it).
func refWordEnd(text []byte, i int) (int, uint8) {
	n := len(text)
	var kinds uint8
	for i < n {
		k := wordByte[text[i]]
		if k == 0 {
			if text[i] == '\'' && i+1 < n && wordByte[text[i+1]] != 0 {
				kinds |= 4
				i++
				continue
			}
			break
		}
		kinds |= k
		i++
	}
	return i, kinds
}

// refWords classifies every word of text from start on, as refTokenize
// does (class, value, and partial for the last word of a window the stream
// continues).
func refWords(text []byte, start int, eof bool, lex map[string]entry) []tok {
	var ws []tok
	n := len(text)
	for i := start; i < n; {
		if wordByte[text[i]] == 0 {
			i++
			continue
		}
		s := i
		var kinds uint8
		i, kinds = refWordEnd(text, i)
		t := tok{start: int32(s), end: int32(i), partial: i == n && !eof}
		switch {
		case kinds == 2:
			t.cls = cNumLit
		case kinds == 1 && i-s <= maxWord:
			if e, ok := lex[strings.ToLower(string(text[s:i]))]; ok {
				t.cls, t.val = e.cls, e.val
			}
		}
		ws = append(ws, t)
	}
	return ws
}

// refAtAhead is atAhead over all words: from words[k] (a digit word) on,
// digit words and then "at", or a cut word, with no plain word between.
func refAtAhead(words []tok, k int) bool {
	for j := k; j < len(words) && j <= k+maxLocalDigits; j++ {
		t := &words[j]
		if t.partial {
			return true
		}
		if digitish(t.cls) {
			continue
		}
		return j > k && t.cls == cConn && t.val == '@'
	}
	return false
}

// engineWords lists the words of w as the engine does for
// SpokenScratch.Words.
func engineWords(w *redact.Window) []redact.Word {
	i := 0
	if b := w.ByteBefore(0); redact.IsWordByte(b) || b == '\'' && redact.IsWordByte(w.ByteAt(-2)) {
		i = redact.WordEnd(w.Text, 0)
	}
	return redact.AppendWords(nil, w.Text, i)
}

func checkTokenize(t *testing.T, w *redact.Window) {
	t.Helper()
	want := refTokenize(w.Text, w)
	ti := tailEnd(w)
	for _, words := range [][]redact.Word{engineWords(w), redact.AppendWords(nil, w.Text, ti)} {
		got := tokenize(nil, w, words, ti)
		if len(got) != len(want) {
			t.Fatalf("%q (before %q, eof %v): %d tokens, want %d\n got %v\nwant %v", w.Text, w.Before, w.EOF, len(got), len(want), got, want)
		}
		for k := range got {
			if got[k] != want[k] {
				t.Fatalf("%q (before %q, eof %v): token %d\n got %+v\nwant %+v", w.Text, w.Before, w.EOF, k, got[k], want[k])
			}
		}
	}
}

// TestTokenizeFromWords: tokens read from the word list are the reference
// tokenizer's, on random soups of lexicon words, plain words, digits, case,
// apostrophes, punctuation and non-ASCII bytes, after any left context.
func TestTokenizeFromWords(t *testing.T) {
	pieces := []string{" ", " ", " ", ", ", ". ", "-", " - ", "  ", "   ", "    ", ",", ".", "'", "''", "\n", ";", ":", "(", "é", "x'y",
		"555", "4", "12'3", "1st", "a1", "Four", "FIVE", "o'clock", "don't", "oh", "O", "i", "a", "as", "in", "at", "dot", "dash",
		"sorry", "uh", "and", "hundred", "march", "third", "of", "november", "juliett", "underscore", "thirtieth", "josé",
		"eleventh", "thirteenths", "seventeenth", "smith", "gmail", "com", "hello", "b", "z", "xray", "nought"}
	r := rand.New(rand.NewPCG(5, 7))
	for range 20000 {
		var sb strings.Builder
		for range 1 + r.IntN(14) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		cut := r.IntN(len(s) + 1)
		w := redact.Window{Before: []byte(s[:cut]), Text: []byte(s[cut:]), EOF: r.IntN(2) == 0}
		checkTokenize(t, &w)
	}
}

// TestTokenizeCorpus: the same over the windows of both corpora.
func TestTokenizeCorpus(t *testing.T) {
	for _, f := range []string{"../testdata/corpus/spoken.jsonl", "../testdata/corpus/calls.jsonl"} {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(text); i += 4000 {
			w := redact.Window{Before: text[max(0, i-64):i], Text: text[i:min(len(text), i+4096)], EOF: i+4096 >= len(text)}
			checkTokenize(t, &w)
		}
	}
}
