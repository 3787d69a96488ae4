package classifier_test

import (
	"context"
	"slices"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestTitlesTagged: a record's title is text like its abstract, in the title section, so
// the antigen, disease and phase it names reach the facets; a title that names an outcome
// names a topic, which no outcome facet counts.
func TestTitlesTagged(t *testing.T) {
	t.Parallel()
	c := testrules.Default(t)
	want := map[string]map[string][]string{
		"39000001":    {"antigen": {"BCMA"}, "disease": {"SLE"}, "trial_phase": {"phase 1"}},
		"39000003":    {"antigen": {"CD19"}, "disease": {"inflammatory myopathy"}},
		"39000004":    {"crs": nil},
		"NCT09000005": {"antigen": {"CD22"}, "trial_phase": {"phase 2"}},
	}
	seen := 0
	for _, file := range []string{"meta.medline", "meta.xml", "meta.jsonl"} {
		for doc, err := range corpus.Load(context.Background(), []string{"../corpus/testdata/load/" + file}, corpus.Options{}) {
			if err != nil {
				t.Fatal(err)
			}
			facets, ok := want[doc.ID]
			if !ok {
				continue
			}
			seen++
			res := c.Tag(doc)
			if len(res.Sentences) == 0 || res.Sentences[0].Section != corpus.SectionTitle ||
				res.Sentences[0].Start != doc.TitleStart || res.Sentences[0].End != doc.TitleEnd {
				t.Errorf("%s: the first sentence is not the title: %+v", doc.ID, res.Sentences[0].Sentence)
			}
			for facet, vals := range facets {
				if got := res.Facets[facet]; !slices.Equal(got, vals) {
					t.Errorf("%s: %s = %v, want %v", doc.ID, facet, got, vals)
				}
			}
		}
	}
	if seen != len(want) {
		t.Errorf("tagged %d of the %d documents", seen, len(want))
	}
}
