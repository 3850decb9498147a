package redact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"unicode"
	"unicode/utf8"
)

// OperatorKind says how an entity is replaced.
type OperatorKind uint8

// Operator kinds.
const (
	Tag     OperatorKind = iota // "[EMAIL_ADDRESS]"
	Mask                        // "****@*******.***": letters and digits masked, separators kept
	Hash                        // "<EMAIL_ADDRESS_3f9a1c2e4b7d>": keyed HMAC-SHA256 of the canonical value
	Remove                      // nothing
	Keep                        // the original value: detect and report only
	Label                       // "[PERSON_2]": numbered per type and stream, one value always one number
	Encrypt                     // "<PERSON~1a2b3c4d~...>": deterministic, reversible token under a TokenKey
)

var operatorNames = [...]string{Tag: "tag", Mask: "mask", Hash: "hash", Remove: "remove", Keep: "keep", Label: "label", Encrypt: "encrypt"}

func (k OperatorKind) String() string {
	if int(k) < len(operatorNames) {
		return operatorNames[k]
	}
	return fmt.Sprintf("OperatorKind(%d)", k)
}

// ParseOperatorKind parses "tag", "mask", "hash", "remove", "keep", "label"
// or "encrypt".
func ParseOperatorKind(s string) (OperatorKind, error) {
	for k, name := range operatorNames {
		if s == name {
			return OperatorKind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown operator %q (want tag, mask, hash, remove, keep, label or encrypt)", s)
}

// Operator is a replacement rule.
type Operator struct {
	Kind OperatorKind
	// MaskChar replaces each masked character (Mask only); 0 means '*'.
	MaskChar rune
	// MaskKeep leaves the last MaskKeep letters and digits visible (Mask only).
	MaskKeep int
}

// MinKeyLen is the shortest HMAC key the hash operator accepts.
const MinKeyLen = 32

// hashHexLen is the number of hex digits of the HMAC in a hash token (48 bits).
const hashHexLen = 12

// ErrNoKey is returned when the hash operator is configured without a key.
var ErrNoKey = errors.New("the hash operator needs a key (from a key file or the environment), and none was given")

// ErrNoEncryptKey is returned when the encrypt operator is configured without a key.
var ErrNoEncryptKey = errors.New("the encrypt operator needs a key (from a key file or the environment), and none was given")

// applier applies operators for one stream; it owns the stream's HMAC
// state, the label numbers and the encrypt operator's cipher state.
type applier struct {
	mac     hash.Hash
	scratch []byte

	// label: the number of each value, keyed by "TYPE\x00canonical", and
	// the last number given per type. Reset with the stream.
	labels map[string]int
	counts map[string]int
	// keepLabels makes the next reset keep the label numbers (a new
	// segment of the same transcript); see Stream.NextSegment.
	keepLabels bool

	tk  *TokenKey
	enc *sealer // created on the first encrypted value
}

// newApplier returns the applier of a stream with cfg, whose operators are
// def and ops; it checks that every operator has the key it needs.
func newApplier(cfg Config, def Operator, ops map[string]Operator) (*applier, error) {
	needEnc := def.Kind == Encrypt
	for _, op := range ops {
		needEnc = needEnc || op.Kind == Encrypt
	}
	if needEnc && cfg.EncryptKey == nil {
		return nil, ErrNoEncryptKey
	}
	a := &applier{tk: cfg.EncryptKey}
	if cfg.HashKey != nil {
		a.mac = hmac.New(sha256.New, cfg.HashKey)
	}
	return a, nil
}

// reset forgets the label numbers, unless keepLabels says this reset only
// starts a new segment of the same transcript.
func (a *applier) reset() {
	if a.keepLabels {
		return
	}
	clear(a.labels)
	clear(a.counts)
}

// apply appends the replacement of value, an entity of type typ, to dst.
func (a *applier) apply(dst []byte, op Operator, typ string, value []byte) []byte {
	switch op.Kind {
	case Tag:
		dst = append(dst, '[')
		dst = append(dst, typ...)
		return append(dst, ']')
	case Mask:
		return appendMasked(dst, value, op)
	case Hash:
		return appendPseudonym(dst, a.mac, &a.scratch, typ, value)
	case Remove:
		return dst
	case Label:
		return a.appendLabel(dst, typ, value)
	case Encrypt:
		if a.enc == nil {
			a.enc = a.tk.newSealer()
		}
		return a.enc.appendToken(dst, typ, value)
	default: // Keep
		return append(dst, value...)
	}
}

// appendLabel appends "[TYPE_N]", where N numbers the distinct canonical
// values of type typ in the order the stream first wrote them. The number
// depends only on the order of the entities, so it does not depend on how
// the stream was split into chunks.
func (a *applier) appendLabel(dst []byte, typ string, value []byte) []byte {
	k := append(a.scratch[:0], typ...)
	k = append(k, 0)
	k = CanonicalValue(k, typ, value)
	a.scratch = k
	n, ok := a.labels[string(k)]
	if !ok {
		if a.labels == nil {
			a.labels, a.counts = map[string]int{}, map[string]int{}
		}
		n = a.counts[typ] + 1
		a.counts[typ] = n
		a.labels[string(k)] = n
	}
	dst = append(dst, '[')
	dst = append(dst, typ...)
	dst = append(dst, '_')
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, ']')
}

// OperatorFor returns the operator the stream applies to entities of type typ.
func (s *Stream) OperatorFor(typ string) Operator {
	if op, ok := s.ops[typ]; ok {
		return op
	}
	return s.defOp
}

// NextSegment makes the stream ready for the next segment of the same
// transcript: like Reset (offsets, held text and entities start afresh), but
// operator state that spans the transcript stays, so a value keeps its
// label number across segments.
func (s *Stream) NextSegment() {
	s.app.keepLabels = true
	s.Reset()
	s.app.keepLabels = false
}

// InheritOperatorState gives s the operator state of from (label numbers),
// so that a side stream over the same transcript, such as an interim
// preview, numbers values as the main stream does. Both streams must have
// the same Config.
func (s *Stream) InheritOperatorState(from *Stream) {
	clear(s.app.labels)
	clear(s.app.counts)
	if len(from.app.labels) == 0 {
		return
	}
	if s.app.labels == nil {
		s.app.labels, s.app.counts = map[string]int{}, map[string]int{}
	}
	for k, v := range from.app.labels {
		s.app.labels[k] = v
	}
	for k, v := range from.app.counts {
		s.app.counts[k] = v
	}
}

// Pseudonym returns the token the hash operator writes for value, an entity
// of type typ, under key: written and reformatted spellings of one value give
// one token (see CanonicalValue).
func Pseudonym(key []byte, typ string, value []byte) (string, error) {
	p, err := NewPseudonymizer(key)
	if err != nil {
		return "", err
	}
	return string(p.Append(nil, typ, value)), nil
}

// Pseudonymizer computes the hash operator's tokens under one key, reusing
// its state: it is not safe for concurrent use.
type Pseudonymizer struct {
	mac     hash.Hash
	scratch []byte
}

// NewPseudonymizer returns a Pseudonymizer for key (at least MinKeyLen bytes).
func NewPseudonymizer(key []byte) (*Pseudonymizer, error) {
	if len(key) < MinKeyLen {
		return nil, fmt.Errorf("hash key is %d bytes; at least %d are required", len(key), MinKeyLen)
	}
	return &Pseudonymizer{mac: hmac.New(sha256.New, key)}, nil
}

// Append appends the token of value, an entity of type typ, to dst: what
// the hash operator writes for it.
func (p *Pseudonymizer) Append(dst []byte, typ string, value []byte) []byte {
	return appendPseudonym(dst, p.mac, &p.scratch, typ, value)
}

// appendPseudonym appends the token for value to dst; scratch is reused.
func appendPseudonym(dst []byte, mac hash.Hash, scratch *[]byte, typ string, value []byte) []byte {
	msg := append((*scratch)[:0], typ...)
	msg = append(msg, 0)
	msg = CanonicalValue(msg, typ, value)
	mac.Reset()
	mac.Write(msg)
	// The sum goes after msg in scratch: a local array would escape through
	// the hash.Hash interface and cost an allocation per entity.
	all := mac.Sum(msg)
	*scratch = all
	s := all[len(msg):]
	dst = append(dst, '<')
	dst = append(dst, typ...)
	dst = append(dst, '_')
	dst = hex.AppendEncode(dst, s[:hashHexLen/2])
	return append(dst, '>')
}

func appendMasked(dst, value []byte, op Operator) []byte {
	mc := op.MaskChar
	if mc == 0 {
		mc = '*'
	}
	// Count letters and digits to know which of the last ones stay visible.
	alnum := 0
	for i := 0; i < len(value); {
		r, n := utf8.DecodeRune(value[i:])
		if isMaskable(r) {
			alnum++
		}
		i += n
	}
	visibleFrom := alnum - op.MaskKeep
	k := 0
	for i := 0; i < len(value); {
		r, n := utf8.DecodeRune(value[i:])
		if isMaskable(r) {
			if k < visibleFrom {
				dst = utf8.AppendRune(dst, mc)
			} else {
				dst = append(dst, value[i:i+n]...)
			}
			k++
		} else {
			dst = append(dst, value[i:i+n]...)
		}
		i += n
	}
	return dst
}

func isMaskable(r rune) bool {
	if r < utf8.RuneSelf {
		return IsAlnum(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// CanonicalValue appends the normal form of value, an entity of type typ, to
// dst, so that different spellings of one value give one pseudonym: email
// addresses lower-cased; phone numbers as digits with the country code (a
// 10-digit number without one is taken as North American); everything else as
// upper-case letters and digits. A value said in words ("four one five five
// five five oh one three two", "john dot smith at example dot com", "d e
// eight nine ...") canonicalises like its written form (see spoken.go).
func CanonicalValue(dst []byte, typ string, value []byte) []byte {
	switch typ {
	case "EMAIL_ADDRESS":
		if hasSpace(value) {
			return appendSpokenEmail(dst, value)
		}
		for _, c := range value {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
		}
		return dst
	case "PHONE_NUMBER":
		start := len(dst)
		international := false
		spoken := false
		if hasLetter(value) {
			dst, international, spoken = appendSpoken(dst, value, true)
		}
		if !spoken {
			for _, c := range value {
				if c == '+' {
					international = true
				}
				if IsDigit(c) {
					dst = append(dst, c)
				}
			}
		}
		for _, c := range value {
			international = international || c == '+'
		}
		digits := dst[start:]
		switch {
		case !international && len(digits) > 2 && digits[0] == '0' && digits[1] == '0':
			dst = append(dst[:start], digits[2:]...) // 00 international prefix
		case !international && len(digits) == 10:
			dst = append(dst, 0)
			copy(dst[start+1:], dst[start:])
			dst[start] = '1' // North American country code
		}
		return dst
	default:
		if hasLetter(value) {
			if out, _, ok := appendSpoken(dst, value, digitTypes[typ]); ok {
				return out
			}
		}
		for _, c := range value {
			if IsAlnum(c) {
				if 'a' <= c && c <= 'z' {
					c -= 'a' - 'A'
				}
				dst = append(dst, c)
			}
		}
		return dst
	}
}
