package classifier_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"
)

// coreFacets must keep F1 ≥ 0.9 on the hand-annotated evaluation set (testdata/eval).
var coreFacets = []string{"antigen", "crs", "crs_grade", "icans", "icans_grade", "toxicity_treatment", "remission"}

// goldDocuments reads the documents of the gold ids of the evaluation set in dir: our own
// texts, docs/<id>.txt, and the others through refs.jsonl from the shared data. With
// ownOnly it reads only docs/; otherwise it skips t when the shared data is absent.
func goldDocuments(t *testing.T, dir string, gold map[string]map[string][]string, ownOnly bool) map[string]*corpus.Document {
	t.Helper()
	docs := map[string]*corpus.Document{}
	for id := range gold {
		b, err := os.ReadFile(filepath.Join(dir, "docs", id+".txt"))
		if err == nil {
			docs[id] = &corpus.Document{ID: id, Text: string(b)}
			continue
		}
		if !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if ownOnly || len(docs) == len(gold) {
		return docs
	}
	refs, err := corpus.ReadRefsFile(filepath.Join(dir, "refs.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	data := shareddata.Dir(t)
	for doc, err := range corpus.LoadRefs(context.Background(), refs, data, corpus.Options{}) {
		if err != nil {
			t.Fatalf("evaluation reference: %v", err)
		}
		if _, ok := docs[doc.ID]; ok {
			t.Fatalf("%s is both in docs/ and in refs.jsonl", doc.ID)
		}
		docs[doc.ID] = doc
	}
	for id := range gold {
		if docs[id] == nil {
			t.Fatalf("gold document %s is neither in %s/docs nor in its refs.jsonl", id, dir)
		}
	}
	return docs
}

func readGold(t *testing.T, path string) map[string]map[string][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := evaluate.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

// TestGoldF1 tags the evaluation documents and compares their facets with the gold file.
// It needs the shared data, which holds the third-party documents of the set.
func TestGoldF1(t *testing.T) {
	scoreGold(t, "../testdata/eval", 60, false)
}

// TestGoldOwnTexts scores the documents of the evaluation set that this project wrote (no
// shared data needed), so that the gate holds on a machine without it.
func TestGoldOwnTexts(t *testing.T) {
	scoreGold(t, "../testdata/eval", 25, true)
}

// scoreGold scores the evaluation set in dir (or only its own texts) and fails when a core
// facet's F1 is below 0.9 or the set holds fewer than minDocs documents.
func scoreGold(t *testing.T, dir string, minDocs int, ownOnly bool) {
	t.Helper()
	gold := readGold(t, filepath.Join(dir, "gold.jsonl"))
	docs := goldDocuments(t, dir, gold, ownOnly)
	if len(docs) < minDocs {
		t.Fatalf("the evaluation set holds %d documents; it needs at least %d", len(docs), minDocs)
	}
	c := testrules.Default(t)
	pred := map[string]map[string][]string{}
	var ids []string
	for id, doc := range docs {
		pred[id] = c.Tag(doc).Facets
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rep := evaluate.Compare(gold, pred, ids)
	var lines []string
	for _, fs := range rep.Facets {
		lines = append(lines, fs.Facet+": "+strings.TrimSpace(formatScores(fs.Scores)))
	}
	t.Logf("%d documents\n%s\nmicro %s", rep.Documents, strings.Join(lines, "\n"), formatScores(rep.Micro))
	for _, name := range coreFacets {
		fs, ok := rep.Facet(name)
		if !ok {
			t.Errorf("facet %s is not in the report", name)
			continue
		}
		if fs.F1 < 0.9 {
			var errs []string
			for _, m := range rep.FalsePositives {
				if m.Facet == name {
					errs = append(errs, "FP "+m.Doc+" "+m.Value)
				}
			}
			for _, m := range rep.FalseNegatives {
				if m.Facet == name {
					errs = append(errs, "FN "+m.Doc+" "+m.Value)
				}
			}
			t.Errorf("%s F1 %.3f < 0.9 (run trialtag eval --gold %s/gold.jsonl --refs %s/refs.jsonl %s/docs for evidence):\n  %s",
				name, fs.F1, dir, dir, dir, strings.Join(errs, "\n  "))
		}
	}
}

func formatScores(s evaluate.Scores) string {
	return strings.Join([]string{
		"P " + ftoa(s.Precision), "R " + ftoa(s.Recall), "F1 " + ftoa(s.F1),
	}, "  ")
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }
