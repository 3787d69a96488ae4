package scalebench

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/index"
)

// TestRunSmall runs the whole benchmark on a tiny made-up corpus: every phase, every
// query, two clients.
func TestRunSmall(t *testing.T) {
	sources, err := OpenSources(writeData(t), SourceMixed)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "index")
	var progress strings.Builder
	rep, err := Run(t.Context(), Config{
		Sources: sources, Source: SourceMixed, N: 12, Dir: dir,
		Repeat: 2, Clients: 2, Progress: &progress,
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := DefaultQueries()
	c, ix, q := rep.Corpus, rep.Index, rep.Queries
	switch {
	case c.Documents != 12 || ix.Documents != 12:
		t.Errorf("%d documents generated, %d indexed; want 12", c.Documents, ix.Documents)
	case c.InputBytes <= 0 || ix.DiskBytes <= 0 || ix.DiskPerInput <= 0:
		t.Errorf("input %d bytes, disk %d bytes, ratio %v", c.InputBytes, ix.DiskBytes, ix.DiskPerInput)
	case ix.Seconds <= 0 || ix.DocsPerSecond <= 0:
		t.Errorf("indexing %v s, %v docs/s", ix.Seconds, ix.DocsPerSecond)
	case len(q.Queries) != len(queries) || q.Runs != 2*len(queries) || q.Overall.Runs != q.Runs:
		t.Errorf("%d queries, %d runs (overall %d); want %d and %d", len(q.Queries), q.Runs, q.Overall.Runs, len(queries), 2*len(queries))
	case len(q.Classes) != 10:
		t.Errorf("%d classes, want 5 × 2 facet counts", len(q.Classes))
	}
	total := func(label, facets string) uint64 {
		for _, ql := range q.Queries {
			if ql.Label == label && ql.Facets == facets {
				return ql.Total
			}
		}
		t.Fatalf("no query %s (facets %s)", label, facets)
		return 0
	}
	if n := total(`"*"`, "5"); n != 12 {
		t.Errorf(`"*" found %d documents, want 12`, n)
	}
	// Only the second article speaks of cancer: documents 3, 7 and 11 of the mixed corpus.
	if n := total(`"cancer"`, FacetsNone); n != 3 {
		t.Errorf(`"cancer" found %d documents, want 3`, n)
	}
	if !strings.Contains(progress.String(), "read 12/12 documents") {
		t.Errorf("progress:\n%s", progress.String())
	}
	var text strings.Builder
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "mixed (ctgov + pmc-rct): 12 documents") {
		t.Errorf("report:\n%s", text.String())
	}
	// The index is left for the caller, whole.
	reopened, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
}

func TestRunRefuses(t *testing.T) {
	sources, err := OpenSources(writeData(t), SourceCtgov)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("no documents", func(t *testing.T) {
		if _, err := Run(t.Context(), Config{Sources: sources, N: 0, Dir: t.TempDir()}); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("a folder that holds something", func(t *testing.T) {
		dir := writeData(t)
		_, err := Run(t.Context(), Config{Sources: sources, N: 3, Dir: dir})
		if !errors.Is(err, index.ErrExists) {
			t.Fatalf("error %v, want ErrExists", err)
		}
	})
	t.Run("a bad query", func(t *testing.T) {
		bad := []Query{{Class: ClassFilter, Request: index.Request{Query: "*", Filters: []string{"nosuchfacet=1"}}}}
		_, err := Run(t.Context(), Config{Sources: sources, N: 3, Dir: filepath.Join(t.TempDir(), "index"), Queries: bad})
		if !errors.Is(err, index.ErrBadQuery) || !strings.Contains(err.Error(), "nosuchfacet") {
			t.Fatalf("error %v, want a bad query naming the filter", err)
		}
	})
}
