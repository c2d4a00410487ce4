// The host's control of the element without losing the GP's work (issue #18): a new prefill
// after the GP typed, a saved draft after a reload, a move in the DOM, the ready promise and the
// plan getter, clinical mode, opening on a step, printing and downloading through cancelable
// events, theming, and the iframe's height and draft messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { embedOne, eventually, useBrowser } from './lib.mjs';

const env = useBrowser(test, { locale: 'da-DK', args: ['--lang=da'] });

/** A plain host page with one element, prefilled as a record would. */
function host(attrs = '') {
  return embedOne(env.browser.context, env.server.origin, {
    html: `<div id="slot-a"><pakkeforloeb-widget id="w" lang="da" ${attrs}></pakkeforloeb-widget></div><div id="slot-b"></div>`,
    input: { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45, smoking: 'current' } },
    events: ['pakkeforloeb-draft', 'pakkeforloeb-print', 'pakkeforloeb-download', 'pakkeforloeb-plan'],
  });
}

test('a new prefill after the GP typed keeps the answers of the GP and says what the record changed', async () => {
  const { page, errors, w } = await host();
  await w.getByRole('button', { name: /Behovsvurdering/ }).click();
  await w.locator('[data-measurement="smoking"] select').selectOption('former');
  await w.locator('[data-instrument="cat"] .pf-item').nth(0).locator('input[value="3"]').check();
  // A lab result arrives: the record sends its prefill again, with a new FEV1 and its old smoking.
  await page.evaluate(() => {
    document.getElementById('w').input = { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62, fev1_pct_pred: 38, smoking: 'never' } };
  });
  assert.equal(await w.locator('[data-measurement="fev1_pct_pred"] input').inputValue(), '38');
  assert.equal(await w.locator('[data-measurement="smoking"] select').inputValue(), 'former');
  assert.equal(await w.locator('[data-instrument="cat"] .pf-item').nth(0).locator('input[value="3"]').isChecked(), true);
  const note = await w.locator('.pf-host-note').textContent();
  assert.match(note, /Journalsystemet har opdateret: FEV1 i procent af forventet/);
  assert.match(note, /Dine egne indtastninger er bevaret, selvom journalen sendte andet: Rygning/);
  // The plan getter reads the merged state.
  const plan = await page.evaluate(() => document.getElementById('w').plan);
  assert.equal(plan.assessment.measurements.fev1_pct_pred, 38);
  assert.equal(plan.assessment.measurements.smoking, 'former');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a saved draft survives a reload, and a move in the DOM keeps what was entered', async () => {
  const { page, errors, w } = await host();
  await w.getByRole('button', { name: /Behovsvurdering/ }).click();
  await w.locator('[data-instrument="cat"] .pf-item').nth(1).locator('input[value="4"]').check();
  await w.locator('[data-measurement="weight_kg"] input').fill('7x');
  // The host got every change as a draft (each a frame after the entry); it stores the last one.
  const saved = await eventually(async () => {
    const last = await page.evaluate(() => window.__events.filter((e) => e.name === 'pakkeforloeb-draft').at(-1).detail);
    assert.deepEqual(last, await page.evaluate(() => document.getElementById('w').draft));
    return last;
  });
  assert.equal(saved.schema, 'pakkeforloeb/draft@1');
  // Moving the element (a host re-rendering its layout) keeps everything.
  await page.evaluate(() => document.getElementById('slot-b').append(document.getElementById('w')));
  await page.evaluate(() => document.getElementById('w').ready);
  await w.getByRole('button', { name: /Behovsvurdering/ }).click();
  assert.equal(await w.locator('[data-measurement="weight_kg"] input').inputValue(), '7x');
  // A reload: a fresh page, the host gives the draft back.
  await page.reload();
  await page.waitForFunction(() => document.getElementById('w1')?.input !== undefined);
  await page.evaluate(async (saved) => {
    document.body.innerHTML = '<pakkeforloeb-widget id="w" lang="da"></pakkeforloeb-widget>';
    const w = document.getElementById('w');
    await w.ready;
    w.draft = saved;
  }, saved);
  await w.getByRole('button', { name: /Behovsvurdering/ }).click();
  assert.equal(await w.locator('[data-instrument="cat"] .pf-item').nth(1).locator('input[value="4"]').isChecked(), true);
  assert.equal(await w.locator('[data-measurement="weight_kg"] input').inputValue(), '7x', 'an invalid value comes back as typed');
  assert.match(await w.locator('[data-measurement="weight_kg"] .pf-error').textContent(), /7x/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('clinical mode hides the trainer and the example patients; step="assessment" opens there', async () => {
  const { page, errors, w } = await host('mode="clinical" step="assessment"');
  assert.equal(await w.locator('.pf-step[aria-current="step"]').getAttribute('data-step'), '1');
  assert.equal(await w.locator('.pf-trainer-toggle').isVisible(), false);
  await w.getByRole('button', { name: /^1 Start/ }).click();
  assert.equal(await w.locator('.pf-examples').count(), 0);
  await page.evaluate(() => document.getElementById('w').removeAttribute('mode'));
  assert.equal(await w.locator('.pf-trainer-toggle').isVisible(), true);
  assert.equal(await w.locator('.pf-examples').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test('printing prints the widget alone; a host can take over printing and downloading', async () => {
  const { page, errors, w } = await host();
  await w.getByRole('button', { name: /Behandlingsplan/ }).click();
  await w.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  // Printing in print media: what is visible at the moment the browser prints.
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('afterbegin', '<h1 id="host-title">Journal</h1>');
    window.print = () => {
      window.__printed = {
        host: getComputedStyle(document.getElementById('host-title')).display,
        widget: getComputedStyle(document.getElementById('w')).display,
      };
    };
  });
  // (Clicked from script: in print media the button itself is not shown.)
  await page.evaluate(() => document.getElementById('w').shadowRoot.querySelector('.pf-print-button').click());
  assert.deepEqual(await page.evaluate(() => window.__printed), { host: 'none', widget: 'block' });
  // Afterwards the host page is as it was.
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('host-title')).display), 'block');
  await page.emulateMedia({ media: 'screen' });
  // Without a host taking over, the download is the plan as a JSON file.
  const [download] = await Promise.all([page.waitForEvent('download'), w.locator('.pf-download').click()]);
  assert.equal(download.suggestedFilename(), 'behandlingsplan.json');
  const saved = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(saved.schema, 'pakkeforloeb/plan@1');
  // A host that takes over cancels the events: no print dialog, no download.
  await page.evaluate(() => {
    window.__printed = null;
    for (const name of ['pakkeforloeb-print', 'pakkeforloeb-download']) {
      document.addEventListener(name, (e) => e.preventDefault());
    }
  });
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await w.locator('.pf-print-button').click();
  await w.locator('.pf-download').click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__printed), null);
  assert.equal(downloads, 0);
  const taken = await page.evaluate(() => window.__events.filter((e) => e.name === 'pakkeforloeb-download').at(-1).detail);
  assert.equal(taken.schema, 'pakkeforloeb/plan@1');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a host themes the widget through custom properties; its root font size does not leak in', async () => {
  const { page, errors } = await host();
  const sizes = await page.evaluate(() => {
    const w = document.getElementById('w');
    const next = () => w.shadowRoot.querySelector('.pf-next');
    const before = getComputedStyle(next()).paddingLeft;
    document.documentElement.style.fontSize = '10px';
    const after = getComputedStyle(next()).paddingLeft;
    w.style.setProperty('--pakkeforloeb-accent', 'rgb(0, 100, 0)');
    return { before, after, accent: getComputedStyle(next()).backgroundColor };
  });
  assert.equal(sizes.after, sizes.before);
  assert.equal(sizes.accent, 'rgb(0, 100, 0)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the iframe tells its host its height and its draft; a re-sent init keeps the answers of the GP', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(env.server.origin + '/iframe-host.html');
  const frame = page.frameLocator('#frame');
  await page.waitForFunction(() => (window.__messages ?? []).some((m) => m.type === 'resize'));
  // The host sizes the frame to the last height the frame reported.
  await page.waitForFunction(() => {
    const last = window.__messages.filter((m) => m.type === 'resize').at(-1).height;
    return document.getElementById('frame').style.height === `${last}px` && last > 300;
  });
  await frame.getByRole('button', { name: /Behovsvurdering/ }).click();
  await frame.locator('[data-measurement="smoking"] select').selectOption('never');
  await page.waitForFunction(() => window.__messages.some((m) => m.type === 'draft' && m.draft.measurements?.smoking === 'never'));
  // The host sends init again (as after its own reload of the record): the GP's entry stays.
  await page.evaluate(() => {
    document.getElementById('frame').contentWindow.postMessage({
      protocol: 'pakkeforloeb', version: 1, type: 'init',
      input: { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45, smoking: 'current' } },
    }, location.origin);
  });
  await page.waitForTimeout(200);
  assert.equal(await frame.locator('[data-measurement="smoking"] select').inputValue(), 'never');
  // The page reloads: the host gives the saved draft back after init.
  await page.reload();
  const again = page.frameLocator('#frame');
  await again.getByRole('button', { name: /Behovsvurdering/ }).click();
  assert.equal(await again.locator('[data-measurement="smoking"] select').inputValue(), 'never');
  await page.close();
});

test('a host with an opaque origin (a file:// page) drives the iframe only with the explicit opt-in', async () => {
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-null-host-'));
  // A desktop host's page from the file system: its origin is "null" to the frame.
  const hostPage = (query) => {
    const file = path.join(dir, `host-${query ? 'opt-in' : 'plain'}.html`);
    fs.writeFileSync(file, `<!doctype html><meta charset="utf-8"><iframe id="frame" src="${env.server.origin}/frame.html${query}"></iframe>
<script>
window.__messages = [];
const frame = document.getElementById('frame');
window.addEventListener('message', (e) => { if (e.source === frame.contentWindow) window.__messages.push(e.data); });
frame.addEventListener('load', () => setTimeout(() => frame.contentWindow.postMessage({ protocol: 'pakkeforloeb', version: 1, type: 'init',
  input: { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45 } } }, '${env.server.origin}'), 500));
</script>`);
    return 'file://' + file;
  };
  const page = await env.browser.context.newPage();
  // With ?allow-null-origin=yes: init is taken, the frame answers (addressed to "*").
  await page.goto(hostPage('?allow-null-origin=yes'));
  await page.waitForFunction(() => window.__messages.some((m) => m.type === 'change'), null, { timeout: 15000 });
  const got = await page.evaluate(() => window.__messages);
  assert.equal(got.find((m) => m.type === 'change').plan.differentiation.level, 2);
  assert.ok(got.some((m) => m.type === 'resize'));
  // Without it: the same page's messages are ignored, and the frame says nothing to it.
  await page.goto(hostPage(''));
  await page.frameLocator('#frame').locator('pakkeforloeb-widget').waitFor();
  await page.waitForTimeout(2000);
  assert.deepEqual(await page.evaluate(() => window.__messages), []);
  await page.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
