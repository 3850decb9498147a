package detectors

import "redactor/redact"

// personDetectors returns the built-in detectors for person names.
func personDetectors() []redact.Detector {
	return []redact.Detector{NewPerson(), SpelledName{}}
}
