package spoken

import "redactor/redact"

// minSearch is the fewest letters and digits a run needs to be searched:
// three, for a card's security code ("cvv one two three") and a short
// name spelled out ("b o b").
const minSearch = 3

// maxCorrections bounds the self-corrections handled in one run.
const maxCorrections = 4

// build appends the canonical form of the run to sc.Canon, and for each
// canonical byte the span of its words to sc.Src. It reports whether the run
// is worth searching: it holds a spoken word and enough letters and digits,
// or an '@'.
func build(sc *redact.SpokenScratch, run []tok, text []byte) (search, words bool) {
	c0 := len(sc.Canon)
	spoken, at, dot := false, false, false
	spelled := false // a letter was spelled out (written upper case)
	dateSep := false // "slash" or "dash" said: maybe a date, "oh seven slash one four slash …"
	var corr, corrPause [maxCorrections]int
	nc := 0
	lastPause, pauseNext := -1, false
	emit := func(b byte, s, e int32) {
		sc.Canon = append(sc.Canon, b)
		sc.Src = append(sc.Src, s, e)
	}
	space := func(s, e int32) {
		if l := len(sc.Canon); l > c0 && sc.Canon[l-1] != ' ' {
			emit(' ', s, e)
		}
	}
	// month writes a month name capitalised, as the date detectors read it.
	month := func(s, e int32) {
		space(s, e)
		emit(text[s]&^0x20, s, e)
		for i := s + 1; i < e; i++ {
			emit(text[i]|0x20, s, e)
		}
		emit(' ', s, e)
	}
	ordinal := func(v int, s, e int32) {
		space(s, e)
		if v >= 10 {
			emit(byte('0'+v/10), s, e)
		}
		emit(byte('0'+v%10), s, e)
		suf := "th"
		if v < 4 || v > 20 && v%10 < 4 {
			suf = [...]string{"th", "st", "nd", "rd"}[v%10]
		}
		emit(suf[0], s, e)
		emit(suf[1], s, e)
		emit(' ', s, e)
		words = true
	}
	// next returns the index of the next significant token after t, or -1.
	next := func(t int) int {
		for t++; t < len(run); t++ {
			switch run[t].cls {
			case cFill, cSkip, cAnd, cSorry, cOf:
				continue
			}
			return t
		}
		return -1
	}
	for t := 0; t < len(run); t++ {
		k := &run[t]
		if k.cls == cFill {
			pauseNext = true
		} else if k.cls != cSkip && k.cls != cSorry && k.cls != cAnd {
			if (k.comma || pauseNext) && t > 0 {
				lastPause = len(sc.Canon) - c0
			}
			pauseNext = false
		}
		switch k.cls {
		case cSorry:
			if nc < maxCorrections {
				corr[nc] = len(sc.Canon) - c0
				corrPause[nc] = lastPause
				nc++
			}
		case cNumLit:
			for i := k.start; i < k.end; i++ {
				emit(text[i], k.start, k.end)
			}
		case cDigit:
			spoken = true
			emit('0'+k.val, k.start, k.end)
		case cO:
			spoken = true
			b := byte('0')
			if l := len(sc.Canon); l > c0 && wordByte[sc.Canon[l-1]] == 1 {
				b = 'O'
			} else if nx := next(t); nx >= 0 && isLetterish(run[nx].cls) && run[nx].cls != cO {
				b = 'O'
			}
			emit(b, k.start, k.end)
			spelled = spelled || b == 'O'
		case cDouble:
			spoken = true
			if nx := next(t); nx >= 0 && (run[nx].cls == cDigit || run[nx].cls == cO) {
				d := byte('0' + run[nx].val)
				for range k.val {
					emit(d, k.start, run[nx].end)
				}
				t = nx
			}
		case cTeen:
			spoken = true
			emit('1', k.start, k.end)
			emit('0'+k.val-10, k.start, k.end)
		case cTens:
			spoken = true
			if nx := next(t); nx >= 0 && run[nx].cls == cOrd && run[nx].val < 10 {
				ordinal(int(k.val)*10+int(run[nx].val), k.start, run[nx].end)
				t = nx
			} else if nx := next(t); nx >= 0 && run[nx].cls == cDigit && run[nx].val > 0 {
				emit('0'+k.val, k.start, run[nx].end)
				emit('0'+run[nx].val, k.start, run[nx].end)
				t = nx
			} else {
				emit('0'+k.val, k.start, k.end)
				emit('0', k.start, k.end)
			}
		case cHundred:
			spoken = true
			if len(sc.Canon) == c0 {
				emit('1', k.start, k.end)
			}
			nx := next(t)
			switch {
			case nx >= 0 && (run[nx].cls == cTeen || run[nx].cls == cTens):
				// "eight hundred twenty": the tens say the last two digits
			case nx >= 0 && nx > t+1 && run[t+1].cls == cAnd && run[nx].cls == cDigit && run[nx].val > 0:
				emit('0', k.start, k.end) // "one hundred and five"
			default:
				emit('0', k.start, k.end)
				emit('0', k.start, k.end)
			}
		case cThousand:
			spoken = true
			if len(sc.Canon) == c0 {
				emit('1', k.start, k.end)
			}
			nx := next(t)
			switch {
			case nx >= 0 && run[nx].cls == cDigit && run[nx].val > 0:
				if nx2 := next(nx); nx2 < 0 || run[nx2].cls != cHundred {
					emit('0', k.start, k.end)
					emit('0', k.start, k.end)
				}
			case nx >= 0 && (run[nx].cls == cTeen || run[nx].cls == cTens):
				emit('0', k.start, k.end)
			default:
				emit('0', k.start, k.end)
				emit('0', k.start, k.end)
				emit('0', k.start, k.end)
			}
		case cOrd:
			spoken = true
			ordinal(int(k.val), k.start, k.end)
		case cMonth:
			spoken, words = true, true
			space(k.start, k.end)
			month(k.start, k.end)
		case cLetter, cWeak:
			spoken = true
			if isMonth(k) && (t > 0 && (run[t-1].cls == cOf || run[t-1].cls == cOrd) || t+1 < len(run) && (run[t+1].cls == cOrd || run[t+1].cls == cTens && t+2 < len(run) && run[t+2].cls == cOrd)) {
				words = true
				space(k.start, k.end)
				month(k.start, k.end)
				continue
			}
			emit(k.val-'a'+'A', k.start, k.end2)
			spelled = true
		case cPlus:
			spoken = true
			emit('+', k.start, k.end)
		case cConn:
			spoken = true
			at = at || k.val == '@'
			dot = dot || k.val == '.'
			dateSep = dateSep || k.val == '/' || k.val == '-'
			emit(k.val, k.start, k.end)
		case cOther:
			for i := k.start; i < k.end; i++ {
				emit(text[i]|0x20, k.start, k.end)
			}
		}
	}
	// Self-corrections: "five five six, sorry, five five seven" replaces the
	// group before the marker with the one after it: the longest tail (up to
	// four characters) that differs from the start of what follows in at most
	// one place.
	// A pause (a comma, a filler) before the wrong group says where it began.
	removed := 0
	for ci, m := range corr[:nc] {
		m -= removed
		canon := sc.Canon[c0:]
		before, after := canon[:m], canon[m:]
		hi := min(4, len(before), len(after))
		if p := corrPause[ci] - removed; p >= 0 && m-p >= 1 && m-p <= hi {
			hi = m - p
		}
		for j := hi; j >= 1; j-- {
			diff := 0
			for x := 0; x < j; x++ {
				if before[len(before)-j+x] != after[x] {
					diff++
				}
			}
			if diff <= 1 {
				a := c0 + m - j
				if a+j < len(sc.Canon) {
					// the corrected group starts where the wrong one did
					sc.Src[2*(a+j)] = min(sc.Src[2*(a+j)], sc.Src[2*a])
				}
				copy(sc.Canon[a:], sc.Canon[a+j:])
				sc.Canon = sc.Canon[:len(sc.Canon)-j]
				copy(sc.Src[2*a:], sc.Src[2*(a+j):])
				sc.Src = sc.Src[:len(sc.Src)-2*j]
				removed += j
				break
			}
		}
	}
	alnum, digits := 0, 0
	for _, b := range sc.Canon[c0:] {
		if wordByte[b] != 0 {
			alnum++
		}
		if wordByte[b] == 2 {
			digits++
		}
	}
	if spoken && digits == alnum && digits == len(sc.Canon)-c0 && (digits == 6 || digits == 8) {
		// A date said as digits ("oh three oh three eighty five"): write it
		// MM/DD/YY so that the date detectors can read it.
		d := sc.Canon[c0:]
		mm, dd := int(d[0]-'0')*10+int(d[1]-'0'), int(d[2]-'0')*10+int(d[3]-'0')
		if mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31 {
			for _, at := range [2]int{c0 + 2, c0 + 5} {
				sc.Canon = append(sc.Canon, 0)
				copy(sc.Canon[at+1:], sc.Canon[at:])
				sc.Canon[at] = '/'
				sc.Src = append(sc.Src, 0, 0)
				copy(sc.Src[2*at+2:], sc.Src[2*at:])
				sc.Src[2*at], sc.Src[2*at+1] = sc.Src[2*at-2], sc.Src[2*at-1]
			}
			words = true
		}
	}
	if spelled && spelledWord(sc.Canon[c0:]) {
		// A name spelled out, "j o h n" (see detectors.SpelledName), or
		// an identifier the word detectors know, "a b one two three four
		// five six c" (a UK NINO).
		words = true
	}
	if dateSep && spoken && numericDateShape(sc.Canon[c0:]) {
		words = true // a date said with its separators: "07/14/1990"
	}
	if dot && !at && spoken && webAddress(sc.Canon[c0:]) {
		words = true // a web address said aloud: "w w w dot example dot com"
	}
	return spoken && (alnum >= minSearch || at), words
}

// webAddress says whether a canonical run with a dot is a web address worth
// showing the URL detector: it starts with "www." or has a path after a
// dotted name. A bare "x dot com" is left alone: "the dot com bubble".
func webAddress(c []byte) bool {
	if len(c) > 4 && c[0]|0x20 == 'w' && c[1]|0x20 == 'w' && c[2]|0x20 == 'w' && c[3] == '.' {
		return true
	}
	dot := false
	for _, b := range c {
		dot = dot || b == '.'
		if b == '/' && dot {
			return true
		}
	}
	return false
}

// numericDateShape says whether c holds digit groups of 1, 2 or 4, then
// 1 or 2, then 2 or 4 digits, joined by one '/' or '-' ("07/14/1990",
// "1990-07-14"; not an SSN, "123-45-6789"): a date for the date detectors.
func numericDateShape(c []byte) bool {
	var lens [3]int
	g := 0
	for i := 0; i <= len(c); i++ {
		if i < len(c) && wordByte[c[i]] == 2 {
			if g < len(lens) {
				lens[g]++
			}
			continue
		}
		if g < len(lens) && lens[g] > 0 {
			if g == 2 {
				if (lens[0] == 1 || lens[0] == 2 || lens[0] == 4) && lens[1] <= 2 && (lens[2] == 2 || lens[2] == 4) {
					return true
				}
				lens = [3]int{}
				g = 0
				continue
			}
			if i < len(c) && (c[i] == '/' || c[i] == '-') {
				g++
				continue
			}
		}
		lens, g = [3]int{}, 0
	}
	return false
}

// spelledWord says whether a canonical run holds a word of two or more
// spelled letters and nothing else, or of spelled letters and digits
// nine bytes long at most (a NINO, not an IBAN; spelled letters are written
// upper case, plain words lower case).
func spelledWord(c []byte) bool {
	n, upper, lower := 0, 0, 0
	for i := 0; i <= len(c); i++ {
		if i < len(c) && wordByte[c[i]] != 0 {
			n++
			if c[i] >= 'A' && c[i] <= 'Z' {
				upper++
			} else if wordByte[c[i]] != 2 {
				lower++
			}
			continue
		}
		if n >= 2 && upper > 0 && lower == 0 && (upper == n || n <= 9) {
			return true
		}
		n, upper, lower = 0, 0, 0
	}
	return false
}
