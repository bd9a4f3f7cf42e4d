#!/usr/bin/env bash
# Sets up a fresh machine and runs the main job: builds shabaka and the graph of the
# sample articles into exports/. Installs the real consumers the tests load the exports
# with (networkx, igraph, kuzu; Graphviz with an Arabic font; groff for the manual page)
# unless SHABAKA_NO_CONSUMERS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SHABAKA_NO_CONSUMERS:-0}" != 1 ]; then
  missing=0
  command -v dot >/dev/null 2>&1 || missing=1
  command -v xmllint >/dev/null 2>&1 || missing=1
  command -v groff >/dev/null 2>&1 || missing=1
  fc-list 2>/dev/null | grep -q "Noto Naskh Arabic" || missing=1
  if command -v apt-get >/dev/null 2>&1 && [ "$missing" = 1 ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq graphviz fonts-noto-core libxml2-utils groff-base >/dev/null
  fi
  python3 -m pip install -q -r scripts/requirements.txt
fi
cargo build --release
./target/release/shabaka build data/articles --out exports
# the picture in the README: Graphviz with cairo/pango shapes Arabic right to left
if command -v dot >/dev/null 2>&1; then
  dot -Tsvg exports/graph.dot -o exports/graph.svg
fi
