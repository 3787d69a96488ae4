package corpus_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSplit checks that Split and Tokens never panic and that their offsets always point at
// their texts, whatever the input.
func FuzzSplit(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join("seeds", "*.txt"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range seeds {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
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
		strings.Repeat(".,;:!?()", 100),
		strings.Repeat("=", 40) + " x " + strings.Repeat("…", 40),
		"a\r\n\r\nb\rc\u2028d\u00a0.\u00a0e",
		"\xff\xfe invalid \xc3 utf-8 \xe2\x82. Next sentence.",
		"“Quoted.” ‘Single.’ (Brackets.) [Square.] Don't can't won't.",
		"Background/Purpose: x\nDesign. y\nBODY.METHODS.STATISTICAL ANALYSIS:\nz",
		strings.Repeat("word ", 1000) + "end.",
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
			for _, tok := range sp.Tokens(s) {
				if !utf8.ValidString(tok.Text) {
					t.Errorf("sentence %d token [%d,%d) is not valid UTF-8: %q", s.Index, tok.Start, tok.End, tok.Text)
				}
			}
		}
	})
}
