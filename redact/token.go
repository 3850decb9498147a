package redact

// The encrypt operator writes a deterministic, reversible token:
//
//	<TYPE~KEYID~BASE64URL(iv || ciphertext || tag)>
//
// It is AES-256-GCM with a synthetic IV, the construction of SIV modes
// (RFC 5297) on GCM: the 96-bit IV is HMAC-SHA256(ivKey, TYPE || 0 || value)
// truncated, so one value of one type under one key is always one token, and
// two different values get different IVs (a GCM nonce is never reused with a
// different plaintext, which would break GCM). The type and key id are
// associated data: a token cannot be moved to another type or key. Opening
// also recomputes the IV from the plaintext and compares it, as SIV does.
// What determinism reveals is only equality: two tokens are equal exactly
// when the values are (byte for byte, not canonically: reveal gives back the
// exact text that was redacted).
//
// The AES key, the IV key and the key id are derived from one secret of at
// least MinKeyLen bytes by HMAC-SHA256 with distinct labels; the key id (8
// hex digits) lets a reader holding several keys (rotation) pick the right
// one and name a missing one.

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
)

// TokenKey is a key of the encrypt operator. It is immutable and safe for
// concurrent use.
type TokenKey struct {
	id     string
	aesKey [32]byte
	ivKey  [32]byte
}

// Labels of the key derivation; changing them changes every token.
const (
	labelAES   = "redactor encrypt v1: aes-256-gcm key"
	labelIV    = "redactor encrypt v1: synthetic iv key"
	labelKeyID = "redactor encrypt v1: key id"
	tokenAD    = "redactor-token-v1"
)

// tokenIVLen and tokenTagLen are the GCM nonce and tag sizes.
const (
	tokenIVLen  = 12
	tokenTagLen = 16
)

// NewTokenKey derives an encrypt key from secret (at least MinKeyLen random
// bytes, as in a key file).
func NewTokenKey(secret []byte) (*TokenKey, error) {
	if len(secret) < MinKeyLen {
		return nil, fmt.Errorf("encrypt key is %d bytes; at least %d are required", len(secret), MinKeyLen)
	}
	derive := func(label string) []byte {
		m := hmac.New(sha256.New, secret)
		m.Write([]byte(label))
		return m.Sum(nil)
	}
	k := &TokenKey{id: hex.EncodeToString(derive(labelKeyID)[:4])}
	copy(k.aesKey[:], derive(labelAES))
	copy(k.ivKey[:], derive(labelIV))
	return k, nil
}

// ID returns the key id that tokens made with k carry: 8 hex digits.
func (k *TokenKey) ID() string { return k.id }

// sealer is one stream's encrypt state (the AEAD and the IV HMAC are reused).
type sealer struct {
	k       *TokenKey
	aead    cipher.AEAD
	mac     hash.Hash
	ad, buf []byte
	sum     [sha256.Size]byte
}

func (k *TokenKey) newSealer() *sealer {
	block, err := aes.NewCipher(k.aesKey[:])
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return &sealer{k: k, aead: aead, mac: hmac.New(sha256.New, k.ivKey[:])}
}

// associated returns the associated data of a token of type typ under k.
func (s *sealer) associated(typ string) []byte {
	s.ad = append(s.ad[:0], tokenAD...)
	s.ad = append(s.ad, 0)
	s.ad = append(s.ad, typ...)
	s.ad = append(s.ad, 0)
	s.ad = append(s.ad, s.k.id...)
	return s.ad
}

// iv returns the synthetic IV of value (in s.sum).
func (s *sealer) iv(typ string, value []byte) []byte {
	s.ad = append(s.ad[:0], typ...)
	s.ad = append(s.ad, 0)
	s.mac.Reset()
	s.mac.Write(s.ad)
	s.mac.Write(value)
	return s.mac.Sum(s.sum[:0])[:tokenIVLen]
}

// appendToken appends the token of value, an entity of type typ, to dst.
func (s *sealer) appendToken(dst []byte, typ string, value []byte) []byte {
	iv := s.iv(typ, value)
	raw := append(s.buf[:0], iv...)
	raw = s.aead.Seal(raw, iv, value, s.associated(typ))
	s.buf = raw
	dst = append(dst, '<')
	dst = append(dst, typ...)
	dst = append(dst, '~')
	dst = append(dst, s.k.id...)
	dst = append(dst, '~')
	dst = base64.RawURLEncoding.AppendEncode(dst, raw)
	return append(dst, '>')
}

// Errors of OpenToken.
var (
	// ErrNotToken means the bytes are not an encrypt token.
	ErrNotToken = errors.New("not an encrypt token")
	// ErrTokenAuth means the token does not decrypt under its key: it was
	// changed, or made with another key that has the same id.
	ErrTokenAuth = errors.New("the token does not decrypt under its key (changed, or made with another key)")
)

// UnknownKeyError says a token was made with a key the reader does not hold.
type UnknownKeyError struct {
	ID   string   // the token's key id
	Have []string // the ids of the keys given
}

func (e *UnknownKeyError) Error() string {
	return fmt.Sprintf("the token was made with key id %s, which is not among the keys given (ids %v)", e.ID, e.Have)
}

// MaxTokenLen bounds the length of a token the encrypt operator writes
// (for a span of at most MaxSpanLen bytes and a type name of at most
// maxTokenType bytes).
const MaxTokenLen = 1 + maxTokenType + 1 + 8 + 1 + (tokenIVLen+MaxSpanLen+tokenTagLen+2)/3*4 + 1

// ParseToken splits a token "<TYPE~KEYID~DATA>" into its parts; ok is false
// when tok does not have that form.
func ParseToken(tok []byte) (typ, keyID string, data []byte, ok bool) {
	if len(tok) < 2 || tok[0] != '<' || tok[len(tok)-1] != '>' || len(tok) > MaxTokenLen {
		return "", "", nil, false
	}
	parts := bytes.Split(tok[1:len(tok)-1], []byte{'~'})
	if len(parts) != 3 || !isTypeName(parts[0]) || len(parts[1]) != 8 || !isLowerHex(parts[1]) || len(parts[2]) == 0 {
		return "", "", nil, false
	}
	for _, c := range parts[2] {
		if !isBase64URL(c) {
			return "", "", nil, false
		}
	}
	return string(parts[0]), string(parts[1]), parts[2], true
}

// OpenToken decrypts a token made by the encrypt operator with one of keys
// and appends the value to dst. Errors: ErrNotToken, *UnknownKeyError,
// ErrTokenAuth. They never contain the token's content beyond its key id.
func OpenToken(dst []byte, keys []*TokenKey, tok []byte) (typ string, value []byte, err error) {
	typ, id, data, ok := ParseToken(tok)
	if !ok {
		return "", dst, ErrNotToken
	}
	var k *TokenKey
	for _, c := range keys {
		if c.id == id {
			k = c
			break
		}
	}
	if k == nil {
		have := make([]string, len(keys))
		for i, c := range keys {
			have[i] = c.id
		}
		return typ, dst, &UnknownKeyError{ID: id, Have: have}
	}
	raw, err := base64.RawURLEncoding.DecodeString(string(data))
	if err != nil || len(raw) < tokenIVLen+tokenTagLen {
		return typ, dst, ErrTokenAuth
	}
	s := k.newSealer()
	iv := raw[:tokenIVLen]
	start := len(dst)
	out, err := s.aead.Open(dst, iv, raw[tokenIVLen:], s.associated(typ))
	if err != nil {
		return typ, dst, ErrTokenAuth
	}
	if !hmac.Equal(s.iv(typ, out[start:]), iv) {
		return typ, dst, ErrTokenAuth
	}
	return typ, out, nil
}

// isTypeName reports whether b is an entity type name: [A-Z][A-Z0-9_]*, at most maxTokenType bytes.
func isTypeName(b []byte) bool {
	if len(b) == 0 || len(b) > maxTokenType || b[0] < 'A' || b[0] > 'Z' {
		return false
	}
	for _, c := range b {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func isLowerHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func isBase64URL(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// maxTokenType is the longest type name a token may carry.
const maxTokenType = 128
