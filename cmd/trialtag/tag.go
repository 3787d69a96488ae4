package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
)

// folderFlags are the flags of a command that can write a brat folder.
type folderFlags struct {
	out   string
	force bool
}

func addFolderFlags(cmd *cobra.Command, ff *folderFlags) {
	f := cmd.Flags()
	f.StringVar(&ff.out, "out", "", "folder the brat format writes (ID.txt and ID.ann per document, annotation.conf); a new or empty folder")
	f.BoolVar(&ff.force, "force", false, "with --out, write into a folder that already holds files (files of the same names are replaced)")
}

// check says whether the flags fit the format: brat needs --out, and --out is for brat only.
func (ff folderFlags) check(format string) error {
	switch {
	case format == string(export.Brat) && ff.out == "":
		return fmt.Errorf("%w: --format brat writes a folder: name it with --out DIR", ErrConfig)
	case format != string(export.Brat) && ff.out != "":
		return fmt.Errorf("%w: --out is for --format brat; the format %s writes to standard output", ErrConfig, format)
	case ff.force && ff.out == "":
		return fmt.Errorf("%w: --force is for writing into the --out folder; give --out", ErrConfig)
	}
	return nil
}

func newTagCmd(a *app) *cobra.Command {
	var ff folderFlags
	cmd := &cobra.Command{
		Use:   "tag [flags] [PATH...]",
		Short: "Tag documents and print tagged sentences and document facets",
		Long: `Tag reads documents from files, folders (recursively) and "-" (standard input) and
prints each document's facets and its sentences with their tags, in input order.

Formats: plain text and Markdown, HTML pages, JSON Lines ({"id","title","text"} per line),
PubMed MEDLINE exports and PubMed XML. With no PATH it tags the corpus folder of the
configuration (the five seed documents in corpus/seeds).

Output (--format): jsonl, table, csv, safety; for curation tools bioc-xml and bioc-json (a
BioC collection: passages by section, one annotation per tag with infons facet, value,
status, rule and cue), pubtator (title and abstract lines, then one line per tag) and brat
(a folder, --out DIR: ID.txt and ID.ann per document and annotation.conf; the folder must
be new or empty unless --force). Their offsets count characters, not bytes.

Exit status: 0 when every input was tagged, 1 when some were skipped (each is named on
stderr with the reason), 2 on a usage or configuration error.`,
		Example: `  trialtag tag                                 # the shipped corpus
  trialtag tag --format table abstracts/
  trialtag tag --format csv export.medline > tags.csv
  cat page.html | trialtag tag -
  trialtag tag --format bioc-xml abstracts/ > abstracts.bioc.xml
  trialtag tag --format brat --out curation/ abstracts/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runTag(cmd, args, ff)
		},
	}
	f := cmd.Flags()
	addConfigFlag(f, "format")
	addConfigFlag(f, "workers")
	addConfigFlag(f, "max_doc_size")
	addFolderFlags(cmd, &ff)
	return cmd
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (a *app) runTag(cmd *cobra.Command, args []string, ff folderFlags) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	format := a.cfg.Format
	if format == "" {
		format = "jsonl"
		if isTerminal(a.stdout) {
			format = "table"
		}
	}
	if err := ff.check(format); err != nil {
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
	maxDoc, _ := ParseSize(a.cfg.MaxDocSize)
	opts := corpus.Options{MaxDocBytes: maxDoc, Stdin: a.stdin}
	var prog *progress
	if isTerminal(a.stderr) {
		prog = newProgress(a.stderr)
	}
	var stats tagStats
	if format == string(export.Brat) {
		var folder *export.BratFolder
		if folder, err = openBratFolder(ff); err != nil {
			return err
		}
		stats, err = tagToBrat(cmd.Context(), c, paths, opts, a.cfg.Workers, folder, a.stderr, prog)
		if err == nil {
			fmt.Fprintf(a.stdout, "wrote %d documents to %s (brat: ID.txt, ID.ann, %s)\n", folder.Len(), folder.Dir(), export.BratConfName)
		}
	} else {
		var f formatter
		if f, err = newFormatter(format, isTerminal(a.stdout)); err != nil {
			return err
		}
		stats, err = tagAll(cmd.Context(), c, paths, opts, a.cfg.Workers, f, a.stdout, a.stderr, prog)
	}
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
	first := true
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
			if writeErr == nil && !first {
				_, writeErr = bw.Write(f.separator())
			}
			if writeErr == nil {
				_, writeErr = bw.Write(o.b)
				first = false
			}
			if prog != nil {
				prog.add(len(doc.Text))
			}
		})
	if writeErr == nil {
		_, writeErr = bw.Write(f.footer())
	}
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

// openBratFolder creates the --out folder for brat files, refusing one that holds files
// unless --force.
func openBratFolder(ff folderFlags) (*export.BratFolder, error) {
	folder, err := export.CreateBratFolder(ff.out, ff.force)
	if errors.Is(err, export.ErrFolderNotEmpty) {
		return nil, fmt.Errorf("%w: %w; name a new or empty folder, or give --force to write into it", ErrConfig, err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	return folder, nil
}

// tagToBrat tags every document from paths, like tagAll, and writes each into folder as
// brat files, in input order.
func tagToBrat(ctx context.Context, c *classifier.Classifier, paths []string, opts corpus.Options, workers int,
	folder *export.BratFolder, errw io.Writer, prog *progress) (tagStats, error) {
	type output struct {
		b   *export.BratFile
		err error
	}
	var writeErr error
	stats, loadErr := tagEachDoc(corpus.Load(ctx, paths, opts), workers, errw,
		func(doc *corpus.Document) output {
			defer bigDocScope(doc)()
			b, err := export.EncodeBrat(c.Tag(doc))
			return output{b, err}
		},
		func(doc *corpus.Document, o output) {
			if writeErr == nil {
				writeErr = o.err
			}
			if writeErr == nil {
				writeErr = folder.Write(o.b)
			}
			if prog != nil {
				prog.add(len(doc.Text))
			}
		})
	if loadErr != nil {
		return stats, loadErr
	}
	if writeErr != nil {
		return stats, fmt.Errorf("writing brat files: %w", writeErr)
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
