package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/saved"
)

// defaultAlertsLimit is how many alerts GET /api/alerts returns when the request says not.
const defaultAlertsLimit = 50

// AlertsResponse is the JSON of GET /api/alerts: how many alerts the request chose, and
// the page asked for, newest first. Each alert is the JSON `trialtag alerts --format jsonl`
// prints.
type AlertsResponse struct {
	Total  int           `json:"total"`
	Alerts []index.Alert `json:"alerts"`
}

// AlertsRequest is a request of GET /api/alerts.
type AlertsRequest struct {
	Query         index.AlertQuery
	Limit, Offset int
}

// ParseAlertsRequest reads the parameters of GET /api/alerts: since (a time as
// index.ParseSince reads it), search, document, limit and offset. Unknown parameters are
// ignored. Problems wrap index.ErrBadQuery.
func ParseAlertsRequest(v url.Values, now time.Time) (AlertsRequest, error) {
	req := AlertsRequest{Query: index.AlertQuery{Search: v.Get("search"), Document: v.Get("document")}, Limit: defaultAlertsLimit}
	var errs []error
	if s := v.Get("since"); s != "" {
		t, err := index.ParseSince(s, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("since: %w", err))
		}
		req.Query.Since = t
	}
	for _, p := range []struct {
		name string
		to   *int
	}{{"limit", &req.Limit}, {"offset", &req.Offset}} {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				errs = append(errs, fmt.Errorf("%s: %q is not a whole number ≥ 0", p.name, s))
			}
			*p.to = n
		}
	}
	if err := errors.Join(errs...); err != nil {
		return req, fmt.Errorf("%w: %w", index.ErrBadQuery, err)
	}
	return req, nil
}

func (s *Server) handleAlerts(w http.ResponseWriter, r *http.Request) {
	req, err := ParseAlertsRequest(r.URL.Query(), time.Now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch {
	case req.Limit > s.maxLimit:
		s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("limit %d is over the most this server returns (%d)", req.Limit, s.maxLimit))
		return
	case req.Offset > maxOffset:
		s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("offset %d is over %d; narrow the request instead (since, search)", req.Offset, maxOffset))
		return
	}
	alerts, err := index.ReadAlerts(s.ix.Dir(), req.Query)
	if err != nil {
		if !errors.Is(err, index.ErrCorrupt) {
			s.fail(w, r, err)
			return
		}
		s.log.Warn("alert log", "err", err) // the lines that were read are served
	}
	slices.Reverse(alerts)
	out := AlertsResponse{Total: len(alerts), Alerts: []index.Alert{}}
	if req.Offset < len(alerts) {
		out.Alerts = alerts[req.Offset:min(len(alerts), req.Offset+req.Limit)]
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

// handleSearches serves the saved searches, each as the rules in force read it, with its
// alert counts (since counts those from ?since= on).
func (s *Server) handleSearches(w http.ResponseWriter, r *http.Request) {
	var since time.Time
	if v := r.URL.Query().Get("since"); v != "" {
		t, err := index.ParseSince(v, time.Now())
		if err != nil {
			s.fail(w, r, fmt.Errorf("%w: since: %w", index.ErrBadQuery, err))
			return
		}
		since = t
	}
	st := s.rules.Load()
	if st.percErr != nil {
		s.writeError(w, r, http.StatusServiceUnavailable, "the saved searches cannot be read with the rules in force: "+st.percErr.Error())
		return
	}
	counts, err := index.CountAlerts(s.ix.Dir(), since)
	if err != nil {
		if !errors.Is(err, index.ErrCorrupt) {
			s.fail(w, r, err)
			return
		}
		s.log.Warn("alert log", "err", err)
	}
	s.writeJSON(w, r, http.StatusOK, saved.NewList(s.spath, s.searches, st.perc, counts))
}
