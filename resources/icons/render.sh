#!/usr/bin/env bash
# Renders the application icon's PNG sizes from its SVG source (needs rsvg-convert, librsvg2-bin).
# The PNGs are committed; run this after editing app/loom.svg.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256; do
    rsvg-convert -w "$size" -h "$size" app/loom.svg -o "app/loom-$size.png"
done
