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
//	GOMAXPROCS=P go run roundtrip.go [N] [ROUNDS]
//	-> sched bench=roundtrip unit=ns value=... cpu=... n=N rounds=ROUNDS procs=P
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// cpuNs is the CPU time of the whole process (every thread, user and
// system) in ns, from /proc/self/stat (utime and stime, in USER_HZ ticks of
// 10 ms); the .goro twin reads it the same way. Wall time on a loaded
// machine measures the machine's other work too; CPU time much less so.
func cpuNs() int64 {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	parts := strings.Split(string(data), ")")
	f := strings.Fields(parts[len(parts)-1])
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return (utime + stime) * 10_000_000
}

func arg(i, def int) int {
	if len(os.Args) > i {
		if v, err := strconv.Atoi(os.Args[i]); err == nil {
			return v
		}
	}
	return def
}

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
