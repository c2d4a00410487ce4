// The GP's guidance through the steps (issue #17): no error before anything was typed, errors
// named in the GP's words with a link to the field when going on is held, every new step starting
// at its top with focus on its heading, and the action bar always in reach.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, openPage, useBrowser } from './lib.mjs';

const env = useBrowser({ before, after }, { locale: 'da-DK', args: ['--lang=da'] });

test('a fresh widget shows no errors; going on without pathways or a diagnosis date names them in Danish, with links', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  assert.equal(await page.locator('.pf-error:not(:empty)').count(), 0);
  assert.equal(await page.locator('.pf-error-summary li').count(), 0);
  await page.getByRole('button', { name: 'Næste' }).click();
  // Going on is not held (a GP may score before typing the dates), but what is missing is named
  // at the top of the next step, in the GP's words, never as JSON paths.
  assert.equal(await page.getAttribute('.pf-step[aria-current="step"]', 'data-step'), '1');
  const summary = await page.locator('.pf-error-summary').textContent();
  assert.match(summary, /Pakkeforløb: vælg mindst ét pakkeforløb/);
  assert.match(summary, /Diagnosedato: dato skal udfyldes/);
  assert.doesNotMatch(summary, /diagnosis_date|pathways:/);
  const box = await page.locator('.pf-error-summary').boundingBox();
  assert.ok(box.y >= 0 && box.y < page.viewportSize().height, `the summary is off screen at ${box.y}px`);
  // Its link goes back to the field.
  await page.locator('.pf-error-summary li[data-field="diagnosis_date"] button').click();
  assert.equal(await page.getAttribute('.pf-step[aria-current="step"]', 'data-step'), '0');
  await page.waitForFunction(() => window.deepActive().id.endsWith('-diagnosis_date'));
  // The field shows its own error too, until it is fixed; then the summary empties.
  assert.match(await page.locator('[id$="-diagnosis_date-err"]').textContent(), /dato skal udfyldes/);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2026-11-20');
  assert.equal(await page.locator('.pf-error-summary li').count(), 0);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('after Næste the new step starts at its top with focus on its heading; the action bar stays in view', async () => {
  const { page, errors } = await openPage(env.browser.context, env.server.origin + '/', 360);
  await page.getByLabel('KOL (kronisk obstruktiv lungesygdom)').check();
  await page.getByLabel('Diagnosedato').fill('2027-03-01');
  await page.getByLabel('Dato for behovsvurdering').fill('2027-03-10');
  for (const [step, heading] of [[1, 'Behovsvurdering'], [2, 'Differentiering'], [3, 'Behandlingsplan']]) {
    // Go on from the bottom of the page, as a GP does after the last field.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const next = page.locator('.pf-next');
    // The sticky action bar is on screen wherever the GP is on the page.
    const box = await next.boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box && box.y >= 0 && box.y + box.height <= viewport.height, `Næste is off screen: ${JSON.stringify(box)}`);
    await next.click();
    assert.equal(await page.getAttribute('.pf-step[aria-current="step"]', 'data-step'), String(step));
    await page.waitForFunction((h) => window.deepActive().tagName === 'H2' && window.deepActive().textContent.includes(h), heading);
    // The heading is on screen and nothing of the step lies hidden above it.
    const top = await page.locator('.pf-main h2[tabindex]').boundingBox();
    assert.ok(top.y >= -1 && top.y + top.height <= viewport.height, `the heading of step ${step} is at ${top.y}px`);
    const main = await page.locator('.pf-main').boundingBox();
    assert.ok(main.y >= -24, `the top of step ${step} is scrolled ${-main.y}px out of view`);
  }
  // By keyboard, the first answer of the assessment is a few Tabs from its heading.
  await page.locator('.pf-step[data-step="1"]').click();
  await page.waitForFunction(() => window.deepActive().tagName === 'H2');
  let tabs = 0;
  while (!(await page.evaluate(() => window.deepActive().matches('[data-instrument="cat"] .pf-item input'))) && tabs < 20) {
    await page.keyboard.press('Tab');
    tabs += 1;
  }
  assert.ok(tabs <= 4, `${tabs} Tabs from the heading to the first answer`);
  await page.locator('.pf-step[data-step="3"]').click();
  // On the last step the bar holds "Godkend", with the reason next to it while it is disabled.
  assert.equal(await page.locator('.pf-nav .pf-confirm').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});
