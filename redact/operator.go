package redact

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"unicode"
	"unicode/utf8"
)

// OperatorKind says how an entity is replaced.
type OperatorKind uint8

// Operator kinds.
const (
	Tag    OperatorKind = iota // "[EMAIL_ADDRESS]"
	Mask                       // "****@*******.***": letters and digits masked, separators kept
	Hash                       // "<EMAIL_ADDRESS_3f9a1c2e4b7d>": keyed HMAC-SHA256 of the canonical value
	Remove                     // nothing
	Keep                       // the original value: detect and report only
)

var operatorNames = [...]string{Tag: "tag", Mask: "mask", Hash: "hash", Remove: "remove", Keep: "keep"}

func (k OperatorKind) String() string {
	if int(k) < len(operatorNames) {
		return operatorNames[k]
	}
	return fmt.Sprintf("OperatorKind(%d)", k)
}

// ParseOperatorKind parses "tag", "mask", "hash", "remove" or "keep".
func ParseOperatorKind(s string) (OperatorKind, error) {
	for k, name := range operatorNames {
		if s == name {
			return OperatorKind(k), nil
		}
	}
	return 0, fmt.Errorf("unknown operator %q (want tag, mask, hash, remove or keep)", s)
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

// applier applies operators for one stream; it owns the stream's HMAC state.
type applier struct {
	mac     hash.Hash
	scratch []byte
}

func newApplier(key []byte) *applier {
	a := &applier{}
	if key != nil {
		a.mac = hmac.New(sha256.New, key)
	}
	return a
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
	default: // Keep
		return append(dst, value...)
	}
}

// Pseudonym returns the token the hash operator writes for value, an entity
// of type typ, under key: written and reformatted spellings of one value give
// one token (see CanonicalValue).
func Pseudonym(key []byte, typ string, value []byte) (string, error) {
	if len(key) < MinKeyLen {
		return "", fmt.Errorf("hash key is %d bytes; at least %d are required", len(key), MinKeyLen)
	}
	var scratch []byte
	return string(appendPseudonym(nil, hmac.New(sha256.New, key), &scratch, typ, value)), nil
}

// appendPseudonym appends the token for value to dst; scratch is reused.
func appendPseudonym(dst []byte, mac hash.Hash, scratch *[]byte, typ string, value []byte) []byte {
	msg := append((*scratch)[:0], typ...)
	msg = append(msg, 0)
	msg = CanonicalValue(msg, typ, value)
	*scratch = msg
	mac.Reset()
	mac.Write(msg)
	var sum [sha256.Size]byte
	s := mac.Sum(sum[:0])
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
// upper-case letters and digits.
func CanonicalValue(dst []byte, typ string, value []byte) []byte {
	switch typ {
	case "EMAIL_ADDRESS":
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
		for _, c := range value {
			if c == '+' {
				international = true
			}
			if IsDigit(c) {
				dst = append(dst, c)
			}
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
