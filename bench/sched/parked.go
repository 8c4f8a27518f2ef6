// parked: the memory one parked goroutine costs.
//
// Starts N goroutines, each blocked receiving on one shared unbuffered
// channel, waits until they have all started (a WaitGroup they leave just
// before the receive), lets them park, collects, and reports
//
//	value = (HeapAlloc + StackInuse) after - before, over N
//
// HeapAlloc holds the g structures, the sudogs and allgs (Go allocates them
// in its heap); StackInuse holds the goroutine stacks (2 KB each to start),
// which HeapAlloc does not count. Sys is not used: it counts address space
// mapped from the OS in large steps (and never returned), so it measures
// the heap's growth policy more than the goroutines. rss= is the process's
// resident-set growth (/proc/self/statm) over N, measured the same way in
// parked.goro, as a cross-check. One measurement per process: a Go program
// keeps the stacks of dead goroutines for reuse, so a second round would
// cost nothing. Same shape as parked.goro.
//
//	go run parked.go harness.go [N]
//	-> sched bench=parked unit=B value=... heap=... stack=... rss=... n=N procs=P
package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rss returns the resident set size in bytes (Linux).
func rss() int {
	data, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(data))
	pages, _ := strconv.Atoi(f[1])
	return pages * os.Getpagesize()
}

func park(ch chan int, wg *sync.WaitGroup) {
	wg.Done()
	<-ch
}

func main() {
	n := arg(1, 100000)
	ch := make(chan int)
	var wg sync.WaitGroup
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rss0 := rss()
	wg.Add(n)
	for i := 0; i < n; i++ {
		go park(ch, &wg)
	}
	wg.Wait()
	time.Sleep(20 * time.Millisecond) // the last ones reach the receive
	runtime.GC()
	runtime.ReadMemStats(&after)
	rss1 := rss()
	heap := float64(after.HeapAlloc-before.HeapAlloc) / float64(n)
	stack := float64(after.StackInuse-before.StackInuse) / float64(n)
	fmt.Printf("sched bench=parked unit=B value=%.0f heap=%.0f stack=%.0f rss=%.0f n=%d procs=%d\n",
		heap+stack, heap, stack, float64(rss1-rss0)/float64(n), n, runtime.GOMAXPROCS(0))
	close(ch)
}
