// Shared helpers for the end-to-end tests and the benchmark: a static file server for dist/
// and a headless Debian Chromium driven by playwright-core (which downloads no browser).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1 at a free port. `headers(urlPath)` may add response headers. With
 * `precompressed`, a file's `.br` beside it is sent instead (Content-Encoding: br) when the
 * browser accepts brotli, as nginx's brotli_static does.
 */
export async function serve(root, headers = () => ({}), { precompressed = false } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const br = precompressed && /\bbr\b/.test(req.headers['accept-encoding'] ?? '') && fs.existsSync(`${file}.br`);
    fs.readFile(br ? `${file}.br` : file, (err, body) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(br ? { 'content-encoding': 'br', vary: 'Accept-Encoding' } : {}),
        ...headers(url.pathname),
      });
      res.end(body);
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches Debian's Chromium headless with the flags this closed network needs. */
export async function launch({ args = [], ...options } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    ...options,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...args,
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Retries an assertion until it holds (or `ms` pass): what follows from the plan (gates, errors,
 * "Godkend") is painted a frame after the click that changed it. */
export async function eventually(check, ms = 3000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((ok) => setTimeout(ok, 25));
    }
  }
}

export const dist = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../dist');

/** Opens the demo page at `width` CSS pixels and records every request and page error. */
export async function openPage(context, url, width = 1024) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The focused element inside the widget's shadow root, for keyboard tests.
  await page.addInitScript(() => {
    window.deepActive = () => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a;
    };
  });
  await page.goto(url);
  await page.waitForSelector('.pf-widget');
  // Keep the last plan each event carried, as a host would.
  await page.evaluate(() => {
    for (const name of ['pakkeforloeb-plan', 'pakkeforloeb-change']) {
      document.addEventListener(name, (e) => { window['__' + name] = e.detail; });
    }
  });
  return { page, requests, errors };
}

/** Presses Tab until the focused element matches `selector` (fails after `max` presses). */
export async function tabTo(page, selector, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => deepActive()?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/**
 * Registers before/after hooks that serve dist/ and launch the browser for one test file;
 * returns an object whose `server` and `browser` are set once the hooks ran.
 */
export function useBrowser(test, launchOptions) {
  const env = {};
  test.before(async () => {
    env.server = await serve(dist);
    env.browser = await launch(launchOptions);
  });
  test.after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * A plain host page (the built embed.html, emptied) holding `html`, which has one widget with
 * id "w"; the widget is given `input` as a record would. Every event named in `events` is kept in
 * window.__events as { name, detail }.
 */
export async function embedOne(context, origin, { html, input, events = [] }) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(origin + '/embed.html');
  // The page's own script prefills its two widgets first; then the test puts its own in place.
  await page.waitForFunction(() => document.getElementById('w1')?.input !== undefined);
  await page.evaluate(async ({ html, input, events }) => {
    window.__events = [];
    for (const name of events) {
      document.addEventListener(name, (e) => window.__events.push({ name, detail: e.detail }));
    }
    document.body.innerHTML = html;
    const w = document.getElementById('w');
    w.input = input;
    await w.ready;
  }, { html, input, events });
  return { page, errors, w: page.locator('#w') };
}

/** The files a host loads to run the widget (the CSS is compiled into the wasm). */
export const SHIPPED = ['pakkeforloeb.js', 'pakkeforloeb-widget.js', 'pakkeforloeb-widget_bg.wasm'];
/** The FHIR module: loaded only when a host calls planToFhir or inputFromFhir. */
export const ON_DEMAND = ['pakkeforloeb-fhir.js', 'pakkeforloeb-fhir_bg.wasm'];

/** Raw, gzip (level 9) and brotli (quality 11) bytes of `files` (the shipped ones) in `root`. */
export function shippedBytes(root = dist, files = SHIPPED) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const f of files) {
    const b = fs.readFileSync(path.join(root, f));
    raw += b.length;
    gzip += zlib.gzipSync(b, { level: 9 }).length;
    brotli += zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return { raw, gzip, brotli };
}

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A/AA violations axe-core finds on the page, as `rule: targets` lines. axe is
 * evaluated through DevTools, which the page's CSP does not govern (the demo page allows no
 * inline script, so a script tag would be refused). */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
