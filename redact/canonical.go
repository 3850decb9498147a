package redact

// Canonical values of spoken forms. A speech recogniser writes "+1 (415) 555-0132" as "four one
// five five five five oh one three two" or "four one five, five fifty five,
// oh one thirty two", and "d e eight nine ..." for an IBAN. CanonicalValue
// turns such a value into the canonical form of its written spelling, so
// that the hash operator, the allow list and `redact pseudonym` give one
// token for both. Only a value made entirely of number words, spelled
// letters, digit groups and separator words ("dash", "dot") is read as
// spoken; anything else ("1 Market Street", "GB82 WEST ...") keeps the
// written rules, so written values canonicalise exactly as before.

// wordClass is what a word of a spoken value is.
type wordClass uint8

const (
	wNone     wordClass = iota
	wUnit               // zero..nine, oh: one digit
	wTeen               // ten..nineteen: two digits
	wTens               // twenty..ninety: a tens digit, maybe a unit after it
	wMult               // double, triple: repeat the next digit
	wHundred            // hundred: two more digits
	wThousand           // thousand: three more digits
	wSep                // dash, dot, space, and ...: nothing
	wPlus               // plus: the international prefix
)

type spokenWord struct {
	class wordClass
	n     int // the digit, the teen, the tens digit or the repeat count
}

// andWord is "and", a separator that may also join "hundred" to what follows.
var andWord = spokenWord{wSep, 1}

var spokenWords = map[string]spokenWord{
	"zero": {wUnit, 0}, "oh": {wUnit, 0}, "nought": {wUnit, 0}, "naught": {wUnit, 0},
	"one": {wUnit, 1}, "two": {wUnit, 2}, "three": {wUnit, 3}, "four": {wUnit, 4}, "five": {wUnit, 5},
	"six": {wUnit, 6}, "seven": {wUnit, 7}, "eight": {wUnit, 8}, "nine": {wUnit, 9}, "niner": {wUnit, 9},
	"ten": {wTeen, 10}, "eleven": {wTeen, 11}, "twelve": {wTeen, 12}, "thirteen": {wTeen, 13},
	"fourteen": {wTeen, 14}, "fifteen": {wTeen, 15}, "sixteen": {wTeen, 16}, "seventeen": {wTeen, 17},
	"eighteen": {wTeen, 18}, "nineteen": {wTeen, 19},
	"twenty": {wTens, 2}, "thirty": {wTens, 3}, "forty": {wTens, 4}, "fourty": {wTens, 4}, "fifty": {wTens, 5},
	"sixty": {wTens, 6}, "seventy": {wTens, 7}, "eighty": {wTens, 8}, "ninety": {wTens, 9},
	"double": {wMult, 2}, "triple": {wMult, 3},
	"hundred": {wHundred, 0}, "thousand": {wThousand, 0},
	"dash": {wSep, 0}, "hyphen": {wSep, 0}, "dot": {wSep, 0}, "point": {wSep, 0}, "slash": {wSep, 0},
	"space": {wSep, 0}, "and": andWord,
	"plus": {wPlus, 0},
}

// spokenTok is one piece of a spoken value: a word, a single letter or a
// digit group.
type spokenTok struct {
	start, end int // in the value
	w          spokenWord
	letter     byte // a single spelled letter (upper case)
	digits     bool // a digit group
}

// maxSpokenToks bounds the pieces of a spoken value (spans are at most
// MaxSpanLen bytes, so this is never reached by an entity).
const maxSpokenToks = 256

// isDigitTok reports whether t says digits: a digit group or a number word.
func isDigitTok(t spokenTok) bool {
	return t.digits || t.w.class != wNone && t.w.class != wSep && t.w.class != wPlus
}

// lowerWord lower-cases an ASCII word into buf and returns it.
func lowerWord(buf []byte, w []byte) []byte {
	buf = buf[:0]
	for _, c := range w {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// appendSpoken appends the digits and letters a spoken value stands for to
// dst. digitsOnly says the type has no letters, so a lone "o" is a zero and
// other lone letters make the value not spoken. ok is false when value is
// not a spoken value (it has a word that is not a number word, separator or
// spelled letter, or no number word at all); dst is then unchanged. plus
// reports the word "plus".
func appendSpoken(dst, value []byte, digitsOnly bool) (_ []byte, plus, ok bool) {
	var toks [maxSpokenToks]spokenTok
	n, numbers := 0, 0
	var wbuf [16]byte
	for i := 0; i < len(value); {
		c := value[i]
		switch {
		case c >= 0x80:
			return dst, false, false
		case IsDigit(c):
			j := i
			for j < len(value) && IsDigit(value[j]) {
				j++
			}
			if n == len(toks) {
				return dst, false, false
			}
			toks[n] = spokenTok{start: i, end: j, digits: true}
			n++
			i = j
		case IsLetter(c):
			j := i
			for j < len(value) && IsLetter(value[j]) {
				j++
			}
			if n == len(toks) {
				return dst, false, false
			}
			t := spokenTok{start: i, end: j}
			if j-i <= len(wbuf) {
				if w, found := spokenWords[string(lowerWord(wbuf[:0], value[i:j]))]; found {
					t.w = w
				}
			}
			switch {
			case t.w.class != wNone:
				if t.w.class != wSep && t.w.class != wPlus {
					numbers++
				}
			case j-i == 1 && digitsOnly && (c == 'o' || c == 'O'):
				t.w = spokenWord{wUnit, 0}
			case j-i == 1 && !digitsOnly:
				t.letter = c &^ 0x20
			default:
				return dst, false, false
			}
			toks[n] = t
			n++
			i = j
		default:
			i++ // punctuation and spaces separate pieces
		}
	}
	if numbers == 0 {
		return dst, false, false
	}
	ts := toks[:n]
	// group appends the number that starts at ts[k] (a unit, teen or tens
	// word, with a unit after a tens word) and returns the next index.
	group := func(k int) (int, bool) {
		switch t := ts[k]; t.w.class {
		case wUnit:
			dst = append(dst, byte('0'+t.w.n))
			return k + 1, true
		case wTeen:
			dst = append(dst, byte('0'+t.w.n/10), byte('0'+t.w.n%10))
			return k + 1, true
		case wTens:
			dst = append(dst, byte('0'+t.w.n))
			if k+1 < len(ts) && ts[k+1].w.class == wUnit && ts[k+1].w.n > 0 {
				dst = append(dst, byte('0'+ts[k+1].w.n))
				return k + 2, true
			}
			dst = append(dst, '0')
			return k + 1, true
		}
		return k, false
	}
	// scale appends the digits after "hundred" (width 2) or "thousand"
	// (width 3) starting at ts[k]: the number said next, zero-padded, or
	// zeros.
	var scale func(k, width int) int
	scale = func(k, width int) int {
		for k < len(ts) && ts[k].w == andWord { // "five hundred and five"
			k++
		}
		mark := len(dst)
		// A two-digit word joins the scale ("eight hundred fifty"); a
		// single digit only when no digit follows it, else the digits are
		// read one by one ("one eight hundred five five five" is 1800555).
		joins := k < len(ts) && (ts[k].w.class == wTeen || ts[k].w.class == wTens ||
			ts[k].w.class == wUnit && (k+1 == len(ts) || !isDigitTok(ts[k+1]) ||
				width == 3 && ts[k+1].w.class == wHundred))
		if joins {
			if next, ok := group(k); ok {
				if width == 3 && next < len(ts) && ts[next].w.class == wHundred && next-k == 1 {
					next = scale(next+1, 2)
				}
				if got := len(dst) - mark; got < width {
					// Pad on the left: "five hundred five" is 505.
					dst = append(dst, make([]byte, width-got)...)
					copy(dst[mark+width-got:], dst[mark:mark+got])
					for i := mark; i < mark+width-got; i++ {
						dst[i] = '0'
					}
				}
				return next
			}
		}
		for i := 0; i < width; i++ {
			dst = append(dst, '0')
		}
		return k
	}
	for k := 0; k < len(ts); {
		t := ts[k]
		switch {
		case t.digits:
			dst = append(dst, value[t.start:t.end]...)
			k++
		case t.letter != 0:
			dst = append(dst, t.letter)
			k++
		default:
			switch t.w.class {
			case wUnit, wTeen, wTens:
				k, _ = group(k)
				if k < len(ts) && ts[k].w.class == wHundred {
					k = scale(k+1, 2)
				} else if k < len(ts) && ts[k].w.class == wThousand {
					k = scale(k+1, 3)
				}
			case wMult:
				if k+1 < len(ts) && ts[k+1].w.class == wUnit {
					for r := 0; r < t.w.n; r++ {
						dst = append(dst, byte('0'+ts[k+1].w.n))
					}
					k += 2
				} else {
					k++
				}
			case wHundred:
				dst = append(dst, '1')
				k = scale(k+1, 2)
			case wThousand:
				dst = append(dst, '1')
				k = scale(k+1, 3)
			case wPlus:
				plus = true
				k++
			default: // separators
				k++
			}
		}
	}
	return dst, plus, true
}

// appendSpokenEmail appends the address a spoken email stands for ("john
// dot smith at example dot com"): "at" is '@', "dot" '.', "underscore" '_',
// "dash" '-', "plus" '+', number words are digits, spaces vanish, the rest
// is lower-cased.
func appendSpokenEmail(dst, value []byte) []byte {
	var wbuf [16]byte
	for i := 0; i < len(value); {
		c := value[i]
		if IsSpace(c) {
			i++
			continue
		}
		j := i
		for j < len(value) && !IsSpace(value[j]) {
			j++
		}
		w := value[i:j]
		lw := w
		if len(w) <= len(wbuf) {
			lw = lowerWord(wbuf[:0], w)
		}
		switch string(lw) {
		case "at":
			dst = append(dst, '@')
		case "dot", "period", "point":
			dst = append(dst, '.')
		case "underscore":
			dst = append(dst, '_')
		case "dash", "hyphen", "minus":
			dst = append(dst, '-')
		case "plus":
			dst = append(dst, '+')
		default:
			if sw, ok := spokenWords[string(lw)]; ok && sw.class == wUnit {
				dst = append(dst, byte('0'+sw.n))
				break
			}
			for _, c := range w {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				dst = append(dst, c)
			}
		}
		i = j
	}
	return dst
}

// digitTypes are the entity types whose values are digits only, so that a
// spoken "o" is a zero.
var digitTypes = map[string]bool{
	"CREDIT_CARD": true, "CARD_CVV": true, "US_SSN": true, "US_ITIN": true, "ABA_ROUTING_NUMBER": true,
	"US_BANK_NUMBER": true, "US_NPI": true, "NUMBER_SEQUENCE": true, "CA_SIN": true, "PL_PESEL": true,
	"DK_CPR": true, "NL_BSN": true, "BE_NATIONAL_NUMBER": true, "SE_PERSONNUMMER": true, "DE_TAX_ID": true,
	"UK_NHS": true, "PT_NIF": true, "PHONE_NUMBER": true,
}

// hasLetter reports whether b holds an ASCII letter.
func hasLetter(b []byte) bool {
	for _, c := range b {
		if IsLetter(c) {
			return true
		}
	}
	return false
}

// hasSpace reports whether b holds a space, tab or line break.
func hasSpace(b []byte) bool {
	for _, c := range b {
		if IsSpace(c) {
			return true
		}
	}
	return false
}
