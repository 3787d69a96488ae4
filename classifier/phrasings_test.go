package classifier_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestIncidencePhrasingsGolden tags the ways CAR-T reports write toxicity counts (own
// sentences in testdata/incidence/phrasings.txt) and compares every outcome tag's status and
// incidence with testdata/incidence/phrasings.golden: a rule change that moves a count shows
// here line by line (go test -run TestIncidencePhrasingsGolden -update after checking it).
func TestIncidencePhrasingsGolden(t *testing.T) {
	c := testrules.Default(t)
	f, err := os.Open(filepath.Join("testdata", "incidence", "phrasings.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		res := c.Tag(&corpus.Document{ID: "p", Text: "After CAR-T cells. " + line, Source: "p"})
		var out []string
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				switch tg.Facet {
				case "crs", "crs_grade", "icans", "icans_grade", "adverse_event", "toxicity_treatment":
				default:
					continue
				}
				inc := incidenceText(tg.Incidence)
				out = append(out, fmt.Sprintf("%s=%s %s [%s]", tg.Facet, tg.Value, tg.Status, inc))
			}
		}
		fmt.Fprintf(&buf, "%s\n\t%s\n", line, strings.Join(out, "; "))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "incidence", "phrasings.golden"), buf.Bytes(), "TestIncidencePhrasingsGolden", "incidences", "line")
}
