#!/usr/bin/env python3
"""Checks the shape of what the benchmark tools write, never their timings.

  check_bench_outputs.py report REPORT_PY RESULTS_DIR
      bench/report.py on a recorded results directory (the fixture in
      tests/bench/fixtures/results): every table has its header line (the
      processor, build type and load average), its columns, and in every
      timed row a median with its spread for Goro, a ratio with its spread
      where the peer ran, and a target/met pair (or several, joined by
      "; "); a program whose output differed is shown as not timed, and a
      LuaJIT cell whose program LuaJIT cannot run as n/a. Then `report.py update` on a document
      with markers: the tables are replaced, the text around them kept, and
      bad input (no markers, an unknown table) is a clear error.

  check_bench_outputs.py curves OUT_DIR
      bench/curves/run.py --quick's output: each data file has its comment
      header (conditions and the quick-run warning), an x column then
      median/min/max per runtime, min <= median <= max in every row; and
      the SVGs exist when gnuplot is installed.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)


NUM = r"[0-9][0-9,]*(?:\.[0-9]+)?"
# "235 ms (162-309)", "560 (560-560)", "818 ms (1 run)"
FIGURE = re.compile(r"^%s(?: (?:ms|s))? \((?:%s-%s|1 run)\)$" % (NUM, NUM, NUM))
RATIO_NUM = r"[0-9]+(?:\.[0-9]+)?(?:e-[0-9]+)?"
RATIO = re.compile(r"^%sx \((?:%s-%s|1 run)\)$" % (RATIO_NUM, RATIO_NUM, RATIO_NUM))
# One target or several joined by "; " ("<= 0.75x Lua; <= 1.0x LuaJIT"),
# and as many met cells.
ONE_TARGET = r"(?:<= [0-9.]+x(?: Goro's \w+| Lua| LuaJIT)?|<= [0-9,]+ \S+)"
TARGET = re.compile(r"^(?:%s(?:; %s)*|)$" % (ONE_TARGET, ONE_TARGET))
MET = re.compile(r"^(?:(?:yes|NO|-)(?:; (?:yes|NO|-))*|)$")

COLUMNS = {
    "lang": ["program", "Goro", "Lua 5.4", "LuaJIT -joff", "Python 3", "Goro/Lua", "Goro/LuaJIT",
             "target", "met"],
    "lang-detail": ["program", "Goro", "Goro CPU", "Lua 5.4", "Lua CPU", "LuaJIT -joff", "LuaJIT CPU",
                    "Python 3", "Goro/Lua", "Goro/Lua CPU", "Goro/LuaJIT", "target", "met"],
    "sched": ["benchmark", "Goro", "Go 1.19", "Goro/Go", "target", "met"],
    "sched-detail": ["benchmark", "Goro", "Go 1.19", "Goro/Go", "target", "met"],
}


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def check_table(table_id, text):
    lines = text.strip().splitlines()
    check(len(lines) >= 4, "%s: too short:\n%s" % (table_id, text))
    head = lines[0]
    for word in ("build", "commit", "load average", "before", "after", "CPUs"):
        check(word in head, "%s: the header line lacks %r: %s" % (table_id, word, head))
    check(lines[1] == "", "%s: no blank line after the header" % table_id)
    cols = cells(lines[2])
    check(cols == COLUMNS[table_id], "%s: columns %r" % (table_id, cols))
    check(set(lines[3]) <= set("|-:"), "%s: no separator row" % table_id)
    rows = [cells(l) for l in lines[4:]]
    check(rows, "%s: no rows" % table_id)
    i_target, i_met = cols.index("target"), cols.index("met")
    ratio_cols = [i for i, c in enumerate(cols) if "/" in c]
    not_timed = 0
    for row in rows:
        check(len(row) == len(cols), "%s: row %r has %d cells" % (table_id, row, len(row)))
        if len(row) != len(cols):
            continue
        if row[1].startswith("not timed: "):
            not_timed += 1
            check(all(c == "-" for c in row[2:]), "%s: not-timed row with figures %r"
                  % (table_id, row))
            continue
        # A CPU row may be "-": the run used less than one 10 ms tick.
        check(FIGURE.match(row[1]) or (row[1] == "-" and "CPU" in row[0]),
              "%s: Goro's cell %r lacks median and spread" % (table_id, row[1]))
        for i, c in enumerate(row[2:i_target], start=2):
            if i in ratio_cols:
                check(c == "-" or RATIO.match(c), "%s: ratio cell %r" % (table_id, c))
            else:
                # n/a: a peer left out because its answer differed.
                ok = c in ("-", "n/a") if "LuaJIT" in cols[i] else c == "-"
                check(ok or FIGURE.match(c), "%s: cell %r of %r" % (table_id, c, cols[i]))
        check(TARGET.match(row[i_target]), "%s: target %r" % (table_id, row[i_target]))
        check(MET.match(row[i_met]), "%s: met %r" % (table_id, row[i_met]))
        check(row[i_target].count(";") == row[i_met].count(";")
              and bool(row[i_target]) == (row[i_met] != ""),
              "%s: a target without its met cell or the reverse: %r" % (table_id, row))
    if table_id.startswith("lang"):
        check(not_timed == 1, "%s: the fixture's mismatched program is not shown as not timed"
              % table_id)
        # The fixture's LuaJIT ran fib and not binary-trees (Lua 5.4 syntax).
        i_jit, i_jit_ratio = cols.index("LuaJIT -joff"), cols.index("Goro/LuaJIT")
        by_label = {row[0].split(" ")[0]: row for row in rows if len(row) == len(cols)}
        fib, trees = by_label.get("fib(32)"), by_label.get("binary-trees")
        check(fib is not None and FIGURE.match(fib[i_jit]) and RATIO.match(fib[i_jit_ratio])
              and "LuaJIT" in fib[i_target],
              "%s: fib's LuaJIT figure, ratio or target is missing: %r" % (table_id, fib))
        check(trees is not None and trees[i_jit] == "n/a" and trees[i_jit_ratio] == "-",
              "%s: binary-trees' LuaJIT cells should be n/a and -: %r" % (table_id, trees))


def run(*argv):
    return subprocess.run([sys.executable] + list(argv), capture_output=True, text=True)


def check_report(report, results):
    for table_id in COLUMNS:
        p = run(report, "table", table_id, "--results", results)
        check(p.returncode == 0, "table %s failed: %s" % (table_id, p.stderr))
        if p.returncode == 0:
            check_table(table_id, p.stdout)

    with tempfile.TemporaryDirectory() as tmp:
        doc = os.path.join(tmp, "doc.md")
        before, middle, after = "# Title\n\nText before.\n\n", "\nText between.\n\n", "\nText after.\n"
        with open(doc, "w") as f:
            f.write(before + "<!-- bench:lang -->\nold table\n<!-- /bench:lang -->\n" + middle
                    + "<!-- bench:sched-detail -->\n<!-- /bench:sched-detail -->\n" + after)
        p = run(report, "update", doc, "--results", results)
        check(p.returncode == 0, "update failed: %s" % p.stderr)
        text = open(doc).read()
        check(text.startswith(before) and text.endswith(after) and middle in text,
              "update changed the text around the markers:\n" + text)
        check("old table" not in text, "update left the old table")
        m = re.search(r"<!-- bench:lang -->\n(.*?)<!-- /bench:lang -->", text, re.S)
        check(m is not None, "update lost the lang markers")
        if m:
            check_table("lang", m.group(1))
        m = re.search(r"<!-- bench:sched-detail -->\n(.*?)<!-- /bench:sched-detail -->", text, re.S)
        check(m is not None, "update lost the sched-detail markers")
        if m:
            check_table("sched-detail", m.group(1))
        # Running it again changes nothing.
        p = run(report, "update", doc, "--results", results)
        check(p.returncode == 0 and open(doc).read() == text, "a second update changed the document")

        with open(doc, "w") as f:
            f.write("no markers here\n")
        p = run(report, "update", doc, "--results", results)
        check(p.returncode == 1 and "markers" in p.stderr and "Traceback" not in p.stderr,
              "a document without markers: %r" % p.stderr)
        with open(doc, "w") as f:
            f.write("<!-- bench:nosuch -->\n<!-- /bench:nosuch -->\n")
        p = run(report, "update", doc, "--results", results)
        check(p.returncode == 1 and "unknown table" in p.stderr, "an unknown table: %r" % p.stderr)
        p = run(report, "table", "lang", "--results", os.path.join(tmp, "none"))
        check(p.returncode == 1 and "no results" in p.stderr and "Traceback" not in p.stderr,
              "missing results: %r" % p.stderr)


def check_curves(out):
    data = os.path.join(out, "data")
    files = sorted(f for f in os.listdir(data) if f.endswith(".csv")) if os.path.isdir(data) else []
    for name in ("gc_heap", "spawn", "parked", "roundtrip", "gc_parked"):
        check(name + ".csv" in files, "no %s.csv in %s" % (name, data))
    for name in files:
        with open(os.path.join(data, name)) as f:
            lines = f.read().splitlines()
        comments = [l for l in lines if l.startswith("#")]
        body = [l for l in lines if not l.startswith("#")]
        text = "\n".join(comments)
        for word in ("build", "commit", "load average", "quick run"):
            check(word in text, "%s: the header lacks %r" % (name, word))
        rows = list(csv.reader(body))
        check(len(rows) >= 2, "%s: no data rows" % name)
        if len(rows) < 2:
            continue
        head = rows[0]
        check(head[0] == "x" and (len(head) - 1) % 3 == 0 and len(head) >= 4,
              "%s: columns %r" % (name, head))
        check(head[1] == "Goro", "%s: Goro is not the first runtime: %r" % (name, head))
        for row in rows[1:]:
            check(len(row) == len(head), "%s: row %r" % (name, row))
            try:
                values = [float(v) for v in row]
            except ValueError:
                check(False, "%s: a row that is not numbers: %r" % (name, row))
                continue
            for k in range(1, len(values), 3):
                med, lo, hi = values[k:k + 3]
                check(lo <= med <= hi, "%s: %s not min <= median <= max: %r" % (name, head[k], row))
    if shutil.which("gnuplot"):
        for svg in ("gc_heap.svg", "spawn.svg", "roundtrip.svg", "gc_parked.svg"):
            path = os.path.join(out, svg)
            ok = os.path.exists(path) and open(path).read(200).lstrip().startswith("<?xml")
            check(ok, "no SVG %s" % path)


def main(argv):
    if len(argv) == 3 and argv[0] == "report":
        check_report(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "curves":
        check_curves(argv[1])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    for f in FAILURES:
        print("FAIL: " + f)
    if not FAILURES:
        print("ok")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
