// The dashboard shell: header with the page links, a status line, and the current page. Hash
// routes (`#/overview`, `#/routing?tier=light`), so the gateway serves one HTML file and a reload
// keeps the page and its filters.
import './styles.css';
import { h, fill } from './dom.ts';
import type { Page, PageFactory } from './page.ts';
import { Poller } from './poller.ts';
import { formatTime } from './format.ts';
import { overviewPage } from './pages/overview.ts';
import { routingPage } from './pages/routing.ts';
import { providersPage } from './pages/providers.ts';
import { scorerPage } from './pages/scorer.ts';
import { experimentsPage } from './pages/experiments.ts';
import { budgetsPage } from './pages/budgets.ts';

const POLL_MS = 5000;

const ROUTES: readonly { name: string; label: string; create: PageFactory }[] = [
  { name: 'overview', label: 'Overview', create: overviewPage },
  { name: 'routing', label: 'Routing', create: routingPage },
  { name: 'providers', label: 'Providers', create: providersPage },
  { name: 'scorer', label: 'Scorer', create: scorerPage },
  { name: 'experiments', label: 'Experiments', create: experimentsPage },
  { name: 'budgets', label: 'Budgets', create: budgetsPage },
];

function parseHash(): { name: string; params: URLSearchParams } {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [name = '', query = ''] = raw.split('?', 2);
  const known = ROUTES.some((route) => route.name === name);
  return { name: known ? name : 'overview', params: new URLSearchParams(query) };
}

const links = ROUTES.map((route) => h('a', { href: `#/${route.name}`, 'data-testid': `nav-${route.name}` }, route.label));
const logout = h('form', { method: 'post', action: '/dashboard/logout', class: 'logout' }, h('button', { type: 'submit', class: 'button-secondary' }, 'Sign out'));
const updated = h('span', { 'data-testid': 'last-updated' }, 'Loading…');
const problem = h('p', { class: 'load-error', role: 'alert', 'data-testid': 'load-error', hidden: true });
const content = h('main', { id: 'content', tabindex: -1 });

document.body.append(
  h('a', { class: 'skip-link', href: '#content' }, 'Skip to content'),
  h('header', { class: 'top' }, h('span', { class: 'brand' }, 'Rung'), h('nav', { 'aria-label': 'Dashboard pages' }, ...links), logout),
  h('div', { class: 'status', role: 'status', 'aria-live': 'polite' }, updated),
  problem,
  content,
);

let current: { name: string; page: Page } | null = null;

async function refresh(signal: AbortSignal): Promise<void> {
  if (current === null) return;
  const page = current.page;
  try {
    await page.refresh(signal);
    if (signal.aborted) return;
    problem.hidden = true;
    updated.textContent = `Updated ${formatTime(Date.now())}; live every ${POLL_MS / 1000} s`;
  } catch (error) {
    if (signal.aborted) return;
    problem.hidden = false;
    problem.textContent = `Could not load this page's data: ${error instanceof Error ? error.message : String(error)}. Retrying.`;
  }
}

const poller = new Poller(refresh, POLL_MS);

function open(): void {
  const { name, params } = parseHash();
  for (const link of links) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (current?.name === name) return;
  current?.page.destroy();
  const route = ROUTES.find((candidate) => candidate.name === name) ?? ROUTES[0];
  if (route === undefined) return;
  const page = route.create({
    params,
    setParams(next) {
      const query = next.toString();
      history.replaceState(null, '', `#/${name}${query === '' ? '' : `?${query}`}`);
    },
    refreshNow: () => poller.now(),
  });
  current = { name, page };
  document.title = `${page.title} · Rung dashboard`;
  fill(content, h('h1', {}, page.title), page.element);
  poller.now();
}

window.addEventListener('hashchange', open);
poller.start();
open();
