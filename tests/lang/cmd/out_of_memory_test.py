#!/usr/bin/env python3
"""Running out of memory ends a program with Go's report, never with an
uncaught C++ exception, a SIGABRT or the kernel's OOM killer: the heap
refused by mimalloc (under an address-space limit, RLIMIT_AS), the runtime's
own structures (the mark stack) refused, and one object past what the heap
can hold. The heap limit (GOMEMLIMIT) has its golden tests in
tests/lang/golden/limits.

usage: out_of_memory_test.py GORO
"""
import os
import resource
import subprocess
import sys
import tempfile
import unittest

GORO = None
# Enough address space for the runtime's threads and a few hundred MiB of
# heap, so that the heap runs out first.
ADDRESS_SPACE = 1 << 30

BIG_BLOCK = """package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Println("before")
	s := strings.Repeat("x", 3<<30)
	fmt.Println(len(s))
}
"""

GROWING = """package main

import "fmt"

func main() {
	fmt.Println("before")
	keep := []
	for i := 0; ; i++ {
		keep = append(keep, [i, i, i, i, i, i, i, i, i, i, i, i, i, i])
	}
}
"""

TOO_LARGE = """package main

import (
	"fmt"
	"strings"
)

func main() {
	fmt.Println("before")
	s := strings.Repeat("x", 5<<30)
	fmt.Println(len(s))
}
"""


class OutOfMemoryTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def run_goro(self, source, address_space=None):
        path = os.path.join(self.dir.name, "prog.goro")
        with open(path, "w") as f:
            f.write(source)

        def limit():
            if address_space is not None:
                resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

        env = {k: v for k, v in os.environ.items() if k not in ("GOMEMLIMIT", "GOGC", "GODEBUG", "GOTRACEBACK")}
        return subprocess.run([GORO, path], env=env, capture_output=True, text=True, timeout=120,
                              preexec_fn=limit)

    def expect_out_of_memory(self, r, runtime_line):
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertEqual(r.stdout, "before\n")
        lines = r.stderr.splitlines()
        self.assertRegex(lines[0], runtime_line)
        self.assertEqual(lines[1], "fatal error: out of memory")
        self.assertNotIn("bad_alloc", r.stderr)
        self.assertNotIn("SIGABRT", r.stderr)

    def test_heap_refused_for_one_block(self):
        r = self.run_goro(BIG_BLOCK, ADDRESS_SPACE)
        self.expect_out_of_memory(r, r"^runtime: out of memory: cannot allocate 3221241856-byte block "
                                     r"\([0-9]+ in use\)$")

    def test_heap_refused_while_growing(self):
        # Whichever runs out first, an arena for the heap or the collector's
        # mark stack, the report is the same.
        r = self.run_goro(GROWING, ADDRESS_SPACE)
        self.expect_out_of_memory(r, r"^runtime: out of memory: (cannot allocate [0-9]+-byte block \([0-9]+ in use\)"
                                     r"|cannot grow the mark stack|cannot allocate the mark stack"
                                     r"|operator new failed)$")

    def test_object_larger_than_the_heap_can_hold(self):
        r = self.run_goro(TOO_LARGE)
        self.expect_out_of_memory(r, r"^runtime: out of memory: cannot allocate 5368709137-byte block "
                                     r"\([0-9]+ in use\): larger than the largest object the heap can hold "
                                     r"\(4 GiB\)$")


if __name__ == "__main__":
    GORO = os.path.abspath(sys.argv.pop(1))
    unittest.main()
