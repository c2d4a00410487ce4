// The person axis in the browser (issue #27): at 360 px a GP sees what about the person moved the
// level, records the patient's yes to a waiting offer (which starts its deadline), and copies the
// referral text of an offer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { embedOne, useBrowser } from './lib.mjs';

const env = useBrowser(test, { locale: 'da-DK', args: ['--lang=da'] });

const vulnerable = JSON.parse(fs.readFileSync('tests/scenarios/person/socially-vulnerable-not-ready.json', 'utf8')).input;

test('a patient not ready yet: the person axis named, offers waiting for the yes, the yes recorded, a referral copied, at 360 px', async () => {
  const { page, errors, w } = await embedOne(env.browser.context, env.server.origin, {
    html: '<pakkeforloeb-widget id="w" lang="da"></pakkeforloeb-widget>',
    input: vulnerable,
    events: ['pakkeforloeb-change'],
  });
  await page.setViewportSize({ width: 360, height: 800 });
  await w.getByRole('button', { name: /Differentiering/ }).click();
  const axis = w.locator('.pf-person-axis');
  assert.match(await axis.textContent(), /Sygdommen: .*1.*Ressourcer og livssituation: .*3/s);
  assert.match(await axis.locator('.pf-reasons').textContent(), /bor alene uden hjælp, tolkebehov, læsevanskeligheder/);
  // The KOL level says it was raised by the person, so level and reasons agree.
  assert.match(await w.locator('.pf-level[data-pathway="kol"] .pf-raised-by-person').textContent(), /Hævet af patientens ressourcer og livssituation.*Niveau 3/);
  await w.getByRole('button', { name: /Behandlingsplan/ }).click();
  // Every municipal offer waits for the patient's yes, without a date.
  const municipal = w.locator('.pf-intervention[data-provider="kommune"]');
  const n = await municipal.count();
  assert.ok(n >= 5, `${n} municipal offers`);
  assert.equal(await w.locator('.pf-intervention[data-provider="kommune"][data-waiting]').count(), n);
  const smoking = w.locator('.pf-intervention[data-intervention="nikotinafvaenning"]');
  assert.match(await smoking.locator('.pf-int-meta').textContent(), /venter på patientens ja/);
  assert.match(await w.locator('[data-intervention="motivationssamtale"]').textContent(), /Motiverende samtale først/);
  // The yes starts the deadline: 21 days from the assessment day the GP records it on.
  await smoking.getByRole('button', { name: 'Patienten siger ja i dag' }).click();
  assert.equal(await smoking.getAttribute('data-waiting'), null);
  assert.match(await smoking.locator('.pf-int-meta').textContent(), /31\.03\.2027/);
  assert.match(await smoking.locator('.pf-accepted').textContent(), /Patienten sagde ja 10\.03\.2027/);
  const plan = await page.evaluate(() => window.__events.filter((e) => e.name === 'pakkeforloeb-change').at(-1).detail);
  const p = typeof plan === 'string' ? JSON.parse(plan) : plan;
  const offer = (p.plan ?? p).interventions.find((i) => i.id === 'nikotinafvaenning');
  assert.equal(offer.accepted_on, '2027-03-10');
  assert.equal(offer.referral.consent, true);
  // The referral: shown as text with a copy button that hands the text to the clipboard.
  await page.evaluate(() => {
    window.__copied = null;
    navigator.clipboard.writeText = async (t) => { window.__copied = t; };
  });
  await smoking.locator('.pf-referral summary').click();
  const text = await smoking.locator('.pf-referral-text').textContent();
  for (const part of ['Henvisning til: Rygestop', 'Henvisningsårsag:', 'R95', 'Rygning: Ryger nu', 'Tolk: ja', 'Samtykke: patienten har sagt ja til tilbuddet 10. marts 2027', 'Seneste opstart: 31. marts 2027']) {
    assert.ok(text.includes(part), `${part} not in ${text}`);
  }
  // The reason for referral is why the offer is proposed, not that it waited.
  assert.match(text, /Henvisningsårsag: Ryger: tilbud om rygestop \(nikotinafvænning\)\.\n/);
  await smoking.getByRole('button', { name: 'Kopiér henvisningen' }).click();
  assert.equal(await page.evaluate(() => window.__copied), text);
  assert.match(await smoking.locator('.pf-referral [role="status"]').textContent(), /kopieret/);
  // Nothing on the card is wider than the panel.
  const overflow = await smoking.evaluate((e) => e.scrollWidth - e.clientWidth);
  assert.ok(overflow <= 1, `the card overflows by ${overflow}px`);
  assert.deepEqual(errors, []);
});
