package spoken_test

import (
	"testing"
)

// formCases: every form of issue 5, with the exact words that must be
// redacted ("TYPE:words", in order), or none.
var formCases = []struct {
	text string
	want []string
}{
	// digits as words, oh/o/zero/nought
	{"my number is four one five, five five five, oh one three two thanks", []string{`PHONE_NUMBER:"four one five, five five five, oh one three two"`}},
	{"my number is four one five five five five zero one three two", []string{`PHONE_NUMBER:"four one five five five five zero one three two"`}},
	{"my number is four one five five five five nought one three two", []string{`PHONE_NUMBER:"four one five five five five nought one three two"`}},
	{"my number is four one five five five five o one three two", []string{`PHONE_NUMBER:"four one five five five five o one three two"`}},
	{"My number is Four One Five. Five Five Five. Oh One Three Two.", []string{`PHONE_NUMBER:"Four One Five. Five Five Five. Oh One Three Two"`}},
	{"ssn one two three forty five sixty seven eighty nine", []string{`US_SSN:"one two three forty five sixty seven eighty nine"`}},
	// double, triple
	{"call me on four one five double five five oh one three two", []string{`PHONE_NUMBER:"four one five double five five oh one three two"`}},
	{"call me on four one five triple five oh one three two", []string{`PHONE_NUMBER:"four one five triple five oh one three two"`}},
	// pairs and tens
	{"my number is four one five five five five oh one thirty two", []string{`PHONE_NUMBER:"four one five five five five oh one thirty two"`}},
	{"the number is four fifteen, five fifty five, oh one thirty two", []string{`PHONE_NUMBER:"four fifteen, five fifty five, oh one thirty two"`}},
	// hundred (toll-free), thousand
	{"call eight hundred five five five one two one two today", []string{`PHONE_NUMBER:"eight hundred five five five one two one two"`}},
	{"call one eight hundred five five five one two one two today", []string{`PHONE_NUMBER:"one eight hundred five five five one two one two"`}},
	// mixed digits and words
	{"it's 5 5 5 two one two three four five six okay", []string{`PHONE_NUMBER:"5 5 5 two one two three four five six"`}},
	{"it's 415 five five five oh one three two", []string{`PHONE_NUMBER:"415 five five five oh one three two"`}},
	// dash/hyphen said aloud
	{"my social is one two three dash four five dash six seven eight nine", []string{`US_SSN:"one two three dash four five dash six seven eight nine"`}},
	// cards, SSN
	{"card four one one one, one one one one, one one one one, one one one one thanks", []string{`CREDIT_CARD:"four one one one, one one one one, one one one one, one one one one"`}},
	{"my social security number is one two three four five six seven eight nine", []string{`US_SSN:"one two three four five six seven eight nine"`}},
	// letters one by one, "as in", NATO
	{"the iban is g b eight two w e s t one two three four five six nine eight seven six five four three two", []string{`IBAN_CODE:"g b eight two w e s t one two three four five six nine eight seven six five four three two"`}},
	{"the iban is golf bravo eight two whiskey echo sierra tango one two three four five six nine eight seven six five four three two", []string{`IBAN_CODE:"golf bravo eight two whiskey echo sierra tango one two three four five six nine eight seven six five four three two"`}},
	{"iban d as in david e eight nine three seven oh four oh oh four four oh five three two oh one three oh oh oh ok", []string{`IBAN_CODE:"d as in david e eight nine three seven oh four oh oh four four oh five three two oh one three oh oh oh"`}},
	// emails said aloud
	{"my email is john dot smith at gmail dot com thanks", []string{`EMAIL_ADDRESS:"john dot smith at gmail dot com"`}},
	{"it's j o h n underscore smith at yahoo dot co dot uk", []string{`EMAIL_ADDRESS:"j o h n underscore smith at yahoo dot co dot uk"`}},
	{"email s as in sam m i t h hyphen jones at acme dash corp dot com", []string{`EMAIL_ADDRESS:"s as in sam m i t h hyphen jones at acme dash corp dot com"`}},
	{"email me at mary dot jones at outlook dot com please", []string{`EMAIL_ADDRESS:"mary dot jones at outlook dot com"`}},
	{"you can email me at mary underscore jones eighty four at gmail dot com", []string{`EMAIL_ADDRESS:"mary underscore jones eighty four at gmail dot com"`}},
	{"send it to mary eighty four at gmail dot com please", []string{`EMAIL_ADDRESS:"mary eighty four at gmail dot com"`}},
	{"i have twenty four at home, room two oh four at the inn", nil},
	// web addresses said aloud
	{"go to w w w dot example dot com slash help ok", []string{`URL:"w w w dot example dot com slash help"`}},
	{"go to www dot example dot com ok", []string{`URL:"www dot example dot com"`}},
	// fillers and self-corrections inside a number
	{"it's four one five five five uh five oh one three two", []string{`PHONE_NUMBER:"four one five five five uh five oh one three two"`}},
	{"it's four one five, five five six, sorry, five five seven, oh one three two", []string{`PHONE_NUMBER:"four one five, five five six, sorry, five five seven, oh one three two"`}},
	// dates said aloud
	{"my date of birth is march third nineteen eighty five", []string{`DATE_OF_BIRTH:"march third nineteen eighty five"`}},
	{"i was born on the third of march nineteen eighty five", []string{`DATE_OF_BIRTH:"third of march nineteen eighty five"`}},
	{"date of birth oh three oh three eighty five", []string{`DATE_OF_BIRTH:"oh three oh three eighty five"`}},
	{"the transfer went out on june twenty first twenty twenty four", []string{`DATE_TIME:"june twenty first twenty twenty four"`}},
	{"born november twenty sixth two thousand", []string{`DATE_OF_BIRTH:"november twenty sixth two thousand"`}},
	{"my date of birth is the ninth of april eighty one", []string{`DATE_OF_BIRTH:"ninth of april eighty one"`}},
	{"my dob is zero seven slash one four slash nineteen ninety", []string{`DATE_OF_BIRTH:"zero seven slash one four slash nineteen ninety"`}},
	{"the transfer was on zero three slash zero one slash twenty twenty four", []string{`DATE_TIME:"zero three slash zero one slash twenty twenty four"`}},
	{"born may fifth ninety", []string{`DATE_OF_BIRTH:"may fifth ninety"`}},
	// "plus" before a number: an international number
	{"it's plus four four seven seven double oh nine double oh one two three", []string{`PHONE_NUMBER:"plus four four seven seven double oh nine double oh one two three"`}},
	{"call plus 44 7700 900123 please", []string{`PHONE_NUMBER:"plus 44 7700 900123"`}},
	{"two plus two is four, plus tax", nil},
	// an identifier of letters and digits that a word detector finds
	{"my ni number is a b one two three four five six c", []string{`UK_NINO:"a b one two three four five six c"`}},
	// a card's security code said aloud (three digits)
	{"the cvv is one two three", []string{`CARD_CVV:"one two three"`}},
	{"and the security code is four four one thanks", []string{`CARD_CVV:"four four one"`}},
	// names spelled out letter by letter, near a word about names or spelling
	{"my name is j o h n", []string{`PERSON:"j o h n"`}},
	{"that's spelled s m i t h", []string{`PERSON:"s m i t h"`}},
	{"could you spell your surname? K O W A L S K I.", []string{`PERSON:"K O W A L S K I"`}},
	{"last name is smith, s as in sam m as in mary i t h", []string{`PERSON:"smith"`, `PERSON:"s as in sam m as in mary i t h"`}},
	{"its spelled d as in david o u g l a s", []string{`PERSON:"d as in david o u g l a s"`}},
	{"j o h n is my first name", []string{`PERSON:"j o h n"`}},
	{"my name is j o h n smith", []string{`PERSON:"j o h n"`, `PERSON:"smith"`}}, // the spelling keeps the lead-in
	{"my name is john, j o h n, smith, s m i t h", []string{`PERSON:"john"`, `PERSON:"j o h n"`, `PERSON:"smith"`, `PERSON:"s m i t h"`}},
	{"i said i will, a b will do", nil}, // "a b" is no spelling, "will" no first name before one
	// guard rails: nothing to redact
	{"i have two kids and three dogs", nil},
	{"maybe one or two", nil},
	{"i was away for two weeks", nil},
	{"it was twelve ninety nine", nil},
	{"call me at three forty five", nil},
	{"we opened it back in twenty nineteen", nil},
	{"it came to fifteen hundred dollars", nil},
	{"the order number is four four two one nine eight", nil},
	{"one sec i'm looking at it, a b c is the plan", nil},
	{"i'm at home and my wife is at work", nil},
	{"the first thing i may do is call", nil},
	{"back in the dot com bubble, it was a dot com thing", nil},
	{"counting one two three", nil},
	{"whats the name on the card? the a t m ate it", nil},
	{"i need to reset my p i n", nil},
	{"my name is on the account, the b c d plan", nil},
	{"you paid at 9:05 a.m., I can waive it", nil},
	{"the v i p lounge is closed, i s o standard", nil},
}

func TestForms(t *testing.T) {
	e := engine(t)
	for _, c := range formCases {
		_, es := redactAll(t, e, c.text, 0)
		var got []string
		for _, en := range es {
			got = append(got, en.Type+":"+quote(c.text[en.Start:en.End]))
		}
		if len(got) != len(c.want) {
			t.Errorf("%q:\n got %v\nwant %v", c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q:\n got %v\nwant %v", c.text, got, c.want)
				break
			}
		}
		// and the same through 1-byte chunks
		var splits []int
		for p := 1; p < len(c.text); p++ {
			splits = append(splits, p)
		}
		checkSplits(t, c.text, splits)
	}
}

func quote(s string) string { return `"` + s + `"` }
