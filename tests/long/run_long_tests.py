#!/usr/bin/env python3
"""Very large inputs (issue 12, not in CI): each must work, or fail with a
clear error (a `fatal error:` or a compile error, status 2), never a crash,
a hang or the kernel's OOM killer. For each it prints the wall time and the
peak resident memory of the whole goro process, so the figures can be
compared from run to run.

usage: run_long_tests.py GORO [NAME...]     (cmake --build build --target long-tests)

  source-string    a 100 MB source file: one string literal of 100 MB
  source-code      a 100 MB source file: 24,000 functions of 200 statements
                   (a file may declare at most about 65000 functions: see
                   the compiler's limits in docs/language.md)
  string-1g        a string of 1 GiB (strings.Repeat), and one more byte
  array-100m       an array of 100 million elements built by append, summed
  map-10m          a map of 10 million int keys, filled and read back
  goroutines-1m    one million goroutines blocked on one channel at once,
                   then released
"""
import os
import sys
import tempfile
import time

GORO = None
MB = 1 << 20


def write_source_string(path):
    body = "a" * (100 * MB)
    with open(path, "w") as f:
        f.write('package main\n\nimport "fmt"\n\nfunc main() {\n\ts := "' + body + '"\n\tfmt.Println(len(s))\n}\n')
    return "104857600\n"


def write_source_code(path):
    funcs, stmts = 24_000, 200
    with open(path, "w") as f:
        f.write('package main\n\nimport "fmt"\n\n')
        for i in range(funcs):
            f.write(f"func f{i}(x) {{\n")
            for j in range(stmts):
                f.write(f"\tx = x + {j} // f{i}\n")
            f.write("\treturn x\n}\n\n")
        f.write("func main() {\n\ttotal := 0\n")
        for i in range(funcs):
            f.write(f"\ttotal += f{i}(1)\n")
        f.write("\tfmt.Println(total)\n}\n")
    return f"{funcs * (1 + stmts * (stmts - 1) // 2)}\n"


SCRIPTS = {
    "string-1g": ('''package main

import (
	"fmt"
	"strings"
)

func main() {
	s := strings.Repeat("x", 1<<30)
	fmt.Println(len(s))
	t := s + "y"
	fmt.Println(len(t), t[len(t)-1:])
}
''', "1073741824\n1073741825 y\n"),
    "array-100m": ('''package main

import "fmt"

func main() {
	a := []
	for i := 0; i < 100000000; i++ {
		a = append(a, i)
	}
	sum := 0
	for _, v := range a {
		sum += v
	}
	fmt.Println(len(a), sum)
}
''', "100000000 4999999950000000\n"),
    "map-10m": ('''package main

import "fmt"

func main() {
	m := {}
	for i := 0; i < 10000000; i++ {
		m[i] = i * 2
	}
	sum := 0
	for i := 0; i < 10000000; i++ {
		sum += m[i]
	}
	fmt.Println(len(m), sum)
}
''', "10000000 99999990000000\n"),
    "goroutines-1m": ('''package main

import (
	"fmt"
	"runtime"
	"sync"
)

func main() {
	release := make(chan)
	var wg = sync.WaitGroup()
	n := 1000000
	wg.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			<-release
			wg.Done()
		}()
	}
	fmt.Println(runtime.NumGoroutine() > n)
	close(release)
	wg.Wait()
	fmt.Println("released", n)
}
''', "true\nreleased 1000000\n"),
}

GENERATED = {"source-string": write_source_string, "source-code": write_source_code}


def run(name, workdir):
    path = os.path.join(workdir, name + ".goro")
    if name in GENERATED:
        want = GENERATED[name](path)
    else:
        source, want = SCRIPTS[name]
        with open(path, "w") as f:
            f.write(source)
    size = os.path.getsize(path)
    out_path, err_path = path + ".out", path + ".err"
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
        os.dup2(os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
        os.execv(GORO, [GORO, path])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.monotonic() - start
    out = open(out_path, errors="replace").read()
    err = open(err_path, errors="replace").read()
    peak = usage.ru_maxrss * 1024
    if os.WIFSIGNALED(status):
        verdict, ok = f"FAIL: killed by signal {os.WTERMSIG(status)}", False
    elif os.WEXITSTATUS(status) == 0:
        verdict, ok = ("works", True) if out == want else (f"FAIL: wrong output {out[:200]!r}", False)
    elif os.WEXITSTATUS(status) == 2 and err.strip():
        first = next((l for l in err.splitlines() if l.startswith("fatal error:")), err.splitlines()[0])
        verdict, ok = f"fails clearly: {first[:120]}", True
    else:
        verdict, ok = f"FAIL: status {os.WEXITSTATUS(status)}: {err[:200]!r}", False
    print(f"{name:14} {size / MB:8.1f} MB source  {elapsed:8.2f} s  {peak / MB:9.1f} MiB peak  {verdict}",
          flush=True)
    for p in (path, out_path, err_path):
        os.unlink(p)
    return ok


def main():
    global GORO
    GORO = os.path.abspath(sys.argv[1])
    names = sys.argv[2:] or list(GENERATED) + list(SCRIPTS)
    load = open("/proc/loadavg").read().split()[:3]
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"long tests: {GORO}, {os.cpu_count()} CPUs ({cpu}), load {' '.join(load)}")
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        for name in names:
            if name not in GENERATED and name not in SCRIPTS:
                sys.exit(f"unknown long test {name!r}")
            failed += not run(name, workdir)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
