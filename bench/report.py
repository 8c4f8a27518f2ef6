#!/usr/bin/env python3
"""report.py: the benchmark tables of the README and docs/benchmarks.md,
made from what bench/lang/run.sh and bench/sched/run.sh record.

What the run scripts record (one results directory per suite, by default
bench/results/lang and bench/results/sched, which git ignores):

  meta.json            the conditions: processor, build type (from
                       BUILD_DIR/CMakeCache.txt), commit, date, the load
                       average before and after the runs, runs and warm-ups
                       (written by `report.py meta`, below)
  raw/NAME.rNN.json    hyperfine's --export-json of round NN of benchmark
                       NAME: one call of hyperfine timing Goro and its peer
                       once each (see "Rounds" below)
  raw/NAME.rNN.lines   bench/sched only: the `sched bench=...` line each
                       program printed in that round, as "SIDE LINE"
  raw/NAME.extra.json  bench/lang only: Python 3's runs (one hyperfine call,
                       outside the rounds: it is context, not the peer)
  raw/NAME.check       bench/lang only: "ok", or why the outputs differ (a
                       program whose answer differs is not timed)
  raw/NAME.args        bench/lang only: the program's argument, if any
  raw/parked.cxx       bench/sched only: goro-bench-sched-parked's line

Rounds. hyperfine 1.15 runs all the runs of one command before the next
command's, so with --runs K in one call Goro's runs and its peer's are K
runs apart, under whatever load came and went between. The run scripts
instead call hyperfine once per round, with both commands and --runs 1 (the
order swapped every round), so each Goro run has a peer run taken seconds
from it; the ratio in the tables is the median of those per-round ratios,
which cancels most of the drift in machine load, and each side's figure is
the median over the rounds with the range (min-max) beside it.

The tables themselves are defined here (labels, targets, which figure), so
that the run scripts print and save the same table that the README shows.

Usage:
  report.py meta DIR --build BUILD_DIR [--suite S] [--set KEY=VALUE ...]
  report.py meta DIR --finish        (adds the load average after the runs)
  report.py table ID... [--results DIR]  (ID: lang, lang-detail, sched,
                                      sched-detail; prints Markdown)
  report.py update FILE... [--results DIR]
      rewrites, in each FILE, the text between `<!-- bench:ID -->` and
      `<!-- /bench:ID -->` with table ID made from the results.
"""
import argparse
import datetime
import glob
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class ReportError(Exception):
    """A problem with the recorded results, reported without a traceback."""


# --- The conditions of a measurement ---------------------------------------

def processor():
    """The processor's model name and the number of CPUs, from /proc/cpuinfo."""
    model, cpus = None, 0
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name":
                    model = model or value.strip()
                    cpus += 1
    except OSError:
        pass
    if not cpus:
        cpus = os.cpu_count() or 0
    return "%s, %d CPUs" % (model or "unknown processor", cpus)


def build_type(build_dir):
    """CMAKE_BUILD_TYPE from BUILD_DIR/CMakeCache.txt, or 'unknown'."""
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    return line.split("=", 1)[1].strip() or "unknown"
    except OSError:
        pass
    return "unknown"


def commit():
    """The short commit hash of the source tree, '+' when it has changes."""
    def git(*args):
        return subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True,
                              text=True).stdout.strip()
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return head + ("+" if dirty else "")


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "unknown"


def conditions(build_dir):
    """The header fields shared by the tables and the curves' data files."""
    return {
        "processor": processor(),
        "build_type": build_type(build_dir),
        "commit": commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def cmd_meta(args):
    os.makedirs(args.dir, exist_ok=True)
    path = os.path.join(args.dir, "meta.json")
    if args.finish:
        meta = read_json(path)
        meta["load_after"] = load_average()
    else:
        if not args.build:
            raise ReportError("meta: --build BUILD_DIR is needed to start a record")
        meta = conditions(args.build)
        meta["suite"] = args.suite
        meta["load_before"] = load_average()
    for kv in args.set or []:
        key, sep, value = kv.partition("=")
        if not sep:
            raise ReportError("meta: --set takes KEY=VALUE, not %r" % kv)
        meta[key] = value
    with open(path, "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


# --- Reading the results -----------------------------------------------------

def read_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except OSError as e:
        raise ReportError("cannot read %s: %s" % (path, e.strerror))
    except ValueError as e:
        raise ReportError("%s is not valid JSON: %s" % (path, e))


def hyperfine_runs(path):
    """{command name: [(wall s, user+system s), ...]} from one hyperfine JSON."""
    data = read_json(path)
    runs = {}
    for result in data.get("results", []):
        if "command" not in result or "times" not in result:
            raise ReportError("%s: a result without command or times" % path)
        cpu = result.get("user", 0.0) + result.get("system", 0.0)
        # hyperfine keeps only the mean user and system time of a command;
        # with one run per call (the rounds) that mean is the run's own.
        runs[result["command"]] = [(t, cpu) for t in result["times"]]
    return runs


class Suite:
    """One suite's results directory: its conditions and its rounds."""

    def __init__(self, directory):
        self.dir = directory
        if not os.path.isdir(directory):
            raise ReportError("no results in %s: run the benchmarks first" % directory)
        self.meta = read_json(os.path.join(directory, "meta.json"))

    def raw(self, name):
        return os.path.join(self.dir, "raw", name)

    def rounds(self, bench):
        """The round files' paths of BENCH, in round order."""
        return sorted(glob.glob(self.raw("%s.r[0-9][0-9].json" % glob.escape(bench))))

    def samples(self, bench):
        """{side: [(wall, cpu) per round]}, each side's runs in round order."""
        per_side = {}
        for path in self.rounds(bench):
            for side, runs in hyperfine_runs(path).items():
                per_side.setdefault(side, []).extend(runs)
        extra = self.raw(bench + ".extra.json")
        if os.path.exists(extra):
            for side, runs in hyperfine_runs(extra).items():
                per_side.setdefault(side, []).extend(runs)
        return per_side

    def lines(self, bench):
        """{side: [{key: value} per round]} from the rounds' printed lines."""
        per_side = {}
        for path in sorted(glob.glob(self.raw("%s.r[0-9][0-9].lines" % glob.escape(bench)))):
            with open(path) as f:
                for line in f:
                    side, _, rest = line.strip().partition(" ")
                    if rest:
                        per_side.setdefault(side, []).append(fields(rest))
        return per_side

    def argument(self, bench):
        """The argument run.sh gave the program (raw/NAME.args), or ''."""
        path = self.raw(bench + ".args")
        if not os.path.exists(path):
            return ""
        with open(path) as f:
            return f.read().strip()

    def check(self, bench):
        return self.note(bench + ".check")

    def luajit(self, bench):
        """Whether LuaJIT ran BENCH ('ok'), why not, or None (not tried)."""
        return self.note(bench + ".luajit")

    def note(self, name):
        path = self.raw(name)
        if not os.path.exists(path):
            return None
        with open(path) as f:
            return f.read().strip()


def fields(line):
    """The key=value pairs of a `sched bench=NAME unit=U value=V ...` line."""
    out = {}
    for word in line.split():
        key, sep, value = word.partition("=")
        if sep:
            out[key] = value
    return out


# --- Figures -------------------------------------------------------------------

def number(v):
    """A figure with as many digits as it deserves."""
    a = abs(v)
    if a >= 1000:
        return "{:,.0f}".format(v)
    if a >= 100:
        return "%.0f" % v
    if a >= 10:
        return "%.1f" % v
    return "%.2f" % v


class Figure:
    """The values of one measure over the runs: median and range."""

    def __init__(self, values):
        self.values = [v for v in values if v is not None]

    def __bool__(self):
        return bool(self.values)

    @property
    def median(self):
        return statistics.median(self.values)

    def cell(self, unit=""):
        """'median unit (min-max)', or the lone value and '1 run'."""
        if not self.values:
            return "-"
        med = number(self.median) + (" " + unit if unit else "")
        if len(self.values) == 1:
            return med + " (1 run)"
        return "%s (%s-%s)" % (med, number(min(self.values)), number(max(self.values)))

    def seconds(self):
        """cell() of times in seconds, in ms when the median is below 1 s."""
        if self and self.median < 1:
            return Figure([v * 1000 for v in self.values]).cell("ms")
        return self.cell("s")


def paired_ratio(goro, peer):
    """The per-round ratios Goro/peer (rounds where both ran)."""
    return Figure([g / p for g, p in zip(goro, peer) if g is not None and p])


def ratio_cell(ratio):
    """'median x (min-max)' of per-run ratios, or '-' when there are none."""
    if not ratio:
        return "-"

    def r(v):  # two decimals, or two significant digits below 0.1
        return "%.2f" % v if v >= 0.1 else "%.2g" % v
    med = r(ratio.median) + "x"
    if len(ratio.values) == 1:
        return med + " (1 run)"
    return "%s (%s-%s)" % (med, r(min(ratio.values)), r(max(ratio.values)))


def ratio_target(limit):
    """'<= 1.0x', '<= 0.75x'."""
    text = "%g" % limit
    return "<= %sx" % (text if "." in text else text + ".0")


def met(value, limit):
    if value is None:
        return "-"
    return "yes" if value <= limit else "NO"


# --- The tables ------------------------------------------------------------------

# bench/lang: NAME as run.sh names it -> label, targets: a list of
# (PEER, L), Goro/PEER <= L as the median of the per-round ratios, or
# ("self", OTHER, L), Goro's median <= L times Goro's median for program
# OTHER; an empty list is no target.
LANG_PROGRAMS = [
    ("fib", "fib(32)", [("lua5.4", 0.75), ("luajit", 1.0)]),
    ("loop", "loop: sum of i*i % 7, i < 1e8", [("lua5.4", 0.9)]),
    ("loop_toplevel", "the same loop at top level", [("self", "loop", 1.05)]),
    ("binary_trees", "binary-trees {arg}", [("lua5.4", 0.7)]),
    ("nbody", "n-body, 500k steps", []),
    ("strmap", "string map, 1M keys", []),
]
LANG_PEER = "lua5.4"
LANG_JIT = "luajit"  # `luajit -joff`: LuaJIT's interpreter, its compiler off
PEER_NAMES = {"lua5.4": "Lua", "luajit": "LuaJIT"}

# bench/sched: NAME -> label, the key of the printed line's figure, its
# unit, and the target: ("ratio", L) is Goro/Go <= L, ("max", L) is Goro <= L.
SCHED_ROWS = [
    ("spawn", "spawn a goroutine that sends one value and ends", "value", "ns",
     ("ratio", 1.0)),
    ("parked", "a parked goroutine", "value", "B", ("max", 700)),
    ("roundtrip1", "unbuffered round trip, GOMAXPROCS=1", "value", "ns", ("ratio", 1.5)),
    ("roundtrip2", "unbuffered round trip, GOMAXPROCS=2", "value", "ns", ("ratio", 1.5)),
    ("gomaxprocs", "a GOMAXPROCS change", "value", "µs", ("ratio", 1.0)),
    ("fanin2", "fan-in, per goroutine (its own clock), GOMAXPROCS=2", "value", "ns", None),
    ("fanin1", "fan-in, per goroutine (its own clock), GOMAXPROCS=1", "value", "ns", None),
]
SCHED_CPU_ROWS = [
    ("spawn", "spawn, CPU per goroutine", "cpu", "ns", ("ratio", 1.0)),
    ("roundtrip1", "round trip, CPU, GOMAXPROCS=1", "cpu", "ns", ("ratio", 1.5)),
    ("roundtrip2", "round trip, CPU, GOMAXPROCS=2", "cpu", "ns", ("ratio", 1.5)),
    ("gomaxprocs", "GOMAXPROCS change, CPU", "cpu", "µs", ("ratio", 1.0)),
    ("fanin2", "fan-in, CPU per goroutine, GOMAXPROCS=2", "cpu", "ns", None),
    ("parked", "parked goroutine, resident-set growth (cross-check)", "rss", "B", None),
]
# Whole-process benchmarks (hyperfine's wall time is the figure): NAME ->
# label, target ratio. Rows of benchmarks run.sh did not run are left out
# (fanin needs bench/sched/fanin.goro).
SCHED_PROCESS_ROWS = [
    ("fanin2", "fan-in: 1M goroutines each send one value into a channel of 1024, "
     "then wg.Done(); GOMAXPROCS=2", 1.0),
    ("fanin1", "fan-in, the same, GOMAXPROCS=1", None),
]


def header(suite, what):
    m = suite.meta
    runs = m.get("runs", "?")
    runs = "1 run" if str(runs) == "1" else "%s runs" % runs
    head = ("%s; %s build, commit %s, %s; load average %s before, %s after. %s" % (
        m.get("processor", "unknown processor"), m.get("build_type", "unknown"),
        m.get("commit", "unknown"), m.get("date", "unknown date"),
        m.get("load_before", "?"), m.get("load_after", "?"),
        what.format(runs=runs)))
    if str(m.get("quick", "0")) == "1":
        head = "**--quick run: small sizes, not figures.** " + head
    return "_" + head + "_"


def markdown(columns, aligns, rows):
    out = ["| " + " | ".join(columns) + " |",
           "|" + "|".join("---:" if a == "r" else "---" for a in aligns) + "|"]
    for row in rows:
        if len(row) != len(columns):
            raise AssertionError("row %r has %d cells for %d columns" % (row, len(row), len(columns)))
        out.append("| " + " | ".join(row) + " |")
    return "\n".join(out)


def lang_targets(suite, targets, goro_walls, ratios):
    """The target and met cells of a bench/lang row: one entry per target,
    joined by '; ' (ratios: {peer: paired Goro/peer ratios})."""
    texts, mets = [], []
    for target in targets:
        if target[0] == "self":
            _, other, limit = target
            base = Figure([w for w, _ in suite.samples(other).get("goro", [])])
            mine = Figure(goro_walls)
            value = mine.median / base.median if mine and base else None
            texts.append("<= %gx Goro's %s" % (limit, other))
        else:
            peer, limit = target
            ratio = ratios.get(peer)
            value = ratio.median if ratio else None
            texts.append(ratio_target(limit) + " " + PEER_NAMES[peer])
        mets.append(met(value, limit))
    return "; ".join(texts), "; ".join(mets)


def lang_table(results, detail):
    suite = Suite(os.path.join(results, "lang"))
    rows = []
    for name, label, target in LANG_PROGRAMS:
        label = label.format(arg=suite.argument(name)).strip()
        check = suite.check(name)
        if check is None and not suite.rounds(name):
            continue  # not run (--quick runs a subset)
        if check and check != "ok":
            cells = ["not timed: " + check]
            width = 13 if detail else 9
            rows.append([label] + cells + ["-"] * (width - 2))
            continue
        s = suite.samples(name)
        goro, lua, jit, py = (s.get("goro", []), s.get(LANG_PEER, []), s.get(LANG_JIT, []),
                              s.get("python3", []))
        gw, lw, jw = [w for w, _ in goro], [w for w, _ in lua], [w for w, _ in jit]
        ratios = {LANG_PEER: paired_ratio(gw, lw), LANG_JIT: paired_ratio(gw, jw)}
        target_text, met_text = lang_targets(suite, target, gw, ratios)
        # A LuaJIT cell left out because its answer differed says so.
        jit_cell = Figure(jw).seconds()
        if not jw and suite.luajit(name) not in (None, "ok"):
            jit_cell = "n/a"
        if detail:
            gc, lc, jc = [c for _, c in goro], [c for _, c in lua], [c for _, c in jit]
            rows.append([label, Figure(gw).seconds(), Figure(gc).seconds(),
                         Figure(lw).seconds(), Figure(lc).seconds(),
                         jit_cell, Figure(jc).seconds() if jw else jit_cell,
                         Figure([w for w, _ in py]).seconds(), ratio_cell(ratios[LANG_PEER]),
                         ratio_cell(paired_ratio(gc, lc)), ratio_cell(ratios[LANG_JIT]),
                         target_text, met_text])
        else:
            rows.append([label, Figure(gw).seconds(), Figure(lw).seconds(), jit_cell,
                         Figure([w for w, _ in py]).seconds(), ratio_cell(ratios[LANG_PEER]),
                         ratio_cell(ratios[LANG_JIT]), target_text, met_text])
    if not rows:
        raise ReportError("%s holds no bench/lang results" % suite.dir)
    what = ("Wall time of the whole process (hyperfine): the median (min-max) of {runs}, "
            "each in a round with a Lua run and a LuaJIT run (`luajit -joff`: its interpreter); "
            "Goro/Lua and Goro/LuaJIT are the medians of the per-round ratios. LuaJIT n/a: its "
            "output differs (no integers: the loop's sum; no Lua 5.4 syntax: binary-trees). "
            "Python 3 is timed apart, outside the rounds.")
    if detail:
        cols = ["program", "Goro", "Goro CPU", "Lua 5.4", "Lua CPU", "LuaJIT -joff", "LuaJIT CPU",
                "Python 3", "Goro/Lua", "Goro/Lua CPU", "Goro/LuaJIT", "target", "met"]
        what += " CPU: user + system time of the process."
    else:
        cols = ["program", "Goro", "Lua 5.4", "LuaJIT -joff", "Python 3", "Goro/Lua", "Goro/LuaJIT",
                "target", "met"]
    return header(suite, what) + "\n\n" + markdown(cols, ["l"] + ["r"] * (len(cols) - 3) + ["l", "l"],
                                                   rows)


def sched_values(suite, name, key, side):
    """The figure KEY of benchmark NAME for SIDE, one value per round (None
    where a round's line lacks it). Goro's parked figure is its heap= plus
    what a G costs outside the heap (raw/parked.cxx, goro-bench-sched-parked)."""
    outside = 0.0
    if name == "parked" and side == "goro" and key == "value":
        key = "heap"
        cxx = suite.raw("parked.cxx")
        if os.path.exists(cxx):
            with open(cxx) as f:
                outside = float(fields(f.read()).get("value", 0))
    values = []
    for f in suite.lines(name).get(side, []):
        try:
            v = float(f[key]) + outside
        except (KeyError, ValueError):
            v = None
        # CPU time comes in 10 ms ticks: 0 is "under one tick", not free.
        values.append(None if key == "cpu" and v == 0 else v)
    return values


def sched_row(suite, spec):
    name, label, key, unit, target = spec
    goro = sched_values(suite, name, key, "goro")
    go = sched_values(suite, name, key, "go")
    if not suite.rounds(name) or (not any(v is not None for v in goro) and key != "cpu"):
        return None  # not run
    ratio = paired_ratio(goro, go)
    target_text, met_text = "", ""
    if target and target[0] == "ratio":
        target_text = ratio_target(target[1])
        met_text = met(ratio.median if ratio else None, target[1])
    elif target and target[0] == "max":
        target_text = "<= %s %s" % (number(target[1]), unit)
        met_text = met(Figure(goro).median, target[1])
    return [label + ", " + unit, Figure(goro).cell(), Figure(go).cell(), ratio_cell(ratio),
            target_text, met_text]


def sched_table(results, detail):
    suite = Suite(os.path.join(results, "sched"))
    specs = SCHED_ROWS + (SCHED_CPU_ROWS if detail else [])
    rows = [r for r in (sched_row(suite, s) for s in specs) if r]
    for name, label, target in SCHED_PROCESS_ROWS:
        if not suite.rounds(name):
            continue
        s = suite.samples(name)
        gw = [w for w, _ in s.get("goro", [])]
        ow = [w for w, _ in s.get("go", [])]
        ratio = paired_ratio(gw, ow)
        rows.append([label + ", whole process", Figure(gw).seconds(),
                     Figure(ow).seconds(), ratio_cell(ratio),
                     ratio_target(target) if target else "",
                     met(ratio.median if ratio else None, target) if target else ""])
    if detail:
        process_rows = {name for name, *_ in SCHED_PROCESS_ROWS}
        for name, label, *_ in SCHED_ROWS:
            s = suite.samples(name)
            if not s or name in process_rows:
                continue
            gw = [w for w, _ in s.get("goro", [])]
            ow = [w for w, _ in s.get("go", [])]
            rows.append([label + ": whole process", Figure(gw).seconds(),
                         Figure(ow).seconds(), ratio_cell(paired_ratio(gw, ow)), "", ""])
    if not rows:
        raise ReportError("%s holds no bench/sched results" % suite.dir)
    what = ("Each program's own per-operation figure (the median of its in-process rounds), "
            "the median (min-max) over {runs}, each next to a Go run; Goro/Go is the "
            "median of the per-run ratios. GOMAXPROCS=2 unless the row says otherwise.")
    if detail:
        what += (" CPU rows: the process's CPU time (all threads) per operation ('-' when the "
                 "run used less than one 10 ms tick of it); whole-process "
                 "rows: hyperfine's wall time of the same runs, start-up included.")
    cols = ["benchmark", "Goro", "Go 1.19", "Goro/Go", "target", "met"]
    return header(suite, what) + "\n\n" + markdown(cols, ["l", "r", "r", "r", "l", "l"], rows)


TABLES = {
    "lang": lambda results: lang_table(results, detail=False),
    "lang-detail": lambda results: lang_table(results, detail=True),
    "sched": lambda results: sched_table(results, detail=False),
    "sched-detail": lambda results: sched_table(results, detail=True),
}


def cmd_table(args):
    for table_id in args.ids:
        if table_id not in TABLES:
            raise ReportError("unknown table %r (%s)" % (table_id, ", ".join(sorted(TABLES))))
    print("\n\n".join(TABLES[table_id](args.results) for table_id in args.ids))


MARKER = re.compile(r"(<!-- bench:([a-z-]+) -->\n)(.*?)(<!-- /bench:\2 -->)", re.S)


def cmd_update(args):
    for path in args.files:
        with open(path) as f:
            text = f.read()
        found = []

        def replace(m):
            table_id = m.group(2)
            if table_id not in TABLES:
                raise ReportError("%s: unknown table %r in a marker" % (path, table_id))
            found.append(table_id)
            return m.group(1) + TABLES[table_id](args.results) + "\n" + m.group(4)

        new = MARKER.sub(replace, text)
        if not found:
            raise ReportError("%s has no <!-- bench:ID --> ... <!-- /bench:ID --> markers" % path)
        with open(path, "w") as f:
            f.write(new)
        print("%s: updated %s" % (path, ", ".join(found)))


def main(argv):
    p = argparse.ArgumentParser(description="Benchmark tables from hyperfine's JSON.")
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("meta", help="record the conditions of a run")
    m.add_argument("dir")
    m.add_argument("--build")
    m.add_argument("--suite", default="")
    m.add_argument("--finish", action="store_true")
    m.add_argument("--set", action="append", metavar="KEY=VALUE")
    m.set_defaults(run=cmd_meta)
    t = sub.add_parser("table", help="print tables, a blank line between them")
    t.add_argument("ids", nargs="+", metavar="id")
    t.add_argument("--results", default=os.path.join(HERE, "results"))
    t.set_defaults(run=cmd_table)
    u = sub.add_parser("update", help="regenerate the tables between markers")
    u.add_argument("files", nargs="+")
    u.add_argument("--results", default=os.path.join(HERE, "results"))
    u.set_defaults(run=cmd_update)
    args = p.parse_args(argv)
    try:
        args.run(args)
    except ReportError as e:
        print("report.py: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
