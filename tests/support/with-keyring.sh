#!/usr/bin/env bash
# Runs a command with a real Secret Service of its own: a private D-Bus session bus
# (dbus-run-session) with GNOME Keyring's secrets component on it, a login keyring unlocked with
# a fixed password, and HOME/XDG_* in a temporary folder, so nothing of the person's keyring or
# settings is read or written. Used by tst_secrets (tests/gui/CMakeLists.txt).
set -euo pipefail
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_CONFIG_HOME="$home/.config" \
       XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset GNOME_KEYRING_CONTROL
# shellcheck disable=SC2016
exec dbus-run-session -- bash -c '
    printf "loom-test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$@"' keyring "$@"
