package classifier_test

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"
)

// contextScore counts one status class's true and false positives and negatives.
type contextScore struct{ tp, fp, fn int }

func (s contextScore) f1() (p, r, f float64) {
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// runContextSet scores Classifier.Context on a NegEx-style TSV (sentence, target, gold).
func runContextSet(t *testing.T, path string, sentCol, targetCol, goldCol int, mapStatus func(string) string) (map[string]*contextScore, int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c := testrules.Default(t)
	scores := map[string]*contextScore{}
	score := func(k string) *contextScore {
		if scores[k] == nil {
			scores[k] = &contextScore{}
		}
		return scores[k]
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n, missing := 0, 0
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) <= goldCol {
			continue
		}
		gold := cols[goldCol]
		res, err := c.Context(cols[sentCol], markedTarget(cols[sentCol], cols[targetCol]))
		if errors.Is(err, classifier.ErrTargetNotFound) {
			missing++
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		got := mapStatus(res.Status)
		n++
		if got == gold {
			score(gold).tp++
		} else {
			score(got).fp++
			score(gold).fn++
		}
	}
	return scores, n, missing
}

// TestContextNegEx measures the context engine on the NegEx test set and PHEE (skipped when
// ../shared/data/context is absent). The floors guard against regressions; the figures are
// logged for the record.
func TestContextNegEx(t *testing.T) {
	path := shareddata.Path(t, "context/negex.tsv")
	// NegEx has two labels; a hypothetical target is not negated there.
	scores, n, missing := runContextSet(t, path, 1, 2, 3, func(s string) string {
		if s == classifier.Negated {
			return "negated"
		}
		return "affirmed"
	})
	p, r, f := scores["negated"].f1()
	t.Logf("NegEx: %d sentences (%d targets not found): negated P %.3f R %.3f F1 %.3f", n, missing, p, r, f)
	if f < 0.981 {
		t.Errorf("NegEx negated F1 %.3f fell below 0.981 (measured 0.972 on 2026-12-01, 0.975 on 2026-12-02, 0.982 on 2026-12-03)", f)
	}
}

func TestContextPHEE(t *testing.T) {
	path := shareddata.Path(t, "context/phee.tsv")
	// PHEE asks whether an adverse event is asserted, denied or only possible, not whose it
	// is: an event stated as general knowledge or from the literature is asserted there.
	scores, n, missing := runContextSet(t, path, 1, 2, 3, func(s string) string {
		if s == classifier.Generic {
			return classifier.Affirmed
		}
		return s
	})
	for _, k := range []string{"affirmed", "negated", "hypothetical"} {
		if scores[k] == nil {
			continue
		}
		p, r, f := scores[k].f1()
		t.Logf("PHEE %s: P %.3f R %.3f F1 %.3f", k, p, r, f)
	}
	_, _, fa := scores["affirmed"].f1()
	t.Logf("PHEE: %d sentences (%d targets not found)", n, missing)
	if fa < 0.92 {
		t.Errorf("PHEE affirmed F1 %.3f fell below 0.92 (measured 0.926)", fa)
	}
}
