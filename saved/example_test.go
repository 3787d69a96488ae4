package saved_test

import (
	"context"
	"fmt"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/rules"
	"github.com/trialtag/trialtag/saved"
)

// Example parses a saved-searches file, builds the percolator of its searches, and runs
// their examples.
func Example() {
	src := `searches:
  - name: severe-crs
    query: grade ≥3 CRS
    examples:
      must_match: [Grade 3 CRS occurred in two of ten patients.]
      must_not_match: [Grade 1 CRS occurred in one patient., No grade 3 CRS occurred.]
`
	f, err := saved.Parse("searches.yaml", []byte(src))
	if err != nil {
		panic(err)
	}
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
	p, err := f.Percolator(index.NewInterpreter(c), nil)
	if err != nil {
		panic(err)
	}
	results, err := f.Test(context.Background(), p, c)
	if err != nil {
		panic(err)
	}
	for _, r := range results {
		fmt.Printf("%s: %s must match %v: passed %v\n", r.Pos, r.Search, r.Example.Match, r.Passed)
	}
	// Output:
	// searches.yaml:5:20: severe-crs must match true: passed true
	// searches.yaml:6:24: severe-crs must match false: passed true
	// searches.yaml:6:62: severe-crs must match false: passed true
}

// ExampleParse shows a file's problems, each at its line and column.
func ExampleParse() {
	src := `searches:
  - name: severe-crs
    query: grade ≥3 CRS
    colour: red
  - name: severe-crs
    query: grade ≥3 ICANS
`
	_, err := saved.Parse("searches.yaml", []byte(src))
	fmt.Println(err)
	// Output:
	// searches.yaml:4:5: severe-crs: unknown key "colour" in a saved search (known keys: name, description, query, filters, same_sentence, literal, min_percent, examples)
	// searches.yaml:5:11: severe-crs: another saved search has this name (first at searches.yaml:2:11)
}
