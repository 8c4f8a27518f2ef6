// gc_heap: the time of a full collection against the size of the live heap.
// The Go twin of gc_heap.goro: a list of N nodes {i, next} (16 bytes each,
// against Goro's 2-element arrays), built with GOGC=off, collected once to
// settle, then REPS timed runtime.GC() calls with the whole list live.
//
//	GOGC=off ./gc_heap [N] [REPS]
//	-> curve bench=gc_heap unit=ms n=N heap=BYTES times=T1,T2,...
//
// Built with bench/sched/harness.go (its arg and collectionTimes helpers).
package main

import (
	"fmt"
	"runtime"
)

type node struct {
	i    int
	next *node
}

func main() {
	n, reps := arg(1, 1000000), arg(2, 3)
	var head *node
	for i := 0; i < n; i++ {
		head = &node{i, head}
	}
	runtime.GC()
	times, heap := collectionTimes(reps)
	fmt.Printf("curve bench=gc_heap unit=ms n=%d heap=%d times=%s\n", n, heap, times)
	if head.i != n-1 { // the list is live until here
		panic("gc_heap: lost the list")
	}
}
