// Debian's Chromium driven by playwright-core (no browser download), and the admin-API reads the
// e2e test compares the pages with.
import { chromium, type Browser } from 'playwright-core';
import { ADMIN_KEY } from '../helpers/gateway-harness.ts';

export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** GET an admin endpoint with the Bearer key, as a script would. */
export async function adminJson<T>(origin: string, path: string): Promise<T> {
  const response = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The few DOM members the test reads inside the page. The project compiles without the DOM
 * library, so callbacks run by `page.evaluate` reach the page's document through this cast.
 */
export interface PageGlobals {
  document: {
    querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null } | null;
    activeElement: { getAttribute(name: string): string | null } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
}
