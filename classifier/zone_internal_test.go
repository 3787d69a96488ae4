package classifier

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/internal/shareddata"
)

// abstractKind is the part of a structured abstract a heading names: 'B' background,
// 'J' objectives, 'M' methods, 'R' results, 'C' conclusions, 0 for a heading that names
// none of them or mixes two ("METHODS AND FINDINGS", "TRIAL REGISTRATION").
func abstractKind(label string) byte {
	l := strings.ToUpper(strings.Trim(label, ".: "))
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(l, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("RESULT", "FINDINGS"):
		if has("METHOD") {
			return 0
		}
		return 'R'
	case has("CONCLU", "INTERPRET", "DISCUSS", "IMPLICATION"):
		return 'C'
	case has("METHOD", "DESIGN", "SETTING", "PARTICIPANT", "PATIENTS", "INTERVENTION", "MEASURE", "OUTCOME", "SUBJECTS", "MATERIAL", "PROCEDURE"):
		return 'M'
	case has("OBJECTIVE", "AIM", "PURPOSE", "GOAL", "HYPOTHES"):
		return 'J'
	case has("BACKGROUND", "INTRODUCTION", "CONTEXT", "RATIONALE"):
		return 'B'
	}
	return 0
}

// unheadedAbstract is a pmc-rct structured abstract with its headings taken away, its
// parts joined into one paragraph, as an abstract without headings is written; kinds gives
// each part's kind (abstractKind) by the byte where it ends.
type unheadedAbstract struct {
	text  string
	ends  []int
	kinds []byte
}

func (a unheadedAbstract) kindAt(off int) byte {
	for i, e := range a.ends {
		if off < e {
			return a.kinds[i]
		}
	}
	return 0
}

// unheadedAbstractOf cuts the ABSTRACT.* parts out of a pmc-rct article and joins them; ok
// is false for an abstract of fewer than three parts or none of results.
func unheadedAbstractOf(article string) (a unheadedAbstract, ok bool) {
	var parts []string
	var kinds []byte
	cur := -1
	for _, line := range strings.Split(article, "\n") {
		t := strings.TrimSpace(line)
		if label, ok := strings.CutPrefix(t, "ABSTRACT"); ok && strings.HasSuffix(t, ":") {
			parts, kinds = append(parts, ""), append(kinds, abstractKind(label))
			cur = len(parts) - 1
			continue
		}
		if strings.HasPrefix(t, "BODY") || strings.HasPrefix(t, "TITLE") {
			cur = -1
			continue
		}
		if cur >= 0 && t != "" {
			parts[cur] = strings.TrimSpace(parts[cur] + " " + t)
		}
	}
	results := false
	for i, p := range parts {
		if p == "" {
			continue
		}
		if a.text != "" {
			a.text += " "
		}
		a.text += p
		a.ends, a.kinds = append(a.ends, len(a.text)), append(a.kinds, kinds[i])
		results = results || kinds[i] == 'R'
	}
	return a, len(a.ends) >= 3 && results
}

// TestUnheadedAbstractMethods measures the methods of abstracts without headings
// (markUnheadedMethods) on pmc-rct's structured abstracts with their headings taken away:
// of the sentences put in the methods, how many the headings had in Methods or Objectives
// (precision), how many of the Methods sentences it finds (recall), and how many Results
// sentences it wrongly puts there, which would turn a result hypothetical. Articles are
// split in halves by a hash of their name; the even half was read to tune the rule, the
// odd half is held out. TRIALTAG_TUNE_ERRORS=1 logs the tune half's Results sentences put
// in the methods.
func TestUnheadedAbstractMethods(t *testing.T) {
	dir := shareddata.Path(t, "pmc-rct")
	files, _ := filepath.Glob(filepath.Join(dir, "PMC*.txt"))
	sort.Strings(files)
	c := internalClassifier(t)
	type score struct {
		zone, design, methods, found, results, wrong int
		byKind                                       map[byte]int // the zone's sentences by the part the headings gave them
	}
	scores := map[string]*score{"tune": {byKind: map[byte]int{}}, "held out": {byKind: map[byte]int{}}}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a, ok := unheadedAbstractOf(string(b))
		if !ok {
			continue
		}
		half := "tune"
		if sha256.Sum256([]byte(filepath.Base(p)))[0]%2 == 1 {
			half = "held out"
		}
		sc := scores[half]
		doc := &corpus.Document{ID: filepath.Base(p), Text: a.text}
		_, rn := c.tagDocumentWhole(doc, c.sp.Split(doc.Text))
		if !rn.openingMarked {
			rn.openingMarked = true
			c.markOpening(rn)
		}
		for _, st := range rn.states {
			if st.skip {
				continue
			}
			kind := a.kindAt(st.sent.Start)
			if st.unheadedMethods {
				sc.zone++
				sc.byKind[kind]++
				if kind == 'M' || kind == 'J' {
					sc.design++
				}
			}
			switch kind {
			case 'M':
				sc.methods++
				if st.unheadedMethods {
					sc.found++
				}
			case 'R':
				sc.results++
				if st.unheadedMethods {
					sc.wrong++
					if half == "tune" && os.Getenv("TRIALTAG_TUNE_ERRORS") != "" {
						t.Logf("results in methods %s: %s", doc.ID, st.sent.Text)
					}
				}
			}
		}
	}
	// First figures (2026-12-07, forty-fifth sitting, the rule's first version, only after an
	// opening): tune P 0.716 R 0.247, Results put there 0.021; held out P 0.718 R 0.255,
	// 0.019. After an aim too, and a test, a change or the patients' flow a result's shape:
	// tune P 0.744 R 0.289, 0.011; held out P 0.746 R 0.299, 0.015. The floors sit just
	// under them; the share of Results put there may not grow.
	floors := map[string][3]float64{ // precision, recall, most results put in methods
		"tune":     {0.74, 0.28, 0.012},
		"held out": {0.74, 0.29, 0.016},
	}
	for _, half := range []string{"tune", "held out"} {
		sc := scores[half]
		p, r := shareOf(sc.design, sc.zone), shareOf(sc.found, sc.methods)
		wrong := shareOf(sc.wrong, sc.results)
		t.Logf("%s: methods of abstracts without headings: P %.3f R %.3f (%d sentences put there, %d of Methods or Objectives; %d of %d Methods sentences found); Results sentences put there %d of %d (%.3f); by part: background %d, objectives %d, methods %d, results %d, conclusions %d, other %d",
			half, p, r, sc.zone, sc.design, sc.found, sc.methods, sc.wrong, sc.results, wrong,
			sc.byKind['B'], sc.byKind['J'], sc.byKind['M'], sc.byKind['R'], sc.byKind['C'], sc.byKind[0])
		if f := floors[half]; p < f[0] || r < f[1] || wrong > f[2] {
			t.Errorf("%s: P %.3f R %.3f, results put in methods %.3f: past the floors %v", half, p, r, wrong, f)
		}
	}
}

// shareOf is a / b, or 0 when b is 0.
func shareOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
