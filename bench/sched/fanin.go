// fanin: many short goroutines feeding one consumer through a buffered
// channel (issue 13's "scaling with Ps" shape).
//
// Each round makes a channel of capacity 1024 and starts one consumer that
// receives N values; then the main goroutine starts N goroutines, each of
// which sends one value into the channel and calls wg.Done(). Main waits on
// the WaitGroup, then for the consumer's sum. The figure is the round's
// wall time over N, the median of the rounds; cpu= is the process's CPU
// time (all threads) over those rounds, per goroutine. With ROUNDS > 1 an
// untimed warm-up round comes first; with ROUNDS = 1 (the default) there is
// none, so that the whole process is the program and can be timed
// from outside (hyperfine). Same shape as fanin.goro; run it at several
// GOMAXPROCS for a curve:
//
//	GOMAXPROCS=P go run fanin.go harness.go [N] [ROUNDS]
//	-> sched bench=fanin unit=ns value=... cpu=... n=N rounds=ROUNDS procs=P
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func round(n int) float64 {
	ch := make(chan int, 1024)
	done := make(chan int)
	start := time.Now()
	go func() {
		sum := 0
		for i := 0; i < n; i++ {
			sum += <-ch
		}
		done <- sum
	}()
	var wg sync.WaitGroup
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			ch <- 1
			wg.Done()
		}()
	}
	wg.Wait()
	sum := <-done
	elapsed := time.Since(start)
	if sum != n {
		panic("fanin: lost a value")
	}
	return float64(elapsed.Nanoseconds()) / float64(n)
}

func main() {
	n, rounds := arg(1, 1000000), arg(2, 1)
	warmups := 0
	if rounds > 1 {
		warmups = 1 // grows the heap and the free G list once
	}
	median, cpu := timedRounds(n, rounds, warmups, round)
	fmt.Printf("sched bench=fanin unit=ns value=%.1f cpu=%.1f n=%d rounds=%d procs=%d\n",
		median, cpu, n, rounds, runtime.GOMAXPROCS(0))
}
