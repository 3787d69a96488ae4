package classifier_test

import (
	"fmt"
	"testing/fstest"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/rules"
)

// Tagging a short abstract with the built-in rules.
func ExampleClassifier_Tag() {
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		panic(err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		panic(err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		panic(err)
	}
	doc := &corpus.Document{ID: "demo", Text: "Anti-CD19 CAR-T cells were infused. " +
		"Grade ≥3 CRS was not observed; two patients had grade 1 CRS. No ICANS occurred."}
	res := c.Tag(doc)
	for _, s := range res.Sentences {
		for _, t := range s.Tags {
			fmt.Printf("%s=%s %s %q\n", t.Facet, t.Value, t.Status, t.Text)
		}
	}
	fmt.Println(res.Facets["crs_grade"], res.Facets["icans"])
	// Output:
	// antigen=CD19 affirmed "Anti-CD19"
	// crs_grade=3+ negated "Grade ≥3 CRS"
	// crs_grade=1 affirmed "grade 1 CRS"
	// crs=present affirmed "CRS"
	// icans=present negated "ICANS"
	// [1] [absent]
}

// A rule set of one's own, read from any fs.FS.
func ExampleLoad() {
	fsys := fstest.MapFS{"crs.yaml": {Data: []byte(`
vocabularies:
  - id: crs.term
    facet: crs
    description: CRS by name.
    terms:
      present: [cytokine release syndrome, CRS]
    exact_case: [CRS]
`)}}
	rs, err := classifier.Load(fsys)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(rs.Vocabularies), rs.Vocabularies[0].ID)
	// Output: 1 crs.term
}

// Broken rules are reported with file:line:col, every problem at once.
func ExampleRuleError() {
	fsys := fstest.MapFS{"bad.yaml": {Data: []byte(`
vocabularies:
  - id: crs.term
    facet: crs
    descripton: typo
    terms:
      present: [CRS]
`)}}
	_, err := classifier.Load(fsys)
	fmt.Println(err)
	// Output:
	// bad.yaml:3:5: crs.term: missing "description"
	// bad.yaml:5:5: crs.term: unknown key "descripton" in vocabulary (known keys: id, facet, class, description, terms, exact_case, not_before, not_after, when, examples, emit, topic)
}

func ExampleParseGrade() {
	for _, p := range []string{"grade 1 or 2", "grade ≥3", "Grade II–III", "high-grade"} {
		v, _ := classifier.ParseGrade(p)
		fmt.Println(p, "→", v)
	}
	// Output:
	// grade 1 or 2 → [1 2]
	// grade ≥3 → [3+]
	// Grade II–III → [2 3]
	// high-grade → [3+]
}

// The counts a document states, with grades that share a count as one range: what the
// safety table and eval's incidence scores read.
func ExampleCountedValues() {
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		panic(err)
	}
	sp, err := corpus.NewSplitter()
	if err != nil {
		panic(err)
	}
	c, err := classifier.New(rs, sp)
	if err != nil {
		panic(err)
	}
	doc := &corpus.Document{ID: "demo", Text: "After CAR-T cells, grade 1 or 2 CRS arose in 9 of 20 adults " +
		"and grade 3 CRS in 2 of 20; no ICANS occurred in any of the 20 adults."}
	for _, cv := range classifier.CountedValues(c.Tag(doc).Sentences, 0, -1) {
		fmt.Println(cv.Facet, cv.Value, cv.Status, cv.Incidence)
	}
	// Output:
	// crs_grade 1-2 affirmed 9/20
	// crs_grade 3 affirmed 2/20
	// icans present negated 0/20
}
