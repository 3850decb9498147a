package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// progressMin is the input size from which progress is shown.
const progressMin = 32 << 20

// progress prints bytes read and the rate to a terminal on standard error,
// so standard output stays clean for the data. A nil *progress does nothing.
type progress struct {
	bytes atomic.Int64
	done  chan struct{}
	wg    sync.WaitGroup
	w     io.Writer
}

func startProgress(cfg *config, stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !cfg.progress || !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	var total int64
	for _, name := range cfg.files {
		fi, err := os.Stat(name)
		if name == "-" || err != nil || !fi.Mode().IsRegular() {
			total = progressMin // unknown size: show it
			break
		}
		total += fi.Size()
	}
	if total < progressMin {
		return nil
	}
	p := &progress{done: make(chan struct{}), w: stderr}
	p.wg.Add(1)
	go p.loop()
	return p
}

func (p *progress) add(n int) {
	if p != nil {
		p.bytes.Add(int64(n))
	}
}

func (p *progress) loop() {
	defer p.wg.Done()
	start := time.Now()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			fmt.Fprint(p.w, "\r\033[K")
			return
		case now := <-t.C:
			b := float64(p.bytes.Load())
			secs := now.Sub(start).Seconds()
			fmt.Fprintf(p.w, "\rredact: %.1f MiB  %.1f MiB/s\033[K", b/(1<<20), b/(1<<20)/secs)
		}
	}
}

func (p *progress) stop() {
	if p != nil {
		close(p.done)
		p.wg.Wait()
	}
}
