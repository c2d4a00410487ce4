// A new KOL patient from start to a confirmed plan, as a GP in a 360-px side panel does it with a
// real mouse and keyboard: every click and every keystroke goes through the counters below, so
// the test (walk.test.mjs) and `make bench` report the same figures.

/** The budget of issue #17, with the items of CAT, MRC and WHO-5 entered one by one. */
export const BUDGET = { clicks: 20, keys: 30, assessmentHeight: 4500 };

export async function walkNewKolPatient(page) {
  const count = { clicks: 0, keys: 0 };
  const heights = {};
  const times = {};
  let t0 = Date.now();
  const click = async (locator) => { await locator.click(); count.clicks += 1; };
  const type = async (text) => { for (const ch of text) { await page.keyboard.press(ch); count.keys += 1; } };
  const press = async (key) => { await page.keyboard.press(key); count.keys += 1; };
  const step = async (name) => {
    // The height as laid out in full: blocks the browser has not rendered yet (content-visibility:
    // auto, off screen) are rendered for the measurement, not counted at their placeholder size.
    heights[name] = await page.evaluate(() => {
      const blocks = [...document.querySelectorAll('*')]
        .flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll('.pf-instrument, .pf-theme')] : []));
      for (const b of blocks) b.style.contentVisibility = 'visible';
      const h = document.documentElement.scrollHeight;
      for (const b of blocks) b.style.contentVisibility = '';
      return h;
    });
    times[name] = Date.now() - t0;
    t0 = Date.now();
  };
  const item = (instrument, i, value) =>
    page.locator(`[data-instrument="${instrument}"] .pf-item`).nth(i).locator(`input[value="${value}"]`);

  // A date field's segments follow the machine's locale (dd-mm-åååå on a Danish PC, mm/dd/yyyy
  // on this one): find the order first, outside the count, as the GP knows their own PC.
  const dateField = page.locator('[name="diagnosis_date"]');
  await page.locator('label', { hasText: 'Diagnosedato' }).click();
  for (const ch of '01022026') await page.keyboard.press(ch);
  const dayFirst = (await dateField.inputValue()) === '2026-02-01';
  await dateField.evaluate((el) => { el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true })); });
  await page.locator('h1').click();

  // Start: the pathway and the diagnosis date (the assessment date is today's, prefilled).
  await click(page.getByLabel('KOL (kronisk obstruktiv lungesygdom)'));
  // Clicking the label focuses the date's first segment (clicking the field lands on whichever
  // segment is under the pointer).
  await click(page.locator('label', { hasText: 'Diagnosedato' }));
  await type(dayFirst ? '20112026' : '11202026');
  await step('start');
  await click(page.getByRole('button', { name: 'Næste' }));

  // Behovsvurdering: CAT, MRC and WHO-5 item by item, then spirometry, exacerbations, smoking.
  for (const [i, v] of [2, 2, 1, 2, 1, 1, 0, 2].entries()) await click(item('cat', i, v));
  await click(item('mrc', 0, 2));
  for (const [i, v] of [4, 4, 3, 4, 4].entries()) await click(item('who5', i, v));
  await click(page.locator('[data-measurement="fev1_fvc"] input'));
  await type('0,6');
  await press('Tab');
  await type('55');
  await press('Tab');
  await type('0');
  await press('Tab');
  await type('0');
  await step('assessment');

  // The level needs no input; the GP goes straight to the plan and confirms it.
  await click(page.locator('.pf-step[data-step="3"]'));
  await step('differentiation-skipped');
  await click(page.getByRole('button', { name: 'Godkend behandlingsplan' }));
  await step('plan');
  const plan = await page.evaluate(() => window['__pakkeforloeb-plan']);
  return { ...count, heights, times, plan };
}
