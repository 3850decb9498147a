package detectors

import "redactor/redact"

// The chain detectors whose context a pack typically requires keep their
// spans inside the chain they are offered (redact.BoundedChainDetector), so
// the engine can skip them where no context phrase is near the chain.
// TestBoundedChainSpans checks each declaration.
var (
	_ redact.BoundedChainDetector = USBankNumber{}
	_ redact.BoundedChainDetector = CardExpiry{}
	_ redact.BoundedChainDetector = CardCVV{}
	_ redact.BoundedChainDetector = NumberSequence{}
	_ redact.BoundedChainDetector = DKCPR{}
	_ redact.BoundedChainDetector = MedicalRecordNumber{}
	_ redact.BoundedChainDetector = HealthPlanID{}
	_ redact.BoundedChainDetector = USPassport{}
	_ redact.BoundedChainDetector = USDriverLicense{}
)

// SpansInChain implements redact.BoundedChainDetector.
func (USBankNumber) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (CardExpiry) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (CardCVV) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (NumberSequence) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (DKCPR) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (MedicalRecordNumber) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (HealthPlanID) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (USPassport) SpansInChain() {}

// SpansInChain implements redact.BoundedChainDetector.
func (USDriverLicense) SpansInChain() {}
