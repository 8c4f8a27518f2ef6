// harness.go: what the Go halves of the scheduler benchmarks share (built
// together with each program: go build -o spawn spawn.go harness.go).
package main

import (
	"os"
	"strconv"
	"strings"
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
