package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/pipeline"
)

// tagStats counts what a run read.
type tagStats struct {
	docs, skipped int
	bytes         int64
}

// tagEachDoc reads every document of docs and runs work on each with up to workers
// goroutines (pipeline.Ordered); collect receives each document with its work's result one at
// a time, in input order. Skipped inputs are reported on errw and counted.
func tagEachDoc[T any](docs iter.Seq2[*corpus.Document, error], workers int, errw io.Writer,
	work func(*corpus.Document) T, collect func(*corpus.Document, T)) (tagStats, error) {
	var stats tagStats
	var loadErr error
	// read runs on the pool's reading goroutine, which has ended when the loop below has.
	read := func(yield func(*corpus.Document) bool) {
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
			if !yield(doc) {
				return
			}
		}
	}
	for doc, res := range pipeline.Ordered(context.Background(), read, workers, work) {
		collect(doc, res)
		stats.docs++
		stats.bytes += int64(len(doc.Text))
	}
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
