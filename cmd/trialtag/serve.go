package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"

	"github.com/trialtag/trialtag/internal/web"
)

// Serving limits and delays.
const (
	shutdownGrace   = 10 * time.Second        // how long Shutdown waits for running requests
	rulesDebounce   = web.DefaultReloadWindow // quiet time after a rule file changes before reloading
	readHeaderLimit = 10 * time.Second
)

func newServeCmd(a *app) *cobra.Command {
	var (
		maxBody string
		timeout time.Duration
	)
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the search index over HTTP (a JSON API and the web page)",
		Long: `Serve opens the index in --index once (building it from the corpus folder when there is
none yet) and answers HTTP on --addr (default 127.0.0.1:8080, this machine only):

  GET  /api/search?q=...&filter=facet=value&facets=...&limit=&offset=&literal=&same_sentence=
       the JSON of "trialtag search --format json"
  GET  /api/documents/{id}   a document as indexed, with all its sentences and tags
  POST /api/tag              {"text": "..."} (or a text/plain body) → the document as
                             "trialtag tag" prints it
  POST /api/explain          {"text": "..."} → "trialtag explain --json"
  GET  /api/rules            the rules in force, their examples and whether they pass
  GET  /api/searches?since=  the saved searches, what each query is read as, their alerts
  GET  /api/alerts?since=&search=&document=&limit=&offset=
                             the alerts, newest first (the JSON of "trialtag alerts")
  GET  /healthz              the index, the rules in force and the last reload error
  GET  /                     the web page

Errors are JSON {"error": "..."} with a 4xx or 5xx status. Request bodies are limited to
--max-body and each request to --timeout.

When --rules (or the config key rules) names a folder, serve watches it and reloads the
rules once its rule files have stayed the same (names, sizes, times and contents) for a
whole 300 ms window, so a file still being written is not loaded half-way. The log and
/healthz name the files each reload added, changed and removed. A broken edit is logged
with file:line:col and shown in /healthz while the previous rules stay in force; so is a
removed file whose rules the other files' examples still need (its rules stay until the
rules without it pass all their examples). The index keeps the tags it was built with: run
"trialtag index" (with the server stopped) to re-tag the documents.

Serve stops on SIGINT or SIGTERM, letting running requests finish.`,
		Example: `  trialtag serve
  trialtag serve --addr 127.0.0.1:9000 --rules my-rules/
  curl 'http://127.0.0.1:8080/api/search?q=grade+2+CRS+tocilizumab'
  curl -H 'Content-Type: application/json' -d '{"text":"No ICANS occurred."}' http://127.0.0.1:8080/api/tag
  curl -H 'Content-Type: text/plain' --data-binary @abstract.txt http://127.0.0.1:8080/api/tag`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return fmt.Errorf("%w: serve takes no arguments (got %q)", ErrConfig, args)
			}
			return a.runServe(cmd, maxBody, timeout)
		},
	}
	addIndexFlag(cmd, a)
	f := cmd.Flags()
	addConfigFlag(f, "addr")
	addConfigFlag(f, "hosts")
	addConfigFlag(f, "searches")
	f.StringVar(&maxBody, "max-body", "1MiB", "largest request body accepted")
	f.DurationVar(&timeout, "timeout", web.DefaultTimeout, "longest time one request may take")
	return cmd
}

func (a *app) runServe(cmd *cobra.Command, maxBodyFlag string, timeout time.Duration) error {
	if err := a.loadConfig(cmd); err != nil {
		return err
	}
	maxBody, err := ParseSize(maxBodyFlag)
	if err != nil {
		return fmt.Errorf("%w: --max-body: %w", ErrConfig, err)
	}
	if timeout <= 0 {
		return fmt.Errorf("%w: --timeout %s: want a positive duration", ErrConfig, timeout)
	}
	c, err := a.newClassifier()
	if err != nil {
		return err
	}
	ss, err := a.loadSearches(c)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	ix, err := a.openIndex(ctx, c)
	if err != nil {
		return err
	}
	defer ix.Close()

	log := slog.New(slog.NewTextHandler(a.stderr, nil))
	// Read the facet bitmaps and id order now, not in the first user's search. Done before
	// the index closes (defers run last first).
	warmCtx, stopWarm := context.WithCancel(ctx)
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		if err := ix.Warm(warmCtx); err != nil && warmCtx.Err() == nil {
			log.Warn("reading the index ahead of the first search", "err", err)
		}
	}()
	defer func() { stopWarm(); <-warmed }()
	_, source := a.rulesFS()
	opts := web.Options{Index: ix, Classifier: c, RulesSource: source, Logger: log, MaxBody: maxBody, Timeout: timeout,
		Limits: a.cfg.Limits(), Hosts: serveHosts(a.cfg), Searches: ss.file, SearchesPath: ss.path}
	if _, err := fs.Stat(web.StaticFS, "index.html"); err == nil {
		opts.Static = web.StaticFS
	}
	srv, err := web.New(opts)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("%w: addr: %w", ErrConfig, err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: readHeaderLimit,
		ReadTimeout:       readHeaderLimit + timeout,
		WriteTimeout:      2*timeout + readHeaderLimit,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	// The watcher and the server stop when ctx is cancelled (SIGINT, SIGTERM).
	watchCtx, stopWatch := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer stopWatch()
	if a.cfg.Rules != "" {
		// Watch first, then let the Reloader compare the folder with the rules loaded
		// above: a change made while the index opened is not missed.
		rw := &rulesWatcher{dir: a.cfg.Rules, log: log}
		if err := rw.start(); err != nil {
			_ = ln.Close()
			return fmt.Errorf("watching the rules folder %s: %w", a.cfg.Rules, err)
		}
		rl := web.NewReloader(srv, a.cfg.Rules, rulesDebounce)
		rw.reloader = rl
		wg.Add(2)
		go func() {
			defer wg.Done()
			rw.run(watchCtx)
		}()
		go func() {
			defer wg.Done()
			rl.Run(watchCtx)
		}()
	}

	url := "http://" + ln.Addr().String()
	log.Info("serving", "url", url, "index", ix.Dir(), "rules", source)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving %s: %w", url, err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", shutdownGrace)
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		_ = hs.Close()
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving %s: %w", url, err)
	}
	log.Info("stopped")
	return nil
}

// rulesWatcher watches a rules folder (and its subfolders but testdata and hidden ones)
// with fsnotify and tells a [web.Reloader] of each event that can change the rule set; the
// Reloader decides when and what to reload (a quiet window, files stable across it, and
// the examples when a file was removed).
type rulesWatcher struct {
	dir      string
	reloader *web.Reloader
	log      *slog.Logger

	w *fsnotify.Watcher
}

// start begins watching; run handles the events.
func (rw *rulesWatcher) start() error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	rw.w = w
	if err := rw.addTree(rw.dir); err != nil {
		_ = w.Close()
		return err
	}
	return nil
}

// addTree watches dir and the folders below it that can hold rule files.
func (rw *rulesWatcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		return rw.w.Add(p)
	})
}

// relevant reports whether an event can change the rule set: a rule file, or a folder.
func relevant(ev fsnotify.Event) bool {
	if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Create) {
		return false
	}
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") {
		return false
	}
	switch strings.ToLower(filepath.Ext(base)) {
	case ".yaml", ".yml":
		return true
	case "":
		return true // possibly a folder
	}
	return false
}

func (rw *rulesWatcher) run(ctx context.Context) {
	defer rw.w.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-rw.w.Events:
			if !ok {
				return
			}
			if !relevant(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					if err := rw.addTree(ev.Name); err != nil {
						rw.log.Warn("watching a new rules folder", "dir", ev.Name, "err", err)
					}
				}
			}
			rw.reloader.Changed()
		case err, ok := <-rw.w.Errors:
			if !ok {
				return
			}
			// Events may have been lost (a full event queue): the Reloader looks itself.
			rw.log.Warn("watching the rules folder", "dir", rw.dir, "err", err)
			rw.reloader.Changed()
		}
	}
}

// serveHosts returns the host names serve answers: the config key hosts, or by default the
// loopback names and the host of addr (unless that is a wildcard such as 0.0.0.0, whose
// names only the user knows).
func serveHosts(cfg Config) []string {
	var out []string
	for _, h := range strings.Split(cfg.Hosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	if len(out) > 0 {
		return out
	}
	out = append(out, web.LoopbackHosts...)
	if host, _, err := net.SplitHostPort(cfg.Addr); err == nil && host != "" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			out = append(out, host)
		}
	}
	return out
}
