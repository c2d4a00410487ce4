// The three browsers a GP portal uses, each from Debian's packages (`make setup` installs them):
// Chromium and Firefox ESR driven by playwright-core (Chromium over CDP, Firefox over WebDriver
// BiDi, the channel playwright-core calls `moz-firefox`), and WebKitGTK's MiniBrowser driven by
// WebKitWebDriver (W3C WebDriver) under Xvfb. No browser is downloaded.
//
// A flow sees one small interface, the same in every browser (`Driver` below): it finds
// elements by CSS selector, through the widget's shadow root, and acts on them with the
// browser's own input (a real click, real key presses), not with scripts that set values.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, firefox } from 'playwright-core';

/** Finds the first element matching `sel` in the document or in any open shadow root. */
const DEEP_QUERY = `function deepQuery(sel, root = document) {
  const direct = root.querySelector(sel);
  if (direct) return direct;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = deepQuery(sel, el.shadowRoot);
      if (found) return found;
    }
  }
  return null;
}
function deepQueryAll(sel, root = document, out = []) {
  out.push(...root.querySelectorAll(sel));
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepQueryAll(sel, el.shadowRoot, out);
  return out;
}`;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The browsers, by name, with what each needs on this machine. */
export const BROWSERS = {
  chromium: { executable: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  firefox: { executable: process.env.FIREFOX ?? '/usr/bin/firefox-esr' },
  webkit: { executable: process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver' },
};

/**
 * What every flow uses. `q` is a CSS selector, searched through open shadow roots.
 * - goto(url), reload(), size(width, height)
 * - click(q), fill(q, text) (clears, then types), check(q), select(q, value), press(key)
 * - text(q), count(q), value(q), disabled(q), visible(q)
 * - run(fn, arg): runs `fn(arg)` in the page (fn sees `deepQuery`, `deepQueryAll`)
 * - until(fn, arg, what): polls `run` until it is truthy
 * - frame(q) / top(): act inside the iframe `q`, then back in the page
 * - close()
 */
class Driver {
  async until(fn, arg, what, ms = 10_000) {
    const end = Date.now() + ms;
    for (;;) {
      const v = await this.run(fn, arg).catch(() => undefined);
      if (v) return v;
      if (Date.now() > end) throw new Error(`${this.name}: timed out waiting for ${what}`);
      await sleep(50);
    }
  }
  text(q) { return this.run((s) => deepQuery(s)?.textContent ?? null, q); }
  count(q) { return this.run((s) => deepQueryAll(s).length, q); }
  value(q) { return this.run((s) => deepQuery(s)?.value ?? null, q); }
  disabled(q) { return this.run((s) => deepQuery(s)?.disabled ?? null, q); }
  visible(q) {
    return this.run((s) => {
      const e = deepQuery(s);
      if (!e) return false;
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    }, q);
  }
}

/** Chromium or Firefox ESR through playwright-core. */
class PlaywrightDriver extends Driver {
  constructor(name, browser, page) {
    super();
    this.name = name;
    this.browser = browser;
    this.page = page;
    this.scope = page;
  }
  static async open(name) {
    const browser = name === 'chromium'
      ? await chromium.launch({
        executablePath: BROWSERS.chromium.executable,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--lang=da',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      })
      : await firefox.launch({
        channel: 'moz-firefox',
        executablePath: BROWSERS.firefox.executable,
        headless: true,
        firefoxUserPrefs: { 'intl.locale.requested': 'da', 'intl.accept_languages': 'da' },
      });
    const context = await browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    await page.addInitScript(`${DEEP_QUERY}; window.deepQuery = deepQuery; window.deepQueryAll = deepQueryAll;`);
    return new PlaywrightDriver(name, browser, page);
  }
  async goto(url) { await this.page.goto(url); this.scope = this.page; }
  async reload() { await this.page.reload(); this.scope = this.page; }
  async size(width, height) { await this.page.setViewportSize({ width, height }); }
  async find(q) {
    const h = await this.scope.evaluateHandle((s) => deepQuery(s), q);
    const el = h.asElement();
    if (!el) throw new Error(`${this.name}: no element ${q}`);
    return el;
  }
  async click(q) { await (await this.find(q)).click(); }
  async check(q) { await (await this.find(q)).check(); }
  async fill(q, text) {
    const el = await this.find(q);
    await el.click();
    await el.press('Control+a');
    await el.press('Delete');
    await el.type(text);
  }
  async select(q, value) { await (await this.find(q)).selectOption(value); }
  async press(key) { await this.page.keyboard.press(key); }
  async run(fn, arg) {
    return this.scope.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`);
  }
  async frame(q) {
    const el = await this.find(q);
    this.scope = await el.contentFrame();
  }
  async top() { this.scope = this.page; }
  async close() { await this.browser.close(); }
}

const W3C_ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const KEYS = { Tab: '\uE004', Enter: '\uE007', Delete: '\uE017', Control: '\uE009', Backspace: '\uE003' };

const freePort = () => new Promise((ok) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

/** WebKitGTK's MiniBrowser through WebKitWebDriver, on its own Xvfb display. */
class WebDriverDriver extends Driver {
  constructor(base, session, processes, tmp) {
    super();
    this.name = 'webkit';
    this.base = base;
    this.session = session;
    this.processes = processes;
    this.tmp = tmp;
  }
  static async open() {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-webkit-'));
    const display = `:${90 + Math.floor(Math.random() * 800)}`;
    const xvfb = spawn('Xvfb', [display, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    await sleep(300);
    const port = await freePort();
    const driver = spawn(BROWSERS.webkit.executable, [`--port=${port}`], {
      stdio: 'ignore',
      env: { ...process.env, DISPLAY: display, LANG: 'da_DK.UTF-8', LANGUAGE: 'da', HOME: tmp },
    });
    const base = `http://127.0.0.1:${port}`;
    let session;
    for (let i = 0; i < 100 && !session; i++) {
      try {
        const r = await fetch(`${base}/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            capabilities: {
              alwaysMatch: {
                'webkitgtk:browserOptions': { binary: webkitMiniBrowser(), args: ['--automation'] },
              },
            },
          }),
        });
        const body = await r.json();
        if (!body.value?.sessionId) throw new Error(JSON.stringify(body).slice(0, 300));
        session = body.value.sessionId;
      } catch (e) {
        if (i === 99) throw e;
        await sleep(100);
      }
    }
    return new WebDriverDriver(base, session, [driver, xvfb], tmp);
  }
  async call(method, route, body) {
    const r = await fetch(`${this.base}/session/${this.session}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await r.json();
    if (json.value?.error) throw new Error(`webkit: ${route}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }
  async goto(url) { await this.call('POST', '/url', { url }); }
  async reload() { await this.call('POST', '/refresh', {}); }
  async size(width, height) {
    // The window's outer size. MiniBrowser's window is at least about 450 px wide (its
    // toolbar), so WebKit's flows run in a panel of that width, not 360 px; the viewport comes
    // out a little lower than asked. A flow that needs the viewport reads it from the page.
    await this.call('POST', '/window/rect', { width, height });
  }
  async run(fn, arg) {
    return this.call('POST', '/execute/sync', {
      script: `${DEEP_QUERY}; return (${fn})(arguments[0]);`,
      args: [arg ?? null],
    });
  }
  async find(q) {
    const el = await this.call('POST', '/execute/sync', {
      script: `${DEEP_QUERY}; return deepQuery(arguments[0]);`,
      args: [q],
    });
    if (!el) throw new Error(`webkit: no element ${q}`);
    return el[W3C_ELEMENT];
  }
  /** Scrolls the element to the middle of the view, as a GP would before using it (WebDriver
   * scrolls only to the edge, where the sticky bar sits), and waits two frames: a block the
   * page renders only near the view (content-visibility) is then laid out. */
  async reveal(id) {
    // Scrolls the page as a hand on the wheel does (WebKit's scrollIntoView does nothing for an
    // element in a block not rendered yet), until the element stays in the middle.
    await this.call('POST', '/execute/async', {
      script: `const [el, done] = arguments;
        const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
        (async () => {
          for (let i = 0; i < 6; i++) {
            const r = el.getBoundingClientRect();
            const off = r.top + r.height / 2 - innerHeight / 2;
            if (Math.abs(off) < 40) break;
            window.scrollBy(0, off);
            await frame();
          }
          done();
        })();`,
      args: [{ [W3C_ELEMENT]: id }],
    });
  }
  async click(q) {
    const id = await this.find(q);
    await this.reveal(id);
    await this.call('POST', `/element/${id}/click`, {}).catch((e) => {
      throw new Error(`${e.message} (${q})`);
    });
  }
  async check(q) {
    if (!(await this.run((s) => deepQuery(s)?.checked, q))) await this.click(q);
  }
  async fill(q, text) {
    const id = await this.find(q);
    await this.reveal(id);
    await this.call('POST', `/element/${id}/clear`, {});
    await this.call('POST', `/element/${id}/value`, { text });
  }
  async select(q, value) {
    await this.click(`${q} option[value="${value}"]`);
  }
  async press(key) {
    const k = KEYS[key] ?? key;
    await this.call('POST', '/actions', {
      actions: [{ type: 'key', id: 'kbd', actions: [{ type: 'keyDown', value: k }, { type: 'keyUp', value: k }] }],
    });
    await this.call('DELETE', '/actions');
  }
  async frame(q) {
    const id = await this.find(q);
    await this.call('POST', '/frame', { id: { [W3C_ELEMENT]: id } });
  }
  async top() { await this.call('POST', '/frame', { id: null }); }
  async close() {
    await fetch(`${this.base}/session/${this.session}`, { method: 'DELETE' }).catch(() => {});
    for (const p of this.processes) p.kill();
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}

/** The MiniBrowser WebKitWebDriver starts (Debian's libwebkit2gtk ships it in its libexec). */
function webkitMiniBrowser() {
  const found = spawnSync('sh', ['-c', 'ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser /usr/lib/*/webkitgtk-6.0/MiniBrowser 2>/dev/null'], { encoding: 'utf8' });
  const first = found.stdout.split('\n').find(Boolean);
  if (!first) throw new Error('MiniBrowser not found: run `make setup` (webkit2gtk-driver)');
  return first;
}

/** Opens `name` (chromium, firefox or webkit) with a fresh profile. */
export async function openBrowser(name) {
  if (name === 'webkit') return WebDriverDriver.open();
  return PlaywrightDriver.open(name);
}
