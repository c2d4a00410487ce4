// The GP's flows beyond the first KOL walk-through: a multimorbid patient in a side panel with
// the GP's overrides, the keyboard alone, and the printed plan for the patient.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, eventually, openPage, tabTo, useBrowser } from './lib.mjs';

const env = useBrowser({ before, after }, { locale: 'da-DK', args: ['--lang=da'] });

/** "Næste" by keyboard; the new step's heading takes the focus (Tab then goes into the step). */
async function nextByKeyboard(page) {
  await tabTo(page, '.pf-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.deepActive()?.tagName === 'H2');
}

async function answer(page, instrument, values) {
  const items = page.locator(`[data-instrument="${instrument}"] .pf-item`);
  for (let i = 0; i < values.length; i++) await items.nth(i).locator(`input[value="${values[i]}"]`).check();
}

test('a multimorbid patient (KOL and type 2 diabetes) in a 360-px panel, with the GP overriding', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Type 2-diabetes').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await answer(page, 'cat', [1, 1, 1, 1, 1, 1, 1, 1]);
  await page.locator('[data-instrument="mrc"] input[value="2"]').check();
  await answer(page, 'who5', [4, 4, 4, 4, 4]);
  const fill = async (id, v) => page.locator(`[data-measurement="${id}"] input`).fill(v);
  const pick = async (id, v) => page.locator(`[data-measurement="${id}"] select`).selectOption(v);
  await fill('fev1_fvc', '0,6');
  await fill('fev1_pct_pred', '45');
  await fill('exacerbations_moderate_12m', '0');
  await fill('exacerbation_admissions_12m', '0');
  await fill('hba1c_mmol_mol', '60');
  await fill('bp_systolic', '125');
  await fill('bp_diastolic', '75');
  await fill('ldl_mmol_l', '2,0');
  await fill('uacr_mg_g', '10');
  await fill('egfr', '80');
  await fill('diabetes_duration_years', '8');
  await fill('hba1c_debut_mmol_mol', '55');
  await pick('known_cvd', 'false');
  await pick('frail', 'false');
  await pick('smoking', 'current');
  // Diabetes items sit with the disease items; both pathways' scores are live.
  assert.match(await page.textContent('[data-score="cat"]'), /Total: 8/);

  await page.getByRole('button', { name: /Differentiering/ }).click();
  assert.equal(await page.getAttribute('.pf-level[data-pathway="kol"] .pf-level-value', 'data-level'), '2');
  assert.equal(await page.getAttribute('.pf-level[data-pathway="type2-diabetes"] .pf-level-value', 'data-level'), '2');
  // The GP raises KOL to level 3; without a reason the plan cannot be confirmed.
  const kol = page.locator('.pf-level[data-pathway="kol"]');
  await kol.locator('.pf-override summary').click();
  await kol.getByLabel('Vælg et andet niveau').selectOption('3');
  assert.match(await kol.locator('.pf-error').textContent(), /begrundelse skal udfyldes/);
  await kol.getByLabel(/Begrundelse for ændringen/).fill('Bor alene og har svært ved at komme til lægen');
  assert.equal(await page.getAttribute('.pf-overall-level', 'data-level'), '3');
  assert.match(await kol.textContent(), /foreslået: Niveau 2/);

  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  // The municipal clarifying conversation appears once, for both pathways.
  assert.equal(await page.locator('[data-intervention="afklarende-samtale"]').count(), 1);
  const afk = await page.textContent('[data-intervention="afklarende-samtale"]');
  assert.match(afk, /Henvisning til kommunens afklarende samtale/);
  // Remove smoking cessation with a reason; add a medication review… already there from
  // diabetes, so add a depression consultation instead.
  const smoke = page.locator('[data-intervention="nikotinafvaenning"]');
  await smoke.locator('.pf-remove summary').click();
  await smoke.getByLabel(/Begrundelse for at fjerne/).fill('Er i rygestopforløb på apoteket');
  await smoke.getByLabel(/Begrundelse for at fjerne/).press('Enter');
  await page.waitForSelector('.pf-removed[data-intervention="nikotinafvaenning"]');
  await page.locator('.pf-add summary').click();
  await page.getByLabel('Vælg indsats').selectOption('depressionsudredning');
  await page.getByLabel(/Begrundelse for at tilføje/).fill('Nylig skilsmisse');
  await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
  await page.waitForSelector('[data-intervention="depressionsudredning"]');
  await page.getByLabel(/Patientens egne mål/).fill('Passe mit arbejde\nGå ture med hunden');
  // Treatment prompts: the GP records what was decided; nothing is ordered, no dose is given.
  const metformin = page.locator('[data-treatment="metformin"]');
  assert.match(await metformin.textContent(), /DSAM/);
  await metformin.getByLabel('Startet').check();
  await page.waitForSelector('[data-treatment="metformin"][data-decision="started"]');
  await metformin.getByLabel('Note (valgfri)').fill('Langsom optrapning');
  await metformin.getByLabel('Note (valgfri)').press('Tab');
  await page.locator('[data-treatment="inhalationsmedicin"]').getByLabel('Får det allerede').check();
  await page.waitForSelector('[data-treatment="inhalationsmedicin"][data-decision="already"]');
  // Checks for complications are listed apart from the reviews, each with its own title.
  assert.match(await page.textContent('.pf-checks'), /Fodstatus hos fodterapeut/);
  assert.doesNotMatch(await page.textContent('.pf-follow-up'), /Fodstatus/);
  assert.match(await page.textContent('[data-goal="hba1c"]'), /HbA1c højst 53 mmol\/mol/);
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();

  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.deepEqual(plan.pathways, ['kol', 'type2-diabetes']);
  assert.equal(plan.differentiation.level, 3);
  assert.equal(plan.differentiation.proposed_level, 2);
  assert.equal(plan.differentiation.overrides[0].reason, 'Bor alene og har svært ved at komme til lægen');
  assert.deepEqual(plan.removed_interventions, [{ id: 'nikotinafvaenning', reason: 'Er i rygestopforløb på apoteket' }]);
  const added = plan.interventions.find((i) => i.id === 'depressionsudredning');
  assert.equal(added.added_by_gp, 'Nylig skilsmisse');
  const shared = plan.interventions.find((i) => i.id === 'afklarende-samtale');
  assert.equal(shared.pathway, null);
  assert.deepEqual(shared.pathways, ['kol', 'type2-diabetes']);
  assert.deepEqual(plan.goals.patient, ['Passe mit arbejde', 'Gå ture med hunden']);
  const decision = (id) => plan.treatment.find((t) => t.id === id).decision;
  assert.deepEqual(decision('metformin'), { decision: 'started', reason: 'Langsom optrapning' });
  assert.deepEqual(decision('inhalationsmedicin'), { decision: 'already' });
  // The patient's printout names the new medicine (never a dose) and the plan's own dates.
  const printout = await page.textContent('.pf-print');
  assert.match(printout, /Ny medicin\s*Metformin/);
  assert.doesNotMatch(printout, /Inhalationsmedicin/);
  assert.match(printout, /Årsstatus: 10\.03\.2028/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the 360-px page scrolls sideways by ${overflow}px`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a GP completes a KOL assessment with the keyboard alone', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 800);
  const kb = page.keyboard;
  await tabTo(page, 'input[type="checkbox"][value="kol"]');
  await kb.press('Space');
  // A date field's segments follow the browser's locale (dd-mm-åååå on a Danish PC,
  // mm/dd/yyyy here): type the Danish order and fall back to the other.
  const typeDate = async (selector, [y, m, d]) => {
    await tabTo(page, selector);
    await kb.type(d + m + y);
    if ((await page.inputValue(selector)) !== `${y}-${m}-${d}`) {
      await kb.press('Shift+Tab');
      await kb.press('Shift+Tab');
      await kb.type(m + d + y);
    }
    assert.equal(await page.inputValue(selector), `${y}-${m}-${d}`);
  };
  await typeDate('input[name="diagnosis_date"]', ['2027', '03', '01']);
  await typeDate('input[name="assessment_date"]', ['2027', '03', '10']);
  await nextByKeyboard(page);
  // Radio groups: Tab enters a group, Space picks the first option, arrows move the choice.
  const pickRadio = async (instrument, item, value) => {
    await tabTo(page, `[data-instrument="${instrument}"] .pf-item:nth-of-type(${item + 1}) input`);
    await kb.press('Space');
    const first = await page.evaluate(() => Number(window.deepActive().value));
    for (let v = first; v < value; v++) await kb.press('ArrowRight');
  };
  const cat = [2, 3, 1, 4, 2, 1, 0, 3];
  for (let i = 0; i < cat.length; i++) await pickRadio('cat', i, cat[i]);
  await pickRadio('mrc', 0, 3);
  await tabTo(page, '[data-measurement="fev1_fvc"] input');
  await kb.type('0,62');
  await tabTo(page, '[data-measurement="fev1_pct_pred"] input');
  await kb.type('45');
  await tabTo(page, '[data-measurement="exacerbations_moderate_12m"] input');
  await kb.type('0');
  await tabTo(page, '[data-measurement="exacerbation_admissions_12m"] input');
  await kb.type('0');
  assert.match(await page.textContent('[data-score="cat"]'), /Total: 16/);
  await nextByKeyboard(page);
  assert.equal(await page.getAttribute('.pf-overall-level', 'data-level'), '2');
  await nextByKeyboard(page);
  await tabTo(page, '.pf-confirm');
  await kb.press('Enter');
  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.equal(plan.differentiation.level, 2);
  assert.equal(plan.scores.cat.total, 16);
  assert.equal(plan.scores.gold.group, 'B');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the printed plan is the patient view alone, on one A4 page', async () => {
  const { page } = await openPage(env.browser.context, env.server.origin + '/', 1024);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  // KOL confirmed by spirometry: the rest unanswered, so the plan has the basic offers.
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.getByLabel(/FEV1\/FVC/).fill('0,62');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.getByLabel(/Patientens egne mål/).fill('Kunne gå en tur med barnebarnet');
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.pf-print'), true);
  assert.equal(await page.isVisible('.pf-steps'), false);
  assert.equal(await page.isVisible('.pf-confirm'), false);
  // Nor the demo page's own links around the widget: the patient takes the page home.
  assert.equal(await page.isVisible('.demo-links'), false);
  const text = await page.textContent('.pf-print');
  assert.match(text, /Din behandlingsplan/);
  assert.match(text, /Kunne gå en tur med barnebarnet/);
  assert.match(text, /Kommunen kontakter dig/);
  assert.match(text, /Starter senest 31\.03\.2027/);
  // The printout is the confirmed plan: every intervention and every follow-up of the plan JSON,
  // by its title, with Danish dates; never a raw id or an ISO date.
  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  for (const i of plan.interventions) assert.ok(text.includes(i.title), `the printout lacks ${i.title}`);
  for (const f of plan.follow_up) {
    const [y, m, d] = f.due.split('-');
    assert.ok(text.includes(`${f.title}: ${d}.${m}.${y}`), `the printout lacks ${f.title} on ${f.due}`);
  }
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, `the plan prints on ${pages} pages`);
  await page.close();
});

// Every pathway, in a 360-px side panel, with the keyboard alone, axe-clean on every step.

for (const [pathway, example, index] of [
  ['kol', 'kol-3-indlagt', 3],
  ['laenderyg', 'lrs-2-hoej', 5],
  ['type2-diabetes', 't2d-3-nyre', 9],
  ['hjertesygdom', 'hjerte-2-svigt', 11],
  ['multisygdom', 'multi-2-kompleks', 14],
]) {
  test(`${pathway}: completed in a 360-px panel with the keyboard alone, axe-clean on every step`, async () => {
    const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
    const kb = page.keyboard;
    const axe = async (step) => {
      assert.deepEqual(await axeViolations(page), [], `axe on ${step}`);
    };
    await tabTo(page, 'select[id$="-examples"]');
    for (let i = 0; i < index; i++) await kb.press('ArrowDown');
    assert.equal(await page.evaluate(() => window.deepActive().value), example);
    await axe('Start');
    for (const step of ['Behovsvurdering', 'Differentiering', 'Behandlingsplan']) {
      await nextByKeyboard(page);
      await axe(step);
    }
    await tabTo(page, '.pf-confirm');
    await kb.press('Enter');
    const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
    assert.deepEqual(plan.pathways, [pathway]);
    assert.equal(plan.differentiation.level, 3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('removing two interventions one after the other keeps each card to its own reason', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.locator('[data-measurement="fev1_fvc"] input').fill('0,6');
  await page.locator('[data-measurement="smoking"] select').selectOption('current');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  const ids = await page.locator('.pf-intervention').evaluateAll((els) => els.map((e) => e.dataset.intervention));
  const remove = async (id, reason) => {
    const card = page.locator(`.pf-intervention[data-intervention="${id}"]`);
    await card.locator('.pf-remove summary').click();
    await card.getByLabel(/Begrundelse for at fjerne/).fill(reason);
    await card.getByLabel(/Begrundelse for at fjerne/).press('Enter');
    await page.waitForSelector(`.pf-removed[data-intervention="${id}"]`);
  };
  await remove(ids[0], 'Har en skriftlig plan fra lungeklinikken');
  // The card that moved up did not inherit the removed card's open panel or its reason.
  const next = page.locator(`.pf-intervention[data-intervention="${ids[1]}"]`);
  assert.equal(await next.locator('.pf-remove').evaluate((e) => e.open), false);
  assert.equal(await next.locator('.pf-remove input').inputValue(), '');
  await remove(ids[1], 'Vaccineret i efteråret');
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.deepEqual(
    plan.removed_interventions,
    [{ id: ids[0], reason: 'Har en skriftlig plan fra lungeklinikken' }, { id: ids[1], reason: 'Vaccineret i efteråret' }]
      .sort((a, b) => a.id.localeCompare(b.id)),
  );
  const left = plan.interventions.map((i) => i.id);
  assert.deepEqual(left, ids.slice(2).filter((id) => left.includes(id)));
  assert.equal(left.length, ids.length - 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a CAT filled in on paper is entered as its total; the plan says the items were not given', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  const cat = page.locator('[data-instrument="cat"]');
  await cat.locator('.pf-total summary').click();
  await cat.getByLabel(/Totalscore/).fill('16');
  assert.match(await page.textContent('[data-score="cat"]'), /Total: 16/);
  assert.match(await page.textContent('[data-score="cat"]'), /Middel \(10–20\)/);
  // The items stand aside while the total is given.
  assert.equal(await cat.locator('.pf-items').isHidden(), true);
  // A total out of range is named at the field, by its name.
  await cat.getByLabel(/Totalscore/).fill('41');
  // Checked when the GP leaves the field (not while typing).
  await page.keyboard.press('Tab');
  await eventually(async () => assert.match(await cat.locator('.pf-total .pf-error').textContent(), /41 er ikke en total mellem 0 og 40/));
  await cat.getByLabel(/Totalscore/).fill('16');
  await page.locator('[data-measurement="fev1_fvc"] input').fill('0,6');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.deepEqual(plan.assessment.instrument_totals, { cat: 16 });
  assert.equal(plan.assessment.instruments.cat, undefined);
  assert.equal(plan.scores.cat.total, 16);
  assert.deepEqual(errors, []);
  await page.close();
});
