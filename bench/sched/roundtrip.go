// roundtrip: an unbuffered-channel round trip between two goroutines.
//
// The main goroutine sends on ping and receives on pong; a partner
// goroutine receives on ping and sends back on pong. The figure is the
// wall time of N round trips over N, the median of the rounds after a
// warm-up round; cpu= is the process's CPU time (all threads) over those
// rounds, per round trip. Run under
// GOMAXPROCS=1 (both goroutines on one P: each operation is a direct
// hand-off plus a switch) and GOMAXPROCS=2 (the partner may run on the
// other P: wake-ups cross threads). Same shape as roundtrip.goro.
//
//	GOMAXPROCS=P go run roundtrip.go harness.go [N] [ROUNDS]
//	-> sched bench=roundtrip unit=ns value=... cpu=... n=N rounds=ROUNDS procs=P
package main

import (
	"fmt"
	"runtime"
	"sort"
	"time"
)

func main() {
	n, rounds := arg(1, 200000), arg(2, 7)
	ping, pong := make(chan int), make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
	}()
	per := make([]float64, rounds+1)
	var cpu0 int64
	for r := range per {
		if r == 1 {
			cpu0 = cpuNs()
		}
		start := time.Now()
		for i := 0; i < n; i++ {
			ping <- i
			if <-pong != i+1 {
				panic("roundtrip: wrong value")
			}
		}
		per[r] = float64(time.Since(start).Nanoseconds()) / float64(n)
	}
	cpu := float64(cpuNs()-cpu0) / float64(rounds*n)
	close(ping)
	per = per[1:] // the first round is the warm-up
	sort.Float64s(per)
	fmt.Printf("sched bench=roundtrip unit=ns value=%.1f cpu=%.1f n=%d rounds=%d procs=%d\n",
		per[rounds/2], cpu, n, rounds, runtime.GOMAXPROCS(0))
}
