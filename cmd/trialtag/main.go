// Command trialtag tags clinical-trial text by endpoint and toxicity with readable rules.
//
// See doc.txt (the long help, also printed by "trialtag --help") for the commands.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes.
const (
	exitOK      = 0 // everything was read and tagged
	exitSkipped = 1 // some inputs were skipped (each named on stderr), or a test failed
	exitUsage   = 2 // usage or configuration error
)

// run is the whole program, with its inputs and outputs passed in so tests can drive it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if err := root.ExecuteContext(ctx); err != nil {
		if a.code != 0 {
			return a.code
		}
		writeErr(stderr, err)
		return exitUsage
	}
	return a.code
}
