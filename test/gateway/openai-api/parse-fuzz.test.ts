// Property: whatever JSON a client sends, the parser either returns a well-formed request or
// throws RungError('invalid_request') with a string param (or none for a non-object body). A
// TypeError or any other exception would become a 500 instead of a 400.
import { describe, expect, it } from 'vitest';
import { RungError } from '../../../src/errors/rung-error.ts';
import { parseChatCompletionBody } from '../../../src/gateway/openai-api/parse-chat-request.ts';
import { fullBody, minimalBody } from './fixtures.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: a small seeded generator, so a failure reproduces exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['role', 'content', 'type', 'text', 'name', 'function', 'tool_calls', 'id', 'url', 'image_url', '__proto__', 'constructor', 'toString', 'x'];
const STRINGS = ['', 'user', 'assistant', 'tool', 'system', 'function', 'text', 'image_url', 'json_schema', 'auto', 'required', 'call_1', 'get_weather', 'https://a.b/c.png', 'data:x', 'é∑😀', 'a b'];
const NUMBERS = [0, 1, -1, 2, 0.5, 21, 1e308, -1e308, 1.5, 4, 17, 65];

function randomJson(random: () => number, depth: number): Json {
  const pick = Math.floor(random() * (depth <= 0 ? 4 : 6));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return NUMBERS[Math.floor(random() * NUMBERS.length)] ?? 0;
    case 3:
      return STRINGS[Math.floor(random() * STRINGS.length)] ?? '';
    case 4:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(random, depth - 1));
    default: {
      const object: { [key: string]: Json } = {};
      const size = Math.floor(random() * 4);
      for (let index = 0; index < size; index++) object[KEYS[Math.floor(random() * KEYS.length)] ?? 'x'] = randomJson(random, depth - 1);
      return object;
    }
  }
}

type Container = { [key: string]: Json } | Json[];

/** Every (container, key) slot inside a value, so a mutation can target any path of it. */
function slotsOf(value: Json, slots: [Container, string | number][] = []): [Container, string | number][] {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      slots.push([value, index]);
      slotsOf(item, slots);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      slots.push([value, key]);
      slotsOf(value[key] as Json, slots);
    }
  }
  return slots;
}

function mutatedBody(random: () => number): unknown {
  const strategy = Math.floor(random() * 4);
  if (strategy === 0) return randomJson(random, 4);
  // JSON round trip: the parser only ever sees JSON.parse output (own data properties, even `__proto__`).
  const body = JSON.parse(JSON.stringify(random() < 0.8 ? fullBody() : minimalBody())) as Json;
  const slots = slotsOf(body);
  const mutations = 1 + Math.floor(random() * 3);
  for (let count = 0; count < mutations; count++) {
    const [container, key] = slots[Math.floor(random() * slots.length)] ?? [[], 0];
    if (strategy === 1) {
      (container as Record<string | number, Json>)[key] = randomJson(random, 2);
    } else if (strategy === 2) {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key as string];
    } else if (!Array.isArray(container)) {
      container[KEYS[Math.floor(random() * KEYS.length)] ?? 'x'] = randomJson(random, 2);
    }
  }
  return JSON.parse(JSON.stringify(body)) as unknown;
}

describe('parseChatCompletionBody on malformed input', () => {
  it('returns a request or throws invalid_request for 2,000 random bodies', () => {
    const random = seededRandom(20_240_611);
    let accepted = 0;
    let rejected = 0;
    for (let round = 0; round < 2_000; round++) {
      const body = mutatedBody(random);
      try {
        const parsed = parseChatCompletionBody(body);
        expect(typeof parsed.model).toBe('string');
        expect(parsed.request.messages.length).toBeGreaterThan(0);
        expect(typeof parsed.request.stream).toBe('boolean');
        accepted++;
      } catch (error) {
        if (!(error instanceof RungError) || error.code !== 'invalid_request') {
          throw new Error(`round ${round}: unexpected ${String(error)} for body ${JSON.stringify(body)}`, { cause: error });
        }
        const objectBody = body !== null && typeof body === 'object' && !Array.isArray(body);
        if (objectBody) expect(typeof error.param, `round ${round}: ${error.message}`).toBe('string');
        else expect(error.param).toBeUndefined();
        rejected++;
      }
    }
    // Both outcomes must occur, or the generator is not exercising the validators.
    expect(accepted).toBeGreaterThan(50);
    expect(rejected).toBeGreaterThan(500);
  });
});
