package detectors

import "redactor/redact"

// idDetectors returns the built-in detectors for US, financial and health identifiers.
func idDetectors() []redact.Detector {
	return []redact.Detector{
		// Payment and bank.
		ABARouting{},
		USBankNumber{},
		CardExpiry{},
		CardCVV{},
		// Government IDs.
		USITIN{},
		USPassport{},
		USDriverLicense{},
		CASIN{},
		// Health.
		USNPI{},
		DEA{},
		USMBI{},
		MedicalRecordNumber{},
		HealthPlanID{},
		// Other.
		VIN{},
		NumberSequence{},
	}
}
