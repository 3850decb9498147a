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

// lexVal is a slot of the word table: the entry, and what the stream's
// fast path needs of it without following the pointer.
type lexVal struct {
	e     *lexEntry
	plain [2]int32 // e.plain, which has at most two ids
	n     uint8    // len(e.plain); 0 for a filler
	short bool     // the word has at most 8 bytes: its key is the word itself
}

// lexicon maps words to the word ids of the automaton (0: a word no phrase
// has).
type lexicon struct {
	ids map[string]int32
	// The word table, open addressing by wordKey: keys (0: empty) apart
	// from the values, so that a probe reads 8 bytes a slot.
	keys   []uint64
	vals   []lexVal
	shift  uint
	filter [filterBits / 64]uint64 // see mayHave
	phrase map[string][]int32      // phraseWord's results
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
	size, shift := 64, uint(64-6)
	for size < 4*len(entries) {
		size, shift = size*2, shift-1
	}
	l.keys = make([]uint64, size)
	l.vals = make([]lexVal, size)
	l.shift = shift
	for w, e := range entries {
		h := wordKey([]byte(w))
		i := l.slot(h)
		for l.keys[i] != 0 {
			i = (i + 1) & uint64(size-1)
		}
		v := lexVal{e: e, short: len(w) <= 8}
		if !e.filler {
			v.n = uint8(copy(v.plain[:], e.plain))
			if len(e.plain) > len(v.plain) {
				panic("events: a contraction of more than two words: " + w)
			}
		}
		l.keys[i], l.vals[i] = h, v
		l.filter[filterSlot(h)/64] |= 1 << (filterSlot(h) % 64)
		if len(w) > 8 {
			// Long words pass the filter by their first eight bytes.
			p := wordKey([]byte(w[:8])) ^ longTag
			l.filter[filterSlot(p)/64] |= 1 << (filterSlot(p) % 64)
		}
	}

}

// slot is where the probe for key k starts.
func (l *lexicon) slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> l.shift }

// filterBits is the size of the lexicon's filter: with a few hundred words
// in the table, few other words pass it.
const filterBits = 1 << 14

// longTag marks the filter keys of long words' first eight bytes.
const longTag = 0x5bd1e9955bd1e995

// filterSlot is the filter bit of a word key.
func filterSlot(k uint64) uint64 { return (k * 0xD6E8FEB86659FD93) >> (64 - 14) }

// mayHave reports whether the table may have the word of short key k (see
// wordKey), or a long word whose first eight bytes have the key k^longTag:
// false for most words no phrase has, at the cost of one bit test.
func (l *lexicon) mayHave(k uint64) bool {
	i := filterSlot(k)
	return l.filter[i/64]&(1<<(i%64)) != 0
}

// lookup returns the entry of a normalised word, or nil.
func (l *lexicon) lookup(norm []byte) *lexEntry {
	h := wordKey(norm)
	mask := uint64(len(l.keys) - 1)
	for i := l.slot(h); ; i = (i + 1) & mask {
		switch l.keys[i] {
		case h:
			if e := l.vals[i].e; e.word == string(norm) {
				return e
			}
		case 0:
			return nil
		}
	}
}

// lookupShort returns the slot of a normalised word of at most 8 bytes
// whose key (see wordKey) is k, or nil. The key is the word itself, so no
// comparison of bytes is needed.
func (l *lexicon) lookupShort(k uint64) *lexVal {
	mask := uint64(len(l.keys) - 1)
	for i := l.slot(k); ; i = (i + 1) & mask {
		switch l.keys[i] {
		case k:
			if l.vals[i].short {
				return &l.vals[i]
			}
		case 0:
			return nil
		}
	}
}

// wordKey is the table key of a normalised word: the word's bytes packed
// little-endian into a uint64 when it has at most 8 (as eight bytes loaded
// from the text and masked; words have no zero byte, so the packing is
// exact), else FNV-1a.
func wordKey(b []byte) uint64 {
	if len(b) <= 8 {
		var k uint64
		for i, c := range b {
			k |= uint64(c) << (8 * i)
		}
		return k
	}
	h := uint64(14695981039346656037)
	for _, c := range b {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return max(h, 1) // 0 marks an empty slot
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
