package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/trialtag/trialtag/classifier"
	"github.com/trialtag/trialtag/corpus"
	"github.com/trialtag/trialtag/index"
	"github.com/trialtag/trialtag/saved"
)

// Defaults of [Options].
const (
	DefaultMaxBody  = 1 << 20
	DefaultTimeout  = 10 * time.Second
	DefaultMaxLimit = 100
	// maxOffset caps paging: deep pages cost bleve offset+limit hits each.
	maxOffset = 10000
)

// Options configure a [Server].
type Options struct {
	// Index is the open index searched; required. The Server never closes it.
	Index *index.Index
	// Classifier tags texts and reads queries; required. [Server.SetRules] replaces it.
	Classifier *classifier.Classifier
	// RulesSource names where the rules come from ("built-in" or a folder), for /healthz.
	RulesSource string
	// Logger receives one line per request and every server error; nil discards them.
	Logger *slog.Logger
	// MaxBody is the largest request body read, in bytes (default [DefaultMaxBody]); larger
	// ones get 413.
	MaxBody int64
	// Timeout bounds the work of one request (default [DefaultTimeout]); a search that runs
	// longer gets 503.
	Timeout time.Duration
	// MaxLimit is the most hits one search may ask for (default [DefaultMaxLimit]).
	MaxLimit int
	// Static, when set, is served at "/" (the web page); see [StaticFS].
	Static fs.FS
	// Limits bound the cost of one search; nil means [index.DefaultLimits].
	Limits *index.Limits
	// Hosts are the host names (without port) that requests may name in their Host header;
	// others get 421, so that a page of another site whose name was rebound to this
	// machine's address (DNS rebinding) cannot read the API. Empty means [LoopbackHosts].
	Hosts []string
	// Searches is the saved-searches file in use, nil for none, and SearchesPath its path:
	// GET /api/searches lists them, each read with the rules in force. The alerts they
	// recorded are read from the index folder.
	Searches     *saved.File
	SearchesPath string
}

// LoopbackHosts are the host names a server answers by default: this machine's own.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// contentSecurityPolicy lets pages load scripts, styles, images and API answers from the
// server only: no inline script, no other site, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Server is the HTTP handler of the API. It is safe for concurrent use.
type Server struct {
	ix       *index.Index
	log      *slog.Logger
	maxBody  int64
	timeout  time.Duration
	maxLimit int
	limits   *index.Limits
	hosts    map[string]bool
	assets   map[string]*asset
	source   string
	mux      *http.ServeMux
	handler  http.Handler
	searches *saved.File
	spath    string

	rules atomic.Pointer[rulesState]

	mu        sync.Mutex
	reloadErr *reloadError
}

var _ http.Handler = (*Server)(nil)

// New makes a Server.
func New(opts Options) (*Server, error) {
	if opts.Index == nil {
		return nil, errors.New("web: Options.Index is nil")
	}
	if opts.Classifier == nil {
		return nil, errors.New("web: Options.Classifier is nil")
	}
	s := &Server{
		ix:       opts.Index,
		log:      opts.Logger,
		maxBody:  opts.MaxBody,
		timeout:  opts.Timeout,
		maxLimit: opts.MaxLimit,
		limits:   opts.Limits,
		source:   opts.RulesSource,
		mux:      http.NewServeMux(),
		searches: opts.Searches,
		spath:    opts.SearchesPath,
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBody
	}
	if s.timeout <= 0 {
		s.timeout = DefaultTimeout
	}
	if s.maxLimit <= 0 {
		s.maxLimit = DefaultMaxLimit
	}
	if s.source == "" {
		s.source = "built-in"
	}
	s.hosts = map[string]bool{}
	hosts := opts.Hosts
	if len(hosts) == 0 {
		hosts = LoopbackHosts
	}
	for _, h := range hosts {
		s.hosts[normHost(h)] = true
	}
	s.rules.Store(s.newRulesState(opts.Classifier))
	for _, r := range routes {
		s.mux.HandleFunc(r.method+" "+r.pattern, func(w http.ResponseWriter, req *http.Request) { r.handle(s, w, req) })
	}
	s.mux.HandleFunc("/api/", s.apiNotFound)
	s.mux.HandleFunc("/healthz", s.apiNotFound)
	if opts.Static != nil {
		assets, err := loadAssets(opts.Static)
		if err != nil {
			return nil, fmt.Errorf("web: reading the static files: %w", err)
		}
		s.assets = assets
		s.mux.HandleFunc("/", s.serveStatic)
	}
	// Cross-origin requests that change nothing are harmless; a POST from another site's
	// page (a form, or fetch with text/plain, which needs no preflight) is refused whatever
	// its Content-Type. Requests without Origin or Sec-Fetch-Site (curl, scripts) pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, http.StatusForbidden, fmt.Sprintf("%s %s from another site's page: refused (send it from this server's page, or without a browser)", r.Method, r.URL.Path))
	}))
	s.handler = s.recoverer(s.logRequests(s.checkHost(cop.Handler(s.mux))))
	return s, nil
}

// route is an API endpoint.
type route struct {
	method, pattern string
	handle          func(*Server, http.ResponseWriter, *http.Request)
}

var routes = []route{
	{http.MethodGet, "/api/search", (*Server).handleSearch},
	{http.MethodGet, "/api/export", (*Server).handleExport},
	{http.MethodGet, "/api/documents/{id...}", (*Server).handleDocument},
	{http.MethodPost, "/api/tag", (*Server).handleTag},
	{http.MethodPost, "/api/explain", (*Server).handleExplain},
	{http.MethodGet, "/api/rules", (*Server).handleRules},
	{http.MethodGet, "/api/facets", (*Server).handleFacets},
	{http.MethodGet, "/api/searches", (*Server).handleSearches},
	{http.MethodGet, "/api/alerts", (*Server).handleAlerts},
	{http.MethodGet, "/healthz", (*Server).handleHealth},
}

// ServeHTTP implements [http.Handler].
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Classifier returns the classifier in force.
func (s *Server) Classifier() *classifier.Classifier { return s.rules.Load().c }

// SetRules puts a new classifier in force (after the rules were reloaded) and clears the
// last reload error. Requests already running finish with the classifier they started with.
func (s *Server) SetRules(c *classifier.Classifier) { s.applyRules(c, nil) }

// applyRules puts c in force as SetRules does; changes are the rule files the reload added,
// changed and removed (nil when unknown).
func (s *Server) applyRules(c *classifier.Classifier, changes *FileChanges) {
	if c == nil {
		return
	}
	st := s.newRulesState(c) // outside the lock: building the interpreter takes a moment
	st.changes = changes
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules.Store(st)
	s.reloadErr = nil
}

// SetRulesError records that reloading the rules failed (the rules in force stay), for
// /healthz and /api/rules; nil clears it.
func (s *Server) SetRulesError(err error) {
	if err == nil {
		s.clearRulesError()
		return
	}
	s.refuseRules(err, nil)
}

// refuseRules records a reload that failed or was refused with err; changes are the rule
// files it would have added, changed and removed (nil when unknown).
func (s *Server) refuseRules(err error, changes *FileChanges) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reloadErr = &reloadError{err: err, at: time.Now(), changes: changes}
}

// clearRulesError forgets the last failed reload and reports whether there was one.
func (s *Server) clearRulesError() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	had := s.reloadErr != nil
	s.reloadErr = nil
	return had
}

// rulesStatus describes the rules in force and the last reload error.
func (s *Server) rulesStatus() (RulesStatus, *rulesState) {
	s.mu.Lock()
	st, re := s.rules.Load(), s.reloadErr
	s.mu.Unlock()
	rs := st.c.RuleSet()
	out := RulesStatus{Source: s.source, Fingerprint: rs.Fingerprint, Files: rs.Files, LoadedAt: st.loadedAt, Changes: st.changes}
	if out.Files == nil {
		out.Files = []string{}
	}
	if re != nil {
		out.Error = errorLines(re.err)
		at := re.at
		out.FailedAt = &at
		out.Refused = re.changes
	}
	return out, st
}

// ---- errors and JSON ----

// errorBody is the JSON of every error.
type errorBody struct {
	Error string `json:"error"`
}

// WriteJSON writes v as JSON, indented when indent is set. The CLI and the API write
// through it, so their JSON is the same.
func WriteJSON(w io.Writer, v any, indent bool) error {
	enc := json.NewEncoder(w)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}

func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, v, false); err != nil {
		s.log.Error("encoding response", "path", r.URL.Path, "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		_ = WriteJSON(&buf, errorBody{"encoding the response failed"}, false)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (s *Server) writeError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.writeJSON(w, r, status, errorBody{msg})
}

// fail writes err with the status that fits it: 400 for a bad query, 404 for an unknown
// document, 503 for a timeout or a closed index, 500 (logged) otherwise.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var maxErr *http.MaxBytesError
	switch {
	case errors.Is(err, index.ErrBadQuery):
		// The client needs the problem, not the server's folder.
		s.writeError(w, r, http.StatusBadRequest, strings.Replace(err.Error(), "searching "+s.ix.Dir()+": ", "", 1))
	case errors.Is(err, index.ErrNotFound):
		s.writeError(w, r, http.StatusNotFound, err.Error())
	case errors.As(err, &maxErr):
		s.writeError(w, r, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body is larger than %d bytes", maxErr.Limit))
	case errors.Is(err, context.DeadlineExceeded):
		s.writeError(w, r, http.StatusServiceUnavailable, fmt.Sprintf("the request took longer than %s", s.timeout))
	case errors.Is(err, context.Canceled):
		s.writeError(w, r, http.StatusServiceUnavailable, "the request was cancelled")
	case errors.Is(err, index.ErrClosed):
		s.writeError(w, r, http.StatusServiceUnavailable, "the server is shutting down")
	default:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		s.writeError(w, r, http.StatusInternalServerError, "internal error: "+err.Error())
	}
}

// apiNotFound answers paths under /api/ that no route takes: 405 for a known path with
// another method, 404 otherwise.
func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, rt := range routes {
		if pathMatches(rt.pattern, r.URL.Path) {
			allow = append(allow, rt.method)
		}
	}
	if len(allow) > 0 {
		if strings.Contains(strings.Join(allow, ","), http.MethodGet) {
			allow = append(allow, http.MethodHead)
		}
		allow = append(allow, http.MethodOptions)
		w.Header().Set("Allow", strings.Join(allow, ", "))
		if r.Method == http.MethodOptions {
			// What the route allows, and no CORS headers: other sites' pages get nothing.
			w.WriteHeader(http.StatusNoContent)
			return
		}
		s.writeError(w, r, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: method not allowed (allowed: %s)", r.Method, r.URL.Path, strings.Join(allow, ", ")))
		return
	}
	s.writeError(w, r, http.StatusNotFound, fmt.Sprintf("%s: no such endpoint", r.URL.Path))
}

// pathMatches reports whether path matches a route pattern (a literal path, or one ending
// in a {name...} wildcard).
func pathMatches(pattern, path string) bool {
	if i := strings.Index(pattern, "{"); i >= 0 {
		return strings.HasPrefix(path, pattern[:i]) && len(path) > i
	}
	return path == pattern
}

// ---- middleware ----

// statusWriter records the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "same-origin")
		ctx, cancel := context.WithTimeout(r.Context(), s.timeout)
		defer cancel()
		next.ServeHTTP(sw, r.WithContext(ctx))
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start).Round(time.Microsecond))
	})
}

// checkHost answers 421 to a request whose Host header names no host this server serves
// (see [Options.Hosts]).
func (s *Server) checkHost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts[normHost(r.Host)] {
			s.writeError(w, r, http.StatusMisdirectedRequest, fmt.Sprintf("host %s is not served here (serve's hosts: %s)", strconv.Quote(excerptHost(r.Host)), strings.Join(s.hostNames(), ", ")))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostNames lists the hosts served, sorted.
func (s *Server) hostNames() []string {
	names := make([]string, 0, len(s.hosts))
	for h := range s.hosts {
		names = append(names, h)
	}
	slices.Sort(names)
	return names
}

// normHost lower-cases a Host header or host name and drops its port and IPv6 brackets.
func normHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSuffix(h, "."), "["), "]")
}

// excerptHost cuts a Host header for an error message.
func excerptHost(h string) string {
	if len(h) > 80 {
		return h[:80] + "…"
	}
	return h
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.writeError(w, r, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// ---- handlers ----

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	req, err := ParseSearchRequest(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	switch {
	case req.Limit > s.maxLimit:
		s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("limit %d is over the most this server returns (%d)", req.Limit, s.maxLimit))
		return
	case req.Offset > maxOffset:
		s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("offset %d is over %d; narrow the search instead", req.Offset, maxOffset))
		return
	}
	req.Limits = s.limits
	resp, err := s.ix.Answer(r.Context(), s.rules.Load().interp, req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, resp)
}

func (s *Server) handleDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := s.ix.Document(id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, d)
}

// textRequest is the body of POST /api/tag and POST /api/explain.
type textRequest struct {
	Text *string `json:"text"`
	// ID and Title name the document (POST /api/tag only); by default the id is "stdin" and
	// the title is found as `trialtag tag -` finds it.
	ID    string `json:"id,omitempty"`
	Title string `json:"title,omitempty"`
}

// readText reads the body of a POST: JSON {"text": ...}, or with allowPlain a text/plain
// body that is the text. It writes the error response itself and returns ok=false.
func (s *Server) readText(w http.ResponseWriter, r *http.Request, allowPlain bool) (textRequest, bool) {
	var req textRequest
	ct := r.Header.Get("Content-Type")
	mt := "application/json"
	if ct != "" {
		var err error
		if mt, _, err = mime.ParseMediaType(ct); err != nil {
			s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("Content-Type %s: %v", index.Excerpt(ct), err))
			return req, false
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.maxBody)
	switch {
	case mt == "application/json":
		dec := json.NewDecoder(body)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&req); err != nil {
			s.badBody(w, r, err)
			return req, false
		}
		if _, err := dec.Token(); !errors.Is(err, io.EOF) {
			if err == nil {
				err = errors.New("more than one JSON value")
			}
			s.badBody(w, r, err)
			return req, false
		}
		if req.Text == nil {
			s.writeError(w, r, http.StatusBadRequest, `missing "text"`)
			return req, false
		}
	case mt == "text/plain" && allowPlain:
		b, err := io.ReadAll(body)
		if err != nil {
			s.badBody(w, r, err)
			return req, false
		}
		text := string(b)
		req.Text = &text
	default:
		want := "application/json"
		if allowPlain {
			want += " or text/plain"
		}
		s.writeError(w, r, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s: send %s", index.Excerpt(mt), want))
		return req, false
	}
	return req, true
}

// badBody answers a body that could not be read: 413 when too large, 400 otherwise.
func (s *Server) badBody(w http.ResponseWriter, r *http.Request, err error) {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		s.fail(w, r, err)
		return
	}
	s.writeError(w, r, http.StatusBadRequest, "bad request body: "+err.Error())
}

func (s *Server) handleTag(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readText(w, r, true)
	if !ok {
		return
	}
	d, ok := s.loadText(w, r, req)
	if !ok {
		return
	}
	s.writeJSON(w, r, http.StatusOK, s.Classifier().Tag(d).JSON())
}

// loadText reads a request's text as `trialtag tag -` reads standard input: plain text,
// Markdown or HTML, its title found the same way; one document, else a 400 is written.
func (s *Server) loadText(w http.ResponseWriter, r *http.Request, req textRequest) (*corpus.Document, bool) {
	var docs []*corpus.Document
	for d, err := range corpus.Load(r.Context(), []string{"-"}, corpus.Options{MaxDocBytes: s.maxBody, Stdin: strings.NewReader(*req.Text)}) {
		if err != nil {
			var skip *corpus.SkipError
			if errors.As(err, &skip) {
				s.writeError(w, r, http.StatusBadRequest, "text: "+skip.Reason)
				return nil, false
			}
			s.fail(w, r, err)
			return nil, false
		}
		docs = append(docs, d)
	}
	if len(docs) != 1 {
		s.writeError(w, r, http.StatusBadRequest, fmt.Sprintf("the text holds %d records (JSON Lines, MEDLINE or PubMed XML); send one document at a time", len(docs)))
		return nil, false
	}
	d := docs[0]
	if req.ID != "" {
		d.ID = req.ID
	}
	if req.Title != "" {
		d.Title = req.Title
	}
	return d, true
}

func (s *Server) handleExplain(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readText(w, r, false)
	if !ok {
		return
	}
	if req.ID != "" || req.Title != "" {
		s.writeError(w, r, http.StatusBadRequest, `explain takes only "text"`)
		return
	}
	if r.URL.Query().Has("document") {
		// ?document: the tagged document too, as POST /api/tag gives it, from the same run.
		d, ok := s.loadText(w, r, req)
		if !ok {
			return
		}
		res, exps := s.Classifier().TagAndExplain(d)
		if exps == nil {
			exps = []*classifier.Explanation{}
		}
		s.writeJSON(w, r, http.StatusOK, ExplainResponse{Document: res.JSON(), Explanations: exps})
		return
	}
	exps := s.Classifier().ExplainText(*req.Text)
	if exps == nil {
		exps = []*classifier.Explanation{}
	}
	s.writeJSON(w, r, http.StatusOK, exps)
}

// ExplainResponse is the body of POST /api/explain?document: the document as POST /api/tag
// gives it and the explanation of each of its sentences.
type ExplainResponse struct {
	Document     classifier.DocumentJSON   `json:"document"`
	Explanations []*classifier.Explanation `json:"explanations"`
}

// FacetInfo is one facet of GET /api/facets: the tag vocabulary as the classifier defines
// it, and how its negated-only values read; then the facets of what records say about
// themselves (publication type, journal, year), marked record.
type FacetInfo struct {
	classifier.Facet
	// AbsentForm is the document value a value only negated becomes, with "{value}" for the
	// value ("absent", "{value}: absent"), or "" when negations never reach the facet.
	AbsentForm string `json:"absent_form"`
	// Record marks a facet of the record's metadata rather than of its tags.
	Record bool `json:"record,omitempty"`
}

// recordFacetLabels name the metadata facets of [index.MetaFacets].
var recordFacetLabels = map[string]string{"publication_type": "Publication type", "journal": "Journal", "year": "Year"}

// Facets returns the facets in display order, as GET /api/facets serves them.
func Facets() []FacetInfo {
	var out []FacetInfo
	for _, f := range classifier.Facets() {
		form, _ := f.AbsentValue("{value}")
		out = append(out, FacetInfo{Facet: f, AbsentForm: form})
	}
	for _, name := range index.MetaFacets {
		label := recordFacetLabels[name]
		if label == "" {
			label = name
		}
		out = append(out, FacetInfo{Facet: classifier.Facet{Name: name, Label: label}, Record: true})
	}
	return out
}

func (s *Server) handleFacets(w http.ResponseWriter, r *http.Request) {
	s.writeJSON(w, r, http.StatusOK, Facets())
}

func (s *Server) handleRules(w http.ResponseWriter, r *http.Request) {
	status, st := s.rulesStatus()
	s.writeJSON(w, r, http.StatusOK, rulesResponse(status, st))
}

// Health is the JSON of GET /healthz.
type Health struct {
	// Status is "ok", or "degraded" when the last rule reload failed or was refused (the old rules are in
	// force) or the index is stale.
	Status string      `json:"status"`
	Index  IndexHealth `json:"index"`
	Rules  RulesStatus `json:"rules"`
}

// IndexHealth describes the index.
type IndexHealth struct {
	Dir       string `json:"dir"`
	Documents uint64 `json:"documents"`
	Sentences uint64 `json:"sentences"`
	// MappingStale: the index was built with another mapping and must be rebuilt
	// (trialtag index --reindex). RulesStale: its documents were tagged with other rules
	// than those in force (trialtag index re-tags them).
	MappingStale     bool   `json:"mapping_stale"`
	RulesStale       bool   `json:"rules_stale"`
	RulesFingerprint string `json:"rules_fingerprint"`
	Error            string `json:"error,omitempty"`
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	rules, _ := s.rulesStatus()
	h := Health{Status: "ok", Rules: rules, Index: IndexHealth{Dir: s.ix.Dir()}}
	meta := s.ix.Meta()
	h.Index.RulesFingerprint = meta.RulesFingerprint
	h.Index.MappingStale = s.ix.MappingStale()
	h.Index.RulesStale = meta.RulesFingerprint != rules.Fingerprint
	st, err := s.ix.Stats()
	if err != nil {
		h.Index.Error = err.Error()
		h.Status = "error"
		s.writeJSON(w, r, http.StatusServiceUnavailable, h)
		return
	}
	h.Index.Documents, h.Index.Sentences = st.Documents, st.Sentences
	if len(rules.Error) > 0 || h.Index.MappingStale || h.Index.RulesStale {
		h.Status = "degraded"
	}
	s.writeJSON(w, r, http.StatusOK, h)
}
