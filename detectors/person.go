package detectors

import (
	"bufio"
	"bytes"
	"embed"
	"sync"
	"unicode"
	"unicode/utf8"

	"redactor/redact"
)

// Person finds people's names: words from the first-name and surname lists
// (data/names, from the 1990 US Census and CC0/MIT name lists), extended to
// the following name words ("John A. Smith", "Smith-Lee"). Capitalisation is
// a signal, not a requirement: speech recognisers often write lower case.
// Names that are also common English words ("will", "mark", "grace") need a
// capital letter mid-sentence or a lead-in such as "this is", "speaking
// with" or "Mr."; after "my name is", "Mr./Ms./Dr." or "spelled", any
// capitalised word is taken as a name.
type Person struct {
	names *nameTable
}

var _ redact.FilteredWordDetector = Person{}

// WordFilter implements redact.FilteredWordDetector: names, and
// capitalised words (which may be names after a lead-in).
func (p Person) WordFilter() redact.WordFilter {
	return redact.WordFilter{Bloom: p.names.bloom, Capitalized: true, Except: p.names.except}
}

// NewPerson returns the name detector; its tables are built once per process.
func NewPerson() Person { return Person{names: nameTables()} }

const (
	personMaxWords  = 4
	personMaxLen    = 64
	personLookbehnd = 48 // bytes of lead-in the detector reads
)

// Info implements redact.Detector.
func (Person) Info() redact.Info {
	return redact.Info{Name: "person", Types: []string{"PERSON"}, MaxLen: personMaxLen, Priority: 60, Lookbehind: personLookbehnd}
}

// word flags
const (
	fFirst uint8 = 1 << iota
	fLast
	fOther
	fAmbiguous // also a common English word
	fStop      // never part of a name
	fTitle     // mr, mrs, ms, miss, dr: strong lead-in
	fLead      // the last word of a lead-in phrase
	fWord      // the name is also an English word ("john" is; "priya" is not)
	fName      = fFirst | fLast | fOther
)

// more word flags, in a second byte
const (
	gPlace   uint8 = 1 << iota // "in", "at", "from": a capitalised word after it is likely a place
	gOrg                       // "Bank", "Pharmacy": the capitalised words before it name a company
	gEnglish                   // among the most common English words ("How", "Did" at a sentence start)
	gPrefix                    // "São", "San": the next capitalised word is part of a place name
)

// nameTable is an open-addressing hash set of word hashes with flags,
// immutable after it is built. Each slot packs a word's hash (its high 48
// bits) with its two flag bytes, so that a lookup reads one cache line.
type nameTable struct {
	bloom  *redact.WordBloom // every name, by folded and by literal hash
	except *redact.WordBloom // common words and stop words that are no name
	slots  []uint64          // key | flags<<8 | more; 0: empty
	mask   uint64
	// lead-in phrases, words reversed (nearest first), with their strength
	leads []leadIn
}

// slotKey is the part of a word hash a slot keeps (never 0).
func slotKey(h uint64) uint64 { return (h | 1<<63) &^ 0xFFFF }

type leadIn struct {
	words    []uint64 // nearest word first
	strength int
}

// lead-in strengths
const (
	leadNone = iota
	leadWeak
	leadMedium
	leadStrong
)

func (t *nameTable) lookup(h uint64) uint8 {
	f, _ := t.lookup2(h)
	return f
}

// lookup2 returns both flag bytes of a word hash.
func (t *nameTable) lookup2(h uint64) (uint8, uint8) {
	k := slotKey(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		v := t.slots[i]
		if v&^0xFFFF == k {
			return uint8(v >> 8), uint8(v)
		}
		if v == 0 {
			return 0, 0
		}
	}
}

func (t *nameTable) add(word []byte, f uint8) { t.add2(word, f, 0) }

func (t *nameTable) add2(word []byte, f, g uint8) {
	h := foldHash(word)
	k := slotKey(h)
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		v := t.slots[i]
		if v == 0 || v&^0xFFFF == k {
			t.slots[i] = k | uint64(uint8(v>>8)|f)<<8 | uint64(uint8(v)|g)
			return
		}
	}
}

//go:embed data/names/first.txt data/names/last.txt data/names/other.txt data/names/ambiguous.txt data/names/common_words.txt data/names/english_common.txt
var nameFiles embed.FS

// Lead-ins: phrases before a name, lower case.
var (
	strongLeads = []string{"my name is", "name is", "name's", "names", "mr", "mrs", "ms", "miss", "dr", "doctor",
		"spelled", "spelt", "surname", "last name", "first name", "full name", "maiden name", "called"}
	// After these, an unknown capitalised word is a name too ("I'm Chidi").
	mediumLeads = []string{"this is", "it's", "i'm", "i am", "speaking with", "speak with", "speak to",
		"talking to", "talk to", "talked to", "spoke with", "spoke to", "ask for", "call me", "thanks", "thank you",
		"hi", "hello", "hey", "dear", "patient", "husband", "wife", "son", "daughter", "mother", "father",
		"named", "need", "thanks so much", "you so much", "much"}
	// After these, only a known name is.
	weakLeads = []string{"with", "and", "its", "am"}
	// A capitalised word after these is more likely a place.
	placeWords = []string{"in", "at", "from", "to", "near", "of", "into", "via"}
	// A capitalised word after these is part of a place name ("São Paulo").
	placePrefixes = []string{"san", "santa", "são", "st", "saint", "new", "los", "las", "fort", "port", "lake", "mount", "el", "la", "le"}
	// Capitalised words before these name an organisation.
	orgWords = []string{"bank", "trust", "pharmacy", "insurance", "airlines", "airways", "group", "medical", "clinic",
		"hospital", "health", "electric", "gas", "energy", "home", "online", "services", "service", "center", "centre",
		"inc", "llc", "ltd", "co", "company", "corp", "hotel", "hotels", "store", "shop", "leaf", "telecom", "mobile",
		"wireless", "credit", "union", "financial", "university", "college", "school", "street", "road", "avenue",
		"air", "apothecary", "dental", "optical", "motors", "auto", "realty", "labs", "bakery", "cafe", "café", "market",
		"foods", "logistics", "systems", "solutions", "partners", "associates", "law", "legal", "veterinary", "pharma",
		"way", "court", "drive", "lane", "boulevard", "blvd", "place", "park", "plaza", "utilities", "water", "power"}
	// Languages and nationalities are capitalised but no names.
	nationalities = []string{"english", "french", "spanish", "german", "italian", "portuguese", "chinese", "japanese",
		"american", "british", "canadian", "mexican", "dutch", "irish", "indian", "polish", "swedish", "danish", "greek"}
	// Words that are in the name lists but, in calls, are not names.
	stopWords = []string{"agent", "caller", "customer", "rep", "representative", "operator", "the", "a", "an",
		"yes", "no", "okay", "ok", "hi", "hello", "thanks", "thank", "sir", "madam", "ma'am", "please",
		"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
		"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"street", "road", "avenue", "lane", "drive", "court", "visa", "mastercard", "amex", "discover", "iban",
		"de", "la", "le", "du", "da", "di", "del", "der", "van", "von", "st",
		"my", "your", "our", "his", "her", "their", "its", "this", "that", "these", "those", "it", "we", "i", "you",
		"he", "she", "they", "me", "us", "him", "them", "sorry", "sure", "great", "perfect", "right", "well", "so",
		"san", "santa", "são", "saint", "new", "los", "las"}
	titles = []string{"mr", "mrs", "ms", "miss", "dr", "doctor"}
	// contractions are the common English ones. Capitalised at a sentence
	// start ("I'm", "It's") they were a fifth of the words the detector was
	// handed in the corpus, and FindWord refuses them anyway (isContraction).
	contractions = []string{"i'm", "i'll", "i've", "i'd", "it's", "it'll", "it'd", "that's", "that'll",
		"there's", "here's", "what's", "where's", "who's", "how's", "let's", "don't", "doesn't", "didn't",
		"can't", "couldn't", "won't", "wouldn't", "shouldn't", "isn't", "aren't", "wasn't", "weren't",
		"haven't", "hasn't", "hadn't", "we're", "we've", "we'll", "we'd", "you're", "you've", "you'll",
		"you'd", "they're", "they've", "they'll", "they'd", "he's", "he'll", "he'd", "she's", "she'll",
		"she'd", "ain't", "y'all"}
)

// nameTables builds the tables once; they are read-only afterwards.
var nameTables = sync.OnceValue(func() *nameTable {
	t := &nameTable{bloom: new(redact.WordBloom), except: new(redact.WordBloom)}
	size := uint64(1 << 16) // about 40,000 words: short probes
	t.slots, t.mask = make([]uint64, size), size-1
	load := func(file string, f uint8) {
		data, err := nameFiles.ReadFile("data/names/" + file)
		if err != nil {
			panic(err) // embedded at build time: cannot happen
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) > 0 && line[0] != '#' {
				t.add(line, f)
				if f&fName != 0 {
					t.bloom.Add(foldHash(line))
					t.bloom.Add(redact.WordHash(line))
				}
			}
		}
	}
	load("first.txt", fFirst)
	load("last.txt", fLast)
	load("other.txt", fOther)
	load("ambiguous.txt", fAmbiguous|fWord)
	if data, err := nameFiles.ReadFile("data/names/english_common.txt"); err == nil {
		for _, line := range bytes.Split(data, []byte("\n")) {
			if line = bytes.TrimSpace(line); len(line) > 0 && line[0] != '#' {
				t.add2(line, 0, gEnglish)
			}
		}
	}
	load("common_words.txt", fWord)
	for _, w := range stopWords {
		t.add([]byte(w), fStop)
	}
	for _, w := range titles {
		t.add([]byte(w), fTitle)
	}
	for _, w := range placeWords {
		t.add2([]byte(w), 0, gPlace)
	}
	for _, w := range orgWords {
		t.add2([]byte(w), 0, gOrg)
	}
	for _, w := range placePrefixes {
		t.add2([]byte(w), fStop, gPrefix)
	}
	for _, w := range nationalities {
		t.add([]byte(w), fStop)
	}
	addLeads := func(phrases []string, strength int) {
		for _, p := range phrases {
			var ws []uint64
			b := []byte(p)
			for i := 0; i < len(b); {
				if !redact.IsWordByte(b[i]) {
					i++
					continue
				}
				e := redact.WordEnd(b, i)
				ws = append([]uint64{redact.WordHash(b[i:e])}, ws...)
				i = e
			}
			t.leads = append(t.leads, leadIn{words: ws, strength: strength})
			t.add(b[bytes.LastIndexByte(b, ' ')+1:], fLead)
		}
	}
	// Capitalised words the detector never needs to see: common English
	// words and stop words that are not in the name lists.
	except := func(word string) {
		if f, _ := t.lookup2(foldHash([]byte(word))); f&fName == 0 {
			t.except.Add(redact.WordHash([]byte(word)))
		}
	}
	if data, err := nameFiles.ReadFile("data/names/english_common.txt"); err == nil {
		for _, line := range bytes.Split(data, []byte("\n")) {
			if line = bytes.TrimSpace(line); len(line) > 0 && line[0] != '#' {
				except(string(line))
			}
		}
	}
	for _, w := range stopWords {
		except(w)
	}
	for _, w := range nationalities {
		except(w)
	}
	for _, w := range contractions {
		except(w)
	}
	addLeads(strongLeads, leadStrong)
	addLeads(mediumLeads, leadMedium)
	addLeads(weakLeads, leadWeak)
	return t
})

// FindWord implements redact.WordDetector.
func (p Person) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	t := p.names
	text := w.Text
	if end-start > personMaxLen/2 || w.Spoken {
		// No name word is that long. A spoken run's canonical text has no
		// lead-ins or capitals to judge by: names said as words are found
		// in the transcript itself, names spelled out by SpelledName.
		return dst
	}
	capital := isCapital(text, start, end)
	if e := trimPossessive(text, start, end); e != end {
		end, h = e, redact.WordHash(text[start:e])
	}
	f, g := t.lookup2(wordKey(text[start:end], h))
	if f&fName == 0 && (!capital || g&gEnglish != 0 || isContraction(text[start:end])) {
		return dst // the common case: a word that is no name
	}
	if !capital && end-start >= 2 && allUpper(text[start:end]) {
		// An all-capitals word is an acronym ("VIN", "DEA") unless a strong
		// lead-in says otherwise ("MY NAME IS JOHN").
		if lead, _ := p.leadIn(w, start); lead < leadStrong {
			return dst
		}
	}
	if !capital && f&fAmbiguous != 0 {
		// "will", "grace": in lower case a name only right after a strong
		// lead-in phrase ("my name is will", not "the doctor will call");
		// otherwise only with a capital (see below).
		if !strongLeadEnd(w, start) {
			return dst // the common case, "i will", "you may": no lead-in to read
		}
		lead, _ := p.leadIn(w, start)
		switch title := titleBefore(w, start); {
		case lead < leadStrong, title == titleWord:
			return dst // "the doctor will call" is no lead-in for "will"
		case title == titleAbbrev && g&gEnglish != 0:
			return dst // "dr will see you"; but "mr smith"
		}
	}
	if !capital && f&fWord != 0 {
		// A lower-case name that is also a word ("john", "long") needs a
		// medium or strong lead-in (see below): decide before reading on.
		if lead, _ := p.leadIn(w, start); lead < leadMedium {
			return dst
		}
	}
	// Everything below reads at most personMaxLen bytes from start, so the
	// decision is local; until that much text (or the end) is here, hold.
	if lim := start + personMaxLen; lim <= len(text) {
		text = text[:lim]
	} else if !w.EOF {
		return append(dst, redact.Candidate{Start: start, End: len(text), Type: "PERSON", Open: true})
	}
	if f&(fStop|fTitle) != 0 {
		return dst
	}
	lead, place := p.leadIn(w, start)
	if f&fName == 0 && lead < leadMedium && !p.surnameFollows(text, end) &&
		!followedBy(text, end, "speaking") && !followedBy(text, end, "here") {
		return dst // an unknown capitalised word without a sign of a name (see below)
	}
	if p.beforeOrg(text, end) || beforeState(text, end) {
		return dst
	}
	if place && w.ByteBefore(start) == ' ' && lead == leadNone && f&fFirst == 0 {
		return dst // "in Portugal", "from Atlanta"
	}
	var score float32
	switch {
	case lead == leadStrong && (capital || f&fName != 0):
		score = 0.95
	case f&fName == 0: // an unknown capitalised word
		switch {
		case lead == leadMedium && !place:
			score = 0.8
		case p.surnameFollows(text, end) || followedBy(text, end, "speaking") || followedBy(text, end, "here"):
			score = 0.75
		default:
			return dst
		}
	case place && lead == leadNone && (f&fFirst == 0 || prefixBefore(p, w, start)):
		return dst
	case f&fAmbiguous != 0: // "Will", "Grace", "Mark": only mid-sentence with a capital
		if !capital || sentenceStart(w, start) {
			return dst
		}
		score = 0.55
		if lead >= leadWeak {
			score = 0.9
		}
	case f&fWord != 0: // "John", "Harbor"
		switch {
		case capital && lead >= leadWeak:
			score = 0.9
		case capital:
			score = 0.8
		case lead >= leadMedium:
			score = 0.7
		default:
			return dst
		}
	case lead >= leadWeak:
		score = 0.9
	case capital:
		score = 0.85
	default:
		score = 0.6 // a lower-case name, as speech recognisers write it
	}
	// Take the following name words: "John A. Smith", "Smith-Lee".
	e, words := end, 1
	for words < personMaxWords {
		i := e
		hyphen := i < len(text) && text[i] == '-'
		if i < len(text) && (text[i] == ' ' || hyphen) {
			i++
		} else if i < len(text) && text[i] == '.' && e-start >= 1 && isInitial(text, e) && i+1 < len(text) && text[i+1] == ' ' {
			i += 2
		}
		if i >= len(text) || i == e || !redact.IsWordByte(text[i]) {
			break
		}
		ne := redact.WordEnd(text, i)
		if ne == len(text) && len(text) < len(w.Text) {
			break // the word runs past personMaxLen
		}
		ne = trimPossessive(text, i, ne)
		nf, ng := t.lookup2(wordKey(text[i:ne], redact.WordHash(text[i:ne])))
		ncap := isCapital(text, i, ne)
		take := false
		switch {
		case ne-i == 1 && ncap && !hyphen: // an initial
			take = true
		case nf&(fStop|fTitle) != 0:
		case nf&fName != 0 && nf&fAmbiguous == 0:
			take = ncap || !capital
		case nf&fName != 0: // a name that is a common word: capitalised, or a lower-case surname after a lower-case name
			take = ncap || !capital && nf&fLast != 0 && ng&gEnglish == 0
		case ng&gEnglish != 0 || ng&gOrg != 0 || isContraction(text[i:ne]):
		default: // an unknown capitalised word after a name: a surname ("Abigail Åberg")
			take = ncap && capital && (lead == leadStrong || hyphen || words == 1 && f&fFirst != 0 && f&fWord == 0)
		}
		if !take {
			break
		}
		e, words = ne, words+1
	}
	// A trailing initial ("John A") is not part of the name.
	if e-start > 1 && isInitial(text, e) && e > end {
		for e > end && text[e-1] != ' ' {
			e--
		}
		e--
	}
	return append(dst, redact.Candidate{Start: start, End: e, Type: "PERSON", Score: score})
}

// leadIn returns the strength of the lead-in phrase that ends just before
// start (leadNone if none), and whether the word before is a place
// preposition ("in", "from").
func (p Person) leadIn(w *redact.Window, start int) (strength int, place bool) {
	var prev [3]uint64
	n := 0
	i := start
	lim := start - personLookbehnd + 2
	spelledFirst := false // a spelling comes right before start
	for n < len(prev) && i > lim {
		// Skip the separator: spaces, and a title's dot ("Mr. Chen").
		for i > lim && (w.ByteAt(i-1) == ' ' || w.ByteAt(i-1) == '.' || w.ByteAt(i-1) == ',') {
			i--
		}
		if n == 0 {
			// A spelling just before the name does not break its lead-in:
			// "my name is j o h n smith"; and a first name with its
			// spelling is one: "john, j o h n, smith".
			if initialAfterTitle(w, i, lim) {
				return leadStrong, false // "mr d smith"
			}
			k := skipSpelled(w, i, lim)
			spelledFirst = k != i
			i = k
			// An answer at the start of a turn after a question that ends
			// in "name" ("…the patient's name?\nCaller: john") has a medium
			// lead-in; no other lead-in reaches across turns.
			if k := skipTurnStart(w, i, lim); k != i {
				if nameBefore(w, k, lim) {
					return leadMedium, false
				}
				return leadNone, false
			}
		}
		e := i
		for i > lim && (redact.IsWordByte(w.ByteAt(i-1)) || w.ByteAt(i-1) == '\'' && redact.IsWordByte(w.ByteAt(i-2))) {
			i--
		}
		if i == e || i <= lim {
			break
		}
		var h uint64
		if i >= 0 {
			h = foldHash(w.Text[i:e])
		} else {
			var buf [personLookbehnd]byte
			for j := i; j < e; j++ {
				buf[j-i] = w.ByteAt(j)
			}
			h = foldHash(buf[:e-i])
		}
		if n == 0 {
			f, g := p.names.lookup2(h)
			if g&gPrefix != 0 {
				return leadNone, true // "São Paulo": a place whatever the word
			}
			place = g&gPlace != 0
			if spelledFirst && f&fFirst != 0 && f&fAmbiguous == 0 {
				return leadStrong, false
			}
			if f&(fLead|fTitle) == 0 {
				return leadNone, place
			}
		}
		prev[n] = h
		n++
	}
	for _, l := range p.names.leads {
		if len(l.words) <= n && equalWords(l.words, prev[:len(l.words)]) {
			strength = max(strength, l.strength)
		}
	}
	return strength, place
}

// beforeOrg reports whether the next word or the one after it is an
// organisation word ("Harbor Trust Bank", "Maple Leaf Pharmacy").
// skipTurnStart returns, when the bytes before i are a speaker label
// starting a line ("\nCaller: "), where the turn before it ends: after its
// last word, or after the last byte that is not a space or a question mark
// ("name.\n" is no question). Otherwise it returns i. It reads no further
// back than lim.
func skipTurnStart(w *redact.Window, i, lim int) int {
	if w.ByteAt(i-1) != ':' {
		return i
	}
	var buf [14]byte // "representative"
	label := lowerWordBefore(w, i-1, lim+1, buf[:])
	j := i - 1 - len(label)
	if w.ByteAt(j-1) != '\n' {
		return i
	}
	switch string(label) {
	case "agent", "caller", "customer", "rep", "representative", "operator", "speaker", "client":
	default:
		return i
	}
	k := j - 1
	for k > lim && (w.ByteAt(k-1) == ' ' || w.ByteAt(k-1) == '?') {
		k--
	}
	return k
}

// nameBefore reports whether the word that ends at e is "name" or
// "names", reading no further back than lim.
func nameBefore(w *redact.Window, e, lim int) bool {
	var buf [5]byte
	switch string(lowerWordBefore(w, e, lim, buf[:])) {
	case "name", "names":
		return true
	}
	return false
}

// lowerWordBefore copies the word of letters and apostrophes that ends at
// e into the end of buf, lower-cased, and returns it; nil when there is
// none, when it is longer than buf or reaches back to lim, or when a word
// byte comes right before it.
func lowerWordBefore(w *redact.Window, e, lim int, buf []byte) []byte {
	n := 0
	for n < len(buf) && e-n > lim && (redact.IsLetter(w.ByteAt(e-n-1)) || w.ByteAt(e-n-1) == '\'') {
		n++
		buf[len(buf)-n] = w.ByteAt(e-n) | 0x20
	}
	if b := w.ByteAt(e - n - 1); n == 0 || redact.IsWordByte(b) || b == '\'' {
		return nil
	}
	return buf[len(buf)-n:]
}

// allUpper reports whether word holds only ASCII capitals.
func allUpper(word []byte) bool {
	for _, c := range word {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// strongLeadEnd reports whether the word before start may end a strong
// lead-in phrase ("my name is", "surname", "called", "mr"): a quick test
// before leadIn for the lower-case names that are common words.
func strongLeadEnd(w *redact.Window, start int) bool {
	i := start
	for start-i < 2 && (w.ByteAt(i-1) == ' ' || w.ByteAt(i-1) == ',') {
		i--
	}
	if k := skipSpelled(w, i, start-personLookbehnd+2); k != i || initialAfterTitle(w, i, start-personLookbehnd+2) {
		return true // after a spelling or an initial: leadIn decides
	}
	switch w.ByteAt(i-1) | 0x20 {
	case 's', 'e', 'd', 't', 'r': // how the words below end
	default:
		return false // "i will", "you may"
	}
	var buf [8]byte
	switch string(lowerWordBefore(w, i, start-personLookbehnd+2, buf[:])) {
	case "is", "name's", "names", "name", "spelled", "spelt", "surname", "called", "mr", "mrs", "ms", "dr":
		return true
	}
	return false
}

// skipSpelled returns, when the words that end at i are single letters
// separated by spaces or commas, two of them other than "a" and "i" (a
// spelling, "j o h n"), where the word before them ends; otherwise i. It
// reads no further back than lim.
func skipSpelled(w *redact.Window, i, lim int) int {
	k, letters := i, 0
	for k-1 > lim && redact.IsLetter(w.ByteAt(k-1)) && !redact.IsWordByte(w.ByteAt(k-2)) && w.ByteAt(k-2) != '\'' {
		k-- // the letter's start
		if c := w.ByteAt(k) | 0x20; c != 'a' && c != 'i' {
			letters++ // "a" and "i" are words as often as letters
		}
		j := k
		for j > lim && (w.ByteAt(j-1) == ' ' || w.ByteAt(j-1) == ',') {
			j--
		}
		if j == k {
			break
		}
		k = j
	}
	if letters < 2 {
		return i
	}
	return k
}

// initialAfterTitle reports whether the word that ends at i is one letter
// (an initial, maybe with its dot) right after a title: "mr d", "Mrs. J.".
func initialAfterTitle(w *redact.Window, i, lim int) bool {
	if w.ByteAt(i-1) == '.' {
		i--
	}
	if !redact.IsLetter(w.ByteAt(i-1)) || redact.IsWordByte(w.ByteAt(i-2)) || w.ByteAt(i-2) != ' ' || i-2 <= lim {
		return false
	}
	return titleBefore(w, i-1) != titleNone
}

// Kinds of title (titleBefore).
const (
	titleNone   = iota
	titleAbbrev // "mr", "mrs", "ms", "dr"
	titleWord   // "doctor", "miss": titles that are common words too
)

// titleBefore returns the kind of title that is the word before start.
func titleBefore(w *redact.Window, start int) int {
	i := start
	for start-i < 2 && (w.ByteAt(i-1) == ' ' || w.ByteAt(i-1) == '.') {
		i--
	}
	var buf [6]byte
	switch string(lowerWordBefore(w, i, start-personLookbehnd+2, buf[:])) {
	case "mr", "mrs", "ms", "dr":
		return titleAbbrev
	case "doctor", "miss":
		return titleWord
	}
	return titleNone
}

func (p Person) beforeOrg(text []byte, e int) bool {
	for k := 0; k < 2; k++ {
		if e+1 >= len(text) || text[e] != ' ' || !redact.IsWordByte(text[e+1]) {
			return false
		}
		ne := redact.WordEnd(text, e+1)
		if !isCapital(text, e+1, ne) {
			return false
		}
		if _, g := p.names.lookup2(wordKey(text[e+1:ne], redact.WordHash(text[e+1:ne]))); g&gOrg != 0 {
			return true
		}
		e = ne
	}
	return false
}

// beforeState reports whether ", XX" (a two-letter state or province code)
// follows e: "Columbus, OH" is a city.
func beforeState(text []byte, e int) bool {
	return e+4 <= len(text) && text[e] == ',' && text[e+1] == ' ' &&
		'A' <= text[e+2] && text[e+2] <= 'Z' && 'A' <= text[e+3] && text[e+3] <= 'Z' &&
		(e+4 == len(text) || !redact.IsWordByte(text[e+4]))
}

// prefixBefore reports whether the word before start is a place prefix.
func prefixBefore(p Person, w *redact.Window, start int) bool {
	i := start
	for i > start-personLookbehnd+2 && w.ByteAt(i-1) == ' ' {
		i--
	}
	e := i
	for i > start-personLookbehnd+2 && redact.IsWordByte(w.ByteAt(i-1)) {
		i--
	}
	if i == e {
		return false
	}
	var buf [16]byte
	if e-i > len(buf) {
		return false
	}
	for j := i; j < e; j++ {
		buf[j-i] = w.ByteAt(j)
	}
	_, g := p.names.lookup2(foldHash(buf[:e-i]))
	return g&gPrefix != 0
}

// followedBy reports whether the word after e is word (lower case).
func followedBy(text []byte, e int, word string) bool {
	if e >= len(text) || text[e] != ' ' {
		return false
	}
	rest := text[e+1:]
	if len(rest) < len(word) || !bytes.EqualFold(rest[:len(word)], []byte(word)) {
		return false
	}
	return len(rest) == len(word) || !redact.IsWordByte(rest[len(word)])
}

// isContraction reports whether word is a contraction such as "I'm" or
// "You're" (an apostrophe after the first letter that is not O'/D').
func isContraction(word []byte) bool {
	i := bytes.IndexByte(word, '\'')
	if i < 0 {
		return false
	}
	return !(i == 1 && (word[0]|0x20 == 'o' || word[0]|0x20 == 'd'))
}

// trimPossessive drops a trailing "'s" from the word [start, end).
func trimPossessive(text []byte, start, end int) int {
	if end-start > 3 && text[end-2] == '\'' && (text[end-1] == 's' || text[end-1] == 'S') {
		return end - 2
	}
	return end
}

func equalWords(a, b []uint64) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isCapital reports whether text[start:end] is capitalised: an upper-case
// first letter and not all capitals ("WEST" in an IBAN is no name).
func isCapital(text []byte, start, end int) bool {
	c := text[start]
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRune(text[start:end])
		return unicode.IsUpper(r)
	}
	if c < 'A' || c > 'Z' {
		return false
	}
	if end-start < 2 {
		return true
	}
	for _, c := range text[start+1 : end] {
		if 'a' <= c && c <= 'z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// surnameFollows reports whether a capitalised surname that is not an
// English word follows the word ending at e ("Hiroshi Martinez").
func (p Person) surnameFollows(text []byte, e int) bool {
	if e+1 >= len(text) || text[e] != ' ' || !redact.IsWordByte(text[e+1]) {
		return false
	}
	ne := redact.WordEnd(text, e+1)
	if ne == len(text) {
		return false
	}
	f := p.names.lookup(wordKey(text[e+1:ne], redact.WordHash(text[e+1:ne])))
	return f&fLast != 0 && f&(fWord|fStop) == 0 && isCapital(text, e+1, ne)
}

// wordKey returns the table key of a word: its hash h when it is ASCII,
// else the hash of its accent-folded form ("Sofía" finds "sofia").
func wordKey(word []byte, h uint64) uint64 {
	if isASCII(word) {
		return h
	}
	return foldHash(word)
}

// isASCII reports whether word has only ASCII bytes.
func isASCII(word []byte) bool {
	for _, c := range word {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldHash hashes a word lower-cased with common Latin diacritics removed,
// the same FNV-1a as redact.WordHash for ASCII words.
func foldHash(word []byte) uint64 {
	if isASCII(word) {
		return redact.WordHash(word)
	}
	var wh redact.WordHasher
	add := wh.Add
	for i := 0; i < len(word); {
		c := word[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			add(c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(word[i:])
		i += n
		folded := foldRune(unicode.ToLower(r))
		if folded == "" {
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], unicode.ToLower(r))] {
				add(b)
			}
			continue
		}
		for j := 0; j < len(folded); j++ {
			add(folded[j])
		}
	}
	return wh.Sum()
}

// foldRune maps a lower-case Latin letter with a diacritic to ASCII, or "".
func foldRune(r rune) string {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ą', 'ā', 'ă':
		return "a"
	case 'ç', 'ć', 'č':
		return "c"
	case 'ď', 'đ':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ę', 'ě', 'ē':
		return "e"
	case 'ğ':
		return "g"
	case 'ì', 'í', 'î', 'ï', 'ı', 'ī':
		return "i"
	case 'ł':
		return "l"
	case 'ñ', 'ń', 'ň':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ő', 'ō':
		return "o"
	case 'ř':
		return "r"
	case 'ś', 'š', 'ş':
		return "s"
	case 'ť':
		return "t"
	case 'ù', 'ú', 'û', 'ü', 'ů', 'ű', 'ū':
		return "u"
	case 'ý', 'ÿ':
		return "y"
	case 'ź', 'ż', 'ž':
		return "z"
	case 'æ':
		return "ae"
	case 'ß':
		return "ss"
	}
	return ""
}

// isInitial reports whether the word ending at e is one capital letter.
func isInitial(text []byte, e int) bool {
	return e >= 1 && 'A' <= text[e-1] && text[e-1] <= 'Z' && (e == 1 || !redact.IsWordByte(text[e-2]))
}

// sentenceStart reports whether start begins a sentence or a turn.
func sentenceStart(w *redact.Window, start int) bool {
	for i := start - 1; i >= start-personLookbehnd+2; i-- {
		switch c := w.ByteAt(i); c {
		case ' ', '\t', '"':
			continue
		case '.', '!', '?', ':', '\n':
			return true
		default:
			return false
		}
	}
	return true
}
