package redact

// Info describes a detector to the engine.
type Info struct {
	// Name identifies the detector in reports and breaks ties between overlapping candidates.
	Name string
	// Types lists the entity types the detector may report.
	Types []string
	// MaxLen bounds the length in bytes of every span the detector reports; it
	// bounds how much text a stream holds back. Compile rejects 0 or more than MaxSpanLen.
	MaxLen int
	// Priority breaks ties between overlapping candidates of equal length and
	// score: the lower value wins.
	Priority int
	// Lookbehind is how many bytes before a span's start the detector reads
	// (at least 1, for the boundary check); at most MaxSpanLen.
	Lookbehind int
	// Context, when set, makes the engine look for context words around
	// each span: they raise its score, or are required for it.
	Context *ContextSpec
}

// MaxSpanLen is the longest span any detector may report.
const MaxSpanLen = 1024

// MaxLookahead is how many bytes past a span's end a detector may read.
const MaxLookahead = 2

// Detector is the common part of every detector. Implementations must be safe
// for concurrent use and local: whether a span [start, end) is reported may
// depend only on the bytes from start-Lookbehind to end+MaxLookahead
// (exclusive).
type Detector interface {
	Info() Info
}

// ChainDetector finds entities made of digit groups (phone, card, IBAN, SSN ...).
type ChainDetector interface {
	Detector
	// MinDigits is the fewest digits a span of this detector contains; chains
	// with fewer digits are not offered to it.
	MinDigits() int
	// FindInChain appends the candidates it finds in chain c of window w to dst.
	FindInChain(dst []Candidate, w *Window, c *Chain) []Candidate
}

// GroupFilteredDetector is a ChainDetector that reports spans only in
// chains holding a digit group (a Digits token) of a length in
// GroupLengths: bit n for n digits, bit 63 for 63 or more. The engine does
// not offer it other chains; most chains are prices, times and years,
// whose groups few identifiers use.
type GroupFilteredDetector interface {
	ChainDetector
	GroupLengths() uint64
}

// BoundedChainDetector is a ChainDetector whose spans lie inside the chain
// it is offered (Start and End in [Chain.Start, Chain.End]) and are not
// Open when the chain ends more than MaxLookahead bytes before the window
// does. Where its context is required and provably absent around the
// chain, the engine does not offer it the chain (Stream.chainMisses).
type BoundedChainDetector interface {
	ChainDetector
	SpansInChain()
}

// InfoWrapper is a detector that wraps another to change only its Info
// (name, priority, context), as a pack does: when Base returns a detector,
// the engine calls Base's finder directly, which saves a call per
// candidate. A wrapper that changes what is found returns nil.
type InfoWrapper interface {
	Detector
	Base() Detector
}

// ByteDetector finds entities at the bytes of a set: emails around '@',
// pack regexes at the bytes their matches can start with.
type ByteDetector interface {
	Detector
	// Trigger returns the bytes FindAtByte is called at; with wordStart, only
	// where the byte is not a letter or digit or follows one that is not.
	Trigger() (bytes []byte, wordStart bool)
	// FindAtByte appends the candidates at or around w.Text[i] to dst.
	FindAtByte(dst []Candidate, w *Window, i int) []Candidate
}

// WordFilter lets the engine skip words a WordDetector cannot want: a word
// reaches the detector only if its WordHash is in the Bloom filter, or, with
// Capitalized, it starts with an upper-case ASCII letter or a non-ASCII byte.
type WordFilter struct {
	Bloom       *WordBloom
	Capitalized bool
	// Except keeps capitalised words out (common words at a sentence start).
	Except *WordBloom
	// CapitalizedLengths, when not 0, lets only capitalised words whose
	// length in bytes n has bit n set through (lengths over 31 count as 31).
	CapitalizedLengths uint32
	// Next, when not empty, lets a word through (by Bloom or capital) only
	// where the byte after it is one of these, or where it ends the window:
	// "Caller:" is no street, "10:30" no date.
	Next string
	// SpokenOnly hands the detector only the words of spoken runs'
	// canonical text (Window.Spoken), never the transcript's own.
	SpokenOnly bool
}

// WordBloomBits is the size of a WordBloom: 2^19 bits, 64 KiB, so that it
// stays in the L2 cache.
const WordBloomBits = 1 << 19

// WordBloom is a blocked Bloom filter over word hashes: each hash sets two
// bits of one 64-bit word, so a test reads one word and a 40,000-name list
// lets about 4% of other words through (one bit: 11%).
type WordBloom [WordBloomBits / 64]uint64

// bloomBits returns the word index and the two-bit mask of h.
func bloomBits(h uint64) (int, uint64) {
	return int(h >> (64 - 13)), 1<<(h>>45&63) | 1<<(h>>39&63)
}

// Add puts a word hash in the filter.
func (b *WordBloom) Add(h uint64) { i, m := bloomBits(h); b[i] |= m }

// Has reports whether h may be in the filter.
func (b *WordBloom) Has(h uint64) bool { i, m := bloomBits(h); return b[i]&m == m }

// FilteredWordDetector is a WordDetector that tells the engine which words
// to skip. Without it, a WordDetector sees every word.
type FilteredWordDetector interface {
	WordDetector
	WordFilter() WordFilter
}

// WordDetector finds entities made of dictionary words. The engine calls it
// for every word (a run of ASCII letters and digits, apostrophes inside, and
// non-ASCII bytes) with the word's WordHash.
type WordDetector interface {
	Detector
	// FindWord appends the candidates that start with the word
	// w.Text[start:end] to dst.
	FindWord(dst []Candidate, w *Window, start, end int, hash uint64) []Candidate
}

// Candidate is a span a detector proposes; the engine resolves overlaps.
type Candidate struct {
	Start, End int // byte offsets in the window, end exclusive
	Type       string
	Score      float32
	// Open says the candidate ran into the end of the window and could still
	// change with more text (a dictionary phrase half seen): the stream holds
	// the text from Start back, and at the end of the stream drops it.
	Open     bool
	detector int32 // index into Engine.detectors, set by the engine
}

// Window is the text a detector searches.
type Window struct {
	Text []byte
	// Before holds the stream bytes just before Text[0] (the engine's
	// largest Lookbehind of them, fewer at the start of a stream).
	Before []byte
	// EOF says the stream ends with Text; otherwise more text may follow.
	EOF bool
	// Spoken says Text is the canonical text of one spoken run (see
	// SpokenView), not the transcript: upper-case letters there were
	// spelled out one by one ("j o h n" is "JOHN").
	Spoken bool
}

// ByteAt returns Text[i]; a negative i reads Before (Text[-1] is the byte
// just before Text[0]). Past either end it returns ' '.
func (w *Window) ByteAt(i int) byte {
	if i >= 0 {
		if i < len(w.Text) {
			return w.Text[i]
		}
		return ' '
	}
	if j := len(w.Before) + i; j >= 0 {
		return w.Before[j]
	}
	return ' '
}

// ByteBefore returns the byte before Text[i]: ByteAt(i-1).
func (w *Window) ByteBefore(i int) byte { return w.ByteAt(i - 1) }

// TokenKind classifies a Token of a Chain.
type TokenKind uint8

// Token kinds.
const (
	Digits  TokenKind = iota + 1 // a run of ASCII digits
	Letters                      // a run of ASCII letters
	Sep                          // one separator byte: space - . / ( ) +
)

// Token is one lexical piece of a Chain.
type Token struct {
	Start, End int32
	Kind       TokenKind
}

// Chain is a run of digit groups, short letter groups and single separators,
// such as "(415) 555-0132" or "GB82 WEST 1234 5698 7654 32". Entities made of
// digits lie inside one chain.
type Chain struct {
	Start, End int
	Tokens     []Token
	Digits     int    // number of digit bytes in the chain
	Groups     uint64 // bit n set when a Digits token has n digits (bit 63: 63 or more)
}

// GroupBit returns the Chain.Groups bit of a digit group of n digits.
func GroupBit(n int) uint64 { return 1 << min(n, 63) }
