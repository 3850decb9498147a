package server_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"redactor/audit"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
	"redactor/redact"
)

// callText is a call with events from both speakers and PII.
const callText = "Thanks for calling, this call may be recorded for quality purposes. " +
	"My email is jane.roe@example.com and my cell is 415-555-0132. " +
	"Please take me off your call list and stop calling me. jane.roe@example.com again. "

func TestRedactEvents(t *testing.T) {
	ts := start(t, server.Options{})
	resp, err := ts.dial(t).Redact(ctxT(t), callText, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range resp.Events {
		got = append(got, e.Type+":"+callText[e.Start:e.End])
	}
	want := []string{
		"RECORDING_DISCLOSURE:this call may be recorded", // the longest of two overlapping phrases
		"OPT_OUT_REQUEST:take me off your call list",
		"OPT_OUT_REQUEST:stop calling me",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("events %q, want %q", got, want)
	}
	if m := scrape(t, ts); !strings.Contains(m, "redactor_events_total{type=OPT_OUT_REQUEST} 2\n") {
		t.Errorf("events not counted:\n%s", grep(m, "events"))
	}
}

// TestStreamEventsChunkInvariance sends the call in many chunkings, with
// speaker roles: the events are the same, each with its speaker and role.
func TestStreamEventsChunkInvariance(t *testing.T) {
	ts := start(t, server.Options{})
	c := ts.dial(t)
	agent := "Agent: this call may be recorded. You could also say stop calling me to us. "
	caller := "Caller: ok. Please, uh, take me off your list and don't call me again. "
	cfg := &pb.StreamConfig{SpeakerRoles: map[string]pb.SpeakerRole{
		"a": pb.SpeakerRole_SPEAKER_ROLE_AGENT, "c": pb.SpeakerRole_SPEAKER_ROLE_CUSTOMER}}
	var want []string
	for _, n := range []int{1000, 1, 3, 7, 16} {
		var chunks []*pb.TranscriptChunk
		for _, p := range splitRunes(agent, n) {
			chunks = append(chunks, &pb.TranscriptChunk{Text: p, Speaker: "a", Channel: 1})
		}
		for _, p := range splitRunes(caller, n) {
			chunks = append(chunks, &pb.TranscriptChunk{Text: p, Speaker: "c", Channel: 2})
		}
		res, err := c.RedactChunks(ctxT(t), cfg, chunks)
		if err != nil {
			t.Fatal(err)
		}
		full := agent + caller
		var got []string
		for _, e := range res.Events {
			got = append(got, e.Type+":"+full[e.Start:e.End]+":"+e.Speaker+":"+e.Role.String()+":"+string(rune('0'+e.Channel)))
		}
		if want == nil {
			want = got
			// The agent's "stop calling me" is not an opt-out: the event is
			// the caller's only.
			exp := []string{
				"RECORDING_DISCLOSURE:this call may be recorded:a:SPEAKER_ROLE_AGENT:1",
				"OPT_OUT_REQUEST:take me off your list:c:SPEAKER_ROLE_CUSTOMER:2",
				"OPT_OUT_REQUEST:don't call me:c:SPEAKER_ROLE_CUSTOMER:2",
			}
			if strings.Join(got, "|") != strings.Join(exp, "|") {
				t.Fatalf("events %q\nwant %q", got, exp)
			}
			continue
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("chunks of %d: events %q, want %q", n, got, want)
		}
	}
}

func TestLabelAndEncryptOperators(t *testing.T) {
	encKey, _ := redact.NewTokenKey(bytes.Repeat([]byte{4}, 32))
	ts := start(t, server.Options{EncryptKey: encKey})
	c := ts.dial(t)
	label := &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_LABEL}}
	// Labels go on across segments.
	s, err := c.Stream(ctxT(t), &pb.StreamConfig{Options: label})
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, seg := range []string{"mail a@example.com or b@example.com", " again: b@example.com, c@example.com"} {
		s.Send(&pb.TranscriptChunk{Text: seg, EndOfSegment: true})
		r, err := s.Recv()
		if err != nil {
			t.Fatal(err)
		}
		out.WriteString(r.Text)
	}
	s.CloseSend()
	s.Recv()
	if want := "mail [EMAIL_ADDRESS_1] or [EMAIL_ADDRESS_2] again: [EMAIL_ADDRESS_2], [EMAIL_ADDRESS_3]"; out.String() != want {
		t.Fatalf("got  %s\nwant %s", out.String(), want)
	}
	// Encrypt: the server's key; the library opens the tokens.
	enc := &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_ENCRYPT}}
	resp, err := c.Redact(ctxT(t), "mail jane.roe@example.com", enc)
	if err != nil {
		t.Fatal(err)
	}
	tok := regexp.MustCompile(`<[^>]+>`).FindString(resp.Text)
	if _, v, err := redact.OpenToken(nil, []*redact.TokenKey{encKey}, []byte(tok)); err != nil || string(v) != "jane.roe@example.com" {
		t.Fatalf("token %q: %q %v", tok, v, err)
	}
	ld, _ := c.ListDetectors(ctxT(t))
	if !ld.EncryptOperatorAvailable || len(ld.EventTypes) != 3 {
		t.Errorf("ListDetectors: encrypt %v, events %v", ld.EncryptOperatorAvailable, ld.EventTypes)
	}
	// Without an encrypt key, the operator is refused.
	ts2 := start(t, server.Options{})
	if _, err := ts2.dial(t).Redact(ctxT(t), "x", enc); status.Code(err) != codes.FailedPrecondition {
		t.Errorf("encrypt without a key: %v", err)
	}
}

func TestPseudonymRPC(t *testing.T) {
	ts := start(t, server.Options{HashKey: testKey})
	c := ts.dial(t)
	want, _ := redact.Pseudonym(testKey, "PHONE_NUMBER", []byte("+1 (415) 555-0132"))
	for _, v := range []string{"+1 (415) 555-0132", "415.555.0132", "four one five five five five oh one three two"} {
		got, err := c.Pseudonym(ctxT(t), "PHONE_NUMBER", v)
		if err != nil || got != want {
			t.Errorf("%q: %q %v, want %q", v, got, err, want)
		}
	}
	// The token is what the hash operator wrote.
	resp, _ := c.Redact(ctxT(t), "call 415-555-0132", &pb.RedactionOptions{DefaultOperator: &pb.Operator{Kind: pb.OperatorKind_OPERATOR_KIND_HASH}})
	if resp.Text != "call "+want {
		t.Errorf("hash operator wrote %q, pseudonym %q", resp.Text, want)
	}
	if _, err := c.Pseudonym(ctxT(t), "NO_SUCH_TYPE", "x"); status.Code(err) != codes.InvalidArgument {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := start(t, server.Options{}).dial(t).Pseudonym(ctxT(t), "PHONE_NUMBER", "415-555-0132"); status.Code(err) != codes.FailedPrecondition {
		t.Errorf("no key: %v", err)
	}
	if strings.Contains(ts.logs.String(), "555") {
		t.Error("a value reached the log")
	}
}

// auditKeys returns a fresh signing key.
func auditKeys(t *testing.T) (ed25519.PrivateKey, ed25519.PublicKey) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return priv, pub
}

func TestAuditLog(t *testing.T) {
	priv, pub := auditKeys(t)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	w, err := audit.Open(audit.Options{Path: path, Key: priv, PseudonymKey: testKey, Writer: "redactd"})
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, server.Options{HashKey: testKey, Audit: w})
	c := ts.dial(t)
	if _, err := c.Redact(ctxT(t), callText, nil); err != nil {
		t.Fatal(err)
	}
	chunks := []*pb.TranscriptChunk{}
	for _, p := range splitRunes(callText, 9) {
		chunks = append(chunks, &pb.TranscriptChunk{Text: p, Speaker: "c"})
	}
	cfg := &pb.StreamConfig{StreamId: "call-7", SpeakerRoles: map[string]pb.SpeakerRole{"c": pb.SpeakerRole_SPEAKER_ROLE_CUSTOMER}}
	if _, err := c.RedactChunks(ctxT(t), cfg, chunks); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Pseudonym(ctxT(t), "EMAIL_ADDRESS", "jane.roe@example.com"); err != nil {
		t.Fatal(err)
	}
	ts.gs.GracefulStop() // every call has ended and written its records
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	rep, err := audit.Verify(f, []ed25519.PublicKey{pub})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Streams != 2 {
		t.Fatalf("%+v", rep)
	}
	data, _ := os.ReadFile(path)
	log := string(data)
	pseud, _ := redact.Pseudonym(testKey, "EMAIL_ADDRESS", []byte("jane.roe@example.com"))
	for _, want := range []string{`"source":"Redact"`, `"stream":"call-7","source":"StreamRedact"`, `"stream":"call-7","type":"OPT_OUT_REQUEST"`,
		`"speaker":"c","role":"customer"`, `"pseudonym":"` + pseud + `"`, `"kind":"pseudonym","time"`, `"stream":"call-7","status":"ok"`} {
		if !strings.Contains(log, want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	if strings.Contains(log, "example.com") || strings.Contains(log, "555-0132") {
		t.Error("a value reached the audit log")
	}
	if n := strings.Count(log, `"kind":"redaction"`); n != 2*3 {
		t.Errorf("%d redaction records, want 6", n)
	}
}

// TestAuditFailClosed serves with an audit log that cannot be written: new
// calls are refused, health says NOT_SERVING, the metrics say why; with
// AuditFailOpen calls go on.
func TestAuditFailClosed(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	for _, failOpen := range []bool{false, true} {
		priv, _ := auditKeys(t)
		failed := make(chan struct{})
		w, err := audit.Open(audit.Options{Path: "/dev/full", Key: priv, SegmentRecords: 1, OnError: func(error) { close(failed) }})
		if err != nil {
			t.Fatal(err)
		}
		select { // the open record cannot be written
		case <-failed:
		case <-time.After(10 * time.Second):
			t.Fatal("the audit log did not fail")
		}
		ts := start(t, server.Options{Audit: w, AuditFailOpen: failOpen})
		c := ts.dial(t)
		_, rerr := c.Redact(ctxT(t), "call 415-555-0132", nil)
		_, serr := c.RedactChunks(ctxT(t), nil, []*pb.TranscriptChunk{{Text: "hello"}})
		h, herr := healthpb.NewHealthClient(c.Conn()).Check(ctxT(t), &healthpb.HealthCheckRequest{Service: pb.Redactor_ServiceDesc.ServiceName})
		if herr != nil {
			t.Fatal(herr)
		}
		metrics := scrape(t, ts)
		if failOpen {
			if rerr != nil || serr != nil || h.Status != healthpb.HealthCheckResponse_SERVING {
				t.Errorf("fail open: %v %v %v", rerr, serr, h.Status)
			}
		} else {
			if status.Code(rerr) != codes.Unavailable || status.Code(serr) != codes.Unavailable || h.Status != healthpb.HealthCheckResponse_NOT_SERVING {
				t.Errorf("fail closed: %v / %v / %v", rerr, serr, h.Status)
			}
			if !strings.Contains(metrics, "redactor_audit_refused_calls_total 2") {
				t.Errorf("refusals not counted:\n%s", grep(metrics, "redactor_audit"))
			}
		}
		for _, want := range []string{"redactor_audit_errors_total 1", "redactor_audit_up 0"} {
			if !strings.Contains(metrics, want) {
				t.Errorf("fail open %v: metrics lack %q:\n%s", failOpen, want, grep(metrics, "redactor_audit"))
			}
		}
		w.Close()
	}
}

// scrape returns the server's metrics in the text format.
func scrape(t *testing.T, ts *testServer) string {
	t.Helper()
	mfs, err := ts.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, mf := range mfs {
		for _, m := range mf.Metric {
			v := 0.0
			switch {
			case m.Counter != nil:
				v = m.Counter.GetValue()
			case m.Gauge != nil:
				v = m.Gauge.GetValue()
			default:
				continue
			}
			name := mf.GetName()
			for _, l := range m.Label {
				name += "{" + l.GetName() + "=" + l.GetValue() + "}"
			}
			b.WriteString(name + " " + strconv.FormatFloat(v, 'g', -1, 64) + "\n")
		}
	}
	return b.String()
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
