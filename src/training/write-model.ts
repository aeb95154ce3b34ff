// Writes a trained scorer to a model directory: encoder.onnx, knn-index.bin, neighbours.json,
// head.json and the manifest (written last, with a sha256 of each of the others).
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exportBuiltinEncoderOnnx } from '../scorer/encoder/builtin/export-onnx.ts';
import {
  ENCODER_FILE,
  HEAD_FILE,
  INDEX_FILE,
  LEXICAL_FILE,
  NEIGHBOURS_FILE,
  SCORER_FORMAT_VERSION,
  serialiseJson,
  type ScorerManifest,
} from '../scorer/manifest.ts';
import { searchBreadth } from '../scorer/knn-index.ts';
import { neighbourFileFromTable, writeManifest } from '../scorer/model-store.ts';
import { sha256Hex, type DatasetFile } from './dataset.ts';
import type { TrainedScorer } from './train.ts';
import { recordableOptions } from './train-options.ts';

/** Rounds so the JSON files do not carry float noise (and stay small). */
function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(8));
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, roundDeep(entry)]));
  }
  return value;
}

/** Little-endian float32, whatever the host's byte order. */
function encodeFloat32(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

export function writeScorerModel(
  directory: string,
  model: TrainedScorer,
  sources: readonly DatasetFile[],
  created: Date = new Date(),
): ScorerManifest {
  mkdirSync(directory, { recursive: true });
  const onnx = exportBuiltinEncoderOnnx(model.encoder);
  writeFileSync(join(directory, ENCODER_FILE), onnx);
  model.index.save(join(directory, INDEX_FILE));
  writeFileSync(join(directory, NEIGHBOURS_FILE), serialiseJson(roundDeep(neighbourFileFromTable(model.table))));
  writeFileSync(join(directory, HEAD_FILE), serialiseJson(roundDeep(model.head)));
  writeFileSync(join(directory, LEXICAL_FILE), encodeFloat32(model.lexical.weights));
  const manifest: Omit<ScorerManifest, 'files'> = {
    format_version: SCORER_FORMAT_VERSION,
    name: model.options.name,
    created: created.toISOString(),
    encoder: {
      kind: 'builtin-onnx',
      id: `builtin-${sha256Hex(onnx).slice(0, 16)}`,
      dimensions: model.encoder.outputDim,
      file: ENCODER_FILE,
      featurizer: { ...model.encoder.spec },
    },
    knn: {
      k: model.options.k,
      ef_search: searchBreadth(model.options.k),
      index_file: INDEX_FILE,
      neighbours_file: NEIGHBOURS_FILE,
      rows: model.rows.indexed,
    },
    head_file: HEAD_FILE,
    lexical: { file: LEXICAL_FILE, featurizer: { ...model.options.lexicalFeaturizer } },
    training: {
      sources: sources.map((file) => ({ name: basename(file.path), sha256: file.sha256, rows: file.rows })),
      rows: model.rows,
      seed: model.options.seed,
      options: recordableOptions(model.options),
    },
    thresholds: model.thresholds,
    eval: roundDeep(model.validation) as Record<string, number | null>,
    eval_curve: roundDeep(model.validationCurve) as { pct: number; perf: number }[],
  };
  return writeManifest(directory, manifest, [ENCODER_FILE, INDEX_FILE, NEIGHBOURS_FILE, HEAD_FILE, LEXICAL_FILE]);
}
