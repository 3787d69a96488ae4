package main

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/export"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
)

func newSearchCmd(a *app) *cobra.Command {
	var (
		req    index.Request
		format string
		ff     folderFlags
	)
	cmd := &cobra.Command{
		Use:   "search [flags] QUERY",
		Short: "Search the index; the query is read with the same rules as the documents",
		Long: `Search runs QUERY (all arguments, joined by spaces) on the index in --index. The query is
tagged with the same rules as the documents, and what they recognise becomes a facet
filter: "grade 2 CRS tocilizumab" means crs_grade=2 and toxicity_treatment=tocilizumab,
"no ICANS" means icans=absent, "CD20" means antigen=CD20. The rest is free text, matched
against titles and texts. The interpretation is printed first; --literal turns it off.
"*" matches every document (useful with --filter and --facets). A query with ':' or '"',
or words starting with + or -, is bleve query-string syntax and runs as it is
(+crs_grade:2 +antigen:CD19, grade_crs:>=2, text:"drug-free remission").

Each hit shows the document id (as "trialtag tag" gives it), its score, its facets and its
best sentences with tag spans marked; then the facet counts over all matching documents.
--format json prints {"query", "interpretation", "filters", "total", "hits", "facets"}, the
same JSON as GET /api/search of "trialtag serve".

--format bioc-xml, bioc-json, pubtator or brat (a folder: --out DIR, new or empty unless
--force) writes the hits' documents as they were indexed, all their sentences and tags, in
the order of the hits, for curation tools (see "trialtag tag --help"); --limit and --offset
choose the hits.

With no index yet, search first builds one from the corpus folder of the configuration.

Exit status: 0 (also when nothing matches), 2 on a bad query (unknown facet, bad filter),
a configuration error, or an index that cannot be opened.`,
		Example: `  trialtag search "grade 2 CRS tocilizumab"
  trialtag search "no ICANS" --facets icans,crs_grade
  trialtag search '*' --filter antigen=CD20
  trialtag search --literal "tocilizumab" --format json | jq '.hits[].id'
  trialtag search '+crs_grade:2 +antigen:CD19'
  trialtag search "grade 3 ICANS" --limit 100 --format bioc-xml > icans3.bioc.xml
  trialtag search "no ICANS" --format brat --out to-check/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			req.Query = strings.Join(args, " ")
			return a.runSearch(cmd, req, format, ff)
		},
	}
	addIndexFlag(cmd, a)
	f := cmd.Flags()
	f.StringArrayVar(&req.Filters, "filter", nil, "only documents with this facet value: facet=value (facet!=value excludes); repeatable")
	f.BoolVar(&req.Literal, "literal", false, "do not interpret the query: free text (or query-string syntax) only")
	f.BoolVar(&req.SameSentence, "same-sentence", false, "the filters must hold in one sentence")
	f.StringSliceVar(&req.Facets, "facets", nil, "facets to count, comma-separated (default all; \"none\"; crs_grade_range, icans_grade_range)")
	addConfigFlag(f, "search_limit")
	f.IntVar(&req.Offset, "offset", 0, "hits skipped, for paging")
	f.IntVar(&req.Sentences, "sentences", 3, "most sentences shown per hit")
	f.IntVar(&req.FacetSize, "facet-size", 10, "most values counted per facet (at most 500)")
	f.StringVar(&format, "format", "text", "output format: text, json, or the hits' documents as bioc-xml, bioc-json, pubtator or brat (with --out)")
	f.StringVar(&req.Sort, "sort", "relevance", "order of the hits: relevance, newest, oldest, id or incidence (highest incidence of the filtered outcome first)")
	f.Float64Var(&req.MinPercent, "min-percent", 0, "only documents where the filtered outcome values (crs_grade=3+) were had by at least this percent of patients")
	addFolderFlags(cmd, &ff)
	return cmd
}

func (a *app) runSearch(cmd *cobra.Command, req index.Request, format string, ff folderFlags) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	exported, err := export.ParseFormat(format)
	if format != "text" && format != "json" && err != nil {
		return fmt.Errorf("%w: --format %q: want text, json, %s", ErrConfig, format, exportFormatNames())
	}
	if err := ff.check(format); err != nil {
		return err
	}
	if strings.TrimSpace(req.Query) == "" && len(req.Filters) == 0 {
		return fmt.Errorf("%w: give a QUERY (%q for every document) or a --filter", ErrConfig, index.AllDocuments)
	}
	req.Limit = a.cfg.SearchLimit
	req.Limits = a.cfg.Limits()
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	ix, err := a.openIndex(ctx, c)
	if err != nil {
		return err
	}
	defer ix.Close()
	resp, err := ix.Answer(ctx, index.NewInterpreter(c), req)
	if err != nil {
		return err
	}
	if exported != "" {
		return a.exportHits(ix, resp, exported, ff)
	}
	bw := bufio.NewWriter(a.stdout)
	if format == "json" {
		err = web.WriteJSON(bw, resp, true)
	} else {
		printSearch(bw, resp, req.Offset, isTerminal(a.stdout))
	}
	if ferr := bw.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}

// exportFormatNames lists the export formats for messages: "bioc-xml, …, or brat".
func exportFormatNames() string {
	var names []string
	for _, f := range export.Formats() {
		names = append(names, string(f))
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// exportHits writes the documents of a search's hits, as indexed, in an export format:
// to standard output, or for brat into the --out folder.
func (a *app) exportHits(ix *index.Index, resp *index.Response, format export.Format, ff folderFlags) error {
	results := make([]*classifier.Result, 0, len(resp.Hits))
	for _, h := range resp.Hits {
		doc, err := ix.Document(h.ID)
		if err != nil {
			return fmt.Errorf("reading hit %s: %w", h.ID, err)
		}
		results = append(results, doc.Result())
	}
	if format.Folder() {
		folder, err := openBratFolder(ff)
		if err != nil {
			return err
		}
		for _, r := range results {
			b, err := export.EncodeBrat(r)
			if err == nil {
				err = folder.Write(b)
			}
			if err != nil {
				return fmt.Errorf("writing brat files: %w", err)
			}
		}
		fmt.Fprintf(a.stdout, "wrote %d of %d matching documents to %s (brat: ID.txt, ID.ann, %s)\n",
			folder.Len(), resp.Total, folder.Dir(), export.BratConfName)
		return nil
	}
	return export.Write(a.stdout, format, results, export.Options{Date: time.Now()})
}

// printSearch writes a search's results as text: the interpretation, each hit with its
// facets and marked sentences, and the facet counts.
func printSearch(w io.Writer, r *index.Response, offset int, color bool) {
	bold := func(s string) string {
		if color {
			return ansiBold + s + ansiReset
		}
		return s
	}
	dim := func(s string) string {
		if color {
			return ansiDim + s + ansiReset
		}
		return s
	}
	in := r.Interpretation
	switch {
	case in.Literal:
		fmt.Fprintf(w, "query %q, read literally: free text %q\n", r.Query, in.Text)
	case in.Syntax:
		fmt.Fprintf(w, "query %q: query-string syntax, run as it is\n", r.Query)
	case in.Note != "":
		fmt.Fprintf(w, "query %.60q…: %s\n", r.Query, in.Note)
	case strings.TrimSpace(r.Query) == index.AllDocuments || strings.TrimSpace(r.Query) == "":
		fmt.Fprintln(w, "every document")
	default:
		fmt.Fprintf(w, "query %q read as:\n", r.Query)
		for _, f := range in.Filters {
			fmt.Fprintf(w, "  %-34s from %q %s\n", f.Filter.String(), f.Text, dim("("+f.Rule+")"))
		}
		if in.Text != "" {
			fmt.Fprintf(w, "  %-34s %q\n", "free text", in.Text)
		} else if len(in.Filters) == 0 {
			fmt.Fprintln(w, "  nothing")
		}
	}
	for _, f := range r.Filters {
		fmt.Fprintf(w, "  filter %s\n", f)
	}
	matches := fmt.Sprintf("%d documents match", r.Total)
	if r.Total == 1 {
		matches = "1 document matches"
	}
	switch {
	case r.Total == 0:
		fmt.Fprintln(w, "\nno documents match")
	case len(r.Hits) == 0:
		fmt.Fprintf(w, "\n%s; none from number %d on\n", matches, offset+1)
	case uint64(len(r.Hits)) == r.Total:
		fmt.Fprintf(w, "\n%s\n", matches)
	default:
		fmt.Fprintf(w, "\n%s; %d–%d shown\n", matches, offset+1, offset+len(r.Hits))
	}
	for i, h := range r.Hits {
		head := h.ID
		if h.Title != "" {
			head += " — " + h.Title
		}
		fmt.Fprintf(w, "\n%d. %s  %s\n", offset+i+1, bold(head), dim(fmt.Sprintf("score %.3f", h.Score)))
		fmt.Fprintf(w, "   %s\n", h.Source)
		if m := metaLine(h.Meta); m != "" {
			fmt.Fprintf(w, "   %s\n", m)
		}
		for _, fc := range classifier.Facets() {
			if vals, ok := h.Facets[fc.Name]; ok && len(vals) > 0 {
				fmt.Fprintf(w, "   %-19s %s\n", fc.Name+":", strings.Join(vals, ", "))
			}
		}
		for _, s := range h.Sentences {
			fmt.Fprintf(w, "   #%d [%s] %s\n", s.Index, s.Section, markSentence(s, color))
		}
	}
	var names []string
	for _, fc := range classifier.Facets() {
		for _, name := range []string{fc.Name, fc.Name + "_range"} {
			if counts, ok := r.Facets[name]; ok && len(counts) > 0 {
				names = append(names, name)
			}
		}
	}
	if len(names) > 0 {
		fmt.Fprintf(w, "\nfacets\n")
		for _, name := range names {
			parts := make([]string, len(r.Facets[name]))
			for i, fc := range r.Facets[name] {
				parts[i] = fmt.Sprintf("%s (%d)", fc.Value, fc.Count)
			}
			fmt.Fprintf(w, "  %-19s %s\n", name+":", strings.Join(parts, ", "))
		}
	}
}

// markSentence marks the tag spans of a hit's sentence ([...] for tags, [~...] negated,
// [?...] hypothetical, [^...] generic, *...* for free-text matches; colour on a terminal).
func markSentence(s index.HitSentence, color bool) string {
	t := tableFormatter{color: color}
	return s.Highlight(func(text string, tag *classifier.Tag) string {
		if tag == nil {
			if color {
				return ansiBold + text + ansiReset
			}
			return "*" + text + "*"
		}
		open, close := t.style(tag.Status)
		return open + text + close
	})
}

// metaLine writes what a document says about itself on one line: date, journal,
// publication types and ids, or "" when it says nothing.
func metaLine(m *corpus.Meta) string {
	if m == nil {
		return ""
	}
	var parts []string
	if m.Date != "" {
		parts = append(parts, m.Date)
	}
	if j := cmp.Or(m.JournalAbbrev, m.Journal); j != "" {
		parts = append(parts, j)
	}
	if len(m.PublicationTypes) > 0 {
		parts = append(parts, strings.Join(m.PublicationTypes, ", "))
	}
	for _, id := range []struct{ name, v string }{{"PMID", m.PMID}, {"", m.PMCID}, {"doi:", m.DOI}} {
		if id.v != "" {
			parts = append(parts, strings.TrimSpace(id.name+" "+id.v))
		}
	}
	return strings.Join(parts, " · ")
}
