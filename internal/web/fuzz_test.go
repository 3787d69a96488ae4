package web_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/internal/web"
)

// maxErrorBytes bounds the "error" of a 4xx answer: it says what is wrong and quotes at most
// an excerpt of the request (issue 13, point 11). An unknown facet lists the facets.
const maxErrorBytes = 600

// fuzzServer is a Server on the seeds, called as an http.Handler without a listener.
func fuzzServer(f *testing.F) http.Handler {
	f.Helper()
	c := newClassifier(f)
	s, err := web.New(web.Options{Index: seedIndex(f, c), Classifier: c, MaxBody: testMaxBody})
	if err != nil {
		f.Fatal(err)
	}
	return s
}

// serve sends req, from the server's own host, and checks what holds for every answer: no
// 5xx, a JSON body, and for a 4xx a short "error".
func serve(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	req.Host = "127.0.0.1"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	what := req.Method + " " + req.URL.String()
	if rec.Code >= 500 {
		t.Fatalf("%.300s: %d %.500s", what, rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("%.300s: %d with Content-Type %q", what, rec.Code, ct)
	}
	if !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("%.300s: %d with a body that is not JSON: %.500s", what, rec.Code, rec.Body)
	}
	if rec.Code >= 400 {
		var e struct{ Error string }
		if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error == "" || len(e.Error) > maxErrorBytes {
			t.Errorf("%.300s: %d with error of %d bytes: %.800s", what, rec.Code, len(e.Error), rec.Body)
		}
	}
	return rec
}

// FuzzSearchParams sends GET /api/search with any parameters. Besides what serve checks,
// a 200 answers the search: no more hits than the total or the limit, every hit with an id,
// and filters that name known facets.
func FuzzSearchParams(f *testing.F) {
	type params struct{ q, filter, facets, sort, limit, minPercent, extra string }
	for _, p := range []params{
		{q: "grade 2 CRS tocilizumab"},
		{q: "no ICANS", filter: "antigen=CD19", facets: "crs,crs_grade_range", sort: "newest", limit: "3"},
		{q: "neutropenia in more than 10% of patients", sort: "incidence"},
		{q: "crs_grade:>=2 +antigen:CD19", limit: "0"},
		{q: "((((", filter: "year>=2023"},
		{q: "/(a+)+b/ *e* a~2"},
		{q: "CRS", filter: "crs_grade=≥3", minPercent: "12.5"},
		{q: "CRS", filter: "nofacet=x", facets: "none"},
		{q: strings.Repeat("the ", 100), limit: "-1", extra: "offset=99999"},
		{extra: "q=%ZZ&filter&literal&same_sentence=maybe&sentences=7"},
		{q: "CRS", limit: strings.Repeat("9x", 2000), minPercent: strings.Repeat("\xff", 300)},
	} {
		f.Add(p.q, p.filter, p.facets, p.sort, p.limit, p.minPercent, p.extra)
	}
	h := fuzzServer(f)
	f.Fuzz(func(t *testing.T, q, filter, facets, sort, limit, minPercent, extra string) {
		v := url.Values{}
		for _, kv := range [][2]string{{"q", q}, {"filter", filter}, {"facets", facets}, {"sort", sort}, {"limit", limit}, {"min_percent", minPercent}} {
			if kv[1] != "" {
				v.Set(kv[0], kv[1])
			}
		}
		req := httptest.NewRequest(http.MethodGet, "/api/search", nil)
		req.URL.RawQuery = v.Encode()
		if extra != "" {
			req.URL.RawQuery += "&" + extra
		}
		rec := serve(t, h, req)
		if rec.Code != http.StatusOK {
			return
		}
		var res index.Response
		if err := json.Unmarshal(rec.Body.Bytes(), &res); err != nil {
			t.Fatalf("%.300s: %v", req.URL, err)
		}
		if uint64(len(res.Hits)) > res.Total || len(res.Hits) > web.DefaultMaxLimit {
			t.Errorf("%.300s: %d hits of %d", req.URL, len(res.Hits), res.Total)
		}
		for _, hit := range res.Hits {
			if hit.ID == "" {
				t.Errorf("%.300s: a hit without an id", req.URL)
			}
		}
		for _, fi := range res.Interpretation.Filters {
			if !index.IsFacet(fi.Facet) {
				t.Errorf("%.300s: interpreted filter %v names no facet", req.URL, fi.Filter)
			}
		}
	})
}

// FuzzTagBody posts any body, with any Content-Type, to /api/tag. Besides what serve checks,
// a 200 is a tagged document: sentences in order, each tag inside its sentence, giving back
// its text.
func FuzzTagBody(f *testing.F) {
	for _, s := range []struct{ contentType, body string }{
		{"application/json", `{"text":"Grade 2 CRS occurred; no ICANS."}`},
		{"application/json; charset=utf-8", `{"id":"x","title":"T","text":"CD19 CAR-T in lupus nephritis."}`},
		{"application/json", `{"text":"a"} {"text":"b"}`},
		{"application/json", `{"text":null,"extra":1}`},
		{"text/plain", "Grade 3 CRS in 2 of 10 patients.\n\nTocilizumab was given."},
		{"text/plain", "<!DOCTYPE html><title>T</title><p>No ICANS.</p>"},
		{"text/plain", `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}`},
		{"text/plain", "PMID- 1\nTI  - Grade 2 CRS.\n"},
		{"text/plain", "\xff\xfe bad"},
		{"", `{"text":"no content type"}`},
		{"text/html", "<p>x</p>"},
		{"multipart/form-data; boundary=", "x"},
		{strings.Repeat("x/", 300), "x"},
	} {
		f.Add(s.contentType, []byte(s.body))
	}
	h := fuzzServer(f)
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/api/tag", bytes.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := serve(t, h, req)
		if rec.Code != http.StatusOK {
			return
		}
		var doc classifier.DocumentJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("decoding the document: %v", err)
		}
		end := 0
		for i, s := range doc.Sentences {
			if s.Index != i || s.Start < end || s.End <= s.Start || len(s.Text) != s.End-s.Start {
				t.Fatalf("sentence %d [%d,%d) %q after %d: out of order or not its span", i, s.Start, s.End, s.Text, end)
			}
			end = s.End
			for _, tg := range s.Tags {
				if tg.Start < s.Start || tg.End > s.End || tg.Start >= tg.End || s.Text[tg.Start-s.Start:tg.End-s.Start] != tg.Text {
					t.Fatalf("tag %+v outside sentence %d [%d,%d) %q", tg, i, s.Start, s.End, s.Text)
				}
			}
		}
	})
}
