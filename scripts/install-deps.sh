#!/usr/bin/env bash
# Installs the Debian packages Loom needs to build, test and package. Idempotent: quick when all
# are present. Needs root (or sudo). The Go toolchain (for threadsd) must be on the machine.
#   --bench: also what scripts/compare.sh and profiling need (perf, GNU time).
set -euo pipefail
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev
    libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler libssl-dev
    libqrencode-dev help2man desktop-file-utils appstream librsvg2-bin dpkg-dev file
    xvfb xauth iproute2 util-linux openssl nginx
    qtkeychain-qt6-dev gnome-keyring dbus
    clang-16 libclang-rt-16-dev
    python3
)
if [ "${1:-}" = --bench ]; then
    packages+=(linux-perf time)
fi
missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ]; then
    echo "The Go toolchain (go >= 1.21) is needed to build threadsd; install it and re-run." >&2
    exit 1
fi
