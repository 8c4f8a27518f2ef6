#!/usr/bin/env python3
"""tests/trace/trace_test.py GORO: the execution trace written by the goro
command (`goro run --trace FILE`, GODEBUG=tracefile=FILE), checked by
tests/tools/check_trace.py on every way a program can end.

Each case runs workload.goro (goroutines on channels, GOMAXPROCS changes,
runtime.GC(), preempted spinners) with 4 Ps, then checks the exit status,
what the program printed, and the trace: complete JSON, every event's
fields, slices that never overlap on a P or M track, and the event kinds
the case must show.
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
import check_trace  # noqa: E402

GORO = None  # set from the command line
WORKLOAD = os.path.join(HERE, "workload.goro")
TIMEOUT = 120
# What any run of the workload shows, whatever its ending.
ALWAYS = ["run", "stw", "mark", "sweep", "procresize", "counter", "allp", "go", "block", "ready", "metadata"]


class TraceTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.trace = os.path.join(self.dir.name, "out.json")

    def tearDown(self):
        self.dir.cleanup()

    def run_goro(self, args, env_extra=None):
        env = dict(os.environ, GOMAXPROCS="4")
        env.pop("GODEBUG", None)
        env.update(env_extra or {})
        return subprocess.run([GORO] + args, env=env, capture_output=True, text=True, timeout=TIMEOUT)

    def check(self, expect, min_ps=2):
        with open(self.trace, encoding="utf-8") as f:
            doc = check_trace.json.load(f)  # fails the test if the JSON is incomplete
        c = check_trace.Checker()
        c.run(doc, expect, min_ps)
        self.assertEqual(c.problems, [], "the trace breaks the format")
        return doc

    def test_normal_end_with_the_flag(self):
        r = self.run_goro(["run", "--trace", self.trace, WORKLOAD])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.endswith("done\n"), r.stdout)
        doc = self.check(ALWAYS + ["parked"])
        self.assertEqual(doc["otherData"]["gomaxprocs"], 2)  # the workload ends with GOMAXPROCS(2)
        self.assertTrue(doc["otherData"]["goro"].startswith("goro version"))
        names = {ev["name"] for ev in doc["traceEvents"] if ev.get("cat") == "procresize"}
        # 4 at startup, then 2, 4, 6 and back to 2.
        self.assertLessEqual({"GOMAXPROCS 0 -> 4", "GOMAXPROCS 4 -> 2", "GOMAXPROCS 2 -> 4",
                              "GOMAXPROCS 4 -> 6", "GOMAXPROCS 6 -> 2"}, names)
        reasons = {ev["name"] for ev in doc["traceEvents"] if ev.get("cat") == "stw"}
        self.assertLessEqual({"stop-the-world (GOMAXPROCS)", "stop-the-world (garbage collection (forced))"},
                             reasons)
        ends = {ev["args"]["end"] for ev in doc["traceEvents"] if ev.get("ph") == "X" and ev["cat"] == "goroutine"}
        self.assertLessEqual({"block", "exit", "stw"}, ends)

    def test_godebug_tracefile_and_the_pless_tail_in_m_mode(self):
        r = self.run_goro([WORKLOAD], {"GODEBUG": f"allpsnapshot=m,tracefile={self.trace}"})
        self.assertEqual(r.returncode, 0, r.stderr)
        doc = self.check(ALWAYS + ["tail"])
        modes = {ev["args"]["mode"] for ev in doc["traceEvents"] if ev.get("cat") == "findrunnable"}
        self.assertEqual(modes, {"m"})

    def test_the_flag_overrides_godebug(self):
        other = os.path.join(self.dir.name, "not-this.json")
        r = self.run_goro(["--trace", self.trace, WORKLOAD], {"GODEBUG": f"tracefile={other}"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(os.path.exists(other))
        self.check(ALWAYS)

    def test_a_collection_at_every_allocation(self):
        # GORO_GC_STRESS: collections also while the program is compiled,
        # before the scheduler exists; each is still inside a stop-the-world.
        code = ('c := make(chan)\n'
                'for i := range 3 { go func() { c <- [i, "x"] }() }\n'
                'for range 3 { fmt.Println(len(<-c)) }')
        r = self.run_goro(["run", "--trace", self.trace, "-e", code], {"GORO_GC_STRESS": "1"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, "2\n2\n2\n")
        self.check(["run", "stw", "mark", "sweep", "go", "block", "ready"], min_ps=1)

    def test_os_exit_from_a_goroutine(self):
        r = self.run_goro(["run", "--trace", self.trace, WORKLOAD, "exit"])
        self.assertEqual(r.returncode, 3, r.stderr)
        self.check(ALWAYS)

    def test_unrecovered_panic(self):
        r = self.run_goro(["run", "--trace", self.trace, WORKLOAD, "panic"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("panic: the workload panics", r.stderr)
        self.check(ALWAYS)

    def test_fatal_error(self):
        r = self.run_goro(["run", "--trace", self.trace, WORKLOAD, "deadlock"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("fatal error: all goroutines are asleep - deadlock!", r.stderr)
        self.check(ALWAYS)

    @unittest.skipIf(os.environ.get("GORO_SANITIZE_BUILD") == "1",
                     "a sanitizer build keeps the sanitizer's signal handlers (runtime/signals.h)")
    def test_sigquit(self):
        # A program that never ends on its own, killed as a stress runner
        # kills a hung run: the trace is still complete.
        env = dict(os.environ, GOMAXPROCS="2")
        p = subprocess.Popen([GORO, "run", "--trace", self.trace, "-e",
                              'go func() { for { time.Sleep(time.Millisecond) } }()\n'
                              'fmt.Println("sleeping")\nfor { time.Sleep(time.Millisecond) }'],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Its output is buffered until it exits: give it time to start
        # its goroutine and sleep a few times.
        time.sleep(0.5)
        p.send_signal(signal.SIGQUIT)
        out, err = p.communicate(timeout=TIMEOUT)
        self.assertEqual(out, "sleeping\n")  # flushed on the way out
        self.assertEqual(p.returncode, 2, err)
        self.assertIn("SIGQUIT: quit", err)
        self.check(["run", "go", "block", "ready", "metadata"], min_ps=1)

    def test_an_unwritable_path_is_refused_before_the_program_runs(self):
        bad = os.path.join(self.dir.name, "no-such-dir", "out.json")
        for args, env in (([ "run", "--trace", bad, WORKLOAD], None), ([WORKLOAD], {"GODEBUG": f"tracefile={bad}"})):
            r = self.run_goro(args, env)
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout, "")  # the program did not run
            self.assertEqual(r.stderr, f"goro: cannot write the trace: open {bad}: no such file or directory\n")


if __name__ == "__main__":
    GORO = os.path.abspath(sys.argv.pop(1))
    unittest.main()
