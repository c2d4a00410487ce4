// A GP's KOL assessment on the demo page, end to end in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { axeViolations as axe, openPage, useBrowser } from './lib.mjs';

const env = useBrowser({ before, after });

const openDemo = (width = 1024) => openPage(env.browser.context, env.server.origin + '/', width);

test('a GP completes a KOL assessment in Danish and downloads a plan that matches the contract', async () => {
  const { page, requests, errors } = await openDemo();
  const loaded = requests.length;
  // The demo page loads the widget as a host page does: no inline script allowed, one .wasm.
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 1, requests.join('\n'));
  assert.equal(await page.getAttribute('.pf-widget', 'lang'), 'da');
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  assert.deepEqual(await axe(page), [], 'axe on Start');

  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  const cat = [2, 3, 1, 4, 2, 1, 0, 3];
  const items = page.locator('[data-instrument="cat"] .pf-item');
  for (let i = 0; i < cat.length; i++) await items.nth(i).locator(`input[value="${cat[i]}"]`).check();
  await page.locator('[data-instrument="mrc"] input[value="3"]').check();
  const who5 = [3, 3, 2, 4, 3];
  const witems = page.locator('[data-instrument="who5"] .pf-item');
  for (let i = 0; i < who5.length; i++) await witems.nth(i).locator(`input[value="${who5[i]}"]`).check();
  await page.getByLabel(/FEV1\/FVC/).fill('0,62');
  await page.getByLabel(/FEV1 i procent/).fill('45');
  await page.getByLabel(/Eksacerbationer behandlet/).fill('1');
  await page.getByLabel(/Indlæggelser for eksacerbation/).fill('0');
  await page.getByLabel('Rygning').selectOption('current');
  await page.getByLabel(/^Højde/).fill('168');
  await page.getByLabel(/^Vægt/).fill('61');
  assert.match(await page.textContent('[data-score="cat"]'), /Total: 16/);
  assert.match(await page.textContent('[data-score="who5"]'), /Procent: 60/);
  assert.deepEqual(await axe(page), [], 'axe on Behovsvurdering');

  await page.getByRole('button', { name: /Differentiering/ }).click();
  assert.equal(await page.getAttribute('.pf-overall-level', 'data-level'), '2');
  assert.match(await page.textContent('.pf-level[data-pathway="kol"]'), /GOLD 3/);
  assert.match(await page.textContent('.pf-level[data-pathway="kol"]'), /Forslag/);
  assert.deepEqual(await axe(page), [], 'axe on Differentiering');

  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  // The plan the GP confirms says its level on top, also when the GP skipped step 3.
  assert.equal(await page.getAttribute('.pf-overall-level', 'data-level'), '2');
  assert.match(await page.textContent('.pf-overall'), /Samlet niveau: Niveau 2/);
  await page.getByLabel(/Patientens egne mål/).fill('Kunne gå en tur med barnebarnet');
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  assert.deepEqual(await axe(page), [], 'axe on Behandlingsplan');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Hent JSON' }).click(),
  ]);
  const plan = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(plan.schema, 'pakkeforloeb/plan@1');
  assert.deepEqual(plan.pathways, ['kol']);
  assert.equal(plan.deadlines.plan_due, '2027-03-31');
  assert.equal(plan.differentiation.level, 2);
  assert.equal(plan.scores.gold.grade, 3);
  assert.equal(plan.scores.gold.group, 'B');
  assert.equal(plan.scores.bmi.value, 21.6);
  assert.equal(plan.coordinator, 'almen-praksis');
  assert.deepEqual(plan.goals.patient, ['Kunne gå en tur med barnebarnet']);
  const ids = plan.interventions.map((i) => i.id);
  for (const id of ['nikotinafvaenning', 'kol-rehabilitering', 'inhalationsteknik', 'afklarende-samtale']) assert.ok(ids.includes(id), id);
  for (const i of plan.interventions.filter((i) => i.provider === 'kommune')) assert.ok(i.start_by <= '2027-03-31', i.id);

  // Privacy: after its own files, the page made no request at all (blob: downloads are local).
  const after = requests.slice(loaded).filter((u) => !u.startsWith('blob:'));
  assert.deepEqual(after, []);
  assert.ok(requests.every((u) => u.startsWith(env.server.origin) || u.startsWith('blob:')), requests.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the demo works in a 360-pixel side panel without horizontal scrolling', async () => {
  const { page } = await openDemo(360);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  await page.close();
});
