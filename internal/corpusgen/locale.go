package corpusgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// locale describes where a caller lives: it decides the format of
// addresses, postal codes, phone numbers, currencies and dates.
type locale struct {
	code       string // ISO country code; "US" for North America
	weight     int
	postalWord string // "zip code", "postcode", "postal code"
	currency   string // "USD", "GBP", "EUR", "CHF"
	cities     []euCity
}

// euCity is a non-US city with its postal code generator input and the
// national trunk code used for landlines (without the leading zero).
type euCity struct {
	name     string
	postLo   int // lowest numeric postal code (for numeric systems)
	postHi   int
	ukArea   string // UK postcode area, e.g. "SW"
	landline string // E.164 landline prefix after the country code, e.g. "30"
}

var locales = []locale{
	{code: "US", weight: 700, postalWord: "zip code", currency: "USD"},
	{code: "GB", weight: 80, postalWord: "postcode", currency: "GBP", cities: []euCity{
		{name: "London", ukArea: "SW", landline: "20"},
		{name: "London", ukArea: "NW", landline: "20"},
		{name: "London", ukArea: "E", landline: "20"},
		{name: "Manchester", ukArea: "M", landline: "161"},
		{name: "Leeds", ukArea: "LS", landline: "113"},
		{name: "Bristol", ukArea: "BS", landline: "117"},
		{name: "Edinburgh", ukArea: "EH", landline: "131"},
		{name: "Birmingham", ukArea: "B", landline: "121"},
		{name: "Glasgow", ukArea: "G", landline: "141"},
	}},
	{code: "DE", weight: 50, postalWord: "postal code", currency: "EUR", cities: []euCity{
		{name: "Berlin", postLo: 10115, postHi: 14199, landline: "30"},
		{name: "München", postLo: 80331, postHi: 81929, landline: "89"},
		{name: "Hamburg", postLo: 20095, postHi: 22769, landline: "40"},
		{name: "Köln", postLo: 50667, postHi: 51149, landline: "221"},
		{name: "Frankfurt am Main", postLo: 60306, postHi: 60599, landline: "69"},
		{name: "Düsseldorf", postLo: 40210, postHi: 40629, landline: "211"},
	}},
	{code: "FR", weight: 40, postalWord: "postal code", currency: "EUR", cities: []euCity{
		{name: "Paris", postLo: 75001, postHi: 75020, landline: "1"},
		{name: "Lyon", postLo: 69001, postHi: 69009, landline: "4"},
		{name: "Marseille", postLo: 13001, postHi: 13016, landline: "4"},
		{name: "Toulouse", postLo: 31000, postHi: 31500, landline: "5"},
		{name: "Bordeaux", postLo: 33000, postHi: 33800, landline: "5"},
	}},
	{code: "ES", weight: 40, postalWord: "postal code", currency: "EUR", cities: []euCity{
		{name: "Madrid", postLo: 28001, postHi: 28080, landline: "91"},
		{name: "Barcelona", postLo: 8001, postHi: 8042, landline: "93"},
		{name: "Sevilla", postLo: 41001, postHi: 41020, landline: "954"},
		{name: "Valencia", postLo: 46001, postHi: 46026, landline: "96"},
		{name: "Málaga", postLo: 29001, postHi: 29018, landline: "952"},
	}},
	{code: "NL", weight: 30, postalWord: "postcode", currency: "EUR", cities: []euCity{
		{name: "Amsterdam", postLo: 1011, postHi: 1109, landline: "20"},
		{name: "Rotterdam", postLo: 3011, postHi: 3089, landline: "10"},
		{name: "Utrecht", postLo: 3511, postHi: 3585, landline: "30"},
		{name: "Den Haag", postLo: 2511, postHi: 2597, landline: "70"},
	}},
	{code: "IT", weight: 30, postalWord: "postal code", currency: "EUR", cities: []euCity{
		{name: "Roma", postLo: 118, postHi: 199, landline: "06"},
		{name: "Milano", postLo: 20121, postHi: 20162, landline: "02"},
		{name: "Torino", postLo: 10121, postHi: 10156, landline: "011"},
		{name: "Napoli", postLo: 80121, postHi: 80147, landline: "081"},
		{name: "Firenze", postLo: 50121, postHi: 50145, landline: "055"},
	}},
	{code: "BE", weight: 15, postalWord: "postal code", currency: "EUR", cities: []euCity{
		{name: "Bruxelles", postLo: 1000, postHi: 1210, landline: "2"},
		{name: "Antwerpen", postLo: 2000, postHi: 2660, landline: "3"},
		{name: "Gent", postLo: 9000, postHi: 9052, landline: "9"},
		{name: "Liège", postLo: 4000, postHi: 4032, landline: "4"},
	}},
	{code: "CH", weight: 15, postalWord: "postal code", currency: "CHF", cities: []euCity{
		{name: "Zürich", postLo: 8001, postHi: 8064, landline: "44"},
		{name: "Genève", postLo: 1201, postHi: 1209, landline: "22"},
		{name: "Basel", postLo: 4001, postHi: 4059, landline: "61"},
		{name: "Bern", postLo: 3004, postHi: 3027, landline: "31"},
	}},
}

var countryCallingCodes = map[string]string{
	"US": "1", "GB": "44", "DE": "49", "FR": "33", "ES": "34", "NL": "31",
	"IT": "39", "BE": "32", "CH": "41",
}

func pickLocale(r *rand.Rand) *locale {
	total := 0
	for i := range locales {
		total += locales[i].weight
	}
	n := r.IntN(total)
	for i := range locales {
		if n < locales[i].weight {
			return &locales[i]
		}
		n -= locales[i].weight
	}
	return &locales[0]
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func digits(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + r.IntN(10)))
	}
	return b.String()
}

// digitsNZ returns n digits whose first digit is 1-9.
func digitsNZ(r *rand.Rand, n int) string {
	return string(rune('1'+r.IntN(9))) + digits(r, n-1)
}

// ukPostcode builds a syntactically valid UK postcode such as "SW1A 1AA".
func ukPostcode(r *rand.Rand, area string) string {
	const inward = "ABDEFGHJLNPQRSTUWXYZ" // letters allowed in the inward code
	district := fmt.Sprint(1 + r.IntN(19))
	if area == "SW" && r.IntN(4) == 0 {
		district = "1A"
	}
	return fmt.Sprintf("%s%s %d%c%c", area, district, r.IntN(10), inward[r.IntN(len(inward))], inward[r.IntN(len(inward))])
}

// euPostal returns a postal code for a non-US, non-UK city.
func euPostal(r *rand.Rand, code string, c euCity) string {
	n := c.postLo + r.IntN(c.postHi-c.postLo+1)
	switch code {
	case "NL":
		const letters = "ABCEGHJKLMNPRTVWXZ"
		return fmt.Sprintf("%04d %c%c", n, letters[r.IntN(len(letters))], letters[r.IntN(len(letters))])
	case "BE", "CH":
		return fmt.Sprintf("%04d", n)
	default:
		return fmt.Sprintf("%05d", n)
	}
}

// street returns a street address (without city or postal code).
func street(r *rand.Rand, code string) string {
	switch code {
	case "US":
		s := fmt.Sprintf("%d ", 1+r.IntN(9899))
		if r.IntN(6) == 0 {
			s += pick(r, []string{"N. ", "S. ", "East ", "West ", "NE "})
		}
		s += pick(r, usStreetNames) + " " + pick(r, usStreetSuffixes)
		switch r.IntN(5) {
		case 0:
			s += fmt.Sprintf(", Apt %d%c", 1+r.IntN(30), 'A'+rune(r.IntN(6)))
		case 1:
			s += pick(r, []string{", Unit ", ", Suite ", " #", ", Apt. "}) + fmt.Sprint(1+r.IntN(400))
		}
		return s
	case "GB":
		s := fmt.Sprintf("%d %s %s", 1+r.IntN(240), pick(r, []string{"Baker", "Victoria", "Station", "Church", "Mill", "Albert", "Queen's", "Kingsway", "Elm", "Priory", "Abbey", "Belmont"}),
			pick(r, []string{"Road", "Street", "Lane", "Close", "Avenue", "Crescent", "Gardens", "Grove"}))
		if r.IntN(4) == 0 {
			s = fmt.Sprintf("Flat %d, %s", 1+r.IntN(12), s)
		}
		return s
	case "DE":
		return fmt.Sprintf("%s%s %d%s", pick(r, []string{"Haupt", "Bahnhof", "Goethe", "Schiller", "Linden", "Garten", "Kirch", "Mühlen", "Rosen", "Berliner "}),
			pick(r, []string{"straße", "straße", "weg", "allee", "str."}), 1+r.IntN(180), pick(r, []string{"", "", "", "a", "b"}))
	case "FR":
		return fmt.Sprintf("%d%s %s %s", 1+r.IntN(150), pick(r, []string{"", "", "", " bis"}), pick(r, []string{"rue", "rue", "avenue", "boulevard", "place"}),
			pick(r, []string{"de la République", "Victor Hugo", "Émile Zola", "du Général Leclerc", "des Lilas", "Saint-Honoré", "de la Paix", "Molière", "Jean Jaurès"}))
	case "ES":
		s := fmt.Sprintf("%s %d", pick(r, []string{"Calle Mayor", "Calle de Alcalá", "Calle del Sol", "Calle de Serrano", "Avenida de América", "Paseo de Gracia", "Calle Real"}), 1+r.IntN(220))
		if r.IntN(2) == 0 {
			s += fmt.Sprintf(", %dº %c", 1+r.IntN(8), 'A'+rune(r.IntN(4)))
		}
		return s
	case "NL":
		return fmt.Sprintf("%s %d", pick(r, []string{"Keizersgracht", "Prinsengracht", "Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenlaan", "Herengracht", "Nieuwstraat"}), 1+r.IntN(400))
	case "IT":
		return fmt.Sprintf("%s %d", pick(r, []string{"Via Roma", "Via Garibaldi", "Via Dante", "Via Mazzini", "Corso Cavour", "Viale Verdi", "Piazza Navona", "Corso Vittorio Emanuele"}), 1+r.IntN(160))
	case "BE":
		return fmt.Sprintf("%s %d", pick(r, []string{"Rue Neuve", "Avenue Louise", "Kerkstraat", "Chaussée de Wavre", "Meir", "Rue de la Loi"}), 1+r.IntN(300))
	case "CH":
		return fmt.Sprintf("%s %d", pick(r, []string{"Bahnhofstrasse", "Seestrasse", "Rue du Rhône", "Dorfstrasse", "Marktgasse", "Limmatquai"}), 1+r.IntN(120))
	}
	return "1 Main Street"
}
