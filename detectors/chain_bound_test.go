package detectors_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"redactor/detectors"
	"redactor/redact"
)

// TestChainDetectorsFindInLongChains shows, for every chain detector, a span
// it reports inside a chain of far more digits than the span has (a chain
// runs on over separators such as " (" that end no span), so no detector
// can bound the digits of a chain it is offered; the engine filters chains
// by their digit group lengths instead (redact.GroupFilteredDetector).
func TestChainDetectorsFindInLongChains(t *testing.T) {
	dir := t.TempDir()
	for _, d := range detectors.All() {
		cd, ok := d.(redact.ChainDetector)
		if !ok {
			continue
		}
		name := d.Info().Name
		text, ok := chainExamples[name]
		if !ok {
			t.Errorf("%s: no example", name)
			continue
		}
		if !strings.Contains(text, longHead) {
			text += longTail
		}
		path := filepath.Join(dir, name+".jsonl")
		if err := os.WriteFile(path, []byte(`{"text":"`+text+`"}`+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, rc := range corpusChains(t, path, 1<<20) {
			if rc.c.Digits < 30 || !offered(cd, &rc.c) {
				continue
			}
			for _, c := range cd.FindInChain(nil, &rc.w, &rc.c) {
				found = found || !c.Open
			}
		}
		if !found {
			t.Errorf("%s: nothing found in %q", name, text)
		}
	}
}

// The long run of digit groups goes after an example's span, or, with
// longHead, before it.
const longTail, longHead = " (1234 5678 9012 3456 7890 1234 5678 9012)", " (1234 5678 9012 3456 7890 1234 5678 9012) "

// chainExamples holds, for every chain detector, a text with a span it
// finds.
var chainExamples = map[string]string{
	"phone":                     "call +1 415 555 0132",
	"credit_card":               "card 4111 1111 1111 1111",
	"iban":                      "IBAN GB82 WEST 1234 5698 7654 32",
	"us_ssn":                    "ssn 078-05-1123",
	"aba_routing":               "routing 121000358",
	"us_bank_number":            "account 12345678901",
	"card_expiry":               "expires 04/27",
	"card_cvv":                  "cvv 123",
	"us_itin":                   "ITIN 912-70-3456",
	"us_passport":               "passport 912803456",
	"us_driver_license":         "license D1234567",
	"ca_sin":                    "SIN 130 692 544",
	"us_npi":                    "NPI 1234567893",
	"dea":                       "DEA AB1234563",
	"us_mbi":                    "Medicare 1EG4-TE5-MK73",
	"medical_record_number":     "MRN 00123456",
	"health_plan_id":            "member ID XYZ123456789",
	"vin":                       "VIN 1HGCM82633A004352",
	"number_sequence":           "reference 48213390",
	"uk_nhs":                    "NHS 943 476 5919",
	"de_tax_id":                 "Steuer-ID 36574261809",
	"fr_nir":                    "NIR 1 84 12 76 451 089 46",
	"es_nif":                    "DNI 12345678Z",
	"es_nie":                    "NIE X9613851N",
	"it_fiscal_code":            "codice RSSMRA85T10A562S",
	"nl_bsn":                    "BSN 111222333",
	"be_national_number":        "INSZ 85.07.30-033.28",
	"se_personnummer":           "personnummer 880320-0016",
	"pl_pesel":                  "PESEL 44051401458",
	"dk_cpr":                    "CPR 211062-5629",
	"fi_personal_identity_code": "HETU 131052-308T",
	"ie_ppsn":                   "PPS 6433435F",
	"pt_nif":                    "NIF 501964843",
	"street_address":            "at" + longHead + "1234 Oak Street" + strings.Repeat(" and so on", 20),
	"postal_code":               "zip 27651",
	"ip_address":                "server 192.168.1.1",
	"mac_address":               "mac 00-1a-2b-3c-4d-5e",
}
