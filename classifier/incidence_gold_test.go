package classifier_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/evaluate"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/internal/testrules"
)

// incidenceStatement is one line of testdata/incidence/statements.jsonl (GUIDELINES.md
// there): an incidence a sentence states, or a negative sentence that states none.
type incidenceStatement struct {
	ID       string   `json:"id"`
	Source   string   `json:"source"`
	Record   string   `json:"record"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	SHA256   string   `json:"sha256"`
	Facet    string   `json:"facet"`
	Value    string   `json:"value"`
	N        *int     `json:"n"`
	Of       *int     `json:"of"`
	Percent  *float64 `json:"percent"`
	Negative bool     `json:"negative"`
	Split    string   `json:"split"`
}

// incidenceDocument reads the text a statement's offsets point into: a seed of the shipped
// corpus, a file of the shared data, or the text of one pubmedqa record.
func incidenceDocument(t *testing.T, s incidenceStatement) string {
	t.Helper()
	if name, ok := strings.CutPrefix(s.Source, "seeds/"); ok {
		b, err := os.ReadFile(filepath.Join("..", "corpus", "seeds", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	path := shareddata.Path(t, s.Source)
	if s.Record == "" {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct {
			ID   json.RawMessage `json:"id"`
			PMID json.RawMessage `json:"pmid"`
			Text string          `json:"text"`
		}
		if json.Unmarshal(sc.Bytes(), &rec) != nil {
			continue
		}
		for _, raw := range []json.RawMessage{rec.ID, rec.PMID} {
			if strings.Trim(string(raw), `"`) == s.Record && raw != nil {
				return rec.Text
			}
		}
	}
	t.Fatalf("%s: record %s not found in %s", s.ID, s.Record, s.Source)
	return ""
}

type incidenceScore struct {
	tp, fp, fn int
	// taggedGold and taggedTP count the gold tuples whose event the classifier tags in the
	// sentence (affirmed or negated), and those of them it gets exactly: how well counts
	// bind once the event is found, apart from finding the event at all.
	taggedGold, taggedTP int
	evidence             []string
}

func (s incidenceScore) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s incidenceScore) recall() float64    { return ratio(s.tp, s.tp+s.fn) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// scoreIncidence tags every document of the gold set and scores exact (facet, value, n, of,
// percent) tuples per split, over the sentences the gold annotates (statements and
// negatives alike): a tuple the classifier binds there and the gold lacks is a false
// positive.
func scoreIncidence(t *testing.T) map[string]*incidenceScore {
	t.Helper()
	type sentKey struct {
		doc        string
		start, end int
	}
	gold := map[sentKey][]evaluate.IncidenceTuple{}
	split := map[sentKey]string{}
	first := map[sentKey]incidenceStatement{} // the first line of each sentence
	var sents []sentKey
	// statements.jsonl holds the tune and test halves; cart-heldout.jsonl, labelled by
	// another hand on real CAR-T result passages, is held out whole ("cart").
	for _, file := range []struct{ name, split string }{{"statements.jsonl", ""}, {"cart-heldout.jsonl", "cart"}} {
		f, err := os.Open(filepath.Join("..", "testdata", "incidence", file.name))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			var s incidenceStatement
			if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
				t.Fatalf("%s:%d: %v", file.name, n, err)
			}
			if file.split != "" {
				s.Split = file.split
			}
			k := sentKey{s.Source + "#" + s.Record, s.Start, s.End}
			if _, ok := split[k]; !ok {
				sents = append(sents, k)
				split[k] = s.Split
				first[k] = s
			}
			if !s.Negative {
				gold[k] = append(gold[k], evaluate.NewIncidenceTuple(s.Facet, s.Value, s.N, s.Of, s.Percent))
			}
		}
		f.Close()
	}
	c := testrules.Default(t)
	docs := map[string]*classifier.Result{}
	scores := map[string]*incidenceScore{"tune": {}, "test": {}, "cart": {}}
	for _, k := range sents {
		s := first[k]
		res := docs[k.doc]
		if res == nil {
			text := incidenceDocument(t, s)
			res = c.Tag(&corpus.Document{ID: k.doc, Text: text, Source: s.Source})
			docs[k.doc] = res
		}
		if k.end > len(res.Document.Text) {
			t.Fatalf("%s: offsets %d-%d out of the text of %s", s.ID, k.start, k.end, k.doc)
		}
		if sum := sha256.Sum256([]byte(res.Document.Text[k.start:k.end])); hex.EncodeToString(sum[:]) != s.SHA256 {
			t.Fatalf("%s: the sentence at %d-%d of %s is not the one labelled (sha256 differs)", s.ID, k.start, k.end, k.doc)
		}
		got := evaluate.IncidenceTuples(res, k.start, k.end)
		want := slices.Clone(gold[k])
		sc := scores[split[k]]
		tagged := map[string]bool{}
		for _, s := range res.Sentences {
			for _, tg := range s.Tags {
				if tg.Start >= k.start && tg.End <= k.end && (tg.Status == classifier.Affirmed || tg.Status == classifier.Negated) {
					tagged[tg.Facet+"="+tg.Value] = true
				}
			}
		}
		isTagged := func(w evaluate.IncidenceTuple) bool {
			lo, hi, isRange := strings.Cut(w.Value, "-")
			return tagged[w.Facet+"="+w.Value] || isRange && tagged[w.Facet+"="+lo] && tagged[w.Facet+"="+hi]
		}
		for _, w := range want {
			if isTagged(w) {
				sc.taggedGold++
				if slices.Contains(got, w) {
					sc.taggedTP++
				}
			}
		}
		for _, g := range got {
			if i := slices.Index(want, g); i >= 0 {
				sc.tp++
				want = slices.Delete(want, i, i+1)
				continue
			}
			sc.fp++
			sc.evidence = append(sc.evidence, fmt.Sprintf("FP %s %d-%d %s", k.doc, k.start, k.end, g))
		}
		for _, w := range want {
			sc.fn++
			note := ""
			if isTagged(w) {
				note = " (event tagged)"
			}
			sc.evidence = append(sc.evidence, fmt.Sprintf("FN %s %d-%d %s%s", k.doc, k.start, k.end, w, note))
		}
	}
	for _, s := range scores {
		sort.Strings(s.evidence)
	}
	return scores
}

// TestIncidenceGold scores incidence on the hand-labelled statements of
// testdata/incidence. Rules were tuned on the tune half only; the floors are just under the
// scores of 2026-12-01 so a regression fails. Raise them as the rules improve.
func TestIncidenceGold(t *testing.T) {
	scores := scoreIncidence(t)
	// cart is the held-out set of real CAR-T result passages (cart-heldout.jsonl): its
	// figures are read, never its cases. The test half is pmc-rct and pubmedqa only
	// (non-CAR-T trials), whose events are tagged only where a sentence speaks of harms:
	// its recall is low and its floor guards precision first (no count may bind where the
	// gold has none).
	floors := map[string][2]float64{ // precision, recall
		"tune": {0.95, 0.47}, // 2026-12-01: P 0.946 R 0.427; round 3 (arms, episodes): P 0.951 R 0.476
		"test": {0.95, 0.06}, // 2026-12-01: P 1.0 R 0.061
		"cart": {0.6, 0.3},   // held out: measured, never tuned on (2026-12-01: P 0.600 R 0.312)
	}
	for _, split := range []string{"tune", "test", "cart"} {
		s := scores[split]
		t.Logf("%s: P %.3f R %.3f (tp %d fp %d fn %d); of the %d gold statements whose event is tagged, %d exact (R %.3f)",
			split, s.precision(), s.recall(), s.tp, s.fp, s.fn, s.taggedGold, s.taggedTP, ratio(s.taggedTP, s.taggedGold))
		// Evidence (sentences and misses) is printed for the tune half only: the test half
		// and the held-out set are read as figures, never as cases to tune on.
		if testing.Verbose() && split == "tune" {
			for _, e := range s.evidence {
				t.Logf("  %s %s", split, e)
			}
		}
		if s.precision() < floors[split][0] || s.recall() < floors[split][1] {
			t.Errorf("%s: P %.3f R %.3f under the floors %v", split, s.precision(), s.recall(), floors[split])
		}
	}
}
