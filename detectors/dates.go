package detectors

import (
	"strconv"

	"redactor/detectors/validate"
	"redactor/redact"
)

// Calendar dates, found on the engine's word pass. One matcher (parseDate)
// serves two detectors: date_of_birth, which the default pack gives a
// required context ("born", "date of birth", "DOB" ...) and a high score,
// and date_time, which needs no context and scores lower, so that where
// both find the same span the overlap resolution keeps DATE_OF_BIRTH.
//
// The matcher starts at a word: a digit word ("03/14/1985", "14.03.1985",
// "1985-03-14", "3/14/85", "5-May-2021", "14 March 1985", "14th of March,
// 1985") or a month name ("March 14, 1985", "Mar 14th 1985", "Sept. 5,
// 2001"). Every form needs a day, a month and a year that make a real
// calendar day (validate.ValidDate); date_of_birth alone also takes a day
// and a written month without the year ("born on March 14th"), and dotted
// dates with a two-digit year ("14.3.85"), which without a birth context are
// as often version numbers ("version 12.11.27"). Not dates:
// bare years, times, durations, month/year pairs such as the card expiry
// "12/27", versions ("3.2.1"), prices. An ISO 8601 date takes its time of
// day with it ("2024-03-15T14:30:00Z").
//
// The detectors are filtered word detectors: the engine hands them only
// words in a Bloom filter of month names, numbers up to 99, ordinals and
// years, so most words never reach them; a number is then rejected by the
// byte after it, a month name by a perfect hash table.

// DateOfBirth reports dates as DATE_OF_BIRTH; its pack entry requires a
// birth context.
type DateOfBirth struct{}

// DateTime reports full calendar dates as DATE_TIME.
type DateTime struct{}

var (
	_ redact.FilteredWordDetector = DateOfBirth{}
	_ redact.FilteredWordDetector = DateTime{}
)

// WordFilter implements redact.FilteredWordDetector: the engine hands over
// only words that can start a date.
func (DateOfBirth) WordFilter() redact.WordFilter { return dateFilter }

// WordFilter implements redact.FilteredWordDetector.
func (DateTime) WordFilter() redact.WordFilter { return dateFilter }

// dateFilter lets through the words a date can start with, followed by
// what parseDate reads next: a space ("14 March", "March 14", "14th of"),
// a dot ("Mar. 14", "14.03.1985"), a slash or a hyphen.
var dateFilter = redact.WordFilter{Bloom: dateWords, Next: " ./-"}

// dateWords holds the hashes of the words a date can start with: month
// names, numbers 0-99 (also "03"), ordinals "1st" to "31st" and the years
// 1800-2199. Built at initialisation, never written after.
var dateWords = func() *redact.WordBloom {
	b := new(redact.WordBloom)
	add := func(s string) { b.Add(redact.WordHash([]byte(s))) }
	for _, m := range monthNameList {
		add(m.name)
	}
	var buf [8]byte
	for n := 0; n < 100; n++ {
		add(string(strconv.AppendInt(buf[:0], int64(n), 10)))
		if n < 10 {
			add("0" + string(rune('0'+n)))
		}
	}
	for d := 1; d <= 31; d++ {
		suf := "th"
		switch {
		case d == 1 || d == 21 || d == 31:
			suf = "st"
		case d == 2 || d == 22:
			suf = "nd"
		case d == 3 || d == 23:
			suf = "rd"
		}
		add(string(strconv.AppendInt(buf[:0], int64(d), 10)) + suf)
	}
	for y := 1800; y <= 2199; y++ {
		add(string(strconv.AppendInt(buf[:0], int64(y), 10)))
	}
	return b
}()

// dateMaxLen bounds a date span ("2024-03-15T14:30:00.123456789+05:30" is 35
// bytes, "the 14th of September, 1985" less).
const dateMaxLen = 48

// Info implements redact.Detector.
func (DateOfBirth) Info() redact.Info {
	return redact.Info{Name: "date_of_birth", Types: []string{"DATE_OF_BIRTH"}, MaxLen: dateMaxLen, Priority: 40, Lookbehind: 2}
}

// Info implements redact.Detector.
func (DateTime) Info() redact.Info {
	return redact.Info{Name: "date_time", Types: []string{"DATE_TIME"}, MaxLen: dateMaxLen, Priority: 45, Lookbehind: 2}
}

// FindWord implements redact.WordDetector.
func (DateOfBirth) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	if !dateStart(w, start, h) {
		return dst
	}
	r := newScanReader(w, start, dateMaxLen)
	e, kind := parseDate(&r, start, end, h)
	var score float32
	switch kind {
	case dateFull, dateTimeOfDay:
		score = 0.9
	case dateShortYear, dateDottedShort, dateMonthShortYear:
		score = 0.85
	case datePartial:
		score = 0.7
	}
	return r.finish(dst, start, e, "DATE_OF_BIRTH", score)
}

// FindWord implements redact.WordDetector.
func (DateTime) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	if !dateStart(w, start, h) {
		return dst
	}
	r := newScanReader(w, start, dateMaxLen)
	e, kind := parseDate(&r, start, end, h)
	var score float32
	switch kind {
	case dateTimeOfDay:
		score = 0.7
	case dateFull:
		score = 0.6
	case dateShortYear:
		score = 0.5
	}
	return r.finish(dst, start, e, "DATE_TIME", score)
}

// dateStart is the rejection path: a date starts at a digit or at a
// capitalised month name.
func dateStart(w *redact.Window, start int, h uint64) bool {
	c := w.Text[start]
	if redact.IsDigit(c) {
		return !midWord(w, start)
	}
	if c < 'A' || c > 'Z' {
		return false
	}
	_, ok := monthNames.get(h)
	return ok && !midWord(w, start)
}

// midWord reports whether the word the engine hands over at start really
// continues a word before it across an apostrophe ("85'96"): a window can
// begin after the apostrophe (a digit chain is held from its first digit),
// and then the engine sees a word start where the whole text has none.
func midWord(w *redact.Window, start int) bool {
	return w.ByteBefore(start) == '\'' && redact.IsWordByte(w.ByteBefore(start-1))
}

// dateKind says what parseDate found.
type dateKind uint8

const (
	dateNone        dateKind = iota
	datePartial              // day and written month, no year
	dateShortYear            // a full date with a two-digit year
	dateDottedShort          // "14.3.85": as often a version number ("version 12.11.27")
	dateFull                 // a full date with a four-digit year
	dateTimeOfDay            // an ISO 8601 date with its time of day
	// dateMonthShortYear is a written month with a two-digit year ("April
	// 9th 81"): a birth date as people say it, but as often a date and a
	// count ("on May 5 20 people came"), so only date_of_birth, which
	// needs a birth word near, takes it.
	dateMonthShortYear
)

// monthNameList lists the English month names and abbreviations with
// their months.
var monthNameList = []struct {
	name  string
	month uint8
}{
	{"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
	{"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
	{"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9}, {"october", 10},
	{"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
}

// monthNames maps the hashes of monthNameList to the month.
var monthNames = func() wordSet {
	m := map[string]uint8{}
	for _, mn := range monthNameList {
		m[mn.name] = mn.month
	}
	return newWordSet(m)
}()

// parseDate parses the date that starts with the word [start, end) and
// returns its end and kind (dateNone: no date).
func parseDate(r *scanReader, start, end int, h uint64) (int, dateKind) {
	if !r.boundaryBefore(start) {
		return 0, dateNone
	}
	if !redact.IsDigit(r.at(start)) {
		m, ok := monthWord(r, start, end, h)
		if !ok {
			return 0, dateNone
		}
		return monthFirst(r, m, end)
	}
	nd := 0
	for nd < end-start && redact.IsDigit(r.at(start+nd)) {
		nd++
	}
	if nd < end-start {
		// "14th": an ordinal day, then "[of] Month[,] Year".
		if nd > 2 || !ordinalSuffix(r, start+nd, end) {
			return 0, dateNone
		}
		return dayFirst(r, numAt(r, start, start+nd), end)
	}
	switch c := r.at(end); {
	case c == '/' || c == '.' || c == '-':
		return numericDate(r, start, end, c)
	case c == ' ' && nd <= 2:
		return dayFirst(r, numAt(r, start, end), end)
	}
	return 0, dateNone
}

// numericDate parses "D/M/Y", "M/D/Y" (a date either way counts), "Y-M-D",
// with one separator throughout, two- or four-digit years, and the "5-May-2021"
// form. g1 is the first group [start, end), sep the byte after it.
func numericDate(r *scanReader, start, end int, sep byte) (int, dateKind) {
	l1 := end - start
	if l1 != 1 && l1 != 2 && l1 != 4 {
		return 0, dateNone
	}
	s2 := end + 1
	if l1 <= 2 && redact.IsLetter(r.at(s2)) {
		// "5-May-2021", "05/MAY/21"
		e2 := r.wordEnd(s2)
		m, ok := monthWord(r, s2, e2, r.hash(s2, e2))
		if !ok || r.at(e2) != sep {
			return 0, dateNone
		}
		y, ye, yl := dateYearAt(r, e2+1)
		d := numAt(r, start, end)
		if yl == 0 || !r.boundaryAfter(ye) || !validate.ValidDate(y, m, d) {
			return 0, dateNone
		}
		return ye, dateYearKind(yl)
	}
	e2 := digitRunEnd(r, s2, 4)
	l2 := e2 - s2
	if l2 < 1 || l2 > 2 || r.at(e2) != sep {
		return 0, dateNone
	}
	s3 := e2 + 1
	e3 := digitRunEnd(r, s3, 5)
	l3 := e3 - s3
	g1, g2, g3 := numAt(r, start, end), numAt(r, s2, e2), numAt(r, s3, e3)
	if l1 == 4 {
		// Y-M-D, and the ISO 8601 time of day after a 'T'.
		if l3 < 1 || l3 > 2 || !plausibleYear(g1) || !validate.ValidDate(g1, g2, g3) {
			return 0, dateNone
		}
		if sep == '-' && r.at(e3) == 'T' {
			if te := isoTime(r, e3+1); te > 0 && r.boundaryAfter(te) {
				return te, dateTimeOfDay
			}
			return 0, dateNone
		}
		if !r.boundaryAfter(e3) {
			return 0, dateNone
		}
		return e3, dateFull
	}
	var y int
	switch l3 {
	case 4:
		if !plausibleYear(g3) {
			return 0, dateNone
		}
		y = g3
	case 2:
		y = 2000 + g3 // the century only matters for 29 February
	default:
		return 0, dateNone
	}
	if !r.boundaryAfter(e3) || !validate.ValidDate(y, g1, g2) && !validate.ValidDate(y, g2, g1) {
		return 0, dateNone
	}
	if l3 == 2 && sep == '.' {
		return e3, dateDottedShort
	}
	return e3, dateYearKind(l3)
}

// dayFirst parses what follows a day (the word before i): " March 1985",
// " Mar. 14", " of March, 1985".
func dayFirst(r *scanReader, d, i int) (int, dateKind) {
	if r.at(i) != ' ' {
		return 0, dateNone
	}
	i++
	if r.at(i) == 'o' && r.at(i+1) == 'f' && r.at(i+2) == ' ' {
		i += 3
	}
	if c := r.at(i); c < 'A' || c > 'Z' {
		return 0, dateNone
	}
	me := r.wordEnd(i)
	m, ok := monthWord(r, i, me, r.hash(i, me))
	if !ok || !validate.ValidDate(2000, m, d) {
		return 0, dateNone
	}
	if r.at(me) == '.' {
		me++ // "14 Mar. 1985"
	}
	if e, kind := dateYearAfter(r, me, m, d); kind != dateNone {
		return e, kind
	}
	if me > i && r.at(me-1) == '.' {
		me-- // "14 Mar." ends a sentence: the dot is not part of the date
	}
	if !r.boundaryAfter(me) {
		return 0, dateNone
	}
	return me, datePartial
}

// monthFirst parses what follows a month name (the word before i): " 14, 1985",
// " 14th 1985", ". 5, 2001".
func monthFirst(r *scanReader, m, i int) (int, dateKind) {
	if r.at(i) == '.' {
		i++
	}
	if r.at(i) != ' ' || !redact.IsDigit(r.at(i+1)) {
		return 0, dateNone
	}
	s := i + 1
	de := r.wordEnd(s)
	nd := digitRunEnd(r, s, 3) - s
	if nd > 2 || s+nd < de && !ordinalSuffix(r, s+nd, de) {
		return 0, dateNone
	}
	d := numAt(r, s, s+nd)
	if !validate.ValidDate(2000, m, d) {
		return 0, dateNone
	}
	if e, kind := dateYearAfter(r, de, m, d); kind != dateNone {
		return e, kind
	}
	if !r.boundaryAfter(de) || r.at(de) == ':' || r.at(de) == ',' && redact.IsDigit(r.at(de+1)) {
		return 0, dateNone // "May 5:30", "May 5,000"
	}
	return de, datePartial
}

// dateYearAfter parses "[,] YYYY" at i for day d of month m.
func dateYearAfter(r *scanReader, i, m, d int) (int, dateKind) {
	if r.at(i) == ',' {
		i++
	}
	if r.at(i) != ' ' {
		return 0, dateNone
	}
	y, ye, yl := dateYearAt(r, i+1)
	if yl == 0 || !r.boundaryAfter(ye) {
		return 0, dateNone
	}
	if yl == 2 {
		// "April 9th 81", "the 9th of April, 81": a birth date as said
		// aloud; not "May 5 20 people", "March 3 12:30" (see dateMonthShortYear).
		if c := r.at(ye); c == ':' || (c == ',' || c == '.') && redact.IsDigit(r.at(ye+1)) ||
			!validate.ValidDate(1900+y%100, m, d) && !validate.ValidDate(2000+y%100, m, d) {
			return 0, dateNone
		}
		return ye, dateMonthShortYear
	}
	if !validate.ValidDate(y, m, d) {
		return 0, dateNone
	}
	return ye, dateFull
}

// dateYearAt reads a two- or four-digit year at i; yl is its length, 0 for none.
func dateYearAt(r *scanReader, i int) (y, end, yl int) {
	e := digitRunEnd(r, i, 5)
	switch e - i {
	case 4:
		if y = numAt(r, i, e); !plausibleYear(y) {
			return 0, 0, 0
		}
		return y, e, 4
	case 2:
		return 2000 + numAt(r, i, e), e, 2
	}
	return 0, 0, 0
}

func plausibleYear(y int) bool { return y >= 1800 && y <= 2199 }

func dateYearKind(yl int) dateKind {
	if yl == 4 {
		return dateFull
	}
	return dateShortYear
}

// isoTime parses "hh:mm[:ss[.frac]][Z|±hh:mm|±hhmm]" at i and returns its
// end, or 0.
func isoTime(r *scanReader, i int) int {
	hh, ok := twoDigitsAt(r, i)
	if !ok || hh > 23 || r.at(i+2) != ':' {
		return 0
	}
	mm, ok := twoDigitsAt(r, i+3)
	if !ok || mm > 59 {
		return 0
	}
	e := i + 5
	if r.at(e) == ':' {
		ss, ok := twoDigitsAt(r, e+1)
		if !ok || ss > 60 {
			return 0
		}
		e += 3
		if r.at(e) == '.' && redact.IsDigit(r.at(e+1)) {
			f := digitRunEnd(r, e+1, 10)
			if f-e-1 > 9 {
				return 0
			}
			e = f
		}
	}
	switch r.at(e) {
	case 'Z':
		e++
	case '+', '-':
		oh, ok := twoDigitsAt(r, e+1)
		if !ok || oh > 14 {
			return 0
		}
		j := e + 3
		if r.at(j) == ':' {
			j++
		}
		om, ok := twoDigitsAt(r, j)
		if !ok || om > 59 {
			return 0
		}
		e = j + 2
	}
	return e
}

func twoDigitsAt(r *scanReader, i int) (int, bool) {
	a, b := r.at(i), r.at(i+1)
	if !redact.IsDigit(a) || !redact.IsDigit(b) {
		return 0, false
	}
	return int(a-'0')*10 + int(b-'0'), true
}

// monthWord returns the month of the word [s, e): a month name or
// abbreviation, capitalised or in capitals ("March", "MAR"), not "mar".
func monthWord(r *scanReader, s, e int, h uint64) (int, bool) {
	if c := r.at(s); c < 'A' || c > 'Z' {
		return 0, false
	}
	m, ok := monthNames.get(h)
	return int(m), ok
}

// ordinalSuffix reports whether [i, e) is "st", "nd", "rd" or "th" (any case).
func ordinalSuffix(r *scanReader, i, e int) bool {
	if e-i != 2 {
		return false
	}
	a, b := r.at(i)|0x20, r.at(i+1)|0x20
	return a == 's' && b == 't' || a == 'n' && b == 'd' || a == 'r' && b == 'd' || a == 't' && b == 'h'
}

// digitRunEnd returns the end of the digit run at i, reading at most max+1 bytes.
func digitRunEnd(r *scanReader, i, max int) int {
	e := i
	for e-i <= max && redact.IsDigit(r.at(e)) {
		e++
	}
	return e
}

// numAt returns the value of the digits [s, e) (at most 9 of them).
func numAt(r *scanReader, s, e int) int {
	n := 0
	for i := s; i < e && i-s < 9; i++ {
		n = n*10 + int(r.at(i)-'0')
	}
	return n
}

// scanReader reads a window forward from a candidate's start for a word
// detector, and remembers whether it looked past the end of the window's
// text: then, unless the stream ends there, the answer could change with
// more text and the candidate is reported open. Reads at or after lim
// (start + MaxLen + MaxLookahead) see a space, so that a detector never
// depends on more than that. Negative indexes read the window's Before.
type scanReader struct {
	w     *redact.Window
	lim   int
	short bool
}

func newScanReader(w *redact.Window, start, maxLen int) scanReader {
	return scanReader{w: w, lim: start + maxLen + redact.MaxLookahead}
}

// at returns the byte at i (' ' outside the text or at or after lim).
func (r *scanReader) at(i int) byte {
	if i >= r.lim {
		return ' '
	}
	if i >= len(r.w.Text) {
		r.short = true
		return ' '
	}
	if i < 0 {
		return r.w.ByteAt(i)
	}
	return r.w.Text[i]
}

// wordEnd returns the end of the word starting at i, as redact.WordEnd.
func (r *scanReader) wordEnd(i int) int {
	e := i
	for {
		c := r.at(e)
		if redact.IsWordByte(c) || c == '\'' && e > i && redact.IsWordByte(r.at(e+1)) {
			e++
			continue
		}
		return e
	}
}

// hash returns redact.WordHash of [s, e).
func (r *scanReader) hash(s, e int) uint64 {
	if s >= 0 && e <= len(r.w.Text) {
		return redact.WordHash(r.w.Text[s:e])
	}
	var buf [32]byte
	n := 0
	for i := s; i < e && n < len(buf); i++ {
		buf[n] = r.at(i)
		n++
	}
	return redact.WordHash(buf[:n])
}

// boundaryBefore is the package's boundaryBefore: nothing glued before i.
func (r *scanReader) boundaryBefore(i int) bool { return boundaryBefore(r.w, i) }

// boundaryAfter is the package's boundaryAfter, through the reader: a
// number may end at i.
func (r *scanReader) boundaryAfter(i int) bool {
	b := r.at(i)
	switch {
	case redact.IsAlnum(b):
		return false
	case b == '-' || b == '/':
		return !redact.IsAlnum(r.at(i + 1))
	case b == '.':
		return !redact.IsDigit(r.at(i + 1))
	}
	return true
}

// open reports whether the reader looked past the text of a window that is
// not the stream's last: what it found may still change.
func (r *scanReader) open() bool { return r.short && !r.w.EOF }

// finish appends the candidate [start, end) of type typ, or nothing when end
// is 0, unless the reader looked past the text of a window that is not the
// last one: then it appends an open candidate from start.
func (r *scanReader) finish(dst []redact.Candidate, start, end int, typ string, score float32) []redact.Candidate {
	if r.open() {
		return append(dst, redact.Candidate{Start: max(start, 0), End: len(r.w.Text), Type: typ, Open: true})
	}
	if end <= start || score <= 0 || end > r.lim-redact.MaxLookahead {
		return dst
	}
	return append(dst, redact.Candidate{Start: start, End: end, Type: typ, Score: score})
}

// wordSet is a perfect hash table of word hashes (redact.WordHash) with a
// small value each: a look-up is one multiply, one load and one compare. It
// is built once, at package initialisation, and never written after.
type wordSet struct {
	mul   uint64
	shift uint8
	keys  []uint64
	vals  []uint8
}

// newWordSet builds the table for words, trying multipliers until no two
// words share a slot.
func newWordSet(words map[string]uint8) wordSet {
	bits := uint8(4)
	for 1<<bits < 4*len(words) {
		bits++
	}
	x := uint64(0x9E3779B97F4A7C15)
	for attempt := 0; ; attempt++ {
		if attempt > 0 && attempt%64 == 0 {
			bits++
		}
		// splitmix64 step: a deterministic sequence of odd multipliers.
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
		z = (z ^ z>>27) * 0x94D049BB133111EB
		mul := (z ^ z>>31) | 1
		s := wordSet{mul: mul, shift: 64 - bits, keys: make([]uint64, 1<<bits), vals: make([]uint8, 1<<bits)}
		ok := true
		for word, v := range words {
			h := redact.WordHash([]byte(word))
			k := h * mul >> s.shift
			if s.keys[k] != 0 {
				ok = false
				break
			}
			s.keys[k], s.vals[k] = h, v
		}
		if ok {
			return s
		}
	}
}

// get returns the value of the word with hash h.
func (s *wordSet) get(h uint64) (uint8, bool) {
	k := h * s.mul >> s.shift
	if s.keys[k] != h || h == 0 {
		return 0, false
	}
	return s.vals[k], true
}
