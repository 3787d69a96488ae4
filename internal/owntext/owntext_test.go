package owntext_test

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/internal/shareddata"
	"github.com/trialtag/trialtag/rules"
)

// passageWords is the length of a shared passage that no repository file may hold.
const passageWords = 20

// sentenceWords bounds the check on rule examples and fixture lines: a line of at least
// minSentenceWords words may not stand whole in the shared data, nor a run of sentenceWords
// words of a longer line.
const (
	minSentenceWords = 5
	sentenceWords    = 8
)

// base of the polynomial hash over word hashes (odd, so that it is invertible mod 2^64).
const base = 1099511628211

// words returns the hashes of the words of text: runs of letters and digits, lower-cased.
func words(text []byte, keep func(start, end int)) []uint64 {
	var out []uint64
	h := fnv.New64a()
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		h.Reset()
		h.Write(bytes.ToLower(text[start:end]))
		out = append(out, h.Sum64())
		if keep != nil {
			keep(start, end)
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
		i += size
	}
	flush(len(text))
	return out
}

// prefix returns the prefix hashes of ws: the hash of ws[i:j] is p[j] - p[i]*base^(j-i).
func prefix(ws []uint64) []uint64 {
	p := make([]uint64, len(ws)+1)
	for i, w := range ws {
		p[i+1] = p[i]*base + w
	}
	return p
}

func pow(n int) uint64 {
	r := uint64(1)
	for range n {
		r *= base
	}
	return r
}

func window(p []uint64, i, n int, bn uint64) uint64 { return p[i+n] - p[i]*bn }

// repoRoot is the folder of go.mod above the working folder.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working folder")
		}
		dir = parent
	}
}

// needle is a run of words of the repository to look for in the shared data.
type needle struct {
	where string // file (and line or rule) it comes from
	text  string // the words, for the message
}

// needles maps a word count to the hashes of the runs of that many words to look for.
type needles map[int]map[uint64][]needle

func (n needles) add(words int, h uint64, nd needle) {
	if n[words] == nil {
		n[words] = map[uint64][]needle{}
	}
	n[words][h] = append(n[words][h], nd)
}

// addText adds the runs of text to look for: every run of `run` words, or text whole when it
// has from minWords to run-1 words.
func (n needles) addText(text, where string, run, minWords int) {
	b := []byte(text)
	var spans [][2]int
	ws := words(b, func(s, e int) { spans = append(spans, [2]int{s, e}) })
	p := prefix(ws)
	switch {
	case len(ws) >= run:
		bn := pow(run)
		for i := 0; i+run <= len(ws); i++ {
			n.add(run, window(p, i, run, bn), needle{where, text[spans[i][0]:spans[i+run-1][1]]})
		}
	case len(ws) >= minWords:
		n.add(len(ws), window(p, 0, len(ws), pow(len(ws))), needle{where, text[spans[0][0]:spans[len(ws)-1][1]]})
	}
}

// scanData looks for the needles in every file of the shared data and returns what it
// found as `where: "text" stands in shared/data/file` lines, one per place of the repository.
func scanData(t *testing.T, data string, n needles) []string {
	t.Helper()
	sizes := make([]int, 0, len(n))
	powers := map[int]uint64{}
	for k := range n {
		sizes = append(sizes, k)
		powers[k] = pow(k)
	}
	slices.Sort(sizes)
	found := map[string]string{}
	err := filepath.WalkDir(data, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		p := prefix(words(b, nil))
		rel, _ := filepath.Rel(data, path)
		for _, k := range sizes {
			hs, bn := n[k], powers[k]
			for i := 0; i+k < len(p); i++ {
				for _, nd := range hs[window(p, i, k, bn)] {
					if _, ok := found[nd.where]; !ok {
						found[nd.where] = "\"" + nd.text + "\" stands in shared/data/" + filepath.ToSlash(rel)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for k, v := range found {
		out = append(out, k+": "+v)
	}
	slices.Sort(out)
	return out
}

// TestNoSharedPassages fails when a file of the repository (the seed documents aside) holds
// a passage of 20 words or more that also stands in the shared data.
func TestNoSharedPassages(t *testing.T) {
	data := shareddata.Dir(t)
	root := repoRoot(t)
	n := needles{}
	files := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "node_modules" || rel == "corpus/seeds") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
			return nil // binary: screenshots, fuzz corpora of bytes
		}
		files++
		n.addText(string(b), rel, passageWords, passageWords)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read %d files under %s: is this the repository?", files, root)
	}
	if found := scanData(t, data, n); len(found) > 0 {
		t.Errorf("%d passages of %d+ words of the repository also stand in the shared data; point into it (corpus.Ref) or write your own text:\n%s",
			len(found), passageWords, strings.Join(limit(found, 30), "\n"))
	}
}

// TestExamplesAreOwnSentences fails when a rule example or a fixture line repeats a
// sentence of the shared data: examples are the project's own sentences.
func TestExamplesAreOwnSentences(t *testing.T) {
	data := shareddata.Dir(t)
	rs, err := classifier.Load(rules.FS)
	if err != nil {
		t.Fatal(err)
	}
	n := needles{}
	count := 0
	addExamples := func(id string, exs []classifier.Example) {
		for _, ex := range exs {
			count++
			n.addText(ex.Text, fmt.Sprintf("rules/%s:%d (%s)", ex.File, ex.Line, id), sentenceWords, minSentenceWords)
		}
	}
	for _, v := range rs.Vocabularies {
		addExamples(v.ID, v.Examples)
	}
	for _, p := range rs.Patterns {
		addExamples(p.ID, p.Examples)
	}
	for _, c := range rs.Cues {
		addExamples(c.ID, c.Examples)
	}
	fixtures, err := fs.Glob(os.DirFS(filepath.Join(repoRoot(t), "rules")), "testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range fixtures {
		b, err := os.ReadFile(filepath.Join(repoRoot(t), "rules", name))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				count++
				n.addText(line, fmt.Sprintf("rules/%s:%d", name, i+1), sentenceWords, minSentenceWords)
			}
		}
	}
	if count < 100 {
		t.Fatalf("found only %d examples and fixture lines", count)
	}
	if found := scanData(t, data, n); len(found) > 0 {
		t.Errorf("%d rule examples or fixture lines repeat shared-data text (a whole sentence of %d+ words, or %d words in a row); write your own sentence that shows the same case:\n%s",
			len(found), minSentenceWords, sentenceWords, strings.Join(limit(found, 30), "\n"))
	}
}

func limit(lines []string, n int) []string {
	if len(lines) <= n {
		return lines
	}
	return append(lines[:n:n], fmt.Sprintf("… and %d more", len(lines)-n))
}
