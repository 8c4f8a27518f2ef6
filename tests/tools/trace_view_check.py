#!/usr/bin/env python3
"""`goro trace view` as a user runs it, its SVGs parsed back as XML.

    trace_view_check.py GORO TRACES_DIR PROGRAM.goro

Checks that the pictures of the example traces are well-formed SVG with
the lanes and shapes of the trace, every shape titled; that standard
output and -o give the same picture; that malformed JSON, a file that is
not a trace, a missing file and usage errors give a message and status 2
and no picture; and that a trace of 100,000 events gives a picture of
bounded size; and that a trace goro records of PROGRAM.goro is drawn.
Exits 1 with the failures listed.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def run(goro, *args):
    p = subprocess.run([goro, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def texts(root):
    return [t.text or "" for t in root.iter(SVG + "text")]


def titles(root):
    return [t.text or "" for t in root.iter(SVG + "title")]


def untitled_shapes(root):
    """Shapes with no <title> of their own or on their enclosing <g>, outside <defs>."""
    missing = []

    def walk(node, titled, in_defs):
        has_title = node.find(SVG + "title") is not None
        tag = node.tag.replace(SVG, "")
        if tag in ("rect", "polygon", "polyline") and not in_defs and not (has_title or titled):
            missing.append(ET.tostring(node, encoding="unicode")[:120])
        if tag == "line" and not in_defs and not titled and node.get("stroke-dasharray"):
            missing.append(ET.tostring(node, encoding="unicode")[:120])
        for child in node:
            walk(child, titled or (tag == "g" and has_title), in_defs or tag == "defs")

    walk(root, False, False)
    return missing


def parse(svg_bytes, name):
    try:
        return ET.fromstring(svg_bytes)
    except ET.ParseError as e:
        failures.append(f"{name}: not well-formed XML: {e}")
        return None


def check_growth(goro, traces, tmp):
    out = os.path.join(tmp, "growth.svg")
    status, stdout, stderr = run(goro, "trace", "view", os.path.join(traces, "growth.json"), "-o", out)
    if not check(status == 0, f"growth.json: status {status}, stderr {stderr!r}"):
        return
    check(stdout == b"", "growth.json with -o: something on standard output")
    data = open(out, "rb").read()
    root = parse(data, "growth.json")
    if root is None:
        return
    check(root.tag == SVG + "svg", f"growth.json: the root is {root.tag}, not svg")
    labels = texts(root)
    for lane in ["world", "GOMAXPROCS", "P0", "P1", "P2", "P3", "M0", "M1", "M2", "M3"]:
        check(lane in labels, f"growth.json: no lane labelled {lane}")
    for g in ["G1", "G5", "G6", "G7"]:
        check(g in labels, f"growth.json: no run labelled {g}")
    check("GOMAXPROCS 2 -> 4" in labels, "growth.json: the GOMAXPROCS change is not labelled")
    check("mark" in labels and "sweep" in labels, "growth.json: mark or sweep not labelled")
    all_titles = titles(root)
    for prefix in ["G1 on P0\n", "G5 on M3\n", "stop-the-world (GC)\n", "stop-the-world (GOMAXPROCS)\n",
                   "mark\n", "sweep\n", "parked on M2\n", "P-less tail on M3\n", "go G5\n",
                   "block G5: chan receive\n", "ready G5\n", "GOMAXPROCS 2 -> 4\n", "new allp array\n"]:
        check(any(t.startswith(prefix) for t in all_titles), f"growth.json: no shape titled {prefix!r}")
    rects = [r for r in root.iter(SVG + "rect") if (r.findtext(SVG + "title") or "").startswith("G")]
    check(len(rects) >= 20, f"growth.json: {len(rects)} G-run rectangles, expected 20 (P and M lanes)")
    check(untitled_shapes(root) == [], f"growth.json: shapes without a title: {untitled_shapes(root)[:3]}")

    status, stdout, _ = run(goro, "trace", "view", os.path.join(traces, "growth.json"))
    check(status == 0 and stdout == data, "growth.json: standard output differs from the -o file")


def check_tolerated(goro, traces):
    for name in ["tolerant.json", "escaping.json", "empty.json"]:
        status, stdout, stderr = run(goro, "trace", "view", os.path.join(traces, name))
        if not check(status == 0, f"{name}: status {status}, stderr {stderr!r}"):
            continue
        root = parse(stdout, name)
        if root is None:
            continue
        check(untitled_shapes(root) == [], f"{name}: shapes without a title: {untitled_shapes(root)[:3]}")
        if name == "escaping.json":
            check("P0 <main> & \"co\"" in texts(root), "escaping.json: the lane label did not survive escaping")
            check(any(t.startswith("stop-the-world (<test> & \"quotes\" ]]>)\n") for t in titles(root)),
                  "escaping.json: the stop-the-world title did not survive escaping")
        if name == "empty.json":
            check("no events to draw" in texts(root), "empty.json: no 'no events to draw'")


def check_errors(goro, traces, tmp):
    cases = [
        (["trace", "view", os.path.join(traces, "malformed.json")], "not JSON: "),
        (["trace", "view", os.path.join(traces, "not_a_trace.json")], "not a trace: "),
        (["trace", "view", os.path.join(traces, "no-such-file.json")], "no such file or directory"),
        (["trace"], "view"),
        (["trace", "view"], "FILE"),
        (["trace", "frobnicate"], "frobnicate"),
        (["trace", "view", os.path.join(traces, "growth.json"), "--width", "10"], "width"),
        (["trace", "view", os.path.join(traces, "growth.json"), "extra"], "extra"),
        (["--gomaxprocs", "2", "trace", "view", os.path.join(traces, "growth.json")], "no runtime flags"),
    ]
    for args, needle in cases:
        status, stdout, stderr = run(goro, *args)
        what = "goro " + " ".join(os.path.basename(a) for a in args)
        check(status == 2, f"{what}: status {status}, expected 2")
        check(needle in stderr, f"{what}: stderr {stderr!r} does not say {needle!r}")
        check(stdout == b"", f"{what}: printed {stdout[:80]!r}")
    out = os.path.join(tmp, "refused.svg")
    run(goro, "trace", "view", os.path.join(traces, "not_a_trace.json"), "-o", out)
    check(not os.path.exists(out), "a refused trace still wrote its -o file")
    status, stdout, stderr = run(goro, "trace", "view", os.path.join(traces, "growth.json"), "-o",
                                 os.path.join(tmp, "no-such-dir", "x.svg"))
    check(status == 2 and "create " in stderr, f"an unwritable -o: status {status}, stderr {stderr!r}")
    status, stdout, _ = run(goro, "help")
    check(status == 0 and b"goro trace view FILE [-o OUT.svg]" in stdout, "goro help does not show trace view")


def long_trace(path, events):
    """A trace of `events` events: goroutine runs on 8 Ps and their Ms,
    GOMAXPROCS changes, collections."""
    out = []
    t = [0.0] * 8
    for i in range(events // 2 - 400):
        p = i % 8
        run = {"ph": "X", "cat": "goroutine", "name": f"G{i % 200}", "ts": t[p], "dur": 6.5,
               "args": {"goid": i % 200, "m": p, "end": "preempted"}}
        out.append(dict(run, pid=1, tid=p))
        out.append(dict(run, pid=2, tid=p))
        t[p] += 9 if i % 300 else 250
    end = max(t)
    for k in range(200):
        ts = end * k / 200
        out.append({"ph": "X", "cat": "stw", "name": "stop-the-world (GC)", "pid": 3, "tid": 0, "ts": ts, "dur": 4})
        out.append({"ph": "i", "s": "g", "cat": "procresize", "name": "GOMAXPROCS 8 -> 8", "pid": 3, "tid": 1,
                    "ts": ts + 1, "args": {"from": 8, "to": 8}})
        out.append({"ph": "C", "name": "GOMAXPROCS", "pid": 3, "tid": 1, "ts": ts + 1, "args": {"procs": 8}})
        out.append({"ph": "i", "s": "g", "cat": "allp", "name": "new allp array", "pid": 3, "tid": 1,
                    "ts": ts + 1, "args": {"cap": 8, "len": 8, "serial": k}})
    with open(path, "w") as f:
        json.dump({"traceEvents": out, "displayTimeUnit": "ns"}, f)
    return len(out)


def check_long(goro, tmp):
    path = os.path.join(tmp, "long.json")
    n = long_trace(path, 100000)
    status, stdout, stderr = run(goro, "trace", "view", path)
    if not check(status == 0, f"long trace: status {status}, stderr {stderr!r}"):
        return
    check(len(stdout) < 1_000_000, f"long trace ({n} events): an SVG of {len(stdout)} bytes")
    root = parse(stdout, "long trace")
    if root is not None:
        shapes = sum(1 for _ in root.iter(SVG + "rect"))
        check(shapes < 18 * 1200, f"long trace: {shapes} rectangles")
        check(any("merged" in t for t in titles(root)), "long trace: nothing merged")
    print(f"long trace: {n} events, SVG {len(stdout)} bytes")


def check_recorded(goro, program, tmp):
    """A trace the recorder writes (goro run --trace) drawn: the lanes of
    the Ps and Ms that ran, the GOMAXPROCS change the program makes."""
    path = os.path.join(tmp, "recorded.json")
    status, _, stderr = run(goro, "run", "--trace", path, program)
    if not check(status == 0, f"goro run --trace {program}: status {status}, stderr {stderr!r}"):
        return
    status, stdout, stderr = run(goro, "trace", "view", path)
    if not check(status == 0, f"recorded trace: status {status}, stderr {stderr!r}"):
        return
    root = parse(stdout, "recorded trace")
    if root is None:
        return
    labels = texts(root)
    for label in ["P0", "M0", "world", "GOMAXPROCS", "GOMAXPROCS 2 -> 4"]:
        check(label in labels, f"recorded trace: no {label!r} in the picture")
    check(any(t.startswith("stop-the-world (") for t in titles(root)), "recorded trace: no stop-the-world")
    check(untitled_shapes(root) == [], f"recorded trace: shapes without a title: {untitled_shapes(root)[:3]}")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: trace_view_check.py GORO TRACES_DIR PROGRAM.goro")
    goro, traces, program = sys.argv[1], sys.argv[2], sys.argv[3]
    with tempfile.TemporaryDirectory() as tmp:
        check_growth(goro, traces, tmp)
        check_tolerated(goro, traces)
        check_errors(goro, traces, tmp)
        check_long(goro, tmp)
        check_recorded(goro, program, tmp)
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("trace view: ok")


if __name__ == "__main__":
    main()
