// gc_parked: the time of a full collection against the number of parked
// goroutines. The Go twin of gc_parked.goro: N goroutines blocked receiving
// on one unbuffered channel, then REPS timed runtime.GC() calls (after one
// that settles the heap), each printed in ms.
//
//	./gc_parked [N] [REPS]
//	-> curve bench=gc_parked unit=ms n=N heap=BYTES times=T1,T2,...
//
// Built with bench/sched/harness.go (its arg and collectionTimes helpers).
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func park(ch chan int, wg *sync.WaitGroup) {
	wg.Done()
	<-ch
}

func main() {
	n, reps := arg(1, 100000), arg(2, 3)
	ch := make(chan int)
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go park(ch, &wg)
	}
	wg.Wait()
	time.Sleep(20 * time.Millisecond) // the last ones reach the receive
	runtime.GC()
	times, heap := collectionTimes(reps)
	fmt.Printf("curve bench=gc_parked unit=ms n=%d heap=%d times=%s\n", n, heap, times)
	close(ch)
}
