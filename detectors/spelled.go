package detectors

import "redactor/redact"

// SpelledName finds a name spelled out letter by letter ("j o h n", "s as
// in sam m i t h", "K O W A L S K I."): in the canonical text of a spoken
// run (redact.Window.Spoken), where spelled letters are written upper
// case, a word of two or more spelled letters and nothing else, with a
// vowel among them. The span maps back to the letters as they were said.
// Letters spelled out are as often an acronym or a code, so the default
// pack requires a context word ("spell", "name", "surname") near them.
type SpelledName struct{}

var _ redact.FilteredWordDetector = SpelledName{}

// spelledMaxLen bounds a spelled name in canonical letters.
const spelledMaxLen = 40

// Info implements redact.Detector.
func (SpelledName) Info() redact.Info {
	return redact.Info{Name: "spelled_name", Types: []string{"PERSON"}, MaxLen: spelledMaxLen, Priority: 60, Lookbehind: 1}
}

// WordFilter implements redact.FilteredWordDetector: capitalised words of
// two letters or more, in spoken runs only.
func (SpelledName) WordFilter() redact.WordFilter {
	return redact.WordFilter{Capitalized: true, CapitalizedLengths: ^uint32(3), SpokenOnly: true}
}

// spelledAcronyms are letters callers spell out that are no name ("the a
// t m", "my p i n"), kept out even where a name was just asked for.
var spelledAcronyms = func() wordSet {
	m := map[string]uint8{}
	for _, a := range []string{"atm", "pin", "ssn", "dob", "cvv", "cvc", "iban", "id", "ok", "usa", "uk", "us",
		"tv", "pc", "pdf", "faq", "vip", "irs", "dmv", "nhs", "gp", "er", "icu", "mri", "ekg", "ecg", "hmo", "ppo",
		"ach", "ip", "url", "www", "sms", "otp", "po", "ups", "dhl", "usps", "llc", "inc", "ltd", "ceo", "hr", "it",
		"asap", "fyi", "aka", "eta", "am", "pm", "abc", "xyz"} {
		m[a] = 1
	}
	return newWordSet(m)
}()

// FindWord implements redact.WordDetector.
func (SpelledName) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	if !w.Spoken || end-start < 2 || end-start > spelledMaxLen {
		return dst
	}
	if _, ok := spelledAcronyms.get(h); ok {
		return dst
	}
	vowel := false
	for _, c := range w.Text[start:end] {
		if c < 'A' || c > 'Z' {
			return dst // a code with digits, a plain word said as it is
		}
		vowel = vowel || c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y'
	}
	if !vowel {
		return dst // "the b c d plan": a name has a vowel
	}
	return append(dst, redact.Candidate{Start: start, End: end, Type: "PERSON", Score: 0.85})
}
