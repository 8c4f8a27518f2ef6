#!/usr/bin/env python3
"""Runs the commands a document shows and checks their output against it.

A walkthrough such as docs/study-74414.md pastes real output under each
command. This test runs every command again and checks that the pasted
output still comes out, so the document cannot go stale.

The document marks each checked block with an HTML comment (invisible when
rendered) right before a ```console fence:

    <!-- doc-test: status=2 check=ordered -->
    ```console
    $ goro-stress scenario allp-race -mode stack
    allp-race: allpsnapshot=stack, clobberfree=1, GOMAXPROCS=2
    ...
    ```

- `$ ` starts a command (a trailing backslash continues it on the next
  line); the lines up to the next command are its output, standard error
  and standard output together, as a terminal shows them.
- status=N: the exit status every command of the block must end with (0).
- check=ordered (the default): after masking, the pasted lines must appear
  in the real output in the same order, others may come between them.
  check=present: each pasted line must appear somewhere. check=status:
  only the status is checked (output that differs from run to run).
- tries=N: output that depends on how threads were scheduled (which Ms
  happened to be asleep holding a snapshot) may come out otherwise on a
  loaded machine; the command is run up to N times (1) and passes if one
  run matches. The status must match in that same run.
- A pasted line `...` stands for lines left out; it is not matched.
- Masking, on both sides: hexadecimal numbers become 0x?, runs of decimal
  digits (with a fraction) become #, runs of spaces become one.
- Every ```console block must carry a doc-test comment, so none is
  skipped by accident; `<!-- doc-test: skip -->` says one is shown only.

Commands run with bash in the repository's root, with the build's goro and
goro-stress first on PATH, each with a time limit.

usage: check_doc_commands.py DOC.md REPO_ROOT BIN_DIR [BIN_DIR...]
"""
import os
import re
import subprocess
import sys

TIME_LIMIT_S = 180
COMMENT = re.compile(r"^<!--\s*doc-test:(.*?)-->\s*$")


def mask(line):
    line = re.sub(r"0x[0-9a-fA-F]+", "0x?", line)
    line = re.sub(r"\d+(\.\d+)?", "#", line)
    return re.sub(r"\s+", " ", line).strip()


def parse_blocks(text):
    """Yields (line number, options, [(command, [pasted output lines])])."""
    lines = text.split("\n")
    i = 0
    pending = None  # options of the last doc-test comment, and its line
    while i < len(lines):
        m = COMMENT.match(lines[i])
        if m:
            opts = {}
            for word in m.group(1).split():
                key, _, value = word.partition("=")
                opts[key] = value
            pending = (opts, i + 1)
            i += 1
            continue
        if lines[i].strip() == "```console":
            start = i + 1
            if pending is None or pending[1] < start - 2:
                raise SystemExit(f"line {start}: a console block without a doc-test comment before it")
            opts = pending[0]
            pending = None
            i += 1
            commands = []
            while i < len(lines) and lines[i].strip() != "```":
                if lines[i].startswith("$ "):
                    cmd = lines[i][2:]
                    while cmd.endswith("\\") and i + 1 < len(lines):
                        i += 1
                        cmd = cmd[:-1] + "\n" + lines[i]
                    commands.append((cmd, []))
                elif commands:
                    commands[-1][1].append(lines[i])
                i += 1
            yield start, opts, commands
        i += 1


def check_output(pasted, real, how):
    want = [mask(line) for line in pasted if line.strip() not in ("", "...")]
    got = [mask(line) for line in real.split("\n")]
    if how == "present":
        return [w for w in want if w not in got]
    missing, at = [], 0
    for w in want:
        try:
            at = got.index(w, at) + 1
        except ValueError:
            missing.append(w)
    return missing


def run(cmd, root, env):
    """The command's output (stderr and stdout together) and exit status."""
    try:
        r = subprocess.run(["bash", "-c", cmd], cwd=root, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=TIME_LIMIT_S)
        return r.stdout.decode("utf-8", "replace"), r.returncode
    except subprocess.TimeoutExpired:
        return "", "timed out"


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().split("\n")[-1], file=sys.stderr)
        return 2
    doc, root, bins = sys.argv[1], sys.argv[2], sys.argv[3:]
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join(bins + [env.get("PATH", "")])
    with open(doc, encoding="utf-8") as f:
        blocks = list(parse_blocks(f.read()))
    failures = ran = 0
    for line, opts, commands in blocks:
        if "skip" in opts:
            continue
        how = opts.get("check", "ordered")
        status = int(opts.get("status", "0"))
        tries = int(opts.get("tries", "1"))
        for cmd, pasted in commands:
            ran += 1
            for attempt in range(tries):
                out, code = run(cmd, root, env)
                problems = []
                if code != status:
                    problems.append(f"exit status {code}, the document says {status}")
                if how != "status":
                    problems += [f"missing: {m}" for m in check_output(pasted, out, how)]
                if not problems:
                    break
            if problems:
                failures += 1
                print(f"FAIL {doc}:{line}: $ {cmd}")
                for p in problems:
                    print(f"    {p}")
                print("  real output:\n" + "\n".join("    " + l for l in out.rstrip().split("\n")))
            else:
                print(f"ok   {doc}:{line}: $ {cmd.splitlines()[0]}")
    if ran == 0:
        print(f"{doc}: no commands found")
        return 1
    print(f"{ran - failures} of {ran} commands as documented")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
