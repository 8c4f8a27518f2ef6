#!/usr/bin/env python3
"""Heap dumps from the goro command (gc/heap_dump.h, docs/gc.md "Heap dumps").

    heap_dump_test.py json GORO EXAMPLE   the JSON form, parsed with Python's
                                          json, every field and every ref
                                          checked; bad paths give clear errors
    heap_dump_test.py dot GORO EXAMPLE    the DOT form, accepted by Graphviz's
                                          dot; exits 77 (CTest's skip) when
                                          dot is not installed

EXAMPLE is examples/heap_graph.goro. Each form is made both ways: by
runtime.HeapDump in a script and by GODEBUG=heapdump=PATH at a collection.
"""
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77
ROOT_CLASSES = {"globals", "allgs", "allm", "allp", "sched", "handles", "test"}
# A heap big enough to be drawn as a summary (kDotMaxObjects is 300).
BIG = 'big := []; for i := range 1000 { big = append(big, str(i)) }; '

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
    return bool(cond)


def run(goro, args, env=None, want_exit=0):
    full_env = dict(os.environ)
    full_env.pop("GODEBUG", None)
    full_env.update(env or {})
    p = subprocess.run([goro] + args, capture_output=True, text=True, env=full_env, timeout=120)
    check(p.returncode == want_exit,
          f"goro {args} exited {p.returncode}, want {want_exit}; stderr: {p.stderr.strip()}")
    return p


def dump_with_heapdump(goro, path, code):
    """runtime.HeapDump(path) at the end of code; what the script printed."""
    script = code + 'err := runtime.HeapDump(os.Args[0]); fmt.Println("err:", err)'
    return run(goro, ["-e", script, path]).stdout


def validate_json(path, what):
    """Parses a JSON dump and checks its schema; returns it (or None)."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        check(False, f"{what}: not JSON: {e}")
        return None
    ok = check(doc.get("format") == "goro-heap-graph" and doc.get("version") == 1,
               f"{what}: format/version {doc.get('format')!r} {doc.get('version')!r}")
    ok &= check(isinstance(doc.get("cycle"), int) and doc["cycle"] >= 0, f"{what}: cycle")
    objects, roots = doc.get("objects"), doc.get("roots")
    if not check(isinstance(objects, list) and isinstance(roots, list), f"{what}: objects and roots lists"):
        return None
    n = len(objects)
    for i, o in enumerate(objects):
        fields = {"id", "address", "kind", "bytes", "offHeap", "label", "refs"}
        if not check(isinstance(o, dict) and set(o) == fields, f"{what}: object {i} fields {o}"):
            return None
        ok &= check(o["id"] == i, f"{what}: object {i} has id {o['id']}")
        ok &= check(isinstance(o["address"], str) and o["address"].startswith("0x")
                    and int(o["address"], 16) > 0, f"{what}: object {i} address {o['address']!r}")
        ok &= check(isinstance(o["kind"], str) and o["kind"], f"{what}: object {i} kind")
        ok &= check(isinstance(o["bytes"], int) and o["bytes"] >= 8, f"{what}: object {i} bytes {o['bytes']}")
        ok &= check(isinstance(o["offHeap"], bool), f"{what}: object {i} offHeap")
        ok &= check(isinstance(o["label"], str), f"{what}: object {i} label")
        refs = o["refs"]
        ok &= check(isinstance(refs, list) and all(isinstance(r, int) and 0 <= r < n for r in refs),
                    f"{what}: object {i} refs {refs} name objects that do not exist")
        ok &= check(len(set(refs)) == len(refs), f"{what}: object {i} repeats a ref")
    for j, r in enumerate(roots):
        if not check(isinstance(r, dict) and set(r) == {"class", "slot", "object", "table"},
                     f"{what}: root {j} fields {r}"):
            return None
        ok &= check(r["class"] in ROOT_CLASSES, f"{what}: root {j} class {r['class']!r}")
        ok &= check(isinstance(r["slot"], str) and r["slot"], f"{what}: root {j} slot")
        ok &= check(isinstance(r["object"], int) and 0 <= r["object"] < n, f"{what}: root {j} object")
        ok &= check(isinstance(r["table"], bool), f"{what}: root {j} table")
    if not ok:
        return None
    # Every object is there because a root reaches it.
    seen, work = set(), [r["object"] for r in roots]
    while work:
        i = work.pop()
        if i not in seen:
            seen.add(i)
            work.extend(objects[i]["refs"])
    check(len(seen) == n, f"{what}: {n - len(seen)} objects not reachable from any root")
    # The summary agrees with the objects.
    s = doc.get("summary", {})
    check(s.get("objects") == n and s.get("bytes") == sum(o["bytes"] for o in objects),
          f"{what}: summary totals {s.get('objects')} {s.get('bytes')}")
    by_kind = {}
    for o in objects:
        count, size = by_kind.get(o["kind"], (0, 0))
        by_kind[o["kind"]] = (count + 1, size + o["bytes"])
    check({k["kind"]: (k["objects"], k["bytes"]) for k in s.get("kinds", [])} == by_kind,
          f"{what}: summary kinds")
    edges = sum(len(o["refs"]) for o in objects)
    check(sum(e["references"] for e in s.get("edges", [])) == edges, f"{what}: summary edges")
    check(sum(c["slots"] for c in s.get("classes", [])) == len(roots), f"{what}: summary classes")
    return doc


def check_example_heap(doc, what):
    """The example's heap: its globals by name, the goroutine's local array."""
    objects = doc["objects"]
    slots = {r["slot"]: objects[r["object"]] for r in doc["roots"]}
    for name, kind in [("globals: inventory", "map"), ("globals: greeting", "string"), ("globals: jobs", "chan")]:
        check(name in slots and slots[name]["kind"] == kind,
              f"{what}: slot {name!r} holds a {kind}: {slots.get(name)}")
    # The goroutine's state is a table of named slots in reports (gc/roots.h):
    # its local is a root slot of its own, named by frame and variable.
    held = [o for name, o in slots.items()
            if re.fullmatch(r'allgs: goroutine \d+ frame main\.worker local "batch"', name)]
    check(len(held) == 1 and held[0]["kind"] == "array" and held[0]["label"] == "len=3",
          f"{what}: no slot names the worker's local \"batch\" holding its 3-element array: {held}")


def test_json(goro, example, tmp):
    out = os.path.join(tmp, "example.json")
    run(goro, [example, out])
    doc = validate_json(out, "runtime.HeapDump (example)")
    if doc:
        check_example_heap(doc, "runtime.HeapDump (example)")

    out = os.path.join(tmp, "cycle.json")
    run(goro, [example, os.path.join(tmp, "unused.json")], env={"GODEBUG": f"heapdump={out}"})
    doc = validate_json(out, "GODEBUG=heapdump (example)")
    if doc:
        check(doc["cycle"] >= 1, f"GODEBUG=heapdump: cycle {doc['cycle']}")

    out = os.path.join(tmp, "big.json")
    printed = dump_with_heapdump(goro, out, BIG)
    check(printed == "err: <nil>\n", f"big heap: printed {printed!r}")
    doc = validate_json(out, "big heap")
    if doc:
        strings = [o for o in doc["objects"] if o["kind"] == "string"]
        check(len(strings) >= 1000, f"big heap: {len(strings)} strings, want the 1000 made")

    # Bad paths: the error as a value, Go's *PathError wording.
    printed = dump_with_heapdump(goro, tmp, "")
    check(printed == f"err: open {tmp}: is a directory\n", f"directory: printed {printed!r}")
    missing = os.path.join(tmp, "no-such-dir", "heap.dot")
    printed = dump_with_heapdump(goro, missing, "")
    check(printed == f"err: open {missing}: no such file or directory\n", f"missing dir: printed {printed!r}")
    not_a_dir = os.path.join(tmp, "example.json", "heap.dot")  # under a file
    printed = dump_with_heapdump(goro, not_a_dir, "")
    check(printed == f"err: open {not_a_dir}: not a directory\n", f"under a file: printed {printed!r}")
    # Unwritable: a directory without write permission, or for root, who
    # may write in any directory, a sysfs file that nobody may write.
    if os.geteuid() != 0:
        locked = os.path.join(tmp, "locked")
        os.mkdir(locked, 0o500)
        unwritable = os.path.join(locked, "heap.json")
    else:
        unwritable = "/sys/kernel/notes" if os.path.exists("/sys/kernel/notes") else None
    if unwritable is None:
        print("note: no unwritable path to try as root (no /sys/kernel/notes)")
    else:
        printed = dump_with_heapdump(goro, unwritable, "")
        check(printed in (f"err: open {unwritable}: permission denied\n",
                          f"err: open {unwritable}: read-only file system\n"),
              f"unwritable: printed {printed!r}")
    p = run(goro, ["-e", "runtime.HeapDump(5)"], want_exit=2)
    check("cannot use int as string value in argument to runtime.HeapDump" in p.stderr,
          f"wrong argument: stderr {p.stderr!r}")

    # GODEBUG=heapdump to a bad path: one clear line on stderr, however many
    # collections, and the program runs on.
    p = run(goro, ["-e", 'runtime.GC(); runtime.GC(); runtime.GC(); fmt.Println("still here")'],
            env={"GODEBUG": f"heapdump={tmp}"})
    check(p.stdout == "still here\n", f"GODEBUG bad path: stdout {p.stdout!r}")
    check(p.stderr == f"goro: GODEBUG heapdump: open {tmp}: is a directory\n",
          f"GODEBUG bad path: stderr {p.stderr!r}")


def dot_accepts(dot, path, what):
    p = subprocess.run([dot, "-Tsvg", path], capture_output=True, text=True, timeout=300)
    check(p.returncode == 0 and "<svg" in p.stdout, f"{what}: dot -Tsvg failed: {p.stderr.strip()}")
    check(p.stderr == "", f"{what}: dot warned: {p.stderr.strip()}")


def test_dot(goro, example, tmp):
    dot = shutil.which("dot")
    if dot is None:
        print("SKIP: Graphviz's dot is not installed (Debian package graphviz, scripts/install-deps.sh)")
        sys.exit(SKIP)
    out = os.path.join(tmp, "example.dot")
    run(goro, [example, out])
    with open(out, encoding="utf-8") as f:
        text = f.read()
    check("subgraph cluster_globals {" in text and '"globals: inventory"' in text,
          "example: no globals cluster with its slots")
    check("summarized" not in text, "example: summarized, but it is small")
    dot_accepts(dot, out, "runtime.HeapDump (example)")

    out = os.path.join(tmp, "cycle.dot")
    run(goro, [example, os.path.join(tmp, "unused.dot")], env={"GODEBUG": f"heapdump={out}"})
    dot_accepts(dot, out, "GODEBUG=heapdump (example)")

    out = os.path.join(tmp, "big.dot")
    dump_with_heapdump(goro, out, BIG)
    with open(out, encoding="utf-8") as f:
        check("summarized by kind" in f.read(), "big heap: DOT not summarized")
    dot_accepts(dot, out, "big heap")


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("json", "dot"):
        print(__doc__)
        return 2
    mode, goro, example = sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        try:
            (test_json if mode == "json" else test_dot)(goro, os.path.abspath(example), tmp)
        finally:
            locked = os.path.join(tmp, "locked")
            if os.path.isdir(locked):
                os.chmod(locked, 0o700)
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print(f"heap dumps ({mode}): ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
