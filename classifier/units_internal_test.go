package classifier

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/shareddata"
)

// TestUnitsMatchProseTokens checks that units cut from sentence text equal units cut from
// prose's tokens, on the seeds and (when present) on real bulk text.
func TestUnitsMatchProseTokens(t *testing.T) {
	sp, err := corpus.NewSplitter()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	seeds, _ := filepath.Glob("../corpus/seeds/*.txt")
	if dir := os.Getenv("TRIALTAG_DATA"); dir != "" || testing.Short() == false {
		if d := shareddataDir(t); d != "" {
			more, _ := filepath.Glob(filepath.Join(d, "pmc-rct", "PMC1*.txt"))
			sort.Strings(more)
			if len(more) > 40 {
				more = more[:40]
			}
			seeds = append(seeds, more...)
		}
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	c := &Classifier{sp: sp}
	mismatch := 0
	for _, text := range texts {
		for _, s := range sp.Split(text) {
			a := c.units(text, s)
			b := sentenceUnits(text, sp.Tokens(s))
			if !sameUnits(a, b) {
				mismatch++
				if mismatch <= 3 {
					t.Errorf("units differ in %q:\n text:  %v\n prose: %v", s.Text, norms(a), norms(b))
				}
			}
		}
	}
	if mismatch > 0 {
		t.Errorf("%d sentences cut differently", mismatch)
	}
}

func shareddataDir(t *testing.T) (dir string) {
	defer func() {
		if recover() != nil {
			dir = ""
		}
	}()
	ok := t.Run("data", func(t *testing.T) { dir = shareddata.Dir(t) })
	if !ok {
		return ""
	}
	return dir
}

func sameUnits(a, b []unit) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].norm != b[i].norm || a[i].start != b[i].start || a[i].end != b[i].end || a[i].space != b[i].space {
			return false
		}
	}
	return true
}

func norms(us []unit) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.norm
		if u.space {
			out[i] = "_" + u.norm
		}
	}
	return out
}
