// Regional content without a rebuild (issue #19): the example pack (pathways/regions/eksempel)
// given to the widget by its host changes a threshold and an offer, shows in the footer and is
// recorded in the plan; a changed pack is refused with a clear message while the widget keeps
// its content and what the GP entered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, launch, dist, embedOne } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-pack-site-'));
let server, browser;

before(async () => {
  fs.cpSync(dist, site, { recursive: true });
  execFileSync('cargo', ['run', '--quiet', '--no-default-features', '--', 'pack', 'pathways/regions/eksempel',
    '-o', path.join(site, 'region.pack'), '--name', 'Region Eksempel', '--version', '2027.1'], { cwd: root, stdio: 'ignore' });
  const pack = fs.readFileSync(path.join(site, 'region.pack'), 'utf8');
  const at = pack.indexOf('"payload":"') + 11 + 100;
  fs.writeFileSync(path.join(site, 'changed.pack'), pack.slice(0, at) + (pack[at] === 'A' ? 'B' : 'A') + pack.slice(at + 1));
  server = await serve(site);
  browser = await launch({ locale: 'da-DK', args: ['--lang=da'] });
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(site, { recursive: true, force: true });
});

function widget(attrs) {
  return embedOne(browser.context, server.origin, {
    html: `<pakkeforloeb-widget id="w" lang="da" ${attrs}></pakkeforloeb-widget>`,
    input: { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', instruments: { mrc: [2] }, measurements: { fev1_fvc: 0.6 } },
    events: ['pakkeforloeb-error'],
  });
}

/** The messages of the error events the host received. */
const hostErrors = () => window.__events.map((e) => e.detail.message);
const ids = (plan) => plan.interventions.map((i) => i.id);

test('a regional pack from the host changes a threshold and an offer, and the plan records it', async () => {
  const { page, errors, w } = await widget('');
  // Built in: MRC 2 is under the rehabilitation threshold (MRC 3).
  assert.ok(!ids(await page.evaluate(() => document.getElementById('w').plan)).includes('kol-rehabilitering'));
  await page.evaluate(() => document.getElementById('w').setAttribute('content-src', 'region.pack'));
  await w.locator('.pf-pack').waitFor();
  assert.match(await w.locator('.pf-pack').textContent(), /Regionalt indhold: Region Eksempel 2027\.1/);
  const plan = await page.evaluate(() => document.getElementById('w').plan);
  assert.ok(ids(plan).includes('kol-rehabilitering'), ids(plan).join(' '));
  assert.equal(plan.interventions.find((i) => i.id === 'kol-netvaerk').title, 'Lungeforeningens netværk i Region Eksempel');
  assert.deepEqual([plan.content_pack.name, plan.content_pack.version], ['Region Eksempel', '2027.1']);
  assert.equal(plan.content.find((c) => c.pathway === 'kol').version, '2027.1.0-eksempel.1');
  // What was entered stayed.
  await w.getByRole('button', { name: /Behovsvurdering/ }).click();
  assert.equal(await w.locator('[data-measurement="fev1_fvc"] input').inputValue(), '0.6');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a changed pack is refused with a clear message; the widget keeps its content and the entries', async () => {
  const { page, errors, w } = await widget('');
  await page.evaluate(async () => {
    const text = await (await fetch('changed.pack')).text();
    document.getElementById('w').content = text;
  });
  await w.locator('.pf-pack-error').waitFor();
  assert.match(await w.locator('.pf-pack-error').textContent(), /Regionens indhold blev afvist.*does not match its SHA-256/);
  assert.match((await page.evaluate(hostErrors)).join(' '), /content: .*SHA-256/);
  assert.equal(await w.locator('.pf-pack').count(), 0);
  const plan = await page.evaluate(() => document.getElementById('w').plan);
  assert.equal(plan.content_pack, undefined);
  assert.ok(!ids(plan).includes('kol-rehabilitering'));
  // A pack from another origin is never fetched.
  await page.evaluate(() => document.getElementById('w').setAttribute('content-src', 'https://elsewhere.example/region.pack'));
  await page.waitForFunction(() => window.__events.some((e) => e.detail.message.includes("is not this page's origin")));
  assert.deepEqual(errors, []);
  await page.close();
});

test('computePlan, planToFhir and inputFromFhir plan with the pack the host gives them, and a plan is exported only with its own', async () => {
  const { page, errors } = await widget('');
  const r = await page.evaluate(async () => {
    const { computePlan, planToFhir, inputFromFhir } = await import('/pakkeforloeb.js');
    const pack = await (await fetch('region.pack')).text();
    const changed = await (await fetch('changed.pack')).text();
    const input = { schema: 'pakkeforloeb/input@1', pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', instruments: { mrc: [2] }, measurements: { fev1_fvc: 0.6 } };
    const caught = async (f) => { try { await f(); return null; } catch (e) { return e.message; } };
    const builtin = computePlan(input);
    const regional = computePlan(input, null, { content: pack });
    const asObject = computePlan(input, undefined, { content: JSON.parse(pack) });
    const again = computePlan(input, null, { content: pack });
    const next = computePlan({ ...input, assessment_date: '2028-03-10' }, regional, { content: pack });
    const fhirRegional = await planToFhir(regional, { content: pack });
    const provenance = fhirRegional.entry.find((e) => e.resource.resourceType === 'Provenance').resource;
    return {
      builtin: [builtin.interventions.map((i) => i.id), builtin.content_pack ?? null],
      regional: [regional.interventions.map((i) => i.id), regional.content_pack],
      sameAsObject: JSON.stringify(asObject) === JSON.stringify(regional),
      sameAgain: JSON.stringify(again) === JSON.stringify(regional),
      nextPack: next.content_pack?.name,
      changedPack: await caught(() => computePlan(input, null, { content: changed })),
      badOptions: await caught(() => computePlan(input, null, 'region.pack')),
      previousWithout: await caught(() => computePlan({ ...input, assessment_date: '2028-03-10' }, regional)),
      fhirWithout: await caught(() => planToFhir(regional)),
      fhirBuiltinWithPack: await caught(() => planToFhir(builtin, { content: pack })),
      provenance: JSON.stringify(provenance),
      fhirBuiltin: (await planToFhir(builtin)).resourceType,
      imported: (await inputFromFhir({ resourceType: 'Bundle', type: 'collection', entry: [] }, { content: pack, pathways: ['kol'] })).input.pathways,
      importChanged: await caught(() => inputFromFhir({ resourceType: 'Bundle', type: 'collection', entry: [] }, { content: changed })),
    };
  });
  assert.ok(!r.builtin[0].includes('kol-rehabilitering'));
  assert.equal(r.builtin[1], null);
  assert.ok(r.regional[0].includes('kol-rehabilitering'), r.regional[0].join(' '));
  assert.deepEqual([r.regional[1].name, r.regional[1].version], ['Region Eksempel', '2027.1']);
  assert.ok(r.sameAsObject && r.sameAgain);
  assert.equal(r.nextPack, 'Region Eksempel');
  assert.match(r.changedPack, /^options\.content: .*does not match its SHA-256/);
  assert.match(r.badOptions, /^options: expected an object/);
  assert.match(r.previousWithout, /previous\.content_pack/);
  assert.match(r.fhirWithout, /^options\.content: the plan was made with the regional pack Region Eksempel 2027\.1 .*give that pack/);
  assert.match(r.fhirBuiltinWithPack, /^options\.content: the plan was made with the built-in content/);
  assert.match(r.provenance, /Region Eksempel@2027\.1/);
  assert.equal(r.fhirBuiltin, 'Bundle');
  assert.deepEqual(r.imported, ['kol']);
  assert.match(r.importChanged, /^options\.content: .*SHA-256/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the iframe takes a regional pack by content-src or init.content, and names a refused one', async () => {
  // A host page on the same origin as the frame (the origin check is the iframe tests' concern).
  fs.writeFileSync(path.join(site, 'pack-host.html'), `<!doctype html><meta charset="utf-8"><iframe id="frame" style="width:900px;height:900px"></iframe>
<script type="module">
window.__messages = [];
const frame = document.getElementById('frame');
const params = new URLSearchParams(location.search);
window.addEventListener('message', async (e) => {
  if (e.source !== frame.contentWindow) return;
  window.__messages.push(e.data);
  if (e.data.type !== 'ready') return;
  const init = { protocol: 'pakkeforloeb', version: 1, type: 'init', lang: 'da',
    input: { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', instruments: { mrc: [2] }, measurements: { fev1_fvc: 0.6 } } };
  const given = params.get('init-content');
  if (given === 'number') init.content = 42;
  else if (given) init.content = await (await fetch(given)).text();
  frame.contentWindow.postMessage(init, location.origin);
});
frame.src = 'frame.html?origins=' + encodeURIComponent(location.origin) + (params.get('src') ? '&content-src=' + params.get('src') : '');
</script>`);
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const lastPlan = () => page.evaluate(() => window.__messages.filter((m) => m.type === 'change').at(-1)?.plan);
  const waitFor = (fn, arg) => page.waitForFunction(fn, arg, { timeout: 15000 });

  // content-src in the frame's address.
  await page.goto(`${server.origin}/pack-host.html?src=region.pack`);
  await waitFor(() => (window.__messages ?? []).some((m) => m.type === 'change' && m.plan.content_pack));
  assert.ok(ids(await lastPlan()).includes('kol-rehabilitering'));
  assert.match(await page.frameLocator('#frame').locator('.pf-pack').textContent(), /Region Eksempel 2027\.1/);

  // The pack itself in init.
  await page.goto(`${server.origin}/pack-host.html?init-content=region.pack`);
  await waitFor(() => (window.__messages ?? []).some((m) => m.type === 'change' && m.plan.content_pack));
  assert.equal((await lastPlan()).content_pack.name, 'Region Eksempel');

  // A changed pack: an error naming the hash; the built-in content and the input stay.
  await page.goto(`${server.origin}/pack-host.html?init-content=changed.pack`);
  await waitFor(() => (window.__messages ?? []).some((m) => m.type === 'error' && /SHA-256/.test(m.message)));
  await waitFor(() => (window.__messages ?? []).some((m) => m.type === 'change'));
  const kept = await lastPlan();
  assert.equal(kept.content_pack, undefined);
  assert.ok(!ids(kept).includes('kol-rehabilitering'));

  // Not a pack at all: named as malformed, and the rest of init still applies.
  await page.goto(`${server.origin}/pack-host.html?init-content=number`);
  await waitFor(() => (window.__messages ?? []).some((m) => m.type === 'error' && m.code === 'malformed' && m.message.startsWith('init.content:')));
  await waitFor(() => (window.__messages ?? []).some((m) => m.type === 'change' && m.plan.pathways?.length));
  assert.deepEqual(errors, []);
  await page.close();
});
