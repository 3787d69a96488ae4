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

func TestStrsTakesInAnchoredLists(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		problems  int
	}{
		{"alias of a list is spliced", "a: &l [x, y]\nb: [w, *l, z]\n", []string{"w", "x", "y", "z"}, 0},
		{"alias of a value stays one value", "a: &v x\nb: [w, *v]\n", []string{"w", "x"}, 0},
		{"a nested list written out is still an error", "a: x\nb: [w, [x, y]]\n", []string{"w"}, 1},
		{"alias of a mapping is an error", "a: &m {k: v}\nb: [w, *m]\n", []string{"w"}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var doc yaml.Node
			if err := yaml.Unmarshal([]byte(tc.src), &doc); err != nil {
				t.Fatal(err)
			}
			problems := 0
			r := Reader{Report: func(*yaml.Node, string, string) { problems++ }}
			f := r.Fields(doc.Content[0], "r", "test", "a", "b")
			got, nodes := r.Strs(f["b"], "r", "b")
			if strings.Join(got, ",") != strings.Join(tc.want, ",") || len(nodes) != len(got) || problems != tc.problems {
				t.Errorf("got %v (%d nodes), %d problems; want %v, %d problems", got, len(nodes), problems, tc.want, tc.problems)
			}
		})
	}
}
