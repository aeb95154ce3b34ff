// A real HTTP server on 127.0.0.1 that the official openai SDK talks to. It records the JSON body
// the SDK sent and answers with whatever a test rendered, so the SDK's own request builder and
// response/stream parsers check Rung's wire layer in both directions.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';

export interface CannedResponse {
  status: number;
  contentType: string;
  body: string;
}

export interface SdkServer {
  client: OpenAI;
  /** The next (and every later) request gets this answer. */
  respondWith(response: CannedResponse): void;
  /** The parsed JSON body of the latest request, or undefined for a bodiless one. */
  lastBody(): unknown;
  lastPath(): string | undefined;
  close(): Promise<void>;
}

export async function startSdkServer(): Promise<SdkServer> {
  let canned: CannedResponse = { status: 500, contentType: 'text/plain', body: 'no response set' };
  let lastBody: unknown;
  let lastPath: string | undefined;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      lastBody = text.length === 0 ? undefined : (JSON.parse(text) as unknown);
      lastPath = request.url;
      response.writeHead(canned.status, { 'content-type': canned.contentType });
      response.end(canned.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new OpenAI({ apiKey: 'test-key', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
  return {
    client,
    respondWith(response) {
      canned = response;
    },
    lastBody: () => lastBody,
    lastPath: () => lastPath,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export function jsonResponse(value: unknown): CannedResponse {
  return { status: 200, contentType: 'application/json', body: JSON.stringify(value) };
}

export function sseResponse(body: string): CannedResponse {
  return { status: 200, contentType: 'text/event-stream', body };
}
