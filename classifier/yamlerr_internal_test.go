package classifier

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// ruleFileWith returns a valid rule file of 45 lines, vocabularies of four lines each (the
// tenth on lines 38 to 41), with the lines from `at` on replaced by broken.
func ruleFileWith(at int, broken ...string) string {
	lines := []string{"vocabularies:"}
	for i := 1; len(lines) < 45; i++ {
		lines = append(lines, fmt.Sprintf("  - id: v%d", i), "    facet: antigen", "    description: d", "    terms: {CD19: [CD19]}")
	}
	copy(lines[at-1:], broken)
	return strings.Join(lines[:45], "\n") + "\n"
}

// TestYAMLSyntaxErrorLine checks that each YAML syntax error is reported at the line that
// holds the problem, whatever line the YAML library's message names.
func TestYAMLSyntaxErrorLine(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int
		msg  string
	}{
		// In the comments, the line the library's message names.
		{"tab after a key with a value", ruleFileWith(41, "\tterms: {CD19: [CD19]}"), 41, "found a tab character that violates indentation"}, // 40: the scalar "d" before the tab
		{"tab after a key alone", ruleFileWith(41, "    terms:", "\tCD19: [CD19]"), 42, "found character that cannot start any token"},       // 42
		{"unclosed list", ruleFileWith(41, "    terms: [CD19, CD20"), 41, "did not find expected ',' or ']'"},                                // 40: the list, counted from 0
		{"unclosed list on the last line", ruleFileWith(45, "    terms: [CD19, CD20"), 45, "did not find expected ',' or ']'"},               // 44
		{"unclosed quote", ruleFileWith(40, `    description: "d`), 40, "found unexpected end of stream"},                                    // 40
		{"key indented too little", ruleFileWith(41, "   terms: {CD19: [CD19]}"), 41, "did not find expected '-' indicator"},                 // 1: the list of vocabularies, from 0
		{"unknown alias", ruleFileWith(41, "    terms: *names"), 41, "unknown anchor 'names' referenced"},                                    // none
		{"no newline at the end", "a: b\n\tc: d", 2, "found a tab character that violates indentation"},
		{"first line", "\ta: b\n", 1, "found character that cannot start any token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc yaml.Node
			err := yaml.Unmarshal([]byte(tt.src), &doc)
			if err == nil {
				t.Fatalf("no YAML error in:\n%s", tt.src)
			}
			errs := yamlErrors("x.yaml", []byte(tt.src), err)
			want := fmt.Sprintf("x.yaml:%d:1: invalid YAML: %s", tt.line, tt.msg)
			if len(errs) != 1 || errs[0].Error() != want {
				t.Errorf("got %v (library: %v), want %q", errs, err, want)
			}
		})
	}
}

// TestYAMLTypeError checks that each entry of a *yaml.TypeError is a rule error at its line.
func TestYAMLTypeError(t *testing.T) {
	err := fmt.Errorf("decoding: %w", &yaml.TypeError{Errors: []string{
		"line 3: cannot unmarshal !!str `x` into int",
		"line 9: cannot unmarshal !!seq into string",
	}})
	errs := yamlErrors("x.yaml", []byte("a: x\n"), err)
	want := []string{"x.yaml:3:1: invalid YAML: cannot unmarshal !!str `x` into int", "x.yaml:9:1: invalid YAML: cannot unmarshal !!seq into string"}
	if len(errs) != len(want) {
		t.Fatalf("got %v, want %q", errs, want)
	}
	for i, e := range errs {
		var re *RuleError
		if !errors.As(e, &re) || e.Error() != want[i] {
			t.Errorf("error %d: %v, want %q", i, e, want[i])
		}
	}
}
