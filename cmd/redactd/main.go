// Command redactd is the redactor's gRPC service: the call pipeline streams
// live transcripts in (one StreamRedact stream per call) and gets redacted
// text, entity offsets and audio mute ranges back. It starts with no
// configuration at all on the embedded default detectors.
//
//	redactd [--listen 127.0.0.1:7443] [--metrics-listen 127.0.0.1:9464] [flags]
//
// Prometheus metrics are served at /metrics on --metrics-listen. The gRPC
// health service and server reflection are on. On SIGTERM or SIGINT the
// server turns NOT_SERVING, lets calls finish for --shutdown-timeout, then
// flushes and ends the streams still open and stops.
package main

import (
	"context"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"

	"redactor/audit"
	"redactor/grpcapi/server"
	"redactor/internal/keys"
	"redactor/packs"
	"redactor/redact"
)

// Environment variables that may hold keys, hex encoded (the same as the
// redact command's).
const (
	keyEnv        = "REDACTOR_HASH_KEY"
	encryptKeyEnv = "REDACTOR_ENCRYPT_KEY"
)

// config is the parsed command line.
type config struct {
	listen, metricsListen     string
	tlsCert, tlsKey, clientCA string
	tokenFile, keyFile        string
	limits                    server.Limits
	shutdownTimeout           time.Duration
	logLevel, logFormat       string
	gcPercent                 int
	packs                     []string
	watchInterval             time.Duration
	encryptKeyFile            string
	auditLog, auditKey        string
	auditFailOpen             bool
	auditSegment              time.Duration
}

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

func main() {
	os.Exit(run(os.Args[1:], os.Stderr, nil))
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("redactd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &config{}
	d := server.DefaultLimits
	fs.StringVar(&c.listen, "listen", "127.0.0.1:7443", "gRPC listen address (use :7443 to listen on every interface)")
	fs.StringVar(&c.metricsListen, "metrics-listen", "127.0.0.1:9464", "HTTP listen address for /metrics (empty: no metrics server)")
	fs.StringVar(&c.tlsCert, "tls-cert", "", "PEM certificate file: serve TLS (with --tls-key)")
	fs.StringVar(&c.tlsKey, "tls-key", "", "PEM private key file for --tls-cert")
	fs.StringVar(&c.clientCA, "tls-client-ca", "", "PEM CA bundle: require client certificates signed by it (mutual TLS)")
	fs.StringVar(&c.tokenFile, "token-file", "", "file of bearer tokens, one per line: require one on every call but health checks")
	fs.StringVar(&c.keyFile, "key-file", "", "hash operator key file (at least 32 bytes); else $"+keyEnv+" (hex); else no hash operator")
	fs.IntVar(&c.limits.MaxMessageBytes, "max-message-bytes", d.MaxMessageBytes, "largest request message")
	fs.Float64Var(&c.limits.MaxChunksPerSecond, "max-chunk-rate", d.MaxChunksPerSecond, "sustained chunks per second per stream (negative: no limit)")
	fs.IntVar(&c.limits.ChunkBurst, "chunk-burst", d.ChunkBurst, "chunks a stream may send at once above --max-chunk-rate")
	fs.IntVar(&c.limits.MaxHeldBytes, "max-held-bytes", d.MaxHeldBytes, "most text one stream may hold back, in bytes (negative: no limit)")
	fs.DurationVar(&c.limits.MaxStreamDuration, "max-stream-duration", d.MaxStreamDuration, "longest stream (negative: no limit)")
	fs.IntVar(&c.limits.MaxConcurrentStreams, "max-streams", d.MaxConcurrentStreams, "most concurrent streams (negative: no limit)")
	fs.DurationVar(&c.shutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGTERM, how long calls may run on before open streams are flushed and ended")
	fs.StringVar(&c.logLevel, "log-level", "info", "debug, info, warn or error")
	fs.StringVar(&c.logFormat, "log-format", "json", "json or text")
	fs.IntVar(&c.gcPercent, "gc-percent", 400, "Go GC target percentage (GOGC, which takes precedence when set); higher trades memory for fewer GC cycles and lower chunk latency")
	fs.Var((*listFlag)(&c.packs), "pack", "detector pack file or folder, on top of the embedded default pack (repeatable); reloaded on SIGHUP and when a file changes")
	fs.DurationVar(&c.watchInterval, "pack-watch", 2*time.Second, "how often to check the pack files for changes (0: only on SIGHUP)")
	fs.StringVar(&c.encryptKeyFile, "encrypt-key-file", "", "encrypt operator key file (at least 32 bytes); else $"+encryptKeyEnv+" (hex); else no encrypt operator")
	fs.StringVar(&c.auditLog, "audit-log", "", "append hash-chained, signed audit records of every call to this file (needs --audit-key)")
	fs.StringVar(&c.auditKey, "audit-key", "", "Ed25519 private key (PKCS#8 PEM) that signs the audit log's checkpoints")
	fs.BoolVar(&c.auditFailOpen, "audit-fail-open", false, "when the audit log cannot be written, go on serving without it (default: refuse new calls, health NOT_SERVING)")
	fs.DurationVar(&c.auditSegment, "audit-segment", audit.DefaultSegmentInterval, "how often the audit log signs a checkpoint and syncs the file")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if (c.tlsCert == "") != (c.tlsKey == "") {
		return nil, errors.New("--tls-cert and --tls-key go together")
	}
	if c.clientCA != "" && c.tlsCert == "" {
		return nil, errors.New("--tls-client-ca needs --tls-cert and --tls-key")
	}
	if c.logFormat != "json" && c.logFormat != "text" {
		return nil, fmt.Errorf("--log-format %q: want json or text", c.logFormat)
	}
	if (c.auditLog == "") != (c.auditKey == "") {
		return nil, errors.New("--audit-log and --audit-key go together: the log is signed")
	}
	if c.auditFailOpen && c.auditLog == "" {
		return nil, errors.New("--audit-fail-open needs --audit-log")
	}
	return c, nil
}

// loadEncryptKey reads the encrypt key from --encrypt-key-file or
// $REDACTOR_ENCRYPT_KEY; neither means no encrypt operator.
func loadEncryptKey(path string) (*redact.TokenKey, error) {
	var secret []byte
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("--encrypt-key-file: %v", err)
		}
		secret = data
	} else if v, ok := os.LookupEnv(encryptKeyEnv); ok && strings.TrimSpace(v) != "" {
		data, err := hex.DecodeString(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("$%s: not hex", encryptKeyEnv)
		}
		secret = data
	} else {
		return nil, nil
	}
	k, err := redact.NewTokenKey(secret)
	if err != nil {
		return nil, fmt.Errorf("encrypt key: %v", err)
	}
	return k, nil
}

// loadSource loads the packs (the embedded default pack, then --pack ones).
// A bad pack stops the server from starting, with the same message as
// `redact lint`.
func loadSource(c *config) (*packs.Source, error) {
	return packs.NewSource(c.packs...)
}

// loadKey reads the hash key from --key-file or $REDACTOR_HASH_KEY; neither
// means no hash operator.
func loadKey(path string) ([]byte, error) {
	key, _, err := keys.Load(path, "--key-file", keyEnv, redact.MinKeyLen)
	return key, err
}

func newLogger(c *config, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", c.logLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	if c.logFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return slog.New(slog.NewJSONHandler(w, opts)), nil
}

// run runs the server until a signal (or stop, for tests, when not nil) and
// returns the exit status: 0 after a clean shutdown, 1 on a failure, 2 on
// bad flags.
func run(args []string, stderr io.Writer, ready func(grpcAddr, metricsAddr string, stop func())) int {
	c, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "redactd: %v\n", err)
		return 2
	}
	log, err := newLogger(c, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "redactd: %v\n", err)
		return 2
	}
	if _, ok := os.LookupEnv("GOGC"); !ok && c.gcPercent != 0 {
		debug.SetGCPercent(c.gcPercent)
	}
	if err := serve(c, log, ready); err != nil {
		log.Error("redactd failed", "err", err)
		return 1
	}
	return 0
}

func serve(c *config, log *slog.Logger, ready func(grpcAddr, metricsAddr string, stop func())) error {
	packSrc, err := loadSource(c)
	if err != nil {
		return err
	}
	src := server.NewPackSource(packSrc)
	key, err := loadKey(c.keyFile)
	if err != nil {
		return err
	}
	encKey, err := loadEncryptKey(c.encryptKeyFile)
	if err != nil {
		return err
	}
	var tokens [][]byte
	if c.tokenFile != "" {
		if tokens, err = server.LoadTokens(c.tokenFile); err != nil {
			return fmt.Errorf("--token-file: %v", err)
		}
	}
	// The audit log reports its failure to the server, which exists only
	// after the log is open: failures before that are found by the server
	// when it registers.
	var srvRef atomic.Pointer[server.Server]
	var auditLog *audit.Writer
	if c.auditLog != "" {
		priv, err := audit.LoadPrivateKey(c.auditKey)
		if err != nil {
			return fmt.Errorf("--audit-key: %v", err)
		}
		auditLog, err = audit.Open(audit.Options{
			Path: c.auditLog, Key: priv, PseudonymKey: key, Writer: "redactd", SegmentInterval: c.auditSegment,
			OnError: func(err error) {
				if s := srvRef.Load(); s != nil {
					s.AuditFailed(err)
				}
			},
			OnCheckpoint: func(seq uint64, hash string) {
				// The chain head, logged so that it is anchored outside the
				// log (truncation of whole segments shows against it).
				log.Debug("audit checkpoint", "seq", seq, "head", hash)
			},
		})
		if err != nil {
			return err
		}
		defer func() {
			if err := auditLog.Close(); err != nil {
				log.Error("audit log close failed", "err", err)
			}
		}()
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv, err := server.New(server.Options{
		Source: src, HashKey: key, EncryptKey: encKey, Limits: c.limits, Tokens: tokens, Registerer: reg, Logger: log,
		Audit: auditLog, AuditFailOpen: c.auditFailOpen,
	})
	if err != nil {
		return err
	}
	srvRef.Store(srv)
	// Hot reload: a new engine is compiled off to the side and swapped in
	// atomically; streams in flight keep the engine they started with; a bad
	// pack keeps the old one (and is counted and logged).
	packSrc.OnReload = func(cur *packs.Set, err error) {
		srv.RecordReload(err)
		if err == nil {
			log.Info("packs loaded", "pack", cur.Meta.Name, "version", cur.Meta.Version, "hash", cur.Meta.Hash)
		}
	}
	watchCtx, stopWatch := context.WithCancel(context.Background())
	defer stopWatch()
	if len(c.packs) > 0 && c.watchInterval > 0 {
		go packSrc.Watch(watchCtx, c.watchInterval)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for {
			select {
			case <-watchCtx.Done():
				return
			case <-hup:
				log.Info("SIGHUP: reloading packs")
				packSrc.Reload()
			}
		}
	}()
	var extra []grpc.ServerOption
	if c.tlsCert != "" {
		tc, err := server.LoadTLS(c.tlsCert, c.tlsKey, c.clientCA)
		if err != nil {
			return err
		}
		extra = append(extra, grpc.Creds(credentials.NewTLS(tc)))
	}
	gs := srv.GRPCServer(extra...)
	lis, err := net.Listen("tcp", c.listen)
	if err != nil {
		return err
	}
	var metricsAddr string
	var hs *http.Server
	if c.metricsListen != "" {
		ml, err := net.Listen("tcp", c.metricsListen)
		if err != nil {
			lis.Close()
			return err
		}
		metricsAddr = ml.Addr().String()
		mux := http.NewServeMux()
		mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
		hs = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := hs.Serve(ml); err != nil && err != http.ErrServerClosed {
				log.Error("metrics server failed", "err", err)
			}
		}()
	}
	l := srv.Limits()
	log.Info("redactd listening", "addr", lis.Addr().String(), "metrics_addr", metricsAddr,
		"tls", c.tlsCert != "", "mtls", c.clientCA != "", "auth", len(tokens) > 0, "hash_operator", key != nil,
		"encrypt_operator", encKey != nil, "audit_log", c.auditLog != "", "audit_fail_open", c.auditFailOpen,
		"pack", src.Current().Pack.Name, "version", src.Current().Pack.Version, "hash", src.Current().Pack.Hash,
		"max_message_bytes", l.MaxMessageBytes, "max_chunk_rate", l.MaxChunksPerSecond, "chunk_burst", l.ChunkBurst,
		"max_held_bytes", l.MaxHeldBytes, "max_stream_duration", l.MaxStreamDuration.String(), "max_streams", l.MaxConcurrentStreams)

	stopped := make(chan struct{})
	stop := func() {
		select {
		case <-stopped:
		default:
			close(stopped)
		}
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(sigs)
	serveErr := make(chan error, 1)
	go func() { serveErr <- gs.Serve(lis) }()
	if ready != nil {
		ready(lis.Addr().String(), metricsAddr, stop)
	}
	select {
	case err := <-serveErr:
		return err
	case s := <-sigs:
		log.Info("signal received", "signal", s.String())
	case <-stopped:
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.shutdownTimeout)
	defer cancel()
	srv.Shutdown(ctx)
	if hs != nil {
		hctx, hcancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer hcancel()
		hs.Shutdown(hctx)
	}
	log.Info("redactd stopped")
	return nil
}
