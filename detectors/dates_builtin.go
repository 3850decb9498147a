package detectors

import "redactor/redact"

// dateAddressNetworkDetectors returns the built-in detectors for dates, addresses, postal codes and network identifiers.
func dateAddressNetworkDetectors() []redact.Detector {
	return []redact.Detector{
		DateOfBirth{},
		DateTime{},
		StreetAddress{},
		StreetAddressNameFirst{},
		PostalCode{},
		IPAddress{},
		MACAddress{},
		URL{},
	}
}
