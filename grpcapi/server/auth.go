package server

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"os"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// MinTokenLen is the shortest bearer token LoadTokens accepts.
const MinTokenLen = 16

// LoadTokens reads bearer tokens from a file: one token per line; blank lines
// and lines starting with '#' are skipped. Several tokens allow rotation.
// Errors name the line, never the token.
func LoadTokens(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var tokens [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		t := bytes.TrimSpace(sc.Bytes())
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if len(t) < MinTokenLen {
			return nil, fmt.Errorf("%s: line %d: token shorter than %d bytes", path, line, MinTokenLen)
		}
		tokens = append(tokens, bytes.Clone(t))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(tokens) == 0 {
		return nil, fmt.Errorf("%s: no token in the file", path)
	}
	return tokens, nil
}

// tokenAuth checks "authorization: Bearer TOKEN" metadata. Tokens are kept
// as SHA-256 digests and compared in constant time, all of them every time,
// so neither the token's length nor which token matched shows in timing.
type tokenAuth struct {
	digests [][sha256.Size]byte
}

func newTokenAuth(tokens [][]byte) *tokenAuth {
	if len(tokens) == 0 {
		return nil
	}
	a := &tokenAuth{}
	for _, t := range tokens {
		a.digests = append(a.digests, sha256.Sum256(t))
	}
	return a
}

// exempt reports whether a method needs no token: the health service, so
// that load balancers and orchestrators can probe the server.
func exempt(fullMethod string) bool {
	return strings.HasPrefix(fullMethod, "/grpc.health.v1.Health/")
}

var errUnauthenticated = status.Error(codes.Unauthenticated, "missing or invalid bearer token (metadata \"authorization: Bearer TOKEN\")")

func (a *tokenAuth) check(ctx context.Context) error {
	md, _ := metadata.FromIncomingContext(ctx)
	ok := 0
	for _, v := range md.Get("authorization") {
		scheme, tok, found := strings.Cut(v, " ")
		if !found || !strings.EqualFold(scheme, "bearer") {
			continue
		}
		d := sha256.Sum256([]byte(strings.TrimSpace(tok)))
		for i := range a.digests {
			ok |= subtle.ConstantTimeCompare(d[:], a.digests[i][:])
		}
	}
	if ok != 1 {
		return errUnauthenticated
	}
	return nil
}

func (a *tokenAuth) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if !exempt(info.FullMethod) {
		if err := a.check(ctx); err != nil {
			return nil, err
		}
	}
	return handler(ctx, req)
}

func (a *tokenAuth) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	if !exempt(info.FullMethod) {
		if err := a.check(ss.Context()); err != nil {
			return err
		}
	}
	return handler(srv, ss)
}

// LoadTLS builds the server's TLS configuration from PEM files: its
// certificate and key, and, for mutual TLS, the CA bundle client certificates
// must chain to (clientCAFile; empty: no client certificates asked for).
func LoadTLS(certFile, keyFile, clientCAFile string) (*tls.Config, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("TLS certificate: %v", err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if clientCAFile != "" {
		pem, err := os.ReadFile(clientCAFile)
		if err != nil {
			return nil, fmt.Errorf("client CA: %v", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("client CA %s: no PEM certificate in the file", clientCAFile)
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}
