import { describe, expect, it } from 'vitest';
import { RungError } from '../../src/errors/rung-error.ts';
import { parseTagsHeader } from '../../src/policy/signal-headers.ts';
import { signalsFor, type SignalOptions } from './fixtures.ts';

function rejection(options: SignalOptions): RungError {
  try {
    signalsFor(options);
  } catch (error) {
    if (error instanceof RungError) return error;
    throw error;
  }
  throw new Error('expected a RungError');
}

describe('tags', () => {
  it('parses k=v pairs, trimming whitespace, into a null-prototype map', () => {
    const tags = parseTagsHeader(' env = staging , team=legal,customer_tier=enterprise ');
    expect({ ...tags }).toEqual({ env: 'staging', team: 'legal', customer_tier: 'enterprise' });
    expect(Object.getPrototypeOf(tags)).toBeNull();
  });

  it('merges metadata with the header; the header wins on a clash', () => {
    const signals = signalsFor({ metadata: { env: 'prod', owner: 'billing' }, headers: { 'x-rung-tags': 'env=staging' } });
    expect({ ...signals.tags }).toEqual({ env: 'staging', owner: 'billing' });
  });

  it('joins a repeated header', () => {
    const signals = signalsFor({ headers: { 'x-rung-tags': ['env=staging', 'team=legal'] } });
    expect({ ...signals.tags }).toEqual({ env: 'staging', team: 'legal' });
  });

  it('treats an empty header as no tags', () => {
    expect({ ...signalsFor({ headers: { 'x-rung-tags': '   ' } }).tags }).toEqual({});
  });

  it.each([
    ['env', 'expected comma-separated name=value pairs; "env" has no "=".'],
    ['env=staging,,team=legal', 'expected comma-separated name=value pairs, found an empty entry.'],
    ['env=', 'tag "env" has an empty value.'],
    ['=staging', 'tag name "" must be 1-64 letters, digits, "_", "-" or ".".'],
    ['my env=staging', 'tag name "my env" must be 1-64 letters, digits, "_", "-" or ".".'],
    ['env=a,env=b', 'tag "env" is given twice.'],
    [`env=${'x'.repeat(257)}`, 'tag "env" is longer than 256 characters.'],
    ['env=a\tb', 'tag "env" contains a control character.'],
  ])('rejects %j', (header, reason) => {
    const error = rejection({ headers: { 'x-rung-tags': header } });
    expect(error.code).toBe('invalid_request');
    expect(error.status).toBe(400);
    expect(error.param).toBe('x-rung-tags');
    expect(error.message).toBe(`Invalid value for 'x-rung-tags': ${reason}`);
  });

  it('rejects too many tags', () => {
    const header = Array.from({ length: 33 }, (_, index) => `t${index}=v`).join(',');
    const error = rejection({ headers: { 'x-rung-tags': header } });
    expect(error.param).toBe('x-rung-tags');
    expect(error.message).toContain('at most 32 tags');
  });
});

describe('region, task and template headers', () => {
  it('reads the region header', () => {
    expect(signalsFor({ headers: { 'x-rung-region': ' eu ' } }).region).toBe('eu');
    expect(signalsFor().region).toBeNull();
  });

  it('rejects a region list or a malformed region, naming the header', () => {
    for (const value of ['eu, us', 'eu/west', 'x'.repeat(65)]) {
      const error = rejection({ headers: { 'x-rung-region': value } });
      expect(error.code).toBe('invalid_request');
      expect(error.param).toBe('x-rung-region');
    }
  });

  it('takes the task from the header, else the scorer, else null', () => {
    expect(signalsFor({ headers: { 'x-rung-task': 'debugging' }, scorer: { score: 0.4, taskClass: 'chit_chat' } }).task).toBe('debugging');
    expect(signalsFor({ scorer: { score: 0.4, taskClass: 'chit_chat' } }).task).toBe('chit_chat');
    expect(signalsFor({ scorer: { score: 0.4 } }).task).toBeNull();
    expect(rejection({ headers: { 'x-rung-task': 'long context' } }).param).toBe('x-rung-task');
  });

  it('takes the template from the headers, else from metadata', () => {
    expect(signalsFor({ headers: { 'x-rung-template': 'support/answer', 'x-rung-template-version': '7' } }).template).toEqual({ id: 'support/answer', version: '7' });
    expect(signalsFor({ metadata: { template_id: 'summary', template_version: '2024-05-01' } }).template).toEqual({ id: 'summary', version: '2024-05-01' });
    expect(signalsFor({ headers: { 'x-rung-template': 'a' }, metadata: { template_id: 'b', template_version: '3' } }).template).toEqual({ id: 'a', version: null });
    expect(signalsFor().template).toEqual({ id: null, version: null });
  });

  it('rejects a version without a template and malformed template values', () => {
    expect(rejection({ headers: { 'x-rung-template-version': '3' } }).param).toBe('x-rung-template-version');
    expect(rejection({ metadata: { template_version: '3' } }).param).toBe('metadata.template_version');
    expect(rejection({ headers: { 'x-rung-template': 'has space' } }).param).toBe('x-rung-template');
    expect(rejection({ headers: { 'x-rung-template': 'ok', 'x-rung-template-version': 'v 2' } }).param).toBe('x-rung-template-version');
    expect(rejection({ metadata: { template_id: 'bad id' } }).param).toBe('metadata.template_id');
  });
});

describe('other signals', () => {
  it('copies the key, filling absent fields with null', () => {
    expect(signalsFor({ key: { id: 'k', workspace: 'research' } }).key).toEqual({ id: 'k', workspace: 'research', department: null, agent: null, project: null });
    expect(signalsFor({ key: null }).key).toEqual({ id: null, workspace: null, department: null, agent: null, project: null });
  });

  it('derives required capabilities from the request', () => {
    expect(signalsFor().capabilities).toEqual({ tools: false, vision: false, json_schema: false });
    const needsAll = signalsFor({
      request: {
        messages: [
          { role: 'system', content: 'be brief' },
          { role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image', url: 'data:image/png;base64,AAAA' }] },
        ],
        tools: [{ name: 'lookup' }],
        responseFormat: { type: 'json_schema', name: 'answer', schema: { type: 'object' } },
      },
    });
    expect(needsAll.capabilities).toEqual({ tools: true, vision: true, json_schema: true });
    expect(signalsFor({ request: { tools: [], responseFormat: { type: 'json_object' } } }).capabilities).toEqual({ tools: false, vision: false, json_schema: false });
  });

  it('passes through user, model, tokens, score and budget', () => {
    const signals = signalsFor({ request: { user: 'u-1' }, model: 'balanced', tokens: 4321, scorer: { score: 0.25 }, budget: 'soft' });
    expect([signals.user, signals.model, signals.tokens, signals.score, signals.budget]).toEqual(['u-1', 'balanced', 4321, 0.25, 'soft']);
    expect([signalsFor().user, signalsFor().score, signalsFor().budget]).toEqual([null, null, 'ok']);
  });
});
