package events

// maxWordBytes is the longest word (after normalisation) that can be a
// phrase word; longer words are read but never match.
const maxWordBytes = 32

// contractions are expanded wherever they appear, written with or without
// the apostrophe (speech recognisers often drop it).
var contractions = map[string]string{
	"dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
	"wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not",
	"havent": "have not", "hasnt": "has not", "hadnt": "had not", "shouldnt": "should not",
	"wouldnt": "would not", "couldnt": "could not", "mustnt": "must not", "neednt": "need not",
	"aint": "am not", "im": "i am", "ive": "i have", "youre": "you are", "theyre": "they are",
	"youve": "you have", "weve": "we have", "theyve": "they have", "thats": "that is",
	"whats": "what is", "theres": "there is", "heres": "here is", "whos": "who is",
	"gonna": "going to", "wanna": "want to", "gotta": "got to", "lemme": "let me", "gimme": "give me",
	"pls": "please", "plz": "please", "thru": "through", "ya": "you",
}

// apostropheContractions are expanded only when written with an apostrophe:
// without it they are words of their own ("ill", "well", "were", "its").
var apostropheContractions = map[string]string{
	"ill": "i will", "youll": "you will", "well": "we will", "itll": "it will", "theyll": "they will",
	"id": "i would", "youd": "you would", "wed": "we would", "theyd": "they would",
	"were": "we are", "its": "it is", "hes": "he is", "shes": "she is", "lets": "let us",
}

// fillers are hesitation words a recogniser writes; they are skipped.
var fillers = map[string]bool{
	"uh": true, "uhh": true, "um": true, "umm": true, "uhm": true, "er": true, "erm": true, "ah": true,
	"ahh": true, "hmm": true, "hm": true, "mm": true, "mhm": true, "ehm": true,
}

// lexEntry is what a normalised word stands for.
type lexEntry struct {
	word   string
	plain  []int32 // word ids, written without an apostrophe (empty: a filler)
	apos   []int32 // written with one
	filler bool
}

// lexSlot is one slot of the open-addressing word table.
type lexSlot struct {
	hash uint64
	e    *lexEntry
}

// lexicon maps words to the word ids of the automaton (0: a word no phrase
// has).
type lexicon struct {
	ids    map[string]int32
	table  []lexSlot
	mask   uint64
	phrase map[string][]int32 // phraseWord's results
}

func newLexicon() *lexicon {
	return &lexicon{ids: map[string]int32{}, phrase: map[string][]int32{}}
}

func (l *lexicon) id(w string) int32 {
	if id, ok := l.ids[w]; ok {
		return id
	}
	id := int32(len(l.ids) + 1)
	l.ids[w] = id
	return id
}

// phraseWord returns the word ids of one word of a phrase as written in the
// pack ("don't" is two words, "opt-out" two, "uh" none), adding new words to
// the vocabulary.
func (l *lexicon) phraseWord(w string) []int32 {
	if ids, ok := l.phrase[w]; ok {
		return ids
	}
	ids := l.phraseWordUncached(w)
	l.phrase[w] = ids
	return ids
}

func (l *lexicon) phraseWordUncached(w string) []int32 {
	var ids []int32
	b := []byte(w)
	for i := 0; i < len(b); {
		if !isWordByte(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && (isWordByte(b[j]) || b[j] == '\'') {
			j++
		}
		var buf [64]byte
		norm, apos := normalize(buf[:0], b[i:j])
		i = j
		s := string(norm)
		switch {
		case fillers[s]:
		case apos && apostropheContractions[s] != "":
			for _, x := range splitWords(apostropheContractions[s]) {
				ids = append(ids, l.id(x))
			}
		case contractions[s] != "":
			for _, x := range splitWords(contractions[s]) {
				ids = append(ids, l.id(x))
			}
		default:
			ids = append(ids, l.id(s))
		}
	}
	return ids
}

func splitWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		if j > i {
			out = append(out, s[i:j])
		}
		i = j
	}
	return out
}

// finish builds the word table from the vocabulary, the contractions and
// the fillers.
func (l *lexicon) finish() {
	entries := map[string]*lexEntry{}
	get := func(w string) *lexEntry {
		e := entries[w]
		if e == nil {
			e = &lexEntry{word: w}
			entries[w] = e
		}
		return e
	}
	idsOf := func(s string) []int32 {
		var out []int32
		for _, w := range splitWords(s) {
			out = append(out, l.ids[w]) // 0 when no phrase has the word
		}
		return out
	}
	for w, id := range l.ids {
		get(w).plain = []int32{id}
	}
	for w, exp := range contractions {
		e := get(w)
		e.plain = idsOf(exp)
	}
	for w, exp := range apostropheContractions {
		e := get(w)
		e.apos = idsOf(exp)
		if e.plain == nil {
			e.plain = []int32{0}
		}
	}
	for w := range fillers {
		e := get(w)
		e.filler = true
	}
	size := 64
	for size < 4*len(entries) {
		size *= 2
	}
	l.table = make([]lexSlot, size)
	l.mask = uint64(size - 1)
	for w, e := range entries {
		h := wordKey([]byte(w))
		i := mix(h) & l.mask
		for l.table[i].e != nil {
			i = (i + 1) & l.mask
		}
		l.table[i] = lexSlot{hash: h, e: e}
	}
}

// lookup returns the entry of a normalised word, or nil.
func (l *lexicon) lookup(norm []byte) *lexEntry {
	h := wordKey(norm)
	for i := mix(h) & l.mask; ; i = (i + 1) & l.mask {
		s := &l.table[i]
		if s.e == nil {
			return nil
		}
		if s.hash == h && s.e.word == string(norm) {
			return s.e
		}
	}
}

// lookupShort returns the entry of a normalised word of at most 8 bytes
// whose key (see wordKey) is k, or nil. The key is the word itself, so no
// comparison of bytes is needed.
func (l *lexicon) lookupShort(k uint64) *lexEntry {
	for i := mix(k) & l.mask; ; i = (i + 1) & l.mask {
		s := &l.table[i]
		if s.e == nil {
			return nil
		}
		if s.hash == k && len(s.e.word) <= 8 {
			return s.e
		}
	}
}

// wordKey is the table key of a normalised word: the word's bytes packed
// into a uint64 when it has at most 8 (words have no zero byte, so the
// packing is exact), else FNV-1a.
func wordKey(b []byte) uint64 {
	if len(b) <= 8 {
		var k uint64
		for _, c := range b {
			k = k<<8 | uint64(c)
		}
		return k
	}
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// mix spreads a key over the table's slots.
func mix(k uint64) uint64 {
	k ^= k >> 29
	k *= 0xbf58476d1ce4e5b9
	return k ^ k>>32
}

// isWordByte reports whether c is part of a word: an ASCII letter or digit,
// or a byte of a non-ASCII character.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

// normalize appends word lower-cased and without apostrophes (' and the
// typographic ’ and ‘) and typographic double quotes (“ ”) to dst; apos
// reports that it had an apostrophe.
func normalize(dst, word []byte) (_ []byte, apos bool) {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'a' <= c && c <= 'z' {
			dst = append(dst, c)
			continue
		}
		switch {
		case c == '\'':
			apos = true
			continue
		case c == 0xE2 && i+2 < len(word) && word[i+1] == 0x80 && 0x98 <= word[i+2] && word[i+2] <= 0x9D:
			apos = apos || word[i+2] <= 0x9B
			i += 2
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, apos
}
