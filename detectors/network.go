package detectors

import (
	"redactor/redact"
)

// Network identifiers: IP addresses, URLs and MAC addresses.
//
// IP and MAC addresses are chain detectors: every address with a decimal
// digit has a digit chain inside it ("2001", "fe80", "1A" in
// "00:1A:2B:3C:4D:5E"), although ':' is not a chain separator. At the first
// digit group of the address, the detector steps back over hex digits and
// separators (an address has no spaces, so the engine still holds it) and
// parses the whole address forward from its start. A MAC address without a
// single decimal digit ("AA:BB:CC:DD:EE:FF", one random address in about
// 130,000) is not seen.
//
// URL is a word detector that the engine calls only for the words of a
// Bloom filter: the schemes ("http", "https", "ftp"), "www" and the
// top-level domains, from which it steps back over the host name of a bare
// domain ("example.com").

// IPAddress finds IPv4 addresses (dotted quads, each part 0-255 without
// leading zeros, with an optional /0-32 prefix) and IPv6 addresses (eight
// groups, "::" compression, an embedded IPv4 address, a %zone and a /0-128
// prefix). An IPv6 address needs a decimal digit somewhere, which keeps
// "bad::" and "cafe::" out. "1.2.3.4.5" is no address, nor a dotted quad
// right after "version", "latest", "firmware" and the like ("The latest is
// 1.6.0.0").
type IPAddress struct{}

var _ redact.ChainDetector = IPAddress{}

// ipMaxLen bounds an IP address span: 45 bytes of IPv6 with an IPv4 tail, a
// zone of up to 16 bytes and "/128".
const ipMaxLen = 72

// Info implements redact.Detector.
func (IPAddress) Info() redact.Info {
	return redact.Info{Name: "ip_address", Types: []string{"IP_ADDRESS"}, MaxLen: ipMaxLen, Priority: 40, Lookbehind: 56}
}

// MinDigits implements redact.ChainDetector.
func (IPAddress) MinDigits() int { return 1 }

// FindInChain implements redact.ChainDetector.
func (IPAddress) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	colon := sepAtEnds(w, c, ':')
	// A dotted quad that starts in the chain lies in it, with its three dots,
	// unless the chain may go on past the window: with fewer dots the parse
	// below fails within the chain and reports nothing.
	dots := chainCountSep(w, c, '.')
	dotted := dots >= 3 || dots > 0 && c.End+redact.MaxLookahead >= len(w.Text)
	if !dotted && !colon {
		return dst // neither a dotted quad nor next to a colon
	}
	text := w.Text
	first, last := -1, -1 // the chain's first and last digit groups
	for k, tok := range c.Tokens {
		if tok.Kind != redact.Digits {
			continue
		}
		if first < 0 {
			first = k
		}
		last = k
		// IPv4: a dotted quad from this group.
		start, end := int(tok.Start), int(tok.End)
		if !dotted || end-start > 3 || end < len(text) && text[end] != '.' || !boundaryBefore(w, start) {
			continue
		}
		r := newScanReader(w, start, ipMaxLen)
		e := 0
		if r.at(end) == '.' {
			if e = ipv4At(&r, start); e > 0 && !versionBefore(w, start) {
				e = ipEnd(&r, ipPrefixLen(&r, e, 32))
			} else {
				e = 0
			}
		}
		dst = r.finish(dst, start, e, "IP_ADDRESS", 0.8)
	}
	if !colon || first < 0 {
		return dst
	}
	// IPv6: ':' ends a chain, but hex letters glued to digits keep an
	// address's first digit group anywhere in it ("0 0A0::" lexes as "0",
	// "0", "A", "0"), so every group is offered; ipv6Group reports the
	// address from its first digit group only, whatever the chain's start.
	for _, tok := range c.Tokens[first : last+1] {
		if tok.Kind == redact.Digits {
			dst = ipv6Group(dst, w, tok)
		}
	}
	return dst
}

// ipv6Group reports the IPv6 address whose first digit group is tok: it
// steps back over hex digits and colons to the address's start and parses
// it from there.
func ipv6Group(dst []redact.Candidate, w *redact.Window, tok redact.Token) []redact.Candidate {
	start, end := int(tok.Start), int(tok.End)
	s := start
	for k := 0; k < 46 && (netHex(w.ByteBefore(s)) || w.ByteBefore(s) == ':'); k++ {
		if redact.IsDigit(w.ByteBefore(s)) {
			return dst // an earlier group has digits: it reports the address
		}
		s--
	}
	if s < 0 {
		return dst // the address began in text already written
	}
	if b := w.ByteBefore(s); redact.IsAlnum(b) || b == ':' || b == '.' {
		return dst
	}
	r := newScanReader(w, s, ipMaxLen)
	he := end
	for he-end < 4 && netHex(r.at(he)) {
		he++
	}
	e := 0
	if s < start && w.ByteBefore(start) == ':' || r.at(he) == ':' {
		e = ipEnd(&r, ipv6At(&r, s))
	}
	return r.finish(dst, s, e, "IP_ADDRESS", 0.85)
}

// versionWords are words that, just before a dotted quad, make it a
// version number ("The latest is 1.6.0.0", "firmware 10.2.0.1").
var versionWords = newWordSet(map[string]uint8{
	"version": 1, "ver": 1, "v": 1, "firmware": 1, "latest": 1, "release": 1, "build": 1,
	"update": 1, "updated": 1, "upgrade": 1, "upgraded": 1, "software": 1, "app": 1,
})

// versionBefore reports whether one of the three words before s is a
// version word. It reads at most 40 bytes back.
func versionBefore(w *redact.Window, s int) bool {
	i := s
	for n := 0; n < 3; n++ {
		for k := 0; k < 3 && !redact.IsWordByte(w.ByteBefore(i)); k++ {
			i--
		}
		e := i
		for s-i < 40 && redact.IsWordByte(w.ByteBefore(i)) {
			i--
		}
		if i == e || s-i >= 40 {
			return false
		}
		var buf [16]byte
		if e-i > len(buf) {
			continue
		}
		for j := i; j < e; j++ {
			buf[j-i] = w.ByteAt(j)
		}
		if _, ok := versionWords.get(redact.WordHash(buf[:e-i])); ok {
			return true
		}
	}
	return false
}

// ipEnd returns e if an address may end there (not glued to a letter or
// digit, not followed by ".5" of a longer dotted number), else 0.
func ipEnd(r *scanReader, e int) int {
	if e == 0 {
		return 0
	}
	if a := r.at(e); redact.IsAlnum(a) || a == '.' && redact.IsDigit(r.at(e+1)) {
		return 0
	}
	return e
}

func netHex(c byte) bool {
	return redact.IsDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'f'
}

// ipv4At parses a dotted quad at i and returns its end, or 0.
func ipv4At(r *scanReader, i int) int {
	for part := 0; part < 4; part++ {
		if part > 0 {
			if r.at(i) != '.' {
				return 0
			}
			i++
		}
		e := digitRunEnd(r, i, 3)
		n := e - i
		if n == 0 || n > 3 || n > 1 && r.at(i) == '0' || numAt(r, i, e) > 255 {
			return 0
		}
		i = e
	}
	return i
}

// ipPrefixLen extends an address ending at e over "/N" when N is a prefix
// length of at most max without leading zeros.
func ipPrefixLen(r *scanReader, e, max int) int {
	if r.at(e) != '/' {
		return e
	}
	d := digitRunEnd(r, e+1, 3)
	n := d - e - 1
	if n == 0 || n > 3 || n > 1 && r.at(e+1) == '0' || numAt(r, e+1, d) > max || redact.IsAlnum(r.at(d)) {
		return e
	}
	return d
}

// ipv6At parses an IPv6 address at s (with its %zone and /prefix) and
// returns its end, or 0.
func ipv6At(r *scanReader, s int) int {
	i, groups, dbl, digit := s, 0, false, false
	if r.at(i) == ':' {
		if r.at(i+1) != ':' {
			return 0
		}
		dbl, i = true, i+2
	}
	for netHex(r.at(i)) {
		j := i
		for j-i < 5 && netHex(r.at(j)) {
			digit = digit || redact.IsDigit(r.at(j))
			j++
		}
		if j-i > 4 {
			return 0
		}
		if r.at(j) == '.' && redact.IsDigit(r.at(j+1)) && digitRunEnd(r, i, 4) == j {
			// An IPv4 address in the last 32 bits.
			if !dbl && groups != 6 || dbl && groups > 5 {
				return 0
			}
			if i = ipv4At(r, i); i == 0 {
				return 0
			}
			groups += 2
			break
		}
		groups++
		i = j
		if groups > 8 || r.at(i) != ':' {
			break
		}
		if r.at(i+1) == ':' {
			if dbl {
				return 0
			}
			dbl, i = true, i+2
			continue
		}
		if !netHex(r.at(i + 1)) {
			break // a colon after the address
		}
		i++
	}
	if groups == 0 || !digit || !(dbl && groups <= 7 || !dbl && groups == 8) {
		return 0
	}
	if r.at(i) == '%' && redact.IsAlnum(r.at(i+1)) {
		z := i + 1
		for z-i <= 16 && redact.IsAlnum(r.at(z)) {
			z++
		}
		if z-i > 16 {
			return 0
		}
		i = z
	}
	return ipPrefixLen(r, i, 128)
}

// MACAddress finds MAC addresses: six pairs of hex digits joined by one
// consistent ':' or '-' ("00:1A:2B:3C:4D:5E"), or three groups of four joined
// by '.' ("001A.2B3C.4D5E"). All zeros and the broadcast address
// FF:FF:FF:FF:FF:FF identify no device and are not taken.
type MACAddress struct{}

var _ redact.GroupFilteredDetector = MACAddress{}

// Info implements redact.Detector.
func (MACAddress) Info() redact.Info {
	return redact.Info{Name: "mac_address", Types: []string{"MAC_ADDRESS"}, MaxLen: 17, Priority: 40, Lookbehind: 20}
}

// MinDigits implements redact.ChainDetector.
func (MACAddress) MinDigits() int { return 1 }

// GroupLengths implements redact.GroupFilteredDetector: spans (Open ones
// too) are found from groups of at most four digits.
func (MACAddress) GroupLengths() uint64 { return groupRange(1, 4) }

// FindInChain implements redact.ChainDetector.
func (MACAddress) FindInChain(dst []redact.Candidate, w *redact.Window, c *redact.Chain) []redact.Candidate {
	if !macSepAtEnds(w, c) && !chainHasMACSep(w, c) {
		return dst // no separator of a MAC address in or next to the chain
	}
	text := w.Text
	for _, tok := range c.Tokens {
		if tok.Kind != redact.Digits || tok.End-tok.Start > 4 {
			continue
		}
		// The hex group around the digits must be two or four long.
		s, ge := int(tok.Start), int(tok.End)
		for k := 0; k < 4 && netHex(w.ByteBefore(s)); k++ {
			s--
		}
		for k := 0; k < 4 && ge < len(text) && netHex(text[ge]); k++ {
			ge++
		}
		if n := ge - s; ge < len(text) && n != 2 && n != 4 {
			continue
		}
		// A group of an address has a separator on one side; without one,
		// the parse below would stop at ge, inside the window, with nothing.
		if ge < len(text) && !macSep(text[ge]) {
			if b := w.ByteBefore(s); !macSep(b) && !netHex(b) {
				continue
			}
		}
		// Step back to the start of the address; only its first digit
		// group reports it.
		for k := 0; k < 18 && (netHex(w.ByteBefore(s)) || macSep(w.ByteBefore(s))); k++ {
			if redact.IsDigit(w.ByteBefore(s)) {
				s = -1 << 30
				break
			}
			s--
		}
		if s < 0 {
			continue
		}
		if b := w.ByteBefore(s); redact.IsAlnum(b) || macSep(b) {
			continue
		}
		r := newScanReader(w, s, 17)
		dst = r.finish(dst, s, macAt(&r, s), "MAC_ADDRESS", 0.8)
	}
	return dst
}

// chainCountSep returns how many times the separator sep is in the chain.
func chainCountSep(w *redact.Window, c *redact.Chain, sep byte) int {
	n := 0
	for _, t := range c.Tokens {
		if t.Kind == redact.Sep && w.Text[t.Start] == sep {
			n++
		}
	}
	return n
}

// chainHasMACSep reports whether the chain has a '-' or '.' separator.
func chainHasMACSep(w *redact.Window, c *redact.Chain) bool {
	for _, t := range c.Tokens {
		if t.Kind == redact.Sep {
			if b := w.Text[t.Start]; b == '-' || b == '.' {
				return true
			}
		}
	}
	return false
}

// macSepAtEnds is sepAtEnds for ':', '-' and '.' at once.
func macSepAtEnds(w *redact.Window, c *redact.Chain) bool {
	i := c.End
	for k := 0; k < 4 && i < len(w.Text) && netHex(w.Text[i]); k++ {
		i++
	}
	if i >= len(w.Text) || macSep(w.Text[i]) {
		return true
	}
	i = c.Start
	for k := 0; k < 4 && netHex(w.ByteBefore(i)); k++ {
		i--
	}
	return macSep(w.ByteBefore(i))
}

// sepAtEnds reports whether sep comes right before or after the chain,
// past up to four hex digits (':' is not a chain separator, so a colon next
// to a digit group is always at an end of its chain; a '-' or '.' is when
// hex letters follow it). It also reports an unknown byte past the end of
// the window.
func sepAtEnds(w *redact.Window, c *redact.Chain, sep byte) bool {
	i := c.End
	for k := 0; k < 4 && i < len(w.Text) && netHex(w.Text[i]); k++ {
		i++
	}
	if i >= len(w.Text) || w.Text[i] == sep {
		return true
	}
	i = c.Start
	for k := 0; k < 4 && netHex(w.ByteBefore(i)); k++ {
		i--
	}
	return w.ByteBefore(i) == sep
}

func macSep(c byte) bool { return c == ':' || c == '-' || c == '.' }

// macAt parses a MAC address at s and returns its end, or 0.
func macAt(r *scanReader, s int) int {
	n := 0
	for n < 5 && netHex(r.at(s+n)) {
		n++
	}
	sep := r.at(s + n)
	groups, size := 6, 2
	switch {
	case n == 2 && (sep == ':' || sep == '-'):
	case n == 4 && sep == '.':
		groups, size = 3, 4
	default:
		return 0
	}
	i := s
	zero, ones := true, true
	for g := 0; g < groups; g++ {
		if g > 0 {
			if r.at(i) != sep {
				return 0
			}
			i++
		}
		for k := 0; k < size; k++ {
			c := r.at(i)
			if !netHex(c) {
				return 0
			}
			zero = zero && c == '0'
			ones = ones && c|0x20 == 'f'
			i++
		}
	}
	if a := r.at(i); redact.IsWordByte(a) || a == sep && netHex(r.at(i+1)) || zero || ones {
		return 0
	}
	return i
}

// URL finds web addresses: "http://", "https://", "ftp://" and "ftps://"
// URLs with a host name (two labels or more, the last of letters), an IPv4
// or a bracketed IPv6 host; "www." host names; and bare domain names
// ("example.com", "crestline-insurance.co.uk") whose top-level domain is one
// of a list of common ones that are not also English words (not "it", "in",
// "me", "app", "bank": each listed word costs a call wherever it appears).
// An optional port, path, query and fragment follow; trailing
// punctuation (".", ",", ")" without its "(", quotes) is left out. A host
// name right after '@' or before it belongs to an email address and is not
// taken. Spans are at most 512 bytes: a longer URL is redacted up to there.
type URL struct{}

var _ redact.FilteredWordDetector = URL{}

const urlMaxLen = 512

// Info implements redact.Detector.
func (URL) Info() redact.Info {
	return redact.Info{Name: "url", Types: []string{"URL"}, MaxLen: urlMaxLen, Priority: 45, Lookbehind: 256}
}

// URL word classes.
const (
	urlScheme uint8 = 1 + iota
	urlWWW
	urlTLD
)

// urlWords classifies the words a URL is found from (a constant table).
var urlWords = func() wordSet {
	m := map[string]uint8{"http": urlScheme, "https": urlScheme, "ftp": urlScheme, "ftps": urlScheme, "www": urlWWW}
	for _, t := range []string{
		"com", "net", "org", "edu", "gov", "mil", "biz", "io", "co", "uk", "de", "fr", "es", "nl",
		"eu", "ca", "au", "ch", "se", "dk", "fi", "pl", "ie", "pt", "ru", "jp", "cn", "br", "mx", "nz",
		"za", "il", "kr", "tw", "hk", "sg", "ar", "cl", "cz", "gr", "hu", "ro", "tr", "ua", "tv", "fm",
		"ly", "xyz",
	} {
		m[t] = urlTLD
	}
	return newWordSet(m)
}()

// urlBloom is the engine-side filter of urlWords.
var urlBloom = func() *redact.WordBloom {
	b := new(redact.WordBloom)
	for _, h := range urlWords.keys {
		if h != 0 {
			b.Add(h)
		}
	}
	return b
}()

// WordFilter implements redact.FilteredWordDetector.
func (URL) WordFilter() redact.WordFilter { return redact.WordFilter{Bloom: urlBloom} }

// FindWord implements redact.WordDetector.
func (URL) FindWord(dst []redact.Candidate, w *redact.Window, start, end int, h uint64) []redact.Candidate {
	class, ok := urlWords.get(h)
	if !ok || midWord(w, start) {
		return dst
	}
	r := newScanReader(w, start, urlMaxLen)
	c := r.at(end)
	s, e := start, 0
	var score float32
	switch {
	case class == urlScheme && c == ':':
		if r.at(end+1) == '/' && r.at(end+2) == '/' {
			e = urlHost(&r, end+3, false)
		}
		score = 0.85
	case class == urlWWW && c == '.':
		if b := w.ByteBefore(start); !urlHostBoundary(b) {
			break
		}
		if e = urlHost(&r, start, false); e > 0 && hostLabels(&r, start, e) < 3 {
			e = 0
		}
		score = 0.7
	case class == urlTLD && w.ByteBefore(start) == '.' && !(c == '.' && redact.IsAlnum(r.at(end+1))) && c != '-':
		// A bare domain, found from its top-level domain: step back over
		// the host name (which has no spaces, so the engine still holds it).
		s = start - 1
		for k := 0; k < 253 && urlHostByte(w.ByteBefore(s)); k++ {
			s--
		}
		if s < 0 || !urlHostBoundary(w.ByteBefore(s)) || wwwAt(w, s) {
			return r.finish(dst, start, 0, "URL", 0) // no host, an email, or the www path's
		}
		r = newScanReader(w, s, urlMaxLen)
		if e = urlHost(&r, s, true); e > 0 && e < end {
			e = 0
		}
		score = 0.5
	default:
		return r.finish(dst, start, 0, "URL", 0)
	}
	if e > 0 {
		e = urlTail(&r, s, e)
	}
	return r.finish(dst, s, e, "URL", score)
}

func urlHostByte(c byte) bool { return redact.IsAlnum(c) || c == '-' || c == '.' || c >= 0x80 }

// urlHostBoundary reports whether a host name without a scheme may follow
// c: not inside an email address, a path or a longer word.
func urlHostBoundary(c byte) bool {
	switch c {
	case '@', '.', '/', ':', '-', '_', '%', '+', '=', '&', '\\', '#':
		return false
	}
	return !redact.IsAlnum(c) && c < 0x80
}

// wwwAt reports whether the host at s starts with "www.".
func wwwAt(w *redact.Window, s int) bool {
	return w.ByteAt(s)|0x20 == 'w' && w.ByteAt(s+1)|0x20 == 'w' && w.ByteAt(s+2)|0x20 == 'w' && w.ByteAt(s+3) == '.'
}

// urlHost parses the host (and port) at i and returns its end, or 0. A bare
// domain needs a listed top-level domain.
func urlHost(r *scanReader, i int, bare bool) int {
	if !bare {
		if r.at(i) == '[' {
			e := ipv6At(r, i+1)
			if e == 0 || r.at(e) != ']' {
				return 0
			}
			return urlPort(r, e+1)
		}
		if e := ipv4At(r, i); e > 0 && !redact.IsAlnum(r.at(e)) {
			return urlPort(r, e)
		}
	}
	labels, ls, le := 0, i, i
	j := i
	for {
		k := j
		for k-j <= 63 && (redact.IsAlnum(r.at(k)) || r.at(k) == '-' || r.at(k) >= 0x80) {
			k++
		}
		if k == j || k-j > 63 || r.at(j) == '-' || r.at(k-1) == '-' {
			return 0
		}
		labels++
		ls, le = j, k
		if r.at(k) == '.' && redact.IsAlnum(r.at(k+1)) {
			j = k + 1
			continue
		}
		j = k
		break
	}
	if labels < 2 || r.at(j) == '@' {
		return 0
	}
	// The top-level domain: letters only, at least two.
	if le-ls < 2 {
		return 0
	}
	for k := ls; k < le; k++ {
		if !redact.IsLetter(r.at(k)) {
			return 0
		}
	}
	if bare {
		if class, _ := urlWords.get(r.hash(ls, le)); class != urlTLD {
			return 0
		}
	}
	return urlPort(r, j)
}

// hostLabels counts the dot-separated labels of [s, e).
func hostLabels(r *scanReader, s, e int) int {
	n := 1
	for i := s; i < e; i++ {
		if r.at(i) == '.' {
			n++
		} else if r.at(i) == ':' {
			break
		}
	}
	return n
}

// urlPort extends a host ending at e over ":port".
func urlPort(r *scanReader, e int) int {
	if r.at(e) != ':' {
		return e
	}
	d := digitRunEnd(r, e+1, 5)
	if n := d - e - 1; n == 0 || n > 5 || redact.IsAlnum(r.at(d)) {
		return e
	}
	return d
}

// urlTail extends the URL [start, e) over its path, query and fragment and
// trims trailing punctuation.
func urlTail(r *scanReader, start, e int) int {
	if c := r.at(e); c != '/' && c != '?' && c != '#' {
		if redact.IsWordByte(c) {
			return 0
		}
		return e
	}
	for e-start < urlMaxLen && urlByte(r.at(e)) {
		e++
	}
	// Trailing punctuation, and closing brackets without their opener.
	for e > start {
		switch c := r.at(e - 1); c {
		case '.', ',', ';', ':', '!', '?', '\'', '*':
			e--
			continue
		case ')', ']':
			open := byte('(')
			if c == ']' {
				open = '['
			}
			if urlCountByte(r, start, e, open) < urlCountByte(r, start, e, c) {
				e--
				continue
			}
		}
		break
	}
	// Never end inside a UTF-8 sequence (a span cut at urlMaxLen).
	for e > start && r.at(e) >= 0x80 && r.at(e) < 0xC0 {
		e--
	}
	return e
}

// urlByte reports whether c may appear in a URL's path, query or fragment
// (RFC 3986 characters, and non-ASCII for IRIs).
func urlByte(c byte) bool {
	if redact.IsAlnum(c) || c >= 0x80 {
		return true
	}
	switch c {
	case '-', '.', '_', '~', ':', '/', '?', '#', '[', ']', '@', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', '%':
		return true
	}
	return false
}

func urlCountByte(r *scanReader, s, e int, c byte) int {
	n := 0
	for i := s; i < e; i++ {
		if r.at(i) == c {
			n++
		}
	}
	return n
}
