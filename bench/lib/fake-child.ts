// Entry point of a fake-provider child process (spawned by fake-process.ts). It starts one OpenAI
// fake on 127.0.0.1 with recording off, sends its URL to the parent over IPC, answers
// `request-count` messages, and closes on SIGTERM.
import { parseArgs } from 'node:util';
import { startFakeProvider } from '../../src/fakes/server.ts';
import { faultWithProbability } from '../../src/fakes/faults.ts';

const { values } = parseArgs({
  options: {
    'api-key': { type: 'string' },
    'fault-probability': { type: 'string' },
    'fault-status': { type: 'string', default: '503' },
    seed: { type: 'string', default: '1' },
  },
  strict: true,
});

const probability = values['fault-probability'] === undefined ? 0 : Number(values['fault-probability']);
const fake = await startFakeProvider({
  kind: 'openai',
  record: false,
  host: '127.0.0.1',
  port: 0,
  ...(values['api-key'] === undefined ? {} : { apiKey: values['api-key'] }),
  ...(probability > 0
    ? { faults: faultWithProbability(probability, { status: Number(values['fault-status']) }, Number(values.seed)) }
    : {}),
});

process.on('message', (message) => {
  if (message === 'request-count') process.send?.({ requestCount: fake.requestCount });
});
process.once('SIGTERM', () => {
  fake.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
process.send?.({ url: fake.url, origin: fake.origin });
