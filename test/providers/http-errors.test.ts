import { describe, expect, it } from 'vitest';
import { readErrorBody } from '../../src/providers/error-body.ts';
import { classifyHttpError, upstreamHttpError } from '../../src/providers/http-errors.ts';
import { redactSecrets } from '../../src/providers/redact.ts';
import { parseDurationMs, parseRetryAfterMs } from '../../src/providers/retry-after.ts';

const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfterMs', () => {
  it('reads delay-seconds, fractional seconds, HTTP dates and retry-after-ms', () => {
    expect(parseRetryAfterMs({ 'retry-after': '20' }, NOW)).toBe(20_000);
    expect(parseRetryAfterMs({ 'retry-after': '1.5' }, NOW)).toBe(1_500);
    expect(parseRetryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }, NOW)).toBe(30_000);
    expect(parseRetryAfterMs({ 'retry-after': 'Tue, 31 Dec 2024 23:00:00 GMT' }, NOW)).toBe(0);
    expect(parseRetryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, NOW)).toBe(250);
  });

  it('ignores missing or unusable values', () => {
    expect(parseRetryAfterMs({}, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': 'soon' }, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after': '-4' }, NOW)).toBeUndefined();
    expect(parseRetryAfterMs({ 'retry-after-ms': 'x', 'retry-after': '2' }, NOW)).toBe(2_000);
  });

  it('parses protobuf durations', () => {
    expect(parseDurationMs('37s')).toBe(37_000);
    expect(parseDurationMs('0.25s')).toBe(250);
    expect(parseDurationMs('5m')).toBeUndefined();
  });
});

describe('classifyHttpError', () => {
  const facts = (message: string, labels: string[] = []) => ({ message, labels, retryAfterMs: undefined });

  it('classifies by status first, then by the body', () => {
    expect(classifyHttpError(429, facts('slow down'))).toBe('rate_limited');
    expect(classifyHttpError(503, facts(''))).toBe('overloaded');
    expect(classifyHttpError(529, facts(''))).toBe('overloaded');
    expect(classifyHttpError(500, facts('', ['overloaded_error']))).toBe('overloaded');
    expect(classifyHttpError(502, facts(''))).toBe('server_error');
    expect(classifyHttpError(401, facts(''))).toBe('auth');
    expect(classifyHttpError(403, facts(''))).toBe('auth');
    expect(classifyHttpError(404, facts(''))).toBe('not_found');
    expect(classifyHttpError(408, facts(''))).toBe('timeout');
    expect(classifyHttpError(413, facts('prompt is too long: 300000 tokens'))).toBe('context_length');
    expect(classifyHttpError(422, facts('This model maximum context length is 8192 tokens'))).toBe('context_length');
    expect(classifyHttpError(409, facts('maximum context length'))).toBe('bad_request');
    expect(classifyHttpError(400, facts('bad temperature'))).toBe('bad_request');
    expect(classifyHttpError(302, facts(''))).toBe('server_error');
  });

  it('keeps the Retry-After only for classes where waiting can help', () => {
    const headers = { 'retry-after': '4' };
    expect(upstreamHttpError({ provider: 'p', status: 503, headers, facts: facts('') }).retryAfterMs).toBe(4_000);
    expect(upstreamHttpError({ provider: 'p', status: 400, headers, facts: facts('') }).retryAfterMs).toBeUndefined();
  });
});

describe('readErrorBody', () => {
  it('reads OpenAI, Anthropic, Gemini (also array-wrapped) and plain shapes', () => {
    expect(readErrorBody('{"error":{"message":"m1","type":"t1","code":"c1"}}')).toMatchObject({ message: 'm1', labels: ['t1', 'c1'] });
    expect(readErrorBody('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toMatchObject({
      message: 'Overloaded',
      labels: ['overloaded_error'],
    });
    expect(readErrorBody('[{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}]')).toMatchObject({
      message: 'quota',
      labels: ['RESOURCE_EXHAUSTED'],
      statusInBody: 429,
    });
    expect(readErrorBody('{"error":"model not loaded"}')).toMatchObject({ message: 'model not loaded' });
    expect(readErrorBody('upstream connect error')).toMatchObject({ message: 'upstream connect error', labels: [] });
    expect(readErrorBody('')).toMatchObject({ message: undefined, labels: [] });
  });
});

describe('redactSecrets', () => {
  it('removes key-shaped text and the configured secret, and caps the length', () => {
    const text = redactSecrets(
      'Incorrect API key provided: sk-proj-abcDEF123***wxyz. Authorization: Bearer abc.def.ghi x-goog-api-key=AIzaSyA-1234567890abcdefghij and my-own-secret-value here',
      'my-own-secret-value',
    );
    expect(text).not.toMatch(/abcDEF123|abc\.def\.ghi|AIzaSyA|my-own-secret-value/);
    expect(text).toContain('sk-[redacted]');
    expect(text).toContain('Bearer [redacted]');
    expect(redactSecrets('x'.repeat(1000)).length).toBeLessThanOrEqual(301);
  });
});
