package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Spoken-form corpus: lower-case, mostly unpunctuated call transcripts as a
// speech recogniser writes them, with identifiers said out loud ("four one
// five, five five five, oh one three two", "j o h n dot smith at gmail dot
// com", "g b eight two whiskey echo sierra tango ...") and hard negatives
// made of number words ("two kids", "twelve ninety nine", "at three forty
// five"). Gold spans cover exactly the words that say the value, from its
// first word to its last, fillers and self-corrections inside included.

// TypeDateTime labels a calendar date that is not a birth date.
const TypeDateTime = "DATE_TIME"

// GenerateSpoken produces the spoken-form corpus described by cfg (the
// default id prefix is "spoken-").
func GenerateSpoken(cfg Config) []Transcript {
	n := cfg.NumCalls
	if n <= 0 && cfg.MinBytes <= 0 {
		n = DefaultNumCalls
	}
	prefix := cfg.IDPrefix
	if prefix == "" {
		prefix = "spoken-"
	}
	var out []Transcript
	total := 0
	for i := 0; len(out) < n || total < cfg.MinBytes; i++ {
		r := rand.New(rand.NewPCG(cfg.Seed^0x5370_6f6b_656e, uint64(i)))
		t := generateSpokenCall(r)
		t.ID = fmt.Sprintf("%s%06d", prefix, i+1)
		total += len(t.Text)
		out = append(out, t)
	}
	return out
}

type spokenCall struct {
	r      *rand.Rand
	b      strings.Builder
	ents   []Entity
	negs   []Entity
	zero   string // "oh" or "zero"
	commas bool   // this recogniser writes pauses as commas
}

func (c *spokenCall) lit(s string) { c.b.WriteString(s) }

func (c *spokenCall) ent(typ, s string) {
	start := c.b.Len()
	c.b.WriteString(s)
	c.ents = append(c.ents, Entity{Type: typ, Start: start, End: c.b.Len()})
}

func (c *spokenCall) neg(cat, s string) {
	start := c.b.Len()
	c.b.WriteString(s)
	c.negs = append(c.negs, Entity{Type: cat, Start: start, End: c.b.Len()})
}

var digitWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
var teenWords = []string{"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
var tensWords = []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}

func (c *spokenCall) digit(d byte) string {
	if d == '0' {
		return c.zero
	}
	return digitWords[d-'0']
}

// pair says two digits as one number ("thirty two", "oh five", "eleven").
func (c *spokenCall) pair(s string) string {
	a, b := s[0], s[1]
	switch {
	case a == '0':
		return c.zero + " " + c.digit(b)
	case a == '1':
		return teenWords[b-'0']
	case b == '0':
		return tensWords[a-'0']
	}
	return tensWords[a-'0'] + " " + digitWords[b-'0']
}

// group says digits one by one, with "double"/"triple" for repeats now and
// then.
func (c *spokenCall) group(s string) string {
	var w []string
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		run := j - i
		switch {
		case run == 3 && c.r.IntN(3) == 0:
			w = append(w, "triple "+c.digit(s[i]))
		case run >= 2 && c.r.IntN(4) == 0:
			w = append(w, "double "+c.digit(s[i]))
			j = i + 2
		default:
			w = append(w, c.digit(s[i]))
			j = i + 1
		}
		i = j
	}
	return strings.Join(w, " ")
}

// sep is what comes between two said groups.
func (c *spokenCall) sep() string {
	switch x := c.r.IntN(20); {
	case x == 0:
		return " uh "
	case x == 1:
		return " um "
	case c.commas && x < 12:
		return ", "
	}
	return " "
}

// join says groups with pauses, and now and then a self-correction of one
// group ("five five six, sorry, five five seven").
func (c *spokenCall) join(groups []string, say func(string) string) string {
	var b strings.Builder
	fix := -1
	if c.r.IntN(12) == 0 {
		fix = c.r.IntN(len(groups))
	}
	for i, g := range groups {
		if i > 0 {
			b.WriteString(c.sep())
		}
		if i == fix && len(g) >= 2 {
			wrong := []byte(g)
			k := len(wrong) - 1
			wrong[k] = '0' + (wrong[k]-'0'+1+byte(c.r.IntN(8)))%10
			b.WriteString(say(string(wrong)))
			b.WriteString(pick(c.r, []string{", sorry, ", ", sorry ", " uh sorry "}))
		}
		b.WriteString(say(g))
	}
	return b.String()
}

func (c *spokenCall) sayPhone() string {
	area := pick(c.r, []string{"415", "212", "646", "303", "512", "617", "702", "919", "206", "404", "312", "614", "800", "888", "877"})
	exch := fmt.Sprint(2+c.r.IntN(8)) + digits(c.r, 2)
	if exch[1:] == "11" {
		exch = exch[:2] + "5"
	}
	line := digits(c.r, 4)
	var parts []string
	if c.r.IntN(10) == 0 {
		parts = append(parts, "one")
	}
	if area == "800" && c.r.IntN(2) == 0 {
		parts = append(parts, "eight hundred")
	} else {
		parts = append(parts, c.group(area))
	}
	pre := strings.Join(parts, " ")
	rest := c.join([]string{exch, line}, func(g string) string {
		if len(g) == 4 && c.r.IntN(4) == 0 {
			return c.pair(g[:2]) + " " + c.pair(g[2:])
		}
		return c.group(g)
	})
	return pre + c.sep() + rest
}

func luhnComplete(body string) string {
	sum := 0
	for i := len(body) - 1; i >= 0; i-- {
		d := int(body[i] - '0')
		if (len(body)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return body + fmt.Sprint((10-sum%10)%10)
}

func (c *spokenCall) sayCard() string {
	prefix := pick(c.r, []string{"4", "4", "51", "52", "53", "54", "55", "6011"})
	num := luhnComplete(prefix + digits(c.r, 15-len(prefix)))
	return c.join([]string{num[:4], num[4:8], num[8:12], num[12:]}, c.group)
}

func (c *spokenCall) saySSN() string {
	var area string
	for {
		area = fmt.Sprintf("%03d", 1+c.r.IntN(899))
		if area != "666" {
			break
		}
	}
	grp := fmt.Sprintf("%02d", 1+c.r.IntN(99))
	ser := fmt.Sprintf("%04d", 1+c.r.IntN(9999))
	return c.join([]string{area, grp, ser}, c.group)
}

var natoWords = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
	"juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra",
	"tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"}

var asInWords = []string{"apple", "boy", "cat", "david", "edward", "frank", "george", "henry", "ida",
	"john", "king", "larry", "mary", "nancy", "ocean", "peter", "queen", "robert", "sam",
	"tom", "uncle", "victor", "william", "xray", "yellow", "zebra"}

// spell says letters one by one, as letters, NATO words or "s as in sam".
func (c *spokenCall) spell(s string, nato bool) string {
	var w []string
	for i := 0; i < len(s); i++ {
		ch := s[i] | 0x20
		switch {
		case ch >= '0' && ch <= '9':
			w = append(w, c.digit(ch))
		case nato:
			w = append(w, natoWords[ch-'a'])
		case c.r.IntN(8) == 0:
			w = append(w, string(ch)+" as in "+asInWords[ch-'a'])
		default:
			w = append(w, string(ch))
		}
	}
	return strings.Join(w, " ")
}

var (
	spFirst   = []string{"john", "mary", "david", "linda", "james", "sarah", "kevin", "maria", "robert", "emily", "carlos", "nina", "peter", "grace", "omar", "julia"}
	spLast    = []string{"smith", "jones", "garcia", "miller", "davis", "wilson", "taylor", "brown", "lopez", "clark", "walker", "young", "hall", "turner", "baker", "nguyen"}
	spDomains = []string{"gmail dot com", "yahoo dot com", "outlook dot com", "hotmail dot com", "icloud dot com", "comcast dot net", "acme corp dot com", "example dot org", "btinternet dot co dot uk"}
)

func (c *spokenCall) sayEmail() string {
	first, last := pick(c.r, spFirst), pick(c.r, spLast)
	var local string
	switch c.r.IntN(6) {
	case 0, 1:
		local = first + " dot " + last
	case 2:
		local = first + " underscore " + last
	case 3:
		local = c.spell(first, false) + " dot " + last
	case 4:
		local = c.spell(first[:1]+last, false)
	default:
		local = first + " hyphen " + last
	}
	dom := pick(c.r, spDomains)
	if dom == "acme corp dot com" {
		dom = "acme dash corp dot com"
	}
	return local + " at " + dom
}

func spokenMod97(s string) int {
	m := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'A' {
			v := int(ch-'A') + 10
			m = (m*100 + v) % 97
		} else {
			m = (m*10 + int(ch-'0')) % 97
		}
	}
	return m
}

func (c *spokenCall) sayIBAN() string {
	var cc, bban string
	if c.r.IntN(2) == 0 {
		cc = "GB"
		bank := pick(c.r, []string{"WEST", "NWBK", "BARC", "HBUK", "LOYD", "MIDL"})
		bban = bank + digits(c.r, 14)
	} else {
		cc = "DE"
		bban = digits(c.r, 18)
	}
	check := 98 - spokenMod97(bban+cc+"00")
	iban := fmt.Sprintf("%s%02d%s", cc, check, bban)
	nato := c.r.IntN(3) == 0
	var groups []string
	for i := 0; i < len(iban); i += 4 {
		groups = append(groups, iban[i:min(i+4, len(iban))])
	}
	return c.join(groups, func(g string) string { return c.spell(g, nato) })
}

var monthWords = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

var ordinals = []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
	"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
	"twenty first", "twenty second", "twenty third", "twenty fourth", "twenty fifth", "twenty sixth", "twenty seventh", "twenty eighth"}

func (c *spokenCall) sayYear(y int) string {
	if y == 2000 {
		return "two thousand"
	}
	if y > 2000 && y < 2010 {
		return "two thousand " + digitWords[y-2000]
	}
	return c.pair(fmt.Sprint(y/100)) + " " + c.pair(fmt.Sprintf("%02d", y%100))
}

func (c *spokenCall) sayDate(dob bool) string {
	m, d := c.r.IntN(12), 1+c.r.IntN(28)
	y := 1940 + c.r.IntN(65)
	if !dob {
		y = 2015 + c.r.IntN(11)
	}
	switch c.r.IntN(3) {
	case 0:
		return monthWords[m] + " " + ordinals[d] + " " + c.sayYear(y)
	case 1:
		return ordinals[d] + " of " + monthWords[m] + " " + c.sayYear(y)
	}
	md := fmt.Sprintf("%02d%02d%02d", m+1, d, y%100)
	return c.group(md[:2]) + " " + c.group(md[2:4]) + " " + c.pair(md[4:])
}

// spokenNegatives are number words that are no identifier.
var spokenNegatives = []string{
	"i have two kids and three dogs so it gets loud here",
	"maybe one or two times a month",
	"i was away for two weeks",
	"it was twelve ninety nine on the website",
	"can you call me at three forty five",
	"i opened it back in twenty nineteen",
	"the order number is four four two one nine eight",
	"it came to about fifteen hundred dollars",
	"i'm in room two oh four",
	"my extension is four four one two",
	"it cost a hundred and twenty dollars",
	"we've been customers for eleven years",
	"i paid three hundred forty nine ninety nine for it",
	"the code on the letter is seven seven one two",
	"give me five to ten minutes",
	"i'm on the fourth floor, suite four ten",
	"they charged me twice, two charges of sixty five each",
	"it was the twenty first or the twenty second i think",
	"i've got one card and two accounts with you",
	"the last four are six seven eight nine",
	"i called at nine thirty and again at ten fifteen",
	"it's around two thousand five hundred a year",
	"one sec, i'm looking for it",
	"i think it was in two thousand eight",
}

var spokenSmallTalk = []string{
	"hi thanks for calling how can i help you today",
	"yeah hi i'm calling about my account",
	"sure i can help with that",
	"okay let me pull that up for you",
	"perfect thank you for waiting",
	"alright uh give me a second",
	"no problem take your time",
	"great that's all updated now",
	"is there anything else i can help with",
	"no that's it thank you so much",
	"you're welcome have a good day",
	"okay and can i verify a few details",
}

// generateSpokenCall makes one spoken-form call.
func generateSpokenCall(r *rand.Rand) Transcript {
	c := &spokenCall{r: r, zero: pick(r, []string{"oh", "oh", "zero"}), commas: r.IntN(3) == 0}
	turns := 8 + r.IntN(8)
	for t := 0; t < turns; t++ {
		if t > 0 {
			c.lit("\n")
		}
		if t%2 == 0 {
			c.lit("agent: ")
		} else {
			c.lit("caller: ")
		}
		if t%2 == 0 || r.IntN(3) == 0 {
			if r.IntN(2) == 0 {
				c.lit(pick(r, spokenSmallTalk))
			} else {
				c.neg("spoken", pick(r, spokenNegatives))
			}
			continue
		}
		switch r.IntN(7) {
		case 0:
			c.lit(pick(r, []string{"my number is ", "you can reach me at ", "the best number is ", "yeah it's ", "call me back on "}))
			c.ent(TypePhone, c.sayPhone())
			c.lit(pick(r, []string{"", " thanks", " that's my cell", " okay"}))
		case 1:
			c.lit(pick(r, []string{"the card number is ", "it's a visa ", "sure the card is ", "card number "}))
			c.ent(TypeCard, c.sayCard())
			c.lit(pick(r, []string{"", " expiring next year", " okay"}))
		case 2:
			c.lit(pick(r, []string{"my social security number is ", "my social is ", "the ssn is ", "social security "}))
			c.ent(TypeSSN, c.saySSN())
		case 3:
			c.lit(pick(r, []string{"my email is ", "the email address is ", "email me at ", "it's "}))
			c.ent(TypeEmail, c.sayEmail())
			c.lit(pick(r, []string{"", " thanks", " all lower case"}))
		case 4:
			c.lit(pick(r, []string{"my iban is ", "the iban is ", "sure the iban is "}))
			c.ent(TypeIBAN, c.sayIBAN())
		case 5:
			c.lit(pick(r, []string{"my date of birth is ", "i was born on the ", "date of birth "}))
			c.ent(TypeDOB, c.sayDate(true))
		default:
			c.lit(pick(r, []string{"the payment went out on ", "i made the transfer on the "}))
			c.ent(TypeDateTime, c.sayDate(false))
		}
	}
	return Transcript{Text: c.b.String(), Entities: c.ents, HardNegatives: c.negs, Scenario: "spoken"}
}
