#!/usr/bin/env bash
# Reproduces models/rung-scorer-v1: the built-in encoder + kNN + head, trained on the repository's
# training-data/*.jsonl plus the RouteLLM MMLU dev file (which is not in the repository; pass its
# path). Same inputs and seed → the same bytes in every file except the manifest's "created".
# usage: scripts/train-shipped-model.sh [/path/to/routing-dev.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
DEV_FILE="${1:-../shared/data/routing-dev.jsonl}"
if [[ ! -f "$DEV_FILE" ]]; then
  echo "train-shipped-model: dev file not found: $DEV_FILE" >&2
  exit 2
fi
CORPUS="$(ls training-data/*.jsonl | sort | paste -sd, -)"
if [[ -z "$CORPUS" ]]; then
  echo "train-shipped-model: no training-data/*.jsonl files" >&2
  exit 2
fi
OUT="models/rung-scorer-v1"
rm -rf "$OUT"
npx tsx src/cli/main.ts train \
  --data "$CORPUS,$DEV_FILE" \
  --out "$OUT" \
  --seed 1 \
  --name rung-scorer-v1
du -sh "$OUT"
