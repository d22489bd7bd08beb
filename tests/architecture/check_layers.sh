#!/usr/bin/env bash
# Checks that every file in ui/ includes only files of its own layer or of layers below it
# (docs/architecture.md, "Layers of ui/"). Prints each include that points upwards; fails if any.
set -euo pipefail
ui=${1:?usage: check_layers.sh <ui dir>}
cd "$ui"

# The layer of a path relative to ui/ (a higher number is a higher layer).
layer() {
    case "$1" in
        session/*) echo 0 ;;
        models/* | icons/*) echo 10 ;;
        widgets/* | delegates/* | dialogs/*) echo 20 ;;
        browser/browsercontext.h) echo 30 ;;
        browser/models/*) echo 31 ;;
        browser/controllers/*) echo 32 ;;
        browser/browserparts.h | browser/schema/* | browser/delegates/* | browser/widgets/* | browser/dialogs/*) echo 33 ;;
        browser/browseractions.* | browser/browserlive.* | browser/browserdrafts.* | browser/browsertable.*) echo 34 ;;
        browser/entitybrowserwidget.*) echo 35 ;;
        browser/browsertabs.*) echo 36 ;;
        actions/*) echo 40 ;;
        mainwindow.*) echo 50 ;;
        *) echo "" ;;
    esac
}

bad=0
files=0
while IFS= read -r file; do
    file=${file#./}
    own=$(layer "$file")
    if [ -z "$own" ]; then
        echo "no layer for ui/$file: add it to check_layers.sh and docs/architecture.md" >&2
        bad=$((bad + 1))
        continue
    fi
    files=$((files + 1))
    dir=$(dirname "$file")
    while IFS= read -r inc; do
        # Includes resolve against the file's own folder first, then ui/.
        if [ -e "$dir/$inc" ] && [ "$dir" != "." ]; then
            target="$dir/$inc"
        elif [ -e "$inc" ]; then
            target="$inc"
        else
            continue # core/, Qt, generated files
        fi
        other=$(layer "$target")
        if [ -n "$other" ] && [ "$other" -gt "$own" ]; then
            echo "ui/$file (layer $own) includes ui/$target (layer $other)"
            bad=$((bad + 1))
        fi
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
done < <(find . -name '*.h' -o -name '*.cpp' | sort)

echo "checked $files files of ui/: $bad upward includes"
[ "$bad" -eq 0 ]
