package evaluate

import (
	"errors"
	"strings"
	"testing"
)

func TestReadGoldIncidence(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    map[string]string // id → tuples joined by "; "
		errLine int
	}{
		{name: "annotated and not", in: `{"id": "a", "facets": {}, "incidence": [{"facet": "crs_grade", "value": "2", "n": 3, "of": 11, "percent": 27.3}]}
{"id": "b", "facets": {}}
{"id": "c", "facets": {}, "incidence": []}
`, want: map[string]string{"a": "crs_grade=2 3/11 27.3%", "c": ""}},
		{name: "nulls", in: `{"id": "a", "incidence": [{"facet": "icans", "value": "present", "n": null, "percent": 12.5}]}`,
			want: map[string]string{"a": "icans=present -/- 12.5%"}},
		{name: "no value", in: "\n" + `{"id": "a", "incidence": [{"facet": "icans"}]}`, errLine: 2},
		{name: "not JSON", in: `{"id": "a", "incidence": [}`, errLine: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadGoldIncidence(strings.NewReader(tt.in))
			if tt.errLine > 0 {
				var le *LineError
				if !errors.As(err, &le) || le.Line != tt.errLine {
					t.Fatalf("err %v, want one on line %d", err, tt.errLine)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for id, want := range tt.want {
				var parts []string
				for _, tu := range got[id] {
					parts = append(parts, tu.String())
				}
				if s := strings.Join(parts, "; "); s != want {
					t.Errorf("%s: %q, want %q", id, s, want)
				}
			}
		})
	}
}
