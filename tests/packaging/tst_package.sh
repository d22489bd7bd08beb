#!/usr/bin/env bash
# tst_package.sh <build dir> <version>: builds the .deb, checks its control fields and file list,
# validates the desktop entry and AppStream metainfo it installs, unpacks it into a throwaway root
# and runs the installed programs; also checks `cmake --install` to a staging prefix.
set -euo pipefail
build=$1 version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
checks=0
ok() { checks=$((checks + 1)); echo "ok - $*"; }

expected_files=(
    ./usr/bin/loom
    ./usr/bin/loom-cli
    ./usr/share/applications/io.github.loom.Loom.desktop
    ./usr/share/metainfo/io.github.loom.Loom.metainfo.xml
    ./usr/share/icons/hicolor/16x16/apps/io.github.loom.Loom.png
    ./usr/share/icons/hicolor/32x32/apps/io.github.loom.Loom.png
    ./usr/share/icons/hicolor/48x48/apps/io.github.loom.Loom.png
    ./usr/share/icons/hicolor/64x64/apps/io.github.loom.Loom.png
    ./usr/share/icons/hicolor/128x128/apps/io.github.loom.Loom.png
    ./usr/share/icons/hicolor/256x256/apps/io.github.loom.Loom.png
    ./usr/share/icons/hicolor/scalable/apps/io.github.loom.Loom.svg
    ./usr/share/man/man1/loom.1.gz
    ./usr/share/man/man1/loom-cli.1.gz
)

# 1. The package.
(cd "$build" && cpack -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/cpack/loom_*.deb)
[ -f "$deb" ] || fail "no .deb produced"
ok "cpack built $(basename "$deb")"

# 2. Control fields.
control=$(dpkg-deb -f "$deb")
grep -qx "Package: loom" <<<"$control" || fail "Package field: $control"
grep -qx "Version: $version" <<<"$control" || fail "Version field"
grep -qx "Architecture: $(dpkg --print-architecture)" <<<"$control" || fail "Architecture field"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6core6 libqt6widgets6 libqt6gui6 'libgrpc++1.51' libprotobuf32 qt6-qpa-plugins libc6; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
ok "control fields (Depends: $depends)"

# 3. Exactly the expected files (directories aside; the copyright file is Debian's convention).
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sort >"$work/files"
printf '%s\n' "${expected_files[@]}" | sort >"$work/expected"
diff -u "$work/expected" "$work/files" || fail "file list differs"
ok "file list (${#expected_files[@]} files)"

# 4. Unpacked into a throwaway root: validators and the installed programs.
dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/io.github.loom.Loom.desktop" || fail "desktop-file-validate"
ok "desktop-file-validate"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.loom.Loom.metainfo.xml" || fail "appstreamcli validate"
ok "appstreamcli validate"
out=$("$work/root/usr/bin/loom-cli" --version) || fail "loom-cli --version"
[ "$out" = "loom-cli $version" ] || fail "loom-cli --version printed '$out'"
out=$(QT_QPA_PLATFORM=offscreen "$work/root/usr/bin/loom" --version) || fail "loom --version"
grep -q "$version" <<<"$out" || fail "loom --version printed '$out'"
ok "installed loom and loom-cli run (--version)"
for bin in loom loom-cli; do
    if readelf -d "$work/root/usr/bin/$bin" | grep -qE 'R(UN)?PATH'; then
        fail "$bin has an RPATH/RUNPATH (a path into the build tree?)"
    fi
done
ok "no RPATH into the build tree"
man -l "$work/root/usr/share/man/man1/loom-cli.1.gz" >/dev/null 2>&1 || zcat "$work/root/usr/share/man/man1/loom-cli.1.gz" | grep -q '^\.TH' || fail "loom-cli man page"
ok "man pages"

# 5. cmake --install to a staging prefix installs the same files.
cmake --install "$build" --prefix "$work/stage/usr" >/dev/null
(cd "$work/stage" && find . -type f | sort) >"$work/staged"
diff -u "$work/expected" "$work/staged" || fail "cmake --install file list differs"
out=$("$work/stage/usr/bin/loom-cli" --version)
[ "$out" = "loom-cli $version" ] || fail "staged loom-cli --version printed '$out'"
ok "cmake --install to a staging prefix"

echo "$checks passed, 0 failed"
