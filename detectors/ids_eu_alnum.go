package detectors

import (
	"redactor/detectors/validate"
	"redactor/redact"
)

// European identifiers with letters in them. Most still contain a digit run,
// so they hang off the engine's digit chains and read the letters around the
// digits byte by byte: letters glued to the digits ("X1234567L",
// "RSSMRA85T10A562S") or joined by a dash ("X-1234567-L") are always in the
// window with the digits, because the engine holds a window's trailing word.
// A letter prefix separated by a space is not: a chunk may end right after
// "X ", and the engine commits it before the digits arrive. So a detector
// never starts a span at such a prefix; the UK National Insurance number,
// whose "AB 12 34 56 C" form is the usual one, is found from its first word
// instead (a word detector sees every word that starts in the window), and a
// Spanish NIE written "X 1234567 L" is redacted from its digits on.

// UKNINO finds UK National Insurance numbers: two prefix letters, six digits
// and a suffix letter A-D, by HMRC's format rules (no D, F, I, Q, U, V; no O
// second; never BG, GB, KN, NK, NT, TN or ZZ). The digits may be compact or
// in pairs, and a space or dash may separate the prefix, the pairs and the
// suffix: "AB123456C", "AB 12 34 56 C", "AB 123456 C" (HMRC's own example
// prefix QQ is never issued, so "QQ 12 34 56 C" is not taken). The number
// has no check digit, so the default pack requires context ("national
// insurance", "NI number", "NINO"); score 0.6. The suffix is required.
//
// It is a word detector, called for capitalised words only (the filter the
// engine shares with the name detector, so it adds no words to the word
// pass): the prefix must start with a capital letter ("AB", "Ab"); an all
// lower-case "ab 12 34 56 c" is not found.
type UKNINO struct{}

var _ redact.FilteredWordDetector = UKNINO{}

const ninoMaxLen = 16

// Info implements redact.Detector.
func (UKNINO) Info() redact.Info {
	return redact.Info{Name: "uk_nino", Types: []string{"UK_NINO"}, MaxLen: ninoMaxLen, Priority: 40, Lookbehind: 2}
}

// WordFilter implements redact.FilteredWordDetector: capitalised words of
// two, eight or nine bytes ("AB", "AB123456", "AB123456C").
func (UKNINO) WordFilter() redact.WordFilter {
	return redact.WordFilter{Capitalized: true, CapitalizedLengths: 1<<2 | 1<<8 | 1<<9}
}

// FindWord implements redact.WordDetector.
func (UKNINO) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, _ uint64) []redact.Candidate {
	text := w.Text
	n := end - start
	if n != 2 && n != 8 && n != 9 || !redact.IsLetter(text[start]) || !redact.IsLetter(text[start+1]) ||
		n > 2 && !redact.IsDigit(text[start+2]) {
		return dst
	}
	if n == 2 && end+1 < len(text) && !(ninoSep(text[end]) && redact.IsDigit(text[end+1])) || !boundaryBefore(w, start) {
		return dst // the common case, a two-letter word: rejected without a look past the window
	}
	c := euCursor{w: w}
	var buf [9]byte
	buf[0], buf[1] = text[start], text[start+1]
	e := ninoParse(&c, start+2, n == 2, &buf)
	if e > 0 && !validate.UKNINO(buf[:]) {
		e = -1
	}
	return euAppend(dst, &c, start, e, "UK_NINO", 0.6)
}

// ninoParse reads the digits and suffix of a NINO into buf[2:9], from p
// just after the prefix letters (with sep, a separator must come first). It
// returns the end of the number, or -1.
func ninoParse(c *euCursor, p int, sep bool, buf *[9]byte) int {
	if sep {
		if !ninoSep(c.at(p)) {
			return -1
		}
		p++
	}
	// Six digits: compact, or three pairs joined by one separator.
	var pairs byte
	for k := 0; k < 6; k++ {
		if k == 2 || k == 4 {
			switch b := c.at(p); {
			case redact.IsDigit(b):
				if pairs != 0 {
					return -1 // "12 3456"
				}
			case k == 2 && ninoSep(b):
				pairs = b
				p++
			case k == 4 && pairs != 0 && b == pairs:
				p++
			default:
				return -1
			}
		}
		b := c.at(p)
		if !redact.IsDigit(b) {
			return -1
		}
		buf[2+k] = b
		p++
	}
	if ninoSep(c.at(p)) && redact.IsLetter(c.at(p+1)) {
		p++
	}
	buf[8] = c.at(p)
	if !redact.IsLetter(buf[8]) || !c.boundaryAfter(p+1) {
		return -1
	}
	return p + 1
}

func ninoSep(b byte) bool { return b == ' ' || b == '-' }

// ESNIF finds Spanish tax numbers of people: the DNI, eight digits and the
// control letter ("12345678Z", "12345678-Z", "12.345.678-Z"; score 0.6) or
// seven digits written without the leading zero (0.45), and the K, L and M
// numbers ("M1234567L", "M-1234567-L"; 0.6). The letter may be lower case.
// NIE numbers (X, Y, Z) are ES_NIE's.
type ESNIF struct{}

var _ redact.GroupFilteredDetector = ESNIF{}

// Info implements redact.Detector.
func (ESNIF) Info() redact.Info {
	return redact.Info{Name: "es_nif", Types: []string{"ES_NIF"}, MaxLen: 13, Priority: 40, Lookbehind: 4}
}

// MinDigits implements redact.ChainDetector.
func (ESNIF) MinDigits() int { return 7 }

// GroupLengths implements redact.GroupFilteredDetector: a span (or an Open
// one, which needs a shape first) has digits 8, 7, 2-3-3 or 1-3-3.
func (ESNIF) GroupLengths() uint64 { return 1<<3 | 1<<7 | 1<<8 }

// FindInChain implements redact.ChainDetector.
func (ESNIF) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t, tok := range toks {
		if l := tok.End - tok.Start; tok.Kind != redact.Digits || l != 7 && l != 8 && l != 2 && l != 1 {
			continue
		}
		s := int(tok.Start)
		start, lead := esPrefix(w, s, "KLMklm")
		switch {
		case lead != 0 && start < 0:
			continue // the prefix is before the window: an earlier window decided
		case lead == 0:
			if !euStart(w, s, ". ") || esStandaloneLetter(w, s, "XYZxyz") {
				continue
			}
			start = s
		}
		var buf [10]byte
		n := 0
		if lead != 0 {
			buf[0] = lead
			n = 1
		}
		cur := euCursor{w: w}
		end := -1
		var score float32
		g := newEUWalk(w, toks, t, ". ", false, 8)
		for g.step() {
			switch {
			case lead != 0 && g.shape(7):
				score = 0.6
			case lead == 0 && (g.shape(8) || g.shape(2, 3, 3)):
				score = 0.6
			case lead == 0 && (g.shape(7) || g.shape(1, 3, 3)):
				score = 0.45
			default:
				continue
			}
			e, letter := esLetter(&cur, g.end)
			if e < 0 {
				continue
			}
			m := n + copy(buf[n:], g.digits())
			buf[m] = letter
			if validate.ESNIF(buf[:m+1]) {
				end = e
				break
			}
		}
		dst = euAppend(dst, &cur, start, end, "ES_NIF", score)
	}
	return dst
}

// esPrefix returns where a span starts whose digits start at s behind a
// prefix letter from letters, glued ("M1234567") or joined by a dash
// ("M-1234567"), and the letter (0 without one). It reads four bytes before
// s; the start may lie before the window.
func esPrefix(w *redact.Window, s int, letters string) (start int, letter byte) {
	switch b := w.ByteBefore(s); {
	case containsByte(letters, b) && boundaryBefore(w, s-1):
		return s - 1, b
	case b == '-' && containsByte(letters, w.ByteBefore(s-1)) && boundaryBefore(w, s-2):
		return s - 2, w.ByteBefore(s - 1)
	}
	return -1, 0
}

// esStandaloneLetter reports whether a letter from letters stands alone one
// space before s ("X 1234567 L"). It reads three bytes before s.
func esStandaloneLetter(w *redact.Window, s int, letters string) bool {
	return w.ByteBefore(s) == ' ' && containsByte(letters, w.ByteBefore(s-1)) && !redact.IsAlnum(w.ByteBefore(s-2))
}

// esLetter reads the control letter after digits that end at e: glued, or
// after one dash or space. It returns the end of the letter (-1 if there is
// none or no boundary after it) and the letter.
func esLetter(c *euCursor, e int) (int, byte) {
	b := c.at(e)
	if (b == '-' || b == ' ') && redact.IsLetter(c.at(e+1)) {
		e++
		b = c.at(e)
	}
	if !redact.IsLetter(b) || !c.boundaryAfter(e+1) {
		return -1, 0
	}
	return e + 1, b
}

// ESNIE finds Spanish foreigner identity numbers (NIE): X, Y or Z, seven
// digits and the control letter, glued or with dashes ("X1234567L",
// "Y8063915-Z", "x-2482300w"; score 0.7). When a space follows the first
// letter ("X 1234567 L") the span starts at the digits (score 0.6): the
// letter is read as evidence but may already have been written out.
type ESNIE struct{}

var _ redact.GroupFilteredDetector = ESNIE{}

// Info implements redact.Detector.
func (ESNIE) Info() redact.Info {
	return redact.Info{Name: "es_nie", Types: []string{"ES_NIE"}, MaxLen: 12, Priority: 40, Lookbehind: 4}
}

// MinDigits implements redact.ChainDetector.
func (ESNIE) MinDigits() int { return 7 }

// GroupLengths implements redact.GroupFilteredDetector: the digits of a span
// (Open ones too) are one group of 7.
func (ESNIE) GroupLengths() uint64 { return 1 << 7 }

// FindInChain implements redact.ChainDetector.
func (ESNIE) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for _, tok := range c.Tokens {
		s := int(tok.Start)
		if tok.Kind != redact.Digits || tok.End-tok.Start != 7 {
			continue
		}
		start, lead := esPrefix(w, s, "XYZxyz")
		score := float32(0.7)
		if lead != 0 && start < 0 {
			continue // the prefix is before the window: an earlier window decided
		}
		if lead == 0 {
			if !esStandaloneLetter(w, s, "XYZxyz") {
				continue
			}
			start, lead, score = s, w.ByteBefore(s-1), 0.6
		}
		cur := euCursor{w: w}
		e, letter := esLetter(&cur, int(tok.End))
		if e > 0 {
			var buf [9]byte
			buf[0] = lead
			copy(buf[1:], w.Text[s:tok.End])
			buf[8] = letter
			if !validate.ESNIE(buf[:]) {
				e = -1
			}
		}
		dst = euAppend(dst, &cur, start, e, "ES_NIE", score)
	}
	return dst
}

// ITFiscalCode finds Italian fiscal codes (codice fiscale) of people: sixteen
// letters and digits in one word ("RSSMRA85T10A562S", either case, with
// omocodia letters in place of digits) whose birth date exists and whose
// check letter holds; score 0.9. The word is found from the digits in it,
// and the letters before them are read back (up to fifteen): a code whose
// seven digit places are all omocodia letters has no digit and is not found.
type ITFiscalCode struct{}

var _ redact.ChainDetector = ITFiscalCode{}

const itCodeLen = 16

// Info implements redact.Detector.
func (ITFiscalCode) Info() redact.Info {
	return redact.Info{Name: "it_fiscal_code", Types: []string{"IT_FISCAL_CODE"}, MaxLen: itCodeLen, Priority: 35, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (ITFiscalCode) MinDigits() int { return 2 }

// FindInChain implements redact.ChainDetector.
func (ITFiscalCode) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t, tok := range toks {
		// Look at each word of the chain once: from its first token. After a
		// separator, only a run of six letters or more can start a code.
		if t > 0 && (toks[t-1].Kind != redact.Sep || tok.Kind != redact.Letters || tok.End-tok.Start < 6) {
			continue
		}
		a := int(tok.Start)
		for a > 0 && int(tok.Start)-a < itCodeLen && redact.IsLetter(w.Text[a-1]) {
			a--
		}
		// A code starts with six letters (the surname and name codes).
		letters := int(tok.Start) - a
		if tok.Kind == redact.Letters {
			letters = int(tok.End) - a
		}
		if letters < 6 || int(tok.Start)-a >= itCodeLen || !boundaryBefore(w, a) {
			continue
		}
		cur := euCursor{w: w}
		b := int(tok.Start)
		for b-a <= itCodeLen && redact.IsAlnum(cur.at(b)) {
			b++
		}
		end := -1
		if b-a == itCodeLen && cur.boundaryAfter(b) && validate.ITFiscalCode(w.Text[a:b]) {
			end = b
		}
		dst = euAppend(dst, &cur, a, end, "IT_FISCAL_CODE", 0.9)
	}
	return dst
}

// FIPersonalIdentityCode finds Finnish personal identity codes (henkilötunnus,
// HETU): DDMMYY, the century sign (+, -, Y, X, W, V, U, A-F), three digits and
// the check character ("131052-308T"), with an existing birth date and a
// valid mod 31 check; score 0.95. A word glued before it is allowed ("is
// 030594W903B" typed without the space).
type FIPersonalIdentityCode struct{}

var _ redact.GroupFilteredDetector = FIPersonalIdentityCode{}

// Info implements redact.Detector.
func (FIPersonalIdentityCode) Info() redact.Info {
	return redact.Info{Name: "fi_personal_identity_code", Types: []string{"FI_PERSONAL_IDENTITY_CODE"}, MaxLen: 11, Priority: 35, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (FIPersonalIdentityCode) MinDigits() int { return 9 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at the 6-digit date group.
func (FIPersonalIdentityCode) GroupLengths() uint64 { return 1 << 6 }

// FindInChain implements redact.ChainDetector.
func (FIPersonalIdentityCode) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for _, tok := range c.Tokens {
		s := int(tok.Start)
		if tok.Kind != redact.Digits || tok.End-tok.Start != 6 {
			continue
		}
		if !euStart(w, s, "") && !redact.IsLetter(w.ByteBefore(s)) {
			continue
		}
		cur := euCursor{w: w}
		var buf [11]byte
		for i := range buf {
			buf[i] = cur.at(s + i)
		}
		end := -1
		if cur.boundaryAfter(s+11) && validate.FIHetu(buf[:]) {
			end = s + 11
		}
		dst = euAppend(dst, &cur, s, end, "FI_PERSONAL_IDENTITY_CODE", 0.95)
	}
	return dst
}

// IEPPSN finds Irish Personal Public Service numbers: seven digits, the check
// letter and an optional second letter (A, B, H, W, T, X), glued or after one
// space ("1234567T", "6433435FW", "1234567 TW"), with a valid mod 23 check;
// score 0.6 (0.5 with the space).
type IEPPSN struct{}

var _ redact.GroupFilteredDetector = IEPPSN{}

// Info implements redact.Detector.
func (IEPPSN) Info() redact.Info {
	return redact.Info{Name: "ie_ppsn", Types: []string{"IE_PPSN"}, MaxLen: 10, Priority: 42, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (IEPPSN) MinDigits() int { return 7 }

// GroupLengths implements redact.GroupFilteredDetector: the digits of a span
// (Open ones too) are one group of 7.
func (IEPPSN) GroupLengths() uint64 { return 1 << 7 }

// FindInChain implements redact.ChainDetector.
func (IEPPSN) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for _, tok := range c.Tokens {
		s, e := int(tok.Start), int(tok.End)
		if tok.Kind != redact.Digits || e-s != 7 || !euStart(w, s, " -") {
			continue
		}
		cur := euCursor{w: w}
		var buf [9]byte
		copy(buf[:], w.Text[s:e])
		score := float32(0.6)
		p := e
		if cur.at(p) == ' ' && redact.IsLetter(cur.at(p+1)) {
			p++
			score = 0.5
		}
		n := 7
		for n < 9 && redact.IsLetter(cur.at(p)) {
			buf[n] = cur.at(p)
			n++
			p++
		}
		end := -1
		if n > 7 && cur.boundaryAfter(p) && validate.IEPPSN(buf[:n]) {
			end = p
		}
		dst = euAppend(dst, &cur, s, end, "IE_PPSN", score)
	}
	return dst
}

// FRNIR finds French social security numbers (NIR, numéro de sécurité
// sociale): fifteen characters, sex digit 1-4, 7 or 8, the department 2A or
// 2B for Corsica, and the mod 97 key. Written as on the carte Vitale ("1 84
// 12 76 451 089 46", 0.7), with the key apart ("1841276451089 46", 0.6) or
// compact (0.5).
type FRNIR struct{}

var _ redact.GroupFilteredDetector = FRNIR{}

const nirMaxLen = 21

// Info implements redact.Detector.
func (FRNIR) Info() redact.Info {
	return redact.Info{Name: "fr_nir", Types: []string{"FR_NIR"}, MaxLen: nirMaxLen, Priority: 38, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (FRNIR) MinDigits() int { return 13 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a group of 1 (as on the carte Vitale), 6 (before a Corsican
// 2A or 2B), 13 (the key apart) or 15 digits.
func (FRNIR) GroupLengths() uint64 { return 1<<1 | 1<<6 | 1<<13 | 1<<15 }

// FindInChain implements redact.ChainDetector.
func (FRNIR) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	toks := c.Tokens
	for t, tok := range toks {
		s := int(tok.Start)
		if l := tok.End - tok.Start; tok.Kind != redact.Digits || l != 1 && l != 6 && l != 13 && l != 15 ||
			!containsByte("123478", w.Text[s]) || !euStart(w, s, euSeps) {
			continue
		}
		var buf [15]byte
		var lens [8]int
		n, groups, cur := 0, 0, 0
		var sep byte
		end := -1
		var score float32
		cr := euCursor{w: w}
	walk:
		for k := t; k < len(toks); k++ {
			tk := toks[k]
			switch tk.Kind {
			case redact.Sep:
				// One separator between groups, the same each time.
				b := sepByte(w, tk)
				if groups+1 == len(lens) || k+1 == len(toks) || toks[k+1].Kind == redact.Sep ||
					!containsByte(euSeps, b) || sep != 0 && b != sep {
					break walk
				}
				sep = b
				lens[groups] = cur
				groups++
				cur = 0
				continue
			case redact.Letters:
				// Only the Corsican department letter, right after its 2.
				if n != 6 || tk.End-tk.Start != 1 || cur == 0 {
					break walk
				}
			}
			l := int(tk.End - tk.Start)
			if n+l > len(buf) {
				break
			}
			n += copy(buf[n:], w.Text[tk.Start:tk.End])
			cur += l
			if n < len(buf) || k+1 < len(toks) && toks[k+1].Kind != redact.Sep {
				continue
			}
			lens[groups] = cur
			ls := lens[:groups+1]
			switch {
			case len(ls) == 1:
				score = 0.5
			case len(ls) == 2 && ls[0] == 13:
				score = 0.6
			case len(ls) == 7 && ls[0] == 1 && ls[1] == 2 && ls[2] == 2 && ls[3] == 2 && ls[4] == 3 && ls[5] == 3:
				score = 0.7
			}
			if score > 0 && cr.end(int(tk.End), euSeps) && validate.FRNIR(buf[:]) {
				end = int(tk.End)
			}
			break
		}
		dst = euAppend(dst, &cr, s, end, "FR_NIR", score)
	}
	return dst
}
