// The release as a vendor gets it (issue #18): `make release` packs target/pakkeforloeb-<v>.tgz;
// here it is installed into a throwaway host project with npm, its types check a host file
// (and reject a wrong one), and both the installed package and the unpacked tarball serve a
// working widget in a plain host page under a strict CSP, with no Rust anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { serve, launch } from './lib.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const version = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const tgz = path.join(root, 'target', `pakkeforloeb-${version}.tgz`);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-host-'));
let browser;

before(async () => {
  execFileSync('node', [path.join(root, '.ci/release.mjs')], { cwd: root, stdio: 'ignore' });
  fs.writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'ehr-host', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tgz], { cwd: work, stdio: 'ignore' });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test('the package carries what a vendor needs, with checksums that match', () => {
  const pkg = path.join(work, 'node_modules/pakkeforloeb');
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.version, version);
  assert.equal(manifest.exports['.'].types, './types/index.d.ts');
  for (const f of ['pakkeforloeb.js', `pakkeforloeb-widget.${version}_bg.wasm`, 'frame.html', 'schema/plan.schema.json',
    'types/plan.d.ts', 'custom-elements.json', 'docs/integration.md', 'docs/host-api.md', 'CHANGELOG.md', 'LICENSE-MIT', 'NOTICE.md']) {
    assert.ok(fs.existsSync(path.join(pkg, f)), `the package lacks ${f}`);
  }
  for (const line of fs.readFileSync(path.join(pkg, 'SHA256SUMS'), 'utf8').trim().split('\n')) {
    const [sum, file] = line.split(/\s+/);
    const actual = crypto.createHash('sha256').update(fs.readFileSync(path.join(pkg, file))).digest('hex');
    assert.equal(actual, sum, file);
  }
  const sri = JSON.parse(fs.readFileSync(path.join(pkg, 'sri.json'), 'utf8'));
  const entry = fs.readFileSync(path.join(pkg, 'pakkeforloeb.js'));
  assert.equal(sri['pakkeforloeb.js'], 'sha384-' + crypto.createHash('sha384').update(entry).digest('base64'));
  // Each file a page loads is there precompressed, and decompresses to itself.
  for (const f of ['pakkeforloeb.js', `pakkeforloeb-widget.${version}.js`, `pakkeforloeb-widget.${version}_bg.wasm`,
    `pakkeforloeb-fhir.${version}.js`, `pakkeforloeb-fhir.${version}_bg.wasm`, 'frame.js']) {
    const raw = fs.readFileSync(path.join(pkg, f));
    assert.ok(raw.equals(zlib.brotliDecompressSync(fs.readFileSync(path.join(pkg, `${f}.br`)))), `${f}.br`);
    assert.ok(raw.equals(zlib.gunzipSync(fs.readFileSync(path.join(pkg, `${f}.gz`)))), `${f}.gz`);
  }
  // The entry pins the wasm it loads by its hash, and loads this version's files.
  assert.ok(entry.toString().includes(sri[`pakkeforloeb-widget.${version}_bg.wasm`]));
  assert.ok(entry.toString().includes(`./pakkeforloeb-widget.${version}.js`));
});

test('the types check a host file and reject a wrong one', () => {
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const options = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', '--skipLibCheck', 'false'];
  fs.writeFileSync(path.join(work, 'host.ts'), `
import { computePlan, planToFhir, inputFromFhir, type Input, type Plan } from 'pakkeforloeb';
const input: Input = { schema: 'pakkeforloeb/input@1', pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10',
  measurements: { fev1_fvc: 0.62, smoking: 'current' }, instruments: { cat: [1, 2, 3, 4, 5, 0, null, 1] } };
const plan: Plan = computePlan(input);
const level: number | null | undefined = plan.differentiation.level;
const pack = await (await fetch('/region.pack')).text();
const regional: Plan = computePlan(input, null, { content: pack });
await planToFhir(regional, { content: pack });
const bundle = await planToFhir(plan, { patientIdentifier: { system: 'urn:oid:1.2.208.176.1.2', value: '0101011234' } });
const first: string = bundle.entry[0].resource.resourceType;
const back = await inputFromFhir(bundle, { assessmentDate: '2027-03-10', pathways: ['kol'] });
const why: string[] = back.report.not_mapped.map((n) => n.reason);
const prefill: Partial<Input> = back.input;
const el = document.createElement('pakkeforloeb-widget');
el.input = { pathways: ['type2-diabetes'] };
el.input = prefill;
console.log(why);
el.addEventListener('pakkeforloeb-plan', (e) => { const p: Plan = e.detail; console.log(p.status, level, first); });
el.addEventListener('pakkeforloeb-draft', (e) => { localStorage.setItem('d', JSON.stringify(e.detail)); });
void el.ready.then((w) => w.plan?.pathways);
`);
  execFileSync('node', [tsc, ...options, 'host.ts'], { cwd: work, stdio: 'pipe' });
  fs.writeFileSync(path.join(work, 'wrong.ts'), `
import { type Input } from 'pakkeforloeb';
const input: Input = { schema: 'pakkeforloeb/input@1', pathways: ['astma'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10',
  measurements: { fev1_ratio: 0.62 } };
console.log(input);
`);
  let out = '';
  try {
    execFileSync('node', [tsc, ...options, 'wrong.ts'], { cwd: work, stdio: 'pipe' });
  } catch (e) {
    out = e.stdout.toString();
  }
  assert.match(out, /"astma"/, 'an unknown pathway must not type-check');
  assert.match(out, /fev1_ratio/, 'an unknown measurement must not type-check');
});

/** A plain host page with a strict CSP, its own code in a file, the widget from `dir`. */
function site(dir, name) {
  const s = path.join(work, name);
  fs.mkdirSync(s, { recursive: true });
  fs.cpSync(dir, path.join(s, 'pakkeforloeb'), { recursive: true });
  const sri = JSON.parse(fs.readFileSync(path.join(dir, 'sri.json'), 'utf8'));
  fs.writeFileSync(path.join(s, 'index.html'), `<!doctype html>
<html lang="da"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'">
<script type="module" src="/pakkeforloeb/pakkeforloeb.js" integrity="${sri['pakkeforloeb.js']}" crossorigin="anonymous"></script>
<script type="module" src="/host.js"></script>
</head><body><h1>Journal</h1><pakkeforloeb-widget id="pf" lang="da" mode="clinical"></pakkeforloeb-widget></body></html>`);
  fs.writeFileSync(path.join(s, 'host.js'), `import { computePlan, planToFhir } from '/pakkeforloeb/pakkeforloeb.js';
const pf = document.getElementById('pf');
pf.input = { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45 } };
pf.addEventListener('pakkeforloeb-change', (e) => { window.__level = e.detail.differentiation.level; });
const computed = computePlan({ schema: 'pakkeforloeb/input@1', pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { fev1_fvc: 0.62, fev1_pct_pred: 25 } });
window.__computed = computed.differentiation.level;
document.getElementById('pf').ready.then(() => planToFhir(computed)).then((b) => { window.__fhir = b.resourceType; }, (e) => { window.__fhir = String(e); });
`);
  return s;
}

for (const [what, dir, precompressed] of [
  ['the installed npm package', () => path.join(work, 'node_modules/pakkeforloeb'), false],
  ['the unpacked tarball, precompressed files served as they are,', () => {
    const x = path.join(work, 'tar');
    fs.mkdirSync(x, { recursive: true });
    execFileSync('tar', ['xzf', tgz, '-C', x]);
    return path.join(x, 'package');
  }, true],
]) {
  test(`${what} serves a working widget in a plain host page under a strict CSP`, async () => {
    const s = site(dir(), what.replace(/\W+/g, '-'));
    const server = await serve(s, () => ({}), { precompressed });
    const page = await browser.context.newPage();
    const errors = [];
    const violations = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (/Content.Security.Policy|Refused/i.test(m.text())) violations.push(m.text()); });
    const requests = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const encodings = {};
    page.on('response', (r) => { encodings[new URL(r.url()).pathname.split('/').pop()] = r.headers()['content-encoding'] ?? 'none'; });
    await page.goto(server.origin + '/');
    await page.waitForFunction(() => window.__level !== undefined && window.__computed !== undefined && window.__fhir !== undefined);
    // The FHIR module loads on demand, versioned and checked by its integrity, under the CSP.
    assert.equal(await page.evaluate(() => window.__fhir), 'Bundle');
    assert.ok(requests.some((r) => r.endsWith(`pakkeforloeb-fhir.${version}_bg.wasm`)), requests.join(' '));
    assert.equal(await page.evaluate(() => window.__level), 2);
    assert.equal(await page.evaluate(() => window.__computed), 3);
    // Clinical mode: no trainer switch.
    assert.equal(await page.locator('#pf .pf-trainer-toggle').isVisible(), false);
    await page.locator('#pf').getByRole('button', { name: /Behovsvurdering/ }).click();
    assert.equal(await page.locator('#pf [data-measurement="fev1_pct_pred"] input').inputValue(), '45');
    assert.deepEqual(errors, []);
    assert.deepEqual(violations, []);
    assert.ok(requests.some((r) => r.endsWith(`pakkeforloeb-widget.${version}_bg.wasm`)), requests.join(' '));
    // Served precompressed, the page's files arrive as brotli (and still pass their integrity).
    const expected = precompressed ? 'br' : 'none';
    for (const f of ['pakkeforloeb.js', `pakkeforloeb-widget.${version}.js`, `pakkeforloeb-widget.${version}_bg.wasm`, `pakkeforloeb-fhir.${version}_bg.wasm`]) {
      assert.equal(encodings[f], expected, `${f}: ${JSON.stringify(encodings)}`);
    }
    await page.close();
    await server.close();
  });
}
