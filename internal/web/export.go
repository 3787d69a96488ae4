package web

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
)

// Export limits: a page of hits per search run while streaming, and the most documents one
// export writes (deeper pages cost more than they give; narrow the search instead).
const (
	exportPage = 500
	maxExport  = maxOffset + exportPage
)

// handleExport streams the documents a search finds, all of them up to maxExport, as CSV
// (one row per document: id, title, source, date, journal, a column per facet with its
// values joined by "; ", and the evidence sentences) or JSON Lines (one hit of the search JSON
// per line). GET /api/export?format=csv|jsonl takes the parameters of /api/search; limit and
// offset are ignored. X-Total-Count says how many documents match, X-Export-Count how many
// are written.
func (s *Server) handleExport(w http.ResponseWriter, r *http.Request) {
	req, err := ParseSearchRequest(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "jsonl" {
		s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("format %q: want csv or jsonl", format))
		return
	}
	req.Limits = s.limits
	req.Facets = []string{"none"}
	req.Limit, req.Offset = exportPage, 0
	interp := s.rules.Load().interp
	first, err := s.ix.Answer(r.Context(), interp, req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n := min(first.Total, uint64(maxExport))
	h := w.Header()
	h.Set("X-Total-Count", strconv.FormatUint(first.Total, 10))
	h.Set("X-Export-Count", strconv.FormatUint(n, 10))
	h.Set("Cache-Control", "no-store")
	if format == "csv" {
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="trialtag-results.csv"`)
	} else {
		h.Set("Content-Type", "application/x-ndjson; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="trialtag-results.jsonl"`)
	}
	w.WriteHeader(http.StatusOK)
	write := exportWriter(w, format)
	written := uint64(0)
	for page := first; ; {
		for _, hit := range page.Hits {
			if written == n {
				break
			}
			if err := write(hit); err != nil {
				s.log.Warn("export stopped", "error", err)
				return
			}
			written++
		}
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		if written == n || len(page.Hits) == 0 || r.Context().Err() != nil {
			return
		}
		req.Offset += exportPage
		if page, err = s.ix.Answer(r.Context(), interp, req); err != nil {
			// The header is sent: the error can only end the stream (and the log says why).
			s.log.Warn("export stopped", "error", err)
			return
		}
	}
}

// exportWriter returns a function that writes one hit in format, after writing the CSV
// header row.
func exportWriter(w http.ResponseWriter, format string) func(index.Hit) error {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return func(h index.Hit) error { return enc.Encode(h) }
	}
	facets := classifier.Facets()
	cw := csv.NewWriter(w)
	head := []string{"id", "title", "source", "date", "journal"}
	for _, f := range facets {
		head = append(head, f.Name)
	}
	head = append(head, "evidence")
	_ = cw.Write(head)
	return func(h index.Hit) error {
		var date, journal string
		if h.Meta != nil {
			date, journal = h.Meta.Date, h.Meta.Journal
		}
		row := []string{h.ID, h.Title, h.Source, date, journal}
		for _, f := range facets {
			row = append(row, strings.Join(h.Facets[f.Name], "; "))
		}
		var ev []string
		for _, s := range h.Sentences {
			ev = append(ev, strings.Join(strings.Fields(s.Text), " "))
		}
		row = append(row, strings.Join(ev, " | "))
		if err := cw.Write(row); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
}
