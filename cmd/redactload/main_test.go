package main

import (
	"bytes"
	"net"
	"strings"
	"testing"

	"redactor/grpcapi/server"
)

// TestShortRun runs a small load against an in-process server.
func TestShortRun(t *testing.T) {
	srv, err := server.New(server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gs := srv.GRPCServer()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go gs.Serve(lis)
	defer gs.Stop()
	var out bytes.Buffer
	err = run([]string{"-addr", lis.Addr().String(), "-corpus", "../../testdata/corpus/calls_small.jsonl",
		"-streams", "20", "-interval", "20ms", "-duration", "300ms", "-conns", "2"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"stream errors 0, send errors 0", "chunk round trip: p50"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestBounds(t *testing.T) {
	for _, args := range [][]string{
		{"-addr", "127.0.0.1:1", "-streams", "20001"},
		{"-addr", "127.0.0.1:1", "-duration", "11m"},
		{"-addr", "192.0.2.1:7443", "-corpus", "../../testdata/corpus/calls_small.jsonl", "-duration", "1s"},
		{},
	} {
		if err := run(args, &bytes.Buffer{}); err == nil {
			t.Errorf("%v: accepted", args)
		}
	}
}
