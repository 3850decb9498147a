package server_test

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"redactor/detectors"
	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
	"redactor/packs"
	"redactor/redact"
)

var testKey = []byte("0123456789abcdef0123456789abcdef-test-key")

// checkEntities compares API entities with the library's.
func checkEntities(t *testing.T, got []*pb.Entity, want []redact.Entity) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d entities, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Type != w.Type || g.Detector != w.Detector || g.Score != w.Score || g.Start != w.Start || g.End != w.End ||
			g.RedactedStart != w.RedactedStart || g.RedactedEnd != w.RedactedEnd {
			t.Fatalf("entity %d: got %v, want %+v", i, g, w)
		}
	}
}

// optionCases pair API options with the equivalent library Config.
var optionCases = []struct {
	name string
	opts *pb.RedactionOptions
	cfg  redact.Config
}{
	{"default", nil, redact.Config{}},
	{"mask", &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_MASK, MaskChar: "#", MaskKeepChars: 4}},
		redact.Config{Operator: redact.Operator{Kind: redact.Mask, MaskChar: '#', MaskKeep: 4}}},
	{"hash", &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_HASH}},
		redact.Config{Operator: redact.Operator{Kind: redact.Hash}, HashKey: testKey}},
	{"per_type", &pb.RedactionOptions{
		DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_REMOVE},
		OperatorByType:  map[string]*pb.Operator{"EMAIL_ADDRESS": {Kind: pb.OperatorKind_OPERATOR_KIND_KEEP}}},
		redact.Config{Operator: redact.Operator{Kind: redact.Remove}, PerType: map[string]redact.Operator{"EMAIL_ADDRESS": {Kind: redact.Keep}}}},
	{"entities", &pb.RedactionOptions{EntityTypes: []string{"CREDIT_CARD", "US_SSN"}},
		redact.Config{Entities: []string{"CREDIT_CARD", "US_SSN"}}},
}

func TestRedactEqualsLibrary(t *testing.T) {
	ts := start(t, server.Options{HashKey: testKey})
	c := ts.dial(t)
	texts := []string{
		"",
		"nothing to see here",
		"mail me at jane.roe@example.com or call 415-555-0132",
		"card 4111 1111 1111 1111, IBAN GB82 WEST 1234 5698 7654 32, ssn 078-05-1123. José",
		corpus(t, 5),
	}
	for _, oc := range optionCases {
		for i, text := range texts {
			t.Run(fmt.Sprintf("%s/%d", oc.name, i), func(t *testing.T) {
				want, wantEnts := local(t, text, oc.cfg)
				resp, err := c.Redact(ctxT(t), text, oc.opts)
				if err != nil {
					t.Fatal(err)
				}
				if resp.Text != want {
					t.Fatalf("text differs:\n got %q\nwant %q", resp.Text, want)
				}
				checkEntities(t, resp.Entities, wantEnts)
				if resp.Pack.GetName() != "default" || resp.Pack.GetVersion() == "" || len(resp.Pack.GetContentHash()) != 64 {
					t.Errorf("pack %v", resp.Pack)
				}
			})
		}
	}
}

// TestStreamChunkInvariance streams a transcript in many chunkings; every
// one must give the library's text and entities.
func TestStreamChunkInvariance(t *testing.T) {
	ts := start(t, server.Options{HashKey: testKey, Limits: server.Limits{MaxChunksPerSecond: -1}})
	c := ts.dial(t)
	text := corpus(t, 12) + "tail 415-555-01"
	sizes := []int{1, 3, 7, 64, 200, 1000, len(text)}
	if testing.Short() {
		sizes = sizes[2:]
	}
	for _, oc := range optionCases {
		want, wantEnts := local(t, text, oc.cfg)
		for _, n := range sizes {
			t.Run(fmt.Sprintf("%s/%d", oc.name, n), func(t *testing.T) {
				var chunks []*pb.TranscriptChunk
				for i, p := range splitRunes(text, n) {
					chunks = append(chunks, &pb.TranscriptChunk{Text: p, Sequence: uint64(i + 1)})
				}
				res, err := c.RedactChunks(ctxT(t), &pb.StreamConfig{StreamId: "inv-1", Options: oc.opts}, chunks)
				if err != nil {
					t.Fatal(err)
				}
				if res.Text != want {
					t.Fatalf("chunks of %d: text differs from the library's", n)
				}
				checkEntities(t, res.Entities, wantEnts)
			})
		}
	}
}

// TestStreamResponses checks the positions, sequences and the
// one-response-per-message rule.
func TestStreamResponses(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	s, err := c.Stream(ctxT(t), &pb.StreamConfig{StreamId: "call-42"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Info().GetPack().GetName() != "default" || s.Info().GetLimits().GetMaxHeldBytes() == 0 {
		t.Fatalf("stream info %v", s.Info())
	}
	chunks := []string{"call me at 415-5", "55-0132 ", "please, or jane@exa", "mple.com", " thanks"}
	var redacted, original int64
	var all strings.Builder
	for i, ch := range chunks {
		if err := s.Send(&pb.TranscriptChunk{Text: ch, Sequence: uint64(100 + i)}); err != nil {
			t.Fatal(err)
		}
		r, err := s.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if r.Sequence != uint64(100+i) || r.RedactedStart != redacted || r.OriginalStart != original {
			t.Fatalf("chunk %d: sequence %d, redacted_start %d, original_start %d; want %d, %d, %d",
				i, r.Sequence, r.RedactedStart, r.OriginalStart, 100+i, redacted, original)
		}
		redacted += int64(len(r.Text))
		original = r.OriginalEnd
		all.WriteString(r.Text)
		sent := 0
		for _, c := range chunks[:i+1] {
			sent += len(c)
		}
		if r.HeldBytes != int64(sent)-original {
			t.Fatalf("chunk %d: held %d, want %d", i, r.HeldBytes, int64(sent)-original)
		}
	}
	s.CloseSend()
	r, err := s.Recv()
	if err != nil || !r.EndOfStream || r.HeldBytes != 0 {
		t.Fatalf("last response %v, %v", r, err)
	}
	all.WriteString(r.Text)
	if _, err := s.Recv(); err != io.EOF {
		t.Fatalf("after the last response: %v, want EOF", err)
	}
	want, _ := local(t, strings.Join(chunks, ""), redact.Config{})
	if all.String() != want {
		t.Fatalf("got %q, want %q", all.String(), want)
	}
}

// TestSegments checks that end_of_segment flushes at once and that each
// segment is redacted on its own.
func TestSegments(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	s, err := c.Stream(ctxT(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	segs := []string{"agent: your number is 415-555-0132", "caller: mail jane@example.com", "no pii"}
	var got strings.Builder
	var ents []*pb.Entity
	var base int64
	for _, seg := range segs {
		if err := s.Send(&pb.TranscriptChunk{Text: seg, EndOfSegment: true}); err != nil {
			t.Fatal(err)
		}
		r, err := s.Recv()
		if err != nil {
			t.Fatal(err)
		}
		if r.HeldBytes != 0 || r.OriginalEnd != base+int64(len(seg)) {
			t.Fatalf("segment not flushed: held %d, original_end %d", r.HeldBytes, r.OriginalEnd)
		}
		want, _ := local(t, seg, redact.Config{})
		if r.Text != want {
			t.Fatalf("segment %q: got %q, want %q", seg, r.Text, want)
		}
		base += int64(len(seg))
		got.WriteString(r.Text)
		ents = append(ents, r.Entities...)
	}
	s.CloseSend()
	if r, err := s.Recv(); err != nil || !r.EndOfStream || r.Text != "" {
		t.Fatalf("last: %v %v", r, err)
	}
	// Entity offsets are stream offsets.
	orig := strings.Join(segs, "")
	for _, e := range ents {
		if v := orig[e.Start:e.End]; v != "415-555-0132" && v != "jane@example.com" {
			t.Errorf("entity %s at [%d,%d) is %q", e.Type, e.Start, e.End, v)
		}
		if r := got.String()[e.RedactedStart:e.RedactedEnd]; r != "["+e.Type+"]" {
			t.Errorf("redacted span %q", r)
		}
	}
}

func TestListDetectors(t *testing.T) {
	ts := start(t, server.Options{})
	resp, err := ts.dial(t).ListDetectors(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	set, err := packs.Load()
	if err != nil {
		t.Fatal(err)
	}
	eng := set.Engine()
	if !slices.Equal(resp.EntityTypes, eng.Types()) || len(resp.Detectors) != len(eng.Detectors()) || resp.HashOperatorAvailable {
		t.Fatalf("got %v", resp)
	}
	if resp.Pack.ContentHash != set.Meta.Hash || resp.Pack.Name != set.Meta.Name {
		t.Errorf("hash %s", resp.Pack.ContentHash)
	}
}

// TestHotReload swaps the engine while a stream is open: the stream keeps
// its engine, new calls get the new one.
func TestHotReload(t *testing.T) {
	old, err := server.DefaultSnapshot()
	if err != nil {
		t.Fatal(err)
	}
	src := server.NewAtomicSource(old)
	ts := start(t, server.Options{Source: src})
	c := ts.dial(t)
	s, err := c.Stream(ctxT(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	emailOnly, err := redact.Compile([]redact.Detector{detectors.Email{}})
	if err != nil {
		t.Fatal(err)
	}
	src.Swap(server.NewSnapshot(emailOnly, server.PackInfo{Name: "email-only", Version: "2", Hash: "abc"}))
	ts.srv.RecordReload(nil)
	const text = "call 415-555-0132 or jane@example.com"
	s.SendText(text)
	s.CloseSend()
	var got strings.Builder
	for {
		r, err := s.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got.WriteString(r.Text)
	}
	if got.String() != "call [PHONE_NUMBER] or [EMAIL_ADDRESS]" {
		t.Errorf("stream opened before the reload: %q", got.String())
	}
	resp, err := c.Redact(ctxT(t), text, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Text != "call 415-555-0132 or [EMAIL_ADDRESS]" || resp.Pack.Name != "email-only" {
		t.Errorf("after the reload: %q from %v", resp.Text, resp.Pack)
	}
	_, err = c.Redact(ctxT(t), text, &pb.RedactionOptions{Pack: &pb.PackSelector{Name: "default", Version: old.Pack.Version}})
	if status.Code(err) != codes.FailedPrecondition {
		t.Errorf("selecting the unloaded pack: %v", err)
	}
}

// TestTokenAuth checks bearer tokens: the right one passes, others and none
// fail with UNAUTHENTICATED, health checks need none.
func TestTokenAuth(t *testing.T) {
	good := "s3cret-token-0123456789"
	ts := start(t, server.Options{Tokens: [][]byte{[]byte("another-token-abcdefgh"), []byte(good)}})
	for _, tc := range []struct {
		name string
		opts []client.Option
		code codes.Code
	}{
		{"good", []client.Option{client.WithToken(good)}, codes.OK},
		{"wrong", []client.Option{client.WithToken("s3cret-token-0123456780")}, codes.Unauthenticated},
		{"prefix", []client.Option{client.WithToken("s3cret-token")}, codes.Unauthenticated},
		{"none", nil, codes.Unauthenticated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := ts.dial(t, tc.opts...)
			_, err := c.Redact(ctxT(t), "hello", nil)
			if status.Code(err) != tc.code {
				t.Fatalf("Redact: %v, want %v", err, tc.code)
			}
			_, err = c.Stream(ctxT(t), nil)
			if status.Code(err) != tc.code {
				t.Fatalf("StreamRedact: %v, want %v", err, tc.code)
			}
			if err := healthCheck(t, c); err != nil {
				t.Fatalf("health needs no token: %v", err)
			}
		})
	}
}

// TestMutualTLS checks TLS and mutual TLS.
func TestMutualTLS(t *testing.T) {
	p := newPKI(t)
	tlsOnly, err := server.LoadTLS(p.serverCert, p.serverKey, "")
	if err != nil {
		t.Fatal(err)
	}
	mtls, err := server.LoadTLS(p.serverCert, p.serverKey, p.caFile)
	if err != nil {
		t.Fatal(err)
	}
	plain := start(t, server.Options{})
	tlsSrv := start(t, server.Options{}, credsOption(tlsOnly))
	mtlsSrv := start(t, server.Options{}, credsOption(mtls))
	for _, tc := range []struct {
		name string
		ts   *testServer
		opts []client.Option
		ok   bool
	}{
		{"tls", tlsSrv, []client.Option{client.WithTLSFiles(p.caFile, "", "")}, true},
		{"tls untrusted server", tlsSrv, []client.Option{client.WithTLSFiles(p.otherClientCert, "", "")}, false},
		{"tls plain client", tlsSrv, nil, false},
		{"mtls", mtlsSrv, []client.Option{client.WithTLSFiles(p.caFile, p.clientCert, p.clientKey)}, true},
		{"mtls no client cert", mtlsSrv, []client.Option{client.WithTLSFiles(p.caFile, "", "")}, false},
		{"mtls foreign client cert", mtlsSrv, []client.Option{client.WithTLSFiles(p.caFile, p.otherClientCert, p.otherClientKey)}, false},
		{"plain", plain, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.ts.dial(t, tc.opts...)
			resp, err := c.Redact(ctxT(t), "mail jane@example.com", nil)
			if tc.ok && (err != nil || resp.Text != "mail [EMAIL_ADDRESS]") {
				t.Fatalf("refused: %v", err)
			}
			if !tc.ok && err == nil {
				t.Fatal("accepted")
			}
		})
	}
}
