package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// loadItem is one item Load yielded: a document or a skip.
type loadItem struct {
	doc  *Document
	skip *SkipError
}

func (x loadItem) String() string {
	if x.skip != nil {
		return "skip " + x.skip.Error()
	}
	d := x.doc
	return fmt.Sprintf("doc id=%q title=%q source=%q format=%s text=%q", d.ID, d.Title, d.Source, d.Format, d.Text)
}

// collectLoad runs Load and returns what it yields. Any error other than a *SkipError fails
// the test.
func collectLoad(t testing.TB, paths []string, opts Options) []loadItem {
	t.Helper()
	var out []loadItem
	for d, err := range Load(context.Background(), paths, opts) {
		if err != nil {
			var skip *SkipError
			if !errors.As(err, &skip) {
				t.Fatalf("Load yielded a non-skip error: %v", err)
			}
			out = append(out, loadItem{skip: skip})
			continue
		}
		if d == nil {
			t.Fatal("Load yielded a nil document and a nil error")
		}
		out = append(out, loadItem{doc: d})
	}
	return out
}

// loadWant is an expected item: a document, or a skip when Reason is set.
type loadWant struct {
	ID, Title, Text, Source string
	Format                  Format

	Reason string // substring of the skip reason
	Line   int    // skip line
}

// wantDoc expects a document.
func wantDoc(id, title, text, source string, f Format) loadWant {
	return loadWant{ID: id, Title: title, Text: text, Source: source, Format: f}
}

// wantSkip expects a skip of source (line 0 for the whole input) with reason in its Reason.
func wantSkip(source string, line int, reason string) loadWant {
	return loadWant{Source: source, Line: line, Reason: reason}
}

// checkLoad compares what Load yielded with the expected items, in order.
func checkLoad(t testing.TB, got []loadItem, wants []loadWant) {
	t.Helper()
	for i := range max(len(got), len(wants)) {
		switch {
		case i >= len(got):
			t.Errorf("item %d: missing, want %+v", i, wants[i])
			continue
		case i >= len(wants):
			t.Errorf("item %d: unexpected %v", i, got[i])
			continue
		}
		g, w := got[i], wants[i]
		if w.Reason != "" {
			if g.skip == nil {
				t.Errorf("item %d: got %v, want a skip of %s:%d (%q)", i, g, w.Source, w.Line, w.Reason)
				continue
			}
			if g.skip.Source != w.Source || g.skip.Line != w.Line || !strings.Contains(g.skip.Reason, w.Reason) {
				t.Errorf("item %d: got %v, want a skip of %s:%d (%q)", i, g, w.Source, w.Line, w.Reason)
			}
			continue
		}
		if g.doc == nil {
			t.Errorf("item %d: got %v, want document %q", i, g, w.ID)
			continue
		}
		gw := loadWant{ID: g.doc.ID, Title: g.doc.Title, Text: g.doc.Text, Source: g.doc.Source, Format: g.doc.Format}
		if gw != w {
			t.Errorf("item %d:\n got %+v\nwant %+v", i, gw, w)
		}
	}
}

// writeLoadFile writes a file under dir and returns its path.
func writeLoadFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const loadTestdata = "testdata/load/"

// pageHTMLText is the text extracted from testdata/load/page.html.
const pageHTMLText = "A Randomised Trial of Drug X\n\n" +
	"Methods\n\n" +
	"We enrolled 120 patients (<65 years) in \"arm A\".\n\n" +
	"  • Overall survival\n" +
	"  • Progression-free survival\n\n" +
	"Line one\nline two\n"

func TestLoadFormats(t *testing.T) {
	tests := []struct {
		name  string
		paths []string
		want  []loadWant
	}{
		{"text with title", []string{loadTestdata + "abstract.txt"}, []loadWant{
			wantDoc("abstract", "Effect of Drug X on Outcome Y",
				"Effect of Drug X on Outcome Y\n\nWe randomised 40 patients. The primary endpoint was met.\n",
				loadTestdata+"abstract.txt", FormatText),
		}},
		{"text without title", []string{loadTestdata + "no-title.txt"}, []loadWant{
			wantDoc("no-title", "", "This first line is a sentence.\n\nSo there is no title.\n", loadTestdata+"no-title.txt", FormatText),
		}},
		{"pmc-rct TITLE line", []string{loadTestdata + "pmc-rct.txt"}, []loadWant{
			wantDoc("pmc-rct", "Codeine given with diclofenac in a made-up crossover trial",
				"TITLE: \nCodeine given with diclofenac in a made-up crossover trial\n\n\n\nABSTRACT.BACKGROUND:\nPreviously, we demonstrated an inhibition.\n",
				loadTestdata+"pmc-rct.txt", FormatText),
		}},
		{"markdown", []string{loadTestdata + "notes.md"}, []loadWant{
			wantDoc("notes", "Trial Notes",
				"Some intro text.\n\n```\n# not a heading, inside a fence\n```\n\n# Trial Notes #\n\nPatients were enrolled.\n",
				loadTestdata+"notes.md", FormatMarkdown),
		}},
		{"html", []string{loadTestdata + "page.html"}, []loadWant{
			wantDoc("page", "Phase 3 Trial & Results", pageHTMLText, loadTestdata+"page.html", FormatHTML),
		}},
		{"empty file", []string{loadTestdata + "empty.txt"}, []loadWant{
			wantDoc("empty", "", "", loadTestdata+"empty.txt", FormatText),
		}},
		{"jsonl with bad lines", []string{loadTestdata + "records.jsonl"}, []loadWant{
			wantDoc("NCT001", "First trial", "First trial\n\nOverall survival was the primary endpoint.", loadTestdata+"records.jsonl:1", FormatJSONL),
			wantDoc("records.jsonl:2", "No id", "No id\n\nSecond record.", loadTestdata+"records.jsonl:2", FormatJSONL),
			wantSkip(loadTestdata+"records.jsonl", 4, "malformed JSON"),
			wantSkip(loadTestdata+"records.jsonl", 5, `no "text" string`),
			wantDoc("12345", "", "Numeric id.", loadTestdata+"records.jsonl:6", FormatJSONL),
		}},
		{"medline", []string{loadTestdata + "pubmed.medline"}, []loadWant{
			wantDoc("11111111", "A randomized trial of drug X versus placebo in patients with advanced disease.",
				"A randomized trial of drug X versus placebo in patients with advanced disease.\n\n"+
					"BACKGROUND: Drug X is new. METHODS: We randomly assigned 200 patients. RESULTS: Overall survival improved.",
				loadTestdata+"pubmed.medline:1", FormatMedline),
			wantSkip(loadTestdata+"pubmed.medline", 9, "no PMID"),
			wantDoc("22222222", "Title only record.", "Title only record.", loadTestdata+"pubmed.medline:13", FormatMedline),
		}},
		{"pubmed xml", []string{loadTestdata + "pubmed.xml"}, []loadWant{
			wantDoc("33333333", "Efficacy of drug X: a trial.",
				"Efficacy of drug X: a trial.\n\nBACKGROUND: Drug X is new.\n\nRESULTS: Response rate was 105 & more than placebo.",
				loadTestdata+"pubmed.xml:4", FormatPubMedXML),
			wantDoc("44444444", "Unstructured abstract.", "Unstructured abstract.\n\nPlain abstract text.", loadTestdata+"pubmed.xml:20", FormatPubMedXML),
		}},
		{"malformed pubmed xml", []string{loadTestdata + "broken.xml"}, []loadWant{
			wantDoc("55555555", "Fine.", "Fine.", loadTestdata+"broken.xml:2", FormatPubMedXML),
			wantSkip(loadTestdata+"broken.xml", 7, "malformed XML"),
		}},
		{"missing file", []string{loadTestdata + "nope.txt", loadTestdata + "empty.txt"}, []loadWant{
			wantSkip(loadTestdata+"nope.txt", 0, "cannot read"),
			wantDoc("empty", "", "", loadTestdata+"empty.txt", FormatText),
		}},
		{"stdin without Options.Stdin", []string{"-"}, []loadWant{
			wantSkip("-", 0, "no standard input"),
		}},
		{"folder walk order", []string{loadTestdata + "tree"}, []loadWant{
			wantDoc("B", "", "Upper case sorts first\n", loadTestdata+"tree/B.txt", FormatText),
			wantDoc("a", "", "a\n", loadTestdata+"tree/a.txt", FormatText),
			wantDoc("c", "C", "# C\n", loadTestdata+"tree/b/c.md", FormatMarkdown),
			wantDoc("d1", "", "one", loadTestdata+"tree/d.jsonl:1", FormatJSONL),
			wantDoc("d2", "", "two", loadTestdata+"tree/d.jsonl:2", FormatJSONL),
		}},
		{"paths in the order given", []string{loadTestdata + "tree/a.txt", loadTestdata + "empty.txt", loadTestdata + "tree/B.txt"}, []loadWant{
			wantDoc("a", "", "a\n", loadTestdata+"tree/a.txt", FormatText),
			wantDoc("empty", "", "", loadTestdata+"empty.txt", FormatText),
			wantDoc("B", "", "Upper case sorts first\n", loadTestdata+"tree/B.txt", FormatText),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLoad(t, collectLoad(t, tt.paths, Options{}), tt.want)
		})
	}
}

func TestLoadMissingFileWrapsOSError(t *testing.T) {
	got := collectLoad(t, []string{loadTestdata + "nope.txt"}, Options{})
	if len(got) != 1 || got[0].skip == nil {
		t.Fatalf("got %v, want one skip", got)
	}
	if !errors.Is(got[0].skip, fs.ErrNotExist) {
		t.Errorf("skip %v does not wrap fs.ErrNotExist", got[0].skip)
	}
}

func TestLoadInputChecks(t *testing.T) {
	dir := t.TempDir()
	binary := writeLoadFile(t, dir, "image.txt", []byte("GIF89a\x00\x01\x02"))
	latin1 := writeLoadFile(t, dir, "latin1.txt", []byte("Caf\xe9 au lait\n"))
	latin1HTML := writeLoadFile(t, dir, "latin1.html", []byte("<p>na\xefve</p>"))
	bom := writeLoadFile(t, dir, "bom.txt", []byte("\xef\xbb\xbfTitle\n\nBody\xff"))
	utf16 := writeLoadFile(t, dir, "utf16.txt", []byte("\xff\xfeT\x00i\x00"))
	big := writeLoadFile(t, dir, "big.txt", bytes.Repeat([]byte("x"), 100))
	bigHTML := writeLoadFile(t, dir, "big.html", []byte("<p>"+strings.Repeat("y", 100)+"</p>"))
	small := writeLoadFile(t, dir, "small.txt", []byte("fits"))
	jsonl := writeLoadFile(t, dir, "mixed.jsonl", []byte(
		`{"id":"a","text":"`+strings.Repeat("z", 100)+"\"}\n"+
			"{\"id\":\"b\",\"text\":\"bad \xff byte\"}\n"+
			`{"id":"c","text":"ok"}`+"\n"+
			`[1,2]`+"\n"))
	article := func(pmid, title string) string {
		return "<PubmedArticle><MedlineCitation><PMID>" + pmid + "</PMID><Article><ArticleTitle>" + title +
			"</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
	}
	xmlBig := writeLoadFile(t, dir, "big.xml", []byte("<PubmedArticleSet>\n"+article("1", "ok")+
		article("2", strings.Repeat("v", 200))+article("3", "not reached")+"</PubmedArticleSet>\n"))
	xmlOther := writeLoadFile(t, dir, "other.xml", []byte("<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n"))
	medline := writeLoadFile(t, dir, "big.nbib", []byte(
		"PMID- 1\nAB  - "+strings.Repeat("w", 100)+"\n\nPMID- 2\nAB  - short\n\nPMID- 3\nAB  - bad \xfe\n"))

	tests := []struct {
		name  string
		paths []string
		max   int64
		want  []loadWant
	}{
		{"binary", []string{binary}, 0, []loadWant{wantSkip(binary, 0, "binary file")}},
		{"not UTF-8 text", []string{latin1}, 0, []loadWant{wantSkip(latin1, 0, "not valid UTF-8 text (byte offset 3)")}},
		{"not UTF-8 html", []string{latin1HTML}, 0, []loadWant{wantSkip(latin1HTML, 0, "not valid UTF-8 text (byte offset 5)")}},
		{"offset counts the BOM", []string{bom}, 0, []loadWant{wantSkip(bom, 0, "not valid UTF-8 text (byte offset 14)")}},
		{"UTF-16", []string{utf16}, 0, []loadWant{wantSkip(utf16, 0, "UTF-16")}},
		{"over-size text", []string{big, small}, 50, []loadWant{
			wantSkip(big, 0, "document is 100 bytes, over the limit of 50"),
			wantDoc("small", "", "fits", small, FormatText),
		}},
		{"over-size html", []string{bigHTML}, 50, []loadWant{wantSkip(bigHTML, 0, "document is 107 bytes, over the limit of 50")}},
		{"jsonl line limit and bad lines", []string{jsonl}, 50, []loadWant{
			wantSkip(jsonl, 1, "line is 120 bytes, over the limit of 50"),
			wantSkip(jsonl, 2, "not valid UTF-8"),
			wantDoc("c", "", "ok", jsonl+":3", FormatJSONL),
			wantSkip(jsonl, 4, "not a JSON object"),
		}},
		{"pubmed xml article limit", []string{xmlBig}, 200, []loadWant{
			wantDoc("1", "ok", "ok", xmlBig+":2", FormatPubMedXML),
			wantSkip(xmlBig, 3, "PubmedArticle is over the limit of 200 bytes"),
		}},
		{"xml that is not PubMed", []string{xmlOther}, 0, []loadWant{wantSkip(xmlOther, 0, "not PubMed XML")}},
		{"medline record limit and bad record", []string{medline}, 50, []loadWant{
			wantSkip(medline, 1, "over the limit of 50"),
			wantDoc("2", "", "short", medline+":4", FormatMedline),
			wantSkip(medline, 7, "not valid UTF-8 text (line 8)"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLoad(t, collectLoad(t, tt.paths, Options{MaxDocBytes: tt.max}), tt.want)
		})
	}
}

func TestLoadStdin(t *testing.T) {
	tests := []struct {
		name  string
		input string
		max   int64
		want  []loadWant
	}{
		{"text", "Title\n\nBody text.\n", 0, []loadWant{
			wantDoc("stdin", "Title", "Title\n\nBody text.\n", "-", FormatText),
		}},
		{"empty", "", 0, []loadWant{wantDoc("stdin", "", "", "-", FormatText)}},
		{"html sniffed", "  <!DOCTYPE html><title>T</title><p>Hi &amp; bye</p>", 0, []loadWant{
			wantDoc("stdin", "T", "Hi & bye\n", "-", FormatHTML),
		}},
		{"jsonl sniffed", `{"id":"x","text":"one"}` + "\n" + `{"text":"two"}` + "\n", 0, []loadWant{
			wantDoc("x", "", "one", "-:1", FormatJSONL),
			wantDoc("stdin:2", "", "two", "-:2", FormatJSONL),
		}},
		{"medline sniffed", "\nPMID- 7\nTI  - T.\nAB  - A.\n", 0, []loadWant{
			wantDoc("7", "T.", "T.\n\nA.", "-:2", FormatMedline),
		}},
		{"pubmed xml sniffed", "<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>9</PMID>" +
			"<Article><ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>", 0, []loadWant{
			wantDoc("9", "T", "T", "-:2", FormatPubMedXML),
		}},
		{"over-size stream", strings.Repeat("s", 30), 10, []loadWant{
			wantSkip("-", 0, "document is 30 bytes, over the limit of 10"),
		}},
		{"binary", "\x00\x01", 0, []loadWant{wantSkip("-", 0, "binary file")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A reader that hands out few bytes at a time.
			stdin := strings.NewReader(tt.input)
			got := collectLoad(t, []string{"-"}, Options{Stdin: &trickleReader{r: stdin}, MaxDocBytes: tt.max})
			checkLoad(t, got, tt.want)
		})
	}
}

// trickleReader reads at most 7 bytes at a time, as a slow pipe might.
type trickleReader struct{ r io.Reader }

func (t *trickleReader) Read(p []byte) (int, error) { return t.r.Read(p[:min(len(p), 7)]) }

func TestLoadStreamsLargeJSONL(t *testing.T) {
	const records = 20000
	pr, pw := io.Pipe()
	go func() {
		w := io.Writer(pw)
		for i := range records {
			repeat := i % 10
			if i%1000 == 999 {
				repeat = 4000 // a record longer than the read buffer
			}
			text := fmt.Sprintf("record %d. %s", i, strings.Repeat("Overall survival improved. ", repeat))
			if _, err := fmt.Fprintf(w, "{\"id\":\"r%d\",\"text\":%q}\n", i, text); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.Close()
	}()
	defer pr.Close()
	n := 0
	for d, err := range Load(context.Background(), []string{"-"}, Options{Stdin: pr}) {
		if err != nil {
			t.Fatalf("record %d: %v", n, err)
		}
		if want := fmt.Sprintf("r%d", n); d.ID != want {
			t.Fatalf("record %d: id %q, want %q", n, d.ID, want)
		}
		if want := fmt.Sprintf("-:%d", n+1); d.Source != want {
			t.Fatalf("record %d: source %q, want %q", n, d.Source, want)
		}
		if !strings.HasPrefix(d.Text, fmt.Sprintf("record %d. ", n)) {
			t.Fatalf("record %d: text starts %.30q", n, d.Text)
		}
		n++
	}
	if n != records {
		t.Errorf("got %d records, want %d", n, records)
	}
}

func TestLoadSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeLoadFile(t, dir, "docs/a.txt", []byte("a"))
	target := writeLoadFile(t, dir, "elsewhere/b.txt", []byte("b"))
	if err := os.Symlink(filepath.Join(dir, "docs"), filepath.Join(dir, "docs", "loop")); err != nil {
		t.Skipf("cannot make symbolic links: %v", err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "docs", "b.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "docs"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	docs := filepath.Join(dir, "docs")
	link := filepath.Join(dir, "link")
	tests := []struct {
		name string
		root string
		want []loadWant
	}{
		{"folder", docs, []loadWant{
			wantDoc("a", "", "a", filepath.Join(docs, "a.txt"), FormatText),
			wantDoc("b", "", "b", filepath.Join(docs, "b.txt"), FormatText),
			wantSkip(filepath.Join(docs, "loop"), 0, "not followed"),
		}},
		{"link to a folder given as a path", link, []loadWant{
			wantDoc("a", "", "a", filepath.Join(link, "a.txt"), FormatText),
			wantDoc("b", "", "b", filepath.Join(link, "b.txt"), FormatText),
			wantSkip(filepath.Join(link, "loop"), 0, "not followed"),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkLoad(t, collectLoad(t, []string{tt.root}, Options{}), tt.want)
		})
	}
}

func TestLoadContext(t *testing.T) {
	t.Run("cancelled before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var errs []error
		for d, err := range Load(ctx, []string{loadTestdata + "tree"}, Options{}) {
			if d != nil {
				t.Errorf("got document %q after cancel", d.ID)
			}
			errs = append(errs, err)
		}
		if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
			t.Errorf("got errors %v, want one context.Canceled", errs)
		}
	})
	t.Run("cancelled between records", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var ids []string
		var last error
		for d, err := range Load(ctx, []string{loadTestdata + "tree"}, Options{}) {
			if err != nil {
				last = err
				continue
			}
			ids = append(ids, d.ID)
			if d.ID == "d1" {
				cancel()
			}
		}
		if strings.Join(ids, ",") != "B,a,c,d1" || !errors.Is(last, context.Canceled) {
			t.Errorf("got ids %v and error %v, want B,a,c,d1 then context.Canceled", ids, last)
		}
	})
	t.Run("break", func(t *testing.T) {
		n := 0
		for range Load(context.Background(), []string{loadTestdata + "tree", loadTestdata + "records.jsonl"}, Options{}) {
			n++
			if n == 4 {
				break
			}
		}
		if n != 4 {
			t.Errorf("got %d items, want 4", n)
		}
	})
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name string
		file string
		head string
		want Format
	}{
		{"txt", "a.txt", "Some text", FormatText},
		{"text", "a.TEXT", "Some text", FormatText},
		{"txt with PMID", "export.txt", "\n\nPMID- 123\nTI  - x", FormatMedline},
		{"txt with PMID later", "a.txt", "Intro\nPMID- 123", FormatText},
		{"md", "a.md", "# T", FormatMarkdown},
		{"markdown", "a.markdown", "x", FormatMarkdown},
		{"html", "a.html", "hello", FormatHTML},
		{"htm", "a.HTM", "", FormatHTML},
		{"xhtml", "a.xhtml", "<?xml?>", FormatHTML},
		{"jsonl", "a.jsonl", "x", FormatJSONL},
		{"ndjson", "a.ndjson", "x", FormatJSONL},
		{"medline", "a.medline", "x", FormatMedline},
		{"nbib", "a.nbib", "x", FormatMedline},
		{"xml", "a.xml", "<root/>", FormatPubMedXML},
		{"doctype sniffed", "", "\n  <!DOCTYPE HTML>", FormatHTML},
		{"html tag sniffed", "page", "<html><body>", FormatHTML},
		{"xhtml sniffed", "", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", FormatHTML},
		{"pubmed sniffed", "", "<?xml version=\"1.0\"?>\n<!DOCTYPE x>\n<PubmedArticleSet>", FormatPubMedXML},
		{"jsonl sniffed", "data", " \n{\"id\":1}", FormatJSONL},
		{"jsonl sniffed after BOM", "", "\xef\xbb\xbf{\"id\":1}", FormatJSONL},
		{"medline sniffed", "", "PMID- 1", FormatMedline},
		{"other xml is text", "", "<?xml version=\"1.0\"?><root/>", FormatText},
		{"unknown", "LICENSE", "MIT License", FormatText},
		{"empty", "", "", FormatText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectFormat(tt.file, []byte(tt.head)); got != tt.want {
				t.Errorf("DetectFormat(%q, %q) = %q, want %q", tt.file, tt.head, got, tt.want)
			}
		})
	}
}

func TestTitles(t *testing.T) {
	tests := []struct {
		name string
		f    func(string) string
		text string
		want string
	}{
		{"first line then blank", textTitle, "  Title Here \r\n\r\nBody.", "Title Here"},
		{"leading blank lines", textTitle, "\n\nTitle\n\nBody", "Title"},
		{"no blank line after", textTitle, "Title\nBody", ""},
		{"only line", textTitle, "Title", ""},
		{"ends with period", textTitle, "A sentence.\n\nBody", ""},
		{"too long", textTitle, strings.Repeat("t", 251) + "\n\nBody", ""},
		{"250 bytes", textTitle, strings.Repeat("t", 250) + "\n\nBody", strings.Repeat("t", 250)},
		{"furniture", textTitle, "Skip to main content\n\nBody", ""},
		{"TITLE: next line", textTitle, "TITLE: \n\nThe Trial\n\nBODY:", "The Trial"},
		{"TITLE: same line", textTitle, "TITLE: The Trial.\nBody", "The Trial."},
		{"TITLE: nothing after", textTitle, "TITLE:\n  \n", ""},
		{"md heading", markdownTitle, "intro\n\n# The Title\n\n# Second", "The Title"},
		{"md closing hashes", markdownTitle, "# Title ##", "Title"},
		{"md hash in word", markdownTitle, "# C#", "C#"},
		{"md indented", markdownTitle, "   # Title", "Title"},
		{"md code block indent", markdownTitle, "    # code\n# Real", "Real"},
		{"md level 2 only", markdownTitle, "## Sub\n", ""},
		{"md fenced", markdownTitle, "~~~\n# no\n~~~\n# yes", "yes"},
		{"md empty", markdownTitle, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.f(tt.text); got != tt.want {
				t.Errorf("title of %q = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestExtractHTML(t *testing.T) {
	page, err := os.ReadFile(loadTestdata + "page.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		html      string
		text      string
		wantTitle string
	}{
		{"page", string(page), pageHTMLText, "Phase 3 Trial & Results"},
		{"nav dropped", "<nav><a>Home</a> <a>About</a></nav><p>Body</p>", "Body\n", ""},
		{"list bulleted", "<ul><li>One</li><li><p>Two</p></li><li></li></ul><p>After</p>",
			"  • One\n  • Two\n\nAfter\n", ""},
		{"nested list", "<ul><li>a<ul><li>b</li></ul></li></ul>", "  • a\n  • b\n", ""},
		{"list items not closed", "<ol><li><p>a<li><p>b</ol><p>c</p><p>d</p>", "  • a\n  • b\n\nc\n\nd\n", ""},
		{"entities", "<p>5 &lt; 6 &amp;&amp; &eacute;t&eacute; &#8805;3 &#x2013; &nbsp;x</p>", "5 < 6 && été ≥3 – x\n", ""},
		{"whitespace collapsed", "<p>  a \n\t b  </p>", "a b\n", ""},
		{"headings", "<h1>Title</h1><h2>Methods</h2>text<h3>Results</h3>more", "Title\n\nMethods\n\ntext\n\nResults\n\nmore\n", "Title"},
		{"h1 kept in header", "<header><span>Logo</span><h1>Main</h1><nav><h1>Menu</h1></nav></header><p>x</p>",
			"Main\n\nx\n", "Main"},
		{"title over h1", "<title>Page</title><h1>Heading</h1>", "Heading\n", "Page"},
		{"svg title ignored", "<svg><title>icon</title></svg><h1>H</h1>", "H\n", "H"},
		{"scripts and styles", "a<script>x<y</script><style>p{}</style><noscript>n</noscript>b", "ab\n", ""},
		{"self-closing script", "<script/>var x;</script>ok", "ok\n", ""},
		{"dropped inline", "Click <button>Share</button> here<select><option>1</option></select>.", "Click here.\n", ""},
		{"forms and asides", "<p>a</p><form><input><label>Email</label></form><aside>ad</aside><footer>f</footer><p>b</p>",
			"a\n\nb\n", ""},
		{"table cells", "<table><tr><th>Arm</th><th>N</th></tr><tr><td>A</td><td>10</td></tr></table>",
			"Arm N\nA 10\n", ""},
		{"br", "a<br>b<br/><br>c", "a\nb\n\nc\n", ""},
		{"pre keeps lines", "<pre>x  = 1\ny = 2</pre>", "x = 1\ny = 2\n", ""},
		{"divs end lines", "<div>a</div><div>b</div>c", "a\nb\nc\n", ""},
		{"inline joins", "<p>re<b>mis</b>sion</p>", "remission\n", ""},
		{"unclosed", "<p>a<div>b", "a\nb\n", ""},
		{"unclosed h1 title capped", "<h1>" + strings.Repeat("é", 600), strings.Repeat("é", 600) + "\n", strings.Repeat("é", 512)},
		{"empty", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, title, _, _, _ := extractHTML(tt.html)
			if text != tt.text || title != tt.wantTitle {
				t.Errorf("extractHTML(%q)\n got text %q title %q\nwant text %q title %q", tt.html, text, title, tt.text, tt.wantTitle)
			}
			if !utf8.ValidString(text) {
				t.Errorf("text is not valid UTF-8: %q", text)
			}
		})
	}
}

// TestExtractHTMLHostileNesting checks deeply nested markup is handled in linear time: it
// would take minutes if each text or end tag rescanned the open elements.
func TestExtractHTMLHostileNesting(t *testing.T) {
	const n = 50000
	page := strings.Repeat("<header>", n) + "<h1>" + strings.Repeat("<b>x</b></nav>", n)
	text, title, _, _, _ := extractHTML(page)
	if want := strings.Repeat("x", n) + "\n"; text != want {
		t.Errorf("text is %d bytes %.20q…, want %d bytes", len(text), text, len(want))
	}
	if want := strings.Repeat("x", maxHTMLTitleBytes); title != want {
		t.Errorf("title is %d bytes, want %d", len(title), len(want))
	}
}

// TestTextTitles checks how a plain-text document gets its title: a short first line, or
// for a page saved as text the title under its menus and site name.
func TestTextTitles(t *testing.T) {
	menu := "Skip to main content\n\n  • Home\n  • Journals\n  • About us\n\n"
	tests := []struct {
		name, text, want string
	}{
		{"first line", "CAR-T cells in lupus\n\nWe treated six patients with lupus using CD19 CAR-T cells and saw remission.", "CAR-T cells in lupus"},
		{"first line, authors under it", "CAR-T cells in lupus\n\nA. Author, B. Author, C. Author and D. Author, Some University Hospital\n\nBody text.", "CAR-T cells in lupus"},
		{"under menus", menu + "Bispecific CAR T cells bring lasting remission in refractory autoimmune disease\n\nBody text follows here.", "Bispecific CAR T cells bring lasting remission in refractory autoimmune disease"},
		{"under a repeated site name", "Rheum Abstracts\n\nRheum Abstracts\n\n" + menu + "Keywords: lupus, CAR-T, B cells, remission, children\n\nAnti-CD19 CAR T cells for refractory lupus: an open-label pilot study\n\nBody.", "Anti-CD19 CAR T cells for refractory lupus: an open-label pilot study"},
		{"a site name not repeated stays", "Rheum Abstracts\n\nAnti-CD19 CAR T cells for refractory lupus: an open-label pilot study\n\nBody.", "Rheum Abstracts"},
		{"body first: no title", "Abstract\nIntroduction: " + strings.Repeat("CAR T cells are a treatment for lupus in this long opening paragraph ", 5) + "\n\nA line of six words with no period\n", ""},
		{"bullets and sentences are no titles", menu + "  • A bullet line of seven words here\n\nThis line is a sentence of several words.\n", ""},
		{"one line of text alone", "Grade 1 CRS occurred in 5 patients; no ICANS was seen", ""},
		{"a last line alone", menu + "A line of six words and no period", ""},
		{"TITLE: layout", "TITLE: Tocilizumab for CRS\n\nABSTRACT.RESULTS: text.", "Tocilizumab for CRS"},
		{"a Markdown title's words", "# Tocilizumab for CRS #\n\nWe gave tocilizumab to six adults.", "Tocilizumab for CRS"},
		{"a lower Markdown heading is no title", "## Safety\n\nWe gave tocilizumab to six adults.", ""},
		{"a hashtag line keeps its mark", "#CARTcell trial update\n\nWe gave tocilizumab to six adults.", "#CARTcell trial update"},
		{"first line right above its text", "Late cytopenias after CAR-T cells in lupus\nWe treated six patients with lupus using CD19 CAR-T cells, and four of them had neutropenia after the first month.", "Late cytopenias after CAR-T cells in lupus"},
		{"a wrapped paragraph has no title", "Cytokine release syndrome is the most common toxicity seen after CD19 CAR-T\nCells are infused after lymphodepletion with fludarabine and cyclophosphamide\nin most trials.", ""},
		{"a wrapped line that goes on has no title", "We treated six patients with lupus using CD19 CAR-T cells and\nFour of them had neutropenia after the first month of the study period.", ""},
		{"a heading above its text is no title", "Results and discussion\nWe treated six patients with lupus using CD19 CAR-T cells, and four of them had neutropenia.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textTitle(tt.text); got != tt.want {
				t.Errorf("textTitle = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestKindOf checks the kinds a loaded document gets from its id and its text.
func TestKindOf(t *testing.T) {
	tests := []struct {
		name, id, text, want string
	}{
		{"registry record", "NCT01234567", "Adults receive CAR-T cells.", KindRegistry},
		{"interview", "x", "**Dr. Ames:**\nHow has CRS care changed?\n\n**Dr. Bell:**\nWe give steroids earlier now.\n", KindInterview},
		{"questions and answers", "x", "Q: Who gets tocilizumab?\nA: Anyone with grade 2 CRS.\n", KindInterview},
		{"one speaker only", "x", "Dr. Ames: We give steroids earlier now.\n", ""},
		{"an outlet's question and a named answer", "x", "ONCN: How has CRS care changed?\nDr. Ames: We give steroids earlier now.\n", KindInterview},
		{"key points", "x", "Question: Does tocilizumab prevent CRS?\nOBJECTIVE: Does the dose matter?\nFindings: CRS arose in 3 of 40.\n", ""},
		{"structured abstract", "x", "Background: CRS is common.\nResults: CRS arose in 3 of 12.\nConclusions: Safe.\n", ""},
		{"a review's topic headings", "crs.txt", "Pathophysiology\nIL-6 drives it.\n\nGrading\nBy fever.\n\nManagement\nTocilizumab.\n", KindReview},
		{"topic headings beside the text's own results", "crs.txt", "Pathophysiology\nIL-6 drives it.\n\nGrading\nBy fever.\n\nManagement\nTocilizumab.\n\nResults\nCRS arose in 3 of 12.\n", ""},
		{"two topic headings only", "crs.txt", "Grading\nBy fever.\n\nManagement\nTocilizumab.\n", ""},
		{"a registry record's field headings", "trial.txt", "Brief Summary\nAdults will receive CAR-T cells.\n\nPrimary Outcome Measures:\nIncidence of grade 3 CRS\n", KindRegistry},
		{"one field heading only", "trial.txt", "Brief Summary\nAdults will receive CAR-T cells.\n", ""},
		{"field headings inside sentences", "trial.txt", "The brief summary and detailed description of the protocol were posted.\nSee Primary Outcome Measures below.\n", ""},
		{"an article's section headings", "paper.txt", "Study design\nA single-arm trial.\n\nEligibility criteria\nAdults with lymphoma.\n\nResults\nCRS arose in 3 of 12.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kindOf(&Document{ID: tt.id, Text: tt.text}); got != tt.want {
				t.Errorf("kindOf = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestTextDocumentAsLoaded: TextDocument makes of a text what Load makes of the same text
// read as a plain-text file: title, its range, text and kind.
func TestTextDocumentAsLoaded(t *testing.T) {
	for _, text := range []string{
		"Late cytopenias after CAR T cells\n\nGrade 3 neutropenia lasted beyond day 30 in 4 of 20 patients.\n",
		"TITLE: Tocilizumab for CRS\nCRS resolved in all patients.\n",
		"Grade 1 CRS occurred in 4 of 12 patients. No ICANS occurred.\n",
	} {
		var loaded *Document
		for d, err := range Load(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(text)}) {
			if err != nil {
				t.Fatal(err)
			}
			loaded = d
		}
		got := TextDocument("x", text)
		if loaded == nil || got.Title != loaded.Title || got.Text != loaded.Text || got.TitleStart != loaded.TitleStart ||
			got.TitleEnd != loaded.TitleEnd || got.Kind != loaded.Kind {
			t.Errorf("%q: TextDocument %+v, Load %+v", text, got, loaded)
		}
	}
}
