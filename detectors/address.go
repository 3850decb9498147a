package detectors

import (
	"redactor/redact"
)

// Street addresses and postal codes.
//
// The detectors only ever read forward from where they are called (the
// engine holds back text only from the start of a candidate, so a detector
// that looked back from "Street" to the house number could find the number
// already written out). An address starts at:
//
//   - a house number: "1234 Oak Street", "3928 NE Walnut Rd, Suite 325",
//     "221B Baker Street", "10 Downing St", "12 rue de la Paix",
//     "8 bis rue des Lilas" (name words are capitalised; the street type ends
//     the span, with a trailing dot if abbreviated, "Cherry St.");
//   - a street-type word that leads: "Via Roma 17", "Calle del Sol 19",
//     "Avenida de América 146, 1º D", "Rue du Rhône 13";
//   - a compound street name: "Hauptstraße 12a", "Kirchstr. 92",
//     "Keizersgracht 123", "Karl-Marx-Allee 5", "Berliner Straße 5";
//   - a unit: "Flat 12, 101 Belmont Lane".
//
// A unit after the street is part of the span (", Apt 4B", " #400",
// ", Suite 325", ", 2º B"); the city, state and postal code are not.
//
// The first kind starts at a digit group, so street_address is a chain
// detector; the others start at a capitalised word, so
// street_address_name_first is a word detector that sees only capitalised
// words and rejects most of them by the byte after the word, one look-up in
// a perfect hash table and a test of the word's last two bytes.

// StreetAddress finds street addresses that start with the house number,
// on the engine's digit chains: "1234 Oak Street", "12 rue de la Paix".
type StreetAddress struct{}

// StreetAddressNameFirst finds the street addresses that start with a
// capitalised word: "Via Roma 17", "Hauptstraße 12a", "Flat 12, 101 Belmont
// Lane". The engine hands it capitalised words only.
type StreetAddressNameFirst struct{}

var (
	_ redact.GroupFilteredDetector = StreetAddress{}
	_ redact.FilteredWordDetector  = StreetAddressNameFirst{}
)

// addressMaxLen bounds an address span.
const addressMaxLen = 160

// addressMaxNames bounds the name words of a street.
const addressMaxNames = 5

// Info implements redact.Detector.
func (StreetAddress) Info() redact.Info {
	return redact.Info{Name: "street_address", Types: []string{"STREET_ADDRESS"}, MaxLen: addressMaxLen, Priority: 40, Lookbehind: 2}
}

// Info implements redact.Detector.
func (StreetAddressNameFirst) Info() redact.Info {
	return redact.Info{Name: "street_address_name_first", Types: []string{"STREET_ADDRESS"}, MaxLen: addressMaxLen, Priority: 40, Lookbehind: 2}
}

// MinDigits implements redact.ChainDetector.
func (StreetAddress) MinDigits() int { return 1 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) start at a house number of at most five digits.
func (StreetAddress) GroupLengths() uint64 { return groupRange(1, 5) }

// FindInChain implements redact.ChainDetector: every digit group that
// starts a word may be a house number.
func (StreetAddress) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	text := w.Text
	for _, tok := range c.Tokens {
		if tok.Kind != redact.Digits || tok.End-tok.Start > 5 {
			continue
		}
		start, e := int(tok.Start), int(tok.End)
		if e < len(text) && redact.IsLetter(text[e]) {
			e++ // "221B"
		}
		if e < len(text) && text[e] != ' ' {
			continue // "12,", "3:45", "1985-03-14": no house number
		}
		if b := w.ByteBefore(start); !boundaryBefore(w, start) || b == '#' || b == '$' {
			continue
		}
		r := newScanReader(w, start, addressMaxLen)
		e = numberFirst(&r, start)
		if e > 0 {
			e = unitAfter(&r, e)
		}
		dst = r.finish(dst, start, e, "STREET_ADDRESS", 0.75)
	}
	return dst
}

// WordFilter implements redact.FilteredWordDetector.
func (StreetAddressNameFirst) WordFilter() redact.WordFilter {
	// FindWord wants an ASCII capital, two bytes at least, and a space,
	// dot or hyphen after the word.
	return redact.WordFilter{Capitalized: true, CapitalizedLengths: ^uint32(3), Next: " .-"}
}

// FindWord implements redact.WordDetector.
func (StreetAddressNameFirst) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	if c := w.Text[start]; c < 'A' || c > 'Z' || end-start < 2 {
		return dst
	}
	if end >= len(w.Text) {
		if w.EOF {
			return dst
		}
		return append(dst, redact.Candidate{Start: start, End: len(w.Text), Type: "STREET_ADDRESS", Open: true})
	}
	next := w.Text[end]
	if next != ' ' && next != '.' && next != '-' {
		return dst // "Caller:", "Hi,": no street goes on like that
	}
	v, known := addrWords.get(h)
	if !known && next != '-' && !streetTail(w.Text[end-2], w.Text[end-1]) {
		return dst
	}
	r := newScanReader(w, start, addressMaxLen)
	var e int
	switch {
	case known && v&awUnit != 0:
		e = unitFirst(&r, end)
	case known && v&awLead != 0:
		e = leadFirst(&r, end)
	case next == '-':
		e = hyphenStreet(&r, end)
	case streetTail(w.Text[end-2], w.Text[end-1]):
		e = compoundStreet(&r, start, end)
	}
	if e > 0 && midWord(w, start) {
		e = 0
	}
	if e > 0 && !r.boundaryBefore(start) {
		e = 0
	}
	if e > 0 {
		e = unitAfter(&r, e)
	}
	return r.finish(dst, start, e, "STREET_ADDRESS", 0.7)
}

// Word classes of addrWords.
const (
	awType     uint8 = 1 << iota // a street type after the name ("Street", "Rd")
	awAbbrev                     // an abbreviation: may take a dot ("St.")
	awLead                       // a type that may come first, name after ("rue", "Via")
	awUnit                       // a unit word ("Apt", "Suite", "Flat")
	awParticle                   // a lower-case particle inside a name ("de", "del", "van")
	awGerman                     // a German or Dutch type word after an adjective ("Berliner Straße")
	awDir                        // a compass direction ("NE")
	awBis                        // "bis", "ter" after a French house number
)

// addrWords classifies the words of street names (a constant table).
var addrWords = newWordSet(map[string]uint8{
	// English street types.
	"street": awType, "st": awType | awAbbrev, "avenue": awType | awLead, "ave": awType | awAbbrev,
	"av": awType | awAbbrev, "road": awType, "rd": awType | awAbbrev, "boulevard": awType | awLead,
	"blvd": awType | awAbbrev, "lane": awType, "ln": awType | awAbbrev, "drive": awType,
	"dr": awType | awAbbrev, "court": awType, "ct": awType | awAbbrev, "way": awType,
	"place": awType | awLead, "pl": awType | awAbbrev, "terrace": awType,
	"terr": awType | awAbbrev, "circle": awType, "cir": awType | awAbbrev, "parkway": awType,
	"pkwy": awType | awAbbrev, "highway": awType, "hwy": awType | awAbbrev, "square": awType | awLead,
	"sq": awType | awAbbrev, "trail": awType, "trl": awType | awAbbrev, "crescent": awType,
	"cres": awType | awAbbrev, "close": awType, "grove": awType, "gardens": awType,
	"gdns": awType | awAbbrev, "mews": awType, "row": awType, "plaza": awType | awLead,
	"alley": awType, "parade": awType, "esplanade": awType, "causeway": awType,
	"expressway": awType, "freeway": awType, "turnpike": awType, "quay": awType, "wharf": awType,
	"embankment": awType,
	// Types that lead, with the name after (French, Italian, Spanish, Portuguese).
	"rue": awLead, "allée": awLead, "chemin": awLead, "impasse": awLead, "quai": awLead,
	"route": awLead, "cours": awLead, "bd": awLead | awAbbrev, "via": awLead, "viale": awLead,
	"corso": awLead, "piazza": awLead, "piazzale": awLead, "largo": awLead, "vicolo": awLead,
	"calle": awLead, "avenida": awLead, "avda": awLead | awAbbrev, "paseo": awLead,
	"carrer": awLead, "rambla": awLead, "rua": awLead, "travessa": awLead, "praça": awLead,
	"ulica": awLead, "ul": awLead | awAbbrev,
	// Units.
	"apt": awUnit | awAbbrev, "apartment": awUnit, "suite": awUnit, "ste": awUnit | awAbbrev,
	"unit": awUnit, "flat": awUnit, "fl": awUnit | awAbbrev, "floor": awUnit, "room": awUnit,
	"rm": awUnit | awAbbrev, "bldg": awUnit | awAbbrev, "building": awUnit,
	// Particles inside European street names.
	"de": awParticle, "del": awParticle, "della": awParticle, "delle": awParticle, "dei": awParticle,
	"degli": awParticle, "di": awParticle, "da": awParticle, "do": awParticle, "dos": awParticle,
	"das": awParticle, "des": awParticle, "du": awParticle, "la": awParticle, "le": awParticle,
	"les": awParticle, "el": awParticle, "los": awParticle, "las": awParticle,
	"van": awParticle, "von": awParticle, "der": awParticle, "den": awParticle, "het": awParticle,
	"y": awParticle, "i": awParticle,
	// German and Dutch type words after an adjective ("Berliner Straße").
	"straße": awGerman, "strasse": awGerman, "str": awGerman | awAbbrev, "weg": awGerman,
	"allee": awGerman, "platz": awGerman, "ring": awGerman, "damm": awGerman, "gasse": awGerman,
	"ufer": awGerman, "chaussee": awGerman, "markt": awGerman, "steig": awGerman,
	// Compass directions.
	"n": awDir, "s": awDir, "e": awDir, "w": awDir, "ne": awDir, "nw": awDir, "se": awDir, "sw": awDir,
	// After a French house number.
	"bis": awBis, "ter": awType | awAbbrev | awBis,
})

// leadShapes marks, for each lower-case letter, the lengths in bytes of the
// lower-case street words that may follow a house number ("rue", "bis",
// "avenue"), so that "3 items" is rejected without hashing "items".
var leadShapes = func() (t [26]uint32) {
	for _, word := range []string{"rue", "allée", "chemin", "impasse", "quai", "route", "cours", "bd",
		"via", "viale", "corso", "piazza", "piazzale", "largo", "vicolo", "calle", "avenida", "avda",
		"paseo", "carrer", "rambla", "rua", "travessa", "praça", "ulica", "ul", "avenue", "boulevard",
		"place", "square", "plaza", "bis", "ter"} {
		h := redact.WordHash([]byte(word))
		if v, _ := addrWords.get(h); v&(awLead|awBis) == 0 {
			panic("detectors: leadShapes: " + word + " is no lead word")
		}
		t[word[0]-'a'] |= 1 << len(word)
	}
	return t
}()

// leadShape reports whether the lower-case word [i, e) may be a street word
// that follows a house number.
func leadShape(r *scanReader, i, e int) bool {
	c := r.at(i)
	return c >= 'a' && c <= 'z' && e-i < 32 && leadShapes[c-'a']&(1<<(e-i)) != 0
}

// houseNumber returns the end of a house number at i: one to five digits
// and an optional letter ("221B", "64b"), ending a word; 0 if there is none.
func houseNumber(r *scanReader, i, maxDigits int) int {
	e := digitRunEnd(r, i, maxDigits)
	if e == i || e-i > maxDigits {
		return 0
	}
	if redact.IsLetter(r.at(e)) {
		e++
	}
	if redact.IsWordByte(r.at(e)) {
		return 0
	}
	return e
}

// addrWordAt returns the word at i, its end and its class (0 when unknown).
func addrWordAt(r *scanReader, i int) (end int, class uint8) {
	end = r.wordEnd(i)
	if end == i {
		return i, 0
	}
	v, _ := addrWords.get(r.hash(i, end))
	return end, v
}

// addrCapital reports whether c can start a capitalised name word (an ASCII
// capital, or a non-ASCII letter such as "Île", whose case is not checked).
func addrCapital(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 0x80 }

// numberFirst parses an address that starts with the house number at
// start: "1234 Oak Street", "12 rue de la Paix", "8 bis rue des Lilas". It
// returns the end of the street, or 0.
func numberFirst(r *scanReader, start int) int {
	end := houseNumber(r, start, 5)
	if end == 0 || r.at(end) != ' ' {
		return 0
	}
	i := end + 1
	if c := r.at(i); c >= 'a' && c <= 'z' && !leadShape(r, i, r.wordEnd(i)) {
		return lowerStreet(r, i) // "42 elm street" as speech recognisers write it; "3 items": 0
	}
	we, v := addrWordAt(r, i)
	if v&awBis != 0 && r.at(we) == ' ' {
		i = we + 1 // "8 bis rue ..."
		we, v = addrWordAt(r, i)
	}
	if v&awLead != 0 && r.at(we) == ' ' {
		if e := streetNameRun(r, we+1); e > 0 {
			return e // "12 rue de la Paix"
		}
	}
	// Name words, then the last street type among them: "Oak Street",
	// "NE Walnut Rd", "S. Cedar Way", "5th Avenue".
	if !addrCapital(r.at(i)) && !ordinalWord(r, i, we) {
		return 0 // "3 items"
	}
	best := 0
	names := 0
	for n := 0; n < addressMaxNames+1; n++ {
		if n > 0 {
			we, v = addrWordAt(r, i)
		}
		if we == i {
			break
		}
		typ := v&awType != 0
		if typ && names > 0 {
			best = we
			if v&awAbbrev != 0 && abbrevDot(r, we) {
				best = we + 1
			}
		}
		if !addrCapital(r.at(i)) && !ordinalWord(r, i, we) {
			break // a lower-case word ends the name ("Oak street in ...")
		}
		names++
		k := we
		if r.at(k) == '.' {
			if we-i > 1 && v&(awAbbrev|awDir) == 0 {
				break // a sentence ends
			}
			k++
		}
		if r.at(k) != ' ' {
			break
		}
		i = k + 1
	}
	if best == 0 {
		return 0
	}
	// A direction after the type: "Main Street NW".
	if r.at(best) == ' ' {
		if de, v := addrWordAt(r, best+1); v&awDir != 0 && r.at(best+1) >= 'A' && r.at(best+1) <= 'Z' && allUpperAt(r, best+1, de) {
			if c := r.at(de); !redact.IsWordByte(c) && c != '-' {
				best = de
			}
		}
	}
	return best
}

// lowerStreet parses a street name written in lower case, as speech
// recognisers write it, from its first word at i after a house number: one
// or two name words, then a street type that is no everyday word ("42 elm
// street", "1600 pennsylvania avenue", "12 oak tree lane", "9 mill rd").
// Name words that are units, measures or function words end it: "a 10
// minute drive", "a 4 wheel drive", "one way street", "3 dogs on my
// street". It returns the end of the street, or 0.
func lowerStreet(r *scanReader, i int) int {
	for n := 0; n < 3; n++ {
		we := r.wordEnd(i)
		if we == i {
			return 0
		}
		for k := i; k < we; k++ {
			if c := r.at(k); c < 'a' || c > 'z' {
				return 0
			}
		}
		h := r.hash(i, we)
		if v, ok := lowerStreetTypes.get(h); ok && n > 0 {
			if v == lowerAbbrev && abbrevDot(r, we) {
				we++
			}
			return we
		}
		if _, stop := lowerStreetStops.get(h); stop || n == 2 || r.at(we) != ' ' {
			return 0
		}
		i = we + 1
	}
	return 0
}

// Values of lowerStreetTypes.
const (
	lowerFull   uint8 = 1
	lowerAbbrev uint8 = 2 // may take a dot: "rd."
)

// lowerStreetTypes are the street types lowerStreet accepts: not "way",
// "place", "square", "close", "row", "circle", "trail", which follow a
// number in everyday speech.
var lowerStreetTypes = newWordSet(map[string]uint8{
	"street": lowerFull, "st": lowerAbbrev, "avenue": lowerFull, "ave": lowerAbbrev, "road": lowerFull,
	"rd": lowerAbbrev, "lane": lowerFull, "ln": lowerAbbrev, "drive": lowerFull, "dr": lowerAbbrev,
	"boulevard": lowerFull, "blvd": lowerAbbrev, "court": lowerFull, "ct": lowerAbbrev,
	"terrace": lowerFull, "parkway": lowerFull, "pkwy": lowerAbbrev, "highway": lowerFull,
	"hwy": lowerAbbrev, "crescent": lowerFull, "gardens": lowerFull, "mews": lowerFull,
})

// lowerStreetStops are words that never name a street after a house
// number: units and measures, words of "a 4 wheel drive" and "a 2 terabyte
// hard drive", and function words.
var lowerStreetStops = func() wordSet {
	m := map[string]uint8{}
	for _, w := range []string{
		"minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
		"second", "seconds", "mile", "miles", "km", "kilometer", "kilometers", "kilometre", "kilometres", "block",
		"blocks", "meter", "meters", "metre", "metres", "foot", "feet", "yard", "yards", "lane", "lanes", "way",
		"door", "doors", "wheel", "wheels", "hard", "usb", "flash", "disk", "disc", "test", "car", "cars", "bus",
		"more", "other", "of", "the", "a", "an", "my", "your", "our", "his", "her", "their", "and", "or", "to",
		"in", "on", "at", "by", "for", "with", "from", "down", "up", "this", "that", "is", "was", "are", "were",
		"times", "people", "dogs", "kids", "houses", "tennis", "food", "supreme",
	} {
		m[w] = 1
	}
	return newWordSet(m)
}()

// abbrevDot reports whether the byte at i is the dot of an abbreviation
// ("Cherry St., Atlanta", "Station St. in Raleigh") rather than the full
// stop of a sentence that ends with the abbreviation ("Cherry Ave.\n",
// "Aspen Rd. Then"), which is left out of the span.
func abbrevDot(r *scanReader, i int) bool {
	if r.at(i) != '.' {
		return false
	}
	switch c := r.at(i + 1); c {
	case ',', ';', '?', '!', ')':
		return true
	case ' ':
		c2 := r.at(i + 2)
		return c2 != ' ' && !redact.IsSpace(c2) && !(c2 >= 'A' && c2 <= 'Z')
	}
	return false
}

// ordinalWord reports whether the word [i, e) is an ordinal number ("5th").
func ordinalWord(r *scanReader, i, e int) bool {
	d := digitRunEnd(r, i, 3)
	return d > i && d-i <= 3 && ordinalSuffix(r, d, e)
}

func allUpperAt(r *scanReader, i, e int) bool {
	for ; i < e; i++ {
		if c := r.at(i); c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// streetNameRun parses the name of a street whose type came first ("de la Paix",
// "Saint-Honoré", "du Général Leclerc") and returns the end of its last
// capitalised word, or 0. Particles may come between the words.
func streetNameRun(r *scanReader, i int) int {
	best := 0
	for n := 0; n < addressMaxNames; n++ {
		we, v := addrWordAt(r, i)
		if we == i {
			break
		}
		switch {
		case addrCapital(r.at(i)) || elided(r, i):
			we = hyphenJoined(r, we)
			best = we
		case v&awParticle != 0:
		default:
			return best
		}
		if r.at(we) != ' ' {
			break
		}
		i = we + 1
	}
	return best
}

// elided reports whether the word at i is an elided article before a
// capitalised name: "l'Église", "d’Orsay".
func elided(r *scanReader, i int) bool {
	if c := r.at(i); c != 'l' && c != 'd' {
		return false
	}
	if r.at(i+1) == '\'' {
		return addrCapital(r.at(i + 2))
	}
	return r.at(i+1) == 0xE2 && r.at(i+2) == 0x80 && r.at(i+3) == 0x99 && addrCapital(r.at(i+4))
}

// hyphenJoined extends a word ending at e over "-Word" parts ("Saint-Honoré").
func hyphenJoined(r *scanReader, e int) int {
	for k := 0; k < 4 && r.at(e) == '-' && redact.IsWordByte(r.at(e+1)); k++ {
		e = r.wordEnd(e + 1)
	}
	return e
}

// leadFirst parses what follows a leading street type (the word before i):
// name words, then the house number: "Via Roma 17", "Calle del Sol 19",
// "Corso Vittorio Emanuele 99". It returns the end of the number, or 0.
func leadFirst(r *scanReader, i int) int {
	if r.at(i) != ' ' {
		return 0
	}
	i++
	names := 0
	for n := 0; n < addressMaxNames+1; n++ {
		we, v := addrWordAt(r, i)
		if we == i {
			return 0
		}
		c := r.at(i)
		switch {
		case redact.IsDigit(c):
			if names == 0 {
				return 0
			}
			e := houseNumber(r, i, 4)
			if e == 0 || !r.boundaryAfter(e) {
				return 0
			}
			return e
		case addrCapital(c):
			we = hyphenJoined(r, we)
			names++
		case v&awParticle == 0:
			return 0
		}
		if r.at(we) == ',' {
			we++ // "Rue du Rhône, 13"
		}
		if r.at(we) != ' ' {
			return 0
		}
		i = we + 1
	}
	return 0
}

// unitFirst parses what follows a unit word at the start (the word before
// i): "Flat 12, 101 Belmont Lane".
func unitFirst(r *scanReader, i int) int {
	if r.at(i) == '.' {
		i++
	}
	if r.at(i) != ' ' {
		return 0
	}
	ue := unitID(r, i+1)
	if ue == 0 {
		return 0
	}
	if r.at(ue) == ',' {
		ue++
	}
	if r.at(ue) != ' ' || !redact.IsDigit(r.at(ue+1)) {
		return 0
	}
	return numberFirst(r, ue+1)
}

// unitID returns the end of a unit designator at i: up to six letters and
// digits with at least one digit ("4B", "325", "#400"), or one capital
// letter; 0 if there is none.
func unitID(r *scanReader, i int) int {
	if r.at(i) == '#' {
		i++
	}
	e := i
	digits := 0
	for e-i <= 6 && redact.IsAlnum(r.at(e)) {
		if redact.IsDigit(r.at(e)) {
			digits++
		}
		e++
	}
	switch {
	case e-i > 6 || e == i || redact.IsWordByte(r.at(e)):
		return 0
	case digits == 0 && !(e-i == 1 && r.at(i) >= 'A' && r.at(i) <= 'Z'):
		return 0
	case !r.boundaryAfter(e):
		return 0
	}
	return e
}

// unitAfter extends a street that ends at e over a unit or floor:
// ", Apt 4B", " Apt. 274", " #400", ", Suite 325", ", 1º D".
func unitAfter(r *scanReader, e int) int {
	i := e
	if r.at(i) == ',' {
		i++
	}
	if r.at(i) != ' ' {
		return e
	}
	i++
	if r.at(i) == '#' {
		if ue := unitID(r, i); ue > 0 {
			return ue
		}
		return e
	}
	if redact.IsDigit(r.at(i)) {
		// A Spanish floor: "1º D", "2º", "3ª".
		d := digitRunEnd(r, i, 2)
		if d-i > 2 || r.at(d) != 0xC2 || (r.at(d+1) != 0xBA && r.at(d+1) != 0xAA) {
			return e
		}
		f := d + 2
		if r.at(f) == ' ' && r.at(f+1) >= 'A' && r.at(f+1) <= 'Z' && !redact.IsWordByte(r.at(f+2)) {
			f += 2
		}
		if redact.IsWordByte(r.at(f)) {
			return e
		}
		return f
	}
	we, v := addrWordAt(r, i)
	if v&awUnit == 0 || !addrCapital(r.at(i)) {
		return e
	}
	k := we
	if r.at(k) == '.' {
		k++
	}
	if r.at(k) == ' ' {
		k++
	}
	if ue := unitID(r, k); ue > 0 && ue > we {
		return ue
	}
	return e
}

// streetTail reports whether a word ending in the bytes a, b may be a
// compound street name or the adjective before a German street type (a
// quick test before compoundStreet).
func streetTail(a, b byte) bool {
	const sz = 0x9F | 0x20 // the second byte of "ß", as folded below
	switch uint16(a|0x20)<<8 | uint16(b|0x20) {
	case 'e'<<8 | 'r': // "Berliner", "-ufer"
	case sz<<8 | 'e', 's'<<8 | 'e', 'e'<<8 | 'e', 'd'<<8 | 'e': // "-straße", "-strasse", "-gasse", "-allee", "-kade"
	case 'e'<<8 | 'g', 't'<<8 | 'r': // "-weg", "-steeg", "-str"
	case 'a'<<8 | 't', 'h'<<8 | 't', 'k'<<8 | 't', 't'<<8 | 'z': // "-straat", "-gracht", "-markt", "-platz"
	case 'a'<<8 | 'n', 'i'<<8 | 'n', 'e'<<8 | 'n': // "-laan", "-gatan", "-plein", "-veien", "-vägen"
	case 'm'<<8 | 'm', 'e'<<8 | 'l', 'j'<<8 | 'k', 'e'<<8 | 'j': // "-damm", "-singel", "-dijk", "-vej"
	default:
		return false
	}
	return true
}

// compoundStreet parses a street name that carries its type at its end,
// "Hauptstraße 12a", "Kirchstr. 92", "Keizersgracht 123", or an adjective
// before a German type word, "Berliner Straße 5", "Berliner weg 64b".
func compoundStreet(r *scanReader, start, end int) int {
	i := end
	if n := end - start; n >= 5 && r.at(end-2) == 'e' && r.at(end-1) == 'r' && r.at(end) == ' ' {
		// "Berliner Straße 5"
		we, v := addrWordAt(r, end+1)
		if v&awGerman != 0 {
			i = we
			if v&awAbbrev != 0 && r.at(i) == '.' {
				i++
			}
			return streetNumber(r, i)
		}
	}
	dot, ok := streetSuffix(r, start, end)
	if !ok {
		return 0
	}
	if dot && r.at(i) == '.' {
		i++
	}
	return streetNumber(r, i)
}

// hyphenStreet parses "Karl-Marx-Allee 5", "Kaiser-Wilhelm-Straße 12": words
// joined by dashes, the last one a street type.
func hyphenStreet(r *scanReader, i int) int {
	for k := 0; k < 4 && r.at(i) == '-' && addrCapital(r.at(i+1)); k++ {
		s := i + 1
		we := r.wordEnd(s)
		if r.at(we) == '-' {
			i = we
			continue
		}
		v, _ := addrWords.get(r.hash(s, we))
		dot, ok := streetSuffix(r, s, we)
		if v&awGerman == 0 && !ok {
			return 0
		}
		if (dot || v&awAbbrev != 0) && r.at(we) == '.' {
			we++
		}
		return streetNumber(r, we)
	}
	return 0
}

// streetNumber parses " 12a" at i and returns its end, or 0.
func streetNumber(r *scanReader, i int) int {
	if r.at(i) != ' ' || !redact.IsDigit(r.at(i+1)) {
		return 0
	}
	e := houseNumber(r, i+1, 4)
	if e == 0 || !r.boundaryAfter(e) {
		return 0
	}
	return e
}

// streetSuffix reports whether the word [s, e) ends in a German, Dutch or
// Scandinavian street type ("-straße", "-strasse", "-str", "-weg", "-allee",
// "-gracht", "-laan", "-straat" ...), with at least two letters before it;
// dot says the suffix is an abbreviation that may take a dot.
func streetSuffix(r *scanReader, s, e int) (dot, ok bool) {
	if e-s < 5 {
		return false, false
	}
	var sufs []string
	switch r.at(e-1) | 0x20 {
	case 'e':
		sufs = suffixesE
	case 'g':
		sufs = suffixesG
	case 'r':
		if streetHasSuffix(r, s, e, "str") {
			return true, true
		}
		sufs = suffixesR
	case 't':
		sufs = suffixesT
	case 'z':
		sufs = suffixesZ
	case 'n':
		sufs = suffixesN
	case 'm', 'l', 'k', 'j':
		sufs = suffixesOther
	default:
		return false, false
	}
	for _, suf := range sufs {
		if e-s >= len(suf)+2 && streetHasSuffix(r, s, e, suf) {
			return false, true
		}
	}
	return false, false
}

// Street-type suffixes by last letter (constant).
var (
	suffixesE     = []string{"straße", "strasse", "allee", "gasse", "kade", "chaussee"}
	suffixesG     = []string{"weg", "steeg"}
	suffixesR     = []string{"ufer"}
	suffixesT     = []string{"straat", "gracht", "markt"}
	suffixesZ     = []string{"platz"}
	suffixesN     = []string{"laan", "plein", "gatan", "veien", "vägen"}
	suffixesOther = []string{"damm", "singel", "dijk", "vej"}
)

// streetHasSuffix reports whether [s, e) ends in suf, ignoring ASCII case.
func streetHasSuffix(r *scanReader, s, e int, suf string) bool {
	if e-s < len(suf) {
		return false
	}
	for k := 0; k < len(suf); k++ {
		c := r.at(e - len(suf) + k)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != suf[k] {
			return false
		}
	}
	return true
}

// PostalCode finds postal codes: US ZIP and ZIP+4 ("94110", "94110-2231"),
// five-digit codes (DE, FR, ES, IT), four-digit ones (CH, BE, AT, DK, NL
// without letters), Dutch "1012 AB", UK postcodes ("SW1A 1AA", "M1 1AA",
// with the letters each position allows) and Canadian "K1A 0B1".
// The code must not continue a number ("7946 0958", "82,000") nor be
// followed by more digits.
//
// Such numbers are everywhere, so a code scores only 0.3 on its own; the
// default pack gives postal_code context words ("zip code", "postcode" ...)
// that add 0.5 and a minimum score of 0.5. At the end of a full address the
// code scores 0.75 by itself: after ", CA " (a US state or Canadian
// province), after a comma that ends a street (a house number, a floor, two
// capitalised words) and before a city ("Kerkstraat 327, 3032 JP
// Rotterdam"), or a UK postcode after a comma and a city (", London SW3
// 8HX").
type PostalCode struct{}

var _ redact.ChainDetector = PostalCode{}

const postalMaxLen = 10

// Info implements redact.Detector.
func (PostalCode) Info() redact.Info {
	return redact.Info{Name: "postal_code", Types: []string{"POSTAL_CODE"}, MaxLen: postalMaxLen, Priority: 50, Lookbehind: 64}
}

// MinDigits implements redact.ChainDetector.
func (PostalCode) MinDigits() int { return 2 }

// Postal code kinds.
const (
	postalNone = iota
	postalDigits5
	postalZIP4
	postalDigits4
	postalNL
	postalUK
	postalCA
)

// FindInChain implements redact.ChainDetector. Whether a code starts at a
// token depends only on the bytes around it, never on where the chain
// starts (which depends on where the stream was cut).
func (PostalCode) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	for _, tok := range c.Tokens {
		switch n := tok.End - tok.Start; {
		case tok.Kind == redact.Digits && (n == 4 || n == 5):
		case tok.Kind == redact.Letters && n <= 2 && w.Text[tok.Start] >= 'A' && w.Text[tok.Start] <= 'Z':
		default:
			continue // no postal code starts with this token
		}
		s := int(tok.Start)
		b := w.ByteBefore(s)
		if !boundaryBefore(w, s) || b == '$' || b == '#' || b == '+' || b == 0xA3 || b == 0xAC ||
			(b == ',' || b == ' ') && redact.IsDigit(w.ByteBefore(s-1)) {
			continue // glued, "$12345", "£12345", "€12345", "82,000", "7946 0958"
		}
		r := newScanReader(w, s, postalMaxLen)
		e, kind := parsePostal(&r, s)
		if e > 0 {
			// Not the head of a longer number: "7946 0958", "12345,678", "1234.5".
			if a := r.at(e); a == ' ' && redact.IsDigit(r.at(e+1)) || a == ',' && redact.IsDigit(r.at(e+1)) || !r.boundaryAfter(e) {
				e = 0
			}
		}
		var score float32 = 0.3
		if e > 0 && addressEnd(&r, s, e, kind) {
			score = 0.75
		}
		dst = r.finish(dst, s, e, "POSTAL_CODE", score)
	}
	return dst
}

// parsePostal parses a postal code at s and returns its end and kind.
func parsePostal(r *scanReader, s int) (int, int) {
	c := r.at(s)
	if c >= 'A' && c <= 'Z' {
		if e := ukPostcode(r, s); e > 0 {
			return e, postalUK
		}
		if e := caPostcode(r, s); e > 0 {
			return e, postalCA
		}
		return 0, postalNone
	}
	e := digitRunEnd(r, s, 5)
	switch e - s {
	case 5:
		if postalSame(r, s, e, '0') || postalSame(r, s, e, '9') {
			return 0, postalNone
		}
		if r.at(e) == '-' {
			if e4 := digitRunEnd(r, e+1, 4); e4-e-1 == 4 {
				return e4, postalZIP4
			}
		}
		return e, postalDigits5
	case 4:
		if c == '0' {
			return 0, postalNone
		}
		// Dutch "1012 AB" (not SA, SD, SS).
		k := e
		if r.at(k) == ' ' {
			k++
		}
		a, b := r.at(k), r.at(k+1)
		if a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && !redact.IsWordByte(r.at(k+2)) {
			if a == 'S' && (b == 'A' || b == 'D' || b == 'S') {
				return 0, postalNone // the Dutch shape with letters never used
			}
			return k + 2, postalNL
		}
		return e, postalDigits4
	}
	return 0, postalNone
}

func postalSame(r *scanReader, s, e int, d byte) bool {
	for i := s; i < e; i++ {
		if r.at(i) != d {
			return false
		}
	}
	return true
}

// ukPostcode parses a UK postcode at s: an outward code (A9, A99, A9A, AA9,
// AA99, AA9A), an optional space and an inward code (9AA), with the letters
// each position allows. It returns the end, or 0. (The Girobank code
// "GIR 0AA" has one digit, and chains of one digit are not offered.)
func ukPostcode(r *scanReader, s int) int {
	const inward = "ABDEFGHJLNPQRSTUWXYZ" // not C, I, K, M, O, V
	oe := s
	for oe-s <= 7 && redact.IsAlnum(r.at(oe)) {
		oe++
	}
	var ie int
	switch {
	case r.at(oe) == ' ' && oe-s >= 2 && oe-s <= 4:
		ie = oe + 4
		if !redact.IsAlnum(r.at(oe+1)) || !redact.IsAlnum(r.at(oe+3)) || redact.IsAlnum(r.at(ie)) {
			return 0
		}
	case oe-s >= 5 && oe-s <= 7:
		ie, oe = oe, oe-3
	default:
		return 0
	}
	i := ie - 3
	if !redact.IsDigit(r.at(i)) || !containsByte(inward, r.at(i+1)) || !containsByte(inward, r.at(i+2)) {
		return 0
	}
	if !ukOutward(r, s, oe) {
		return 0
	}
	return ie
}

// ukOutward reports whether [s, e) is a UK outward code.
func ukOutward(r *scanReader, s, e int) bool {
	const (
		first  = "ABCDEFGHIJKLMNOPRSTUWYZ" // not Q, V, X
		second = "ABCDEFGHKLMNOPQRSTUVWXY" // not I, J, Z
		third  = "ABCDEFGHJKPSTUW"         // the letter of A9A
		fourth = "ABEHMNPRVWXY"            // the letter of AA9A
	)
	if !containsByte(first, r.at(s)) {
		return false
	}
	a, b, c := r.at(s+1), r.at(s+2), r.at(s+3)
	isD := redact.IsDigit
	switch e - s {
	case 2: // A9
		return isD(a)
	case 3: // A99, A9A, AA9
		return isD(a) && (isD(b) || containsByte(third, b)) || containsByte(second, a) && isD(b)
	case 4: // AA99, AA9A
		return containsByte(second, a) && isD(b) && (isD(c) || containsByte(fourth, c))
	}
	return false
}

// caPostcode parses a Canadian postal code "K1A 0B1" at s; it returns the
// end, or 0.
func caPostcode(r *scanReader, s int) int {
	const (
		first = "ABCEGHJKLMNPRSTVXY"
		other = "ABCEGHJKLMNPRSTVWXYZ"
	)
	if !containsByte(first, r.at(s)) || !redact.IsDigit(r.at(s+1)) || !containsByte(other, r.at(s+2)) {
		return 0
	}
	if r.at(s+3) != ' ' && !redact.IsDigit(r.at(s+3)) {
		return 0
	}
	i := s + 3
	if r.at(i) == ' ' {
		i++
	}
	if !redact.IsDigit(r.at(i)) || !containsByte(other, r.at(i+1)) || !redact.IsDigit(r.at(i+2)) {
		return 0
	}
	return i + 3
}

// usStates holds the two-letter US state and territory codes and the
// Canadian province codes, as c0<<8|c1.
var usStates = func() (t [1 << 16]bool) {
	for _, s := range []string{
		"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
		"KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
		"NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA",
		"WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
		"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
	} {
		t[int(s[0])<<8|int(s[1])] = true
	}
	return t
}()

// addressEnd reports whether the code [s, e) ends a written address.
func addressEnd(r *scanReader, s, e, kind int) bool {
	if r.at(s-1) != ' ' {
		return false
	}
	switch kind {
	case postalDigits5, postalZIP4, postalCA:
		// "Sacramento, CA 95837", "Ottawa, ON K1A 0B1"
		a, b := r.at(s-3), r.at(s-2)
		if usStates[int(a)<<8|int(b)] && r.at(s-4) == ' ' && r.at(s-5) == ',' {
			return true
		}
	}
	switch kind {
	case postalDigits5, postalDigits4, postalNL:
		// "Kerkstraat 327, 3032 JP Rotterdam", "Via Roma 17, 00159 Roma",
		// "3º A, 08040 Barcelona", "rue du Général Leclerc, 13014 Marseille"
		return r.at(s-2) == ',' && streetEndBefore(r, s-2) && r.at(e) == ' ' && r.at(e+1) >= 'A' && r.at(e+1) <= 'Z' &&
			(r.at(e+2) >= 'a' && r.at(e+2) <= 'z' || r.at(e+2) >= 0x80)
	case postalUK:
		// ", London SW3 8HX"
		ws, ok := capitalisedBefore(r, s-1)
		return ok && r.at(ws-1) == ' ' && r.at(ws-2) == ','
	}
	return false
}

// streetEndBefore reports whether the text before the comma at i ends a
// street: a house number ("327", "64b"), a Spanish floor ("3º A", "2º") or a
// name of two capitalised words ("Général Leclerc").
func streetEndBefore(r *scanReader, i int) bool {
	c := r.at(i - 1)
	switch {
	case redact.IsDigit(c) || redact.IsLetter(c) && redact.IsDigit(r.at(i-2)):
		j := i - 1
		if !redact.IsDigit(c) {
			j--
		}
		d := j
		for d > j-5 && redact.IsDigit(r.at(d)) {
			d--
		}
		return j-d <= 4 && r.at(d) == ' '
	case c == 0xBA || c == 0xAA:
		return r.at(i-2) == 0xC2
	case c >= 'A' && c <= 'Z' && r.at(i-2) == ' ':
		return r.at(i-3) == 0xBA || r.at(i-3) == 0xAA
	}
	ws, ok := capitalisedBefore(r, i)
	if !ok || r.at(ws-1) != ' ' {
		return false
	}
	_, ok = capitalisedBefore(r, ws-1)
	return ok
}

// capitalisedBefore returns the start of the capitalised word of two or
// more letters (non-ASCII ones included) that ends at i. The start may lie
// before the window (a negative offset).
func capitalisedBefore(r *scanReader, i int) (int, bool) {
	j := i
	for k := 0; k < 24 && (redact.IsLetter(r.at(j-1)) || r.at(j-1) >= 0x80); k++ {
		j--
	}
	if j >= i-1 || !(r.at(j) >= 'A' && r.at(j) <= 'Z' || r.at(j) >= 0x80) || redact.IsWordByte(r.at(j-1)) {
		return 0, false
	}
	return j, true
}
