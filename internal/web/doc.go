// Package web is trialtag's HTTP JSON API: an [http.Handler] over an open [index.Index] and
// a [classifier.Classifier], plus the embedded static files of the web page ([StaticFS]).
//
// Routes:
//   - GET /api/search: a search ([Search]); the JSON is [SearchResponse], the same as
//     `trialtag search --format json` prints.
//   - GET /api/documents/{id}: a document as indexed, with all sentences and tags ([StoredDocument]).
//   - POST /api/tag: tags a text ({"text"} as JSON, or a text/plain body) and returns it as
//     `trialtag tag` prints one document ([Document]).
//   - POST /api/explain: explains the sentences of {"text"} ([classifier.Classifier.ExplainText]).
//   - GET /api/rules: the rules in force with their examples and whether they pass ([RulesResponse]).
//   - GET /api/searches: the saved searches ([Options.Searches]), each read with the rules in
//     force, with its alert counts ([saved.List], as `trialtag searches list --json` prints).
//   - GET /api/alerts: the alerts of the index's log, newest first, paged ([AlertsResponse];
//     each alert as `trialtag alerts --format jsonl` prints it).
//   - GET /healthz: the index, the rules in force with the files their reload changed, and
//     the last reload that failed or was refused, with its files and why ([Health]).
//   - GET / and below: the static files, when [Options.Static] is set.
//
// Every error is JSON, {"error": "..."}, with a 4xx or 5xx status.
//
// The package owns the JSON shapes of search results and tagged documents; the command
// (cmd/trialtag) prints them through the same functions, so the CLI and the API never differ.
// It never reads configuration and imports neither viper nor cobra. A [Reloader] puts the
// rules of a folder in force after they change; watching the folder for events is the
// caller's job ([Reloader.Changed]), and so is any other way of replacing the rules
// ([Server.SetRules], [Server.SetRulesError]).
//
// A [Server] is safe for concurrent use.
package web
