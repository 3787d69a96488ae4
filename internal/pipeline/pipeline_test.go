package pipeline

import (
	"context"
	"iter"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func count(n int, read *atomic.Int64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			read.Add(1)
			if !yield(i) {
				return
			}
		}
	}
}

func TestOrdered(t *testing.T) {
	slow := func(i int) int {
		time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
		return i * i
	}
	for _, workers := range []int{0, 1, 3, 16} {
		var read atomic.Int64
		var got []int
		for in, out := range Ordered(context.Background(), count(200, &read), workers, slow) {
			if out != in*in {
				t.Fatalf("workers %d: result of %d is %d", workers, in, out)
			}
			got = append(got, in)
		}
		want := make([]int, 200)
		for i := range want {
			want[i] = i
		}
		if !slices.Equal(got, want) {
			t.Errorf("workers %d: order %v", workers, got)
		}
	}
}

func TestOrderedStops(t *testing.T) {
	tests := []struct {
		name   string
		cancel bool
	}{{"consumer breaks", false}, {"context cancelled", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var read, running atomic.Int64
			n := 0
			for range Ordered(ctx, count(100000, &read), 4, func(i int) int {
				running.Add(1)
				defer running.Add(-1)
				return i
			}) {
				n++
				if n == 10 {
					if !tt.cancel {
						break
					}
					cancel()
				}
			}
			if n < 10 || n > 40 { // after cancel, results already done may still come
				t.Errorf("%d results after stopping at 10", n)
			}
			if r := read.Load(); r > 1000 {
				t.Errorf("read %d values after stopping at 10", r)
			}
			if r := running.Load(); r != 0 {
				t.Errorf("%d work calls still running after the loop", r)
			}
		})
	}
}
