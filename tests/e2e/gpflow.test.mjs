// The GP's flow, finished (#30), in Chromium at 360 × 800: focus never hidden under the sticky
// bar, confirming answered in the bar and sent once, validation that waits for the GP to leave
// a field, Danish messages, the step kept in the draft, the MDI offered as one line, one card
// per thing in a combined plan, and a host API that does what it says. (The flows that must
// hold in every browser are in browsers.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, useBrowser, embedOne } from './lib.mjs';

const env = useBrowser({ before, after });
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const example = (f) => JSON.parse(fs.readFileSync(path.join(root, 'public/examples', f), 'utf8')).input;

/** The demo page at 360 × 800 with `input` prefilled, as a host would. */
async function open(input) {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.evaluate((i) => { document.getElementById('pakkeforloeb').input = i; }, input);
  return { page, errors };
}

/** Where the focused element is against the sticky bar and the view. */
const focusState = (page) => page.evaluate(() => {
  const a = deepActive();
  const root = document.querySelector('pakkeforloeb-widget').shadowRoot;
  const bar = root.querySelector('.pf-nav').getBoundingClientRect();
  const r = a.getBoundingClientRect();
  const inBar = !!a.closest('.pf-nav');
  return {
    what: `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}${a.className ? '.' + String(a.className).split(' ')[0] : ''} "${(a.textContent || a.value || '').trim().slice(0, 30)}"`,
    hidden: !inBar && r.height > 0 && (r.bottom > bar.top + 1 || r.top < 0),
    inWidget: root.contains(a),
  };
});

/** Where the focused element comes to rest: a link's target is scrolled to and looked at again
 * a frame or two later (a block rendered by the scroll can change height), so it is judged once
 * it has stopped moving (the same place three frames running, at most a second). */
async function landed(page) {
  await page.evaluate(() => new Promise((done) => {
    let last = '';
    let same = 0;
    let frames = 0;
    const look = () => {
      const r = deepActive().getBoundingClientRect();
      const now = `${r.top} ${r.bottom}`;
      same = now === last ? same + 1 : 0;
      last = now;
      if (same >= 2 || ++frames > 60) done(); else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }));
  return focusState(page);
}

test('focus is never hidden under the sticky bar: every Tab stop of every step, and every kind of link', async () => {
  const kol = example('kol-2-ryger.json');
  kol.instruments.who5 = [1, 2, 1, 1, 2];
  const { page, errors } = await open(kol);
  let stops = 0;
  const perStep = [];
  // The MDI opened once stays open: every step is then tabbed from its heading.
  await page.click('.pf-step[data-step="1"]');
  await page.click('details.pf-offered summary');
  for (const step of [0, 1, 2, 3]) {
    const before = stops;
    await page.click(`.pf-step[data-step="${step}"]`);
    // The new step's heading takes the focus in the next frame: Tab from there, not before.
    await page.waitForFunction(() => deepActive()?.tagName === 'H2');
    // From the step's heading through every control of the step to the bar.
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press('Tab');
      const s = await focusState(page);
      if (!s.inWidget) break;
      assert.equal(s.hidden, false, `step ${step}: ${s.what} is hidden under the bar or above the view`);
      stops++;
      if (await page.evaluate(() => deepActive().closest('.pf-footer') !== null)) break;
    }
    perStep.push(stops - before);
  }
  // Radio groups are one stop each (arrow keys move within).
  assert.ok(perStep[1] > 40 && perStep.every((n) => n >= 2), `Tab stops per step: ${perStep}`);
  // A link from the error summary to a field far down, a gate's link to its stop, and the
  // bar's "Gå til feltet": each lands fully in view, above the bar.
  await page.click('.pf-step[data-step="1"]');
  await page.locator('[data-measurement="height_cm"] input').fill('999');
  await page.click('.pf-step[data-step="3"]');
  await page.locator('.pf-blocked .pf-link', { hasText: 'Gå til feltet' }).click();
  await page.waitForFunction(() => deepActive()?.id?.endsWith('-m-height_cm'));
  assert.equal((await landed(page)).hidden, false, 'the field a blocked reason links to');
  await page.click('.pf-step[data-step="3"]');
  await page.locator('.pf-error-summary .pf-link').first().click();
  await page.waitForFunction(() => deepActive()?.id?.endsWith('-m-height_cm'));
  assert.equal((await landed(page)).hidden, false, 'the field the error summary links to');
  await page.locator('[data-measurement="height_cm"] input').fill('172');
  // The suicide question's gate links to the question.
  await page.click('.pf-step[data-step="3"]');
  await page.locator('.pf-gate[data-gate="selvmordstanker"] .pf-link').first().click();
  await page.waitForFunction(() => deepActive()?.closest('[data-measurement="suicidal_thoughts"]'));
  assert.equal((await landed(page)).hidden, false, 'the question a gate links to');
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Godkend" answers in the bar, sends one plan for a double click, and an edit withdraws it with a word', async () => {
  const { page } = await open(example('kol-2-ryger.json'));
  await page.click('.pf-step[data-step="3"]');
  await page.evaluate(() => { window.__plans = 0; document.addEventListener('pakkeforloeb-plan', () => { window.__plans++; }); });
  await page.locator('.pf-confirm').dblclick();
  const bar = page.locator('.pf-nav');
  assert.match(await bar.textContent(), /Behandlingsplanen er godkendt/);
  assert.equal(await page.evaluate(() => window.__plans), 1, 'one plan event');
  // The focus went with the GP to what comes next.
  await page.waitForFunction(() => /pf-bar-print/.test(deepActive()?.className), null, { timeout: 2000 }).catch(() => {});
  assert.match(await page.evaluate(() => deepActive().className), /pf-bar-print/);
  assert.equal(await bar.locator('.pf-unconfirm').textContent(), 'Fortryd godkendelse');
  await bar.locator('.pf-unconfirm').click();
  assert.equal(await page.isVisible('.pf-confirm'), true);
  assert.equal(await page.locator('.pf-withdrawn').textContent(), '', 'taken back by the GP: no warning');
  await page.locator('.pf-confirm').click();
  await page.locator('textarea[id$="-goals"]').fill('Cykle igen');
  assert.match(await page.locator('.pf-withdrawn').textContent(), /Planen er ændret efter godkendelsen og er ikke længere godkendt/);
  assert.equal(await page.evaluate(() => window.__plans), 2);
  await page.close();
});

test('a field is checked when the GP leaves it, not while a valid value is typed; messages in Danish words and dates', async () => {
  const { page } = await open({ pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10' });
  await page.click('.pf-step[data-step="1"]');
  const field = page.locator('[data-measurement="fev1_fvc"]');
  const input = field.locator('input');
  // "0,62" passes "0" and "0," on the way: no error flashes, also after a short pause.
  await input.click();
  for (const key of ['0', ',']) {
    await page.keyboard.type(key);
    assert.equal(await field.locator('.pf-error').textContent(), '', `after "${key}"`);
    assert.equal(await input.getAttribute('aria-invalid'), null);
  }
  await page.waitForTimeout(400);
  assert.equal(await field.locator('.pf-error').textContent(), '');
  await page.keyboard.type('62');
  await page.keyboard.press('Tab');
  assert.equal(await field.locator('.pf-error').textContent(), '');
  // A wrong value shows its error when the GP leaves the field, or pauses.
  await input.fill('7');
  assert.equal(await field.locator('.pf-error').textContent(), '');
  await page.keyboard.press('Tab');
  assert.match(await field.locator('.pf-error').textContent(), /7 er uden for intervallet 0,2–1/);
  await input.fill('8');
  await page.waitForFunction(() => document.querySelector('pakkeforloeb-widget').shadowRoot.querySelector('[data-measurement="fev1_fvc"] .pf-error')?.textContent.includes('8 er uden for'), null, { timeout: 3000 });
  // One field to correct is "1 felt", in the bar on the plan step.
  await page.click('.pf-step[data-step="3"]');
  assert.match(await page.locator('.pf-blocked').textContent(), /^1 felt skal rettes \(FEV1\/FVC/);
  // "Næste" with an open error says the GP may go on and correct it later.
  await page.click('.pf-step[data-step="1"]');
  await page.click('.pf-next');
  assert.match(await page.locator('.pf-error-summary').textContent(), /Du kan godt gå videre og rette dem senere/);
  // A date in the wrong order is named as a Dane writes it, never in ISO form.
  await page.click('.pf-step[data-step="0"]');
  await page.locator('input[id$="-assessment_date"]').fill('2027-02-20');
  // (Tab moves between the date's own parts: the error shows after the pause.)
  await page.locator('[id$="-assessment_date-err"]').filter({ hasText: /ligger/ }).waitFor({ timeout: 3000 });
  const dateError = await page.locator('[id$="-assessment_date-err"]').textContent();
  assert.match(dateError, /20\. februar 2027 ligger før diagnosedatoen 1\. marts 2027/);
  assert.doesNotMatch(dateError, /\d{4}-\d\d-\d\d/);
  await page.close();
});

test('the MDI is offered as one line; open, its depression grade reads in Danish words; the KOL step stays under 4,500 px either way', async () => {
  const kol = example('kol-2-ryger.json');
  kol.instruments.who5 = [1, 2, 1, 1, 2];
  delete kol.measurements.suicidal_thoughts;
  const { page } = await open(kol);
  await page.click('.pf-step[data-step="1"]');
  const height = () => page.evaluate(() => {
    const r = document.querySelector('pakkeforloeb-widget').shadowRoot;
    for (const e of r.querySelectorAll('.pf-instrument, .pf-theme')) e.style.contentVisibility = 'visible';
    return Math.round(r.querySelector('.pf-main').getBoundingClientRect().height);
  });
  const offered = await height();
  assert.ok(offered <= 4500, `the KOL step with the MDI offered is ${offered} px at 360 px`);
  await page.click('details.pf-offered summary');
  const mdi = page.locator('[data-instrument="mdi"] .pf-item');
  await mdi.first().waitFor();
  const n = await mdi.count();
  for (let i = 0; i < n; i++) await mdi.nth(i).locator(`input[value="${i < 3 ? 5 : i === 5 ? 0 : 4}"]`).check();
  const opened = await height();
  assert.ok(opened <= 4500, `the KOL step with the MDI open and answered is ${opened} px at 360 px`);
  const score = await page.locator('[data-score="mdi"]').textContent();
  assert.match(score, /Depression efter ICD-10: svær/);
  assert.doesNotMatch(score, /icd10|severe|bilag2/);
  console.log(`  KOL step at 360 px: ${offered} px with the MDI offered, ${opened} px open`);
  await page.close();
});

test('a KOL + diabetes + heart plan shows one card per treatment, each reason once, and one missing-data box', async () => {
  const kol = example('kol-2-ryger.json');
  const input = {
    ...kol,
    pathways: ['kol', 'type2-diabetes', 'hjertesygdom'],
    measurements: { ...example('hjerte-1-iskaemi.json').measurements, ...example('t2d-2-over-maal.json').measurements, ...kol.measurements, known_cvd: true },
  };
  delete input.measurements.motivation;
  const { page } = await open(input);
  await page.click('.pf-step[data-step="3"]');
  const titles = await page.locator('.pf-treatment h4, .pf-treatment .pf-treatment-title').allTextContents();
  const cards = await page.locator('[data-treatment]').evaluateAll((els) => els.map((e) => e.dataset.treatment));
  assert.deepEqual(cards.filter((c) => c === 'statin'), ['statin'], `one statin card: ${cards}`);
  assert.equal(new Set(cards).size, cards.length, `${cards}`);
  assert.equal(new Set(titles).size, titles.length);
  // The offer all three pathways give for the same reason: the reason once, its rules named.
  const reasons = await page.locator('[data-intervention="afklarende-samtale"] .pf-reason').allTextContents();
  assert.equal(new Set(reasons).size, reasons.length, `${reasons}`);
  assert.equal(await page.locator('.pf-warning[data-warning="missing-data"]').count(), 1);
  assert.match(await page.locator('.pf-warning[data-warning="missing-data"]').textContent(), /Kun for Type 2-diabetes/);
  await page.close();
});

test('the host API does what it says: out-of-range prefill values fire one error naming each field and show at their fields; 42 and null are refused', async () => {
  const { page, errors, w } = await embedOne(env.browser.context, env.server.origin, {
    html: '<pakkeforloeb-widget id="w" step="assessment"></pakkeforloeb-widget>',
    input: { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62 } },
    events: ['pakkeforloeb-error'],
  });
  const messages = () => page.evaluate(() => window.__events.filter((e) => e.name === 'pakkeforloeb-error').map((e) => e.detail.message));
  assert.deepEqual(await messages(), []);
  await page.evaluate(() => { document.getElementById('w').input = { measurements: { fev1_fvc: 7, fev1_pct_pred: 400 }, instruments: { cat: [9, 1, 1, 1, 1, 1, 1, 1] } }; });
  const [message] = await messages();
  assert.match(message, /input\.instruments\.cat\[0\]: 9 is out of range/);
  assert.match(message, /input\.measurements\.fev1_fvc: 7 is out of range/);
  assert.match(message, /input\.measurements\.fev1_pct_pred: 400 is out of range/);
  assert.doesNotMatch(message, /pathways|diagnosis_date/, 'what the prefill left out is not a problem');
  // Shown where the GP corrects them, at once (a prefill is not typing).
  assert.match(await w.locator('[data-measurement="fev1_fvc"] .pf-error').textContent(), /7 er uden for intervallet/);
  // The partial prefill kept the pathways and dates.
  assert.deepEqual(await page.evaluate(() => document.getElementById('w').plan.pathways), ['kol']);
  for (const bad of [42, null, [1], 'not json']) {
    await page.evaluate((v) => { document.getElementById('w').input = v; }, bad);
    assert.match((await messages()).at(-1), /^input: (expected an input@1 object|not JSON)/, JSON.stringify(bad));
  }
  assert.equal(await page.evaluate(() => document.getElementById('w').input.measurements.fev1_fvc), 7, 'refused values change nothing');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the step survives a DOM move, a restored draft and a reload of the demo page; after a removal the focus is on its "Fortryd"', async () => {
  const { page } = await open(example('kol-2-ryger.json'));
  await page.click('.pf-step[data-step="2"]');
  // "Lægens vurdering" holds the GP's change: it stays open across steps and the reload.
  await page.locator('[data-pathway="kol"] .pf-override summary').click();
  await page.locator('[data-pathway="kol"] .pf-override select').selectOption('3');
  await page.click('.pf-step[data-step="1"]');
  await page.click('.pf-step[data-step="2"]');
  assert.equal(await page.locator('[data-pathway="kol"] .pf-override').evaluate((d) => d.open), true);
  await page.reload();
  await page.waitForSelector('.pf-widget');
  assert.equal(await page.getAttribute('.pf-step[aria-current="step"]', 'data-step'), '2', 'the demo page keeps the step across a reload');
  assert.equal(await page.locator('[data-pathway="kol"] .pf-override').evaluate((d) => d.open), true);
  assert.equal(await page.locator('[data-pathway="kol"] .pf-override select').inputValue(), '3');
  // A move in the DOM.
  await page.evaluate(async () => {
    const w = document.getElementById('pakkeforloeb');
    const box = document.createElement('div');
    document.body.append(box);
    box.append(w);
    await w.ready;
  });
  assert.equal(await page.getAttribute('.pf-step[aria-current="step"]', 'data-step'), '2');
  // Removing an intervention: the card goes, the focus goes to its "Fortryd".
  await page.click('.pf-step[data-step="3"]');
  const card = page.locator('.pf-intervention[data-intervention="kol-netvaerk"]');
  await card.locator('.pf-remove summary').click();
  await card.locator('.pf-remove input').fill('Ønsker det ikke');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => deepActive()?.closest('.pf-removed')?.dataset.intervention === 'kol-netvaerk');
  assert.equal(await page.evaluate(() => deepActive().textContent), 'Fortryd');
  await page.close();
});
