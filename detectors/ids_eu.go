package detectors

import (
	"time"

	"redactor/detectors/validate"
	"redactor/redact"
)

// European national identifiers (the UK, Germany, France, Spain, Italy, the
// Netherlands, Belgium, Sweden, Poland, Denmark, Finland, Ireland and
// Portugal). Each detector is a cheap walk over the engine's digit chains —
// or, for the UK National Insurance number, over capitalised words — then a
// validator from package validate, then a score that says how much the shape
// and the check alone tell:
//
//   - Shapes that are rare in speech and carry a check (Italian fiscal code,
//     Finnish HETU, Spanish DNI and NIE, a Belgian number written as printed,
//     a Swedish personnummer with its dash) score 0.5 to 0.95: redacted bare.
//   - Plain digit runs whose check lets one random number in ten or eleven
//     through (Dutch BSN, Portuguese NIF, an NHS number written compact)
//     score 0.3, under the default pack's min_score of 0.4, so only a
//     context word ("BSN", "NIF", "NHS") lifts them into redaction. Call
//     centres read out many such numbers (orders, invoices, tickets).
//   - Identifiers without a check (UK NINO, Danish CPR) are found only with
//     a context word (`required: true` in the pack).
//
// Many of these identifiers share a shape with one another and with other
// types: nine digits (BSN, NIF, US SSN, CA SIN), ten (NHS, CPR,
// personnummer, a phone number), eleven (Steuer-ID, PESEL, Belgian number).
// Bare scores stay under the phone detector's (0.6 compact, 0.85 grouped)
// and the pack's context boosts lift them above it, so a context word, not
// detector order, decides which type a shared shape gets.
//
// Two checks depend on today's date: a Danish CPR's birth date may not lie in
// the future, and a Belgian number's key for births from 2000 applies only to
// years up to now. The detectors read the clock (time.Now) only when a number
// of the right shape reaches the validator, so a long-running server needs no
// pack reload to follow the calendar.
//
// Locality: a detector reads at most four bytes before a span (a "PT"
// prefix and its boundary) and two after it. Whenever it needs a byte past
// the end of a window that is not the end of the stream, it reports an Open
// candidate, and the engine waits for more text.

// euSeps are the separators European numbers are written with.
const euSeps = " .-"

// euCursor reads window bytes and remembers whether it read past the end of
// the window.
type euCursor struct {
	w    *redact.Window
	past bool
}

func (c *euCursor) at(i int) byte {
	if i >= len(c.w.Text) {
		c.past = true
	}
	return c.w.ByteAt(i)
}

// open reports whether what the cursor read depends on text not seen yet.
func (c *euCursor) open() bool { return c.past && !c.w.EOF }

// boundaryAfter is boundaryAfter (doc.go) read through the cursor.
func (c *euCursor) boundaryAfter(i int) bool {
	b := c.at(i)
	switch {
	case redact.IsAlnum(b):
		return false
	case b == '-' || b == '/':
		return !redact.IsAlnum(c.at(i + 1))
	case b == '.':
		return !redact.IsDigit(c.at(i + 1))
	}
	return true
}

// end reports whether a number may end at i: a boundary, and not a number
// that goes on after one of seps ("943 476 5919 12").
func (c *euCursor) end(i int, seps string) bool {
	if !c.boundaryAfter(i) {
		return false
	}
	b := c.at(i)
	return !(containsByte(seps, b) && redact.IsDigit(c.at(i+1)))
}

// euStart reports whether a number may start at i: boundaryBefore, not
// after '+' (a phone number), '#' (a reference) or '$', and not the second
// group of a longer number joined by one of seps ("12 345 678 903" holds no
// nine-digit number at "345"). It reads two bytes before i.
func euStart(w *redact.Window, i int, seps string) bool {
	b := w.ByteBefore(i)
	if b == '+' || b == '#' || b == '$' || !boundaryBefore(w, i) {
		return false
	}
	return !(containsByte(seps, b) && redact.IsDigit(w.ByteBefore(i-1)))
}

// euAppend appends the candidate [start, end) with score, or, when the
// cursor read past the window, an Open candidate from start.
func euAppend(dst []redact.Candidate, c *euCursor, start, end int, typ string, score float32) []redact.Candidate {
	switch {
	case c.open():
		return append(dst, redact.Candidate{Start: start, End: len(c.w.Text), Type: typ, Open: true})
	case end > start && score > 0:
		return append(dst, redact.Candidate{Start: start, End: end, Type: typ, Score: score})
	}
	return dst
}

// euWalk walks the digit groups of a chain from one token on, each pair
// joined by one separator token from seps; unless mixed, every separator must
// equal the first. It allocates nothing.
type euWalk struct {
	w      *redact.Window
	toks   []redact.Token
	next   int // index of the next digit token, -1 when done
	seps   string
	mixed  bool
	max    int // most digits
	buf    [16]byte
	nd     int
	lens   [8]int
	groups int
	sep    byte // the first separator, 0 before the second group
	end    int  // end of the last group taken
}

func newEUWalk(w *redact.Window, toks []redact.Token, first int, seps string, mixed bool, maxDigits int) euWalk {
	return euWalk{w: w, toks: toks, next: first, seps: seps, mixed: mixed, max: min(maxDigits, 16)}
}

// step takes the next group; false when there is none (the chain ends, a
// separator is not allowed, or the digits would exceed max).
func (g *euWalk) step() bool {
	k := g.next
	if k < 0 || k >= len(g.toks) || g.toks[k].Kind != redact.Digits || g.groups == len(g.lens) {
		return false
	}
	if g.groups > 0 {
		b := sepByte(g.w, g.toks[k-1])
		if !containsByte(g.seps, b) || !g.mixed && b != g.sep {
			return false
		}
	}
	t := g.toks[k]
	l := int(t.End - t.Start)
	if g.nd+l > g.max {
		return false
	}
	g.nd += copy(g.buf[g.nd:], g.w.Text[t.Start:t.End])
	g.lens[g.groups] = l
	g.groups++
	g.end = int(t.End)
	g.next = -1
	if k+2 < len(g.toks) && g.toks[k+1].Kind == redact.Sep && g.toks[k+2].Kind == redact.Digits {
		g.next = k + 2
		if g.groups == 1 {
			g.sep = sepByte(g.w, g.toks[k+1])
		}
	}
	return true
}

func (g *euWalk) digits() []byte { return g.buf[:g.nd] }

// shape reports whether the groups taken have exactly the lengths want.
func (g *euWalk) shape(want ...int) bool {
	if g.groups != len(want) {
		return false
	}
	for i, l := range want {
		if g.lens[i] != l {
			return false
		}
	}
	return true
}

// euKind selects the check and scores of a digit-only identifier.
type euKind uint8

const (
	euNHS euKind = iota + 1
	euDETax
	euNLBSN
	euPTNIF
	euPLPESEL
	euDKCPR
	euSE
	euBE
)

// euDigitSpec describes an identifier written with digits only.
type euDigitSpec struct {
	kind                 euKind
	typ                  string
	seps                 string // separators between groups ("" compact only)
	mixed                bool   // groups may be joined by different separators
	minDigits, maxDigits int
	maxLen               int
	relaxed              bool // letters may come right before it ("is199003052397")
	prefix               bool // may follow a "PT" country prefix
	// first has bit n set when a first group of n digits can start one of
	// the identifier's written forms: most digit groups are rejected by it
	// before any other work.
	first uint32
}

// euLens returns the bit set of lengths ls, for euDigitSpec.first.
func euLens(ls ...int) uint32 {
	var m uint32
	for _, l := range ls {
		m |= 1 << l
	}
	return m
}

// find appends, for every start in chain c, the longest span that passes.
func (s *euDigitSpec) find(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	guard := s.seps // what may not join another number before or after it
	if guard == "" {
		guard = euSeps
	}
	for t, tok := range toks {
		if tok.Kind != redact.Digits || tok.End-tok.Start > 31 || s.first&(1<<(tok.End-tok.Start)) == 0 {
			continue
		}
		start := int(tok.Start)
		spanStart, strict, prefixed := start, true, false
		switch {
		case s.prefix && euPrefixGlued(w, start):
			if start < 2 {
				continue // the prefix is before the window: an earlier window decided
			}
			spanStart, prefixed = start-2, true
		case !euStart(w, start, guard):
			if !s.relaxed || !redact.IsLetter(w.ByteBefore(start)) {
				continue
			}
			strict = false
		case s.prefix && euPrefixSpaced(w, start):
			prefixed = true
		}
		cur := euCursor{w: w}
		g := newEUWalk(w, toks, t, s.seps, s.mixed, s.maxDigits)
		end, score := -1, float32(0)
		for g.step() {
			if g.end-spanStart > s.maxLen {
				break
			}
			if g.nd < s.minDigits || !cur.end(g.end, guard) {
				continue
			}
			if sc := s.score(&g, strict, prefixed); sc > 0 {
				end, score = g.end, sc
			}
		}
		dst = euAppend(dst, &cur, spanStart, end, s.typ, score)
	}
	return dst
}

// euPrefixGlued reports whether "PT" (either case) is glued before the
// digits at i, itself at a boundary ("PT501964843").
func euPrefixGlued(w *redact.Window, i int) bool {
	return upper(w.ByteBefore(i-1)) == 'P' && upper(w.ByteBefore(i)) == 'T' && boundaryBefore(w, i-2)
}

// euPrefixSpaced reports whether a free-standing "PT" and one space come
// before the digits at i ("PT 501 964 843"). The prefix stays outside the
// span; it only raises the score.
func euPrefixSpaced(w *redact.Window, i int) bool {
	return w.ByteBefore(i) == ' ' && upper(w.ByteBefore(i-2)) == 'P' && upper(w.ByteBefore(i-1)) == 'T' &&
		!redact.IsAlnum(w.ByteBefore(i-3))
}

// score returns the score of the groups g has taken, 0 when they fail the
// identifier's check or are not one of its written forms. strict is false
// when a letter comes right before the number; prefixed when a country
// prefix does.
func (s *euDigitSpec) score(g *euWalk, strict, prefixed bool) float32 {
	d := g.digits()
	compact := g.groups == 1
	switch s.kind {
	case euNHS:
		// Written 3-3-4 it is an NHS number's printed form; compact, one
		// ten-digit number in eleven passes.
		if !validate.UKNHS(d) {
			return 0
		}
		switch {
		case compact:
			return 0.3
		case g.shape(3, 3, 4):
			return 0.5
		}
	case euDETax:
		if !validate.DETaxID(d) {
			return 0
		}
		switch {
		case compact:
			return 0.5
		case g.shape(2, 3, 3, 3):
			return 0.6
		}
	case euNLBSN:
		if allSame(d, '0') || !validate.NLBSN(d) {
			return 0
		}
		switch {
		case len(d) == 8 && compact:
			return 0.25 // the old eight-digit sofi number
		case len(d) == 9 && g.shape(4, 2, 3):
			return 0.45 // "1234.56.782", the Dutch printed form
		case len(d) == 9 && (compact || g.shape(3, 3, 3)):
			return 0.3
		}
	case euPTNIF:
		if !validate.PTNIF(d) || !compact && !g.shape(3, 3, 3) {
			return 0
		}
		if prefixed {
			return 0.6
		}
		return 0.3
	case euPLPESEL:
		if compact && validate.PLPESEL(d) {
			return 0.45
		}
	case euDKCPR:
		if !validate.DKCPR(d, time.Now()) {
			return 0
		}
		switch {
		case compact:
			return 0.4
		case g.shape(6, 4):
			return 0.5
		}
	case euSE:
		if len(d) == 12 && !(d[0] == '1' && (d[1] == '8' || d[1] == '9') || d[0] == '2' && d[1] == '0') {
			return 0 // a 12-digit form starts with the century: 18, 19 or 20
		}
		if !validate.SEPersonnummer(d) {
			return 0
		}
		var sc float32
		switch {
		case compact && len(d) == 10:
			sc = 0.45
		case g.shape(6, 4):
			sc = 0.7
		case compact && len(d) == 12:
			sc = 0.6
		case g.shape(8, 4) && g.sep == '-':
			sc = 0.8
		}
		if !strict {
			if len(d) != 12 {
				return 0
			}
			sc -= 0.05
		}
		return sc
	case euBE:
		if !compact && !g.shape(2, 2, 2, 3, 2) && !g.shape(6, 3, 2) {
			return 0
		}
		if !validate.BENationalNumber(d, time.Now()) {
			return 0
		}
		if compact {
			return 0.5
		}
		return 0.8
	}
	return 0
}

func allSame(d []byte, c byte) bool {
	for _, b := range d {
		if b != c {
			return false
		}
	}
	return true
}

// UKNHS finds UK NHS numbers (and Scottish CHI numbers, which share the
// layout): ten digits with a valid mod 11 check digit, written 3-3-4 with
// spaces or dashes ("943 476 5919", score 0.5) or compact (0.3: only with
// "NHS" context). A valid North American phone number of the same shape
// outscores a bare one.
type UKNHS struct{}

var _ redact.GroupFilteredDetector = UKNHS{}

var nhsSpec = euDigitSpec{kind: euNHS, typ: "UK_NHS", seps: " -", minDigits: 10, maxDigits: 10, maxLen: 12, first: euLens(3, 10)}

// Info implements redact.Detector.
func (UKNHS) Info() redact.Info {
	return redact.Info{Name: "uk_nhs", Types: []string{"UK_NHS"}, MaxLen: 12, Priority: 45, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (UKNHS) MinDigits() int { return 10 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in nhsSpec.first.
func (UKNHS) GroupLengths() uint64 { return uint64(nhsSpec.first) }

// FindInChain implements redact.ChainDetector.
func (UKNHS) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return nhsSpec.find(dst, w, c)
}

// DETaxID finds German tax identification numbers (Steuer-ID, IdNr): eleven
// digits, compact (0.5) or 2-3-3-3 as printed ("36 574 261 809", 0.6), that
// pass the repeated-digit rule and the ISO 7064 mod 11,10 check.
type DETaxID struct{}

var _ redact.GroupFilteredDetector = DETaxID{}

var deTaxSpec = euDigitSpec{kind: euDETax, typ: "DE_TAX_ID", seps: euSeps, minDigits: 11, maxDigits: 11, maxLen: 14, first: euLens(2, 11)}

// Info implements redact.Detector.
func (DETaxID) Info() redact.Info {
	return redact.Info{Name: "de_tax_id", Types: []string{"DE_TAX_ID"}, MaxLen: 14, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (DETaxID) MinDigits() int { return 11 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in deTaxSpec.first.
func (DETaxID) GroupLengths() uint64 { return uint64(deTaxSpec.first) }

// FindInChain implements redact.ChainDetector.
func (DETaxID) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return deTaxSpec.find(dst, w, c)
}

// NLBSN finds Dutch citizen service numbers (burgerservicenummer): nine
// digits passing the 11-proef. Written 4-2-3 with dots ("1112.22.333") it
// scores 0.45; compact or 3-3-3 0.3, and the old eight-digit form 0.25: one
// random number in eleven passes, so those need "BSN" context.
type NLBSN struct{}

var _ redact.GroupFilteredDetector = NLBSN{}

var bsnSpec = euDigitSpec{kind: euNLBSN, typ: "NL_BSN", seps: euSeps, minDigits: 8, maxDigits: 9, maxLen: 11, first: euLens(3, 4, 8, 9)}

// Info implements redact.Detector.
func (NLBSN) Info() redact.Info {
	return redact.Info{Name: "nl_bsn", Types: []string{"NL_BSN"}, MaxLen: 11, Priority: 46, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (NLBSN) MinDigits() int { return 8 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in bsnSpec.first.
func (NLBSN) GroupLengths() uint64 { return uint64(bsnSpec.first) }

// FindInChain implements redact.ChainDetector.
func (NLBSN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return bsnSpec.find(dst, w, c)
}

// PTNIF finds Portuguese tax numbers (NIF, número de contribuinte): nine
// digits, compact or 3-3-3, first digit not 0, with a valid mod 11 check
// digit. After a "PT" VAT prefix ("PT501964843", "PT 501 964 843") it scores
// 0.6; alone 0.3, which needs "NIF" or "contribuinte" context. A glued
// prefix is part of the span; a free-standing one is not.
type PTNIF struct{}

var _ redact.GroupFilteredDetector = PTNIF{}

var ptNIFSpec = euDigitSpec{kind: euPTNIF, typ: "PT_NIF", seps: euSeps, minDigits: 9, maxDigits: 9, maxLen: 13, prefix: true, first: euLens(3, 9)}

// Info implements redact.Detector.
func (PTNIF) Info() redact.Info {
	return redact.Info{Name: "pt_nif", Types: []string{"PT_NIF"}, MaxLen: 13, Priority: 46, Lookbehind: 4}
}

// MinDigits implements redact.ChainDetector.
func (PTNIF) MinDigits() int { return 9 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in ptNIFSpec.first.
func (PTNIF) GroupLengths() uint64 { return uint64(ptNIFSpec.first) }

// FindInChain implements redact.ChainDetector.
func (PTNIF) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return ptNIFSpec.find(dst, w, c)
}

// PLPESEL finds Polish PESEL numbers: eleven compact digits whose birth date
// (with the month's century offset) exists and whose weighted check digit
// holds; score 0.45.
type PLPESEL struct{}

var _ redact.GroupFilteredDetector = PLPESEL{}

var peselSpec = euDigitSpec{kind: euPLPESEL, typ: "PL_PESEL", minDigits: 11, maxDigits: 11, maxLen: 11, first: euLens(11)}

// Info implements redact.Detector.
func (PLPESEL) Info() redact.Info {
	return redact.Info{Name: "pl_pesel", Types: []string{"PL_PESEL"}, MaxLen: 11, Priority: 44, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (PLPESEL) MinDigits() int { return 11 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in peselSpec.first.
func (PLPESEL) GroupLengths() uint64 { return uint64(peselSpec.first) }

// FindInChain implements redact.ChainDetector.
func (PLPESEL) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return peselSpec.find(dst, w, c)
}

// DKCPR finds Danish CPR numbers: ten digits DDMMYY-SSSS (score 0.5) or
// compact (0.4) whose birth date, with the century the seventh digit gives,
// exists and is not in the future. There is no check digit any more, so the
// default pack requires a context word ("CPR").
type DKCPR struct{}

var _ redact.GroupFilteredDetector = DKCPR{}

var cprSpec = euDigitSpec{kind: euDKCPR, typ: "DK_CPR", seps: "- ", minDigits: 10, maxDigits: 10, maxLen: 11, first: euLens(6, 10)}

// Info implements redact.Detector.
func (DKCPR) Info() redact.Info {
	return redact.Info{Name: "dk_cpr", Types: []string{"DK_CPR"}, MaxLen: 11, Priority: 46, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (DKCPR) MinDigits() int { return 10 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in cprSpec.first.
func (DKCPR) GroupLengths() uint64 { return uint64(cprSpec.first) }

// FindInChain implements redact.ChainDetector.
func (DKCPR) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return cprSpec.find(dst, w, c)
}

// SEPersonnummer finds Swedish personal identity numbers (and coordination
// numbers, day + 60): YYMMDD-NNNC or YYMMDD+NNNC (0.7), YYYYMMDD-NNNC (0.8),
// twelve compact digits starting 18, 19 or 20 (0.6) or ten compact digits
// (0.45), with an existing birth date and a valid Luhn digit. The twelve-digit
// forms are also taken glued to a word before them ("is199003052397").
type SEPersonnummer struct{}

var _ redact.GroupFilteredDetector = SEPersonnummer{}

var sePNRSpec = euDigitSpec{kind: euSE, typ: "SE_PERSONNUMMER", seps: "-+", minDigits: 10, maxDigits: 12, maxLen: 13, relaxed: true, first: euLens(6, 8, 10, 12)}

// Info implements redact.Detector.
func (SEPersonnummer) Info() redact.Info {
	return redact.Info{Name: "se_personnummer", Types: []string{"SE_PERSONNUMMER"}, MaxLen: 13, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (SEPersonnummer) MinDigits() int { return 10 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in sePNRSpec.first.
func (SEPersonnummer) GroupLengths() uint64 { return uint64(sePNRSpec.first) }

// FindInChain implements redact.ChainDetector.
func (SEPersonnummer) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return sePNRSpec.find(dst, w, c)
}

// BENationalNumber finds Belgian national register and BIS numbers (INSZ /
// NISS, rijksregisternummer): eleven digits YYMMDD SSS CC with the mod 97
// key (for births from 2000 too), written as printed ("85.07.30-033.28",
// "85 07 30 033 28", "850730 033 28": 0.8) or compact (0.5). Separators may
// differ between groups.
type BENationalNumber struct{}

var _ redact.GroupFilteredDetector = BENationalNumber{}

var beSpec = euDigitSpec{kind: euBE, typ: "BE_NATIONAL_NUMBER", seps: euSeps, mixed: true, minDigits: 11, maxDigits: 11, maxLen: 15, first: euLens(2, 6, 11)}

// Info implements redact.Detector.
func (BENationalNumber) Info() redact.Info {
	return redact.Info{Name: "be_national_number", Types: []string{"BE_NATIONAL_NUMBER"}, MaxLen: 15, Priority: 38, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (BENationalNumber) MinDigits() int { return 11 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of a length in beSpec.first.
func (BENationalNumber) GroupLengths() uint64 { return uint64(beSpec.first) }

// FindInChain implements redact.ChainDetector.
func (BENationalNumber) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	return beSpec.find(dst, w, c)
}
