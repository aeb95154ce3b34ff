// Writes ONNX ModelProto bytes from a small typed description of a graph. Used to export the built-in
// encoder and to build tiny test models; it checks the graph is topologically ordered and every tensor
// name resolves, so a mistake fails here with a clear message rather than deep inside onnxruntime.
import { RungError } from '../../errors/rung-error.ts';
import { ONNX_ATTRIBUTE_TYPE, ONNX_DATA_TYPE, onnxModelType, type OnnxDataType } from './onnx-schema.ts';

export type { OnnxDataType } from './onnx-schema.ts';

/** float16 tensors carry their IEEE half bit patterns in a Uint16Array. */
export type OnnxTensorData = Float32Array | Float64Array | Uint16Array | Int32Array | BigInt64Array | Uint8Array | Int8Array;

export interface OnnxTensor {
  name: string;
  dataType: OnnxDataType;
  dims: readonly number[];
  data: OnnxTensorData;
}

export type OnnxAttribute =
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'ints'; value: readonly number[] }
  | { name: string; kind: 'float'; value: number }
  | { name: string; kind: 'floats'; value: readonly number[] }
  | { name: string; kind: 'string'; value: string }
  | { name: string; kind: 'tensor'; value: OnnxTensor };

export interface OnnxNode {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  domain?: string;
  attributes?: readonly OnnxAttribute[];
}

/** A graph input or output; a string dimension is symbolic (for example 'batch'). */
export interface OnnxValueInfo {
  name: string;
  dataType: OnnxDataType;
  shape: readonly (number | string)[];
}

export interface OnnxGraph {
  name: string;
  nodes: readonly OnnxNode[];
  inputs: readonly OnnxValueInfo[];
  outputs: readonly OnnxValueInfo[];
  initializers: readonly OnnxTensor[];
  docString?: string;
}

export interface OnnxModelOptions {
  /** Default opset of the ai.onnx domain; 17 unless given. */
  opsetVersion?: number;
  /** ONNX IR version; 8 (the IR of opset 17) unless given. */
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
  /** Stored as ModelProto.metadata_props (for example the featuriser spec). */
  metadata?: Readonly<Record<string, string>>;
}

type TypedArrayConstructor = new (length: number) => OnnxTensorData;
const EXPECTED_ARRAY: Readonly<Record<OnnxDataType, TypedArrayConstructor>> = {
  float: Float32Array,
  double: Float64Array,
  float16: Uint16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  bool: Uint8Array,
  int8: Int8Array,
};

const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(message: string): never {
  throw new RungError('internal_error', `ONNX writer: ${message}`);
}

function tensorMessage(tensor: OnnxTensor): Record<string, unknown> {
  const expected = EXPECTED_ARRAY[tensor.dataType];
  if (!(tensor.data instanceof expected)) fail(`tensor '${tensor.name}' of type ${tensor.dataType} needs a ${expected.name}, got ${tensor.data.constructor.name}`);
  const elementCount = tensor.dims.reduce((product, dim) => product * dim, 1);
  if (tensor.dims.some((dim) => !Number.isInteger(dim) || dim < 0)) fail(`tensor '${tensor.name}' has invalid dims [${tensor.dims.join(', ')}]`);
  if (elementCount !== tensor.data.length) fail(`tensor '${tensor.name}' dims [${tensor.dims.join(', ')}] need ${elementCount} values, got ${tensor.data.length}`);
  // ONNX raw_data is little-endian; typed arrays use host order, so only little-endian hosts are supported.
  if (!IS_LITTLE_ENDIAN) fail('writing tensors needs a little-endian host');
  const rawData = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
  return { name: tensor.name, dataType: ONNX_DATA_TYPE[tensor.dataType], dims: [...tensor.dims], rawData };
}

function attributeMessage(attribute: OnnxAttribute): Record<string, unknown> {
  const base = { name: attribute.name, type: ONNX_ATTRIBUTE_TYPE[attribute.kind] };
  switch (attribute.kind) {
    case 'int':
      return { ...base, i: attribute.value };
    case 'ints':
      return { ...base, ints: [...attribute.value] };
    case 'float':
      return { ...base, f: attribute.value };
    case 'floats':
      return { ...base, floats: [...attribute.value] };
    case 'string':
      return { ...base, s: new TextEncoder().encode(attribute.value) };
    case 'tensor':
      return { ...base, t: tensorMessage(attribute.value) };
  }
}

function valueInfoMessage(info: OnnxValueInfo): Record<string, unknown> {
  const dim = info.shape.map((size) => (typeof size === 'number' ? { dimValue: size } : { dimParam: size }));
  return { name: info.name, type: { tensorType: { elemType: ONNX_DATA_TYPE[info.dataType], shape: { dim } } } };
}

function checkGraph(graph: OnnxGraph): void {
  const known = new Set<string>();
  for (const input of graph.inputs) known.add(input.name);
  for (const tensor of graph.initializers) {
    if (known.has(tensor.name)) fail(`name '${tensor.name}' is defined twice`);
    known.add(tensor.name);
  }
  graph.nodes.forEach((node, index) => {
    for (const input of node.inputs) {
      if (input !== '' && !known.has(input)) fail(`node ${index} (${node.opType}) reads '${input}', which no input, initializer or earlier node defines`);
    }
    for (const output of node.outputs) {
      if (known.has(output)) fail(`node ${index} (${node.opType}) redefines '${output}'`);
      known.add(output);
    }
  });
  for (const output of graph.outputs) if (!known.has(output.name)) fail(`graph output '${output.name}' is never produced`);
}

/** Serialises the graph as an ONNX ModelProto. */
export function writeOnnxModel(graph: OnnxGraph, options: OnnxModelOptions = {}): Uint8Array {
  checkGraph(graph);
  const message = {
    irVersion: options.irVersion ?? 8,
    producerName: options.producerName ?? 'rung',
    producerVersion: options.producerVersion ?? '',
    docString: options.docString ?? '',
    opsetImport: [{ domain: '', version: options.opsetVersion ?? 17 }],
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: graph.name,
      docString: graph.docString ?? '',
      node: graph.nodes.map((node, index) => ({
        input: [...node.inputs],
        output: [...node.outputs],
        name: node.name ?? `${node.opType}_${index}`,
        opType: node.opType,
        domain: node.domain ?? '',
        attribute: (node.attributes ?? []).map(attributeMessage),
      })),
      initializer: graph.initializers.map(tensorMessage),
      input: graph.inputs.map(valueInfoMessage),
      output: graph.outputs.map(valueInfoMessage),
    },
  };
  const type = onnxModelType();
  return type.encode(type.fromObject(message)).finish();
}

/** Attribute helpers, so graph code reads like the operator documentation. */
export const attribute = {
  int: (name: string, value: number): OnnxAttribute => ({ name, kind: 'int', value }),
  ints: (name: string, value: readonly number[]): OnnxAttribute => ({ name, kind: 'ints', value }),
  float: (name: string, value: number): OnnxAttribute => ({ name, kind: 'float', value }),
  floats: (name: string, value: readonly number[]): OnnxAttribute => ({ name, kind: 'floats', value }),
  string: (name: string, value: string): OnnxAttribute => ({ name, kind: 'string', value }),
  tensor: (name: string, value: OnnxTensor): OnnxAttribute => ({ name, kind: 'tensor', value }),
};
