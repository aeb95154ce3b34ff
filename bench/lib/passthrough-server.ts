// The floor of the gateway benchmark: the least a Node gateway can do with the same parts Rung
// uses. fastify receives the request, undici forwards the body to the fake over a keep-alive pool
// and the answer is relayed. No auth, no routing, no parsing beyond fastify's JSON body parser, no
// record. Started as a child: `node --import tsx bench/lib/passthrough-server.ts --upstream URL --port N`.
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
const basePath = upstream.pathname.replace(/\/$/, '');
const authorization = `Bearer ${values['api-key'] ?? ''}`;

const app = Fastify({ logger: false });
app.post('/v1/chat/completions', async (request, reply) => {
  const response = await pool.request({
    method: 'POST',
    path: `${basePath}/chat/completions`,
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(request.body),
  });
  const payload: unknown = await response.body.json();
  return reply.code(response.statusCode).send(payload);
});
await app.listen({ port: Number(values.port), host: '127.0.0.1' });
// Exit cleanly on SIGTERM so `--cpu-prof` can write its profile.
process.once('SIGTERM', () => {
  void app.close().then(() => pool.close()).then(() => process.exit(0));
});
