package server_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"google.golang.org/grpc"

	"redactor/grpcapi/client"
	"redactor/grpcapi/server"
	"redactor/packs"
	"redactor/redact"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a real server on a loopback port.
type testServer struct {
	srv  *server.Server
	gs   *grpc.Server
	addr string
	reg  *prometheus.Registry
	logs *syncBuffer
}

// start serves opts on 127.0.0.1 until the test ends; Registerer and Logger
// are filled in when nil.
func start(t testing.TB, opts server.Options, extra ...grpc.ServerOption) *testServer {
	t.Helper()
	ts := &testServer{logs: &syncBuffer{}}
	if opts.Registerer == nil {
		ts.reg = prometheus.NewRegistry()
		opts.Registerer = ts.reg
	}
	if opts.Logger == nil {
		// Without the time: its digits ("06:24:15.832841119Z") could hold a
		// planted value and fail the leak checks.
		noTime := func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		}
		opts.Logger = slog.New(slog.NewJSONHandler(ts.logs, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: noTime}))
	}
	srv, err := server.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	ts.srv = srv
	ts.gs = srv.GRPCServer(extra...)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = lis.Addr().String()
	go ts.gs.Serve(lis)
	t.Cleanup(ts.gs.Stop)
	return ts
}

// dial returns a client of ts.
func (ts *testServer) dial(t testing.TB, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.Dial(ts.addr, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

var (
	engOnce sync.Once
	engine  *redact.Engine
)

// local redacts text with the library, the reference the service must equal.
func local(t testing.TB, text string, cfg redact.Config) (string, []redact.Entity) {
	t.Helper()
	engOnce.Do(func() {
		set, err := packs.Load()
		if err != nil {
			panic(err)
		}
		engine = set.Engine()
	})
	s, err := engine.NewStream(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Write(nil, []byte(text))
	if err == nil {
		out, err = s.Close(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(out), append([]redact.Entity(nil), s.Entities()...)
}

// corpus returns the first n transcripts of the small corpus, joined.
func corpus(t testing.TB, n int) string {
	t.Helper()
	f, err := os.Open("../../testdata/corpus/calls_small.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for i := 0; i < n && sc.Scan(); i++ {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		b.WriteString(rec.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// splitRunes splits s into pieces of about n bytes, each ending on a rune
// boundary (protobuf strings must be valid UTF-8).
func splitRunes(s string, n int) []string {
	var out []string
	for len(s) > 0 {
		k := min(n, len(s))
		for k < len(s) && !isRuneStart(s[k]) {
			k++
		}
		out = append(out, s[:k])
		s = s[k:]
	}
	return out
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// pki is a throwaway CA with server and client certificates, as PEM files.
type pki struct {
	dir                             string
	caFile, serverCert, serverKey   string
	clientCert, clientKey           string
	otherClientCert, otherClientKey string // signed by a CA the server does not trust
}

func newPKI(t testing.TB) *pki {
	t.Helper()
	dir := t.TempDir()
	p := &pki{dir: dir}
	ca, caKey := mkCert(t, nil, nil, "test CA", true)
	other, otherKey := mkCert(t, nil, nil, "other CA", true)
	p.caFile = writePEM(t, dir, "ca.pem", "CERTIFICATE", ca.Raw)
	sc, sk := mkCert(t, ca, caKey, "server", false)
	p.serverCert = writePEM(t, dir, "server.pem", "CERTIFICATE", sc.Raw)
	p.serverKey = writeKey(t, dir, "server.key", sk)
	cc, ck := mkCert(t, ca, caKey, "client", false)
	p.clientCert = writePEM(t, dir, "client.pem", "CERTIFICATE", cc.Raw)
	p.clientKey = writeKey(t, dir, "client.key", ck)
	oc, ok := mkCert(t, other, otherKey, "intruder", false)
	p.otherClientCert = writePEM(t, dir, "other.pem", "CERTIFICATE", oc.Raw)
	p.otherClientKey = writeKey(t, dir, "other.key", ok)
	return p
}

func mkCert(t testing.TB, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, cn string, isCA bool) (*x509.Certificate, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage:    x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		IsCA: isCA, BasicConstraintsValid: true,
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

func writePEM(t testing.TB, dir, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeKey(t testing.TB, dir, name string, key *ecdsa.PrivateKey) string {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return writePEM(t, dir, name, "PRIVATE KEY", der)
}
