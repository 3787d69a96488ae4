package classifier_test

import (
	"encoding/json"
	"sync"
	"testing"
)

// TestConcurrentTagging tags the seeds from many goroutines at once with one Classifier and
// expects the same results as one at a time (run with -race).
func TestConcurrentTagging(t *testing.T) {
	want := map[string]string{}
	for id := range seedFacets {
		b, _ := json.Marshal(tagSeed(t, id).Facets)
		want[id] = string(b)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range seedFacets {
				b, _ := json.Marshal(tagSeed(t, id).Facets)
				if string(b) != want[id] {
					errs <- id
				}
			}
			_ = g
		}()
	}
	wg.Wait()
	close(errs)
	for id := range errs {
		t.Errorf("%s: concurrent tagging gave different facets", id)
	}
}
