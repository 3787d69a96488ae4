// Package rules holds trialtag's default rule set: YAML files, one per concern, embedded in
// the binary. It holds data only; the classifier package reads it as an fs.FS, so a library
// user can bring rules of their own instead.
package rules

import "embed"

// FS holds the default rule files (*.yaml) at its root.
//
//go:embed *.yaml
var FS embed.FS
