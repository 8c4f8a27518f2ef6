#!/usr/bin/env python3
"""Bad input at every door of the goro command: each flag, environment
variable and file path given something wrong gets a clear message and a
defined exit status, never a crash or a silent wrong run.

usage: bad_input_test.py GORO
"""
import os
import subprocess
import sys
import tempfile
import unittest

GORO = None
HELLO = 'package main\nimport "fmt"\nfunc main() { fmt.Println("hi") }\n'
NOBODY = 65534
SIZES = "a whole number of bytes with an optional unit: B, KB, MB, GB, TB, KiB, MiB, GiB, TiB"


class BadInputTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.hello = self.file("hello.goro", HELLO.encode())

    def tearDown(self):
        self.dir.cleanup()

    def file(self, name, data, mode=0o644):
        path = os.path.join(self.dir.name, name)
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, mode)
        return path

    def goro(self, args, env=None, user=None):
        full = dict(os.environ)
        for k in ("GOMAXPROCS", "GOGC", "GODEBUG", "GOTRACEBACK", "GOMEMLIMIT"):
            full.pop(k, None)
        full.update(env or {})
        pre = (lambda: os.setuid(user)) if user is not None else None
        return subprocess.run([GORO] + args, env=full, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=60, preexec_fn=pre)

    def expect(self, r, status, stderr, stdout=""):
        self.assertEqual((r.returncode, r.stderr, r.stdout), (status, stderr, stdout))

    # Environment variables: a malformed value is named with what is
    # accepted, the default is used, and the program still runs.
    def test_environment(self):
        cases = [
            ({"GOMAXPROCS": "abc"}, "goro: GOMAXPROCS=abc not understood (accepted: a whole number from 1); "
                                    "using the number of CPUs\n"),
            ({"GOMAXPROCS": "0"}, "goro: GOMAXPROCS=0 not understood (accepted: a whole number from 1); "
                                  "using the number of CPUs\n"),
            ({"GOGC": "abc"}, "goro: GOGC=abc not understood (accepted: a percentage, or off); using 100\n"),
            ({"GOGC": "-5"}, ""),  # any negative GOGC is off, as in Go
            ({"GOTRACEBACK": "loud"}, "goro: GOTRACEBACK=loud not understood (accepted: none, single, all, "
                                      "system, crash, or a number (0, 1, 2)); using single\n"),
            ({"GODEBUG": "allpsnapshot=stak"}, "goro: GODEBUG allpsnapshot=stak not understood (accepted: m, "
                                               "stack, persistent); allpsnapshot stays m\n"),
            ({"GODEBUG": "gctrace=yes"}, "goro: GODEBUG gctrace=yes not understood (accepted: a whole number, "
                                         "0 for off); gctrace stays 0\n"),
            ({"GODEBUG": "findrunnabledelay=2000000"},
             "goro: GODEBUG findrunnabledelay=2000000 not understood (accepted: microseconds, 0 to 1000000); "
             "findrunnabledelay stays 0\n"),
            ({"GODEBUG": "madvdontneed=1,nosuchswitch=3"}, ""),  # unknown names: silent, as in Go
            ({"GOMEMLIMIT": "12XB"}, "goro: GOMEMLIMIT=12XB not understood (accepted: " + SIZES + ", or off); "
                                     "no limit\n"),
            ({"GOMEMLIMIT": "-1"}, "goro: GOMEMLIMIT=-1 not understood (accepted: " + SIZES + ", or off); "
                                   "no limit\n"),
            ({"GOMEMLIMIT": "1.5GiB"}, "goro: GOMEMLIMIT=1.5GiB not understood (accepted: " + SIZES + ", or off); "
                                       "no limit\n"),
            ({"GOMEMLIMIT": "99999999999TiB"}, "goro: GOMEMLIMIT=99999999999TiB not understood (accepted: " + SIZES +
                                               ", or off); no limit\n"),
            ({"GOMEMLIMIT": "64MiB"}, ""),
            ({"GOMEMLIMIT": "off"}, ""),
        ]
        for env, stderr in cases:
            with self.subTest(env=env):
                self.expect(self.goro([self.hello], env), 0, stderr, "hi\n")

    # Flags: usage errors, status 2, nothing run.
    def test_flags(self):
        usage = "Run 'goro help' for usage.\n"
        cases = [
            (["--gomaxprocs", "0"], "goro: --gomaxprocs: Value 0 not in range 1 to 1024\n" + usage),
            (["--gomaxprocs", "two"], None),  # CLI11's wording of a number it cannot read
            (["--max-stack", "-1"], "goro: --max-stack: Value -1 not in range 4096 to 1099511627776\n" + usage),
            (["--max-heap", "lots"], "goro: --max-heap lots not understood (accepted: " + SIZES + ", or off)\n" + usage),
            (["--max-heap", "5 MB"], "goro: --max-heap 5 MB not understood (accepted: " + SIZES + ", or off)\n" + usage),
            (["--max-goroutines", "0"], "goro: --max-goroutines: Value 0 not in range 1 to 1099511627776\n" + usage),
            (["--max-threads", "1"], "goro: --max-threads: Value 1 not in range 2 to 1073741824\n" + usage),
            (["--max-threads", "many"], None),
            (["--no-such-flag"], "goro: The following argument was not expected: --no-such-flag\n" + usage),
        ]
        for flags, stderr in cases:
            with self.subTest(flags=flags):
                r = self.goro(flags + [self.hello])
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertTrue(r.stderr.startswith("goro: "), r.stderr)
                self.assertTrue(r.stderr.endswith(usage), r.stderr)
                if stderr is not None:
                    self.assertEqual(r.stderr, stderr)
        # A bad --godebug value warns as GODEBUG does, and the run goes on.
        self.expect(self.goro(["--godebug", "gcroots=x", self.hello]), 0,
                    "goro: --godebug gcroots=x not understood (accepted: 0, 1 or 2); gcroots stays 0\n", "hi\n")

    # The program's file.
    def test_files(self):
        missing = os.path.join(self.dir.name, "missing.goro")
        self.expect(self.goro([missing]), 2, f"goro: open {missing}: no such file or directory\n")
        self.expect(self.goro([self.dir.name]), 2, f"goro: read {self.dir.name}: is a directory\n")
        # Empty: a program with nothing to do, as an empty Lua or Python file.
        self.expect(self.goro([self.file("empty.goro", b"")]), 0, "")
        # Not UTF-8: named, and the echoed line shows the bad byte as U+FFFD,
        # so the message itself stays valid UTF-8.
        latin = self.file("latin1.goro", b'package main\nfunc main() { s := "caf\xe9" }\n')
        self.expect(self.goro([latin]), 2,
                    f'{latin}:2:24: invalid UTF-8 encoding\nfunc main() {{ s := "caf\ufffd" }}\n'
                    "                       ^\n")
        # A NUL byte: named, and the echoed line shows it (U+2400) instead of
        # ending there, so the caret line still comes out.
        nul = self.file("nul.goro", b"package main\nfunc main() {\x00 }\n")
        self.expect(self.goro([nul]), 2,
                    f"{nul}:2:14: invalid NUL character\nfunc main() {{\u2400 }}\n             ^\n")

    def test_unreadable_file(self):
        path = self.file("secret.goro", HELLO.encode(), mode=0o000)
        user = None
        if os.geteuid() == 0:
            # root reads any file: run as nobody, who must reach the binary.
            os.chmod(self.dir.name, 0o755)
            user = NOBODY
            probe = subprocess.run([GORO, "version"], capture_output=True, preexec_fn=lambda: os.setuid(NOBODY))
            if probe.returncode != 0:
                self.skipTest("nobody cannot run the goro binary here")
        self.expect(self.goro([path], user=user), 2, f"goro: open {path}: permission denied\n")


if __name__ == "__main__":
    GORO = os.path.abspath(sys.argv.pop(1))
    unittest.main()
