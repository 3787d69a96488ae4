package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// maxSplitSeedBytes bounds each seed of FuzzSplit taken from a seed document.
const maxSplitSeedBytes = 512

// FuzzSplit checks that Split and Tokens never panic and that their offsets always point at
// their texts, whatever the input.
//
// Its seeds are small: a whole seed document (up to 8.5 KB) costs about a hundred times a
// short text under coverage instrumentation, and with them in the corpus the fuzzer made
// about one run a second. Long and hostile inputs are the business of
// TestSplitHostile; each seed document gives only its opening here.
func FuzzSplit(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("seeds", "*.txt"))
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seed documents: %v", err)
	}
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(opening(string(b), maxSplitSeedBytes))
	}
	for _, s := range []string{
		"",
		"\n",
		".",
		"Results:",
		"TITLE:",
		"TITLE:\n",
		"References\n1.\n2.",
		"Embargo Policy\n\nA.\nMethods: B.",
		"•\n• \n  • Home\n",
		"Methods: Six pts. (approx. 5) were enrolled, cf. Fig. 2 vs. Fig.1 a. et al. 2022. no. 3. Dr. Shen.",
		"ABSTRACT.RESULTS: a.b.c. A.B.C. i.e. e.g. U.S. 1.5 × 10⁶ p = 0.03.",
		strings.Repeat(".,;:!?()", 8),
		strings.Repeat("=", 40) + " x " + strings.Repeat("…", 10),
		"a\r\n\r\nb\rc\u2028d\u00a0.\u00a0e",
		"\xff\xfe invalid \xc3 utf-8 \xe2\x82. Next sentence.",
		"“Quoted.” ‘Single.’ (Brackets.) [Square.] Don't can't won't.",
		"Background/Purpose: x\nDesign. y\nBODY.METHODS.STATISTICAL ANALYSIS:\nz",
		strings.Repeat("word ", 40) + "end.",
	} {
		f.Add(s)
	}
	sp := testSplitter(f)
	f.Fuzz(func(t *testing.T, text string) {
		sents := sp.Split(text)
		checkSentenceSpans(t, text, sents)
		checkTokenSpans(t, sp, text, sents)
		if !utf8.ValidString(text) {
			return
		}
		for _, s := range sents {
			if !utf8.ValidString(s.Text) {
				t.Errorf("sentence %d [%d,%d) is not valid UTF-8: %q", s.Index, s.Start, s.End, s.Text)
			}
		}
	})
}

// opening returns the start of text, at most n bytes, cut after a line when one ends in
// them (else at a character boundary).
func opening(text string, n int) string {
	if len(text) <= n {
		return text
	}
	if i := strings.LastIndexByte(text[:n], '\n'); i > 0 {
		return text[:i+1]
	}
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}
