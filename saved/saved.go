package saved

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/yamlpos"
)

// File is a saved-searches file, read and checked for its structure.
type File struct {
	// Name is the file's name as errors give it.
	Name     string
	Searches []*Search
}

// Search is a saved search of a file: the search, where it is written, and its examples.
type Search struct {
	index.SavedSearch
	Description string    `json:"description,omitempty"`
	Examples    []Example `json:"examples,omitempty"`
	// Pos is where the search's name is written.
	Pos classifier.Pos `json:"pos"`

	// queryPos and filterPos are where the query and each filter are written, for errors.
	queryPos  classifier.Pos
	filterPos []classifier.Pos
}

// Example is a text a saved search must match (Match) or must not.
type Example struct {
	classifier.Pos
	Match bool   `json:"match"`
	Text  string `json:"text"`
	// Title, Date, Journal and PublicationTypes are what the example's record says about
	// itself, as a JSON Lines record of `trialtag tag` says it.
	Title            string   `json:"title,omitempty"`
	Date             string   `json:"date,omitempty"`
	Journal          string   `json:"journal,omitempty"`
	PublicationTypes []string `json:"publication_types,omitempty"`
}

// Error is a problem of a saved-searches file, at a position: the search it is in (its
// name, or ""), what is wrong, and for a repeated name where it was first given.
type Error struct {
	classifier.Pos
	Search string
	Msg    string
	Prev   *classifier.Pos
	// Err is the underlying error, if any (a query the index cannot run).
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Pos.String())
	b.WriteString(": ")
	if e.Search != "" {
		b.WriteString(e.Search)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Prev != nil {
		fmt.Fprintf(&b, " (first at %s)", e.Prev)
	}
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Load reads and parses the saved-searches file at path (see [Parse]). A file that does not
// exist is an error wrapping fs.ErrNotExist (and no File), for callers that treat it as no
// searches.
func Load(path string) (*File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading saved searches: %w", err)
	}
	return Parse(path, src)
}

// maxNameBytes is the longest name of a saved search.
const maxNameBytes = 100

// Parse reads a saved-searches file: its structure, types, names (present, unique, short,
// of letters, digits, spaces and ". _ -") and examples. It reports every problem at once,
// each an *[Error] at its file:line:col, joined and in file order. Whether each query can
// run is checked by [File.Percolator]; [Check] does both.
//
// With problems, the File returned holds the searches that read well (nil when the YAML
// itself is broken), so that their queries can be checked too: it is for reporting, not
// for running.
func Parse(name string, src []byte) (*File, error) {
	p := &parser{file: name}
	f := &File{Name: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		for _, pr := range yamlpos.Problems(src, err) {
			p.errs = append(p.errs, &Error{Pos: classifier.Pos{File: name, Line: pr.Line, Col: 1}, Msg: "invalid YAML: " + pr.Msg})
		}
		return nil, errors.Join(p.errs...)
	}
	if len(doc.Content) > 0 {
		if top := p.fields(doc.Content[0], "", "the saved-searches file", "searches"); top != nil && top["searches"] != nil {
			seen := map[string]classifier.Pos{}
			for _, n := range p.seq(top["searches"], "", "searches") {
				s := p.search(n)
				if s == nil {
					continue
				}
				if prev, dup := seen[s.Name]; dup {
					p.errs = append(p.errs, &Error{Pos: s.Pos, Search: s.Name, Msg: "another saved search has this name", Prev: &prev})
					continue
				}
				seen[s.Name] = s.Pos
				f.Searches = append(f.Searches, s)
			}
		}
	}
	if len(p.errs) > 0 {
		sortErrors(p.errs)
		return f, errors.Join(p.errs...)
	}
	return f, nil
}

// Check reads the saved-searches file at path and builds the percolator of its searches
// with interp, within lim: every problem of the file, of its structure and of its queries,
// at once, in file order. A file that does not exist is an error wrapping fs.ErrNotExist.
func Check(path string, interp *index.Interpreter, lim *index.Limits) (*File, *index.Percolator, error) {
	f, err := Load(path)
	if f == nil {
		return nil, nil, err
	}
	p, perr := f.Percolator(interp, lim)
	if err == nil && perr == nil {
		return f, p, nil
	}
	var all []error
	for _, e := range []error{err, perr} {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			all = append(all, j.Unwrap()...)
		} else if e != nil {
			all = append(all, e)
		}
	}
	sortErrors(all)
	return nil, nil, errors.Join(all...)
}

// sortErrors puts errors in file order.
func sortErrors(errs []error) {
	sort.SliceStable(errs, func(i, j int) bool {
		var a, b *Error
		if !errors.As(errs[i], &a) || !errors.As(errs[j], &b) {
			return false
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// parser walks the YAML nodes of one file, recording every problem with its position.
type parser struct {
	file string
	errs []error
}

func (p *parser) pos(n *yaml.Node) classifier.Pos {
	return classifier.Pos{File: p.file, Line: n.Line, Col: n.Column}
}

func (p *parser) errf(n *yaml.Node, search, format string, args ...any) {
	p.errs = append(p.errs, &Error{Pos: p.pos(n), Search: search, Msg: fmt.Sprintf(format, args...)})
}

// read is the YAML value reader every file trialtag reads shares, reporting to p.
func (p *parser) read() yamlpos.Reader {
	return yamlpos.Reader{Report: func(n *yaml.Node, search, msg string) {
		p.errs = append(p.errs, &Error{Pos: p.pos(n), Search: search, Msg: msg})
	}}
}

func deref(n *yaml.Node) *yaml.Node { return yamlpos.Deref(n) }

func (p *parser) fields(n *yaml.Node, search, what string, known ...string) map[string]*yaml.Node {
	return p.read().Fields(n, search, what, known...)
}

func (p *parser) seq(n *yaml.Node, search, what string) []*yaml.Node {
	return p.read().Seq(n, search, what)
}

func (p *parser) str(n *yaml.Node, search, what string) string { return p.read().Str(n, search, what) }

// strs reads a list of values (a single value counts as a list of one), with where each is.
func (p *parser) strs(n *yaml.Node, search, what string) ([]string, []classifier.Pos) {
	vals, nodes := p.read().Strs(n, search, what)
	var pos []classifier.Pos
	for _, c := range nodes {
		pos = append(pos, p.pos(c))
	}
	return vals, pos
}

func (p *parser) boolean(n *yaml.Node, search, what string) bool {
	return p.read().Bool(n, search, what, false)
}

// validName reports what is wrong with a search's name, or "".
func validName(name string) string {
	switch {
	case strings.TrimSpace(name) == "":
		return "a saved search needs a name"
	case len(name) > maxNameBytes:
		return fmt.Sprintf("a name is at most %d bytes", maxNameBytes)
	case name != strings.TrimSpace(name):
		return "a name may not start or end with a space"
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" ._-", r) {
			return fmt.Sprintf("a name holds letters, digits, spaces and . _ - only, not %q", r)
		}
	}
	return ""
}

// search reads one saved search.
func (p *parser) search(n *yaml.Node) *Search {
	n = deref(n)
	name := ""
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "name" && n.Content[i+1].Kind == yaml.ScalarNode {
				name = n.Content[i+1].Value
			}
		}
	}
	f := p.fields(n, name, "a saved search", "name", "description", "query", "filters", "same_sentence", "literal", "min_percent", "examples")
	if f == nil {
		return nil
	}
	s := &Search{Pos: p.pos(n)}
	before := len(p.errs)
	if f["name"] == nil {
		p.errf(n, "", "a saved search needs a name")
	} else {
		s.Pos = p.pos(f["name"])
		s.Name = p.str(f["name"], "", "name")
		if why := validName(s.Name); why != "" {
			p.errf(f["name"], s.Name, "%s", why)
		}
	}
	s.Description = p.str(f["description"], name, "description")
	if f["query"] == nil && f["filters"] == nil {
		p.errf(n, name, "a saved search needs a query (\"*\" for every document with its filters) or filters")
	}
	if f["query"] != nil {
		s.Query = p.str(f["query"], name, "query")
		s.queryPos = p.pos(f["query"])
	} else {
		s.Query = index.AllDocuments
		s.queryPos = s.Pos
	}
	s.Filters, s.filterPos = p.strs(f["filters"], name, "filters")
	s.SameSentence = p.boolean(f["same_sentence"], name, "same_sentence")
	s.Literal = p.boolean(f["literal"], name, "literal")
	if m := f["min_percent"]; m != nil {
		v, err := strconv.ParseFloat(p.str(m, name, "min_percent"), 64)
		if err != nil || v < 0 || v > 100 {
			p.errf(m, name, "min_percent must be a number from 0 to 100, not %q", m.Value)
		}
		s.MinPercent = v
	}
	if e := f["examples"]; e != nil {
		s.Examples = p.examples(e, name)
	}
	if len(p.errs) > before {
		return nil
	}
	return s
}

// examples reads the examples of a search.
func (p *parser) examples(n *yaml.Node, search string) []Example {
	f := p.fields(n, search, "examples", "must_match", "must_not_match")
	var out []Example
	for _, k := range []string{"must_match", "must_not_match"} {
		if f[k] == nil {
			continue
		}
		for _, c := range p.seq(f[k], search, k) {
			if ex, ok := p.example(deref(c), search, k); ok {
				ex.Match = k == "must_match"
				out = append(out, ex)
			}
		}
	}
	return out
}

// example reads one example: a text, or a mapping of the text and its record's metadata.
func (p *parser) example(n *yaml.Node, search, what string) (Example, bool) {
	ex := Example{Pos: p.pos(n)}
	if n.Kind == yaml.ScalarNode {
		ex.Text = p.str(n, search, what)
	} else {
		f := p.fields(n, search, "an example", "text", "title", "date", "journal", "publication_types")
		if f == nil {
			return ex, false
		}
		ex.Text = p.str(f["text"], search, "text")
		ex.Title = p.str(f["title"], search, "title")
		ex.Date = p.str(f["date"], search, "date")
		ex.Journal = p.str(f["journal"], search, "journal")
		ex.PublicationTypes, _ = p.strs(f["publication_types"], search, "publication_types")
	}
	if strings.TrimSpace(ex.Text) == "" && strings.TrimSpace(ex.Title) == "" {
		p.errf(n, search, "an example needs a text")
		return ex, false
	}
	return ex, true
}
