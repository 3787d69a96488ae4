// Command scalebench measures trialtag at scale: it builds an N-document corpus from the
// shared data folder (registry records, trial articles or both, repeated under fresh ids),
// indexes it into a new index, and times a fixed mix of searches on it. It prints an
// aligned text report, or JSON with --json.
//
// Usage:
//
//	go run ./internal/scalebench/cmd [flags]
//
// Flags:
//
//	--data DIR        the shared data folder (default $TRIALTAG_DATA)
//	--source NAME     ctgov, pmc-rct or mixed (default ctgov)
//	--n N             documents to generate and index (default 10000)
//	--dir DIR         the new index's folder, which must not exist or be empty, and is
//	                  left in place (default: a temporary folder, removed at exit)
//	--keep            keep the temporary index folder and print its path
//	--workers N       tagging goroutines (default 0: one per CPU)
//	--repeat R        timed runs of each query after its warm-up (default 20)
//	--clients C       goroutines running the searches at once (default 1)
//	--json            print the report as JSON
//	--heap-profile F  write to F the heap profile (pprof) of the moment the process's own
//	                  memory peaked while indexing (Linux)
//
// Progress goes to standard error. Exit status: 0 when the run completed, 1 when it
// failed, 2 on a usage error.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/trialtag/trialtag/internal/scalebench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// errUsage marks an error in the command line.
var errUsage = errors.New("usage")

// options are the command line's flags.
type options struct {
	data, source, dir       string
	heapProfile             string
	n, workers, shards      int
	repeat, clients         int
	memLimitMiB             int
	keep, json              bool
	progress, report, warns io.Writer
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	opts, err := parseArgs(args, stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case err != nil:
		fmt.Fprintf(stderr, "scalebench: %v\n", err)
		return exitUsage
	}
	opts.progress, opts.report, opts.warns = stderr, stdout, stderr
	if err := bench(ctx, opts); err != nil {
		fmt.Fprintf(stderr, "scalebench: %v\n", err)
		if errors.Is(err, errUsage) {
			return exitUsage
		}
		return exitFail
	}
	return exitOK
}

func parseArgs(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("scalebench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.data, "data", os.Getenv("TRIALTAG_DATA"), "the shared data folder (default $TRIALTAG_DATA)")
	fs.StringVar(&o.source, "source", scalebench.SourceCtgov, "the corpus: "+strings.Join(scalebench.SourceNames, ", "))
	fs.IntVar(&o.n, "n", 10000, "documents to generate and index")
	fs.StringVar(&o.dir, "dir", "", "the new index's folder (must not exist or be empty; left in place); default a temporary folder removed at exit")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary index folder")
	fs.IntVar(&o.workers, "workers", 0, "tagging goroutines (0: one per CPU)")
	fs.IntVar(&o.shards, "shards", 0, "the index's shards (0: one per CPU)")
	fs.IntVar(&o.repeat, "repeat", scalebench.DefaultRepeat, "timed runs of each query after one warm-up")
	fs.IntVar(&o.clients, "clients", 1, "goroutines running the searches at once")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.StringVar(&o.heapProfile, "heap-profile", "", "write to this file the heap profile (pprof) of the moment the process's own memory peaked while indexing (Linux)")
	fs.IntVar(&o.memLimitMiB, "memory-limit-mib", 256, "soft memory limit in MiB while indexing, as trialtag index sets it (memory_limit; searches run without, as trialtag serve does); 0: none; GOMEMLIMIT wins")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: scalebench [--data DIR] [--source %s] [--n N] [--dir DIR | --keep] [--shards S]\n", strings.Join(scalebench.SourceNames, "|"))
		fmt.Fprintf(fs.Output(), "                  [--workers N] [--repeat R] [--clients C] [--json] [--heap-profile F]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	case o.data == "":
		return o, fmt.Errorf("no data folder: give --data DIR or set TRIALTAG_DATA")
	case o.n < 1:
		return o, fmt.Errorf("--n %d: want at least 1", o.n)
	case o.repeat < 1:
		return o, fmt.Errorf("--repeat %d: want at least 1", o.repeat)
	case o.clients < 1:
		return o, fmt.Errorf("--clients %d: want at least 1", o.clients)
	case o.memLimitMiB < 0:
		return o, fmt.Errorf("--memory-limit-mib %d: want 0 (none) or more", o.memLimitMiB)
	case o.shards < 0:
		return o, fmt.Errorf("--shards %d: want 0 (one per CPU) or more", o.shards)
	case o.workers < 0:
		return o, fmt.Errorf("--workers %d: want 0 (one per CPU) or more", o.workers)
	case o.dir != "" && o.keep:
		return o, fmt.Errorf("--keep is for the temporary folder; a --dir is always kept")
	}
	return o, nil
}

// bench runs the benchmark the options ask for and prints its report.
func bench(ctx context.Context, o options) (err error) {
	var memLimit int64
	if o.memLimitMiB > 0 && os.Getenv("GOMEMLIMIT") == "" {
		memLimit = int64(o.memLimitMiB) << 20
	}
	sources, err := scalebench.OpenSources(o.data, o.source)
	if err != nil {
		return fmt.Errorf("%w: %w", errUsage, err)
	}
	dir := o.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "trialtag-scale-")
		if err != nil {
			return fmt.Errorf("temporary index folder: %w", err)
		}
		if o.keep {
			defer fmt.Fprintf(o.warns, "scalebench: kept the index in %s\n", tmp)
		} else {
			defer func() {
				if rmErr := os.RemoveAll(tmp); rmErr != nil && err == nil {
					err = fmt.Errorf("removing the temporary index folder: %w", rmErr)
				}
			}()
		}
		dir = filepath.Join(tmp, "index")
	}
	var heap bytes.Buffer
	cfg := scalebench.Config{
		Sources:          sources,
		Source:           o.source,
		N:                o.n,
		Dir:              dir,
		Workers:          o.workers,
		Shards:           o.shards,
		IndexMemoryLimit: memLimit,
		Repeat:           o.repeat,
		Clients:          o.clients,
		Progress:         o.progress,
	}
	if o.heapProfile != "" {
		cfg.HeapProfile = &heap
	}
	rep, err := scalebench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if o.heapProfile != "" {
		if err := os.WriteFile(o.heapProfile, heap.Bytes(), 0o644); err != nil {
			return fmt.Errorf("writing the heap profile: %w", err)
		}
	}
	if o.json {
		enc := json.NewEncoder(o.report)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return fmt.Errorf("writing the report: %w", err)
		}
		return nil
	}
	if err := rep.WriteText(o.report); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}
