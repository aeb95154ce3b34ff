import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { readOnnxModelSummary } from '../../../src/scorer/onnx/onnx-reader.ts';
import { attribute, writeOnnxModel, type OnnxGraph } from '../../../src/scorer/onnx/onnx-writer.ts';

/** y = (x · W + b) with W 3×2, then ReduceSum over axis 1 as a second output. */
function affineGraph(): OnnxGraph {
  return {
    name: 'affine',
    inputs: [{ name: 'x', dataType: 'float', shape: ['batch', 3] }],
    outputs: [
      { name: 'y', dataType: 'float', shape: ['batch', 2] },
      { name: 'total', dataType: 'float', shape: ['batch', 1] },
    ],
    initializers: [
      { name: 'w', dataType: 'float', dims: [3, 2], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
      { name: 'b', dataType: 'float', dims: [2], data: Float32Array.of(0.5, -0.5) },
      { name: 'axes', dataType: 'int64', dims: [1], data: BigInt64Array.of(1n) },
    ],
    nodes: [
      { opType: 'MatMul', inputs: ['x', 'w'], outputs: ['xw'] },
      { opType: 'Add', inputs: ['xw', 'b'], outputs: ['y'] },
      { opType: 'ReduceSum', inputs: ['y', 'axes'], outputs: ['total'], attributes: [attribute.int('keepdims', 1)] },
    ],
  };
}

describe('writeOnnxModel', () => {
  it('writes a model onnxruntime loads and runs correctly', async () => {
    const bytes = writeOnnxModel(affineGraph(), { opsetVersion: 17 });
    const session = await InferenceSession.create(bytes);
    try {
      expect(session.inputNames).toEqual(['x']);
      expect(session.outputNames).toEqual(['y', 'total']);
      const result = await session.run({ x: new Tensor('float32', Float32Array.of(1, 0, 2, 0, 1, 1), [2, 3]) });
      // Row 1: [1,0,2]·W = [1+10, 2+12] = [11, 14] + b; row 2: [0,1,1]·W = [3+5, 4+6] = [8, 10] + b.
      expect([...(result['y']?.data as Float32Array)]).toEqual([11.5, 13.5, 8.5, 9.5]);
      expect(result['y']?.dims).toEqual([2, 2]);
      expect([...(result['total']?.data as Float32Array)]).toEqual([25, 18]);
    } finally {
      await session.release();
    }
  });

  it('round-trips versions, metadata and names through the reader', () => {
    const bytes = writeOnnxModel(affineGraph(), { opsetVersion: 17, irVersion: 8, producerName: 'rung-test', metadata: { 'rung.kind': 'affine', note: 'ünïcödé' } });
    const summary = readOnnxModelSummary(bytes);
    expect(summary.irVersion).toBe(8);
    expect(summary.producerName).toBe('rung-test');
    expect(summary.opsets).toEqual({ '': 17 });
    expect(summary.metadata).toEqual({ 'rung.kind': 'affine', note: 'ünïcödé' });
    expect(summary.inputs).toEqual(['x']);
    expect(summary.outputs).toEqual(['y', 'total']);
    expect(summary.initializers).toEqual(['w', 'b', 'axes']);
  });

  it('stores float16 tensors that onnxruntime reads back exactly', async () => {
    // 1.5 = 0x3e00, -2 = 0xc000, 65504 (largest half) = 0x7bff.
    const graph: OnnxGraph = {
      name: 'half',
      inputs: [{ name: 'index', dataType: 'int64', shape: [1] }],
      outputs: [{ name: 'value', dataType: 'float', shape: [1] }],
      initializers: [{ name: 'table', dataType: 'float16', dims: [3], data: Uint16Array.of(0x3e00, 0xc000, 0x7bff) }],
      nodes: [
        { opType: 'Gather', inputs: ['table', 'index'], outputs: ['half'], attributes: [attribute.int('axis', 0)] },
        { opType: 'Cast', inputs: ['half'], outputs: ['value'], attributes: [attribute.int('to', 1)] },
      ],
    };
    const session = await InferenceSession.create(writeOnnxModel(graph));
    try {
      const values: number[] = [];
      for (const index of [0n, 1n, 2n]) {
        const result = await session.run({ index: new Tensor('int64', BigInt64Array.of(index), [1]) });
        values.push((result['value']?.data as Float32Array)[0] ?? Number.NaN);
      }
      expect(values).toEqual([1.5, -2, 65504]);
    } finally {
      await session.release();
    }
  });

  it('rejects graphs with dangling names, duplicate names or mismatched tensors', () => {
    const dangling = affineGraph();
    expect(() => writeOnnxModel({ ...dangling, nodes: [{ opType: 'Relu', inputs: ['nowhere'], outputs: ['y'] }] })).toThrow(/'nowhere'/);
    expect(() => writeOnnxModel({ ...dangling, outputs: [{ name: 'missing', dataType: 'float', shape: [1] }] })).toThrow(/never produced/);
    expect(() => writeOnnxModel({ ...dangling, initializers: [...dangling.initializers, { name: 'w', dataType: 'float', dims: [1], data: Float32Array.of(1) }] })).toThrow(/defined twice/);
    const replaceW = (tensor: OnnxGraph['initializers'][number]): OnnxGraph => ({ ...dangling, initializers: dangling.initializers.map((old) => (old.name === 'w' ? tensor : old)) });
    expect(() => writeOnnxModel(replaceW({ name: 'w', dataType: 'float', dims: [3, 2], data: Float32Array.of(1) }))).toThrow(/need 6 values/);
    expect(() => writeOnnxModel(replaceW({ name: 'w', dataType: 'int64', dims: [1], data: Float32Array.of(1) }))).toThrow(/needs a BigInt64Array/);
    expect(() => writeOnnxModel(replaceW({ name: 'w', dataType: 'float', dims: [3, -2], data: Float32Array.of(1) }))).toThrow(RungError);
  });

  it('reports unreadable bytes as a RungError', () => {
    expect(() => readOnnxModelSummary(Uint8Array.of(0xff, 0xff, 0xff, 0xff))).toThrow(RungError);
  });
});
