#!/usr/bin/env python3
"""`goro trace view`'s picture rendered by a real browser.

    trace_screenshot_test.py GORO TRACE.json

Draws TRACE.json as SVG, has headless Chromium (Debian's `chromium`) take
a screenshot of it, and checks that the screenshot is not blank: enough
pixels that are not white, enough distinct colours, and the palette
colours of the trace's goroutines and of stop-the-world among them. The
PNG is decoded here with zlib (no imaging library needed).

Exits 77, which CTest counts as skipped (SKIP_RETURN_CODE), with a message
when Chromium is not installed; scripts/install-deps.sh installs it. Chromium
is given 120 seconds and killed after, so it cannot hang a CI run.
"""
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
WIDTH, HEIGHT = 1200, 600
CHROMIUM_TIMEOUT = 120

# Colours the picture of tests/tools/traces/growth.json must show, from
# lang/cmd/trace_svg.cpp: goroutineColour(1), (5), (7) and the
# stop-the-world bar.
EXPECTED = {"G1": (0xf2, 0x8e, 0x2b), "G5": (0x9c, 0x75, 0x5f), "G7": (0xa0, 0xcb, 0xe8),
            "stop-the-world": (0xf4, 0xa3, 0xa3)}


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot(chromium, svg_path, png_path, profile):
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run", "--disable-dev-shm-usage", f"--user-data-dir={profile}",
            f"--screenshot={png_path}", f"--window-size={WIDTH},{HEIGHT}", "file://" + svg_path]
    env = dict(os.environ, HOME=profile)
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        out, err = p.communicate(timeout=CHROMIUM_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)  # Chromium's own group, which it started in
        p.communicate()
        sys.exit(f"FAIL: chromium did not finish in {CHROMIUM_TIMEOUT} s")
    return p.returncode, (out + err).decode("utf-8", "replace")


def read_png(path):
    """The PNG's width, height and rows of (r, g, b) tuples (8-bit RGB or RGBA)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"FAIL: {path} is not a PNG")
    pos, idat = 8, b""
    width = height = depth = colour_type = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour_type not in (2, 6) or interlace != 0:
                sys.exit(f"FAIL: PNG of depth {depth}, colour type {colour_type}, interlace {interlace}: not read here")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        filt, cur = line[0], bytearray(line[1:])
        for i in range(stride):
            a = cur[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if filt == 1:
                cur[i] = (cur[i] + a) & 0xFF
            elif filt == 2:
                cur[i] = (cur[i] + b) & 0xFF
            elif filt == 3:
                cur[i] = (cur[i] + (a + b) // 2) & 0xFF
            elif filt == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[i] = (cur[i] + pred) & 0xFF
        rows.append([tuple(cur[x * channels:x * channels + 3]) for x in range(width)])
        prev = cur
    return width, height, rows


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: trace_screenshot_test.py GORO TRACE.json")
    goro, trace = sys.argv[1], sys.argv[2]
    chromium = find_chromium()
    if chromium is None:
        print("SKIP: Chromium is not installed (Debian: apt-get install chromium; scripts/install-deps.sh does)")
        sys.exit(SKIP)
    with tempfile.TemporaryDirectory() as tmp:
        svg = os.path.join(tmp, "trace.svg")
        png = os.path.join(tmp, "trace.png")
        p = subprocess.run([goro, "trace", "view", trace, "-o", svg], capture_output=True, timeout=60)
        if p.returncode != 0:
            sys.exit(f"FAIL: goro trace view: status {p.returncode}: {p.stderr.decode()}")
        status, log = screenshot(chromium, svg, png, os.path.join(tmp, "profile"))
        if status != 0 or not os.path.exists(png):
            sys.exit(f"FAIL: chromium: status {status}, no screenshot:\n{log[-2000:]}")
        width, height, rows = read_png(png)
    pixels = [px for row in rows for px in row]
    non_white = sum(1 for px in pixels if px != (255, 255, 255))
    colours = set(pixels)
    share = non_white / len(pixels)
    print(f"screenshot {width}x{height}: {share:.1%} not white, {len(colours)} distinct colours")
    failures = []
    if (width, height) != (WIDTH, HEIGHT):
        failures.append(f"the screenshot is {width}x{height}, not {WIDTH}x{HEIGHT}")
    if share < 0.05:
        failures.append(f"only {share:.1%} of the pixels are not white")
    if len(colours) < 16:
        failures.append(f"only {len(colours)} distinct colours")
    for what, rgb in EXPECTED.items():
        near = sum(1 for px in colours if all(abs(px[k] - rgb[k]) <= 3 for k in range(3)))
        if near == 0:
            failures.append(f"no pixel of {what}'s colour #{bytes(rgb).hex()}")
    for f in failures:
        print("FAIL:", f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
