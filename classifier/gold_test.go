package classifier_test

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
)

// coreFacets must keep F1 ≥ 0.9 on the hand-annotated evaluation set (testdata/eval).
var coreFacets = []string{"antigen", "crs", "crs_grade", "icans", "icans_grade", "toxicity_treatment", "remission"}

// TestGoldF1 tags the evaluation documents and compares their facets with the gold file.
func TestGoldF1(t *testing.T) {
	const dir = "../testdata/eval"
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := evaluate.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) < 60 {
		t.Fatalf("the gold file holds %d documents; the evaluation set needs at least 60", len(gold))
	}
	c := defaultClassifier(t)
	pred := map[string]map[string][]string{}
	var ids []string
	for id := range gold {
		b, err := os.ReadFile(filepath.Join(dir, "docs", id+".txt"))
		if err != nil {
			t.Fatalf("gold document %s: %v", id, err)
		}
		pred[id] = c.Tag(&corpus.Document{ID: id, Text: string(b)}).Facets
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
			t.Errorf("%s F1 %.3f < 0.9 (run trialtag eval --gold testdata/eval/gold.jsonl testdata/eval/docs for evidence):\n  %s",
				name, fs.F1, strings.Join(errs, "\n  "))
		}
	}
}

func formatScores(s evaluate.Scores) string {
	return strings.Join([]string{
		"P " + ftoa(s.Precision), "R " + ftoa(s.Recall), "F1 " + ftoa(s.F1),
	}, "  ")
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }
