#!/usr/bin/env python3
"""tests/lang/cmd/repl_test.py GORO: the interactive session (lang/cmd/repl.h)
driven through a pseudo-terminal, as a person at a terminal would drive it.

Each test starts `goro` with no arguments on a new pseudo-terminal, with
HOME set to a fresh directory (so the history file is the test's own),
types lines, and waits for what the session prints: prompts, values,
errors and tracebacks. Waiting is for a pattern with a generous deadline,
never for a fixed time, so a loaded machine only makes the tests slower.
"""
import fcntl
import os
import pty
import re
import select
import shutil
import struct
import sys
import tempfile
import termios
import time
import unittest

GORO = None  # set from the command line
DEADLINE = 30.0  # seconds to wait for an expected output
PROMPT = "goro> "
MORE = "....> "
CTRL_C, CTRL_D = "\x03", "\x04"
UP = "\x1b[A"

# What libedit writes besides text: escape sequences (cursor moves) and
# carriage returns.
NOISE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r|\x07")


class Session:
    """One goro session on a pseudo-terminal."""

    def __init__(self, home):
        pid, fd = pty.fork()
        if pid == 0:
            env = dict(os.environ, HOME=home, TERM="xterm")
            try:
                os.execve(GORO, [GORO], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 200, 0, 0))
        self.output = ""  # everything read so far, cleaned of NOISE
        self.pos = 0  # how much of output the expectations have consumed
        self.status = None

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 4096)
        except OSError:  # EIO: the child has closed the terminal
            return False
        if not data:
            return False
        self.output += NOISE.sub("", data.decode("utf-8", "replace"))
        return True

    def expect(self, pattern):
        """Waits until pattern (a regex) appears after what was consumed;
        consumes up to the end of the match and returns the text before it."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + DEADLINE
        while True:
            m = regex.search(self.output, self.pos)
            if m:
                before = self.output[self.pos:m.start()]
                self.pos = m.end()
                return before
            left = deadline - time.monotonic()
            if left <= 0 or not self._read(min(left, 0.5)):
                m = regex.search(self.output, self.pos)
                if m:
                    continue
                raise AssertionError("no %r in the session's output after:\n%s" %
                                     (pattern, self.output[self.pos:]))

    def send(self, keys):
        """Types keys once libedit is reading them. Between two lines the
        terminal is in canonical mode, where the kernel would echo what is
        typed and take ^C and ^D itself; libedit leaves it only after it
        has printed the prompt, so a prompt on the screen is not enough."""
        deadline = time.monotonic() + DEADLINE
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() > deadline:
                raise AssertionError("libedit is not reading; output:\n" + self.output)
            self._read(0.01)
        os.write(self.fd, keys.encode())

    def line(self, text):
        """Types a line and waits for its echo."""
        self.send(text + "\r")
        self.expect(re.escape(text) + r"\n")

    def more(self, text):
        """Types a line that leaves the entry open; waits for the
        continuation prompt."""
        self.line(text)
        self.expect(re.escape(MORE))

    def run(self, text):
        """Types a one-line entry at the prompt; returns what it printed
        before the next prompt."""
        self.line(text)
        return self.expect(re.escape(PROMPT))

    def wait(self):
        """Waits for goro to end; returns its exit status."""
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid != 0:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read(0.1)
        raise AssertionError("goro did not end; output:\n" + self.output)

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


class ReplTest(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="goro-repl-")
        self.sessions = []

    def tearDown(self):
        for s in self.sessions:
            s.close()
        shutil.rmtree(self.home)

    def start(self):
        s = Session(self.home)
        self.sessions.append(s)
        s.expect(re.escape(PROMPT))
        return s

    def quit(self, s):
        s.send(CTRL_D)
        self.assertEqual(s.wait(), 0)

    def test_prompt_and_the_value_of_a_bare_expression(self):
        s = self.start()
        self.assertEqual(s.run("x := 40"), "")
        self.assertEqual(s.run("x + 2"), "42\n")
        self.assertEqual(s.run('"text"'), "text\n")  # %v: no quotes
        self.assertEqual(s.run('[1, "two", nil, 2.5]'), "[1 two <nil> 2.5]\n")
        self.quit(s)

    def test_a_multi_line_function_then_a_call(self):
        s = self.start()
        s.more("func square(n) {")
        s.more("    return n * n  // (not a brace: { in a comment")
        s.more('    s := "} also not a brace"')
        s.line("}")
        s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("square(12)"), "144\n")
        s.more("nums := [")
        s.more("    1, 2,")
        s.line("]")
        s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("len(nums)"), "2\n")
        # A raw string and a block comment go on over lines too.
        s.more("raw := `first")
        s.line("second`")
        s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("raw"), "first\nsecond\n")
        s.more("/* a comment")
        self.assertEqual(s.run("*/ 5"), "5\n")
        # More closers than openers: the entry is complete, and wrong.
        self.assertIn("syntax error", s.run("1)"))
        self.quit(s)

    def test_results_of_calls(self):
        s = self.start()
        s.run('func two() { return 7, "seven" }')
        self.assertEqual(s.run("two()"), '7 seven\n')
        s.run("func nothing() {}")
        self.assertEqual(s.run("nothing()"), "")
        # fmt's printing functions print; their results are not shown.
        self.assertEqual(s.run('fmt.Println("hello")'), "hello\n")
        self.quit(s)

    def test_a_syntax_error_then_a_correct_line(self):
        s = self.start()
        out = s.run("y := 1 +* 2")
        self.assertIn("<input 1>:1:", out)
        self.assertIn("syntax error", out)
        out = s.run("undefinedName")
        self.assertIn("<input 2>:1:1: undefined: undefinedName", out)
        self.assertEqual(s.run("y := 6 * 7"), "")
        self.assertEqual(s.run("y"), "42\n")
        self.quit(s)

    def test_a_panic_then_a_correct_line(self):
        s = self.start()
        s.run('func fail(why) { panic("failed: " + why) }')
        out = s.run('fail("on purpose")')
        self.assertIn("panic: failed: on purpose", out)
        self.assertIn("goroutine 1 [running]:", out)
        self.assertIn("main.fail(", out)
        self.assertIn("<input 1>:1", out)
        self.assertEqual(s.run("1 + 1"), "2\n")
        out = s.run("a := [1]; a[5]")
        self.assertIn("index out of range", out)
        self.assertEqual(s.run("a"), "[1]\n")  # what the entry did before it failed stays
        self.quit(s)

    def test_definitions_persist_and_may_be_declared_again(self):
        s = self.start()
        s.run("count := 1")
        s.run("func next() { count++; return count }")
        self.assertEqual(s.run("next()"), "2\n")
        self.assertEqual(s.run("count := 10"), "")  # a new declaration of the same global
        self.assertEqual(s.run("next()"), "11\n")  # the earlier function sees it
        s.run("func next() { return -1 }")
        self.assertEqual(s.run("next()"), "-1\n")
        out = s.run("next = nil")
        self.assertIn("cannot assign to next", out)
        self.quit(s)

    def test_the_sort_prelude_is_loaded_once_and_kept(self):
        # sort.Slice is written in Goro (lang/lib/prelude.h): the first entry
        # that uses it loads the prelude as globals, and later entries find
        # them by name, whatever globals come between.
        s = self.start()
        s.run("a := [3, 1, 2]")
        self.assertEqual(s.run("sort.Slice(a, func(i, j) { return a[i] < a[j] }); a"), "[1 2 3]\n")
        s.run("b := [5, 4]; c := 9")
        self.assertEqual(s.run("sort.SliceStable(b, func(i, j) { return b[i] < b[j] }); b"), "[4 5]\n")
        self.assertEqual(s.run("c"), "9\n")
        self.assertEqual(s.run("sort.Search(10, func(i) { return i >= 7 })"), "7\n")
        self.assertEqual(s.run('fmt.Println(a, b)'), "[1 2 3] [4 5]\n")
        self.quit(s)

    def test_constants_are_constant_in_their_entry_then_values(self):
        s = self.start()
        out = s.run("const q = 1; q = 2")
        self.assertIn("<input 1>:1:14: cannot assign to q (untyped int constant 1)", out)
        s.run("const k = 6")
        self.assertEqual(s.run("k * 7"), "42\n")
        s.more("const (")
        s.more("    a = iota * 10")
        s.more("    b")
        s.line(")")
        s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("b"), "10\n")
        s.run("func tens() { return b + a }")
        self.assertEqual(s.run("tens()"), "10\n")
        self.assertEqual(s.run("k = 7"), "")  # a later entry sees a variable
        self.assertEqual(s.run("k"), "7\n")
        self.quit(s)

    def test_goroutines_run_in_the_background(self):
        s = self.start()
        s.run("ch := make(chan)")
        s.run("go func() { for i := 1; i <= 3; i++ { ch <- i * 10 } }()")
        self.assertEqual(s.run("<-ch"), "10\n")
        self.assertEqual(s.run("<-ch + <-ch"), "50\n")
        # A goroutine prints while the session waits at the prompt.
        s.run('go func() { time.Sleep(50 * time.Millisecond); fmt.Println("from the background") }()')
        s.expect("from the background\n")
        self.quit(s)

    def test_ctrl_c_drops_the_line_and_the_entry(self):
        s = self.start()
        s.more("unfinished(1,")
        s.send("more text")
        s.send(CTRL_C)
        s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("3 * 3"), "9\n")
        self.quit(s)

    def test_ctrl_c_right_after_typing_never_hangs(self):
        # A ^C makes the terminal discard the input before it: when that
        # came between the reader's poll (which saw the typed keys) and its
        # read, a blocking read waited for the next key and the session
        # hung (about one session in ten). Each round here has that chance.
        s = self.start()
        for n in range(30):
            s.send("text%d" % n)
            s.send(CTRL_C)
            s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("5 * 5"), "25\n")
        self.quit(s)

    def test_ctrl_d_in_a_continuation_drops_the_entry(self):
        s = self.start()
        s.more("func broken() {")
        s.send(CTRL_D)
        s.expect(re.escape(PROMPT))
        self.assertEqual(s.run("4 * 4"), "16\n")
        self.quit(s)

    def test_ctrl_d_leaves_with_status_0_after_an_error(self):
        s = self.start()
        self.assertIn("panic: late", s.run('panic("late")'))
        self.quit(s)

    def test_history_is_kept_in_the_home_directory(self):
        s = self.start()
        s.run("remembered := 6 * 7")
        s.run('fmt.Println("recalled", remembered)')
        self.quit(s)
        path = os.path.join(self.home, ".goro_history")
        with open(path, encoding="utf-8", errors="replace") as f:
            history = f.read()
        self.assertIn("remembered", history)
        self.assertIn("recalled", history)
        # A new session recalls the last line with Up (its globals are new:
        # it declares remembered first).
        s = self.start()
        s.run("remembered := 1")
        s.send(UP)
        s.send(UP)
        s.send("\r")
        s.expect("recalled 1\n")
        s.expect(re.escape(PROMPT))
        self.quit(s)

    def test_a_panicking_background_goroutine_ends_the_session(self):
        s = self.start()
        s.line('go func() { panic("in the background") }()')
        s.expect("panic: in the background")
        self.assertEqual(s.wait(), 2)

    def test_os_exit_ends_the_session_with_its_status(self):
        s = self.start()
        s.line("os.Exit(3)")
        self.assertEqual(s.wait(), 3)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: repl_test.py GORO [unittest args]")
    GORO = os.path.abspath(sys.argv.pop(1))
    unittest.main()
