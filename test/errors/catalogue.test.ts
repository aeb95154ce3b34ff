import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/errors/catalogue.ts';
import { RungError } from '../../src/errors/rung-error.ts';

describe('error catalogue', () => {
  const doc = readFileSync('docs/errors.md', 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of doc.split('\n')) {
    const match = /^\| `([a-z_]+)` \| (\d+) \| `([a-z_]+)` \| (yes|no) \|/.exec(line);
    if (match) rows.set(match[1]!, match.slice(2));
  }

  it('documents every code with its status, type and retryability, and nothing else', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
    for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
      expect(rows.get(code), code).toEqual([String(spec.status), spec.type, spec.retryable ? 'yes' : 'no']);
    }
  });

  it('renders an OpenAI-style body with the field at fault', () => {
    const error = new RungError('invalid_request', 'temperature must be between 0 and 2', { param: 'temperature' });
    expect(error.status).toBe(400);
    expect(error.toBody()).toEqual({ error: { message: 'temperature must be between 0 and 2', type: 'invalid_request_error', param: 'temperature', code: 'invalid_request' } });
  });
});
