package bench

import (
	"context"
	"net"
	"os"
	"runtime/debug"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"

	"redactor/detectors"
	"redactor/grpcapi/client"
	pb "redactor/grpcapi/redactor/v1"
	"redactor/grpcapi/server"
	"redactor/redact"
)

var benchServerOpts []grpc.ServerOption

// startGRPC serves redactd's service (on src; nil: the default pack) on a
// loopback port and returns conns clients (separate connections). Like
// redactd, it sets the GC target to 400 unless GOGC is set.
func startGRPC(b *testing.B, conns int, src server.EngineSource) []*client.Client {
	b.Helper()
	if _, ok := os.LookupEnv("GOGC"); !ok {
		old := debug.SetGCPercent(400)
		b.Cleanup(func() { debug.SetGCPercent(old) })
	}
	srv, err := server.New(server.Options{Source: src, Limits: server.Limits{MaxChunksPerSecond: -1}})
	if err != nil {
		b.Fatal(err)
	}
	gs := srv.GRPCServer(benchServerOpts...)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go gs.Serve(lis)
	b.Cleanup(gs.Stop)
	var cs []*client.Client
	for i := 0; i < conns; i++ {
		c, err := client.Dial(lis.Addr().String())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { c.Close() })
		cs = append(cs, c)
	}
	return cs
}

// transcript2K returns about 2 KB of corpus text, cut at a line end.
func transcript2K(b *testing.B) string {
	text := loadCorpus(b)
	n := 2048
	for n < len(text) && text[n-1] != '\n' {
		n++
	}
	return string(text[:n])
}

// BenchmarkGRPCRedact2KB is unary Redact of a 2 KB transcript over a real
// loopback TCP connection; it reports requests/s and the process's CPU time
// per request (client and server together; steadier than req/s on a shared
// machine). The client is what a batch client would be: one connection (one
// grpc.ClientConn, gRPC's usual setup) with 16 calls in flight per core. The
// email-only engine shows what the service costs apart from detection.
func BenchmarkGRPCRedact2KB(b *testing.B) {
	emailOnly, err := server.DetectorsSnapshot([]redact.Detector{detectors.Email{}})
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		src  server.EngineSource
	}{
		{"pack=default", nil},
		{"engine=email-only", server.NewAtomicSource(emailOnly)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			c := startGRPC(b, 1, bc.src)[0]
			text := transcript2K(b)
			b.SetBytes(int64(len(text)))
			b.SetParallelism(16)
			b.ResetTimer()
			start, cpu := time.Now(), cpuTime()
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					if _, err := c.Redact(ctx, text, nil); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
			b.ReportMetric(float64(cpuTime()-cpu)/1e3/float64(b.N), "cpu-µs/req")
		})
	}
}

// cpuTime returns the CPU time (user and system) the process has used, in ns.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkGRPCStreamChunk200 sends 200-byte chunks on one stream and waits
// for each answer: the round trip a live call sees per chunk.
func BenchmarkGRPCStreamChunk200(b *testing.B) {
	cs := startGRPC(b, 1, nil)
	text := loadCorpus(b)
	s, err := cs[0].Stream(context.Background(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(200)
	b.ResetTimer()
	off := 0
	for i := 0; i < b.N; i++ {
		if off+400 > len(text) {
			off = 0
		}
		k := off + 200
		for k < len(text) && text[k]&0xC0 == 0x80 {
			k++
		}
		if err := s.Send(&pb.TranscriptChunk{Text: string(text[off:k])}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Recv(); err != nil {
			b.Fatal(err)
		}
		off = k
	}
	b.StopTimer()
	s.CloseSend()
	for {
		if _, err := s.Recv(); err != nil {
			break
		}
	}
}
