package detectors

import "redactor/redact"

// europeanIDDetectors returns the built-in detectors for European national identifiers.
func europeanIDDetectors() []redact.Detector {
	return []redact.Detector{
		UKNINO{},
		UKNHS{},
		DETaxID{},
		FRNIR{},
		ESNIF{},
		ESNIE{},
		ITFiscalCode{},
		NLBSN{},
		BENationalNumber{},
		SEPersonnummer{},
		PLPESEL{},
		DKCPR{},
		FIPersonalIdentityCode{},
		IEPPSN{},
		PTNIF{},
	}
}
