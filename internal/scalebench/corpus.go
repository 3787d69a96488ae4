package scalebench

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/trialtag/trialtag/corpus"
)

// Source is a base collection of documents that [Generate] repeats.
type Source struct {
	// Name names the source in errors and reports.
	Name string
	// Pass yields every document of the collection once, in a fixed order, and ends; it
	// may yield a *corpus.SkipError for an input it could not read, as [corpus.Load] does.
	// Generate calls it again for every further pass, so it must read afresh each time
	// rather than hold the collection.
	Pass func(ctx context.Context) iter.Seq2[*corpus.Document, error]
}

// Source names accepted by [OpenSources].
const (
	SourceCtgov  = "ctgov"   // ClinicalTrials.gov records (ctgov/*.jsonl)
	SourcePMCRCT = "pmc-rct" // full texts of randomised-trial articles (pmc-rct/*.txt)
	SourceMixed  = "mixed"   // both, one document from each in turn
)

// SourceNames lists the names [OpenSources] accepts.
var SourceNames = []string{SourceCtgov, SourcePMCRCT, SourceMixed}

// ErrEmptySource is returned by [Generate] for a source whose pass yields no document: it
// could never make up a corpus.
var ErrEmptySource = errors.New("source yields no documents")

// OpenSources returns the sources that make up the corpus called name, read from the
// shared data folder data (see the folder's README.md): ctgov, pmc-rct or mixed. It checks
// that their files exist; it reads no document.
func OpenSources(data, name string) ([]Source, error) {
	ctgov := func() (Source, error) { return fileSource(data, SourceCtgov, "ctgov", ".jsonl") }
	pmc := func() (Source, error) { return fileSource(data, SourcePMCRCT, "pmc-rct", ".txt") }
	var makers []func() (Source, error)
	switch name {
	case SourceCtgov:
		makers = append(makers, ctgov)
	case SourcePMCRCT:
		makers = append(makers, pmc)
	case SourceMixed:
		makers = append(makers, ctgov, pmc)
	default:
		return nil, fmt.Errorf("source %q: want one of %s", name, strings.Join(SourceNames, ", "))
	}
	var out []Source
	for _, mk := range makers {
		s, err := mk()
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// fileSource is the source of the files of data/folder whose names end in ext, read with
// [corpus.Load] in name order (a folder's other files, such as its LICENSE, are left out).
func fileSource(data, name, folder, ext string) (Source, error) {
	dir := filepath.Join(data, folder)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return Source{}, fmt.Errorf("source %s: %w", name, err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && strings.HasSuffix(e.Name(), ext) && !strings.HasPrefix(e.Name(), ".") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	if len(files) == 0 {
		return Source{}, fmt.Errorf("source %s: no %s files in %s: %w", name, ext, dir, ErrEmptySource)
	}
	slices.Sort(files)
	return Source{
		Name: name,
		Pass: func(ctx context.Context) iter.Seq2[*corpus.Document, error] {
			return corpus.Load(ctx, files, corpus.Options{})
		},
	}, nil
}

// FreshID is the id [Generate] gives the document at position seq (from 0) of the corpus
// whose base id is id: id, "-r" and seq in at least six digits ("NCT00000116-r000123").
// Since every position is different, so is every id, whatever ids the sources repeat.
func FreshID(id string, seq int) string {
	return fmt.Sprintf("%s-r%06d", id, seq)
}

// Generate yields exactly n documents (none when n ≤ 0): one from each source in turn,
// each source starting a new pass when its last one ended, every document a copy of the
// source's under the id [FreshID] gives its position. Everything else (title, text, meta,
// kind, source) is the source's, so the documents tag as the originals do.
//
// It holds one document per source at a time: memory does not depend on n. Like
// [corpus.Load] it yields a *corpus.SkipError for an input a source could not read and
// goes on (skips do not count towards n); any other error, and a pass that yields no
// document at all ([ErrEmptySource]), is yielded last. When ctx is cancelled it yields the
// context's error and stops.
func Generate(ctx context.Context, n int, sources []Source) iter.Seq2[*corpus.Document, error] {
	return func(yield func(*corpus.Document, error) bool) {
		if n <= 0 {
			return
		}
		if len(sources) == 0 {
			yield(nil, fmt.Errorf("generating %d documents: no source: %w", n, ErrEmptySource))
			return
		}
		cursors := make([]*cursor, len(sources))
		for i, s := range sources {
			cursors[i] = &cursor{src: s}
		}
		defer func() {
			for _, c := range cursors {
				c.stop()
			}
		}()
		for seq := 0; seq < n; {
			if err := ctx.Err(); err != nil {
				yield(nil, fmt.Errorf("generating documents: %w", err))
				return
			}
			c := cursors[seq%len(cursors)]
			d, err := c.next(ctx)
			var skip *corpus.SkipError
			switch {
			case errors.As(err, &skip):
				if !yield(nil, err) {
					return
				}
				continue
			case err != nil:
				yield(nil, fmt.Errorf("generating document %d of %d: %w", seq+1, n, err))
				return
			}
			doc := *d
			doc.ID = FreshID(d.ID, seq)
			if !yield(&doc, nil) {
				return
			}
			seq++
		}
	}
}

// cursor walks a source pass after pass.
type cursor struct {
	src     Source
	pull    func() (*corpus.Document, error, bool)
	stopF   func()
	inPass  int // documents yielded in the current pass
	skipped int // skips in the current pass
}

// next returns the source's next document, starting a new pass when the current one has
// ended, or a skip, or an error.
func (c *cursor) next(ctx context.Context) (*corpus.Document, error) {
	for range 2 { // the rest of the current pass, then at most one new pass
		if c.pull == nil {
			c.pull, c.stopF = iter.Pull2(c.src.Pass(ctx))
			c.inPass, c.skipped = 0, 0
		}
		d, err, ok := c.pull()
		switch {
		case !ok:
			empty := c.inPass == 0
			c.stop()
			if empty {
				if c.skipped > 0 {
					return nil, fmt.Errorf("source %s: all %d inputs skipped: %w", c.src.Name, c.skipped, ErrEmptySource)
				}
				return nil, fmt.Errorf("source %s: %w", c.src.Name, ErrEmptySource)
			}
			continue
		case err != nil:
			var skip *corpus.SkipError
			if errors.As(err, &skip) {
				c.skipped++
				return nil, err
			}
			return nil, fmt.Errorf("source %s: %w", c.src.Name, err)
		case d == nil:
			return nil, fmt.Errorf("source %s: a pass yielded a nil document", c.src.Name)
		}
		c.inPass++
		return d, nil
	}
	// Unreachable: a new pass either yields, skips, fails or is empty.
	return nil, fmt.Errorf("source %s: %w", c.src.Name, ErrEmptySource)
}

// stop ends the current pass, if any.
func (c *cursor) stop() {
	if c.stopF != nil {
		c.stopF()
	}
	c.pull, c.stopF = nil, nil
}
