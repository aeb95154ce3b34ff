// The dashboard's server side through fastify's inject: login form, session cookie, the static
// file handler (content types, cache headers, no way out of the assets directory) and the
// disabled and not-built pages. The assets are a temporary directory, not the real build.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDashboard } from '../../src/dashboard/register-dashboard.ts';
import { createSessionValue, isDashboardSession, SESSION_COOKIE, SESSION_TTL_MS, verifySessionValue } from '../../src/dashboard/session.ts';
import { IMMUTABLE_CACHE, REVALIDATE_CACHE, safeRelativePath } from '../../src/dashboard/static-files.ts';

const ADMIN_KEY = 'dashboard-test-admin-key-42';
const NOW = 1_800_000_000_000;
let base: string;
let assets: string;

async function appWith(adminKey: string | undefined, assetsDirectory = assets): Promise<FastifyInstance> {
  const app = fastify({ logger: false });
  registerDashboard(app, { adminKey, assetsDirectory, now: () => NOW });
  // A route outside the dashboard: the login form parser must not apply to it.
  app.post('/elsewhere', (request, reply) => reply.send({ body: request.body }));
  await app.ready();
  return app;
}

async function signIn(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/dashboard/login', payload: `admin_key=${encodeURIComponent(ADMIN_KEY)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(response.statusCode).toBe(303);
  const cookie = String(response.headers['set-cookie']);
  return cookie.split(';')[0] ?? '';
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'rung-dashboard-'));
  assets = join(base, 'dist');
  await mkdir(join(assets, 'assets'), { recursive: true });
  await writeFile(join(assets, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(assets, 'assets', 'index-AbCdEf12.js'), 'console.log(1)');
  await writeFile(join(assets, 'assets', 'style-Zy98Xw76.css'), 'body{}');
  await writeFile(join(assets, 'robots.txt'), 'no');
  await writeFile(join(assets, '.env'), 'SECRET=1');
  await writeFile(join(base, 'outside.txt'), 'outside the assets');
  await symlink(join(base, 'outside.txt'), join(assets, 'assets', 'link-AbCdEf12.txt'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('login and session', () => {
  it('shows the login form without a session and the app with one', async () => {
    const app = await appWith(ADMIN_KEY);
    const anonymous = await app.inject({ url: '/dashboard' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('action="/dashboard/login"');
    expect(anonymous.body).not.toContain('<title>app</title>');
    const cookie = await signIn(app);
    const page = await app.inject({ url: '/dashboard/', headers: { cookie } });
    expect(page.body).toBe('<!doctype html><title>app</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    await app.close();
  });

  it('sets an HttpOnly, SameSite=Strict cookie that holds no admin key, and refuses a wrong key', async () => {
    const app = await appWith(ADMIN_KEY);
    const wrong = await app.inject({ method: 'POST', url: '/dashboard/login', payload: 'admin_key=guess', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('That is not the admin key.');
    expect(wrong.body).toContain('action="/dashboard/login"');
    const right = await app.inject({ method: 'POST', url: '/dashboard/login', payload: `admin_key=${ADMIN_KEY}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const cookie = String(right.headers['set-cookie']);
    expect(right.headers.location).toBe('/dashboard/');
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain(ADMIN_KEY);
    await app.close();
  });

  it('accepts the cookie for this admin key only, until it expires', () => {
    const value = createSessionValue(ADMIN_KEY, NOW);
    const request = (cookie: string) => ({ headers: { cookie } });
    expect(isDashboardSession(request(`a=b; ${SESSION_COOKIE}=${value}`), ADMIN_KEY, NOW)).toBe(true);
    expect(isDashboardSession(request(`${SESSION_COOKIE}=${value}`), 'another-admin-key', NOW)).toBe(false);
    expect(isDashboardSession(request(`${SESSION_COOKIE}=${value}`), undefined, NOW)).toBe(false);
    expect(isDashboardSession(request(`${SESSION_COOKIE}=${value}`), ADMIN_KEY, NOW + SESSION_TTL_MS)).toBe(false);
    // A later expiry with the old signature is refused: the expiry is signed.
    const [, signature] = value.split('.');
    expect(verifySessionValue(`${NOW + 10 * SESSION_TTL_MS}.${signature ?? ''}`, ADMIN_KEY, NOW)).toBe(false);
    expect(isDashboardSession({ headers: {} }, ADMIN_KEY, NOW)).toBe(false);
  });

  it('logout clears the cookie', async () => {
    const app = await appWith(ADMIN_KEY);
    const response = await app.inject({ method: 'POST', url: '/dashboard/logout' });
    expect(response.statusCode).toBe(303);
    expect(String(response.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`));
    await app.close();
  });

  it('says the dashboard is disabled when no admin key is configured', async () => {
    const app = await appWith(undefined);
    for (const url of ['/dashboard', '/dashboard/', '/dashboard/assets/index-AbCdEf12.js']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('data-testid="dashboard-disabled"');
    }
    const login = await app.inject({ method: 'POST', url: '/dashboard/login', payload: 'admin_key=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(login.headers['set-cookie']).toBeUndefined();
    await app.close();
  });

  it('keeps the form parser to the dashboard routes', async () => {
    const app = await appWith(ADMIN_KEY);
    const response = await app.inject({ method: 'POST', url: '/elsewhere', payload: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.statusCode).toBe(415);
    await app.close();
  });
});

describe('static files', () => {
  it('serves hashed assets as immutable and other files for revalidation, with their content types', async () => {
    const app = await appWith(ADMIN_KEY);
    const cookie = await signIn(app);
    const script = await app.inject({ url: '/dashboard/assets/index-AbCdEf12.js', headers: { cookie } });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe(IMMUTABLE_CACHE);
    const style = await app.inject({ url: '/dashboard/assets/style-Zy98Xw76.css', headers: { cookie } });
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const text = await app.inject({ url: '/dashboard/robots.txt', headers: { cookie } });
    expect(text.headers['cache-control']).toBe(REVALIDATE_CACHE);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    await app.close();
  });

  it('hands out no file before sign-in', async () => {
    const app = await appWith(ADMIN_KEY);
    const response = await app.inject({ url: '/dashboard/assets/index-AbCdEf12.js' });
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('console.log');
    await app.close();
  });

  it('never leaves the assets directory', async () => {
    const app = await appWith(ADMIN_KEY);
    const cookie = await signIn(app);
    const attempts = ['/dashboard/../outside.txt', '/dashboard/%2e%2e/outside.txt', '/dashboard/assets/%2e%2e%2f%2e%2e%2foutside.txt', '/dashboard/%2fetc%2fpasswd', '/dashboard/.env', '/dashboard/assets/link-AbCdEf12.txt', '/dashboard/assets', '/dashboard/a%00b', '/dashboard/%E0%A4%A'];
    for (const url of attempts) {
      const response = await app.inject({ url, headers: { cookie } });
      expect(response.body, url).not.toContain('outside the assets');
      expect(response.body, url).not.toContain('SECRET');
      expect([400, 404], url).toContain(response.statusCode);
    }
    await app.close();
  });

  it('refuses paths that are not plain relative paths', () => {
    expect(safeRelativePath('assets/app.js')).toBe('assets/app.js');
    expect(safeRelativePath('assets//app.js')).toBe('assets/app.js');
    expect(safeRelativePath('%2e%2e/x')).toBeNull();
    expect(safeRelativePath('a\\..\\b')).toBeNull();
    expect(safeRelativePath('%zz')).toBeNull();
  });

  it('says the app is not built when index.html is missing', async () => {
    const app = await appWith(ADMIN_KEY, join(base, 'missing'));
    const cookie = await signIn(app);
    const response = await app.inject({ url: '/dashboard/', headers: { cookie } });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:dashboard');
    await app.close();
  });
});
