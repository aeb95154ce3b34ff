// The dashboard in a real browser against a real gateway: fake providers, SDK traffic, login
// through the form, every page opened, and each figure on the page compared with the JSON of the
// endpoint it comes from. Screenshots go to test-artifacts/dashboard/.
import { mkdir, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Harness } from '../helpers/gateway-harness.ts';
import { formatCount, formatMs, formatPercent, formatUsd } from '../../src/dashboard/web/src/format.ts';
import { adminJson, CHROMIUM, launchChromium, type PageGlobals } from './browser.ts';
import { sendTraffic, startDashboardGateway } from './traffic.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = `${ROOT}test-artifacts/dashboard`;
const DOCS_SCREENSHOT = `${ROOT}docs/images/dashboard-overview.png`;
const PAGES = ['overview', 'routing', 'providers', 'scorer', 'experiments', 'budgets'] as const;

type Metrics = Record<string, number | null>;
interface AnalyticsBody { totals: Metrics; groups: (Metrics & { key: string | null })[] }

let harness: Harness;
let browser: Browser;
let page: Page;
let origin: string;
let sent = 0;
/** Every URL the browser asked for, and every script error or CSP violation it reported. */
const requested: string[] = [];
const problems: string[] = [];

/** Waits for a figure and returns its raw value and text. */
async function figure(testId: string): Promise<{ value: number | null; text: string }> {
  const element = page.getByTestId(testId).first();
  await element.waitFor();
  const raw = await element.getAttribute('data-value');
  return { value: raw === null || raw === '' ? null : Number(raw), text: (await element.textContent()) ?? '' };
}

async function expectFigure(testId: string, expected: number | null | undefined, format: (value: number | null) => string): Promise<void> {
  const shown = await figure(testId);
  expect(shown.value, testId).toBe(expected ?? null);
  expect(shown.text, testId).toBe(format(expected ?? null));
}

async function open(name: (typeof PAGES)[number]): Promise<void> {
  await page.getByTestId(`nav-${name}`).click();
  await page.waitForFunction((target) => (globalThis as unknown as PageGlobals).document.querySelector(`[data-testid="nav-${target}"]`)?.getAttribute('aria-current') === 'page', name);
  await page.getByTestId('last-updated').filter({ hasText: 'Updated' }).waitFor();
}

async function screenshot(name: string): Promise<string> {
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

// A missing browser fails the suite (CI must not pass by skipping); set RUNG_SKIP_BROWSER_TESTS=1 to skip on purpose.
describe.skipIf(process.env.RUNG_SKIP_BROWSER_TESTS === '1')('dashboard in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set RUNG_SKIP_BROWSER_TESTS=1 to skip the browser tests)`);
    await build({ configFile: `${ROOT}src/dashboard/vite.config.ts`, logLevel: 'error' });
    await mkdir(ARTIFACTS, { recursive: true });
    const gateway = await startDashboardGateway();
    harness = gateway.harness;
    origin = harness.baseURL.replace(/\/v1$/, '');
    const form = await fetch(`${origin}/dashboard/`);
    if (form.status !== 200) throw new Error(`GET /dashboard/ answered ${form.status}: buildApp must call registerDashboard(app, { adminKey })`);
    sent = await sendTraffic(gateway);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    // Well under vitest's 30 s, so a missing element fails with the locator's own message.
    page.setDefaultTimeout(10_000);
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) problems.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it('asks for the admin key, refuses a wrong one and signs in with the right one', async () => {
    const denied = await fetch(`${origin}/api/v1/analytics`);
    expect(denied.status).toBe(401);
    await page.goto(`${origin}/dashboard/`);
    await page.getByLabel('Admin key').fill('not-the-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toContain('not the admin key');
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('nav-overview').waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'rung_dashboard');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(session?.value).not.toContain(ADMIN_KEY);
  });

  it('overview tiles show the totals of /api/v1/analytics', async () => {
    await open('overview');
    const api = await adminJson<AnalyticsBody>(origin, '/api/v1/analytics?group_by=hour');
    expect(api.totals.requests).toBe(sent);
    expect(api.groups.length).toBeGreaterThan(1);
    await expectFigure('tile-requests', api.totals.requests, formatCount);
    await expectFigure('tile-cost', api.totals.cost_usd, formatUsd);
    await expectFigure('tile-savings-premium', api.totals.savings_vs_premium_usd, formatUsd);
    await expectFigure('tile-savings-requested', api.totals.savings_vs_requested_usd, formatUsd);
    await expectFigure('tile-strong-share', api.totals.strong_tier_share, formatPercent);
    await expectFigure('tile-error-rate', api.totals.error_rate, formatPercent);
    await expectFigure('tile-avg-latency', api.totals.avg_latency_ms, formatMs);
    await expectFigure('tile-fallbacks', api.totals.fallback_count, formatCount);
    // Both charts drew one point per hour of the window.
    await page.locator('[data-testid="chart-cost"] canvas').waitFor();
    expect(Number(await page.getByTestId('chart-cost').getAttribute('data-points'))).toBeGreaterThanOrEqual(24);
    const path = await screenshot('overview');
    const { size } = await stat(path);
    // The README picture is written when missing, or on request (a test run should not dirty docs/).
    if (!existsSync(DOCS_SCREENSHOT) || process.env.RUNG_UPDATE_DOCS_SCREENSHOT === '1') {
      await mkdir(`${ROOT}docs/images`, { recursive: true });
      await page.screenshot({ path: DOCS_SCREENSHOT });
    }
    expect((await stat(DOCS_SCREENSHOT)).size).toBeLessThan(300 * 1024);
    expect(size).toBeGreaterThan(0);
  });

  it('routing tables match the grouped analytics, and a filter re-queries the request list', async () => {
    await open('routing');
    for (const by of ['policy', 'tier', 'model']) {
      const api = await adminJson<AnalyticsBody>(origin, `/api/v1/analytics?group_by=${by}`);
      expect(api.groups.length).toBeGreaterThan(0);
      for (const group of api.groups) {
        const key = group.key ?? '(none)';
        await expectFigure(`group-${by}-${key}-requests`, group.requests, formatCount);
        await expectFigure(`group-${by}-${key}-cost`, group.cost_usd, formatUsd);
      }
    }
    const latest = await adminJson<{ requests: { request_id: string; cost_usd: number }[] }>(origin, '/api/v1/analytics/requests?limit=25');
    const newest = latest.requests[0];
    expect(newest).toBeDefined();
    await expectFigure(`request-${newest?.request_id ?? ''}-cost`, newest?.cost_usd, formatUsd);
    await screenshot('routing');

    await page.getByTestId('filter-status').selectOption('error');
    const errors = await adminJson<{ requests: { request_id: string }[] }>(origin, '/api/v1/analytics/requests?limit=25&status=error');
    expect(errors.requests.length).toBeGreaterThan(0);
    await page.waitForFunction((count) => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="requests-count"]')?.textContent === String(count), errors.requests.length);
    const shownIds = await page.locator('[data-testid="requests-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-request-id')));
    expect(shownIds).toEqual(errors.requests.map((request) => request.request_id));
    const statuses = await page.locator('[data-testid="requests-table"] [data-testid$="-status"]').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['error']));
    expect(page.url()).toContain('status=error');
  });

  it('providers show router health per deployment', async () => {
    await open('providers');
    const api = await adminJson<{ deployments: { id: string; status: string; latency_ms: number | null; success_rate: number | null; breaker: { state: string } }[] }>(origin, '/api/v1/admin/router/health');
    for (const deployment of api.deployments) {
      await expectFigure(`deployment-${deployment.id}-latency`, deployment.latency_ms, formatMs);
      await expectFigure(`deployment-${deployment.id}-success-rate`, deployment.success_rate, formatPercent);
      expect(await page.getByTestId(`deployment-${deployment.id}-status`).textContent()).toBe(deployment.status);
      expect(await page.getByTestId(`deployment-${deployment.id}-breaker`).textContent()).toBe(deployment.breaker.state.replaceAll('_', ' '));
    }
    await screenshot('providers');
  });

  it('scorer shows the eval history with the drift run marked', async () => {
    await open('scorer');
    const api = await adminJson<{ history: { accepted: boolean; apgr: number | null }[] }>(origin, '/api/v1/scorer');
    await page.getByTestId('eval-history').waitFor();
    expect(await page.getByTestId('eval-count').textContent()).toBe(String(api.history.length));
    const marks = await page.locator('[data-testid="eval-history"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-accepted')));
    expect(marks).toEqual(api.history.map((run) => String(run.accepted)));
    expect(await page.locator('tr.row-drift').count()).toBe(api.history.filter((run) => !run.accepted).length);
    // The cost–quality curve from the model's manifest is drawn, not the "no curve" notice.
    await page.getByTestId('scorer-curve').waitFor();
    expect(await page.getByTestId('scorer-no-curve').count()).toBe(0);
    expect(await page.getByTestId('scorer-version').textContent()).toContain('rung-scorer-e2e');
    await screenshot('scorer');
  });

  it('experiments show both arms with intervals and the verdict', async () => {
    await open('experiments');
    const api = await adminJson<{ experiments: { experiment: { id: string }; arms: { name: string; requests: number; cost: { mean: number | null } }[]; verdict: { headline: string } }[] }>(origin, '/api/v1/experiments');
    expect(api.experiments.length).toBe(1);
    for (const report of api.experiments) {
      const id = report.experiment.id;
      expect(await page.getByTestId(`experiment-${id}-verdict`).textContent()).toBe(report.verdict.headline);
      for (const arm of report.arms) {
        await expectFigure(`experiment-${id}-arm-${arm.name}-requests`, arm.requests, formatCount);
        expect((await figure(`experiment-${id}-arm-${arm.name}-cost`)).value).toBe(arm.cost.mean);
        expect(await page.getByTestId(`experiment-${id}-arm-${arm.name}-cost-ci`).textContent()).toMatch(/^95% CI /);
      }
    }
    await screenshot('experiments');
  });

  it('budgets show spend against the limit and the state', async () => {
    await open('budgets');
    const api = await adminJson<{ budgets: { id: string; spentUsd: number; limitUsd: number; state: string }[] }>(origin, '/api/v1/admin/budgets');
    expect(api.budgets.length).toBe(2);
    for (const budget of api.budgets) {
      await expectFigure(`budget-${budget.id}-spent`, budget.spentUsd, formatUsd);
      await expectFigure(`budget-${budget.id}-limit`, budget.limitUsd, formatUsd);
      expect(await page.getByTestId(`budget-${budget.id}-state`).textContent()).toBe(budget.state);
    }
    await screenshot('budgets');
  });

  it('keyboard focus reaches every nav link, and Enter follows it', async () => {
    await page.goto(`${origin}/dashboard/#/overview`);
    await page.getByTestId('nav-overview').waitFor();
    const reached = new Set<string>();
    for (let press = 0; press < 12 && reached.size < PAGES.length; press += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.getAttribute('data-testid') ?? '');
      if (id.startsWith('nav-')) reached.add(id);
    }
    expect([...reached].sort()).toEqual(PAGES.map((name) => `nav-${name}`).sort());
    await page.getByTestId('nav-budgets').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/budgets$/);
  });

  it('a narrow screen renders every page without horizontal page overflow', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const name of PAGES) {
      await open(name);
      const overflow = await page.evaluate(() => {
        const root = (globalThis as unknown as PageGlobals).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      expect(overflow, name).toBeLessThanOrEqual(0);
    }
    await screenshot('budgets-narrow');
  });

  it('updates a page live, without a reload', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await open('overview');
    const before = (await figure('tile-requests')).value ?? 0;
    await harness.client.chat.completions.create({ model: 'gemini-light', messages: [{ role: 'user', content: 'one more' }] });
    await harness.built.context.flushRecords();
    await page.waitForFunction((expected) => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="tile-requests"]')?.getAttribute('data-value') === String(expected), before + 1, { timeout: 20_000 });
  });

  it('signs out: the cookie is gone and the login form is back', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin key').waitFor();
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === 'rung_dashboard')).toBeUndefined();
  });

  it('loaded everything from the gateway itself, with no script errors or CSP violations', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
