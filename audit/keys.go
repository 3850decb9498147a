package audit

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// Audit keys are Ed25519 keys in PEM: the private key as PKCS#8 ("PRIVATE
// KEY"), the public key as PKIX ("PUBLIC KEY"), exactly as
//
//	openssl genpkey -algorithm ed25519 -out audit.pem
//	openssl pkey -in audit.pem -pubout -out audit.pub.pem
//
// write them (or `redact audit keygen`).

// KeyID returns the id a checkpoint gives its signing key: the first 16 hex
// digits of the SHA-256 of the public key's PKIX encoding.
func KeyID(pub ed25519.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(der)
	return hex.EncodeToString(sum[:8])
}

// ParsePrivateKey reads an Ed25519 private key from PEM (PKCS#8).
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	switch {
	case block == nil:
		return nil, errors.New("no PEM block in the file (want an Ed25519 private key, PKCS#8 PEM)")
	case block.Type == "PUBLIC KEY":
		return nil, errors.New("this is a public key; the audit log is signed with the private key")
	case block.Type != "PRIVATE KEY":
		return nil, fmt.Errorf("PEM block %q; want \"PRIVATE KEY\" (PKCS#8, as openssl genpkey -algorithm ed25519 writes)", block.Type)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("not a PKCS#8 private key: %v", err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("the key is %T; the audit log needs an Ed25519 key", k)
	}
	return priv, nil
}

// ParsePublicKey reads an Ed25519 public key from PEM (PKIX).
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	block, _ := pem.Decode(data)
	switch {
	case block == nil:
		return nil, errors.New("no PEM block in the file (want an Ed25519 public key, PKIX PEM)")
	case block.Type == "PRIVATE KEY":
		return nil, errors.New("this is a private key; give the public key (openssl pkey -in KEY -pubout)")
	case block.Type != "PUBLIC KEY":
		return nil, fmt.Errorf("PEM block %q; want \"PUBLIC KEY\" (PKIX, as openssl pkey -pubout writes)", block.Type)
	}
	k, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("not a PKIX public key: %v", err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, fmt.Errorf("the key is %T; the audit log uses Ed25519", k)
	}
	return pub, nil
}

// LoadPrivateKey reads a private key file (see ParsePrivateKey). Errors
// name the file, never its content.
func LoadPrivateKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return k, nil
}

// LoadPublicKey reads a public key file (see ParsePublicKey).
func LoadPublicKey(path string) (ed25519.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParsePublicKey(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return k, nil
}

// GenerateKey makes a new key pair and returns both in PEM.
func GenerateKey() (privPEM, pubPEM []byte, err error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	return MarshalKeys(priv, pub)
}

// MarshalKeys encodes a key pair in PEM (PKCS#8 and PKIX).
func MarshalKeys(priv ed25519.PrivateKey, pub ed25519.PublicKey) (privPEM, pubPEM []byte, err error) {
	pk, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, nil, err
	}
	pp, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk}), pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pp}), nil
}
