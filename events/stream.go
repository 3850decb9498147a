package events

import (
	"redactor/internal/swar"

	"encoding/binary"
	"math/bits"
	"slices"
)

// tokRing holds the last words of a stream: enough for the longest match.
const tokRing = 32

// tok is where a word id starts in the stream, and who said it.
type tok struct {
	start   int64
	speaker Speaker
}

// match is one pattern found, waiting to be decided.
type match struct {
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
type Stream struct {
	m *Matcher

	off       int64 // stream offset of the next byte
	word      [maxWordBytes + 8]byte
	wlen      int    // bytes of the current word held in word
	wlong     bool   // the current word is longer than word holds
	wstart    int64  // offset of the current word
	wkey      uint64 // the short key of its first 8 bytes but apostrophes (see slowWord)
	wcnt      int    // its bytes but apostrophes
	wapos     bool   // it has an apostrophe
	wnonASCII byte   // 0x80 when it has a non-ASCII byte
	inWord    bool
	speaker   Speaker
	started   bool // a Write has set speaker
	state     int32
	ntok      int64 // words so far
	sentence  int64 // sentence counter: a barrier increments it
	ring      [tokRing]tok
	matches   []match // recent matches in order of end: [:pending] decided, [pending:] waiting
	pending   int
	events    []Event
	// byteByByte turns the fast path (scan) off, so that every word is read
	// byte by byte (slowWord): the reference the differential tests compare
	// the fast path with. Only tests set it.
	byteByByte bool
}

// NewStream returns a stream of the matcher.
func (m *Matcher) NewStream() *Stream { return &Stream{m: m} }

// Reset makes the stream ready for a new transcript.
func (s *Stream) Reset() {
	m := s.m
	ev := s.events[:0]
	ms := s.matches[:0]
	*s = Stream{m: m, events: ev, matches: ms, byteByByte: s.byteByByte}
}

// Events returns the events decided since the last ClearEvents, in the
// order they were decided (by the end of their phrase). The slice is
// reused by later calls.
func (s *Stream) Events() []Event { return s.events }

// ClearEvents forgets the events returned so far.
func (s *Stream) ClearEvents() { s.events = s.events[:0] }

// Offset returns the bytes written to the stream so far.
func (s *Stream) Offset() int64 { return s.off }

// Write reads the next piece of the transcript, said by sp. A change of
// speaker ends the sentence.
func (s *Stream) Write(text []byte, sp Speaker) {
	if s.started && sp != s.speaker {
		s.endWord()
		s.barrier()
	}
	s.speaker, s.started = sp, true
	i, n := 0, len(text)
	if s.inWord { // the word the last piece ended in
		j := 0
		for j < n && inWord[text[j]] {
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
	if !s.byteByByte {
		i = s.scan(text, i)
	}
	for i < n {
		c := text[i]
		if !startsWord[c] {
			if c == '.' || c == '?' || c == '!' || c == ';' || c == '\n' {
				s.barrier()
			}
			i++
			continue
		}
		j := s.slowWord(text, i)
		if j == n { // the word may go on in the next piece
			s.startCarry(s.off + int64(i))
			s.carry(text[i:j])
			break
		}
		i = j
	}
	s.off += int64(n)
	s.decide(false)
}

// scan is Write's fast path: it reads the words of text from i, which is
// not inside a word, while eight bytes can be loaded at each word start,
// and returns where it stopped (not inside a word); Write reads the rest
// byte by byte. A word of at most 8 ASCII bytes is classified, lower-cased
// and packed into its lexicon key eight bytes at a time; the lexicon's
// filter turns most words no phrase has away with one bit test, and those
// only count as a word and send the automaton back to its root. The
// automaton's state and the word count live in locals, written back around
// the calls of the rarer paths.
func (s *Stream) scan(text []byte, i int) int {
	m := s.m
	lex := m.lex
	n := len(text)
	state, ntok := s.state, s.ntok
	for i+8 <= n {
		if cl := byteClass[text[i]]; cl != classWord {
			// A space before a word, the usual gap, in one step.
			if text[i] != ' ' || i+9 > n || byteClass[text[i+1]] != classWord {
				if cl == classBarrier {
					state = 0
					s.sentence++
				}
				i++
				continue
			}
			i++
		}
		x := binary.LittleEndian.Uint64(text[i:])
		end, odd, lower := wordEnd8(x)
		if end == 0 || odd&(end&-end-1) != 0 {
			// Eight bytes or more, an apostrophe or a non-ASCII byte.
			s.state, s.ntok = state, ntok
			j := s.longWord(text, i)
			state, ntok = s.state, s.ntok
			if j == n {
				return i // the word may go on: Write carries it
			}
			i = j
			continue
		}
		end &= -end                         // the first byte after the word
		k := lower & (end>>7 - 1)           // the word's key
		l := bits.TrailingZeros64(end) >> 3 // its length
		start := i
		i += l
		if !lex.mayHave(k) {
			ntok++
			state = 0
			continue
		}
		v := lex.lookupShort(k)
		switch {
		case v == nil:
			ntok++
			state = 0
		case v.n == 1 && v.plain[0] != 0:
			id := v.plain[0]
			s.ring[uint64(ntok)%tokRing] = tok{start: s.off + int64(start), speaker: s.speaker}
			ntok++
			if state == 0 {
				state = m.root[id]
			} else {
				state = m.step(state, id)
			}
			if m.hasOut[state] {
				s.state, s.ntok = state, ntok
				s.matched(s.off + int64(i))
			}
		case v.n > 0: // a contraction, or a word no phrase has
			s.state, s.ntok = state, ntok
			for _, id := range v.plain[:v.n] {
				s.feed(id, s.off+int64(start), s.off+int64(i))
			}
			state, ntok = s.state, s.ntok
		}
	}
	s.state, s.ntok = state, ntok
	return i
}

// longWord is slowWord for scan: it finds the end of the word at text[i]
// eight bytes at a time, and reads an ASCII word without apostrophes, or
// of at most 8 bytes with one ("don't"), itself.
func (s *Stream) longWord(text []byte, i int) int {
	n := len(text)
	j := i
	var odd, end uint64
	for j+8 <= n {
		e, o, _ := wordEnd8(binary.LittleEndian.Uint64(text[j:]))
		if e != 0 {
			end = e & -e
			odd |= o & (end>>7 - 1)
			j += bits.TrailingZeros64(end) >> 3
			break
		}
		odd |= o
		j += 8
	}
	if end == 0 {
		return s.slowWord(text, i) // the last bytes, one by one
	}
	start, stop := s.off+int64(i), s.off+int64(j)
	first := binary.LittleEndian.Uint64(text[i:])
	switch l := j - i; {
	case odd == 0 && l <= 8:
		s.wordShort(swar.Lower8(first), false, start, stop)
	case odd == 0:
		// A word no phrase has unless the lexicon has a long word
		// that begins with its first eight bytes.
		if !s.m.lex.mayHave(swar.Lower8(first) ^ longTag) {
			s.feed(0, start, stop)
		} else {
			s.word1(text[i:j], start, stop)
		}
	case l < 8 && odd&(odd-1) == 0 && odd&first == 0:
		// One odd byte, an apostrophe: the key is the bytes around it.
		k := swar.Lower8(first) & (1<<(8*l) - 1)
		below := odd>>7 - 1
		s.wordShort(k&below|k>>8&^below, true, start, stop)
	default:
		s.slowWord(text, i)
	}
	return j
}

// wordEnd8 classifies eight bytes: end has 0x80 in the bytes that end a
// word (neither letters, digits, non-ASCII bytes nor apostrophes), odd in
// the apostrophes and non-ASCII bytes; lower is x with its ASCII letters
// in lower case.
func wordEnd8(x uint64) (end, odd, lower uint64) {
	t := x & swar.Low7 // the tests below are exact per byte on t
	l := t | swar.Ones*0x20
	letters := (swar.Ones*(127+0x7B) - l) & (l + swar.Ones*(127-0x60)) &^ x & swar.High
	digits := (swar.Ones*(127+0x3A) - t) & (t + swar.Ones*(127-0x2F))
	odd = (^(t ^ swar.Ones*'\'' + swar.Low7) | x) & swar.High // ^(v + swar.Low7): 0x80 in v's zero bytes
	return ^(letters | digits | odd) & swar.High, odd, x | letters>>2
}

// slowWord reads the word that starts at text[i] and returns its end,
// feeding it unless it reaches the end of text (it may go on in the next
// piece).
func (s *Stream) slowWord(text []byte, i int) int {
	// Scan the word, packing its normalised bytes (lower case,
	// apostrophes skipped) into the lexicon's key of a short word.
	n := len(text)
	j := i
	var k uint64
	var nonASCII byte
	var apos, cnt int
	for j < n {
		c := text[j]
		l := lowerWord[c]
		if l == 0 {
			break
		}
		nonASCII |= c & 0x80
		if c == '\'' {
			apos++
		} else {
			if cnt < 8 {
				k |= uint64(l) << (8 * cnt)
			}
			cnt++
		}
		j++
	}
	switch {
	case j == n:
	case nonASCII == 0 && cnt <= 8:
		s.wordShort(k, apos > 0, s.off+int64(i), s.off+int64(j))
	case nonASCII == 0 && apos == 0 && !s.m.lex.mayHave(k^longTag):
		// A long ASCII word whose first eight bytes (k) no long word of
		// the lexicon has.
		s.feed(0, s.off+int64(i), s.off+int64(j))
	default:
		s.word1(text[i:j], s.off+int64(i), s.off+int64(j))
	}
	return j
}

// startCarry begins the word held between pieces, at stream offset start.
func (s *Stream) startCarry(start int64) {
	s.inWord, s.wstart, s.wlen, s.wlong = true, start, 0, false
	s.wkey, s.wcnt, s.wapos, s.wnonASCII = 0, 0, false, 0
}

// carry adds bytes to the word held between pieces. It keeps the word's
// first bytes, and what slowWord learns of the whole word (its short key,
// length without apostrophes, apostrophes and non-ASCII bytes), so that
// endWordAt reads the word as slowWord reads it unsplit: an ASCII word of
// at most 8 bytes apostrophes aside is a short word however many
// apostrophes make it longer than word holds.
func (s *Stream) carry(b []byte) {
	k := copy(s.word[s.wlen:], b)
	s.wlen += k
	s.wlong = s.wlong || k < len(b)
	key, cnt := s.wkey, s.wcnt
	var nonASCII byte
	for _, c := range b {
		nonASCII |= c & 0x80
		if c == '\'' {
			s.wapos = true
			continue
		}
		if cnt < 8 {
			key |= uint64(lowerWord[c]) << (8 * cnt)
		}
		cnt++
	}
	s.wkey, s.wcnt, s.wnonASCII = key, cnt, s.wnonASCII|nonASCII
}

// startsWord and inWord classify bytes: a word starts with a letter, a
// digit or a non-ASCII byte, and goes on with those and apostrophes.
// lowerWord maps a byte that goes on a word to its lower case (itself for
// the others), and every other byte to 0. byteClass tells the bytes
// between words apart: a word start, a sentence end or neither.
var (
	startsWord, inWord [256]bool
	lowerWord          [256]byte
	byteClass          [256]uint8
)

// Classes of byteClass.
const (
	classOther uint8 = iota
	classWord
	classBarrier
)

func init() {
	for c := 0; c < 256; c++ {
		startsWord[c] = isWordByte(byte(c))
		inWord[c] = startsWord[c] || c == '\''
		if inWord[c] {
			lowerWord[c] = byte(c)
			if 'A' <= c && c <= 'Z' {
				lowerWord[c] = byte(c + 'a' - 'A')
			}
		}
		switch {
		case startsWord[c]:
			byteClass[c] = classWord
		case c == '.' || c == '?' || c == '!' || c == ';' || c == '\n':
			byteClass[c] = classBarrier
		}
	}
}

// wordShort is word1 for an ASCII word of at most 8 bytes (apostrophes
// aside) whose key (see wordKey) the scan packed.
func (s *Stream) wordShort(k uint64, apos bool, start, end int64) {
	if k == 0 {
		return // only apostrophes
	}
	v := s.m.lex.lookupShort(k)
	if v == nil {
		s.feed(0, start, end)
		return
	}
	switch e := v.e; {
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
func (s *Stream) EndSegment() {
	s.endWord()
	s.barrier()
	s.decide(false)
}

// Close ends the stream and decides every match.
func (s *Stream) Close() {
	s.endWord()
	s.barrier()
	s.decide(true)
}

func (s *Stream) endWord() {
	if s.inWord {
		s.endWordAt(s.off)
	}
}

// endWordAt ends the word held between pieces at stream offset end, and
// reads it as slowWord reads a word.
func (s *Stream) endWordAt(end int64) {
	s.inWord = false
	if s.wnonASCII == 0 && s.wcnt <= 8 {
		s.wordShort(s.wkey, s.wapos, s.wstart, end)
		return
	}
	if s.wlong {
		s.feed(0, s.wstart, end)
		return
	}
	s.word1(s.word[:s.wlen], s.wstart, end)
}

// word1 feeds the word ids of one word, at [start, end) of the stream, to
// the automaton.
func (s *Stream) word1(w []byte, start, end int64) {
	if len(w) > maxWordBytes+8 {
		s.feed(0, start, end)
		return
	}
	var buf [maxWordBytes + 8]byte
	norm, apos := normalize(buf[:0], w)
	if len(norm) == 0 {
		return // only apostrophes
	}
	e := s.m.lex.lookup(norm)
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
func (s *Stream) feed(id int32, start, end int64) {
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
	s.ring[uint64(n)%tokRing] = tok{start: start, speaker: s.speaker}
	s.ntok++
	s.state = m.step(s.state, id)
	if len(m.out[s.state]) > 0 {
		s.matched(end)
	}
}

// matched records the patterns that end in the automaton's state with the
// last word, which ends at stream offset end.
func (s *Stream) matched(end int64) {
	m := s.m
	n := s.ntok - 1
	for _, p := range m.out[s.state] {
		words := int64(m.patterns[p].words)
		first := &s.ring[uint64(n+1-words)%tokRing]
		s.matches = append(s.matches, match{
			pat: p, start: n + 1 - words, end: n + 1, sentence: s.sentence,
			startOff: first.start, endOff: end, speaker: first.speaker,
		})
	}
}

// barrier ends a sentence: no match spans it.
func (s *Stream) barrier() {
	s.state = 0
	s.sentence++
}

// decide reports the phrases no later match can change (all at eof) and
// forgets matches too old to matter.
func (s *Stream) decide(eof bool) {
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
func (s *Stream) beats(a, b *match) bool {
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
func (s *Stream) beaten(i int) bool {
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
func (s *Stream) negated(i int) bool {
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
