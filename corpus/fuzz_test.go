package corpus

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzMaxDocBytes is small so that fuzzing reaches the size limits.
const fuzzMaxDocBytes = 512

// loadNamed loads data as if it were a file called name, and checks the properties every
// load must have: what is yielded is a document or a *SkipError, documents have valid
// UTF-8 text and title and a source, skips have a source and a reason.
func loadNamed(t testing.TB, name string, data []byte) []loadItem {
	t.Helper()
	var out []loadItem
	l := &loader{ctx: context.Background(), max: fuzzMaxDocBytes, yield: func(d *Document, err error) bool {
		switch {
		case err != nil:
			skip, ok := err.(*SkipError)
			if !ok {
				t.Fatalf("yielded a non-skip error: %v", err)
			}
			if skip.Source == "" || skip.Reason == "" {
				t.Errorf("skip without source or reason: %#v", skip)
			}
			out = append(out, loadItem{skip: skip})
		case d == nil:
			t.Fatal("yielded a nil document and a nil error")
		default:
			if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) || !utf8.ValidString(d.ID) {
				t.Errorf("document %q: invalid UTF-8 in text %q or title %q", d.ID, d.Text, d.Title)
			}
			if d.Source == "" {
				t.Errorf("document %q has no source", d.ID)
			}
			out = append(out, loadItem{doc: d})
		}
		return true
	}}
	in := loadInput{source: name, name: name, base: name, id: "fuzz", size: int64(len(data))}
	l.loadStream(in, bytes.NewReader(data))
	return out
}

// addLoadSeed adds a testdata file to the seed corpus.
func addLoadSeed(f *testing.F, name string) {
	f.Helper()
	data, err := os.ReadFile(loadTestdata + name)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzLoadJSONL(f *testing.F) {
	addLoadSeed(f, "records.jsonl")
	addLoadSeed(f, "tree/d.jsonl")
	for _, s := range []string{
		"",
		"\n\n  \n",
		`{"id":"a","title":"T","text":"x"}`,
		`{"text":"no newline at the end"}` + "\r\n" + `{"text":"crlf"}`,
		`{"id":null,"text":"\u00e9\ud800"}`,
		`{"id":1e3,"text":""}`,
		`{"text":"` + strings.Repeat("long ", 200) + `"}` + "\n" + `{"text":"after"}`,
		"{\"text\":\"\xff\"}\n[]\n\"s\"\n{",
		"\xef\xbb\xbf{\"text\":\"bom\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got := loadNamed(t, "fuzz.jsonl", data)
		// Every line that is not blank yields exactly one document or skip.
		body := bytes.TrimPrefix(data, utf8BOM)
		want := 0
		switch {
		case bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}):
			want = 1 // UTF-16: one skip
		case bytes.IndexByte(body[:min(len(body), sniffBytes)], 0) >= 0:
			want = 1 // binary: one skip
		case len(body) == 0:
			want = 1 // empty: one empty document
		default:
			for line := range bytes.Lines(body) {
				line = bytes.TrimSuffix(line, []byte("\n"))
				if len(line) > fuzzMaxDocBytes || len(bytes.TrimSpace(line)) > 0 {
					want++
				}
			}
		}
		if len(got) != want {
			t.Errorf("got %d items, want %d: %v", len(got), want, got)
		}
	})
}

func FuzzLoadMedline(f *testing.F) {
	addLoadSeed(f, "pubmed.medline")
	for _, s := range []string{
		"",
		"PMID- 1\nTI  - t\nAB  - a\n      b\n",
		"PMID- 1\nAB  - a\nPMID- 2\nTI  - b\n",
		"\n\nOWN - NLM\n\nPMID-\nTI  -\n",
		"PMID- 1\r\nAB  - crlf\r\n\r\nPMID- 2\r\nAB  - x\r\n",
		"PMID- 1\nAB  - " + strings.Repeat("w", 600) + "\n\nPMID- 2\nTI  - ok\n",
		"PMID- 1\nAB  - bad \xff\n",
		"      continuation first\nPMID- 3\nTI  - t",
		"PMID- 4\nTI  - a\x01b\x7f\vc\njunk\n\n\nmore junk\nAB  - x\nPMID- \nTI  - y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, x := range loadNamed(t, "fuzz.medline", data) {
			switch {
			case x.doc != nil && len(data) > 0 && (x.doc.ID == "" || x.doc.Text == ""):
				t.Errorf("record without id or text: %v", x)
			case x.doc != nil && strings.ContainsFunc(x.doc.ID+x.doc.Title+x.doc.Text, isStrayControl):
				t.Errorf("control character kept: %v", x)
			case x.skip != nil && x.skip.Line > lines:
				t.Errorf("skip of line %d in %d lines: %v", x.skip.Line, lines, x.skip)
			}
		}
	})
}

// isStrayControl reports whether r is a control character that no document text keeps
// from a record format: C0 other than tab and newline, and DEL.
func isStrayControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' || r == 0x7f }

func FuzzLoadPubMedXML(f *testing.F) {
	addLoadSeed(f, "pubmed.xml")
	addLoadSeed(f, "broken.xml")
	for _, s := range []string{
		"",
		"<PubmedArticleSet/>",
		"<root/>",
		"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>t</ArticleTitle>" +
			"<Abstract><AbstractText Label=\"A\">x<b>y</b></AbstractText><AbstractText/></Abstract></Article></MedlineCitation></PubmedArticle>",
		"<PubmedArticleSet><PubmedArticle><MedlineCitation><Article><ArticleTitle>no pmid</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>",
		"<PubmedArticleSet><PubmedArticle>" + strings.Repeat("<x>pad</x>", 100) + "</PubmedArticle></PubmedArticleSet>",
		"<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>&eacute;&#xD800;&bogus;</ArticleTitle></Article></MedlineCitation></PubmedArticle>",
		"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><PubmedArticleSet/>",
		"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>3</PMID><Article><ArticleTitle>\xff</ArticleTitle>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, x := range loadNamed(t, "fuzz.xml", data) {
			if x.doc != nil && len(data) > 0 && (x.doc.ID == "" || x.doc.Text == "") {
				t.Errorf("article without id or text: %v", x)
			}
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	addLoadSeed(f, "page.html")
	for _, s := range []string{
		"",
		"<p>a</p><p>b</p>",
		"<ul><li>x<li>y</ul><ol><li><ul><li>z</ul></ol>",
		"<header><h1>H</h1><nav><h1>N</h1></nav></header></h1></header>",
		"<pre>\n\n a \n\n b</pre></pre><br><br><br>",
		"<title>t<title><svg><title>s</title>",
		"<script/><style/>x</style><svg/><p>y",
		"&#0;&#xD800;&#x110000;&amp&lt;\xff\xfe",
		"<table><tr><td> a </td><td></td><td>b</td></tr></table>",
		"\x00<p>\x00</p>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		text, title, _, _, _ := extractHTML(string(data))
		if !utf8.ValidString(text) || !utf8.ValidString(title) {
			t.Errorf("invalid UTF-8: text %q, title %q", text, title)
		}
		if strings.Contains(text, "\n\n\n") {
			t.Errorf("more than one blank line in a row: %q", text)
		}
		if text != "" && !strings.HasSuffix(text, "\n") {
			t.Errorf("text does not end with a newline: %q", text)
		}
		for l := range strings.Lines(text) {
			l = strings.TrimSuffix(l, "\n")
			if body := strings.TrimPrefix(l, htmlBullet); l != "" && (body == "" || body != strings.TrimSpace(body)) {
				t.Errorf("line with stray white space: %q", l)
			}
		}
		if title != strings.TrimSpace(title) {
			t.Errorf("title not trimmed: %q", title)
		}
		loadNamed(t, "fuzz.html", data)
	})
}
