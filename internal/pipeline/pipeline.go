// Package pipeline runs work on many goroutines and hands the results back in input order:
// the ordered worker pool under "trialtag tag", eval, rules diff and coverage, and
// [index.Index.TagAndUpdate].
package pipeline

import (
	"context"
	"iter"
	"runtime"
	"sync"
)

// Ordered returns the results of work on each value of in, computed on up to workers
// goroutines (0 or less: one per CPU) and yielded with their input in input order. in is
// read on a goroutine of its own, a few values ahead of the consumer, so work can go on
// while the consumer handles a result.
//
// When the consumer stops early or ctx is cancelled, reading stops, and the iteration
// returns once in, and every running work call, have returned: whatever in wrote when it was
// read is safe to read after the loop.
func Ordered[In, Out any](ctx context.Context, in iter.Seq[In], workers int, work func(In) Out) iter.Seq2[In, Out] {
	return OrderedAhead(ctx, in, workers, 0, work)
}

// OrderedAhead is [Ordered] reading up to ahead values ahead of the consumer (0 or less: four
// per worker), for a consumer that pauses now and then (such as an index writing a batch).
func OrderedAhead[In, Out any](ctx context.Context, in iter.Seq[In], workers, ahead int, work func(In) Out) iter.Seq2[In, Out] {
	return func(yield func(In, Out) bool) {
		n := workers
		if n <= 0 {
			n = runtime.GOMAXPROCS(0)
		}
		if ahead <= 0 {
			ahead = n * 4
		}
		ctx, cancel := context.WithCancel(ctx)
		type job struct {
			in   In
			done chan Out
		}
		queue := make(chan job, ahead) // in input order, for the consumer
		jobs := make(chan job)         // for the workers
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					j.done <- work(j.in)
				}
			}()
		}
		fed := make(chan struct{})
		go func() {
			defer close(fed)
			defer close(queue)
			defer close(jobs)
			for v := range in {
				j := job{in: v, done: make(chan Out, 1)}
				select {
				case queue <- j:
				case <-ctx.Done():
					return
				}
				select {
				case jobs <- j:
				case <-ctx.Done():
					return
				}
			}
		}()
		defer func() {
			cancel()
			for range queue { // unblock the feeder
			}
			<-fed
			wg.Wait()
		}()
		for j := range queue {
			var out Out
			select {
			case out = <-j.done:
			case <-ctx.Done():
				return
			}
			if !yield(j.in, out) {
				return
			}
		}
	}
}
