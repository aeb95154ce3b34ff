import { describe, expect, it } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits, roundToFloat16, toFloat16Bits } from './float16.ts';
import { SeededRandom } from '../../../src/scorer/encoder/builtin/prng.ts';

describe('float16 conversion', () => {
  it('round-trips every finite half value exactly', () => {
    const mismatches: number[] = [];
    for (let bits = 0; bits < 0x10000; bits++) {
      if (((bits >>> 10) & 0x1f) === 0x1f) continue;
      if (float32ToFloat16Bits(float16BitsToFloat32(bits)) !== bits) mismatches.push(bits);
    }
    expect(mismatches).toEqual([]);
  });

  it('decodes known patterns', () => {
    expect(float16BitsToFloat32(0x3c00)).toBe(1);
    expect(float16BitsToFloat32(0xc000)).toBe(-2);
    expect(float16BitsToFloat32(0x7bff)).toBe(65504);
    expect(float16BitsToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16BitsToFloat32(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(float16BitsToFloat32(0x7e00))).toBe(true);
  });

  it('rounds to the nearest half, ties to even, saturating to infinity', () => {
    const random = new SeededRandom(3);
    const worse: number[] = [];
    for (let sample = 0; sample < 20_000; sample++) {
      const magnitude = 2 ** (random.nextInt(40) - 26);
      const value = Math.fround((random.nextFloat() * 2 - 1) * magnitude);
      const bits = float32ToFloat16Bits(value);
      const rounded = float16BitsToFloat32(bits);
      // No neighbouring half value is strictly closer.
      for (const neighbour of [bits - 1, bits + 1]) {
        if (neighbour < 0 || neighbour > 0xffff || ((neighbour >>> 10) & 0x1f) === 0x1f) continue;
        if (((neighbour ^ bits) & 0x8000) !== 0) continue;
        if (Math.abs(value - rounded) > Math.abs(value - float16BitsToFloat32(neighbour))) worse.push(value);
      }
    }
    expect(worse).toEqual([]);
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(float32ToFloat16Bits(70000)).toBe(0x7c00);
    expect(float32ToFloat16Bits(-70000)).toBe(0xfc00);
    expect(float32ToFloat16Bits(2 ** -26)).toBe(0);
  });

  it('converts arrays consistently', () => {
    const values = Float32Array.of(0.1, -3.75, 1e-6, 12345.678);
    const bits = toFloat16Bits(values);
    expect([...roundToFloat16(values)]).toEqual([...bits].map(float16BitsToFloat32));
  });
});
