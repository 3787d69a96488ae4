package classifier_test

import (
	"bufio"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"
)

// TestTuneErrors lists the errors of the tuning halves only, for whoever adjusts the status
// rules: the tune split of testdata/status and the odd ids of the NegEx set (generic against
// historical or other experiencer). It runs only when TRIALTAG_TUNE_ERRORS is set, and never
// prints a sentence, error or figure of the held-out halves.
func TestTuneErrors(t *testing.T) {
	if os.Getenv("TRIALTAG_TUNE_ERRORS") == "" {
		t.Skip("set TRIALTAG_TUNE_ERRORS=1 to list the tuning halves' errors")
	}
	scores := scoreStatusSet(t)
	tune := scores["tune"]
	sort.Strings(tune.misses)
	t.Logf("status tune: %d sentences, accuracy %.3f\n  %s", tune.n, tune.accuracy(), strings.Join(tune.misses, "\n  "))

	f, err := os.Open(shareddata.Path(t, "context/negex.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := testrules.Default(t)
	var tp, fp, fn int
	var misses []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for first := true; sc.Scan(); first = false {
		cols := strings.Split(sc.Text(), "\t")
		if first || len(cols) < 6 {
			continue
		}
		if id, _ := strconv.Atoi(cols[0]); id%2 != 1 {
			continue // held out: never looked at
		}
		res, err := c.Context(cols[1], cols[2])
		if err != nil {
			continue
		}
		gold := cols[4] == "historical" || cols[5] != "patient"
		got := res.Status == classifier.Generic
		switch {
		case gold && got:
			tp++
		case got:
			fp++
			misses = append(misses, "FP "+cols[0]+" ["+cols[2]+"] "+cols[4]+"/"+cols[5]+" ("+res.Rule+" "+res.Cue+"): "+cols[1])
		case gold:
			fn++
			misses = append(misses, "FN "+cols[0]+" ["+cols[2]+"] "+cols[4]+"/"+cols[5]+" got "+res.Status+" ("+res.Rule+" "+res.Cue+"): "+cols[1])
		}
	}
	p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("NegEx generic, odd ids: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n  %s", p, r, 2*p*r/max(p+r, 1e-9), tp, fp, fn, strings.Join(misses, "\n  "))
}
