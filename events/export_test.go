package events

// NewByteStream returns a stream that reads every word byte by byte, without
// the fast path: the reference of the differential tests (diff_test.go).
func NewByteStream(m *Matcher) *Stream {
	s := m.NewStream()
	s.byteByByte = true
	return s
}
