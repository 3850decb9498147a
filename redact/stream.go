package redact

import (
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"unicode/utf8"
)

// Errors returned by Transform, with x/text/transform's meaning.
var (
	// ErrShortDst means dst was too small for the next piece of output.
	ErrShortDst = errors.New("redact: short destination buffer")
	// ErrShortSrc means src ends in text whose redaction is not final yet:
	// call again with more text appended, or with atEOF.
	ErrShortSrc = errors.New("redact: short source buffer")
)

// InputError reports bad input. It never contains the text itself.
type InputError struct {
	Offset int64 // byte offset in the stream
	Reason string
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s at byte %d", e.Reason, e.Offset)
}

// Entity is one replaced (or, with the keep operator, reported) span, in
// stream coordinates: bytes since the stream began.
type Entity struct {
	Type          string
	Detector      string
	Score         float32
	Start, End    int64 // in the original stream, end exclusive
	RedactedStart int64 // in the redacted stream
	RedactedEnd   int64
}

// Config selects what a stream redacts and how.
type Config struct {
	// Operator applies to every type without an entry in PerType.
	Operator Operator
	// PerType overrides Operator, and the engine's per-type defaults (from
	// its pack), per entity type.
	PerType map[string]Operator
	// Entities restricts detection to these types; empty means all.
	Entities []string
	// HashKey keys the hash operator (at least MinKeyLen bytes).
	HashKey []byte
	// EncryptKey keys the encrypt operator (see TokenKey).
	EncryptKey *TokenKey
}

// Stream redacts one transcript. It is not safe for concurrent use; run one
// Stream per transcript, sharing the Engine.
type Stream struct {
	eng       *Engine
	ops       map[string]Operator
	defOp     Operator
	allowed   map[string]bool // nil: every type
	skip      []bool          // per detector: none of its types is wanted
	words     bool            // some word detector is wanted
	skipWords uint64          // a bit per unwanted word detector (by position in Engine.words)
	app       *applier

	back     []byte // the last bytes consumed, up to the engine's lookback
	in, out  int64  // bytes consumed from the original, written to the redacted stream
	err      error  // sticky: a failed stream stays failed
	forced   int
	cut      int // where copyPlain stopped on a full dst
	entities []Entity

	// scratch, reused across calls; win and chain live here so that passing
	// them to detectors (an interface call) does not allocate
	win   Window
	chain Chain
	ctx   contextWords
	cands []Candidate
	sel   []Candidate
	toks  []Token
	// sortKeys and sorted are sortByStart's scratch
	sortKeys []uint64
	sorted   []Candidate
	// hits marks the window's context first words (Engine.ctxIdx), per
	// 1<<hitShift bytes (with hitsOK); tail is wordTailEnd of the window
	hits   []uint64
	hitsOK bool
	tail   int
	// wordList holds the words of the window, wordList2 of a spoken run
	wordList, wordList2 []Word
	rep                 []byte
	pending             []byte

	// spoken-form view (spoken.go)
	spk        SpokenScratch
	swin       Window
	runs       []SpokenRun
	spokenOpen int
}

// NewStream returns a stream that redacts with cfg.
func (e *Engine) NewStream(cfg Config) (*Stream, error) {
	s := &Stream{eng: e, defOp: cfg.Operator, back: make([]byte, 0, e.lookback)}
	known := func(t string) error {
		if _, ok := slices.BinarySearch(e.types, t); !ok {
			return fmt.Errorf("unknown entity type %q (the engine reports %v)", t, e.types)
		}
		return nil
	}
	needKey := cfg.Operator.Kind == Hash
	if len(cfg.PerType)+len(e.policy.Operators) > 0 {
		s.ops = make(map[string]Operator, len(cfg.PerType)+len(e.policy.Operators))
		for t, op := range e.policy.Operators {
			s.ops[t] = op
		}
		for t, op := range cfg.PerType {
			if err := known(t); err != nil {
				return nil, err
			}
			s.ops[t] = op
		}
		for _, op := range s.ops {
			needKey = needKey || op.Kind == Hash
		}
	}
	if len(cfg.Entities) > 0 {
		s.allowed = make(map[string]bool, len(cfg.Entities))
		for _, t := range cfg.Entities {
			if err := known(t); err != nil {
				return nil, err
			}
			s.allowed[t] = true
		}
	}
	s.skip = make([]bool, len(e.detectors))
	for i, info := range e.infos {
		if s.allowed != nil {
			s.skip[i] = !slices.ContainsFunc(info.Types, func(t string) bool { return s.allowed[t] })
		}
	}
	for i, we := range e.words {
		if s.skip[we.index] {
			s.skipWords |= 1 << i
		} else {
			s.words = true
		}
	}
	if needKey {
		if len(cfg.HashKey) == 0 {
			return nil, ErrNoKey
		}
		if len(cfg.HashKey) < MinKeyLen {
			return nil, fmt.Errorf("hash key is %d bytes; at least %d are required", len(cfg.HashKey), MinKeyLen)
		}
	}
	var err error
	if s.app, err = newApplier(cfg, s.defOp, s.ops); err != nil { // operator.go: checks the encrypt key
		return nil, err
	}
	return s, nil
}

// Reset makes the stream ready for a new transcript with the same Config.
func (s *Stream) Reset() {
	s.back, s.in, s.out, s.err, s.forced = s.back[:0], 0, 0, nil, 0
	s.entities = s.entities[:0]
	s.pending = s.pending[:0]
	s.app.reset() // operator.go: label numbers restart with the transcript
}

// Entities returns the entities written since the last ClearEntities, in
// stream order. The slice is reused by later calls.
func (s *Stream) Entities() []Entity { return s.entities }

// ClearEntities forgets the entities returned so far.
func (s *Stream) ClearEntities() { s.entities = s.entities[:0] }

// Offsets returns the bytes consumed from the original stream and written to
// the redacted stream so far.
func (s *Stream) Offsets() (original, redacted int64) { return s.in, s.out }

// Held returns how many bytes Write has accepted but not yet redacted (the
// held-back tail, at most Engine.MaxHold plus the last chunk).
func (s *Stream) Held() int { return len(s.pending) }

// ForcedCuts counts windows in which no cut point existed (a run of
// overlapping candidates longer than the window); see Engine.MaxHold.
func (s *Stream) ForcedCuts() int { return s.forced }

// Transform redacts src into dst with x/text/transform's contract: it returns
// the bytes written to dst and consumed from src. Text whose redaction could
// still change with more input is left unconsumed (ErrShortSrc); the caller
// appends more text to it and calls again, or passes atEOF. Progress is
// guaranteed once src holds Engine.MaxHold bytes.
func (s *Stream) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	out, n, full, err := s.run(dst[:0], len(dst), src, atEOF)
	switch {
	case err != nil:
	case n < len(src) && full:
		err = ErrShortDst
	case n < len(src) || (!atEOF && len(src) == 0):
		err = ErrShortSrc
	}
	return len(out), n, err
}

// Write appends the redacted text that became final with chunk to out.
func (s *Stream) Write(out, chunk []byte) ([]byte, error) {
	return s.feed(out, chunk, false)
}

// Close appends the rest of the redacted stream to out.
func (s *Stream) Close(out []byte) ([]byte, error) {
	return s.feed(out, nil, true)
}

func (s *Stream) feed(out, chunk []byte, atEOF bool) ([]byte, error) {
	src := chunk
	if len(s.pending) > 0 {
		s.pending = append(s.pending, chunk...)
		src = s.pending
	}
	out, n, _, err := s.run(out, -1, src, atEOF)
	rest := src[n:]
	if len(s.pending) > 0 {
		s.pending = s.pending[:copy(s.pending, rest)]
	} else {
		s.pending = append(s.pending[:0], rest...)
	}
	if err != nil {
		s.pending = s.pending[:0]
	}
	return out, err
}

// run redacts as much of src as is final, appending to out. limit bounds
// len(out) (negative: unbounded); full reports that it stopped on the limit.
func (s *Stream) run(out []byte, limit int, src []byte, atEOF bool) (_ []byte, n int, full bool, err error) {
	if s.err != nil {
		return out, 0, false, s.err
	}
	for n < len(src) {
		win, eof := src[n:], atEOF
		if len(win) > s.eng.window {
			win, eof = win[:s.eng.window], false
		}
		var k int
		out, k, full, err = s.step(out, limit, win, eof)
		n += k
		if err != nil {
			s.err = err
			return out, n, false, err
		}
		if k == 0 || full {
			break
		}
	}
	return out, n, full, nil
}

// step redacts the final prefix of one window.
func (s *Stream) step(out []byte, limit int, win []byte, eof bool) (_ []byte, consumed int, full bool, err error) {
	s.win = Window{Text: win, Before: s.back, EOF: eof}
	n := len(win)
	chainOpen := s.detect(&s.win, eof)
	cands := s.cands
	p := n
	if !eof {
		p = min(s.holdFrom(win, chainOpen), s.spokenOpen)
	}
	p0 := p
	for i := len(cands) - 1; i >= 0; i-- {
		if c := cands[i]; c.Start < p && (c.End > p || c.Open) {
			p = c.Start
		}
	}
	if len(s.runs) > 0 {
		p = s.spokenCut(p, cands)
	}
	forced := false
	if p == 0 && !eof && n >= s.eng.window {
		// No cut point in a whole window: cut anyway, redacting through the
		// last selected span (fail closed; see Engine.MaxHold).
		forced, p = true, p0
	}
	for k := 0; k < utf8.UTFMax-1 && p > 0 && p < n && !utf8.RuneStart(win[p]); k++ {
		p--
	}
	if p == 0 {
		return out, 0, false, nil
	}
	m := 0
	for m < len(cands) && cands[m].Start < p {
		m++
	}
	sel := s.resolve(cands[:m])
	if forced {
		s.forced++
		for _, c := range sel {
			p = max(p, c.End)
		}
	}
	if !utf8.Valid(win[:p]) {
		return out, 0, false, s.invalidUTF8(win[:p])
	}
	short := false // the output stops early, at a run boundary (spoken.go)
	if limit >= 0 && len(s.runs) > 0 {
		if q := s.spokenFit(out, limit, win, sel, p); q < p {
			if q == 0 {
				return out, 0, true, nil
			}
			p, short = q, true
			for len(sel) > 0 && sel[len(sel)-1].Start >= p {
				sel = sel[:len(sel)-1]
			}
		}
	}

	// Emit win[:p], replacing the selected spans.
	last := 0
	for _, c := range sel {
		var stop bool
		if out, stop = s.copyPlain(out, limit, win, last, c.Start); stop {
			return out, s.advance(win, s.cut), true, nil
		}
		op, ok := s.ops[c.Type]
		if !ok {
			op = s.defOp
		}
		s.rep = s.app.apply(s.rep[:0], op, c.Type, win[c.Start:c.End])
		if limit >= 0 && len(out)+len(s.rep) > limit {
			return out, s.advance(win, c.Start), true, nil
		}
		rs := s.out
		out = append(out, s.rep...)
		s.out += int64(len(s.rep))
		s.entities = append(s.entities, Entity{
			Type: c.Type, Detector: s.eng.infos[c.detector].Name, Score: c.Score,
			Start: s.in + int64(c.Start), End: s.in + int64(c.End),
			RedactedStart: rs, RedactedEnd: s.out,
		})
		last = c.End
	}
	var stop bool
	if out, stop = s.copyPlain(out, limit, win, last, p); stop {
		return out, s.advance(win, s.cut), true, nil
	}
	return out, s.advance(win, p), short, nil
}

// copyPlain copies win[from:to] to out, or as much of it as fits within
// limit, cut at a rune boundary; then stop is true and s.cut says where.
func (s *Stream) copyPlain(out []byte, limit int, win []byte, from, to int) (_ []byte, stop bool) {
	if limit < 0 || len(out)+to-from <= limit {
		s.out += int64(to - from)
		return append(out, win[from:to]...), false
	}
	cut := from + limit - len(out)
	for cut > from && !utf8.RuneStart(win[cut]) {
		cut--
	}
	s.out += int64(cut - from)
	s.cut = cut
	return append(out, win[from:cut]...), true
}

// advance records that win[:p] was consumed.
func (s *Stream) advance(win []byte, p int) int {
	if p == 0 {
		return 0
	}
	k := s.eng.lookback
	if p >= k {
		s.back = append(s.back[:0], win[p-k:p]...)
	} else {
		keep := min(len(s.back), k-p)
		s.back = append(s.back[:copy(s.back, s.back[len(s.back)-keep:])], win[:p]...)
	}
	s.in += int64(p)
	return p
}

func (s *Stream) invalidUTF8(b []byte) error {
	i := 0
	for i < len(b) {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		i += size
	}
	return &InputError{Offset: s.in + int64(i), Reason: "invalid UTF-8"}
}

// holdFrom returns the earliest position from which an entity could still
// grow into text not seen yet: the trailing word, and an open digit chain.
func (s *Stream) holdFrom(win []byte, chainOpen int) int {
	n := len(win)
	j, lim := n, max(0, n-s.eng.maxLen-MaxLookahead)
	for j > lim && classes[win[j-1]]&cSpace == 0 {
		j--
	}
	if chainOpen < n {
		j = min(j, max(chainOpen, n-s.eng.maxChain-MaxLookahead-1))
	}
	return j
}

// detect runs the candidate passes over the window and leaves the
// candidates that pass the policy in s.cands, sorted by start. It returns the
// start of a chain that may continue past the window, or len(w.Text).
func (s *Stream) detect(w *Window, eof bool) (chainOpen int) {
	e := s.eng
	text := w.Text
	n := len(text)
	cands := s.cands[:0]
	chainOpen = n
	s.hitsOK = false
	if s.words || e.spoken != nil {
		s.tail = wordTailEnd(w)
		s.wordList = AppendWords(s.wordList[:0], text, s.tail)
		if s.hitsOK = len(s.eng.ctxIdx.firsts) > 0; s.hitsOK {
			nb := (n + 1<<hitShift - 1) >> hitShift
			s.hits = slices.Grow(s.hits[:0], nb)[:nb]
			clear(s.hits)
			s.eng.ctxIdx.markHits(s.hits, s.wordList)
		}
	}
	// Main pass: digit chains and inline byte triggers ('@').
	i, lo := 0, 0
	if !e.anyTrigger {
		i = n
	}
	for {
		i = skipTo(text, i, &e.trigger, e.swar)
		if i >= n {
			break
		}
		if !IsDigit(text[i]) {
			for _, b := range e.inline[text[i]] {
				if s.skip[b.index] {
					continue
				}
				k := len(cands)
				cands = b.d.FindAtByte(cands, w, i)
				stamp(cands[k:], b.index)
			}
			i++
			continue
		}
		ch, open := lexChain(text, i, lo, s.toks)
		s.toks = ch.Tokens
		s.chain = ch
		cands = s.findInChain(cands, w, 0, false)
		if open {
			chainOpen = ch.Start
		}
		i, lo = ch.End, ch.End
	}
	s.spokenOpen, s.runs = n, s.runs[:0]
	if e.spoken != nil {
		cands, s.spokenOpen = s.spokenPass(cands, w)
	}
	if len(e.scanned) > 0 {
		cands = s.scanBytes(cands, w)
	}
	if s.words {
		cands = s.scanWords(cands, w, s.wordList, 0)
	}
	// Policy: context, minimum score, allow list, the stream's types.
	s.ctx.reset()
	var words []Word // the listed words, nil when the window's were not listed
	if s.words || e.spoken != nil {
		words = s.wordList[:len(s.wordList):len(s.wordList)]
		if words == nil {
			words = []Word{}
		}
	}
	k := 0
	for _, c := range cands {
		if m := e.contexts[c.detector]; m != nil && !c.Open {
			found, pending := false, false
			if bit := s.eng.ctxIdx.bit[c.detector]; bit == 0 || !s.hitsOK ||
				s.contextMisses(w, c.Start, c.Start, c.End, c.End, m.lookbehind(), m.lookahead(),
					!insideWord(w, c.Start), !insideWord(w, c.End), eof)&bit == 0 {
				found, pending = m.find(&s.ctx, w, words, c.Start, c.End, eof, e.ctxBefore, e.ctxAfter)
			}
			switch {
			case pending:
				c.Open = true
			case found:
				c.Score = min(1, c.Score+m.spec.Boost)
			case m.spec.Required:
				continue
			}
		}
		if c.Open {
			if eof {
				continue
			}
		} else if c.Score < s.minScoreOf(&c) ||
			e.allowed(&s.rep, c.Type, text[c.Start:c.End]) ||
			s.allowed != nil && !s.allowed[c.Type] {
			continue
		}
		cands[k] = c
		k++
	}
	s.cands = s.sortByStart(cands[:k])
	return chainOpen
}

// findInChain offers s.chain, found in w, to the chain detectors that want
// a chain of its length, except those whose required context is known to
// be missing. With known, miss holds the bits of the matchers that miss
// around every span the chain can give (a spoken run's, runMisses); without,
// only bounded detectors are skipped, on chainMisses' bits.
func (s *Stream) findInChain(cands []Candidate, w *Window, miss uint64, known bool) []Candidate {
	for _, c := range s.eng.chainDetectors(s.chain.Digits) {
		if c.groups&s.chain.Groups == 0 || s.chain.Digits < c.minDigits || s.skip[c.index] {
			continue
		}
		if req := s.eng.ctxIdx.req[c.index]; req != 0 && (known || c.bounded) {
			if !known {
				miss, known = s.chainMisses(w), true
			}
			if req&miss != 0 {
				continue
			}
		}
		k := len(cands)
		cands = c.d.FindInChain(cands, w, &s.chain)
		stamp(cands[k:], c.index)
	}
	return cands
}

// chainMisses returns the bits of the context matchers that find no phrase,
// and none pending, around any span inside s.chain, found in w by the main
// pass: the spans of a BoundedChainDetector, once the chain ends more than
// MaxLookahead bytes before the window (or the window ends the stream).
// A span that starts or ends inside a word has a part word next to it,
// which the hits do not cover; it cannot be a phrase's first word when the
// words around the chain hold only digits and apostrophes and no phrase
// begins with such a word.
func (s *Stream) chainMisses(w *Window) uint64 {
	ch := &s.chain
	if !s.hitsOK || !w.EOF && ch.End+MaxLookahead+1 >= len(w.Text) {
		return 0
	}
	e := s.eng
	ok := !e.ctxIdx.digitFirst && digitsAround(w, ch.Start, ch.End)
	return s.contextMisses(w, ch.Start, ch.End, ch.Start, ch.End, e.ctxBefore, e.ctxAfter, ok, ok, w.EOF)
}

// digitsAround reports whether the words that overlap w.Text[a:b], and
// the bytes between them, hold no letter or non-ASCII byte; false when such
// a word reaches out of the window.
func digitsAround(w *Window, a, b int) bool {
	text := w.Text
	for a > 0 && wordOrApos[text[a-1]] != 0 {
		a--
	}
	for b < len(text) && wordOrApos[text[b]] != 0 {
		b++
	}
	if a == 0 && wordOrApos[w.ByteAt(-1)] != 0 || b == len(text) {
		return false
	}
	for _, c := range text[a:b] {
		if classes[c]&cLetter != 0 || c >= 0x80 {
			return false
		}
	}
	return true
}

// scanBytes runs the byte detectors that need their own pass (pack regexes
// that start with letters or digits).
func (s *Stream) scanBytes(cands []Candidate, w *Window) []Candidate {
	e := s.eng
	text := w.Text
	for i := 0; i < len(text); i++ {
		b := text[i]
		if !e.scanTrig[b] {
			continue
		}
		midWord := IsAlnum(b) && IsAlnum(w.ByteBefore(i))
		for _, be := range e.scanned {
			if be.bytes[b] && !(be.wordStart && midWord) && !s.skip[be.index] {
				k := len(cands)
				cands = be.d.FindAtByte(cands, w, i)
				stamp(cands[k:], be.index)
			}
		}
	}
	return cands
}

// wordTailEnd returns the end of the tail of a word that began before w
// ("85'|96", "O|'Brien"), 0 without one.
func wordTailEnd(w *Window) int {
	text := w.Text
	i := 0
	inWord := IsWordByte(w.ByteAt(-1)) || w.ByteAt(-1) == '\'' && IsWordByte(w.ByteAt(-2))
	for inWord && i < len(text) {
		c := text[i]
		inWord = IsWordByte(c) || c == '\'' && IsWordByte(w.ByteAt(i-1)) && IsWordByte(w.ByteAt(i+1))
		if inWord {
			i++
		}
	}
	return i
}

// scanWords hands the words of w (listed in words) that pass the word
// filter to the word detectors, except those with a bit in skip (by
// position in Engine.words). Each word's detectors come from bit masks
// (Bloom, capitalisation and length) before any detector's own filter is
// read, so a word costs a few instructions however many word detectors
// there are.
func (s *Stream) scanWords(cands []Candidate, w *Window, words []Word, skip uint64) []Candidate {
	e := s.eng
	text := w.Text
	bloom := e.wordBloom
	f := &e.wordMasks
	skip |= s.skipWords
	if !w.Spoken {
		skip |= f.spokenOnly
	}
	for _, wd := range words {
		h := wd.Hash
		start, end := int(wd.Start), int(wd.End)
		inBloom := bloom.Has(h)
		capital := text[start]-'A' < 26 || text[start] >= 0x80
		m := f.all
		if inBloom {
			m |= f.bloom
		}
		if capital {
			m |= f.capsByLen[min(end-start, 31)]
		}
		m &^= skip
		if end < len(text) {
			m &= f.next[text[end]]
		}
		for m != 0 {
			we := &e.words[bits.TrailingZeros64(m)]
			m &= m - 1
			if !we.all && !(inBloom && we.bloom != nil && we.bloom.Has(h)) &&
				!(we.caps && capital && (we.capLen == 0 || we.capLen&(1<<min(end-start, 31)) != 0) &&
					(we.except == nil || !we.except.Has(h))) {
				continue
			}
			k := len(cands)
			cands = we.d.FindWord(cands, w, start, end, h)
			stamp(cands[k:], we.index)
		}
	}
	return cands
}

// minScoreOf returns the policy's minimum score for c, looked up among its
// detector's types (a string compare or two) rather than in the map.
func (s *Stream) minScoreOf(c *Candidate) float32 {
	for i, t := range s.eng.infos[c.detector].Types {
		if t == c.Type {
			return s.eng.minScore[c.detector][i]
		}
	}
	return s.eng.policy.MinScore[c.Type]
}

func stamp(cs []Candidate, index int32) {
	for i := range cs {
		cs[i].detector = index
	}
}

// sortByStart sorts cands by start, longest first at one start (byStart),
// and returns them, maybe in another buffer (s.cands and s.sorted trade
// places). It sorts packed keys (start, length, index) rather than the
// candidates through a comparator, and leaves candidates that tie in the
// order they came in.
func (s *Stream) sortByStart(cands []Candidate) []Candidate {
	if len(cands) < 2 || slices.IsSortedFunc(cands, byStart) {
		return cands
	}
	keys := s.sortKeys[:0]
	for i, c := range cands {
		n := c.End - c.Start
		if c.Start < 0 || c.Start >= 1<<24 || n < 0 || n >= 1<<16 || i >= 1<<24 {
			slices.SortStableFunc(cands, byStart)
			return cands
		}
		keys = append(keys, uint64(c.Start)<<40|uint64(1<<16-1-n)<<24|uint64(i))
	}
	s.sortKeys = keys
	slices.Sort(keys)
	out := s.sorted[:0]
	for _, k := range keys {
		out = append(out, cands[k&(1<<24-1)])
	}
	s.sorted = cands[:0]
	return out
}

func byStart(a, b Candidate) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	return b.End - a.End
}

// contextMisses returns the bits of the context matchers that find no
// phrase, and none pending, around any span [a, b) with a in [a0, a1] and b
// in [b0, b1], judged from s.hits (which needs s.hitsOK). The matchers
// asked about read at most before bytes before a span and after bytes after
// it. find reads the listed words there when startsOK and endsOK say no
// such a or b lies inside a word; it reads bytes instead (which the hits do
// not cover) only before the first listed word, so the words before a0
// must not reach back to the tail of a word that began before the window;
// and it can be pending only when the engine's widest context after b1
// reaches the window end.
func (s *Stream) contextMisses(w *Window, a0, a1, b0, b1, before, after int, startsOK, endsOK, eof bool) uint64 {
	x := &s.eng.ctxIdx
	missB, missA := x.noBefore, x.noAfter
	if startsOK && a0-before >= s.tail {
		missB |= ^hitMask(s.hits, a0-before, a1)
	}
	if endsOK && (eof || b1+s.eng.ctxAfter < len(w.Text)) {
		missA |= ^hitMask(s.hits, b0, b1+after)
	}
	return missB & missA
}
