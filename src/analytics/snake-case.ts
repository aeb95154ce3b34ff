// camelCase keys to snake_case, deeply, for internal report objects served over the HTTP API
// (whose fields are all snake_case). Only for plain data whose keys are field names, never ones
// chosen by users (arm or budget names as keys would be rewritten).
export function snakeCaseKey(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [snakeCaseKey(key), snakeCaseKeys(item)]));
  }
  return value;
}
