// The server-rendered pages the dashboard shows before its app loads: the login form, and the
// notices for a gateway without an admin key or without built assets. No scripts, inline CSS only.

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6f8; color: #1a1f24; }
  main { background: #fff; border: 1px solid #c9d1d9; border-radius: 8px; padding: 2rem; width: min(24rem, calc(100vw - 2rem)); box-sizing: border-box; }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin-bottom: .4rem; }
  input { width: 100%; box-sizing: border-box; font: inherit; padding: .55rem .6rem; border: 1px solid #57606a; border-radius: 4px; }
  button { margin-top: 1rem; font: inherit; font-weight: 600; padding: .55rem 1.2rem; border: 0; border-radius: 4px; background: #0b5cad; color: #fff; cursor: pointer; }
  input:focus-visible, button:focus-visible { outline: 3px solid #bf5a00; outline-offset: 2px; }
  .error { color: #a40e26; background: #ffebe9; border: 1px solid #cf222e; border-radius: 4px; padding: .5rem .6rem; margin: 0 0 1rem; }
  p { line-height: 1.45; }
  code { background: #eef1f4; padding: 0 .25rem; border-radius: 3px; }
`;

/** Allows the inline style above (and the empty data: icon) and nothing else; the form may only post back here. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The admin-key form; `error` is shown above it after a failed attempt. */
export function loginPage(error?: string): string {
  const message = error === undefined ? '' : `<p class="error" role="alert" data-testid="login-error">${escapeHtml(error)}</p>`;
  return page(
    'Rung dashboard: sign in',
    `<h1>Rung dashboard</h1>
${message}<form method="post" action="/dashboard/login">
<input type="text" name="username" value="admin" autocomplete="username" hidden>
<label for="admin_key">Admin key</label>
<input id="admin_key" name="admin_key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function disabledPage(): string {
  return page(
    'Rung dashboard: disabled',
    `<h1>Rung dashboard</h1>
<p data-testid="dashboard-disabled">The dashboard is disabled because no admin key is configured. Set <code>server.admin_key</code> in the gateway config to enable it.</p>`,
  );
}

export function notBuiltPage(): string {
  return page(
    'Rung dashboard: not built',
    `<h1>Rung dashboard</h1>
<p>The dashboard's files have not been built. Run <code>npm run build:dashboard</code> and restart the gateway.</p>`,
  );
}
