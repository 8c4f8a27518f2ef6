// gomaxprocs: the cost of one runtime.GOMAXPROCS change.
//
// Sets GOMAXPROCS to 2, then alternates it between 4 and 2 M times from the
// main goroutine with nothing else running, so that every call is a real
// change (stop the world, resize the P array, start the world; a call with
// the current value returns at once and is not what is measured). The figure is the wall time over M,
// the median of the rounds after a warm-up round; cpu= is the process's CPU
// time (all threads) over those rounds, per change. Same shape as
// gomaxprocs.goro.
//
//	go run gomaxprocs.go harness.go [M] [ROUNDS]
//	-> sched bench=gomaxprocs unit=us value=... cpu=... n=M rounds=ROUNDS procs=P
package main

import (
	"fmt"
	"runtime"
	"sort"
	"time"
)

func main() {
	m, rounds := arg(1, 2000), arg(2, 5)
	procs := runtime.GOMAXPROCS(0)
	runtime.GOMAXPROCS(2)
	per := make([]float64, rounds+1)
	var cpu0 int64
	for r := range per {
		if r == 1 {
			cpu0 = cpuNs()
		}
		start := time.Now()
		for i := 0; i < m; i++ {
			runtime.GOMAXPROCS(4 - 2*(i%2)) // 4, 2, 4, 2, ...
		}
		per[r] = float64(time.Since(start).Nanoseconds()) / float64(m) / 1000
	}
	cpu := float64(cpuNs()-cpu0) / float64(rounds*m) / 1000
	runtime.GOMAXPROCS(procs)
	per = per[1:] // the first round is the warm-up
	sort.Float64s(per)
	fmt.Printf("sched bench=gomaxprocs unit=us value=%.2f cpu=%.2f n=%d rounds=%d procs=%d\n",
		per[rounds/2], cpu, m, rounds, procs)
}
