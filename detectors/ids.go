package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// The identifier catalog (US, financial and health identifiers) follows one
// split of work:
//
//   - Identifiers with a check (ABA routing 3-7-1, ITIN ranges, NPI
//     Luhn-80840, DEA, MBI format, VIN check digit, CA SIN Luhn) are found
//     without context. Their detectors score by shape (a number written the
//     way the identifier is printed scores higher than a bare digit run), and
//     the default pack's context words add a boost, which is what tells the
//     shapes that several identifiers share apart: a nine-digit number after
//     "routing" outscores the same number as a compact SSN.
//   - Identifiers without a check (passport, driver's license, bank account,
//     medical record, health plan, CVV, card expiry, number sequence) are
//     only shapes; the default pack requires a context word for them, so the
//     detectors here report every well-formed shape and leave it to the
//     engine to drop the ones nobody asked for.
//
// Every detector reads at most two bytes before a span (boundaryBefore) and
// two after it (boundaryAfter), except VIN, which may start with a letter run
// the chain lexer left out. A span that reaches the last bytes of a window
// that is not the end of the stream is reported Open, so the engine waits for
// the bytes that decide its boundary.

// idCandidate returns the candidate [s, e), Open when the bytes that decide
// its end boundary are not in the window yet.
func idCandidate(w *redact.Window, s, e int, typ string, score float32) redact.Candidate {
	return redact.Candidate{Start: s, End: e, Type: typ, Score: score, Open: !w.EOF && e+redact.MaxLookahead > len(w.Text)}
}

// spaceGluedBefore reports whether the number that starts at s continues a number
// before it by a single space ("4111 1111": the second group is not a
// number of its own). It reads two bytes before s.
func spaceGluedBefore(w *redact.Window, s int) bool {
	return w.ByteBefore(s) == ' ' && redact.IsDigit(w.ByteBefore(s-1))
}

// spaceGluedAfter reports whether the number that ends at e goes on after a
// single space. It reads two bytes from e.
func spaceGluedAfter(w *redact.Window, e int) bool {
	return w.ByteAt(e) == ' ' && redact.IsDigit(w.ByteAt(e+1))
}

// digitsValue returns the number written by the ASCII digits b.
func digitsValue(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// idShape describes an identifier that is only a shape: digit groups,
// optionally behind letters glued to the first group ("A12803456",
// "XYZ123456789"). The detectors for identifiers without a check are
// idShapes; the pack supplies the context they need.
type idShape struct {
	typ   string
	score float32
	// bare and prefixed bound the digit count without and with a letter
	// prefix; a zero upper bound forbids that form.
	bare, prefixed [2]int
	maxPrefix      int // longest letter prefix
	// seps are the separators allowed between digit groups ("" compact
	// only). A grouped shape is not taken from the middle of a longer
	// space-separated number, nor ends where one goes on.
	seps     string
	minGroup int // shortest digit group, when grouped
	maxLen   int // longest span in bytes
}

// find appends the longest well-formed span from every start in chain c.
func (s *idShape) find(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	least := s.prefixed[0]
	if s.bare[1] > 0 && (s.prefixed[1] == 0 || s.bare[0] < least) {
		least = s.bare[0]
	}
	rem := c.Digits // digits from token t on
	for t, tok := range toks {
		start, first, rng := int(tok.Start), t, s.bare
		switch tok.Kind {
		case redact.Digits:
			if rem < least {
				return dst // no start from here on has enough digits
			}
			rem -= int(tok.End - tok.Start)
			if rem+int(tok.End-tok.Start) < rng[0] {
				continue
			}
		case redact.Letters:
			l := int(tok.End - tok.Start)
			if l > s.maxPrefix || t+1 >= len(toks) || toks[t+1].Kind != redact.Digits || toks[t+1].Start != tok.End {
				continue
			}
			first, rng = t+1, s.prefixed
			if rem < rng[0] {
				continue
			}
		default:
			continue
		}
		// The first group alone must fit, or be long enough to lead a grouped form.
		if l := int(toks[first].End - toks[first].Start); l > rng[1] || l < s.minGroup || s.seps == "" && l < rng[0] {
			continue
		}
		if rng[1] == 0 || !boundaryBefore(w, start) || s.seps != "" && spaceGluedBefore(w, start) {
			continue
		}
		// Walk the digit groups (without copying them, unlike groupWalker).
		best, nd := -1, 0
		var sep byte
		for k := first; ; k += 2 {
			g := toks[k]
			l, end := int(g.End-g.Start), int(g.End)
			nd += l
			if nd > rng[1] || end-start > s.maxLen || k > first && (l < s.minGroup || k == first+2 && int(toks[first].End-toks[first].Start) < s.minGroup) {
				break
			}
			if nd >= rng[0] && boundaryAfter(w, end) && (s.seps == "" || !spaceGluedAfter(w, end)) {
				best = end
			}
			// The next group follows one separator from seps, the same each time.
			if s.seps == "" || k+2 >= len(toks) || toks[k+1].Kind != redact.Sep || toks[k+2].Kind != redact.Digits {
				break
			}
			b := sepByte(w, toks[k+1])
			if sep == 0 && !containsByte(s.seps, b) || sep != 0 && b != sep {
				break
			}
			sep = b
		}
		if best > 0 {
			dst = append(dst, idCandidate(w, start, best, s.typ, s.score))
		}
	}
	return dst
}

// groupLengths returns the GroupLengths of a grouped shape: every group of
// a span has minGroup digits or more, and no more than the shape's most.
func (s *idShape) groupLengths() uint64 {
	return groupRange(max(s.minGroup, 1), max(s.bare[1], s.prefixed[1]))
}

// ABARouting finds ABA routing transit numbers: nine digits, compact or
// grouped 4-4-1 as printed on cheques ("3222-7162-7"), whose 3-7-1 weighted
// sum is a multiple of ten and whose first two digits are a Federal Reserve
// routing symbol (00-12, 21-32, 61-72, 80). Compact ones score 0.4 (below a
// compact SSN) and grouped ones 0.5; "routing" context lifts them above it.
type ABARouting struct{}

var _ redact.GroupFilteredDetector = ABARouting{}

// Info implements redact.Detector.
func (ABARouting) Info() redact.Info {
	return redact.Info{Name: "aba_routing", Types: []string{"ABA_ROUTING_NUMBER"}, MaxLen: 11, Priority: 25, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (ABARouting) MinDigits() int { return 9 }

// GroupLengths implements redact.GroupFilteredDetector: a span is nine
// compact digits or 4-4-1, so it holds a group of 9 or 1.
func (ABARouting) GroupLengths() uint64 { return 1<<9 | 1<<1 }

// FindInChain implements redact.ChainDetector.
func (ABARouting) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	rem := c.Digits // digits from token t on
	for t, tok := range c.Tokens {
		if tok.Kind != redact.Digits {
			continue
		}
		if rem < 9 {
			break
		}
		l := int(tok.End - tok.Start)
		rem -= l
		// Only nine compact digits or 4-4-1 score.
		if l != 9 && l != 4 || !boundaryBefore(w, int(tok.Start)) {
			continue
		}
		g := newGroupWalker(w, c.Tokens, t, "- ", 9)
		for g.groups < 3 && g.step() {
			if g.nd != 9 {
				continue
			}
			var score float32
			switch {
			case g.groups == 1:
				score = 0.4
			case g.groups == 3 && g.lens[0] == 4 && g.lens[1] == 4:
				score = 0.5
			}
			d := g.digits()
			if score > 0 && boundaryAfter(w, g.end) && fedRoutingSymbol(digitsValue(d[:2])) && validate.ABARouting(d) {
				dst = append(dst, idCandidate(w, int(tok.Start), g.end, "ABA_ROUTING_NUMBER", score))
			}
			break
		}
	}
	return dst
}

// fedRoutingSymbol reports whether the first two digits of a routing number
// are in use: 00 (US government), 01-12 (Federal Reserve districts), 21-32
// (thrifts), 61-72 (electronic) and 80 (traveller's cheques).
func fedRoutingSymbol(p int) bool {
	return p <= 12 || p >= 21 && p <= 32 || p >= 61 && p <= 72 || p == 80
}

// USBankNumber finds US bank account numbers: 8 to 17 digits, compact or in
// groups of three or more joined by one consistent space or dash. There is no
// check digit; the default pack requires an account context word.
type USBankNumber struct{}

var _ redact.GroupFilteredDetector = USBankNumber{}

// Info implements redact.Detector.
func (USBankNumber) Info() redact.Info {
	return redact.Info{Name: "us_bank_number", Types: []string{"US_BANK_NUMBER"}, MaxLen: 24, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (USBankNumber) MinDigits() int { return 8 }

// GroupLengths implements redact.GroupFilteredDetector: every group of a
// span has 3 to 17 digits.
func (USBankNumber) GroupLengths() uint64 {
	return bankNumberShape.groupLengths()
}

// FindInChain implements redact.ChainDetector.
func (USBankNumber) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return bankNumberShape.find(dst, w, c)
}

var bankNumberShape = idShape{typ: "US_BANK_NUMBER", score: 0.7, bare: [2]int{8, 17}, seps: " -", minGroup: 3, maxLen: 24}

// CardExpiry finds payment card expiry dates: MM/YY or MM/YYYY (with '/',
// '-', '.' or a space; a one-digit month only with '/'), and compact MMYY or
// MMYYYY; the month is 01-12 and a four-digit year 2000-2099. A date that
// goes on ("04/27/2025") or a group of a longer number ("4111 1204") is not
// taken. The default pack requires an expiry context word.
type CardExpiry struct{}

var _ redact.GroupFilteredDetector = CardExpiry{}

// Info implements redact.Detector.
func (CardExpiry) Info() redact.Info {
	return redact.Info{Name: "card_expiry", Types: []string{"CARD_EXPIRY"}, MaxLen: 7, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (CardExpiry) MinDigits() int { return 3 }

// GroupLengths implements redact.GroupFilteredDetector: a span is MMYY or
// MMYYYY in one group, or a month, a separator and a year of 2 or 4 digits.
func (CardExpiry) GroupLengths() uint64 { return 1<<2 | 1<<4 | 1<<6 }

// FindInChain implements redact.ChainDetector.
func (CardExpiry) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t, tok := range toks {
		if tok.Kind != redact.Digits {
			continue
		}
		// The shape first: it rejects most groups without a look around them.
		s := int(tok.Start)
		d := w.Text[tok.Start:tok.End]
		end, score := -1, float32(0)
		switch {
		case len(d) == 4 || len(d) == 6: // MMYY, MMYYYY
			// Without a separator, MMYY is also a price said aloud ("twelve
			// ninety nine"): a card expires in this century's first half.
			if expiryMonth(d[:2]) && expiryYear(d[2:]) && (len(d) == 6 || d[2] < '5') {
				end, score = int(tok.End), 0.7
			}
		case len(d) <= 2 && t+2 < len(toks) && toks[t+1].Kind == redact.Sep && toks[t+2].Kind == redact.Digits:
			sep := sepByte(w, toks[t+1])
			y := w.Text[toks[t+2].Start:toks[t+2].End]
			if (sep == '/' || len(d) == 2 && (sep == '-' || sep == '.' || sep == ' ')) && expiryMonth(d) && expiryYear(y) {
				end, score = int(toks[t+2].End), 0.85
			}
		}
		if end > 0 && boundaryBefore(w, s) && !spaceGluedBefore(w, s) && boundaryAfter(w, end) && !spaceGluedAfter(w, end) {
			dst = append(dst, idCandidate(w, s, end, "CARD_EXPIRY", score))
		}
	}
	return dst
}

func expiryMonth(d []byte) bool {
	m := digitsValue(d)
	return m >= 1 && m <= 12 && (len(d) == 1 || len(d) == 2)
}

func expiryYear(d []byte) bool {
	switch len(d) {
	case 2:
		return true
	case 4:
		return d[0] == '2' && d[1] == '0'
	}
	return false
}

// CardCVV finds card security codes: three or four digits standing alone
// (not a group of a longer number). Anything of that shape qualifies, so the
// default pack requires a CVV context word a few words before it.
type CardCVV struct{}

var _ redact.GroupFilteredDetector = CardCVV{}

// Info implements redact.Detector.
func (CardCVV) Info() redact.Info {
	return redact.Info{Name: "card_cvv", Types: []string{"CARD_CVV"}, MaxLen: 4, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (CardCVV) MinDigits() int { return 3 }

// GroupLengths implements redact.GroupFilteredDetector: a span is one group
// of 3 or 4 digits.
func (CardCVV) GroupLengths() uint64 { return 1<<3 | 1<<4 }

// FindInChain implements redact.ChainDetector.
func (CardCVV) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for _, tok := range c.Tokens {
		s, e := int(tok.Start), int(tok.End)
		if tok.Kind != redact.Digits || e-s < 3 || e-s > 4 {
			continue
		}
		if !boundaryBefore(w, s) || spaceGluedBefore(w, s) || !boundaryAfter(w, e) || spaceGluedAfter(w, e) {
			continue
		}
		// Four digits are as often an expiry (MMYY) or a year: score lower.
		score := float32(0.8)
		if e-s == 4 {
			score = 0.75
		}
		dst = append(dst, idCandidate(w, s, e, "CARD_CVV", score))
	}
	return dst
}

// NumberSequence is the catch-all for long digit runs: 7 to 64 digits in one
// run, not glued to letters or to another number. It scores low (0.35) so
// that every detector that knows what the number is wins the same span; the
// default pack requires a context word ("account", "number", "ID",
// "reference") in the words before it, which includes a question in the
// previous turn.
type NumberSequence struct{}

var _ redact.GroupFilteredDetector = NumberSequence{}

const numberSequenceMax = 64

// Info implements redact.Detector.
func (NumberSequence) Info() redact.Info {
	return redact.Info{Name: "number_sequence", Types: []string{"NUMBER_SEQUENCE"}, MaxLen: numberSequenceMax, Priority: 90, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (NumberSequence) MinDigits() int { return 7 }

// GroupLengths implements redact.GroupFilteredDetector: a span is one group
// of 7 to 64 digits.
func (NumberSequence) GroupLengths() uint64 { return groupRange(7, 63) }

// FindInChain implements redact.ChainDetector.
func (NumberSequence) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for _, tok := range c.Tokens {
		s, e := int(tok.Start), int(tok.End)
		if tok.Kind != redact.Digits || e-s < 7 || e-s > numberSequenceMax {
			continue
		}
		if !boundaryBefore(w, s) || spaceGluedBefore(w, s) || !boundaryAfter(w, e) || spaceGluedAfter(w, e) {
			continue
		}
		dst = append(dst, idCandidate(w, s, e, "NUMBER_SEQUENCE", 0.35))
	}
	return dst
}

// VIN finds vehicle identification numbers: 17 letters and digits in one
// run (no I, O or Q), at least one of them a letter, with a valid North
// American check digit in position 9. Vehicles built for other markets often
// carry no check digit and are not found. A VIN may begin with more letters
// than the chain lexer takes in ("WBAPH5C51BA123456"), so the detector reads
// back up to 17 bytes before the chain.
type VIN struct{}

var _ redact.ChainDetector = VIN{}

const vinLen = 17

// Info implements redact.Detector.
func (VIN) Info() redact.Info {
	return redact.Info{Name: "vin", Types: []string{"VIN"}, MaxLen: vinLen, Priority: 20, Lookbehind: vinLen + 1}
}

// MinDigits implements redact.ChainDetector. The serial number at the end of
// a VIN is digits (at least its last four, 49 CFR 565.15).
func (VIN) MinDigits() int { return 4 }

// FindInChain implements redact.ChainDetector.
func (VIN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	if c.End-c.Start < vinLen && !redact.IsLetter(w.ByteBefore(c.Start)) {
		return dst
	}
	toks := c.Tokens
	for t := 0; t < len(toks); {
		// A run of glued letter and digit tokens.
		if toks[t].Kind == redact.Sep {
			t++
			continue
		}
		k := t + 1
		for k < len(toks) && toks[k].Kind != redact.Sep {
			k++
		}
		s, e := int(toks[t].Start), int(toks[k-1].End)
		t = k
		for e-s <= vinLen && redact.IsLetter(w.ByteBefore(s)) {
			s-- // letters the lexer left out before the chain
		}
		if e-s != vinLen || s < 0 || redact.IsAlnum(w.ByteBefore(s)) || redact.IsAlnum(w.ByteAt(e)) {
			continue
		}
		var buf [vinLen]byte
		letters := false
		for i := range buf {
			buf[i] = w.ByteAt(s + i)
			letters = letters || redact.IsLetter(buf[i])
		}
		if letters && validate.VIN(buf[:]) {
			dst = append(dst, idCandidate(w, s, e, "VIN", 0.9))
		}
	}
	return dst
}
