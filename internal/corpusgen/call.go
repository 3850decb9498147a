package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// persona holds everything about one call that should stay consistent
// across the dialogue (the caller's name, phone, card, ...).
type persona struct {
	loc    *locale
	us     bool
	female bool
	first  string
	middle string // optional middle initial, e.g. "J."
	last   string
	hon    string

	email      string
	phone      string
	phone2     string
	tollFree   string
	card       paymentCard
	card2      paymentCard
	iban       string
	iban2      string
	ssn        ssn
	dob        date
	otherDOB   date
	addr       string
	city       string
	state      string
	zip        string
	addr2      string
	city2      string
	state2     string
	zip2       string
	agent      string
	agent2     string
	company    string
	rel        string // "husband", "wife", "partner", "mother", ...
	relName    [2]string
	child      string
	childRel   string
	doctor     string
	email2     string
	coEmail    string
	version    string
	versionNew string
	modelName  string
	topic      string
}

func firstName(r *rand.Rand, female bool) string {
	if female {
		return pick(r, femaleFirstNames)
	}
	return pick(r, maleFirstNames)
}

func newPersona(r *rand.Rand, v *variant) *persona {
	p := &persona{loc: pickLocale(r)}
	p.us = p.loc.code == "US"
	p.female = r.IntN(2) == 0
	p.first = firstName(r, p.female)
	p.last = pick(r, lastNames)
	if r.IntN(10) == 0 {
		p.middle = string(rune('A'+r.IntN(26))) + "."
	}
	switch {
	case !p.female:
		p.hon = "Mr."
	case r.IntN(3) == 0:
		p.hon = "Mrs."
	default:
		p.hon = "Ms."
	}
	p.email = genEmail(r, p.first, p.last)

	p.company = pick(r, v.companies)
	p.topic = pick(r, v.topics)
	p.coEmail = companyEmail(r, p.company)
	p.agent = firstName(r, r.IntN(2) == 0)
	p.agent2 = firstName(r, r.IntN(2) == 0)
	for p.agent2 == p.agent {
		p.agent2 = firstName(r, r.IntN(2) == 0)
	}
	p.doctor = pick(r, lastNames)

	if p.us {
		c := pick(r, usCities)
		p.city, p.state = c.name, c.state
		p.zip = usZip(r, c)
		p.phone = genNANPPhone(r, pick(r, c.areas))
		c2 := pick(r, usCities)
		p.city2, p.state2 = c2.name, c2.state
		p.zip2 = usZip(r, c2)
		p.tollFree = genTollFree(r)
	} else {
		c := pick(r, p.loc.cities)
		p.city = c.name
		p.zip = localPostal(r, p.loc.code, c)
		p.phone = genIntlPhone(r, p.loc.code, c.landline, r.IntN(2) == 0)
		c2 := pick(r, p.loc.cities)
		p.city2 = c2.name
		p.zip2 = localPostal(r, p.loc.code, c2)
		p.tollFree = genIntlPhone(r, p.loc.code, c.landline, false)
	}
	p.addr = street(r, p.loc.code)
	p.addr2 = street(r, p.loc.code)
	if r.IntN(4) == 0 {
		p.phone2 = genIntlPhone(r, pick(r, abroadCountries), "", r.IntN(2) == 0)
	} else if p.us {
		p.phone2 = genNANPPhone(r, randNANPArea(r))
	} else {
		p.phone2 = genIntlPhone(r, p.loc.code, "", true)
	}

	p.card = genCard(r, randNetwork(r))
	p.card2 = genCard(r, randNetwork(r))
	for p.card2.network == p.card.network {
		p.card2 = genCard(r, randNetwork(r))
	}
	if p.us {
		p.iban = genIBAN(r, pick(r, ibanCountries))
	} else {
		p.iban = genIBAN(r, p.loc.code)
	}
	p.iban2 = genIBAN(r, pick(r, ibanCountries))
	p.ssn = genSSN(r)
	p.dob = randDate(r, 1940, 2005)
	p.otherDOB = randDate(r, 1938, 2022)

	relFemale := r.IntN(2) == 0
	switch {
	case relFemale && r.IntN(2) == 0:
		p.rel = pick(r, []string{"wife", "mother", "sister", "daughter"})
	case !relFemale && r.IntN(2) == 0:
		p.rel = pick(r, []string{"husband", "father", "brother", "son"})
	default:
		p.rel = pick(r, []string{"partner", "landlord", "colleague", "flatmate"})
	}
	p.relName = [2]string{firstName(r, relFemale), pick(r, lastNames)}
	p.email2 = genEmail(r, p.relName[0], p.relName[1])
	if r.IntN(2) == 0 {
		p.childRel = "daughter"
		p.child = firstName(r, true)
	} else {
		p.childRel = "son"
		p.child = firstName(r, false)
	}
	p.version = negVersion(r)
	p.versionNew = newerVersion(r, p.version)
	p.modelName = negModel(r)
	return p
}

func usZip(r *rand.Rand, c usCity) string {
	z := fmt.Sprintf("%03d%02d", c.zip3, r.IntN(100))
	if r.IntN(6) == 0 {
		z += "-" + digitsNZ(r, 4)
	}
	return z
}

func localPostal(r *rand.Rand, code string, c euCity) string {
	if code == "GB" {
		return ukPostcode(r, c.ukArea)
	}
	return euPostal(r, code, c)
}

// call accumulates the text and spans of one transcript.
type call struct {
	r    *rand.Rand
	p    *persona
	sc   *scenario
	b    strings.Builder
	ents []Entity
	negs []Entity

	agentSaid bool              // the agent's name has been said
	memo      map[string]replay // values of {NAME#key} placeholders
}

// replay is a recorded placeholder expansion: its text and the spans in
// it, relative to its start.
type replay struct {
	text       string
	ents, negs []Entity
}

func (c *call) lit(s string) { c.b.WriteString(s) }

func (c *call) ent(typ, s string) {
	start := c.b.Len()
	c.b.WriteString(s)
	c.ents = append(c.ents, Entity{Type: typ, Start: start, End: c.b.Len()})
}

func (c *call) neg(cat, s string) {
	start := c.b.Len()
	c.b.WriteString(s)
	c.negs = append(c.negs, Entity{Type: cat, Start: start, End: c.b.Len()})
}

// line writes one speaker turn; spec is "A: text" or "C: text".
func (c *call) line(spec string) {
	speaker, text, ok := strings.Cut(spec, ": ")
	if !ok {
		panic("corpusgen: bad template line " + spec)
	}
	switch speaker {
	case "A":
		c.lit("Agent: ")
	case "C":
		c.lit("Caller: ")
	default:
		panic("corpusgen: bad speaker in " + spec)
	}
	c.expand(text)
	c.lit("\n")
}

func (c *call) exchange(ex exchange) {
	for _, l := range ex.lines {
		c.line(l)
	}
}

// expand writes a template, replacing {PLACEHOLDER}s.
func (c *call) expand(t string) {
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			c.lit(t)
			return
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			panic("corpusgen: unterminated placeholder in " + t)
		}
		c.lit(t[:i])
		c.fill(t[i+1 : i+j])
		t = t[i+j+1:]
		// "... at 3 p.m." + "." must not give "p.m..".
		if strings.HasPrefix(t, ".") && !strings.HasPrefix(t, "..") && strings.HasSuffix(c.b.String(), ".") {
			t = t[1:]
		}
	}
}

func (c *call) currency() string { return c.p.loc.currency }

func (c *call) person(first, last string) {
	if c.r.IntN(12) == 0 && c.p.middle != "" && first == c.p.first {
		c.ent(TypePerson, first+" "+c.p.middle+" "+last)
		return
	}
	c.ent(TypePerson, first+" "+last)
}

// fill writes one placeholder. A name with a '#' suffix ({BADSSN#},
// {PRICE#bal}) is expanded once per call and repeated verbatim afterwards,
// so that a value read back later in the call is the same value.
func (c *call) fill(name string) {
	base, _, memo := strings.Cut(name, "#")
	if !memo {
		c.fillOnce(name)
		return
	}
	if rp, ok := c.memo[name]; ok {
		at := c.b.Len()
		c.lit(rp.text)
		for _, e := range rp.ents {
			c.ents = append(c.ents, Entity{e.Type, e.Start + at, e.End + at})
		}
		for _, e := range rp.negs {
			c.negs = append(c.negs, Entity{e.Type, e.Start + at, e.End + at})
		}
		return
	}
	at, ne, nn := c.b.Len(), len(c.ents), len(c.negs)
	c.fillOnce(base)
	rp := replay{text: c.b.String()[at:]}
	for _, e := range c.ents[ne:] {
		rp.ents = append(rp.ents, Entity{e.Type, e.Start - at, e.End - at})
	}
	for _, e := range c.negs[nn:] {
		rp.negs = append(rp.negs, Entity{e.Type, e.Start - at, e.End - at})
	}
	if c.memo == nil {
		c.memo = map[string]replay{}
	}
	c.memo[name] = rp
}

func (c *call) fillOnce(name string) {
	r, p := c.r, c.p
	switch name {
	// ----- labelled entities -----
	case "NAME":
		c.person(p.first, p.last)
	case "FIRST":
		c.ent(TypePerson, p.first)
	case "LAST":
		c.ent(TypePerson, p.last)
	case "AGENT":
		c.agentSaid = true
		c.ent(TypePerson, p.agent)
	case "AGENT2":
		c.ent(TypePerson, p.agent2)
	case "RELNAME":
		c.ent(TypePerson, p.relName[0]+" "+p.relName[1])
	case "RELFIRST":
		c.ent(TypePerson, p.relName[0])
	case "CHILD":
		c.ent(TypePerson, p.child)
	case "OTHERNAME": // someone unrelated: an adjuster, the other driver
		c.person(firstName(r, r.IntN(2) == 0), pick(r, lastNames))
	case "DOC":
		c.ent(TypePerson, p.doctor)
	case "EMAIL":
		c.ent(TypeEmail, p.email)
	case "EMAIL2":
		c.ent(TypeEmail, p.email2)
	case "COEMAIL":
		c.ent(TypeEmail, p.coEmail)
	case "PHONE":
		c.ent(TypePhone, p.phone)
	case "PHONE2":
		c.ent(TypePhone, p.phone2)
	case "TOLLFREE":
		c.ent(TypePhone, p.tollFree)
	case "CARD":
		c.ent(TypeCard, formatCard(r, p.card))
	case "CARD2":
		c.ent(TypeCard, formatCard(r, p.card2))
	case "IBAN":
		c.ent(TypeIBAN, formatIBAN(r, p.iban))
	case "IBAN2":
		c.ent(TypeIBAN, formatIBAN(r, p.iban2))
	case "SSN": // dashed or spaced
		if r.IntN(4) == 0 {
			c.ent(TypeSSN, p.ssn.spaced())
		} else {
			c.ent(TypeSSN, p.ssn.dashed())
		}
	case "SSNC": // compact, only used right after "social security number"
		c.ent(TypeSSN, p.ssn.compact())
	case "DOB":
		lead, v := formatDOB(r, p.dob, p.us)
		c.lit(lead)
		c.ent(TypeDOB, v)
	case "DOB2":
		lead, v := formatDOB(r, p.otherDOB, p.us)
		c.lit(lead)
		c.ent(TypeDOB, v)
	case "ADDR":
		c.ent(TypeAddress, p.addr)
	case "ADDR2":
		c.ent(TypeAddress, p.addr2)
	case "ZIP":
		c.ent(TypePostal, p.zip)
	case "ZIP2":
		c.ent(TypePostal, p.zip2)
	case "FULLADDR":
		c.fullAddress(p.addr, p.city, p.state, p.zip)
	case "FULLADDR2":
		c.fullAddress(p.addr2, p.city2, p.state2, p.zip2)

	// ----- plain (unlabelled, not numeric) -----
	case "HON":
		c.lit(p.hon)
	case "COMPANY":
		c.lit(p.company)
	case "TOPIC":
		c.expand(p.topic)
	case "CITY":
		c.lit(p.city)
	case "CITY2":
		c.lit(p.city2)
	case "POSTALWORD":
		c.lit(p.loc.postalWord)
	case "CARDNET":
		c.lit(p.card.network)
	case "CARDNET2":
		c.lit(p.card2.network)
	case "REL":
		c.lit(p.rel)
	case "CHILDREL":
		c.lit(p.childRel)
	case "MED":
		c.lit(pick(r, medications))
	case "WEEKDAY":
		c.lit(pick(r, []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}))

	// ----- hard negatives -----
	case "PRICE":
		c.neg(NegPrice, negPrice(r, c.currency(), false))
	case "BIGPRICE":
		c.neg(NegPrice, negPrice(r, c.currency(), true))
	case "TIME":
		c.neg(NegTime, negTime(r))
	case "YEAR":
		c.neg(NegYear, negYear(r))
	case "PROCESSING":
		c.neg(NegDuration, pick(r, processingTimes))
	case "SHORTDUR":
		c.neg(NegDuration, pick(r, shortDurations))
	case "LONGDUR":
		c.neg(NegDuration, pick(r, longDurations))
	case "SECONDS":
		c.neg(NegDuration, fmt.Sprint(pick(r, []int{10, 15, 20, 30})))
	case "TIMEWIN", "TIMETO": // "8 am and 12 pm" / "8 am to 12 pm"
		h := 8 + r.IntN(6)
		a, b := negClock(r, h), negClock(r, h+2+r.IntN(3))
		c.neg(NegTime, a)
		if name == "TIMEWIN" {
			c.lit(" and ")
		} else {
			c.lit(" to ")
		}
		c.neg(NegTime, b)
	case "NOTICE":
		c.neg(NegDuration, pick(r, []string{"24 hours'", "48 hours'", "one business day's", "24 hours"}))
	case "SMALLPRICE":
		c.neg(NegPrice, negSmallPrice(r, c.currency()))
	case "METER":
		c.neg(NegMeter, fmt.Sprintf("%05d", r.IntN(100000)))
	case "KWH":
		c.neg(NegQuantity, fmt.Sprint(300+r.IntN(2200)))
	case "TEMP":
		c.neg(NegTemperature, pick(r, []string{"101.3 degrees", "100.4°F", "38.5 °C", "39.2°C", "102 degrees", "38.9 degrees"}))
	case "MILES":
		c.neg(NegQuantity, formatThousands(1000*(5+r.IntN(160)), ","))
	case "SHORTCODE":
		c.neg(NegShortCode, "short code "+digitsNZ(r, 5))
	case "CODE6":
		c.neg(NegOneTimeCode, digits(r, 6))
	case "AGE2":
		c.neg(NegAge, fmt.Sprint(65+r.IntN(30)))
	case "RATEPCT":
		c.neg(NegPercent, pick(r, []string{"4.25%", "19.99%", "0.75 percent", "2.1%", "24.9% APR", "3.5 percent", "22.74%", "1.05%"}))
	case "VERSIONNEW":
		c.neg(NegVersion, p.versionNew)
	case "MINUTES":
		c.neg(NegDuration, fmt.Sprint(pick(r, []int{2, 5, 10, 15, 20, 30, 40, 45})))
	case "DAYS":
		c.neg(NegDuration, fmt.Sprint(pick(r, []int{3, 5, 7, 10, 14, 21, 28, 30, 60, 90})))
	case "YEARS":
		c.neg(NegDuration, fmt.Sprint(2+r.IntN(25)))
	case "N":
		c.neg(NegQuantity, fmt.Sprint(2+r.IntN(5)))
	case "TABS":
		c.neg(NegQuantity, fmt.Sprint(pick(r, []int{28, 30, 56, 60, 90, 100})))
	case "GB":
		c.neg(NegQuantity, fmt.Sprint(pick(r, []int{12, 20, 35, 48, 75, 120, 250})))
	case "DEVICES":
		c.neg(NegQuantity, fmt.Sprint(6+r.IntN(19)))
	case "MB":
		c.neg(NegQuantity, fmt.Sprint(pick(r, []int{10, 20, 25, 50})))
	case "MONTHS":
		c.neg(NegDuration, fmt.Sprint(pick(r, []int{6, 12, 18, 24})))
	case "SEATROW":
		c.neg(NegQuantity, fmt.Sprint(10+r.IntN(30)))
	case "PERCENT":
		c.neg(NegPercent, negPercent(r))
	case "ORDER":
		c.neg(NegOrder, negOrder(r))
	case "TICKET":
		c.neg(NegTicket, negTicket(r))
	case "REF16":
		c.neg(NegRef16, negRef16(r))
	case "BADSSN":
		c.neg(NegBadSSN, negBadSSN(r))
	case "MODEL":
		c.neg(NegModel, p.modelName)
	case "MODEL2":
		c.neg(NegModel, negModel(r))
	case "VERSION":
		c.neg(NegVersion, p.version)
	case "VERSION2":
		c.neg(NegVersion, negVersion(r))
	case "FLIGHT":
		c.neg(NegFlight, negFlight(r))
	case "ROOM":
		c.neg(NegRoom, fmt.Sprint(100*(1+r.IntN(6))+r.IntN(40)))
	case "EXT":
		c.neg(NegExtension, digitsNZ(r, 3+r.IntN(2)))
	case "LAST4":
		c.neg(NegLast4, p.card.number[len(p.card.number)-4:])
	case "PHONE4":
		d := strings.Map(func(c rune) rune {
			if c >= '0' && c <= '9' {
				return c
			}
			return -1
		}, p.phone)
		c.neg(NegLast4, d[len(d)-4:])
	case "SSN4":
		c.neg(NegLast4, fmt.Sprintf("%04d", p.ssn.serial))
	case "APPT":
		c.neg(NegDate, negApptDate(r))
	case "BILLDATE":
		c.neg(NegDate, negBillDate(r, p.us))
	case "EXPIRY":
		c.neg(NegExpiry, negExpiry(r))
	case "DOSE":
		c.neg(NegDosage, negDose(r))
	case "RATE":
		c.neg(NegRate, negRate(r))
	case "PNR":
		c.neg(NegConfirmation, negPNR(r))
	case "CLAIM":
		c.neg(NegClaim, negClaim(r))
	case "RX":
		c.neg(NegRx, negRx(r))
	case "GATE":
		c.neg(NegGate, fmt.Sprintf("%c%d", 'A'+rune(r.IntN(6)), 1+r.IntN(40)))
	case "KG":
		c.neg(NegWeight, fmt.Sprint(pick(r, []int{7, 8, 10, 20, 23, 32})))
	case "AGE":
		c.neg(NegAge, fmt.Sprint(2+r.IntN(15)))
	case "SPEED":
		c.neg(NegSpeed, fmt.Sprint(pick(r, []int{12, 35, 48, 87, 95, 150, 212, 300, 480})))
	case "URL":
		c.neg(NegURL, negURL(r, p.company))
	default:
		panic("corpusgen: unknown placeholder {" + name + "}")
	}
}

// fullAddress writes street, city and postal code in the local order.
func (c *call) fullAddress(street, city, state, zip string) {
	c.ent(TypeAddress, street)
	switch c.p.loc.code {
	case "US":
		c.lit(", " + city + ", " + state + " ")
		c.ent(TypePostal, zip)
	case "GB":
		c.lit(", " + city + " ")
		c.ent(TypePostal, zip)
	default:
		c.lit(", ")
		c.ent(TypePostal, zip)
		c.lit(" " + city)
	}
}

// generateCall builds one transcript from its own random stream.
func generateCall(r *rand.Rand) Transcript {
	sc := pickScenario(r)
	v := &sc.variants[r.IntN(len(sc.variants))]
	p := newPersona(r, v)
	c := &call{r: r, p: p, sc: sc}

	c.line(pick(r, greetings))
	intro := c.pickFiltered(intros)
	c.exchange(intro)
	if strings.HasPrefix(intro.lines[len(intro.lines)-1], "C: ") && r.IntN(3) > 0 {
		c.line(pick(r, acks))
	}

	// Sometimes the agent takes a call-back number first.
	if r.IntN(4) == 0 {
		c.exchange(pick(r, callbacks))
	}

	// Identity verification.
	nv := pick(r, []int{0, 0, 0, 0, 0, 0, 1, 1, 1, 2})
	for _, ex := range sampleOrdered(r, c.filter(verifications), nv) {
		c.exchange(ex)
	}

	// Scenario body, with small-talk fillers mixed in.
	pool := append(append([]exchange{}, v.body...), sc.common...)
	body := sampleOrdered(r, c.filter(pool), sc.minBody+r.IntN(sc.maxBody-sc.minBody+1))
	fill := sampleOrdered(r, c.filter(fillers), 2+r.IntN(4))
	var pos []int
	for range fill {
		pos = append(pos, r.IntN(len(body)+1))
	}
	for i := 0; i <= len(body); i++ {
		for k, at := range pos {
			if at == i {
				c.exchange(fill[k])
			}
		}
		if i < len(body) {
			c.exchange(body[i])
		}
	}
	c.exchange(c.pickFiltered(closings))

	if c.ents == nil {
		c.ents = []Entity{}
	}
	return Transcript{Text: c.b.String(), Entities: c.ents, HardNegatives: c.negs, Scenario: sc.name}
}

// exchange is a group of consecutive turns, optionally restricted to US
// callers, to callers outside the US, or to financial scenarios.
type exchange struct {
	us, intl, fin bool
	lines         []string
}

func ex(lines ...string) exchange      { return exchange{lines: lines} }
func exUS(lines ...string) exchange    { return exchange{us: true, lines: lines} }
func exIntl(lines ...string) exchange  { return exchange{intl: true, lines: lines} }
func exFin(lines ...string) exchange   { return exchange{fin: true, lines: lines} }
func exUSFin(lines ...string) exchange { return exchange{us: true, fin: true, lines: lines} }

func (e exchange) allowed(p *persona, sc *scenario) bool {
	return (!e.us || p.us) && (!e.intl || !p.us) && (!e.fin || sc.financial)
}

// filter keeps the exchanges usable in this call: right locale, and the
// caller does not address the agent by a name that has not been said.
func (c *call) filter(xs []exchange) []exchange {
	out := make([]exchange, 0, len(xs))
	for _, x := range xs {
		if x.allowed(c.p, c.sc) && (c.agentSaid || !x.callerSaysAgent()) {
			out = append(out, x)
		}
	}
	return out
}

func (e exchange) callerSaysAgent() bool {
	for _, l := range e.lines {
		if strings.HasPrefix(l, "C: ") && strings.Contains(l, "{AGENT}") {
			return true
		}
	}
	return false
}

func (c *call) pickFiltered(xs []exchange) exchange {
	return pick(c.r, c.filter(xs))
}

// sampleOrdered picks k distinct elements, keeping their original order.
func sampleOrdered(r *rand.Rand, xs []exchange, k int) []exchange {
	if k > len(xs) {
		k = len(xs)
	}
	idx := r.Perm(len(xs))[:k]
	keep := make([]bool, len(xs))
	for _, i := range idx {
		keep[i] = true
	}
	out := make([]exchange, 0, k)
	for i, x := range xs {
		if keep[i] {
			out = append(out, x)
		}
	}
	return out
}

type scenario struct {
	name             string
	weight           int
	financial        bool // identity checks may use SSN / card digits
	variants         []variant
	common           []exchange // body exchanges usable with every variant
	minBody, maxBody int
}

// variant is one flavour of a scenario (e.g. telecom vs. utility billing)
// with its own companies, topics and extra body exchanges.
type variant struct {
	companies []string
	topics    []string
	body      []exchange
}

func pickScenario(r *rand.Rand) *scenario {
	total := 0
	for i := range scenarios {
		total += scenarios[i].weight
	}
	n := r.IntN(total)
	for i := range scenarios {
		if n < scenarios[i].weight {
			return &scenarios[i]
		}
		n -= scenarios[i].weight
	}
	return &scenarios[0]
}
