// errorFromFastify against the errors a real fastify 5 instance raises before a handler runs,
// and renderErrorBody's client shape.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { errorFromFastify, renderErrorBody } from '../../../src/gateway/openai-api/render-error.ts';

class StatusError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
  }
}

let app: FastifyInstance;
beforeAll(async () => {
  app = Fastify({ bodyLimit: 200 });
  app.setErrorHandler((error, _request, reply) => {
    const mapped = errorFromFastify(error);
    return reply.status(mapped.status).send(renderErrorBody(mapped));
  });
  app.post('/echo', (request) => ({ got: request.body }));
  app.post('/throw-422', () => {
    throw new StatusError('field x is odd', 422);
  });
  app.post('/throw-plain', () => {
    throw new Error('database password is hunter2');
  });
  app.post('/throw-rung', () => {
    throw new RungError('budget_exceeded', 'monthly budget reached', { details: { limit_usd: 10 } });
  });
  app.post('/throw-syntax', () => {
    throw Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), { statusCode: 400 });
  });
  await app.ready();
});
afterAll(async () => app.close());

async function post(url: string, payload: string, contentType = 'application/json') {
  const response = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': contentType } });
  return { status: response.statusCode, body: response.json<{ error: Record<string, unknown> }>() };
}

describe('errorFromFastify with a real fastify app', () => {
  it('maps a body over the limit to payload_too_large (413)', async () => {
    const { status, body } = await post('/echo', JSON.stringify({ text: 'x'.repeat(500) }));
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'payload_too_large', type: 'invalid_request_error', param: null });
  });

  it('maps a non-JSON content type to unsupported_media_type (415)', async () => {
    const { status, body } = await post('/echo', 'hello', 'application/xml');
    expect(status).toBe(415);
    expect(body.error.code).toBe('unsupported_media_type');
  });

  it('maps broken JSON to invalid_json (400)', async () => {
    const { status, body } = await post('/echo', '{"model": ');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_json', type: 'invalid_request_error', message: 'The request body is not valid JSON.' });
  });

  it('maps an empty JSON body to invalid_json (400)', async () => {
    const { status, body } = await post('/echo', '');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_json');
  });

  it('maps a prototype-poisoning body, which fastify refuses to parse, to invalid_json', async () => {
    const { status, body } = await post('/echo', '{"__proto__": {"admin": true}}');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_json');
  });

  it('maps a SyntaxError carrying status 400 to invalid_json, keeping its detail', async () => {
    const { status, body } = await post('/throw-syntax', '{}');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_json');
    expect(body.error.message).toContain('position 9');
  });

  it('maps another 4xx error to invalid_request with its message', async () => {
    const { status, body } = await post('/throw-422', '{}');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_request', message: 'field x is odd' });
  });

  it('maps anything else to internal_error without leaking its message', async () => {
    const { status, body } = await post('/throw-plain', '{}');
    expect(status).toBe(500);
    expect(body.error.code).toBe('internal_error');
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('passes a RungError through with its details', async () => {
    const { status, body } = await post('/throw-rung', '{}');
    expect(status).toBe(402);
    expect(body).toStrictEqual({ error: { message: 'monthly budget reached', type: 'rate_limit_error', param: null, code: 'budget_exceeded', limit_usd: 10 } });
  });

  it('keeps the original error as the cause', () => {
    const original = new StatusError('nope', 409);
    expect(errorFromFastify(original).cause).toBe(original);
    expect(errorFromFastify('a string').code).toBe('internal_error');
    expect(errorFromFastify(null).code).toBe('internal_error');
  });
});

describe('renderErrorBody', () => {
  it('renders the OpenAI error shape with param', () => {
    expect(renderErrorBody(new RungError('invalid_request', 'bad temperature', { param: 'temperature' }))).toStrictEqual({
      error: { message: 'bad temperature', type: 'invalid_request_error', param: 'temperature', code: 'invalid_request' },
    });
  });
});
