package classifier_test

import (
	"os"
	"sort"
	"strings"
	"testing"
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

	var tp, fp, fn int
	var misses []string
	for _, row := range scoreNegExGeneric(t, func(id int) bool { return id%2 == 1 }) { // even ids held out: never scored here
		cols, res := row.cols, row.res
		switch {
		case row.gold && row.got:
			tp++
		case row.got:
			fp++
			misses = append(misses, "FP "+cols[0]+" ["+cols[2]+"] "+cols[4]+"/"+cols[5]+" ("+res.Rule+" "+res.Cue+"): "+cols[1])
		case row.gold:
			fn++
			misses = append(misses, "FN "+cols[0]+" ["+cols[2]+"] "+cols[4]+"/"+cols[5]+" got "+res.Status+" ("+res.Rule+" "+res.Cue+"): "+cols[1])
		}
	}
	p, r := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("NegEx generic, odd ids: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n  %s", p, r, 2*p*r/max(p+r, 1e-9), tp, fp, fn, strings.Join(misses, "\n  "))
}
