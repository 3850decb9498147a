package detectors_test

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"redactor/detectors"
	"redactor/internal/streamtest"
	"redactor/packs"
	"redactor/redact"
)

func defaultPack(t testing.TB) *redact.Engine {
	t.Helper()
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	return set.Engine()
}

func TestPerson(t *testing.T) {
	e := defaultPack(t)
	for _, text := range []string{
		"Agent: Thank you for calling, this is ⟦Maria Lopez⟧, how can I help?",
		"Caller: Hi, my name is ⟦John A. Smith⟧ and I'm calling about my bill.",
		"yes this is ⟦john smith⟧ calling back",                // lower case, as ASR writes it
		"Agent: I spoke with ⟦Mr. Chen⟧ yesterday.",            // ⟦ around the title is fixed below
		"my name is ⟦Priya Raghunathan⟧",                       // unknown names after a strong lead-in
		"Caller: ⟦Hiroshi Martinez⟧ here.",                     // unknown first name before a known surname
		"Thanks, ⟦Noémie⟧. I'm ⟦Chidi⟧, your agent.",           // unknown names after medium lead-ins
		"Patient ⟦Zoë Smith-Lee⟧, and ⟦Sofía⟧'s date of birth", // accents, hyphens, possessives
		"the doctor will call you, ⟦Will⟧. Grace period ends; talk to ⟦Grace⟧.",
		"Will you mark the date? May I help? Bill me later.",              // common words at sentence start
		"I grew up in São Paulo and Atlanta, GA; my English is fine.",     // places and languages
		"Welcome to Harbor Trust Bank and Maple Leaf Pharmacy.",           // organisations
		"IBAN GB82 WEST 1234 5698 7654 32 and SMITH in capitals",          // all-caps words
		"The VIN is 1HGCM82633A004352, claim KY-92912-G, order NA-536095", // acronyms and codes that are names in the lists
		"MY NAME IS ⟦JOHN SMITH⟧",                                         // capitals after a strong lead-in
		"Agent: Caller: Customer: Visa ending 1111",
		"my last name is ⟦smith⟧",                                                    // a name that is a word, after a strong lead-in
		"yes my name is ⟦will⟧ and i will call back",                                 // the same in lower case: only the lead-in decides
		"the doctor will call you, the grace period ends",                            // a title that is a word is no lead-in for a lower-case word
		"thanks mr ⟦smith⟧, and mrs ⟦grace smith⟧",                                   // a title's abbreviation is one
		"dr will see you now",                                                        // but not for the commonest words
		"thanks, mr d ⟦smith⟧",                                                       // a title and an initial
		"it's j o h n",                                                               // spelled letters are SpelledName's (spoken view)
		"agent: and the patient's name\ncaller: ⟦john⟧ and his wife",                 // a question about a name, answered in the next turn
		"Caller: Yes, but I didn't catch the name.\nCaller: Honestly I'd rather not", // a statement, no question
		"Agent: Thanks.\nCaller: Honestly, fine.",                                    // no other lead-in reaches across turns
	} {
		text = strings.Replace(text, "⟦Mr. Chen⟧", "Mr. ⟦Chen⟧", 1)
		plain, want := unmark(text)
		got := find(t, e, "PERSON", plain)
		if !slices.Equal(got, want) {
			var names []string
			for _, g := range got {
				names = append(names, plain[g[0]:g[1]])
			}
			t.Errorf("%q:\n got %v %q\nwant %v", plain, got, names, want)
		}
	}
}

// TestPersonContractionsExcepted checks that the filter keeps capitalised
// contractions from the detector only where that changes nothing: each is
// in Except, and FindWord, handed it anyway, finds no name there.
func TestPersonContractionsExcepted(t *testing.T) {
	p := detectors.NewPerson()
	f := p.WordFilter()
	for _, c := range []string{"i'm", "i'll", "i've", "i'd", "it's", "that's", "there's", "what's", "let's",
		"don't", "can't", "won't", "isn't", "we're", "we'll", "you're", "you'll", "they're", "he's", "she's"} {
		word := strings.ToUpper(c[:1]) + c[1:]
		h := redact.WordHash([]byte(word))
		if !f.Except.Has(h) {
			t.Errorf("%q is not excepted", word)
		}
		text := []byte(word + " calling about my bill")
		got := p.FindWord(nil, &redact.Window{Text: text, EOF: true}, 0, len(word), h)
		if len(got) != 0 {
			t.Errorf("%q: FindWord found %+v", word, got)
		}
	}
}

// TestPersonChunkInvariance splits name-heavy text everywhere.
func TestPersonChunkInvariance(t *testing.T) {
	e := defaultPack(t)
	pieces := []string{"this is ", "my name is ", "Mr. ", "Maria", "Lopez", "john", "smith", "A.", "Smith-Lee",
		"Hiroshi", "Martinez", "Priya", "Will", "will", "Grace", "São Paulo", "Atlanta, GA", "Harbor Trust Bank",
		"Noémie", "Sofía's", " ", " ", ", ", ". ", "\n", "Caller: ", "Agent: ", "thanks, ", "in "}
	r := rand.New(rand.NewPCG(7, 8))
	for range 150 {
		var b strings.Builder
		for b.Len() < 80+r.IntN(400) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		text := []byte(b.String())
		streamtest.CheckSplits(t, e, redact.Config{}, text, r, 4)
	}
}
