package events

// The stream and lexicon before the fast scan, kept as the reference of
// the differential tests (diff_test.go).

import (
	"slices"
	"sync"
)

var refInitOnce sync.Once

// RefStream is the reference stream, for the external tests.
type RefStream = refStream

// NewRefStream returns a reference stream of m.
func NewRefStream(m *Matcher) *RefStream {
	refInitOnce.Do(refInit)
	return newRefStream(m)
}

// LexiconHas reports whether the lexicon of m has the normalised word w (a
// phrase word, a contraction or a filler), for the differential tests.
func LexiconHas(m *Matcher, w string) bool { return m.lex.lookup([]byte(w)) != nil }

// refTokRing holds the last words of a stream: enough for the longest match.
const refTokRing = 32

// tok is where a word id starts in the stream, and who said it.
type refTok struct {
	start   int64
	speaker Speaker
}

// match is one pattern found, waiting to be decided.
type refMatch struct {
	pat        int32
	start, end int64 // word indexes, end exclusive
	sentence   int64
	startOff   int64 // byte offsets
	endOff     int64
	speaker    Speaker
}

// Stream finds the events of one transcript. It is not safe for concurrent
// use. Feed it with Write (in any pieces, splits may fall inside words and
// UTF-8 sequences), end it with Close; Events returns what was decided.
type refStream struct {
	m   *Matcher
	lex *refLexicon

	off      int64 // stream offset of the next byte
	word     [maxWordBytes + 8]byte
	wlen     int   // bytes of the current word held in word
	wlong    bool  // the current word is longer than maxWordBytes
	wstart   int64 // offset of the current word
	inWord   bool
	speaker  Speaker
	started  bool // a Write has set speaker
	state    int32
	ntok     int64 // words so far
	sentence int64 // sentence counter: a barrier increments it
	ring     [refTokRing]refTok
	matches  []refMatch // recent matches in order of end: [:pending] decided, [pending:] waiting
	pending  int
	events   []Event
}

// NewStream returns a stream of the matcher.
func newRefStream(m *Matcher) *refStream { return &refStream{m: m, lex: newRefLexicon(m.lex.ids)} }

// Reset makes the stream ready for a new transcript.
func (s *refStream) Reset() {
	m := s.m
	ev := s.events[:0]
	ms := s.matches[:0]
	*s = refStream{m: m, lex: s.lex, events: ev, matches: ms}
}

// Events returns the events decided since the last ClearEvents, in the
// order they were decided (by the end of their phrase). The slice is
// reused by later calls.
func (s *refStream) Events() []Event { return s.events }

// ClearEvents forgets the events returned so far.
func (s *refStream) ClearEvents() { s.events = s.events[:0] }

// Offset returns the bytes written to the stream so far.
func (s *refStream) Offset() int64 { return s.off }

// Write reads the next piece of the transcript, said by sp. A change of
// speaker ends the sentence.
func (s *refStream) Write(text []byte, sp Speaker) {
	if s.started && sp != s.speaker {
		s.endWord()
		s.barrier()
	}
	s.speaker, s.started = sp, true
	i, n := 0, len(text)
	if s.inWord { // the word the last piece ended in
		j := 0
		for j < n && refInWord[text[j]] {
			j++
		}
		s.carry(text[:j])
		if j == n {
			s.off += int64(n)
			s.decide(false)
			return
		}
		s.endWordAt(s.off + int64(j))
		i = j
	}
	for i < n {
		c := text[i]
		if !refStartsWord[c] {
			if c == '.' || c == '?' || c == '!' || c == ';' || c == '\n' {
				s.barrier()
			}
			i++
			continue
		}
		// Scan the word, packing its normalised bytes (lower case,
		// apostrophes skipped) into the lexicon's key of a short word.
		j := i
		var k uint64
		var nonASCII byte
		var apos, cnt int
		for j < n {
			c := text[j]
			l := refLowerWord[c]
			if l == 0 {
				break
			}
			nonASCII |= c & 0x80
			if c == '\'' {
				apos++
			} else {
				k = k<<8 | uint64(l)
				cnt++
			}
			j++
		}
		if j == n { // the word may go on in the next piece
			s.inWord, s.wstart, s.wlen, s.wlong = true, s.off+int64(i), 0, false
			s.carry(text[i:j])
			break
		}
		if nonASCII == 0 && cnt <= 8 {
			s.wordShort(k, apos > 0, s.off+int64(i), s.off+int64(j))
		} else {
			s.word1(text[i:j], s.off+int64(i), s.off+int64(j))
		}
		i = j
	}
	s.off += int64(n)
	s.decide(false)
}

// carry adds bytes to the word held between pieces.
func (s *refStream) carry(b []byte) {
	k := copy(s.word[s.wlen:], b)
	s.wlen += k
	s.wlong = s.wlong || k < len(b)
}

// refStartsWord and inWord classify bytes: a word starts with a letter, a
// digit or a non-ASCII byte, and goes on with those and apostrophes.
// refLowerWord maps a byte that goes on a word to its lower case (itself for
// the others), and every other byte to 0.
var (
	refStartsWord, refInWord [256]bool
	refLowerWord             [256]byte
)

func refInit() {
	for c := 0; c < 256; c++ {
		refStartsWord[c] = isWordByte(byte(c))
		refInWord[c] = refStartsWord[c] || c == '\''
		if refInWord[c] {
			refLowerWord[c] = byte(c)
			if 'A' <= c && c <= 'Z' {
				refLowerWord[c] = byte(c + 'a' - 'A')
			}
		}
	}
}

// wordShort is word1 for an ASCII word of at most 8 bytes (apostrophes
// aside) whose key the scan packed.
func (s *refStream) wordShort(k uint64, apos bool, start, end int64) {
	if k == 0 {
		return // only apostrophes
	}
	e := s.lex.lookupShort(k)
	switch {
	case e == nil:
		s.feed(0, start, end)
	case e.filler:
	case apos && e.apos != nil:
		for _, id := range e.apos {
			s.feed(id, start, end)
		}
	default:
		for _, id := range e.plain {
			s.feed(id, start, end)
		}
	}
}

// EndSegment ends the current sentence (a segment end, such as the end of
// a speaker's turn): no phrase spans it, and every match before it is
// decided.
func (s *refStream) EndSegment() {
	s.endWord()
	s.barrier()
	s.decide(false)
}

// Close ends the stream and decides every match.
func (s *refStream) Close() {
	s.endWord()
	s.barrier()
	s.decide(true)
}

func (s *refStream) endWord() {
	if s.inWord {
		s.endWordAt(s.off)
	}
}

// endWordAt ends the word held between pieces at stream offset end.
func (s *refStream) endWordAt(end int64) {
	s.inWord = false
	if s.wlong {
		s.feed(0, s.wstart, end)
		return
	}
	s.word1(s.word[:s.wlen], s.wstart, end)
}

// word1 feeds the word ids of one word, at [start, end) of the stream, to
// the automaton.
func (s *refStream) word1(w []byte, start, end int64) {
	if len(w) > maxWordBytes+8 {
		s.feed(0, start, end)
		return
	}
	var buf [maxWordBytes + 8]byte
	norm, apos := refNormalize(buf[:0], w)
	if len(norm) == 0 {
		return // only apostrophes
	}
	e := s.lex.lookup(norm)
	switch {
	case e == nil:
		s.feed(0, start, end)
	case e.filler:
	case apos && e.apos != nil:
		for _, id := range e.apos {
			s.feed(id, start, end)
		}
	default:
		for _, id := range e.plain {
			s.feed(id, start, end)
		}
	}
}

// feed advances the automaton by one word id and records the matches that
// end with it.
func (s *refStream) feed(id int32, start, end int64) {
	if id == 0 {
		// No pattern has the word: back to the root, which has no
		// matches, and no match will start at this word, so its place
		// is not needed.
		s.ntok++
		s.state = 0
		return
	}
	m := s.m
	n := s.ntok
	s.ring[uint64(n)%refTokRing] = refTok{start: start, speaker: s.speaker}
	s.ntok++
	s.state = refStep(m, s.state, id)
	for _, p := range m.out[s.state] {
		words := int64(m.patterns[p].words)
		first := &s.ring[uint64(n+1-words)%refTokRing]
		s.matches = append(s.matches, refMatch{
			pat: p, start: n + 1 - words, end: n + 1, sentence: s.sentence,
			startOff: first.start, endOff: end, speaker: first.speaker,
		})
	}
}

// barrier ends a sentence: no match spans it.
func (s *refStream) barrier() {
	s.state = 0
	s.sentence++
}

// decide reports the phrases no later match can change (all at eof) and
// forgets matches too old to matter.
func (s *refStream) decide(eof bool) {
	m := s.m
	horizon := s.ntok - int64(m.maxWords) + 1 // phrases ending at or before it are decided
	for i := s.pending; i < len(s.matches); i++ {
		p := &s.matches[i]
		if !(eof || p.sentence < s.sentence || p.end <= horizon) {
			break
		}
		s.pending = i + 1
		if m.patterns[p.pat].kind != kindPhrase || s.beaten(i) || s.negated(i) {
			continue
		}
		spec := &m.specs[m.patterns[p.pat].spec]
		if len(spec.Roles) > 0 && p.speaker.Role != RoleUnknown && !slices.Contains(spec.Roles, p.speaker.Role) {
			continue
		}
		s.events = append(s.events, Event{Type: spec.Type, Start: p.startOff, End: p.endOff, Speaker: p.speaker.ID, Role: p.speaker.Role})
	}
	// Matches that end more than keep words before the oldest undecided
	// one can no longer overlap or negate it.
	keep := int64(2*m.maxWords + MaxNegationWindow + 1)
	oldest := s.ntok
	if s.pending < len(s.matches) {
		oldest = s.matches[s.pending].start
	}
	k := 0
	for k < s.pending && s.matches[k].end < oldest-keep {
		k++
	}
	if k > 0 {
		s.matches = s.matches[:copy(s.matches, s.matches[k:])]
		s.pending -= k
	}
}

// beats reports whether match a beats b, which it overlaps: longer, or as
// long and of a stronger kind, or both equal and earlier.
func (s *refStream) beats(a, b *refMatch) bool {
	pa, pb := s.m.patterns[a.pat], s.m.patterns[b.pat]
	if pa.words != pb.words {
		return pa.words > pb.words
	}
	if pa.kind != pb.kind {
		return pa.kind > pb.kind
	}
	return a.start < b.start
}

// beaten reports whether an overlapping match of the same event beats
// matches[i].
func (s *refStream) beaten(i int) bool {
	p := &s.matches[i]
	spec := s.m.patterns[p.pat].spec
	for j := range s.matches {
		q := &s.matches[j]
		if j == i || q.sentence != p.sentence || s.m.patterns[q.pat].spec != spec || q.end <= p.start || q.start >= p.end {
			continue
		}
		if s.beats(q, p) {
			return true
		}
	}
	return false
}

// negated reports whether a negation of the phrase's event that no
// overlapping match beats ends within the event's window before it, in the
// same sentence.
func (s *refStream) negated(i int) bool {
	p := &s.matches[i]
	spec := s.m.patterns[p.pat].spec
	window := int64(s.m.window[spec])
	for j := range s.matches {
		q := &s.matches[j]
		if s.m.patterns[q.pat].kind != kindNegation || s.m.patterns[q.pat].spec != spec ||
			q.sentence != p.sentence || q.end > p.start || p.start-q.end > window {
			continue
		}
		if !s.beaten(j) {
			return true
		}
	}
	return false
}

// refStep is the old Matcher.step.
func refStep(m *Matcher, s, w int32) int32 {
	if w == 0 {
		return 0
	}
	for s != 0 {
		if n, ok := m.edges.get(uint64(s)<<32 | uint64(uint32(w))); ok {
			return n
		}
		s = m.fail[s]
	}
	return m.root[w]
}

// lexEntry is what a normalised word stands for.
type refLexEntry struct {
	word   string
	plain  []int32 // word ids, written without an apostrophe (empty: a filler)
	apos   []int32 // written with one
	filler bool
}

// lexSlot is one slot of the open-addressing word table.
type refLexSlot struct {
	hash uint64
	e    *refLexEntry
}

// lexicon maps words to the word ids of the automaton (0: a word no phrase
// has).
type refLexicon struct {
	ids   map[string]int32
	table []refLexSlot
	mask  uint64
}

// finish builds the word table from the vocabulary, the contractions and
// the fillers.
func newRefLexicon(ids map[string]int32) *refLexicon {
	l := &refLexicon{ids: ids}
	entries := map[string]*refLexEntry{}
	get := func(w string) *refLexEntry {
		e := entries[w]
		if e == nil {
			e = &refLexEntry{word: w}
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
	l.table = make([]refLexSlot, size)
	l.mask = uint64(size - 1)
	for w, e := range entries {
		h := refWordKey([]byte(w))
		i := refMix(h) & l.mask
		for l.table[i].e != nil {
			i = (i + 1) & l.mask
		}
		l.table[i] = refLexSlot{hash: h, e: e}
	}
	return l
}

// lookup returns the entry of a normalised word, or nil.
func (l *refLexicon) lookup(norm []byte) *refLexEntry {
	h := refWordKey(norm)
	for i := refMix(h) & l.mask; ; i = (i + 1) & l.mask {
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
func (l *refLexicon) lookupShort(k uint64) *refLexEntry {
	for i := refMix(k) & l.mask; ; i = (i + 1) & l.mask {
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
func refWordKey(b []byte) uint64 {
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
func refMix(k uint64) uint64 {
	k ^= k >> 29
	k *= 0xbf58476d1ce4e5b9
	return k ^ k>>32
}

// normalize appends word lower-cased and without apostrophes (' and the
// typographic ’ and ‘) and typographic double quotes (“ ”) to dst; apos
// reports that it had an apostrophe.
func refNormalize(dst, word []byte) (_ []byte, apos bool) {
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
