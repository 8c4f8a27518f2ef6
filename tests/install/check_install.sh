#!/usr/bin/env bash
# tests/install/check_install.sh BUILD_DIR SOURCE_DIR: installs the build
# into a temporary prefix and checks what `cmake --install` and
# `cpack -G DEB` promise (cmake/GoroInstall.cmake):
#   - the binaries, man pages and docs are where they should be;
#   - the installed goro runs a script and goro-stress prints its usage;
#   - each man page renders without a warning (groff, else man; neither:
#     that step is skipped and said so);
#   - with dpkg-deb and dpkg-shlibdeps present, cpack makes a .deb holding
#     usr/bin/goro and usr/share/man/man1/goro.1.gz whose Depends names
#     the shared libraries the binaries link (libmimalloc, libunwind...).
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }

for f in bin/goro bin/goro-stress share/man/man1/goro.1.gz share/man/man1/goro-stress.1.gz \
         share/doc/goro/README.md share/doc/goro/docs/language.md share/doc/goro/docs/design.md; do
  [ -s "$prefix/$f" ] || fail "$f not installed"
done
for f in bin/goro bin/goro-stress; do [ -x "$prefix/$f" ] || fail "$f not executable"; done
# Every doc in the tree is installed.
for d in "$src"/docs/*.md; do
  [ -f "$prefix/share/doc/goro/docs/$(basename "$d")" ] || fail "docs/$(basename "$d") not installed"
done

# The installed binaries run from anywhere: no path into the build tree.
cat > "$tmp/hello.goro" <<'GORO'
func main() {
    n := atomic.Int64()
    for i := 1; i <= 10; i++ { n.Add(i) }
    fmt.Println("installed goro:", n.Load(), strings.ToUpper(os.Args[0]))
}
GORO
out=$(cd "$tmp" && "$prefix/bin/goro" hello.goro ok)
[ "$out" = "installed goro: 55 OK" ] || fail "installed goro printed: $out"
"$prefix/bin/goro-stress" -help > "$tmp/stress-help.txt" 2>&1 || fail "goro-stress -help"
grep -q "goro-stress runs a command over and over" "$tmp/stress-help.txt" || fail "goro-stress -help: unexpected text"
if ldd "$prefix/bin/goro" | grep -q "$build"; then fail "goro links a library from the build tree"; fi

# The man pages render without warnings.
for page in goro goro-stress; do
  gz=$prefix/share/man/man1/$page.1.gz
  if command -v groff > /dev/null; then
    warnings=$(gzip -dc "$gz" | groff -man -Tutf8 -ww -z 2>&1)
  elif command -v man > /dev/null; then
    warnings=$(MANWIDTH=80 man --warnings -l "$gz" 2>&1 > /dev/null)
  else
    echo "skipped: neither groff nor man is installed to render $page.1"
    continue
  fi
  [ -z "$warnings" ] || fail "$page.1 renders with warnings: $warnings"
  gzip -dc "$gz" | grep -q "^\.SH NAME" || fail "$page.1 has no NAME section"
done

# The Debian package.
if ! command -v dpkg-deb > /dev/null || ! command -v dpkg-shlibdeps > /dev/null; then
  echo "skipped: no dpkg-deb/dpkg-shlibdeps to build the Debian package"
  exit 0
fi
(cd "$build" && cpack -G DEB -B "$tmp/package") > "$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; fail "cpack -G DEB"; }
deb=$(ls "$tmp"/package/*.deb)
dpkg-deb -c "$deb" > "$tmp/contents.txt"
for f in ./usr/bin/goro ./usr/bin/goro-stress ./usr/share/man/man1/goro.1.gz ./usr/share/man/man1/goro-stress.1.gz \
         ./usr/share/doc/goro/docs/language.md; do
  grep -q " $f\$" "$tmp/contents.txt" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libmimalloc libunwind libc6; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
echo "install ok; package $(basename "$deb"), Depends: $depends"
