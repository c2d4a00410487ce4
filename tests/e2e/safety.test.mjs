// Clinical safety in the browser: a gate is shown first and unmistakably, holds back routine care
// and blocks confirmation; unknown is never normal; the re-assessment phase reaches the plan;
// computePlan gives every golden scenario's hand-computed status (as the CLI does in tests/cli.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { axeViolations, eventually, openPage, useBrowser } from './lib.mjs';

const env = useBrowser({ before, after });

async function newLowBackPatient(page) {
  await page.getByLabel('Kroniske lænderygsmerter').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.locator('[data-measurement="pain_duration_weeks"] input').fill('20');
}

/** Confirms an example patient's plan, then loads it as the previous plan of a re-assessment on
 * `date`, as a GP does at the next consultation; returns the first plan. */
async function reassess(page, example, date) {
  await page.getByLabel('Eksempelpatienter (undervisning)').selectOption(example);
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  const first = await page.evaluate(() => window['__pakkeforloeb-plan']);
  await page.getByRole('button', { name: /Start/ }).click();
  await page.locator('.pf-previous summary').click();
  await page.locator('.pf-previous textarea').fill(JSON.stringify(first));
  await page.getByRole('button', { name: 'Indlæs tidligere plan' }).click();
  await page.getByLabel('Dato for behovsvurdering').fill(date);
  return first;
}

test('a red flag in a 360-px panel shows the acute stop first, offers nothing routine and blocks confirmation until the action is recorded', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await newLowBackPatient(page);
  await page.getByLabel(/Cauda equina/).check();
  // Where the GP ticked it, the action is repeated next to the field.
  assert.match(await page.textContent('[data-measurement="red_flags"] .pf-gate-inline'), /Akut henvisning til sygehus samme dag/);
  // At the top of every step, before the step's own content: an alert, not an informational note.
  for (const step of ['Start', 'Behovsvurdering', 'Differentiering', 'Behandlingsplan']) {
    await page.getByRole('button', { name: new RegExp(step) }).click();
    const first = page.locator('.pf-gates .pf-gate').first();
    assert.equal(await first.getAttribute('role'), 'alert', step);
    assert.equal(await first.getAttribute('data-gate'), 'lrs-cauda-equina', step);
    assert.match(await first.textContent(), /Handl først.*SAMME DAG|Handl først[\s\S]*Samme dag/i, step);
    const gateTop = await first.evaluate((e) => e.getBoundingClientRect().top);
    const mainTop = await page.locator('.pf-main').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(gateTop < mainTop, `${step}: the stop stands above the step`);
    // Its own style: the red alert frame, never the yellow of a note.
    assert.equal(await first.evaluate((e) => getComputedStyle(e).borderTopColor), 'rgb(163, 0, 0)', step);
    assert.equal(await first.evaluate((e) => getComputedStyle(e).backgroundColor), 'rgb(253, 236, 236)', step);
  }
  // The plan step: no level, no offers, no deadline, and "Godkend" says why it is disabled.
  assert.equal(await page.locator('.pf-intervention').count(), 0);
  assert.match(await page.textContent('.pf-deadline'), /venter, til sikkerhedsstoppene er afklaret/);
  const confirm = page.getByRole('button', { name: 'Godkend behandlingsplan' });
  assert.equal(await confirm.isDisabled(), true);
  assert.match(await page.textContent('.pf-blocked'), /akut sikkerhedsstop er åbent/);
  const change = await page.evaluate(() => window['__pakkeforloeb-change']);
  assert.equal(change.status, 'akut-handling');
  assert.equal(change.gates[0].id, 'lrs-cauda-equina');
  assert.deepEqual(change.interventions, []);
  assert.deepEqual(await axeViolations(page), [], 'axe with an open acute stop');
  // The GP records the referral for both stops: the plan may be confirmed, still without offers.
  for (const gate of ['lrs-cauda-equina', 'lrs-roede-flag']) {
    await page.locator(`.pf-gate[data-gate="${gate}"] .pf-gate-handled`).click();
  }
  await eventually(async () => assert.equal(await confirm.isDisabled(), false));
  await confirm.click();
  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.equal(plan.status, 'afventer-afklaring');
  assert.deepEqual(plan.gates.map((g) => [g.id, g.state]), [['lrs-cauda-equina', 'handled'], ['lrs-roede-flag', 'handled']]);
  assert.deepEqual(plan.interventions, []);
  assert.equal(plan.differentiation.level, null);
  // The printout says what happens first.
  await page.emulateMedia({ media: 'print' });
  // The printout says what happens first, in words for the patient, never the GP's instruction.
  const printout = await page.textContent('.pf-print');
  assert.match(printout, /Det skal ske først[\s\S]*Du er henvist akut til sygehuset i dag/);
  assert.doesNotMatch(printout, /Akut henvisning til sygehus samme dag|tilsidesæt|fjern markeringen/);
  // No heading over nothing: no offers, no goals, so neither heading.
  const headings = await page.locator('.pf-print h3').allTextContents();
  assert.ok(!headings.includes('Det har vi aftalt') && !headings.includes('Dine egne mål'), `${headings}`);
  assert.ok(headings.includes('Det skal ske først'), `${headings}`);
  await page.emulateMedia({ media: 'screen' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('red flags not assessed keep the pathway waiting; "none of these" is recorded and lets it proceed', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await newLowBackPatient(page);
  const sb = [0, 1, 0, 0, 0, 0, 0, 0, 1];
  const items = page.locator('[data-instrument="start-back"] .pf-item');
  for (let i = 0; i < sb.length; i++) await items.nth(i).locator(`input[value="${sb[i]}"]`).check();
  await page.getByRole('button', { name: /Differentiering/ }).click();
  const pending = page.locator('.pf-gate[data-gate="lrs-roede-flag"]');
  assert.match(await pending.textContent(), /Afventer svar[\s\S]*Besvar først[\s\S]*Røde flag/);
  assert.equal(await page.getAttribute('.pf-level[data-pathway="laenderyg"] .pf-level-value', 'data-status'), 'afventer-afklaring');
  // The question links to its field.
  await pending.getByRole('button', { name: 'Røde flag' }).click();
  await page.waitForFunction(() => window.deepActive()?.closest?.('[data-measurement="red_flags"]'));
  await page.getByLabel('Ingen af disse (vurderet)').check();
  await page.getByRole('button', { name: /Differentiering/ }).click();
  assert.equal(await page.locator('.pf-gate').count(), 0);
  assert.equal(await page.getAttribute('.pf-level[data-pathway="laenderyg"] .pf-level-value', 'data-level'), '1');
  // Ticking a flag withdraws "none of these".
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.getByLabel('Tidligere kræftsygdom').check();
  assert.equal(await page.getByLabel('Ingen af disse (vurderet)').isChecked(), false);
  // The plan follows the entry a frame later.
  const change = await eventually(async () => {
    const c = await page.evaluate(() => window['__pakkeforloeb-change']);
    assert.deepEqual(c.assessment.measurements.red_flags, ['cancer_history']);
    return c;
  });
  assert.equal(change.status, 'akut-handling');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a low WHO-5 asks about suicidal thoughts before the plan proceeds; the MDI is offered in a KOL assessment', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 800);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.getByLabel(/FEV1\/FVC/).fill('0,62');
  assert.equal(await page.locator('[data-instrument="mdi"]').count(), 0, 'the MDI waits for WHO-5');
  const items = page.locator('[data-instrument="who5"] .pf-item');
  for (let i = 0; i < 5; i++) await items.nth(i).locator('input[value="2"]').check();
  // The MDI is offered as one line that says why, closed; the suicide question, next to WHO-5
  // and above the MDI, says the plan waits for it today.
  const offered = page.locator('details.pf-offered[data-offered="mdi"]');
  await offered.waitFor();
  assert.equal(await offered.evaluate((d) => d.open), false);
  assert.match(await offered.locator('summary').textContent(), /Major Depression Inventory \(MDI\) \(12 spørgsmål\): tilbydes ud fra svarene ovenfor/);
  assert.equal(await page.locator('[data-instrument="mdi"]').count(), 0, 'its rows are built when it opens');
  const question = page.locator('[data-measurement="suicidal_thoughts"]');
  assert.match(await question.locator('.pf-needed').textContent(), /Skal besvares i dag: planen venter på svaret/);
  const above = await question.evaluate((q, d) => q.compareDocumentPosition(d) & Node.DOCUMENT_POSITION_FOLLOWING, await offered.elementHandle());
  assert.ok(above, 'the suicide question comes before the MDI');
  await offered.locator('summary').click();
  await page.locator('[data-instrument="mdi"]').waitFor();
  await page.getByRole('button', { name: /Differentiering/ }).click();
  assert.match(await page.textContent('.pf-gate[data-gate="selvmordstanker"]'), /Afventer svar · hele planen/);
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  // Opened once, the MDI stays open across steps.
  assert.equal(await page.locator('[data-instrument="mdi"]').count(), 1);
  await page.getByLabel(/Tanker om selvmord/).selectOption('false');
  await eventually(async () => assert.equal(await page.locator('[data-measurement="suicidal_thoughts"] .pf-needed').count(), 0, 'answered: no longer marked'));
  await page.getByRole('button', { name: /Differentiering/ }).click();
  assert.equal(await page.getAttribute('.pf-overall-level', 'data-level'), '2');
  // The GP's own "yes" is an acute stop for the whole plan.
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.getByLabel(/Tanker om selvmord/).selectOption('true');
  const first = page.locator('.pf-gates .pf-gate').first();
  assert.equal(await first.getAttribute('data-gate'), 'selvmordstanker');
  assert.equal(await first.getAttribute('role'), 'alert');
  assert.deepEqual(errors, []);
  await page.close();
});

test(`MDI item 6 answered 'some of the time' raises the suicide question first, blocks confirmation until answered, and the printout carries no GP instruction`, async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.getByLabel(/FEV1\/FVC/).fill('0,62');
  const who5 = page.locator('[data-instrument="who5"] .pf-item');
  for (let i = 0; i < 5; i++) await who5.nth(i).locator('input[value="2"]').check();
  await page.locator('details.pf-offered[data-offered="mdi"] summary').click();
  await page.locator('[data-instrument="mdi"]').waitFor();
  // The MDI below depression, but item 6 (life not worth living) 'some of the time'.
  const mdi = page.locator('[data-instrument="mdi"] .pf-item');
  const n = await mdi.count();
  for (let i = 0; i < n; i++) await mdi.nth(i).locator(`input[value="${i === 5 ? 1 : 0}"]`).check();
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  // Shown first, as an alert that names the answer that raised it.
  const first = page.locator('.pf-gates .pf-gate').first();
  assert.equal(await first.getAttribute('data-gate'), 'selvmordstanker');
  assert.equal(await first.getAttribute('role'), 'alert');
  assert.match(await first.textContent(), /Spørgsmålet rejses af[\s\S]*6\. Har du følt, at livet ikke var værd at leve\?[\s\S]*Lidt af tiden/);
  const confirm = page.getByRole('button', { name: 'Godkend behandlingsplan' });
  assert.equal(await confirm.isDisabled(), true);
  assert.match(await page.textContent('.pf-blocked'), /skal besvares i dag/);
  // The GP asks: yes. The acute stop opens; the GP records the same-day assessment.
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.getByLabel(/Tanker om selvmord/).selectOption('true');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.locator('.pf-gate[data-gate="selvmordstanker"] .pf-gate-handled').click();
  assert.equal(await confirm.isDisabled(), false);
  await confirm.click();
  // The printout is a letter the patient takes home: no GP instruction, and the conversation
  // about suicidal thoughts only when the GP ticks it in.
  await page.emulateMedia({ media: 'print' });
  let printout = await page.textContent('.pf-print');
  assert.doesNotMatch(printout, /Vurder selvmordsrisikoen|selvmord|tilsidesæt/i);
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel(/Medtag samtalen om trivsel/).check();
  await page.emulateMedia({ media: 'print' });
  printout = await page.textContent('.pf-print');
  assert.match(printout, /Vi har talt om, hvordan du har det/);
  assert.doesNotMatch(printout, /Vurder selvmordsrisikoen/);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a re-assessment in trin 2 reaches the plan as trin 2, due when the previous plan set its review', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 1024);
  const first = await reassess(page, 'kol-2-ryger', '2027-06-01');
  await page.getByLabel('Fase for revurderingen').selectOption('trin2');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.getByRole('button', { name: 'Bekræft alle overførte værdier' }).click();
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  const second = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.equal(second.phase, 'trin2');
  assert.equal(second.quality.phase, 'trin2');
  assert.equal(second.deadlines.basis, 'kontrol');
  assert.equal(second.deadlines.plan_due, first.follow_up.filter((f) => f.id === 'kontrol').map((f) => f.due).sort()[0]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a yearly status shows in numbers what moved since last year, in the plan step and on the printout, at 360 px', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await reassess(page, 'kol-2-ryger', '2028-02-10');
  // A year later the lung function has fallen from 70 to 45 % of predicted.
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.locator('[data-measurement="fev1_pct_pred"] input').fill('45');
  await page.locator('[data-measurement="fev1_pct_pred"] input').blur();
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.getByRole('button', { name: 'Bekræft alle overførte værdier' }).click();
  const values = await page.textContent('.pf-changes-values');
  assert.match(values, /FEV1 i procent af forventet: 70 \(15\. februar 2027\) → 45 % af forventet/);
  const change = await page.evaluate(() => window['__pakkeforloeb-change']);
  const fev1 = change.changes.values.find((v) => v.field === 'measurements.fev1_pct_pred');
  assert.deepEqual([fev1.from, fev1.from_date, fev1.to], [70, '2027-02-15', 45]);
  assert.ok(change.interventions.every((i) => i.phase === 'vedvarende' && i.id !== 'afklarende-samtale'));
  assert.deepEqual(change.changes.interventions_done, ['afklarende-samtale']);
  await page.emulateMedia({ media: 'print' });
  assert.match(await page.textContent('.pf-print'), /Siden sidste plan[\s\S]*FEV1 i procent af forventet: 70 \(15\. februar 2027\) → 45/);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('computePlan gives every golden scenario its hand-computed status', async () => {
  const page = await env.browser.context.newPage();
  await page.goto(env.server.origin + '/embed.html');
  await page.waitForFunction(() => customElements.get('pakkeforloeb-widget'));
  const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../scenarios');
  const cases = [];
  for (const sub of fs.readdirSync(dir)) {
    for (const f of fs.readdirSync(path.join(dir, sub))) {
      const c = JSON.parse(fs.readFileSync(path.join(dir, sub, f), 'utf8'));
      if (c.expect?.['/status']) cases.push([`${sub}/${f}`, c.input, c.expect['/status']]);
    }
  }
  assert.ok(cases.length >= 20, `${cases.length} scenarios state a status`);
  const got = await page.evaluate(async (cases) => {
    const { computePlan } = await import('./pakkeforloeb.js');
    return cases.map(([name, input]) => [name, computePlan(input).status]);
  }, cases);
  assert.deepEqual(got, cases.map(([name, , status]) => [name, status]));
  await page.close();
});
