// Issue #17's measure of the GP's ten minutes: a new KOL patient from start to a confirmed plan
// in a 360-px panel, counting every click and keystroke (deterministic, so checked here; the time
// per step is only printed, by `make bench`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './lib.mjs';
import { BUDGET, walkNewKolPatient } from './walk.mjs';

const env = useBrowser({ before, after }, { locale: 'da-DK', args: ['--lang=da'] });

test('a new KOL patient, items entered, takes at most 20 clicks and 30 keystrokes at 360 px', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  const walk = await walkNewKolPatient(page);
  console.log(`clicks ${walk.clicks}, keystrokes ${walk.keys}, heights ${JSON.stringify(walk.heights)}`);
  // The walk reached a confirmed plan with what was entered.
  assert.equal(walk.plan.status, 'klar');
  assert.equal(walk.plan.diagnosis_date, '2026-11-20');
  assert.equal(walk.plan.scores.cat.total, 11);
  assert.equal(walk.plan.scores.gold.grade, 2);
  assert.equal(walk.plan.scores.gold.group, 'B');
  assert.equal(walk.plan.differentiation.level, 2);
  assert.ok(walk.clicks <= BUDGET.clicks, `${walk.clicks} clicks`);
  assert.ok(walk.keys <= BUDGET.keys, `${walk.keys} keystrokes`);
  assert.ok(walk.heights.assessment <= BUDGET.assessmentHeight, `the assessment step is ${walk.heights.assessment} px tall`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  assert.deepEqual(errors, []);
  await page.close();
});
