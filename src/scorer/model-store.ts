// Reads and writes scorer model directories. Loading verifies the format version and the sha256
// of every file named in the manifest before anything is parsed, and refuses with an error that
// names the offending file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { RungError } from '../errors/rung-error.ts';
import type { Calibration } from './calibration.ts';
import type { FeatureLayout } from './feature-vector.ts';
import type { ScorerHead } from './apply-head.ts';
import { MANIFEST_FILE, READABLE_FORMAT_VERSIONS, serialiseJson, type ScorerManifest } from './manifest.ts';
import type { NeighbourTable } from './neighbour-stats.ts';

export interface HeadFile {
  layout: FeatureLayout;
  featureNames: string[];
  head: ScorerHead;
  calibration: Calibration;
  /** Intercept of the lexical model (its weights are in lexical.bin). */
  lexicalBias: number;
}

export interface NeighbourFile {
  classNames: string[];
  classMeans: number[];
  classGapMeans: number[];
  globalMean: number;
  globalGapMean: number;
  targets: number[];
  gaps: number[];
  classes: number[];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function modelError(message: string, cause?: unknown): RungError {
  return new RungError('internal_error', `scorer model: ${message}`, cause === undefined ? {} : { cause });
}

export function neighbourFileFromTable(table: NeighbourTable): NeighbourFile {
  return {
    classNames: table.classNames,
    classMeans: table.classMeans,
    classGapMeans: table.classGapMeans,
    globalMean: table.globalMean,
    globalGapMean: table.globalGapMean,
    targets: [...table.targets],
    gaps: [...table.gaps],
    classes: [...table.classes],
  };
}

export function tableFromNeighbourFile(file: NeighbourFile): NeighbourTable {
  return {
    classNames: file.classNames,
    classMeans: file.classMeans,
    classGapMeans: file.classGapMeans,
    globalMean: file.globalMean,
    globalGapMean: file.globalGapMean,
    targets: Float32Array.from(file.targets),
    gaps: Float32Array.from(file.gaps),
    classes: Int32Array.from(file.classes),
  };
}

/**
 * Writes the manifest after hashing the other files, which must already be in `directory`
 * (listed in `fileNames`). Returns the manifest as written.
 */
export function writeManifest(directory: string, manifest: Omit<ScorerManifest, 'files'>, fileNames: readonly string[]): ScorerManifest {
  mkdirSync(directory, { recursive: true });
  const files: Record<string, string> = {};
  for (const name of [...fileNames].sort()) files[name] = sha256(readFileSync(join(directory, name)));
  const complete: ScorerManifest = { ...manifest, files };
  writeFileSync(join(directory, MANIFEST_FILE), serialiseJson(complete));
  return complete;
}

/** Reads the manifest and checks the version and every checksum. */
export function readVerifiedManifest(directory: string): ScorerManifest {
  const manifestPath = join(directory, MANIFEST_FILE);
  let manifest: ScorerManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ScorerManifest;
  } catch (error) {
    throw modelError(`cannot read ${manifestPath}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  if (!READABLE_FORMAT_VERSIONS.includes(manifest.format_version)) {
    throw modelError(
      `${manifestPath} has format_version ${String(manifest.format_version)}, this Rung reads ${READABLE_FORMAT_VERSIONS.join(' or ')}; retrain the model with this version (rung train)`,
    );
  }
  if (typeof manifest.files !== 'object' || manifest.files === null) throw modelError(`${manifestPath} lists no files`);
  for (const [name, expected] of Object.entries(manifest.files)) {
    const path = join(directory, name);
    let actual: string;
    try {
      actual = sha256(readFileSync(path));
    } catch (error) {
      throw modelError(`${path} is listed in the manifest but cannot be read`, error);
    }
    if (actual !== expected) {
      throw modelError(`checksum mismatch for ${path}: the manifest says sha256 ${expected}, the file has ${actual}; the model directory was modified or is incomplete`);
    }
  }
  return manifest;
}

export function readFloat32File(directory: string, name: string, expectedLength: number): Float32Array {
  const path = join(directory, name);
  const bytes = readFileSync(path);
  if (bytes.length !== expectedLength * 4) throw modelError(`${path} holds ${bytes.length} bytes, expected ${expectedLength * 4}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: expectedLength }, (_, i) => view.getFloat32(i * 4, true));
}

export function readJsonFile<T>(directory: string, name: string): T {
  const path = join(directory, name);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw modelError(`cannot parse ${path}: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}
