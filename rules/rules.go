// Package rules holds trialtag's default rule set: YAML files, one per concern, embedded in
// the binary, and the annotated fixture texts in testdata/ that test them. It holds data
// only; the classifier package reads it as an fs.FS, so a library user can bring rules of
// their own instead.
package rules

import "embed"

// FS holds the default rule files (*.yaml) at its root and the fixture files under testdata/.
//
//go:embed *.yaml testdata/*.txt
var FS embed.FS
