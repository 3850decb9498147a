package validate

import (
	"fmt"
	"testing"
	"time"
)

// boolCase is one table row: input and expected result.
type boolCase struct {
	in   string
	want bool
}

// runBool runs a table of cases through f, each in its compact form exactly
// as written (no Compact call: the tables exercise the validator itself).
func runBool(t *testing.T, name string, f func([]byte) bool, cases []boolCase) {
	t.Helper()
	for _, c := range cases {
		if got := f([]byte(c.in)); got != c.want {
			t.Errorf("%s(%q) = %v, want %v", name, c.in, got, c.want)
		}
	}
}

func TestCompact(t *testing.T) {
	cases := []struct{ dst, src, want string }{
		{"", "GB82 WEST 1234-5698.7654/32", "GB82WEST12345698765432"},
		{"x", "12 34", "x1234"},
		{"", " -./:_+", ""},
		{"", "ab\u00e9C\t9", "abC9"},
		{"", "", ""},
	}
	for _, c := range cases {
		if got := string(Compact([]byte(c.dst), []byte(c.src))); got != c.want {
			t.Errorf("Compact(%q, %q) = %q, want %q", c.dst, c.src, got, c.want)
		}
	}
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() { buf = Compact(buf[:0], []byte("4111 1111 1111 1111")) }); n != 0 {
		t.Errorf("Compact allocates %v times with enough capacity", n)
	}
}

func TestValidDate(t *testing.T) {
	cases := []struct {
		y, m, d int
		want    bool
	}{
		{2000, 2, 29, true}, {1900, 2, 29, false}, {2024, 2, 29, true},
		{2023, 2, 29, false}, {2023, 2, 28, true}, {2023, 4, 31, false},
		{2023, 4, 30, true}, {2023, 12, 31, true}, {2023, 13, 1, false},
		{2023, 0, 1, false}, {2023, 1, 0, false}, {2023, 1, 32, false},
	}
	for _, c := range cases {
		if got := ValidDate(c.y, c.m, c.d); got != c.want {
			t.Errorf("ValidDate(%d, %d, %d) = %v, want %v", c.y, c.m, c.d, got, c.want)
		}
	}
}

func TestLuhn(t *testing.T) {
	runBool(t, "Luhn", Luhn, []boolCase{
		{"79927398713", true}, // the classic example
		{"79927398710", false},
		{"79927398711", false},
		{"4111111111111111", true},
		{"00", true},
		{"18", true},
		{"0", false}, // too short
		{"", false},
		{"7992739871a", false},
		{"7992 7398713", false}, // not compact
	})
}

func TestCardNetwork(t *testing.T) {
	cases := []struct {
		in, network string
		luhn        bool
	}{
		// Published network test numbers.
		{"4111111111111111", Visa, true},
		{"4012888888881881", Visa, true},
		{"4222222222222", Visa, true},
		{"5555555555554444", Mastercard, true},
		{"5105105105105100", Mastercard, true},
		{"2221000000000009", Mastercard, true},
		{"2223000048400011", Mastercard, true},
		{"378282246310005", Amex, true},
		{"371449635398431", Amex, true},
		{"6011111111111117", Discover, true},
		{"6011000990139424", Discover, true},
		{"3530111333300000", JCB, true},
		{"3566002020360505", JCB, true},
		{"30569309025904", Diners, true},
		{"38520000023237", Diners, true},
		{"36227206271667", Diners, true},
		{"6200000000000005", UnionPay, true},
		{"5019717010103742", Maestro, true},
		{"6759649826438453", Maestro, true},
		// Prefix and length edges.
		{"4111111111111112", Visa, false},
		{"6500000000000", Maestro, false}, // 65 with 13 digits: too short for Discover
		{"6440000000000000", Discover, false},
		{"6490000000000000", Discover, false},
		{"3589000000000000", JCB, false},
		{"30500000000000", Diners, false},
		{"6200000000000", Maestro, true}, // 62 with 13 digits: too short for UnionPay
	}
	for _, c := range cases {
		network, ok := CardNetwork([]byte(c.in))
		if !ok || network != c.network {
			t.Errorf("CardNetwork(%q) = %q, %v, want %q", c.in, network, ok, c.network)
		}
		if got := CreditCard([]byte(c.in)); got != c.luhn {
			t.Errorf("CreditCard(%q) = %v, want %v", c.in, got, c.luhn)
		}
	}
	for _, in := range []string{
		"411111111111111",      // Visa with 15 digits
		"41111111111111111",    // Visa with 17 digits
		"55555555555544444",    // Mastercard with 17 digits
		"2220990000000000",     // below the 2-series range
		"2721000000000000",     // above the 2-series range
		"37828224631000",       // Amex with 14 digits
		"3782822463100050",     // Amex with 16 digits
		"3060000000000000",     // 306 is not Diners
		"3527000000000000",     // below the JCB range
		"1220000000000003",     // UATP
		"7000000000000000",     // no network
		"411111111111",         // too short for anything
		"41111111111111111111", // 20 digits
		"4111-1111-1111-1111",  // not compact
		"",
	} {
		if network, ok := CardNetwork([]byte(in)); ok {
			t.Errorf("CardNetwork(%q) = %q, want no network", in, network)
		}
		if CreditCard([]byte(in)) {
			t.Errorf("CreditCard(%q) = true, want false", in)
		}
	}
}

func TestIBANLength(t *testing.T) {
	cases := []struct {
		cc   string
		want int
	}{
		{"DE", 22}, {"GB", 22}, {"FR", 27}, {"NO", 15}, {"MT", 31}, {"RU", 33},
		{"LC", 32}, {"BE", 16}, {"NL", 18}, {"CH", 21}, {"BR", 29}, {"SC", 31},
		{"EG", 29}, {"UA", 29}, {"YE", 30}, {"SV", 28}, {"MN", 20}, {"FK", 18},
		{"de", 22}, {"gB", 22},
		{"US", 0}, {"CA", 0}, {"XX", 0}, {"1A", 0}, {"A1", 0}, {"@[", 0},
	}
	for _, c := range cases {
		if got := IBANLength(c.cc[0], c.cc[1]); got != c.want {
			t.Errorf("IBANLength(%q) = %d, want %d", c.cc, got, c.want)
		}
	}
	countries := 0
	for a := byte('A'); a <= 'Z'; a++ {
		for b := byte('A'); b <= 'Z'; b++ {
			if n := IBANLength(a, b); n != 0 {
				countries++
				if n < 15 || n > 34 {
					t.Errorf("IBANLength(%c%c) = %d, outside 15-34", a, b, n)
				}
				if spec := ibanCountries[ibanIndex(a, b)].bban; bbanLen(spec)+4 != n {
					t.Errorf("%c%c: BBAN %q does not add up to length %d", a, b, spec, n)
				}
			}
		}
	}
	if countries != 89 {
		t.Errorf("%d IBAN countries, want the 89 of python-stdnum's iban.dat", countries)
	}
}

// bbanLen sums the run lengths of a BBAN structure spec.
func bbanLen(spec string) int {
	n, total := 0, 0
	for i := 0; i < len(spec); i++ {
		if isDigit(spec[i]) {
			n = n*10 + int(spec[i]-'0')
		} else {
			total += n
			n = 0
		}
	}
	return total
}

func TestIBAN(t *testing.T) {
	runBool(t, "IBAN", IBAN, []boolCase{
		// Examples from the SWIFT registry and ECBS.
		{"GB82WEST12345698765432", true},
		{"DE89370400440532013000", true},
		{"FR1420041010050500013M02606", true},
		{"NL91ABNA0417164300", true},
		{"BE68539007547034", true},
		{"CH9300762011623852957", true},
		{"NO9386011117947", true},
		{"MT84MALT011000012345MTLCAST001S", true},
		{"ES9121000418450200051332", true},
		{"SC18SSCB11010000000000001497USD", true},
		{"LC55HEMM000100010012001200023015", true},
		{"gb82west12345698765432", true}, // letters are case-insensitive
		{"GB02WEST12345610000038", true}, // check digits 02
		// Hard negatives.
		{"GB82WEST12345698765433", false}, // mod 97
		{"GB28WEST12345698765432", false}, // wrong check digits
		{"GB82WEST1234569876543", false},  // too short
		{"GB82WEST123456987654321", false},
		{"GB82WE5T12345698765432", false}, // digit in the 4!a bank code
		{"DE89370400440532O13000", false}, // letter in a numeric BBAN
		{"XX82WEST12345698765432", false}, // unknown country
		{"US82WEST12345698765432", false},
		{"GB82WEST12345698765432 ", false},
		{"GB82-WEST12345698765432", false},
		{"G", false},
		{"", false},
		// GB02... with check digits 99 (= 02 + 97) still passes mod 97 but
		// check digits must be 02-98.
		{"GB99WEST12345610000038", false},
		// National checks (as python-stdnum): valid mod 97, wrong national
		// check digits.
		{"ES2121000418450200051331", false},
		{"ES8931831500950001210562", false},
	})
	// The mod 97 of the 99 variant is 1: only the range rule rejects it.
	if r := Mod97([]byte("WEST12345610000038GB99")); r != 1 {
		t.Errorf("test premise: Mod97 of the GB99 variant = %d, want 1", r)
	}
}

func TestMod97(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"3214282912345698765432161182", 1}, // GB82WEST... rearranged, as digits
		{"WEST12345698765432GB82", 1},       // the same with letters
		{"west12345698765432gb82", 1},
		{"97", 0}, {"98", 1}, {"0", 0}, {"A", 10}, {"z", 35},
		{"", -1}, {"12-3", -1}, {"12 3", -1},
	}
	for _, c := range cases {
		if got := Mod97([]byte(c.in)); got != c.want {
			t.Errorf("Mod97(%q) = %d, want %d", c.in, got, c.want)
		}
	}
	// Long inputs exercise the deferred reduction: compare with a plain
	// digit-by-digit reference.
	long := ""
	for i := 0; i < 200; i++ {
		long += fmt.Sprint(i * 7919 % 10)
		if got, want := Mod97([]byte(long)), bigMod97(long); got != want {
			t.Fatalf("Mod97(%d digits) = %d, want %d", len(long), got, want)
		}
	}
}

// bigMod97 is the straightforward reference: reduce after every digit.
func bigMod97(s string) int {
	r := 0
	for _, c := range []byte(s) {
		r = (r*10 + int(c-'0')) % 97
	}
	return r
}

func TestUSSSN(t *testing.T) {
	runBool(t, "USSSN", USSSN, []boolCase{
		{"536904399", true},
		{"111223333", true},
		{"665123456", true},
		{"899123456", true},
		{"078051121", true},
		{"123456789", true},  // passes every published rule; see the doc comment
		{"000123456", false}, // area 000
		{"666123456", false}, // area 666
		{"900123456", false}, // area 9xx
		{"999123456", false},
		{"123004567", false}, // group 00
		{"123450000", false}, // serial 0000
		{"078051120", false}, // Woolworth
		{"457555462", false}, // LifeLock
		{"219099999", false}, // SSA pamphlet
		{"12345678", false},
		{"1234567890", false},
		{"12345678a", false},
		{"123-45-6789", false},
	})
}

func TestUSITIN(t *testing.T) {
	runBool(t, "USITIN", USITIN, []boolCase{
		{"912903456", true},
		{"912503456", true}, // 50-65 (IRS, not python-stdnum)
		{"912653456", true},
		{"912703456", true},
		{"912883456", true},
		{"912923456", true},
		{"912943456", true},
		{"912993456", true},
		{"912493456", false},
		{"912663456", false},
		{"912693456", false},
		{"912893456", false},
		{"912933456", false},
		{"812703456", false}, // must start with 9
		{"91270345", false},
		{"91270345a", false},
	})
}

func TestABARouting(t *testing.T) {
	runBool(t, "ABARouting", ABARouting, []boolCase{
		{"111000025", true},
		{"121000358", true},
		{"322271627", true},
		{"071101307", true},
		{"112000025", false},
		{"421042111", false},
		{"11100002", false},
		{"11100002B", false},
	})
}

func TestUSNPI(t *testing.T) {
	runBool(t, "USNPI", USNPI, []boolCase{
		{"1234567893", true}, // CMS example
		{"1245319599", true},
		{"1003000126", true},
		{"1234567890", false},
		{"0234567893", false},
		{"3234567893", false},
		{"123456789", false},
		{"12345678934", false},
		{"123456789a", false},
	})
}

func TestDEA(t *testing.T) {
	runBool(t, "DEA", DEA, []boolCase{
		{"AB1234563", true},
		{"ab1234563", true},
		{"A91234563", true}, // '9' for a registrant without a surname initial
		{"GL0285191", true},
		{"K92993548", true},
		{"AB1234564", false},
		{"BG8207031", false},
		{"1B1234563", false},
		{"AB123456", false},
		{"AB12345630", false},
	})
}

func TestUSMBI(t *testing.T) {
	runBool(t, "USMBI", USMBI, []boolCase{
		{"1EG4TE5MK73", true}, // CMS example
		{"1eg4te5mk73", true},
		{"9XX9XX9XX99", true},
		{"1E04T05MK73", true},  // AN positions may be digits
		{"0EG4TE5MK73", false}, // C is 1-9
		{"1SG4TE5MK73", false}, // S excluded
		{"1EG4LE5MK73", false}, // L excluded
		{"1EG4TE5OK73", false}, // O excluded
		{"1EG4TE5MI73", false}, // I excluded
		{"1BG4TE5MK73", false}, // B excluded
		{"1EG4ZE5MK73", false}, // Z excluded
		{"12G4TE5MK73", false}, // position 2 must be a letter
		{"1EGATE5MK73", false}, // position 4 must be a digit
		{"1EG4TE5MK7", false},
		{"1EG4TE5MK734", false},
	})
}

func TestVIN(t *testing.T) {
	runBool(t, "VIN", VIN, []boolCase{
		{"1M8GDM9AXKP042788", true}, // check digit X
		{"1HGCM82633A004352", true},
		{"11111111111111111", true},
		{"1m8gdm9axkp042788", true},
		{"1M8GDM9A1KP042788", false},
		{"5YJ3E1EA7KF317000", false}, // wrong check digit
		{"1M8GDM9AXKP04278I", false}, // I never occurs
		{"1M8GDM9AXKP04278O", false},
		{"1M8GDM9AXKP04278Q", false},
		{"1M8GDM9AXKP04278", false},
		{"1M8GDM9AXKP0427888", false},
	})
}

func TestVerhoeff(t *testing.T) {
	runBool(t, "Verhoeff", Verhoeff, []boolCase{
		{"2363", true}, // 236 + check 3
		{"2364", false},
		{"312345678909", true},
		{"400123456787", true},
		{"123456789012", false},
		{"0", false},
		{"12a4", false},
	})
}

func TestUKNHS(t *testing.T) {
	runBool(t, "UKNHS", UKNHS, []boolCase{
		{"9434765919", true}, // NHS Digital example
		{"9434765870", true},
		{"4010232137", true},
		{"0032698674", true},
		{"9434765871", false},
		{"4010232138", false},
		{"1234567890", false}, // check value 10 is never issued
		{"1234567891", false},
		{"943476587", false},
		{"943476587a", false},
	})
}

func TestUKNINO(t *testing.T) {
	runBool(t, "UKNINO", UKNINO, []boolCase{
		{"AB123456C", true},
		{"ab123456c", true},
		{"OA123456D", true}, // O is allowed first
		{"TW987654A", true},
		{"AB123456E", false}, // suffix A-D
		{"AB123456", false},  // suffix required
		{"QQ123456C", false},
		{"DA123456C", false},
		{"AO123456C", false}, // O not second
		{"AV123456C", false},
		{"BG123456A", false},
		{"GB123456A", false},
		{"NK123456A", false},
		{"KN123456A", false},
		{"TN123456A", false},
		{"NT123456A", false},
		{"ZZ123456A", false},
		{"A1123456C", false},
		{"AB12345AC", false},
	})
}

func TestIEPPSN(t *testing.T) {
	runBool(t, "IEPPSN", IEPPSN, []boolCase{
		{"6433435F", true},
		{"6433435FT", true},
		{"6433435FW", true},
		{"6433435OA", true},
		{"6433435IH", true},
		{"6433435oa", true},
		{"1234567TW", true},
		{"6433435E", false},
		{"6433435VH", false},
		{"1234567XX", false},
		{"1234567ABC", false},
		{"111222333", false},
		{"6433435", false},
	})
}

func TestDETaxID(t *testing.T) {
	runBool(t, "DETaxID", DETaxID, []boolCase{
		{"36574261809", true},
		{"86095742719", true}, // 7 twice
		{"95078563523", true}, // 5 three times
		{"11234567890", true},
		{"11123456786", true}, // three in a row: accepted, as python-stdnum
		{"36574261890", false},
		{"12345678903", false}, // no repeated digit
		{"11112345678", false}, // four times
		{"11223456789", false}, // two digits repeated
		{"01234567896", false}, // leading 0
		{"3657426180", false},
		{"365742618090", false},
		{"A6574261809", false},
	})
}

func TestFRNIR(t *testing.T) {
	runBool(t, "FRNIR", FRNIR, []boolCase{
		{"295109912611193", true},
		{"253072B07300470", true}, // Corsica 2B
		{"253072A07300443", true}, // Corsica 2A
		{"253072a07300443", true},
		{"295109912611199", false},
		{"253072C07300443", false},
		{"253073A07300443", false},
		{"29510991261119", false},
		{"2951099126111934", false},
	})
}

func TestSpanishIDs(t *testing.T) {
	runBool(t, "ESDNI", ESDNI, []boolCase{
		{"54362315K", true},
		{"54362315k", true},
		{"12345678Z", true},
		{"01111111G", true},
		{"1111111G", true}, // written without the leading zero
		{"54362315Z", false},
		{"54362315", false},
		{"543623150K", false},
		{"X2482300W", false},
	})
	runBool(t, "ESNIE", ESNIE, []boolCase{
		{"X2482300W", true},
		{"x2482300w", true},
		{"Z8078221M", true},
		{"Y8063915Z", true},
		{"X2482300A", false},
		{"W8063915Q", false},
		{"X248230W", false},
		{"54362315K", false},
	})
	runBool(t, "ESNIF", ESNIF, []boolCase{
		{"54362315K", true},  // DNI
		{"X5253868R", true},  // NIE
		{"M1234567L", true},  // K/L/M
		{"B64717838", true},  // CIF, numeric control
		{"J99216582", true},  // CIF
		{"P2800000H", true},  // CIF, letter control
		{"P28000008", true},  // CIF, the same as a digit
		{"B64717839", false}, // CIF, wrong control
		{"P2800000G", false},
		{"O1234567L", false}, // O is no entity letter
		{"M1234567K", false},
		{"B6471783", false},
		{"", false},
	})
}

func TestITFiscalCode(t *testing.T) {
	runBool(t, "ITFiscalCode", ITFiscalCode, []boolCase{
		{"RCCMNL83S18D969H", true},
		{"rccmnl83s18d969h", true},
		{"CNTCHR83T41D969D", true}, // woman: day + 40
		{"RSSMRA45C12F2LRI", true}, // omocodia
		{"RSSMRAQRCMNFNLRG", true}, // omocodia everywhere
		{"RSSMRA00B29H501Y", true}, // 29 Feb 2000
		{"RSSMRA04B69H501G", true}, // 29 Feb 2004, woman
		{"RSSMRA01B28H501X", true},
		{"00743110157", true},       // 11 digits: partita IVA
		{"RSSMRA01B29H501Z", false}, // 29 Feb 2001
		{"RSSMRA00B72H501N", false}, // day code 72
		{"RSSMRA00A32H501K", false}, // 32 January
		{"CNTCHR83T32D969H", false},
		{"RCCMNL83S18D969A", false},
		{"RCCMNL83S18D969", false},
		{"CSTNGL22I10D086I", false}, // I is no month letter
		{"00743110158", false},
	})
	runBool(t, "ITPartitaIVA", ITPartitaIVA, []boolCase{
		{"00743110157", true},
		{"00743110158", false},
		{"00000001232", false}, // taxpayer number 0
		{"12345671010", false}, // office 101
	})
}

func TestNLBSN(t *testing.T) {
	runBool(t, "NLBSN", NLBSN, []boolCase{
		{"111222333", true},
		{"123456782", true},
		{"10000008", true}, // 8 digits: leading 0 implied
		{"111252333", false},
		{"123456783", false},
		{"1112223334", false},
		{"1112223", false},
		{"11122233a", false},
	})
}

func TestBelgianNumbers(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		in            string
		nn, bis, both bool
	}{
		{"85073003328", true, false, true},
		{"17073003384", true, false, true}, // born 2017: the 2-prefixed key
		{"00000100166", true, false, true}, // unknown date of birth
		{"85073500107", true, false, true}, // day 35: exhausted counter
		{"98472899765", false, true, true}, // BIS, month + 40
		{"00200100112", false, true, true}, // BIS, month + 20
		{"12345678901", false, false, false},
		{"85133000105", false, false, false}, // month 13
		{"85533000191", false, false, false}, // BIS month 53
		{"8507300332", false, false, false},
		{"8507300332a", false, false, false},
	}
	for _, c := range cases {
		d := []byte(c.in)
		if got := BENN(d, now); got != c.nn {
			t.Errorf("BENN(%q) = %v, want %v", c.in, got, c.nn)
		}
		if got := BEBIS(d, now); got != c.bis {
			t.Errorf("BEBIS(%q) = %v, want %v", c.in, got, c.bis)
		}
		if got := BENationalNumber(d, now); got != c.both {
			t.Errorf("BENationalNumber(%q) = %v, want %v", c.in, got, c.both)
		}
	}
	// A 2000s key only counts for years that are not in the future.
	if BENN([]byte("17073003384"), time.Date(2016, 12, 31, 0, 0, 0, 0, time.UTC)) {
		t.Error("BENN accepted a 2017 birth in 2016")
	}
}

func TestPLPESEL(t *testing.T) {
	runBool(t, "PLPESEL", PLPESEL, []boolCase{
		{"44051401359", true},
		{"02122401358", true}, // 1902
		{"02211307589", true}, // 2002 (month + 20)
		{"44051401458", true},
		{"11111111116", true},
		{"44051401358", false},
		{"02381307589", false}, // 2002-18-13
		{"85040812345", false},
		{"4405140135", false},
		{"4405140135A", false},
	})
}

func TestSEPersonnummer(t *testing.T) {
	runBool(t, "SEPersonnummer", SEPersonnummer, []boolCase{
		{"8803200016", true},
		{"198803200016", true},
		{"8803800013", true},   // coordination number: day 20 + 60
		{"189004119807", true}, // born 1890
		{"0002290000", false},  // Luhn fails
		{"8803200018", false},
		{"8899200425", false},   // month 99
		{"200504422381", false}, // day 42
		{"19001309239", false},
		{"88032000161", false},
	})
}

func TestDKCPR(t *testing.T) {
	now := time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		in   string
		now  time.Time
		want bool
	}{
		{"2110625629", now, true},
		{"2110620629", now, true},  // the mod 11 check is not applied
		{"2902004000", now, true},  // 29 Feb 2000 (7th digit 4, YY 00)
		{"2902000000", now, false}, // 29 Feb 1900 (7th digit 0)
		{"5110625629", now, false},
		{"2110525629", now, false}, // 2052: in the future
		{"2110525629", time.Date(2052, 10, 21, 0, 0, 0, 0, time.UTC), true},
		{"2110525629", time.Date(2052, 10, 20, 0, 0, 0, 0, time.UTC), false},
		{"0101585000", now, true},  // 7th digit 5, YY 58: 1858
		{"0101575000", now, false}, // 7th digit 5, YY 57: 2057, in the future
		{"0101364000", now, false}, // 7th digit 4, YY 36: 2036, in the future
		{"0101374000", now, true},  // 7th digit 4, YY 37: 1937
		{"211062562", now, false},
		{"211062562a", now, false},
	}
	for _, c := range cases {
		if got := DKCPR([]byte(c.in), c.now); got != c.want {
			t.Errorf("DKCPR(%q, %s) = %v, want %v", c.in, c.now.Format(time.DateOnly), got, c.want)
		}
	}
}

func TestFIHetu(t *testing.T) {
	runBool(t, "FIHetu", FIHetu, []boolCase{
		{"131052-308T", true},
		{"131052+308T", true},
		{"131052A308T", true},
		{"131052a308t", true},
		{"131052Y308T", true}, // 2023 sign for the 1900s
		{"131052B308T", true}, // 2023 sign for the 2000s
		{"010594Y9032", true}, // temporary number (900-999)
		{"131052-308U", false},
		{"310252-308Y", false}, // 31 February
		{"131052/308T", false},
		{"131052T308T", false},
		{"131052-001T", false}, // individual number 001
		{"131052308T", false},
		{"131052-308TT", false},
	})
}

func TestPTNIF(t *testing.T) {
	runBool(t, "PTNIF", PTNIF, []boolCase{
		{"501964843", true},
		{"501964842", false},
		{"001964843", false},
		{"50196484", false},
		{"PT501964843", false}, // strip the VAT prefix first
	})
}

func TestCASIN(t *testing.T) {
	runBool(t, "CASIN", CASIN, []boolCase{
		{"123456782", true},
		{"130692544", true},
		{"046454286", false}, // Luhn-valid but starts with 0
		{"823456785", false}, // starts with 8
		{"999999999", false},
		{"12345678Z", false},
		{"12345678", false},
	})
}

// TestNoAllocations checks that the validators never allocate.
func TestNoAllocations(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var sink bool
	funcs := []struct {
		name string
		f    func() bool
	}{
		{"Luhn", func() bool { return Luhn([]byte("79927398713")) }},
		{"CreditCard", func() bool { return CreditCard([]byte("4111111111111111")) }},
		{"CardNetwork", func() bool { _, ok := CardNetwork([]byte("378282246310005")); return ok }},
		{"IBAN", func() bool { return IBAN([]byte("GB82WEST12345698765432")) }},
		{"IBAN ES", func() bool { return IBAN([]byte("ES9121000418450200051332")) }},
		{"Mod97", func() bool { return Mod97([]byte("WEST12345698765432GB82")) == 1 }},
		{"USSSN", func() bool { return USSSN([]byte("536904399")) }},
		{"USITIN", func() bool { return USITIN([]byte("912903456")) }},
		{"ABARouting", func() bool { return ABARouting([]byte("111000025")) }},
		{"USNPI", func() bool { return USNPI([]byte("1234567893")) }},
		{"DEA", func() bool { return DEA([]byte("AB1234563")) }},
		{"USMBI", func() bool { return USMBI([]byte("1EG4TE5MK73")) }},
		{"VIN", func() bool { return VIN([]byte("1M8GDM9AXKP042788")) }},
		{"Verhoeff", func() bool { return Verhoeff([]byte("312345678909")) }},
		{"UKNHS", func() bool { return UKNHS([]byte("9434765919")) }},
		{"UKNINO", func() bool { return UKNINO([]byte("AB123456C")) }},
		{"IEPPSN", func() bool { return IEPPSN([]byte("6433435OA")) }},
		{"DETaxID", func() bool { return DETaxID([]byte("36574261809")) }},
		{"FRNIR", func() bool { return FRNIR([]byte("253072B07300470")) }},
		{"ESNIF", func() bool { return ESNIF([]byte("P2800000H")) }},
		{"ITFiscalCode", func() bool { return ITFiscalCode([]byte("RCCMNL83S18D969H")) }},
		{"NLBSN", func() bool { return NLBSN([]byte("111222333")) }},
		{"BENationalNumber", func() bool { return BENationalNumber([]byte("98472899765"), now) }},
		{"PLPESEL", func() bool { return PLPESEL([]byte("44051401359")) }},
		{"SEPersonnummer", func() bool { return SEPersonnummer([]byte("198803200016")) }},
		{"DKCPR", func() bool { return DKCPR([]byte("2110625629"), now) }},
		{"FIHetu", func() bool { return FIHetu([]byte("131052-308T")) }},
		{"PTNIF", func() bool { return PTNIF([]byte("501964843")) }},
		{"CASIN", func() bool { return CASIN([]byte("123456782")) }},
	}
	for _, fn := range funcs {
		if !fn.f() {
			t.Errorf("%s: example rejected", fn.name)
		}
		if n := testing.AllocsPerRun(200, func() { sink = fn.f() }); n != 0 {
			t.Errorf("%s allocates %v times per call", fn.name, n)
		}
	}
	_ = sink
}

var benchSink bool

func BenchmarkLuhn(b *testing.B) {
	d := []byte("4111111111111111")
	b.ReportAllocs()
	for b.Loop() {
		benchSink = Luhn(d)
	}
}

func BenchmarkCreditCard(b *testing.B) {
	d := []byte("4111111111111111")
	b.ReportAllocs()
	for b.Loop() {
		benchSink = CreditCard(d)
	}
}

func BenchmarkIBAN(b *testing.B) {
	s := []byte("GB82WEST12345698765432")
	b.ReportAllocs()
	for b.Loop() {
		benchSink = IBAN(s)
	}
}

func BenchmarkIBANLong(b *testing.B) {
	s := []byte("LC55HEMM000100010012001200023015")
	b.ReportAllocs()
	for b.Loop() {
		benchSink = IBAN(s)
	}
}

func BenchmarkUSSSN(b *testing.B) {
	d := []byte("536904399")
	b.ReportAllocs()
	for b.Loop() {
		benchSink = USSSN(d)
	}
}

func BenchmarkCompact(b *testing.B) {
	src := []byte("GB82 WEST 1234 5698 7654 32")
	dst := make([]byte, 0, 64)
	b.ReportAllocs()
	for b.Loop() {
		dst = Compact(dst[:0], src)
	}
}

// TestNoPanics feeds every validator deterministic random inputs of all
// lengths 0-40, drawn from digits, letters and separators, so that length
// and index handling is exercised beyond the tables.
func TestNoPanics(t *testing.T) {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz-+ /\xff"
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	funcs := []func([]byte) bool{
		Luhn, CreditCard, IBAN, USSSN, USITIN, ABARouting, USNPI, DEA, USMBI, VIN,
		Verhoeff, UKNHS, UKNINO, IEPPSN, DETaxID, FRNIR, ESDNI, ESNIE, ESNIF,
		ITFiscalCode, ITPartitaIVA, NLBSN, PLPESEL, SEPersonnummer, FIHetu, PTNIF, CASIN,
		func(b []byte) bool { _, ok := CardNetwork(b); return ok },
		func(b []byte) bool { return Mod97(b) == 1 },
		func(b []byte) bool { return BENationalNumber(b, now) },
		func(b []byte) bool { return DKCPR(b, now) },
	}
	seed := uint32(1)
	buf := make([]byte, 40)
	for n := 0; n <= 40; n++ {
		for round := 0; round < 300; round++ {
			for i := range buf[:n] {
				seed = seed*1664525 + 1013904223
				buf[i] = alphabet[int(seed>>24)%len(alphabet)]
			}
			// Give IBAN-shaped inputs a real country prefix half the time.
			if n >= 4 && round%2 == 0 {
				copy(buf, "GB82")
			}
			for _, f := range funcs {
				f(buf[:n])
			}
		}
	}
}
