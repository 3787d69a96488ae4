// Package classifier owns trialtag's rule format and the engine that tags sentences with it.
//
// [Load] reads rule files (YAML: vocabularies, patterns, context cues, section rules) from any
// fs.FS and reports every problem as a [RuleError] with file:line:col, returning no rule set
// at all when one is broken. [New] compiles a [RuleSet] into a [Classifier], safe for
// concurrent use, whose [Classifier.Tag] gives each sentence its [Tag]s (facet, value,
// status, cue, offsets, rule) and each document its facets as TAGS.md defines them.
// [Classifier.RunExamples], [Classifier.RunFixtures], [Lint], [Classifier.Explain] and
// [Classifier.Context] serve people who tune rules.
//
// The package never reads configuration or talks to a terminal, and does not import the
// default rules: they arrive as an fs.FS (package rules holds them).
package classifier
