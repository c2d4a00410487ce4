// Trainer mode and the lasting phase: an example patient in one click, the rules explained,
// what-if, and a yearly status against the previous plan that shows what changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './lib.mjs';

const env = useBrowser({ before, after });

test('a trainer loads an example patient, sees which rule fired and demonstrates what-if', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 1024);
  await page.getByLabel('Eksempelpatienter (undervisning)').selectOption('kol-2-ryger');
  assert.match(await page.textContent('.pf-vignette'), /Jørgen ryger 20 om dagen/);
  await page.getByLabel('Undervisningstilstand').check();
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  const smoke = await page.textContent('[data-intervention="nikotinafvaenning"]');
  assert.match(smoke, /Regel: kram-rygestop: smoking = current/);
  await page.getByRole('button', { name: /Differentiering/ }).click();
  assert.match(await page.textContent('.pf-level[data-pathway="kol"]'), /Regel: kol-default|Få behov/);
  await page.getByRole('button', { name: 'Gem nuværende plan som udgangspunkt' }).click();
  assert.match(await page.textContent('.pf-whatif'), /Ingen forskel/);
  // What if FEV1 were 25 % of predicted?
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  await page.locator('[data-measurement="fev1_pct_pred"] input').fill('25');
  await page.getByRole('button', { name: /Differentiering/ }).click();
  const whatif = await page.textContent('.pf-whatif');
  assert.match(whatif, /Niveau: 1 → 3/);
  assert.match(whatif, /lungemedicinsk-vurdering/);
  assert.match(whatif, /gold\.grade: 2 → 4/);
  assert.match(await page.textContent('.pf-level[data-pathway="kol"]'), /Regel: kol-niveau3-gold4: gold\.grade = 4/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a yearly status from the previous plan shows what changed', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 1024);
  // The first consultation: an example patient, confirmed.
  await page.getByLabel('Eksempelpatienter (undervisning)').selectOption('kol-2-ryger');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  const first = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.equal(first.phase, 'trin1');
  // A year later: load that plan, re-assess, the patient has stopped smoking.
  await page.getByRole('button', { name: /Start/ }).click();
  await page.locator('.pf-previous summary').click();
  await page.locator('.pf-previous textarea').fill(JSON.stringify(first));
  await page.getByRole('button', { name: 'Indlæs tidligere plan' }).click();
  assert.match(await page.textContent('.pf-previous-loaded'), /Revurdering i forhold til planen fra 15\.02\.2027/);
  await page.getByLabel('Dato for behovsvurdering').fill('2028-02-20');
  assert.equal(await page.getByLabel('Fase for revurderingen').inputValue(), 'vedvarende');
  await page.getByRole('button', { name: /Behovsvurdering/ }).click();
  // Prefilled from the previous plan.
  assert.equal(await page.locator('[data-measurement="fev1_pct_pred"] input').inputValue(), '70');
  await page.locator('[data-measurement="smoking"] select').selectOption('former');
  await page.getByRole('button', { name: /Behandlingsplan/ }).click();
  const changes = await page.textContent('.pf-changes');
  assert.match(changes, /Ændringer siden sidste plan \(15\.02\.2027\)/);
  assert.match(changes, /Afsluttede indsatser: nikotinafvaenning/);
  // The values carried over from last year must be confirmed before the plan can be.
  assert.equal(await page.getByRole('button', { name: 'Godkend behandlingsplan' }).isDisabled(), true);
  assert.match(await page.textContent('.pf-blocked'), /Værdier overført fra den tidligere plan er ikke bekræftet/);
  await page.getByRole('button', { name: 'Bekræft alle overførte værdier' }).click();
  await page.getByRole('button', { name: 'Godkend behandlingsplan' }).click();
  const second = await page.evaluate(() => window['__pakkeforloeb-plan']);
  assert.equal(second.phase, 'vedvarende');
  assert.deepEqual(second.changes.interventions_ended, ['nikotinafvaenning']);
  assert.equal(second.follow_up.find((f) => f.id === 'aarsstatus').due, '2029-02-20');
  // A plan from an unknown schema gets a clear message, not a guess.
  await page.getByRole('button', { name: /Start/ }).click();
  await page.locator('.pf-previous summary').click();
  await page.locator('.pf-previous textarea').fill(JSON.stringify({ ...first, schema: 'pakkeforloeb/plan@9' }));
  await page.getByRole('button', { name: 'Indlæs tidligere plan' }).click();
  assert.match(await page.textContent('.pf-previous .pf-error'), /^en plan med skema "pakkeforloeb\/plan@9" kan ikke læses/);
  assert.deepEqual(errors, []);
  await page.close();
});
