#!/usr/bin/env python3
"""Output is never lost: a program that writes a lot (more than the 64 KiB
standard output buffer, many times over) and then ends badly leaves all of
it, in order, whichever way it ends; one whose reader goes away ends
quietly, as a Go program does.

usage: output_kept_test.py GORO
"""
import os
import signal
import subprocess
import sys
import tempfile
import unittest

GORO = None
LINES = 50000

# A program that prints LINES numbered lines and then ENDING.
PROGRAM = """package main

import (
    "fmt"
    "os"
    "time"
)

func down(n) {
    return down(n + 1) + 1
}

func main() {
    for i := 0; i < %d; i++ {
        fmt.Println("line", i)
    }
    %s
}
"""

ENDINGS = {
    "panic": ('panic("boom")', 2, "panic: boom"),
    "exit": ("os.Exit(3)", 3, None),
    # A fatal error in another goroutine while main sleeps.
    "fatal": ("go func() { down(0) }()\n    time.Sleep(30 * time.Second)", 2, "fatal error: stack overflow"),
    "deadlock": ("ch := make(chan)\n    <-ch", 2, "fatal error: all goroutines are asleep - deadlock!"),
}


class OutputKeptTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def program(self, ending):
        path = os.path.join(self.dir.name, "prog.goro")
        with open(path, "w") as f:
            f.write(PROGRAM % (LINES, ending))
        return path

    def test_every_line_comes_out_in_order_however_it_ends(self):
        for name, (ending, status, message) in ENDINGS.items():
            with self.subTest(ending=name):
                r = subprocess.run([GORO, "--max-stack", "1048576", self.program(ending)], capture_output=True,
                                   text=True, timeout=120)
                self.assertEqual(r.returncode, status, r.stderr[-2000:])
                lines = r.stdout.split("\n")
                self.assertEqual(lines[-1], "")  # ends with a whole line
                self.assertEqual(lines[:-1], [f"line {i}" for i in range(LINES)])
                if message is not None:
                    self.assertIn(message, r.stderr)

    def test_a_closed_pipe_ends_the_program_quietly(self):
        # `goro prog.goro | head -1`: the reader exits after one line; the
        # next write meets a closed pipe and the program dies of SIGPIPE
        # without a word, as a Go program does.
        for ending in ('panic("boom")', "for {\n        fmt.Println(\"more\")\n    }"):
            with self.subTest(ending=ending):
                with subprocess.Popen([GORO, self.program(ending)], stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE) as p:
                    first = p.stdout.readline()
                    p.stdout.close()
                    err = p.stderr.read()
                    p.wait(timeout=60)
                self.assertEqual(first, b"line 0\n")
                self.assertEqual(p.returncode, -signal.SIGPIPE)
                self.assertEqual(err, b"")


if __name__ == "__main__":
    GORO = os.path.abspath(sys.argv.pop(1))
    unittest.main()
