// spawn: the cost of a goroutine that sends one value and finishes.
//
// Each round starts N goroutines, each sending one value on a channel with
// room for all N (so none of them blocks: it sends, returns and dies), and
// then the main goroutine receives the N values. The figure is the round's
// wall time over N (spawn + run + send + exit + one receive), the median of
// the rounds. cpu= is the process's CPU time (all threads) over all the
// rounds, per goroutine. Same shape as spawn.goro.
//
//	go run spawn.go harness.go [N] [ROUNDS]
//	-> sched bench=spawn unit=ns value=... cpu=... n=N rounds=ROUNDS procs=P
package main

import (
	"fmt"
	"runtime"
	"time"
)

func round(n int) float64 {
	ch := make(chan int, n)
	start := time.Now()
	for i := 0; i < n; i++ {
		go func() { ch <- 1 }()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-ch
	}
	elapsed := time.Since(start)
	if sum != n {
		panic("spawn: lost a value")
	}
	return float64(elapsed.Nanoseconds()) / float64(n)
}

func main() {
	n, rounds := arg(1, 100000), arg(2, 7)
	// One warm-up round: grows the heap and the free G list once.
	median, cpu := timedRounds(n, rounds, 1, round)
	fmt.Printf("sched bench=spawn unit=ns value=%.1f cpu=%.1f n=%d rounds=%d procs=%d\n",
		median, cpu, n, rounds, runtime.GOMAXPROCS(0))
}
