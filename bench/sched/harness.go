// harness.go: what the Go halves of the scheduler benchmarks share (built
// together with each program: go build -o spawn spawn.go harness.go).
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

// timedRounds runs round(n) `warmups` times untimed, then `rounds` times,
// and returns the median of the rounds' figures and the process's CPU time
// per operation over the timed rounds (cpuNs).
func timedRounds(n, rounds, warmups int, round func(int) float64) (median, cpu float64) {
	for w := 0; w < warmups; w++ {
		round(n)
	}
	per := make([]float64, rounds)
	cpu0 := cpuNs()
	for r := range per {
		per[r] = round(n)
	}
	cpu = float64(cpuNs()-cpu0) / float64(rounds*n)
	sort.Float64s(per)
	return per[rounds/2], cpu
}

// collectionTimes times reps calls of runtime.GC() and returns them in ms,
// comma-separated, with the heap in use after them (the curves' GC programs).
func collectionTimes(reps int) (string, uint64) {
	times := make([]string, reps)
	for r := range times {
		start := time.Now()
		runtime.GC()
		times[r] = fmt.Sprintf("%.3f", float64(time.Since(start).Nanoseconds())/1e6)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return strings.Join(times, ","), ms.HeapAlloc
}
