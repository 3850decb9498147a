package corpusgen

// Embedded word lists. Names deliberately avoid common English words
// (no "Bill", "May", "Grace", "Price", "Brown", ...) so that a name only
// ever appears in the text where it is labelled as PERSON.

var femaleFirstNames = []string{
	"Maria", "Sarah", "Emily", "Jessica", "Ashley", "Olivia", "Sophia", "Emma",
	"Isabella", "Mia", "Charlotte", "Amelia", "Harper", "Evelyn", "Abigail",
	"Ella", "Scarlett", "Aria", "Chloé", "Zoë", "Renée", "Sofía", "Inés",
	"Noémie", "Priya", "Aisha", "Fatima", "Mei", "Yuki", "Ananya", "Keisha",
	"Tamika", "Nadia", "Olga", "Ingrid", "Siobhan", "Aoife", "Camille", "Lucía",
	"Valentina", "Hannah", "Rebecca", "Laura", "Natalie", "Megan", "Rachel",
	"Danielle", "Vanessa", "Monica", "Teresa",
}

var maleFirstNames = []string{
	"James", "Michael", "Robert", "David", "Daniel", "Matthew", "Anthony",
	"Joshua", "Andrew", "Kevin", "Brian", "Jason", "Ryan", "Eric", "Steven",
	"Thomas", "Christopher", "Jonathan", "Benjamin", "Samuel", "José", "André",
	"François", "Björn", "Jürgen", "Søren", "Łukasz", "Mateo", "Diego", "Luis",
	"Carlos", "Ahmed", "Omar", "Raj", "Arjun", "Wei", "Hiroshi", "Kwame",
	"Chidi", "Tyrone", "Dmitri", "Nikolai", "Liam", "Noah", "Ethan", "Lucas",
	"Oliver", "Elijah", "Aiden", "Connor",
}

var lastNames = []string{
	"Smith", "Johnson", "Williams", "Jones", "García", "Miller", "Davis",
	"Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson",
	"Anderson", "Taylor", "Moore", "Martin", "Lee", "Perez", "Thompson",
	"Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
	"Allen", "Wright", "Scott", "Torres", "Nguyen", "Adams", "Nelson",
	"Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner", "Parker",
	"Collins", "Edwards", "Stewart", "Morris", "Murphy", "Rogers", "Morgan",
	"Peterson", "Cooper", "Bailey", "Kelly", "Howard", "Ramos", "Kim",
	"Richardson", "Watson", "Chavez", "Bennett", "Mendoza", "Ruiz", "Hughes",
	"Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Foster", "Jimenez",
	"Chen", "Wang", "Singh", "Kowalski", "Müller", "Schmidt", "Fischer",
	"Weber", "Núñez", "Gonçalves", "Ødegaard", "O'Brien", "Dubois", "Lefèvre",
	"Rossi", "Bianchi", "Okafor", "Mensah", "Nakamura", "Tanaka", "Kovač",
	"Novák", "Yilmaz", "Haddad", "Sullivan", "Fitzgerald", "Dvořák", "Åberg",
	"Okonkwo", "Fernández",
}

// asciiFold maps the non-ASCII letters used in the name lists to a plain
// ASCII spelling, for building e-mail local parts.
var asciiFold = map[rune]string{
	'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'å': "a", 'Å': "A", 'ç': "c",
	'é': "e", 'è': "e", 'ê': "e", 'ë': "e", 'í': "i", 'ï': "i", 'ñ': "n",
	'ó': "o", 'ö': "o", 'ø': "o", 'Ø': "O", 'ú': "u", 'ü': "u", 'Ł': "L",
	'ł': "l", 'č': "c", 'ř': "r", 'š': "s", 'ž': "z",
}

var emailDomains = []string{
	"gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com",
	"hotmail.com", "icloud.com", "aol.com", "proton.me", "example.com",
	"example.co.uk", "mail.example.de", "comcast.net", "gmx.de", "orange.fr",
	"btinternet.com", "web.de", "live.co.uk", "example.org", "fastmail.fm",
}

var emailTags = []string{"bills", "shop", "news", "bank", "health", "travel"}

// Companies per scenario; none of them contain a person name.
var (
	telecomCompanies   = []string{"Northwind Telecom", "Bluebird Wireless", "Clearline Mobile", "Pinecone Internet"}
	utilityCompanies   = []string{"Bluewater Energy", "Summit Gas & Electric", "Riverbend Utilities"}
	cardCompanies      = []string{"Summit Card Services", "Keystone Credit", "Lighthouse Card Centre"}
	bankCompanies      = []string{"Harbor Trust Bank", "Granite Savings", "Evergreen Federal", "Banco Atlántico"}
	pharmacyCompanies  = []string{"Maple Leaf Pharmacy", "CareFirst Pharmacy", "Corner Drugstore", "Greenway Apothecary"}
	clinicCompanies    = []string{"Riverside Family Clinic", "Lakeshore Medical Group", "Oakridge Health Centre", "Sunrise Paediatrics"}
	techCompanies      = []string{"Pinecone Internet", "Skylink Broadband", "Nimbus Home Tech", "Volt Smart Home"}
	insuranceCompanies = []string{"Crestline Insurance", "Shieldwell Mutual", "Anchor Auto & Home", "Trailhead Travel Cover"}
	airlineCompanies   = []string{"Skyward Airlines", "Aurora Air", "Coastline Airways"}
	retailCompanies    = []string{"Hometown Outfitters", "Gadget Galaxy", "Café Crème Online"}
)

var medications = []string{
	"lisinopril", "metformin", "atorvastatin", "amoxicillin", "levothyroxine",
	"omeprazole", "sertraline", "amlodipine", "albuterol", "ibuprofen",
}

var airlineCodes = []string{"UA", "BA", "LH", "AF", "DL", "KL", "AA", "IB", "AZ", "LX", "AC", "QF"}

var modelPrefixes = []string{"XR", "AX", "TX", "RT", "DCP", "WRT", "SM", "HX", "MX", "ZQ", "GT", "EVO"}

// usCity holds a city with a state abbreviation, a ZIP prefix and area codes.
type usCity struct {
	name, state string
	zip3        int
	areas       []int
}

var usCities = []usCity{
	{"Portland", "OR", 972, []int{503, 971}},
	{"Austin", "TX", 787, []int{512, 737}},
	{"Denver", "CO", 802, []int{303, 720}},
	{"Seattle", "WA", 981, []int{206}},
	{"Boston", "MA", 21, []int{617, 857}},
	{"Chicago", "IL", 606, []int{312, 773}},
	{"Phoenix", "AZ", 850, []int{602, 480}},
	{"Atlanta", "GA", 303, []int{404, 678}},
	{"Miami", "FL", 331, []int{305, 786}},
	{"San Diego", "CA", 921, []int{619, 858}},
	{"Columbus", "OH", 432, []int{614}},
	{"Nashville", "TN", 372, []int{615}},
	{"Minneapolis", "MN", 554, []int{612}},
	{"Raleigh", "NC", 276, []int{919}},
	{"Sacramento", "CA", 958, []int{916}},
	{"Pittsburgh", "PA", 152, []int{412}},
	{"Albuquerque", "NM", 871, []int{505}},
	{"Boise", "ID", 837, []int{208}},
	{"Omaha", "NE", 681, []int{402}},
	{"San Francisco", "CA", 941, []int{415}},
	{"Brooklyn", "NY", 112, []int{718, 347}},
}

var usStreetNames = []string{
	"Oak", "Maple", "Cedar", "Pine", "Elm", "Willow", "Birch", "Lakeview",
	"Sunset", "Highland", "Park", "Main", "Church", "Mill", "Baker", "Station",
	"Washington", "Lincoln", "Jefferson", "Franklin", "Riverside", "Meadow",
	"Forest", "Spring", "Ridge", "Valley", "Chestnut", "Magnolia", "Hawthorne",
	"Sycamore", "Juniper", "Orchard", "Harbor", "Beacon", "Granite", "Prospect",
	"Cherry", "Walnut", "Aspen", "Dogwood",
}

var usStreetSuffixes = []string{
	"Street", "Street", "St.", "Avenue", "Ave", "Road", "Rd", "Lane", "Drive",
	"Dr.", "Boulevard", "Blvd", "Court", "Place", "Way", "Terrace", "Circle",
}
