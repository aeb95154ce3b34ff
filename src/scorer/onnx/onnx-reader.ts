// Reads the header of an ONNX model (versions, metadata, input/output names) without running it, so
// loaders can check a model file matches what they expect (for example the featuriser spec) before use.
import { RungError } from '../../errors/rung-error.ts';
import { onnxModelType } from './onnx-schema.ts';

export interface OnnxModelSummary {
  irVersion: number;
  producerName: string;
  /** Opset version per domain ('' is the default ai.onnx domain). */
  opsets: Record<string, number>;
  metadata: Record<string, string>;
  inputs: string[];
  outputs: string[];
  initializers: string[];
}

interface DecodedModel {
  irVersion?: number;
  producerName?: string;
  opsetImport?: { domain?: string; version?: number }[];
  metadataProps?: { key?: string; value?: string }[];
  graph?: { input?: { name?: string }[]; output?: { name?: string }[]; initializer?: { name?: string }[] };
}

export function readOnnxModelSummary(bytes: Uint8Array): OnnxModelSummary {
  const type = onnxModelType();
  let decoded: DecodedModel;
  try {
    decoded = type.toObject(type.decode(bytes), { longs: Number, defaults: false }) as DecodedModel;
  } catch (error) {
    throw new RungError('internal_error', `not a readable ONNX model: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const opsets: Record<string, number> = {};
  for (const opset of decoded.opsetImport ?? []) opsets[opset.domain ?? ''] = opset.version ?? 0;
  const metadata: Record<string, string> = {};
  for (const entry of decoded.metadataProps ?? []) metadata[entry.key ?? ''] = entry.value ?? '';
  const names = (values: { name?: string }[] | undefined): string[] => (values ?? []).map((value) => value.name ?? '');
  return {
    irVersion: decoded.irVersion ?? 0,
    producerName: decoded.producerName ?? '',
    opsets,
    metadata,
    inputs: names(decoded.graph?.input),
    outputs: names(decoded.graph?.output),
    initializers: names(decoded.graph?.initializer),
  };
}
