import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, parseExamples, withSuppliedExamples } from '../../src/training/dataset.ts';

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rung-data-')), name);
  writeFileSync(path, text);
  return path;
}

describe('dataset parsing', () => {
  it('reads label rows and strong/weak rows; target is the soft gap max(0, strong − weak)', () => {
    const examples = parseExamples(
      [
        '{"id":"a","prompt":"hi","label":1,"task":"chat"}',
        '',
        '{"id":"b","prompt":"x","strong":0.9,"weak":0.4,"source":"mtbench","domain":"writing"}',
        '{"id":"c","prompt":"y","strong":0,"weak":1}',
      ].join('\n'),
      'mem.jsonl',
    );
    expect(examples.map((e) => [e.id, e.target])).toEqual([
      ['a', 1],
      ['b', 0.5],
      ['c', 0],
    ]);
    expect(examples[1]?.gap).toBeCloseTo(0.5, 12);
    expect(examples[2]?.gap).toBe(-1);
    expect(examples[0]?.task).toBe('chat');
    expect(examples[1]?.domain).toBe('writing');
    expect(examples[0]?.strong).toBeUndefined();
  });

  it('names file:line for bad JSON, a missing prompt, a bad label and out-of-range outcomes', () => {
    expect(() => parseExamples('{"prompt":"ok","label":0}\n{oops', 'f.jsonl')).toThrow(/f\.jsonl:2: not valid JSON/);
    expect(() => parseExamples('{"label":0}', 'f.jsonl')).toThrow(/f\.jsonl:1: missing "prompt"/);
    expect(() => parseExamples('{"prompt":"p","label":2}', 'g.jsonl')).toThrow(/g\.jsonl:1: "label" must be 0 or 1/);
    expect(() => parseExamples('{"prompt":"p","strong":1.5,"weak":0}', 'h.jsonl')).toThrow(/h\.jsonl:1: "strong" must be a number in \[0, 1\]/);
    expect(() => parseExamples('{"prompt":"p"}', 'i.jsonl')).toThrow(/i\.jsonl:1: needs "label"/);
    expect(() => parseExamples('[1]', 'j.jsonl')).toThrow(/j\.jsonl:1: expected a JSON object/);
  });

  it('loads comma-separated files with their sha256 and row counts, and rejects duplicate ids', () => {
    const first = tempFile('a.jsonl', '{"id":"1","prompt":"p","label":1}\n');
    const second = tempFile('b.jsonl', '{"id":"2","prompt":"q","label":0}\n{"id":"3","prompt":"r","label":0}\n');
    const loaded = loadDataset(`${first},${second}`);
    expect(loaded.examples.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(loaded.files.map((f) => f.rows)).toEqual([1, 2]);
    expect(loaded.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    const duplicate = tempFile('c.jsonl', '{"id":"1","prompt":"again","label":0}\n');
    expect(() => loadDataset([first, duplicate])).toThrow(/duplicate id "1"/);
    expect(() => loadDataset('/nonexistent/file.jsonl')).toThrow(/cannot read \/nonexistent\/file\.jsonl/);
  });

  it('accepts examples from a supplier (the outcome store seam)', async () => {
    const base = loadDataset(tempFile('a.jsonl', '{"id":"1","prompt":"p","label":1}\n'));
    const merged = await withSuppliedExamples(base, 'outcome-store', () => [{ id: 'o1', prompt: 'logged', target: 0, gap: 0 }]);
    expect(merged.examples.map((e) => e.id)).toEqual(['1', 'o1']);
    expect(merged.files.at(-1)).toMatchObject({ path: 'outcome-store', rows: 1 });
  });
});
