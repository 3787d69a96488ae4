package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/watch"
)

func newIndexCmd(a *app) *cobra.Command {
	var prune, reindex, watchFlag bool
	cmd := &cobra.Command{
		Use:   "index [flags] [PATH...]",
		Short: "Tag documents and add them to the search index",
		Long: `Index tags documents (files, folders, "-"; the same formats as "trialtag tag") and adds
them to the search index in --index (default .trialtag/index), creating it if needed. With no
PATH it indexes the corpus folder of the configuration (corpus/seeds).

It is incremental: a document whose content and rule set are unchanged is skipped, a
changed one is replaced. After a rule change every document read is tagged again, and the
summary says how many documents of other paths still carry the old tags. --prune removes
the documents under the given paths whose files are gone. --reindex deletes the index and
builds it again from the given paths: needed when the index was built by an older trialtag
(another mapping), or to rebuild a damaged index; it keeps the alert log, and documents
indexed again unchanged are not alerted again. Without --reindex a damaged, locked or
foreign folder is reported and left exactly as it is.

Every document added or updated runs through the saved searches (searches.yaml beside the
config file, or --searches FILE; see "trialtag searches"), and what they match is recorded
in the index folder as alerts ("trialtag alerts"). Without saved searches nothing of this
happens.

--watch keeps running after the first pass: files that land under the paths afterwards
(new ones, changed ones, new folders) are tagged, indexed and run through the saved searches
as they arrive. A file is read once its size and modification time have stayed the same
for a quiet window (300 ms), so a file still being written waits; hidden files and names
ending in ~ are never read, so writing to ".name.part" and renaming into place works too. A
file is not read again until it changes. Ctrl-C or SIGTERM stops the watch and closes the
index.

Exit status: 0 when every input was indexed, 1 when some were skipped (each is named on
stderr with the reason), 2 on a usage, configuration or index error.`,
		Example: `  trialtag index                          # the shipped corpus into .trialtag/index
  trialtag index --index /tmp/ix abstracts/ export.medline
  trialtag index --prune abstracts/       # also drop documents whose files were deleted
  trialtag index --reindex                # rebuild from scratch
  trialtag index --watch inbox/           # index what lands in inbox/ until Ctrl-C`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runIndex(cmd, args, prune, reindex, watchFlag)
		},
	}
	addIndexFlag(cmd, a)
	f := cmd.Flags()
	f.BoolVar(&prune, "prune", false, "remove documents under the given paths whose files are gone")
	f.BoolVar(&reindex, "reindex", false, "delete the index and build it again (after an upgrade, or when it is damaged)")
	f.BoolVar(&watchFlag, "watch", false, "after indexing, keep indexing new and changed files under the paths until Ctrl-C")
	addConfigFlag(f, "workers")
	addConfigFlag(f, "max_doc_size")
	addConfigFlag(f, "searches")
	addConfigFlag(f, "memory_limit")
	addConfigFlag(f, "shards")
	return cmd
}

// addIndexFlag adds --index to a command that uses the index.
func addIndexFlag(cmd *cobra.Command, a *app) {
	addConfigFlag(cmd.Flags(), "index")
}

// indexSummary is what one run of "trialtag index" did.
type indexSummary struct {
	index.UpdateStats
	Skipped  int
	Reasons  map[string]int // why inputs were skipped (corpus.SkipKind labels), with how many each
	Pruned   int
	Outdated uint64 // documents still tagged with other rules
	Stats    index.Stats
	// Searches is how many saved searches ran, from SearchesFile.
	Searches     int
	SearchesFile string
}

func (a *app) runIndex(cmd *cobra.Command, args []string, prune, reindex, watchFlag bool) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	a.applyMemoryLimit()
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	paths, err := a.pathsOrCorpus(args)
	if err != nil {
		return err
	}
	ss, err := a.loadSearches(c)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	var (
		fw      *fileWatcher
		settler *watch.Settler
	)
	if watchFlag {
		if slices.Contains(paths, "-") {
			return fmt.Errorf("%w: --watch watches files and folders, not standard input (-)", ErrConfig)
		}
		// Watch before the first pass, and note what each file is before it is read: a
		// file that changes while the first pass runs is read again, one that does not is
		// never read twice.
		warn := func(format string, args ...any) { fmt.Fprintf(a.stderr, "trialtag: "+format+"\n", args...) }
		if fw, err = newFileWatcher(paths, warn); err != nil {
			return err
		}
		defer fw.w.Close() // when the first pass fails; closing twice is harmless
		settler = watch.New(indexDebounce, nil)
		for _, f := range fw.all() {
			settler.Seen(f)
		}
	}
	dir := a.cfg.Index
	meta := index.Meta{MappingVersion: index.MappingVersion, RulesFingerprint: c.RuleSet().Fingerprint, Shards: a.cfg.Shards}
	if reindex {
		kept, err := removeIndex(dir)
		if err != nil {
			return err
		}
		if kept > 0 {
			fmt.Fprintf(a.stderr, "trialtag: rebuilding %s: kept its %d alerts (%s); documents indexed again unchanged are not alerted again\n",
				dir, kept, index.AlertsFile)
		}
	}
	ix, err := index.OpenOrCreate(dir, meta)
	if err != nil {
		return explainOpenError(dir, err)
	}
	defer ix.Close()
	ix.SetPercolator(ss.perc)
	if ix.MappingStale() {
		return fmt.Errorf("index %s %s; rebuild it with: trialtag index --reindex", dir, staleMapping(ix))
	}
	if n := ix.Meta().Shards; meta.Shards != 0 && n != meta.Shards {
		fmt.Fprintf(a.stderr, "trialtag: %s has %d shards, fixed when it was built: --reindex builds it with %d\n", dir, n, meta.Shards)
	}
	if ix.Meta().RulesFingerprint != meta.RulesFingerprint {
		fmt.Fprintf(a.stderr, "trialtag: the rules changed since %s was built: documents read now are tagged again\n", dir)
		if err := ix.SetMeta(meta); err != nil {
			return err
		}
	}
	sum, err := a.indexPaths(ctx, ix, c, paths)
	if err != nil {
		return err
	}
	sum.Searches, sum.SearchesFile = ss.perc.Len(), ss.path
	if prune {
		n, err := ix.Prune(keepUnder(paths))
		if err != nil {
			return err
		}
		sum.Pruned = n
	}
	if sum.Outdated, err = ix.Outdated(); err != nil {
		return err
	}
	if sum.Stats, err = ix.Stats(); err != nil {
		return err
	}
	printIndexSummary(a.stdout, dir, sum)
	if sum.Outdated > 0 {
		what := fmt.Sprintf("%d documents of other paths are", sum.Outdated)
		if sum.Outdated == 1 {
			what = "1 document of another path is"
		}
		fmt.Fprintf(a.stderr, "trialtag: %s still tagged with older rules: index those paths again, or rebuild with --reindex\n", what)
	}
	if sum.Skipped > 0 {
		a.code = exitSkipped
	}
	if fw != nil {
		if a.watching != nil {
			a.watching()
		}
		return a.watchIndex(ctx, ix, c, fw, settler)
	}
	return nil
}

// indexPaths tags and indexes the documents of paths, reporting skipped inputs on stderr
// and progress on a terminal.
func (a *app) indexPaths(ctx context.Context, ix *index.Index, c *classifier.Classifier, paths []string) (indexSummary, error) {
	var sum indexSummary
	maxDoc, _ := ParseSize(a.cfg.MaxDocSize)
	opts := corpus.Options{MaxDocBytes: maxDoc, Stdin: a.stdin}
	var prog *progress
	if isTerminal(a.stderr) {
		prog = newProgress(a.stderr)
	}
	var loadErr error
	// docs runs on TagAndUpdate's feeding goroutine, which ends before TagAndUpdate returns.
	docs := func(yield func(*corpus.Document) bool) {
		for doc, err := range corpus.Load(ctx, paths, opts) {
			if err != nil {
				var skip *corpus.SkipError
				if errors.As(err, &skip) {
					if prog != nil {
						prog.done()
					}
					fmt.Fprintf(a.stderr, "trialtag: %v\n", err)
					sum.Skipped++
					if sum.Reasons == nil {
						sum.Reasons = map[string]int{}
					}
					sum.Reasons[skip.Kind.String()]++
					continue
				}
				loadErr = err
				return
			}
			if prog != nil {
				prog.add(len(doc.Text))
			}
			if !yield(doc) {
				return
			}
		}
	}
	st, err := ix.TagAndUpdate(ctx, c, docs, a.cfg.Workers)
	if prog != nil {
		prog.done()
	}
	sum.UpdateStats = st
	if err == nil {
		err = loadErr
	}
	return sum, err
}

func printIndexSummary(w io.Writer, dir string, s indexSummary) {
	fmt.Fprintf(w, "indexed into %s: %d added, %d updated, %d unchanged, %d skipped", dir, s.Added, s.Updated, s.Unchanged, s.Skipped)
	if len(s.Reasons) > 0 {
		reasons := make([]string, 0, len(s.Reasons))
		for r, n := range s.Reasons {
			reasons = append(reasons, fmt.Sprintf("%d %s", n, r))
		}
		sort.Strings(reasons)
		fmt.Fprintf(w, " (%s)", strings.Join(reasons, ", "))
	}
	if s.Pruned > 0 {
		fmt.Fprintf(w, ", %d pruned", s.Pruned)
	}
	fmt.Fprintf(w, "\nthe index holds %d documents (%d tagged sentences), %s on disk\n", s.Stats.Documents, s.Stats.Sentences, humanBytes(s.Stats.DiskBytes))
	if s.Searches > 0 {
		fmt.Fprintf(w, "%d saved searches (%s) ran on %d documents: %d new alerts (trialtag alerts)\n",
			s.Searches, s.SearchesFile, s.Percolated, s.Alerts)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// keepUnder returns the keep function of --prune: a document stays unless its source is a
// file under one of paths (or one of them) that no longer exists. Documents from other
// paths, and from standard input, are never pruned.
func keepUnder(paths []string) func(id, source string) bool {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
	var roots []string
	for _, p := range paths {
		if p != "-" {
			roots = append(roots, abs(p))
		}
	}
	return func(_, source string) bool {
		if source == "-" || source == "" {
			return true
		}
		file := source
		if _, err := os.Lstat(file); err == nil {
			return true
		}
		// "path:line" is a record of a multi-record file.
		if i := strings.LastIndexByte(source, ':'); i > 0 {
			if _, err := strconv.Atoi(source[i+1:]); err == nil {
				file = source[:i]
				if _, err := os.Lstat(file); err == nil {
					return true
				}
			}
		}
		file = abs(file)
		for _, r := range roots {
			if file == r || strings.HasPrefix(file, strings.TrimSuffix(r, string(filepath.Separator))+string(filepath.Separator)) {
				return false
			}
		}
		return true
	}
}

// removeIndex deletes the index in dir for --reindex, keeping its alert log, and returns
// how many alerts it kept; a folder that holds no index needs nothing.
func removeIndex(dir string) (int, error) {
	if empty, err := index.IsEmpty(dir); err != nil || empty {
		return 0, err
	}
	kept, err := index.Clear(dir)
	if err != nil {
		return 0, explainOpenError(dir, err)
	}
	return kept, nil
}

// explainOpenError adds to an error opening the index what the user can do about it.
func explainOpenError(dir string, err error) error {
	switch {
	case errors.Is(err, index.ErrLocked):
		return fmt.Errorf("%w\n  another trialtag (a running \"trialtag serve\"?) has the index open; stop it, or use another --index", err)
	case errors.Is(err, index.ErrCorrupt):
		return fmt.Errorf("%w\n  the index was left as it is; rebuild it with \"trialtag index --reindex\" (which deletes it first), or restore it", err)
	case errors.Is(err, index.ErrNotIndex), errors.Is(err, index.ErrExists):
		return fmt.Errorf("%w\n  %s is not a trialtag index: choose another --index (or the config key index), or empty the folder yourself", err, dir)
	}
	return err
}

// openIndex opens the index for "search" and "serve". When there is none yet it builds
// one from the corpus folder of the configuration first, saying so on stderr. A stale
// index opens as it is, with a note on stderr.
func (a *app) openIndex(ctx context.Context, c *classifier.Classifier) (*index.Index, error) {
	dir := a.cfg.Index
	meta := index.Meta{MappingVersion: index.MappingVersion, RulesFingerprint: c.RuleSet().Fingerprint, Shards: a.cfg.Shards}
	if empty, err := index.IsEmpty(dir); err == nil && empty {
		return a.buildDefaultIndex(ctx, c, dir, meta)
	}
	// Read-only: any number of searches and servers may share an index; only "trialtag
	// index" writes.
	ix, err := index.OpenReadOnly(dir)
	if err != nil {
		return nil, explainOpenError(dir, err)
	}
	a.noteStale(ix, meta)
	return ix, nil
}

// staleMapping says how the mapping of a stale index differs.
func staleMapping(ix *index.Index) string {
	if v := ix.Meta().MappingVersion; v != index.MappingVersion {
		return fmt.Sprintf("was built by another version of trialtag (mapping version %d; this one writes %d)", v, index.MappingVersion)
	}
	return "was built with another index mapping than this trialtag writes"
}

// noteStale prints a note when the index was built with another mapping or rule set.
func (a *app) noteStale(ix *index.Index, meta index.Meta) {
	switch {
	case ix.MappingStale():
		fmt.Fprintf(a.stderr, "trialtag: note: index %s %s; results may be wrong or incomplete until you rebuild it with: trialtag index --reindex\n",
			ix.Dir(), staleMapping(ix))
	case ix.Meta().RulesFingerprint != meta.RulesFingerprint:
		fmt.Fprintf(a.stderr, "trialtag: note: index %s was tagged with other rules than those in use; documents keep their old tags until you run: trialtag index\n", ix.Dir())
	}
}

// buildDefaultIndex creates the index in dir from the corpus folder. A build that fails
// removes the index it started, which nobody else has seen.
func (a *app) buildDefaultIndex(ctx context.Context, c *classifier.Classifier, dir string, meta index.Meta) (*index.Index, error) {
	paths, err := a.pathsOrCorpus(nil)
	if err != nil {
		return nil, fmt.Errorf("no index in %s yet, and cannot build one: %w", dir, err)
	}
	ss, err := a.loadSearches(c)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(a.stderr, "trialtag: no index in %s yet: indexing %s first\n", dir, strings.Join(paths, ", "))
	ix, err := index.Create(dir, meta)
	if err != nil {
		return nil, explainOpenError(dir, err)
	}
	ix.SetPercolator(ss.perc)
	sum, err := a.indexPaths(ctx, ix, c, paths)
	sum.Searches, sum.SearchesFile = ss.perc.Len(), ss.path
	if err == nil {
		sum.Stats, err = ix.Stats()
	}
	if err != nil {
		_ = ix.Close()
		_, _ = index.Clear(dir) // the new index, not an alert log kept from before
		return nil, err
	}
	printIndexSummary(a.stderr, dir, sum)
	if err := ix.Close(); err != nil {
		return nil, fmt.Errorf("closing the new index %s: %w", dir, err)
	}
	ix, err = index.OpenReadOnly(dir)
	if err != nil {
		return nil, explainOpenError(dir, err)
	}
	return ix, nil
}
