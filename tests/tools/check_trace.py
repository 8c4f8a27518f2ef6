#!/usr/bin/env python3
"""Checks an execution trace written by `goro run --trace` (docs/trace.md).

    check_trace.py TRACE.json [--expect KIND ...] [--min-ps N]

Parses the file with Python's json module (so it must be complete, valid
JSON) and checks:
  - the top level: traceEvents (a list), displayTimeUnit "ns", otherData with
    "goro" (a string) and "gomaxprocs" (an int >= 1);
  - every event's required fields and their types, by ph (X, i, C, M), and
    that it sits on one of the documented tracks (pid 1 Ps, pid 2 Ms,
    pid 3 runtime with tid 0 world and tid 1 GOMAXPROCS);
  - the names, categories and arguments of the recorder's vocabulary
    (runtime/trace_events.h): G runs, stop-the-world, GC phases,
    procresize, allp arrays, parked Ms, the P-less tail, goroutine instants;
  - that the X slices on one P track or one M track never overlap (they are
    not allowed to nest either), and that on the world track they only nest
    strictly: a GC phase lies inside its stop-the-world, and two
    stop-the-world slices never overlap;
  - that each P-less tail's snapshot is the serial of an allp array the
    trace recorded being made;
  - with --expect, that at least one event of each named kind is present
    (kinds: run, stw, mark, sweep, procresize, counter, allp, parked, tail,
    go, block, ready, metadata).
Times are compared in whole nanoseconds (the recorder writes microseconds
with three decimals), so no float rounding can fake an overlap.
Exit status 0 if all holds, else 1 with one line per problem (at most 20).
"""

import argparse
import json
import re
import sys

PS, MS, RUNTIME = 1, 2, 3
WORLD, GOMAXPROCS = 0, 1
RUN_ENDS = {"block", "yield", "preempt", "exit", "syscall", "stw"}
PARK_WHYS = {"stopm", "exitsyscall", "timers"}
SNAPSHOT_MODES = {"m", "stack", "persistent"}
KINDS = ["run", "stw", "mark", "sweep", "procresize", "counter", "allp", "parked", "tail",
         "go", "block", "ready", "metadata"]


class Checker:
    def __init__(self):
        self.problems = []
        self.kinds = {k: 0 for k in KINDS}

    def fail(self, where, msg):
        self.problems.append(f"{where}: {msg}")

    def need(self, ev, where, field, kind):
        """ev[field] exists and has the type kind ('int', 'num', 'str', 'dict')."""
        if field not in ev:
            self.fail(where, f"missing {field!r}")
            return False
        v = ev[field]
        ok = {
            "int": isinstance(v, int) and not isinstance(v, bool),
            "num": isinstance(v, (int, float)) and not isinstance(v, bool),
            "str": isinstance(v, str),
            "dict": isinstance(v, dict),
            "bool": isinstance(v, bool),
        }[kind]
        if not ok:
            self.fail(where, f"{field!r} is {v!r}, not a {kind}")
        return ok

    def need_args(self, ev, where, fields):
        if not self.need(ev, where, "args", "dict"):
            return None
        args = ev["args"]
        for name, kind in fields.items():
            self.need(args, where + " args", name, kind)
        return args

    # ---- per ph ----

    def check_x(self, ev, where):
        for f, k in (("name", "str"), ("cat", "str"), ("pid", "int"), ("tid", "int"), ("ts", "num"),
                     ("dur", "num")):
            if not self.need(ev, where, f, k):
                return
        if ev["ts"] < 0 or ev["dur"] < 0:
            self.fail(where, "negative ts or dur")
        cat, name, pid, tid = ev["cat"], ev["name"], ev["pid"], ev["tid"]
        if cat == "goroutine":
            self.kinds["run"] += 1
            if pid not in (PS, MS):
                self.fail(where, "a G's run off the P and M tracks")
            args = self.need_args(ev, where, {"goid": "int", "m": "int", "end": "str"})
            if args is not None:
                if name != f"G{args.get('goid')}":
                    self.fail(where, f"run named {name!r} for goid {args.get('goid')}")
                if args.get("end") not in RUN_ENDS:
                    self.fail(where, f"unknown end {args.get('end')!r}")
                if pid == MS and args.get("m") != tid:
                    self.fail(where, "run on M track of another M")
                if pid == MS:
                    self.need(args, where + " args", "p", "int")
        elif cat == "stw":
            self.kinds["stw"] += 1
            if (pid, tid) != (RUNTIME, WORLD) or not re.fullmatch(r"stop-the-world \(.+\)", name):
                self.fail(where, "stop-the-world off the world track or misnamed")
        elif cat == "gc":
            if name not in ("mark", "sweep", "roots"):
                self.fail(where, f"unknown GC phase {name!r}")
            else:
                self.kinds[name] = self.kinds.get(name, 0) + 1
            if (pid, tid) != (RUNTIME, WORLD):
                self.fail(where, "GC phase off the world track")
        elif cat == "m":
            self.kinds["parked"] += 1
            if pid != MS or name != "parked":
                self.fail(where, "an M's sleep must be 'parked' on an M track")
            args = self.need_args(ev, where, {"why": "str"})
            if args is not None and args.get("why") not in PARK_WHYS:
                self.fail(where, f"unknown park reason {args.get('why')!r}")
        elif cat == "findrunnable":
            self.kinds["tail"] += 1
            if pid != MS or name != "P-less tail":
                self.fail(where, "the P-less tail must be on an M track")
            args = self.need_args(ev, where, {"snapshot": "int", "mode": "str"})
            if args is not None and args.get("mode") not in SNAPSHOT_MODES:
                self.fail(where, f"unknown allpsnapshot mode {args.get('mode')!r}")
        else:
            self.fail(where, f"unknown slice category {cat!r}")

    def check_i(self, ev, where):
        for f, k in (("name", "str"), ("cat", "str"), ("pid", "int"), ("tid", "int"), ("ts", "num"),
                     ("s", "str")):
            if not self.need(ev, where, f, k):
                return
        cat, name = ev["cat"], ev["name"]
        if cat == "procresize":
            self.kinds["procresize"] += 1
            args = self.need_args(ev, where, {"from": "int", "to": "int"})
            if args is not None and name != f"GOMAXPROCS {args.get('from')} -> {args.get('to')}":
                self.fail(where, f"procresize named {name!r}")
            if ev["s"] != "g":
                self.fail(where, "procresize must be a global instant")
        elif cat == "allp":
            self.kinds["allp"] += 1
            args = self.need_args(ev, where, {"cap": "int", "len": "int", "serial": "int"})
            if name != "new allp array" or ev["s"] != "g":
                self.fail(where, "allp instant misnamed or not global")
            if args is not None and isinstance(args.get("cap"), int) and isinstance(args.get("len"), int) \
                    and args["len"] > args["cap"]:
                self.fail(where, "allp array longer than its capacity")
        elif cat == "goroutine":
            if ev["s"] != "t":
                self.fail(where, "goroutine instants are thread-scoped")
            m = re.fullmatch(r"(go|block|ready) G(\d+)(: (.*))?", name)
            if m is None:
                self.fail(where, f"goroutine instant named {name!r}")
                return
            kind = m.group(1)
            self.kinds[kind] += 1
            fields = {"goid": "int"}
            if kind == "go":
                fields["parent"] = "int"
            if kind == "block":
                fields["reason"] = "str"
            args = self.need_args(ev, where, fields)
            if args is None:
                return
            if str(args.get("goid")) != m.group(2):
                self.fail(where, "goid in the name and in args differ")
            if kind == "block" and (m.group(4) is None or m.group(4) != args.get("reason")):
                self.fail(where, "a block instant names its wait reason")
        else:
            self.fail(where, f"unknown instant category {cat!r}")

    def check_c(self, ev, where):
        for f, k in (("name", "str"), ("pid", "int"), ("ts", "num")):
            if not self.need(ev, where, f, k):
                return
        self.kinds["counter"] += 1
        if ev["name"] != "GOMAXPROCS" or ev["pid"] != RUNTIME:
            self.fail(where, "unknown counter")
        args = self.need_args(ev, where, {"procs": "int"})
        if args is not None and isinstance(args.get("procs"), int) and args["procs"] < 1:
            self.fail(where, "GOMAXPROCS below 1")

    def check_m(self, ev, where):
        for f, k in (("name", "str"), ("pid", "int")):
            if not self.need(ev, where, f, k):
                return
        self.kinds["metadata"] += 1
        if ev["name"] in ("process_name", "thread_name"):
            self.need_args(ev, where, {"name": "str"})
            if ev["name"] == "thread_name":
                self.need(ev, where, "tid", "int")
        elif ev["name"] in ("process_sort_index", "thread_sort_index"):
            self.need_args(ev, where, {"sort_index": "int"})
        else:
            self.fail(where, f"unknown metadata {ev['name']!r}")

    # ---- tracks ----

    def check_track_names(self, events):
        want = {(PS, None): "Ps", (MS, None): "Ms", (RUNTIME, None): "runtime",
                (RUNTIME, WORLD): "world", (RUNTIME, GOMAXPROCS): "GOMAXPROCS"}
        names = {}
        for ev in events:
            if ev.get("ph") != "M" or not isinstance(ev.get("args"), dict):
                continue
            if ev.get("name") == "process_name":
                names[(ev.get("pid"), None)] = ev["args"].get("name")
            elif ev.get("name") == "thread_name":
                names[(ev.get("pid"), ev.get("tid"))] = ev["args"].get("name")
        for key, name in want.items():
            if names.get(key) != name:
                self.fail("metadata", f"track {key} should be named {name!r}, is {names.get(key)!r}")
        used = {(ev["pid"], ev["tid"]) for ev in events
                if ev.get("ph") in ("X", "i") and ev.get("pid") in (PS, MS) and isinstance(ev.get("tid"), int)}
        for pid, tid in sorted(used):
            want_name = ("P" if pid == PS else "M") + str(tid)
            if names.get((pid, tid)) != want_name:
                self.fail("metadata", f"track ({pid}, {tid}) should be named {want_name!r}")

    def check_snapshots(self, events):
        """Each P-less tail scans an allp array the trace saw being made."""
        serials = {ev["args"].get("serial") for ev in events
                   if ev.get("cat") == "allp" and isinstance(ev.get("args"), dict)}
        for ev in events:
            if ev.get("cat") == "findrunnable" and isinstance(ev.get("args"), dict):
                if ev["args"].get("snapshot") not in serials:
                    self.fail("P-less tail", f"snapshot {ev['args'].get('snapshot')!r} is no allp array's serial")

    def check_overlaps(self, events):
        tracks = {}
        for ev in events:
            if ev.get("ph") != "X" or not all(isinstance(ev.get(f), (int, float)) for f in ("ts", "dur")):
                continue
            start = round(ev["ts"] * 1000)
            tracks.setdefault((ev.get("pid"), ev.get("tid")), []).append((start, start + round(ev["dur"] * 1000), ev))
        for (pid, tid), slices in tracks.items():
            # Longer first at equal starts, so a parent precedes its children.
            slices.sort(key=lambda s: (s[0], -s[1]))
            if (pid, tid) == (RUNTIME, WORLD):
                self.check_nesting(slices)
                continue
            for (s0, e0, a), (s1, e1, b) in zip(slices, slices[1:]):
                if s1 < e0:
                    self.fail(f"track ({pid}, {tid})",
                              f"{a['name']} [{s0}, {e0}) ns overlaps {b['name']} [{s1}, {e1}) ns")

    def check_nesting(self, slices):
        """World track: stop-the-world slices are disjoint, GC phases lie
        inside one and are disjoint from each other."""
        stws = [s for s in slices if s[2].get("cat") == "stw"]
        phases = [s for s in slices if s[2].get("cat") == "gc"]
        for group in (stws, phases):
            for (s0, e0, a), (s1, e1, b) in zip(group, group[1:]):
                if s1 < e0:
                    self.fail("world track", f"{a['name']} overlaps {b['name']} at {s1} ns")
        for s, e, ev in phases:
            if not any(ps <= s and e <= pe for ps, pe, _ in stws):
                self.fail("world track", f"{ev['name']} at [{s}, {e}) ns is not inside a stop-the-world")

    def run(self, doc, expect, min_ps):
        if not isinstance(doc, dict):
            self.fail("top", "not a JSON object")
            return
        if not isinstance(doc.get("traceEvents"), list):
            self.fail("top", "traceEvents is not a list")
            return
        if doc.get("displayTimeUnit") != "ns":
            self.fail("top", "displayTimeUnit is not 'ns'")
        other = doc.get("otherData")
        if not isinstance(other, dict):
            self.fail("top", "no otherData")
        else:
            self.need(other, "otherData", "goro", "str")
            if self.need(other, "otherData", "gomaxprocs", "int") and other["gomaxprocs"] < 1:
                self.fail("otherData", "gomaxprocs below 1")
        events = doc["traceEvents"]
        for i, ev in enumerate(events):
            where = f"event {i}"
            if not isinstance(ev, dict) or not isinstance(ev.get("ph"), str):
                self.fail(where, "not an object with a ph")
                continue
            check = {"X": self.check_x, "i": self.check_i, "C": self.check_c, "M": self.check_m}.get(ev["ph"])
            if check is None:
                self.fail(where, f"unexpected ph {ev['ph']!r}")
                continue
            check(ev, where)
            if ev["ph"] in ("X", "i") and "pid" in ev and ev["pid"] not in (PS, MS, RUNTIME):
                self.fail(where, f"unknown pid {ev['pid']!r}")
        self.check_snapshots(events)
        self.check_track_names(events)
        self.check_overlaps(events)
        for kind in expect:
            if self.kinds.get(kind, 0) == 0:
                self.fail("expect", f"no {kind} events")
        ps = {ev.get("tid") for ev in events if ev.get("ph") == "X" and ev.get("pid") == PS}
        if len(ps) < min_ps:
            self.fail("expect", f"runs on {len(ps)} Ps, expected at least {min_ps}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("trace")
    ap.add_argument("--expect", nargs="*", default=[], choices=KINDS)
    ap.add_argument("--min-ps", type=int, default=0)
    opts = ap.parse_args()
    try:
        with open(opts.trace, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{opts.trace}: {e}")
        return 1
    c = Checker()
    c.run(doc, opts.expect, opts.min_ps)
    for p in c.problems[:20]:
        print(f"{opts.trace}: {p}")
    if len(c.problems) > 20:
        print(f"{opts.trace}: ... and {len(c.problems) - 20} more")
    summary = ", ".join(f"{k}={v}" for k, v in c.kinds.items())
    print(f"{opts.trace}: {len(doc['traceEvents']) if isinstance(doc, dict) and isinstance(doc.get('traceEvents'), list) else 0} events ({summary}): {'FAIL' if c.problems else 'ok'}")
    return 1 if c.problems else 0


if __name__ == "__main__":
    sys.exit(main())
