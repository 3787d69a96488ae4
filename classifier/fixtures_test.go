package classifier_test

import (
	"os"
	"testing"

	"github.com/trialtag/trialtag/internal/testrules"
)

// TestRuleFixtures runs the annotated fixture files of the default rules (rules/testdata): the
// same checks "trialtag rules test" runs.
func TestRuleFixtures(t *testing.T) {
	results, err := testrules.Default(t).RunFixtures(os.DirFS("../rules"), "testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 50 {
		t.Fatalf("only %d fixture expectations ran", len(results))
	}
	for _, r := range results {
		if r.Failed() {
			t.Errorf("%s\n  text: %s", r, r.Text)
		} else if r.Kind == "todo" {
			t.Logf("%s", r)
		}
	}
}
