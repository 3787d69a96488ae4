package yamlpos

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// Reader reads values out of a YAML node tree the same way for every file trialtag reads
// (rule files, saved searches): mappings with known keys, lists, single values and lists of
// them, booleans. It reports each problem through Report, with the node it is about and the
// context the caller named (a rule's id, a search's name), and goes on.
type Reader struct {
	Report func(n *yaml.Node, context, msg string)
}

func (r Reader) errf(n *yaml.Node, context, format string, args ...any) {
	r.Report(n, context, fmt.Sprintf(format, args...))
}

// Deref follows YAML aliases (*name) to the node they name, so that a file can share a list
// with an anchor (&name).
func Deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// KindName names what a node is, for messages: "a mapping", "a list", `the value "x"`.
func KindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "nothing"
}

// Fields checks that n is a mapping whose keys are all known and given once, and returns
// key → value (aliases followed); nil when n is no mapping.
func (r Reader) Fields(n *yaml.Node, context, what string, known ...string) map[string]*yaml.Node {
	n = Deref(n)
	if n.Kind != yaml.MappingNode {
		r.errf(n, context, "%s must be a mapping of keys to values, not %s", what, KindName(n))
		return nil
	}
	out := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(known, k.Value) {
			r.errf(k, context, "unknown key %q in %s (known keys: %s)", k.Value, what, strings.Join(known, ", "))
			continue
		}
		if prev, dup := out[k.Value]; dup {
			r.errf(k, context, "key %q given twice in %s (first at line %d)", k.Value, what, prev.Line)
			continue
		}
		out[k.Value] = Deref(v)
	}
	return out
}

// Seq returns the items of a list, or nil (reported) when n is no list.
func (r Reader) Seq(n *yaml.Node, context, what string) []*yaml.Node {
	n = Deref(n)
	if n.Kind != yaml.SequenceNode {
		r.errf(n, context, "%s must be a list, not %s", what, KindName(n))
		return nil
	}
	return n.Content
}

// Str reads a single value ("" for a missing node), reporting control characters: in double
// quotes YAML reads "\b" as a backspace, not a word boundary.
func (r Reader) Str(n *yaml.Node, context, what string) string {
	n = Deref(n)
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.errf(n, context, "%s must be a single value, not %s", what, KindName(n))
		return ""
	}
	for _, c := range n.Value {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			r.errf(n, context, "%s holds the control character %U (in double quotes YAML reads \\b as a backspace: use single quotes)", what, c)
			break
		}
	}
	return n.Value
}

// Strs reads a list of single values (one value counts as a list of one), with the node of
// each for its position.
func (r Reader) Strs(n *yaml.Node, context, what string) ([]string, []*yaml.Node) {
	n = Deref(n)
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.ScalarNode {
		return []string{r.Str(n, context, what)}, []*yaml.Node{n}
	}
	if n.Kind != yaml.SequenceNode {
		r.errf(n, context, "%s must be a list of values, not %s", what, KindName(n))
		return nil, nil
	}
	out := make([]string, 0, len(n.Content))
	nodes := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind == yaml.AliasNode && Deref(c).Kind == yaml.SequenceNode {
			// a list named by its anchor is taken in whole: one home for a list that
			// other lists extend ([sepsis, *acquired_infections])
			v, ns := r.Strs(c, context, what)
			out, nodes = append(out, v...), append(nodes, ns...)
			continue
		}
		c = Deref(c)
		if c.Kind != yaml.ScalarNode {
			r.errf(c, context, "each entry of %s must be a single value, not %s", what, KindName(c))
			continue
		}
		out = append(out, r.Str(c, context, what))
		nodes = append(nodes, c)
	}
	return out, nodes
}

// Bool reads true/yes or false/no; def when n is missing or wrong (reported).
func (r Reader) Bool(n *yaml.Node, context, what string, def bool) bool {
	if n == nil {
		return def
	}
	switch r.Str(n, context, what) {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	r.errf(n, context, "%s must be true or false, not %q", what, n.Value)
	return def
}
