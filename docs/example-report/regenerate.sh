#!/usr/bin/env bash
# Regenerates the example reports from the demo engagement, in English and French.
# Run from the repository root: bash docs/example-report/regenerate.sh
# The clock is pinned, so the output only changes when the tool, the grid or the demo do.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=target/release/vmsaudit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export VMSAUDIT_NOW=2026-02-03T17:00:00Z
for lang in en fr; do
  "$bin" demo --lang "$lang" --no-open "$work/$lang" > /dev/null 2>&1
  rm -rf "docs/example-report/$lang"
  TZ=UTC "$bin" -C "$work/$lang" report -o "docs/example-report/$lang/report.md" > /dev/null
  TZ=UTC "$bin" -C "$work/$lang" report --format html -o "docs/example-report/$lang/report.html" > /dev/null
  chmod -R u+rwX,go+rX "docs/example-report/$lang"
done
echo "docs/example-report/{en,fr} regenerated"
