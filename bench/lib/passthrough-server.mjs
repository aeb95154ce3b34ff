// The floor of the gateway benchmark: the least a Node gateway can do with the parts Rung uses.
// fastify receives the request (its JSON body parser included), undici forwards the body to the
// fake over a keep-alive pool, and the parsed answer is sent back. No auth, routing or record.
// Plain JavaScript, so that it runs like the compiled Rung does: no TypeScript loader in the
// process, whose memory and startup would otherwise be charged to this row.
//   node bench/lib/passthrough-server.mjs --upstream URL --port N [--api-key KEY]
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { Pool } from 'undici';

const { values } = parseArgs({
  options: { upstream: { type: 'string' }, port: { type: 'string' }, 'api-key': { type: 'string' } },
  strict: true,
});
if (values.upstream === undefined || values.port === undefined) throw new Error('--upstream and --port are required');
const upstream = new URL(values.upstream);
const pool = new Pool(upstream.origin, { connections: 128 });
const path = `${upstream.pathname.replace(/\/$/, '')}/chat/completions`;
const authorization = `Bearer ${values['api-key'] ?? ''}`;

const app = Fastify({ logger: false });
app.post('/v1/chat/completions', async (request, reply) => {
  const response = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(request.body),
  });
  const payload = await response.body.json();
  return reply.code(response.statusCode).send(payload);
});
await app.listen({ port: Number(values.port), host: '127.0.0.1' });
// Exit cleanly on SIGTERM so `--cpu-prof` can write its profile.
process.once('SIGTERM', () => {
  app.close().then(() => pool.close()).then(() => process.exit(0), () => process.exit(1));
});
