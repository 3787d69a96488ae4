package scalebench

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/trialtag/trialtag/corpus"
)

// memSource is a source over documents held in the test, which counts what it was asked
// for: passes started and documents handed out.
type memSource struct {
	name     string
	docs     []*corpus.Document
	errAt    map[int]error // an error yielded before the document at that index
	passes   int
	produced int
}

func newMemSource(name string, ids ...string) *memSource {
	s := &memSource{name: name}
	for _, id := range ids {
		s.docs = append(s.docs, &corpus.Document{ID: id, Title: "Title of " + id, Text: "Text of " + id + ".", Kind: "k-" + id})
	}
	return s
}

func (s *memSource) source() Source {
	return Source{Name: s.name, Pass: func(context.Context) iter.Seq2[*corpus.Document, error] {
		s.passes++
		return func(yield func(*corpus.Document, error) bool) {
			for i, d := range s.docs {
				if err := s.errAt[i]; err != nil && !yield(nil, err) {
					return
				}
				s.produced++
				if !yield(d, nil) {
					return
				}
			}
		}
	}}
}

// collect runs Generate to the end and returns the documents and every error.
func collect(t *testing.T, ctx context.Context, n int, sources ...Source) ([]*corpus.Document, []error) {
	t.Helper()
	var docs []*corpus.Document
	var errs []error
	for d, err := range Generate(ctx, n, sources) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		docs = append(docs, d)
	}
	return docs, errs
}

func TestGenerateExactCountAndFreshIDs(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 10, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			src := newMemSource("mem", "A", "B", "C")
			docs, errs := collect(t, t.Context(), n, src.source())
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(docs) != n {
				t.Fatalf("%d documents, want %d", len(docs), n)
			}
			seen := map[string]bool{}
			for i, d := range docs {
				base := src.docs[i%3]
				if want := FreshID(base.ID, i); d.ID != want {
					t.Errorf("document %d: id %q, want %q", i, d.ID, want)
				}
				if seen[d.ID] {
					t.Errorf("document %d: id %q given twice", i, d.ID)
				}
				seen[d.ID] = true
				if d.Text != base.Text || d.Title != base.Title || d.Kind != base.Kind {
					t.Errorf("document %d: %q/%q/%q, want the copy of %q", i, d.Title, d.Text, d.Kind, base.ID)
				}
			}
			for _, d := range src.docs {
				if len(d.ID) != 1 {
					t.Errorf("the source's document was changed: id %q", d.ID)
				}
			}
			if want := (n + 2) / 3; src.passes != want {
				t.Errorf("%d passes over the source, want %d", src.passes, want)
			}
		})
	}
}

func TestFreshIDUniqueAcrossRepeatedBaseIDs(t *testing.T) {
	// A source that repeats an id, and ids that look like fresh ones already.
	src := newMemSource("mem", "X", "X", "X-r000001", "X-r000001-r000002")
	docs, errs := collect(t, t.Context(), 40, src.source())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	slices.Sort(ids)
	if c := slices.Compact(slices.Clone(ids)); len(c) != len(ids) {
		t.Fatalf("%d distinct ids of %d", len(c), len(ids))
	}
}

func TestGenerateStreams(t *testing.T) {
	// The generator reads no further than the document it hands on: after each document
	// the source has produced exactly as many as were handed on.
	src := newMemSource("mem", "A", "B", "C", "D")
	got := 0
	for d, err := range Generate(t.Context(), 1_000_000, []Source{src.source()}) {
		if err != nil {
			t.Fatal(err)
		}
		got++
		if src.produced != got {
			t.Fatalf("after %d documents (%s) the source produced %d", got, d.ID, src.produced)
		}
		if got == 10 {
			break
		}
	}
	if src.passes != 3 {
		t.Errorf("%d passes for 10 documents of 4, want 3", src.passes)
	}
}

func TestGenerateMixedTakesTurns(t *testing.T) {
	a := newMemSource("a", "A1", "A2")
	b := newMemSource("b", "B1", "B2", "B3")
	docs, errs := collect(t, t.Context(), 9, a.source(), b.source())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for i, d := range docs {
		got = append(got, d.Title[len("Title of "):])
		if d.ID != FreshID(got[i], i) {
			t.Errorf("document %d: id %q", i, d.ID)
		}
	}
	want := []string{"A1", "B1", "A2", "B2", "A1", "B3", "A2", "B1", "A1"}
	if !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

func TestGenerateSkipsAndErrors(t *testing.T) {
	skip := &corpus.SkipError{Source: "mem", Line: 2, Reason: "unreadable"}
	broken := errors.New("disk on fire")

	t.Run("skips pass by and do not count", func(t *testing.T) {
		src := newMemSource("mem", "A", "B")
		src.errAt = map[int]error{1: skip}
		docs, errs := collect(t, t.Context(), 5, src.source())
		if len(docs) != 5 {
			t.Errorf("%d documents, want 5", len(docs))
		}
		if len(errs) != 2 {
			t.Fatalf("errors %v, want two skips", errs)
		}
		for _, err := range errs {
			if !errors.Is(err, skip) {
				t.Errorf("error %v, want the skip", err)
			}
		}
	})
	t.Run("another error ends it", func(t *testing.T) {
		src := newMemSource("mem", "A", "B")
		src.errAt = map[int]error{1: broken}
		docs, errs := collect(t, t.Context(), 5, src.source())
		if len(docs) != 1 || len(errs) != 1 || !errors.Is(errs[0], broken) {
			t.Fatalf("%d documents, errors %v; want 1 and the source's error", len(docs), errs)
		}
	})
	t.Run("an empty source", func(t *testing.T) {
		docs, errs := collect(t, t.Context(), 5, newMemSource("mem").source())
		if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrEmptySource) {
			t.Fatalf("%d documents, errors %v; want ErrEmptySource", len(docs), errs)
		}
	})
	t.Run("a source of skips only", func(t *testing.T) {
		only := Source{Name: "skips", Pass: func(context.Context) iter.Seq2[*corpus.Document, error] {
			return func(yield func(*corpus.Document, error) bool) { yield(nil, skip) }
		}}
		_, errs := collect(t, t.Context(), 5, only)
		if len(errs) != 2 || !errors.Is(errs[0], skip) || !errors.Is(errs[1], ErrEmptySource) {
			t.Fatalf("errors %v; want the skip, then ErrEmptySource", errs)
		}
	})
	t.Run("no source", func(t *testing.T) {
		_, errs := collect(t, t.Context(), 5)
		if len(errs) != 1 || !errors.Is(errs[0], ErrEmptySource) {
			t.Fatalf("errors %v; want ErrEmptySource", errs)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		docs, errs := collect(t, ctx, 5, newMemSource("mem", "A").source())
		if len(docs) != 0 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Fatalf("%d documents, errors %v; want context.Canceled", len(docs), errs)
		}
	})
}

// writeData writes a tiny shared data folder: two registry records and two articles, all
// made up for this test, and a licence file that is no document.
func writeData(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"ctgov/records.jsonl": `{"id": "NCT09990001", "title": "Made-up trial one", "text": "A made-up phase 2 study of drug Q in adults with lymphoma. Patients receive drug Q weekly."}
{"id": "NCT09990002", "title": "Made-up trial two", "text": "This invented study asks whether exercise helps patients with asthma sleep."}
`,
		"ctgov/notes.txt":  "not a registry file",
		"pmc-rct/PMC1.txt": "TITLE:\nAn invented randomised trial\n\nABSTRACT.RESULTS:\nGrade 2 CRS occurred in 3 of 20 patients treated with the invented product.\n",
		"pmc-rct/PMC2.txt": "TITLE:\nAnother invented trial\n\nABSTRACT.METHODS:\nWe randomised 50 patients with cancer to two doses.\n",
		"pmc-rct/LICENSE":  "Licence text that must not be indexed.\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestOpenSources(t *testing.T) {
	data := writeData(t)
	tests := []struct {
		source string
		want   []string // base ids in order
	}{
		{SourceCtgov, []string{"NCT09990001", "NCT09990002", "NCT09990001"}},
		{SourcePMCRCT, []string{"PMC1", "PMC2", "PMC1"}},
		{SourceMixed, []string{"NCT09990001", "PMC1", "NCT09990002", "PMC2", "NCT09990001"}},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			sources, err := OpenSources(data, tt.source)
			if err != nil {
				t.Fatal(err)
			}
			docs, errs := collect(t, t.Context(), len(tt.want), sources...)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			for i, d := range docs {
				if want := FreshID(tt.want[i], i); d.ID != want {
					t.Errorf("document %d: id %q, want %q", i, d.ID, want)
				}
				// A registry record stays one under its new id: the kind is read at load
				// time from the original NCT number, and it changes how rules tag.
				registry := d.Kind == corpus.KindRegistry
				if wantRegistry := tt.want[i][:3] == "NCT"; registry != wantRegistry {
					t.Errorf("document %d (%s): kind %q", i, d.ID, d.Kind)
				}
			}
		})
	}
	t.Run("unknown source", func(t *testing.T) {
		if _, err := OpenSources(data, "pubmed"); err == nil {
			t.Fatal("no error")
		}
	})
	t.Run("missing folder", func(t *testing.T) {
		if _, err := OpenSources(t.TempDir(), SourceCtgov); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("error %v, want one that wraps ErrNotExist", err)
		}
	})
	t.Run("folder without records", func(t *testing.T) {
		empty := t.TempDir()
		if err := os.Mkdir(filepath.Join(empty, "ctgov"), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := OpenSources(empty, SourceCtgov); !errors.Is(err, ErrEmptySource) {
			t.Fatalf("error %v, want ErrEmptySource", err)
		}
	})
}
