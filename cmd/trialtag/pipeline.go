package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime"
	"sync"

	"github.com/trialtag/trialtag/corpus"
)

// tagStats counts what a run read.
type tagStats struct {
	docs, skipped int
	bytes         int64
}

// tagEachDoc reads every document of docs and runs work on each with up to workers
// goroutines; collect receives each document with its work's result one at a time, in input
// order. Skipped inputs are reported on errw and counted.
func tagEachDoc[T any](docs iter.Seq2[*corpus.Document, error], workers int, errw io.Writer,
	work func(*corpus.Document) T, collect func(*corpus.Document, T)) (tagStats, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		doc  *corpus.Document
		done chan T
	}
	queue := make(chan job, workers*4)
	jobs := make(chan job)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.done <- work(j.doc)
			}
		}()
	}
	var stats tagStats
	var loadErr error
	go func() {
		defer close(queue)
		defer close(jobs)
		for doc, err := range docs {
			if err != nil {
				var skip *corpus.SkipError
				if errors.As(err, &skip) {
					fmt.Fprintf(errw, "trialtag: %v\n", err)
					stats.skipped++
					continue
				}
				loadErr = err
				return
			}
			j := job{doc: doc, done: make(chan T, 1)}
			queue <- j
			jobs <- j
		}
	}()
	for j := range queue {
		collect(j.doc, <-j.done)
		stats.docs++
		stats.bytes += int64(len(j.doc.Text))
	}
	wg.Wait()
	return stats, loadErr
}

// writeReport writes v as indented JSON, or as text through text, to standard output.
func (a *app) writeReport(asJSON bool, v any, text func(io.Writer)) error {
	bw := bufio.NewWriter(a.stdout)
	var err error
	if asJSON {
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		err = enc.Encode(v)
	} else {
		text(bw)
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// noteSkipped says on stderr how many inputs were skipped, if any, and makes the exit status 1.
func (a *app) noteSkipped(stats tagStats) {
	if stats.skipped > 0 {
		fmt.Fprintf(a.stderr, "trialtag: read %d documents, skipped %d inputs\n", stats.docs, stats.skipped)
		a.code = exitSkipped
	}
}
