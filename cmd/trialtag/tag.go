package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
)

func newTagCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "tag [flags] [PATH...]",
		Short: "Tag documents and print tagged sentences and document facets",
		Long: `Tag reads documents from files, folders (recursively) and "-" (standard input) and
prints each document's facets and its sentences with their tags, in input order.

Formats: plain text and Markdown, HTML pages, JSON Lines ({"id","title","text"} per line),
PubMed MEDLINE exports and PubMed XML. With no PATH it tags the corpus folder of the
configuration (the five seed documents in corpus/seeds).

Exit status: 0 when every input was tagged, 1 when some were skipped (each is named on
stderr with the reason), 2 on a usage or configuration error.`,
		Example: `  trialtag tag                                 # the shipped corpus
  trialtag tag --format table abstracts/
  trialtag tag --format csv export.medline > tags.csv
  cat page.html | trialtag tag -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runTag(cmd, args)
		},
	}
	f := cmd.Flags()
	addConfigFlag(f, "format")
	addConfigFlag(f, "workers")
	addConfigFlag(f, "max_doc_size")
	return cmd
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (a *app) runTag(cmd *cobra.Command, args []string) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	paths, err := a.pathsOrCorpus(args)
	if err != nil {
		return err
	}
	format := a.cfg.Format
	if format == "" {
		format = "jsonl"
		if isTerminal(a.stdout) {
			format = "table"
		}
	}
	f, err := newFormatter(format, isTerminal(a.stdout))
	if err != nil {
		return err
	}
	maxDoc, _ := ParseSize(a.cfg.MaxDocSize)
	opts := corpus.Options{MaxDocBytes: maxDoc, Stdin: a.stdin}
	var prog *progress
	if isTerminal(a.stderr) {
		prog = newProgress(a.stderr)
	}
	stats, err := tagAll(cmd.Context(), c, paths, opts, a.cfg.Workers, f, a.stdout, a.stderr, prog)
	if prog != nil {
		prog.done()
	}
	if err != nil {
		return err
	}
	if stats.skipped > 0 {
		fmt.Fprintf(a.stderr, "trialtag: tagged %d documents, skipped %d inputs\n", stats.docs, stats.skipped)
		a.code = exitSkipped
	}
	return nil
}

// tagAll tags every document from paths with up to workers goroutines, each of which also
// formats what it tagged, and writes the results in input order. Skipped inputs are reported
// on errw as they come.
func tagAll(ctx context.Context, c *classifier.Classifier, paths []string, opts corpus.Options, workers int,
	f formatter, out, errw io.Writer, prog *progress) (tagStats, error) {
	type output struct {
		b   []byte
		err error
	}
	bw := bufio.NewWriterSize(out, 256<<10)
	_, writeErr := bw.Write(f.header())
	stats, loadErr := tagEachDoc(corpus.Load(ctx, paths, opts), workers, errw,
		func(doc *corpus.Document) output {
			defer bigDocScope(doc)() // tagging and formatting alike
			b, err := f.format(c.Tag(doc))
			return output{b, err}
		},
		func(doc *corpus.Document, o output) {
			if writeErr == nil {
				writeErr = o.err
			}
			if writeErr == nil {
				_, writeErr = bw.Write(o.b)
			}
			if prog != nil {
				prog.add(len(doc.Text))
			}
		})
	if err := bw.Flush(); err != nil && writeErr == nil {
		writeErr = err
	}
	if loadErr != nil {
		return stats, loadErr
	}
	if writeErr != nil {
		return stats, fmt.Errorf("writing output: %w", writeErr)
	}
	return stats, nil
}

// progress shows a live count of documents and bytes on a terminal, once more than a
// handful of documents have been read.
type progress struct {
	w     io.Writer
	start time.Time
	last  time.Time
	docs  int
	bytes int64
	shown bool
}

func newProgress(w io.Writer) *progress { return &progress{w: w, start: time.Now()} }

func (p *progress) add(n int) {
	p.docs++
	p.bytes += int64(n)
	if p.docs <= 5 || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	p.shown = true
	el := time.Since(p.start).Seconds()
	mb := float64(p.bytes) / 1e6
	bar := int(el*4) % 20
	cells := []rune("                    ")
	for i := 0; i < 4; i++ {
		cells[(bar+i)%20] = '█'
	}
	fmt.Fprintf(p.w, "\r[%s] %d documents, %.1f MB, %.1f MB/s ", string(cells), p.docs, mb, mb/el)
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
