#!/usr/bin/env python3
"""bench/curves/run.py: how cost grows as work grows, Goro against its peers.

A single figure at one size hides how a cost grows; these curves measure
Goro and its peer at the same points over decades of size:

  (a) gc_heap    full collection time against the live heap, 1M to 16M
                 objects: Goro's 2-element arrays, Go 1.19's 16-byte nodes,
                 Lua 5.4's 2-field tables (bench/curves/gc_heap.{goro,go},
                 bench/lua/gc_collect.lua's list shape); GOGC=off while the
                 heap is built
  (b) spawn      ns per goroutine that sends one value and ends, 10k to 1M
                 goroutines (bench/sched/spawn.{goro,go})
      parked     bytes per parked goroutine at the same counts
                 (bench/sched/parked.{goro,go}; Goro's adds what a G costs
                 outside the heap, goro-bench-sched-parked)
  (c) roundtrip  ns per unbuffered round trip at GOMAXPROCS 1, 2, 4, 8
                 (bench/sched/roundtrip.{goro,go})
  (c') fanin     whole-process seconds of bench/sched/fanin.{goro,go} (1M
                 goroutines sending into a channel of 1024) at GOMAXPROCS
                 1, 2, 4, 8; measured only when those files exist
  (d) gc_parked  full collection time against the number of parked
                 goroutines, 1k to 1M (bench/curves/gc_parked.{goro,go})

Every point runs each runtime R times (default 3), in rounds whose order
rotates (Goro first, then Go first, ...), so both sides see the same load;
a point's figure is the median over the rounds (each round's own figure
being the program's in-process median) with the range. The figures go to
OUT/data/NAME.csv, whose first lines are comments with the processor, build
type, commit, date and the load average before and after; then
bench/curves/plot.gp draws OUT/*.svg with gnuplot (both runtimes on one
plot, log-log where the sizes span decades, and beside each total a
per-object or per-goroutine panel, where anything that grows faster than
linearly shows as a rising line).

Usage:
  python3 bench/curves/run.py [--quick] [--runs R] [--only a,b,c,d]
                              [--out DIR] [--no-go] [--no-lua] [--no-plot]
                              [BUILD_DIR]

OUT defaults to docs/curves. The full run takes about 8-10 minutes on the
2-core machine; --quick (tiny sizes, one round, into OUT=BUILD_DIR/curves
unless --out says otherwise) a few seconds, and its data and plots say
"quick run: not figures" in their headers.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)
SCHED = os.path.join(BENCH, "sched")
sys.path.insert(0, BENCH)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import report  # noqa: E402  (the conditions of a run: processor, build type, ...)


class CurveError(Exception):
    pass


# --- Sizes ------------------------------------------------------------------

FULL = {
    "gc_heap": [1_000_000, 2_000_000, 4_000_000, 8_000_000, 16_000_000],
    "spawn": [10_000, 30_000, 100_000, 300_000, 1_000_000],
    "procs": [1, 2, 4, 8],
    "gc_parked": [1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000],
    "gc_reps": 3, "spawn_rounds": 3, "roundtrip": (100_000, 5),
}
QUICK = {
    "gc_heap": [20_000, 40_000],
    "spawn": [1_000, 2_000],
    "procs": [1, 2],
    "gc_parked": [1_000, 2_000],
    "gc_reps": 2, "spawn_rounds": 2, "roundtrip": (2_000, 2),
}


# --- Running one program once ------------------------------------------------

def run_once(argv, env, timeout=600):
    """Runs argv with env added; returns (stdout, wall seconds)."""
    full_env = dict(os.environ)
    full_env.update(env)
    start = time.perf_counter()
    try:
        p = subprocess.run(argv, env=full_env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise CurveError("%s timed out after %d s" % (" ".join(argv), timeout))
    wall = time.perf_counter() - start
    if p.returncode != 0:
        tail = "\n  ".join(p.stderr.strip().splitlines()[-5:])
        raise CurveError("%s exited with %d:\n  %s" % (" ".join(argv), p.returncode, tail))
    return p.stdout, wall


def result_line(out, prefixes=("curve bench=", "sched bench=", "result ")):
    for line in reversed(out.splitlines()):
        if line.startswith(prefixes):
            return report.fields(line)
    return None


def median_of_times(f):
    """A curve program's figure: the median of its times= list."""
    return statistics.median(float(t) for t in f["times"].split(","))


class Side:
    """One runtime's program for one curve: how to run it at size x and
    what figure to take from the run."""

    def __init__(self, title, argv, env, figure):
        self.title, self.argv, self.env, self.figure = title, argv, env, figure

    def measure(self, x):
        out, wall = run_once(self.argv(x), self.env(x))
        line = result_line(out)
        value = self.figure(line, wall, x)
        if value is None:
            raise CurveError("%s printed no result line" % " ".join(self.argv(x)))
        return value


# --- The curves ----------------------------------------------------------------

class Curves:
    def __init__(self, args, sizes, bins):
        self.args, self.sizes, self.bins = args, sizes, bins
        self.goro = os.path.join(args.build, "lang", "goro")
        self.cxx_parked = os.path.join(args.build, "bench", "goro-bench-sched-parked")
        self.pagesize = os.sysconf("SC_PAGESIZE")

    def goro_script(self, path):
        return lambda extra: [self.goro, path] + [str(a) for a in extra]

    def pair(self, goro_path, go_bin, args_of, env_of, figure, goro_figure=None):
        """Goro's side and Go's side of a curve whose two programs share
        their arguments and their line's shape."""
        sides = [Side("Goro", lambda x: self.goro_script(goro_path)(args_of(x)), env_of,
                      goro_figure or figure)]
        if go_bin in self.bins:
            sides.append(Side("Go 1.19", lambda x: [self.bins[go_bin]] + [str(a) for a in args_of(x)],
                              env_of, figure))
        return sides

    def gc_heap(self):
        reps = self.sizes["gc_reps"]
        sides = self.pair(os.path.join(HERE, "gc_heap.goro"), "gc_heap",
                          lambda x: [x, reps], lambda x: {"GOGC": "off"},
                          lambda f, wall, x: f and median_of_times(f))
        if self.args.lua:
            script = os.path.join(BENCH, "lua", "gc_collect.lua")
            sides.append(Side("Lua 5.4", lambda x: ["lua5.4", script, "list", str(x), str(reps)],
                              lambda x: {}, lambda f, wall, x: f and float(f["median_ms"])))
        return sides

    def spawn(self):
        rounds = self.sizes["spawn_rounds"]
        return self.pair(os.path.join(SCHED, "spawn.goro"), "spawn",
                         lambda x: [x, rounds], lambda x: {"GOMAXPROCS": "2"},
                         lambda f, wall, x: f and float(f["value"]))

    def parked(self):
        def goro_bytes(f, wall, x):
            if not f:
                return None
            cxx, _ = run_once([self.cxx_parked, str(x)], {})
            return float(f["heap"]) + float(report.fields(cxx.strip().splitlines()[-1])["value"])
        return self.pair(os.path.join(SCHED, "parked.goro"), "parked",
                         lambda x: [x, self.pagesize], lambda x: {"GOMAXPROCS": "2"},
                         lambda f, wall, x: f and float(f["value"]), goro_figure=goro_bytes)

    def roundtrip(self):
        n, rounds = self.sizes["roundtrip"]
        return self.pair(os.path.join(SCHED, "roundtrip.goro"), "roundtrip",
                         lambda x: [n, rounds], lambda x: {"GOMAXPROCS": str(x)},
                         lambda f, wall, x: f and float(f["value"]))

    def fanin(self):
        # (c') bench/sched/fanin.{goro,go} [N] [ROUNDS]: with one round the
        # whole process is the program, so the figure is its wall time.
        args = [20_000, 1] if self.args.quick else [1_000_000, 1]
        return self.pair(os.path.join(SCHED, "fanin.goro"), "fanin",
                         lambda x: args, lambda x: {"GOMAXPROCS": str(x)},
                         lambda f, wall, x: wall)

    def gc_parked(self):
        reps = self.sizes["gc_reps"]
        return self.pair(os.path.join(HERE, "gc_parked.goro"), "gc_parked",
                         lambda x: [x, reps], lambda x: {"GOMAXPROCS": "2"},
                         lambda f, wall, x: f and median_of_times(f))


# name, part letter, title, x label, y unit, sizes key, Curves method
CURVES = [
    ("gc_heap", "a", "full collection time against live objects", "objects", "ms",
     "gc_heap", Curves.gc_heap),
    ("spawn", "b", "spawn cost against the number of goroutines", "goroutines", "ns",
     "spawn", Curves.spawn),
    ("parked", "b", "bytes per parked goroutine against their number", "goroutines", "B",
     "spawn", Curves.parked),
    ("roundtrip", "c", "unbuffered round trip against GOMAXPROCS", "GOMAXPROCS", "ns",
     "procs", Curves.roundtrip),
    ("fanin", "c", "fan-in of 1M goroutines against GOMAXPROCS", "GOMAXPROCS", "s",
     "procs", Curves.fanin),
    ("gc_parked", "d", "full collection time against parked goroutines", "goroutines", "ms",
     "gc_parked", Curves.gc_parked),
]


def measure_curve(sides, xs, runs, log):
    """{side title: [(x, [values per round])]}; rounds rotate the order."""
    table = {s.title: [] for s in sides}
    for x in xs:
        values = {s.title: [] for s in sides}
        for r in range(runs):
            k = r % len(sides)
            for side in sides[k:] + sides[:k]:
                values[side.title].append(side.measure(x))
        for s in sides:
            table[s.title].append((x, values[s.title]))
        log("  x=%s: %s" % (x, ", ".join("%s %s" % (t, report.number(statistics.median(v)))
                                          for t, v in values.items())))
    return table


def write_csv(path, name, part, title, unit, head, table):
    titles = list(table)
    with open(path, "w") as f:
        f.write("# (%s) %s: %s per point, the median of the rounds, and its range\n"
                % (part, title, unit))
        for line in head:
            f.write("# %s\n" % line)
        cols = ["x"]
        for t in titles:
            cols += [t, t + " min", t + " max"]
        f.write(",".join(cols) + "\n")
        xs = [x for x, _ in table[titles[0]]]
        for i, x in enumerate(xs):
            row = [str(x)]
            for t in titles:
                v = table[t][i][1]
                row += ["%.6g" % statistics.median(v), "%.6g" % min(v), "%.6g" % max(v)]
            f.write(",".join(row) + "\n")
    return len(titles)


def runtimes_in(path):
    """How many runtimes a data file of an earlier run holds (0: none)."""
    if not os.path.exists(path):
        return 0
    with open(path) as f:
        header = next((line for line in f if not line.startswith("#")), "")
    return (len(header.strip().split(",")) - 1) // 3


# --- Building the Go twins --------------------------------------------------------

def go_env():
    """Go builds offline, its cache under /tmp (as bench/sched/run.sh's)."""
    base = os.path.join(os.environ.get("TMPDIR", "/tmp"), "goro-bench-go-%d" % os.getuid())
    return {**os.environ, "GOCACHE": os.path.join(base, "cache"),
            "GOPATH": os.path.join(base, "path"), "GOTOOLCHAIN": "local", "GOPROXY": "off",
            "GOFLAGS": "", "GO111MODULE": "auto"}


def build_go(names, tmp, log):
    """Builds each NAME.go (from bench/curves or bench/sched) with
    bench/sched/harness.go into tmp; {name: binary}. Go wants the files of a
    package in one directory, so both are copied into one first."""
    bins = {}
    for name in names:
        src = next((os.path.join(d, name + ".go") for d in (HERE, SCHED)
                    if os.path.exists(os.path.join(d, name + ".go"))), None)
        if src is None:
            continue
        pkg = os.path.join(tmp, name)
        os.makedirs(pkg)
        main_go = shutil.copy(src, pkg)
        harness = shutil.copy(os.path.join(SCHED, "harness.go"), pkg)
        binary = os.path.join(tmp, name + ".bin")
        p = None
        for files in ([main_go, harness], [main_go]):  # the second: a program that stands alone
            p = subprocess.run(["go", "build", "-o", binary] + files, env=go_env(),
                               capture_output=True, text=True)
            if p.returncode == 0:
                break
        if p.returncode != 0:
            raise CurveError("go build %s failed:\n%s" % (src, p.stderr.strip()))
        bins[name] = binary
    log("built the Go twins: %s" % ", ".join(sorted(bins)))
    return bins


def conditions_of(path):
    """The conditions a data file was measured in: its comment lines after
    the title (processor, build, commit, date; load, rounds), joined."""
    if not os.path.exists(path):
        return ""
    with open(path) as f:
        lines = [line[2:].rstrip("\n") for line in f if line.startswith("# ")]
    return " / ".join(lines[1:])


# The data file whose conditions head each plot (the first curve of its part).
PLOT_CONDITIONS = {"a": "gc_heap", "b": "spawn", "c": "roundtrip", "d": "gc_parked"}


def plot(out, data, counts, log):
    if shutil.which("gnuplot") is None:
        log("no gnuplot (bash bench/setup.sh installs gnuplot-nox): data only, no plots")
        return
    sets = ["data='%s'" % data, "out='%s'" % out]
    # Each plot says when its own data were measured: with --only, the other
    # plots are drawn again from the data files of an earlier run. The text
    # goes into gnuplot's enhanced text, where _ ^ @ & { } are markup.
    for part, name in PLOT_CONDITIONS.items():
        info = "".join(c for c in conditions_of(os.path.join(data, name + ".csv")) if c not in "'_^@&{}\\")
        sets.append("info_%s='%s'" % (part, info))
    for name, _, *_ in CURVES:
        sets.append("n_%s=%d" % (name, counts.get(name, 0)))
    p = subprocess.run(["gnuplot", "-e", "; ".join(sets), os.path.join(HERE, "plot.gp")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        raise CurveError("gnuplot failed:\n%s" % p.stderr.strip())
    log("plots: %s" % ", ".join(sorted(f for f in os.listdir(out) if f.endswith(".svg"))))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--runs", type=int)
    ap.add_argument("--only", default="a,b,c,d")
    ap.add_argument("--out")
    ap.add_argument("--no-go", dest="go", action="store_false")
    ap.add_argument("--no-lua", dest="lua", action="store_false")
    ap.add_argument("--no-plot", dest="plot", action="store_false")
    args = ap.parse_args(argv)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    if runs < 1:
        ap.error("--runs must be at least 1")
    parts = set(args.only.split(","))
    if not parts <= set("abcd"):
        ap.error("--only takes letters among a,b,c,d")
    out = args.out or (os.path.join(args.build, "curves") if args.quick
                       else os.path.join(ROOT, "docs", "curves"))
    data = os.path.join(out, "data")
    os.makedirs(data, exist_ok=True)
    log = lambda s: print(s, flush=True)  # noqa: E731

    for path, what in [(os.path.join(args.build, "lang", "goro"), "goro"),
                       (os.path.join(args.build, "bench", "goro-bench-sched-parked"),
                        "goro-bench-sched-parked")]:
        if not os.access(path, os.X_OK):
            log("curves: %s not found; build it: ninja -C %s goro goro-bench-sched-parked"
                % (path, args.build))
            return 1
    if args.go and shutil.which("go") is None:
        log("curves: no go command (bash bench/setup.sh installs golang-go): Goro only")
        args.go = False
    if args.lua and shutil.which("lua5.4") is None:
        args.lua = False
    sizes = QUICK if args.quick else FULL
    have_fanin = os.path.exists(os.path.join(SCHED, "fanin.goro"))

    cond = report.conditions(args.build)
    load_before = report.load_average()
    started = time.time()
    tmp = tempfile.mkdtemp(prefix="goro-curves-")
    counts = {}
    try:
        bins = build_go(["gc_heap", "spawn", "parked", "roundtrip", "gc_parked"]
                        + (["fanin"] if have_fanin else []), tmp, log) if args.go else {}
        curves = Curves(args, sizes, bins)
        results = []
        for name, part, title, xlabel, unit, key, make in CURVES:
            if part not in parts or (name == "fanin" and not have_fanin):
                continue
            log("(%s) %s" % (part, title))
            results.append((name, part, title, unit,
                            measure_curve(make(curves), sizes[key], runs, log)))
    except CurveError as e:
        log("curves: %s" % e)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    head = ["%s; %s build; commit %s; %s" % (cond["processor"], cond["build_type"],
                                              cond["commit"], cond["date"]),
            "load average %s before, %s after; %d round(s) per point; %.0f s in all"
            % (load_before, report.load_average(), runs, time.time() - started)]
    if args.quick:
        head.append("quick run: tiny sizes, not figures")
    for name, part, title, unit, table in results:
        counts[name] = write_csv(os.path.join(data, name + ".csv"), name, part, title, unit,
                                 head, table)
    # Curves not measured this time (--only) are drawn from their data files
    # of an earlier run, when there are any.
    for name, *_ in CURVES:
        if name not in counts:
            counts[name] = runtimes_in(os.path.join(data, name + ".csv"))
    log("data: %s" % data)
    if args.plot:
        try:
            plot(out, data, counts, log)
        except CurveError as e:
            log("curves: %s" % e)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
