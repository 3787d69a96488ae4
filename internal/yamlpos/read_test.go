package yamlpos

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestReader(t *testing.T) {
	src := "a: x\nb: [1, 2]\nc: yes\nd: {e: f}\nb: again\nz: 1\ns: \"x\\by\"\n"
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	r := Reader{Report: func(n *yaml.Node, ctx, msg string) {
		got = append(got, fmt.Sprintf("%d:%d %s: %s", n.Line, n.Column, ctx, msg))
	}}
	f := r.Fields(doc.Content[0], "r", "test", "a", "b", "c", "d", "s")
	if r.Str(f["a"], "r", "a") != "x" || !r.Bool(f["c"], "r", "c", false) {
		t.Errorf("a %q, c %v", r.Str(f["a"], "r", "a"), r.Bool(f["c"], "r", "c", false))
	}
	if vals, nodes := r.Strs(f["b"], "r", "b"); len(vals) != 2 || nodes[1].Column != 8 {
		t.Errorf("b %v", vals)
	}
	r.Str(f["d"], "r", "d")
	r.Seq(f["a"], "r", "a")
	r.Str(f["s"], "r", "s")
	want := []string{
		`5:1 r: key "b" given twice in test (first at line 2)`,
		`6:1 r: unknown key "z" in test (known keys: a, b, c, d, s)`,
		`4:4 r: d must be a single value, not a mapping`,
		`1:4 r: a must be a list, not the value "x"`,
		`7:4 r: s holds the control character U+0008 (in double quotes YAML reads \b as a backspace: use single quotes)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
