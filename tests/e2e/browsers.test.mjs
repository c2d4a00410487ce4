// The GP's flows in every browser a portal uses: Chromium, Firefox ESR and WebKitGTK (see
// browsers.mjs). Each flow runs in each browser at 360 px; a failure in any browser fails the
// run. The Chromium-only suites test more (axe, printing media, timing); these flows are the
// ones a portal cannot ship without: a KOL patient to a confirmed, printed plan; the safety
// gate; the custom element with its events and drafts; the iframe protocol.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, dist } from './lib.mjs';
import { openBrowser } from './browsers.mjs';

let server;
before(async () => { server = await serve(dist); });
after(async () => { await server?.close(); });

const NAMES = (process.env.PF_BROWSERS ?? 'chromium,firefox,webkit').split(',');

/** A host's prefill: the record knows the diagnosis and the dates. */
const KOL = { pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10' };

/** The demo page in `b` at 360 × 800, with the events a host listens to kept in window.__ev. */
async function demo(b, input) {
  await b.size(360, 800);
  await b.goto(server.origin + '/');
  await b.until(() => !!deepQuery('.pf-widget'), null, 'the widget');
  await b.run((input) => {
    window.__ev = [];
    for (const name of ['pakkeforloeb-change', 'pakkeforloeb-plan', 'pakkeforloeb-draft', 'pakkeforloeb-error', 'pakkeforloeb-print']) {
      document.addEventListener(name, (e) => {
        window.__ev.push({ name, detail: e.detail });
        // The host prints in its own way (a headless browser has no printer).
        if (name === 'pakkeforloeb-print') e.preventDefault();
      });
    }
    if (input) document.getElementById('pakkeforloeb').input = input;
  }, input);
}

const events = (b, name) => b.run((n) => window.__ev.filter((e) => e.name === n).map((e) => e.detail), name);
const answer = (instrument, item, value) => `label.pf-opt:has(input[name$="-${instrument}-${item}"][value="${value}"])`;
const step = (n) => `.pf-step[data-step="${n}"]`;

for (const name of NAMES) {
  test(`${name}: a new KOL patient at 360 px, from the pathway to a confirmed, printed plan`, async () => {
    const b = await openBrowser(name);
    try {
      await demo(b, { diagnosis_date: KOL.diagnosis_date, assessment_date: KOL.assessment_date });
      await b.click('.pf-main input[type="checkbox"][value="kol"]');
      await b.click(step(1));
      // Spirometry typed as a Danish GP types it, and two CAT answers clicked.
      await b.fill('[data-measurement="fev1_fvc"] input', '0,62');
      await b.click(answer('cat', 0, 3));
      await b.click(answer('cat', 1, 2));
      await b.until(() => deepQuery('[data-score="cat"]')?.textContent.includes('Middel') || deepQuery('[data-score="cat"]')?.textContent.length > 10, null, 'the CAT score');
      await b.click(step(3));
      await b.fill('textarea[id$="-goals"]', 'Gå til købmanden selv');
      assert.equal(await b.disabled('.pf-confirm'), false, 'Godkend is enabled');
      await b.click('.pf-confirm');
      // The bar answers where the GP pressed: confirmed, with Udskriv and Fortryd godkendelse.
      await b.until(() => deepQuery('.pf-confirmed-state')?.hidden === false, null, 'the confirmed bar');
      assert.match(await b.text('.pf-confirmed-state'), /Behandlingsplanen er godkendt/);
      const plans = await events(b, 'pakkeforloeb-plan');
      assert.equal(plans.length, 1);
      assert.equal(plans[0].confirmed, true);
      assert.deepEqual(plans[0].pathways, ['kol']);
      assert.ok(plans[0].interventions.some((i) => i.id === 'sygdomsmestring'));
      // Printing: the print event carries the confirmed plan; the printout is the patient's.
      await b.click('.pf-bar-print');
      const printed = await events(b, 'pakkeforloeb-print');
      assert.equal(printed.length, 1);
      assert.equal(printed[0].confirmed, true);
      const printout = await b.text('.pf-print');
      assert.match(printout, /Din behandlingsplan/);
      assert.match(printout, /Gå til købmanden selv/);
      assert.match(printout, /Starter senest 31\.03\.2027/);
      // An edit withdraws the confirmation, and the bar says so.
      await b.click(step(1));
      await b.click(answer('cat', 2, 1));
      await b.click(step(3));
      assert.match(await b.text('.pf-withdrawn'), /ikke længere godkendt/);
      assert.equal(await b.visible('.pf-confirm'), true);
    } finally {
      await b.close();
    }
  });

  test(`${name}: no Tab stop of the assessment step is hidden under the sticky bar`, async () => {
    const b = await openBrowser(name);
    try {
      await demo(b, { ...KOL, measurements: { fev1_fvc: 0.62 } });
      await b.click(step(1));
      let stops = 0;
      for (let i = 0; i < 120; i++) {
        await b.press('Tab');
        // What the GP sees: after the frames the browser and the widget scroll in.
        const s = await b.run(async () => {
          await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(ok))));
          let a = document.activeElement;
          while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
          const root = document.getElementById('pakkeforloeb').shadowRoot;
          if (!root.contains(a)) return { out: true };
          const bar = root.querySelector('.pf-nav').getBoundingClientRect();
          const r = a.getBoundingClientRect();
          const hidden = !a.closest('.pf-nav') && r.height > 0 && (r.bottom > bar.top + 1 || r.top < 0);
          return { hidden, what: `${a.tagName} ${a.id || a.name} ${(a.textContent || '').trim().slice(0, 30)} (top ${Math.round(r.top)}, bar ${Math.round(bar.top)}, focus-visible ${a.matches(':focus-visible')})` };
        });
        if (s.out) break;
        assert.equal(s.hidden, false, `${s.what} is hidden under the bar`);
        stops++;
      }
      assert.ok(stops > 25, `only ${stops} Tab stops`);
    } finally {
      await b.close();
    }
  });

  test(`${name}: a red flag stops the plan first and blocks confirmation until the action is recorded`, async () => {
    const b = await openBrowser(name);
    try {
      await demo(b, { pathways: ['laenderyg'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10', measurements: { pain_duration_weeks: 20 } });
      await b.click(step(1));
      await b.click('[data-measurement="red_flags"] label:has(input[value="cauda_equina"])');
      await b.until(() => !!deepQuery('.pf-gates .pf-gate[data-gate="lrs-cauda-equina"]'), null, 'the acute stop');
      assert.equal(await b.run(() => deepQuery('.pf-gates .pf-gate').getAttribute('role')), 'alert');
      await b.click(step(3));
      assert.equal(await b.count('.pf-intervention'), 0, 'no routine offers');
      assert.equal(await b.disabled('.pf-confirm'), true);
      assert.match(await b.text('.pf-blocked'), /akut sikkerhedsstop er åbent/);
      const change = (await events(b, 'pakkeforloeb-change')).at(-1);
      assert.equal(change.status, 'akut-handling');
      // Each recorded once its plan has followed (a frame after the click).
      for (const gate of ['lrs-cauda-equina', 'lrs-roede-flag']) {
        await b.click(`.pf-gate[data-gate="${gate}"] .pf-gate-handled`);
        await b.until((g) => !deepQuery(`.pf-gate[data-gate="${g}"] .pf-gate-handled`), gate, `${gate} recorded`);
      }
      assert.equal(await b.disabled('.pf-confirm'), false);
      await b.click('.pf-confirm');
      const plan = (await events(b, 'pakkeforloeb-plan'))[0];
      assert.equal(plan.status, 'afventer-afklaring');
      assert.deepEqual(plan.interventions, []);
    } finally {
      await b.close();
    }
  });

  test(`${name}: the custom element on a plain page: events, a refused prefill, a DOM move and a saved draft`, async () => {
    const b = await openBrowser(name);
    try {
      await b.size(360, 800);
      await b.goto(server.origin + '/embed.html');
      await b.until(() => document.getElementById('w1')?.input !== undefined, null, 'the page prefills');
      await b.run(async (kol) => {
        window.__ev = [];
        for (const n of ['pakkeforloeb-change', 'pakkeforloeb-draft', 'pakkeforloeb-error']) {
          document.addEventListener(n, (e) => window.__ev.push({ name: n, detail: e.detail }));
        }
        document.body.innerHTML = '<div id="a"><pakkeforloeb-widget id="w" lang="da"></pakkeforloeb-widget></div><div id="b"></div>';
        const w = document.getElementById('w');
        w.input = { ...kol, measurements: { fev1_fvc: 0.62 } };
        await w.ready;
      }, KOL);
      await b.until(() => window.__ev.some((e) => e.name === 'pakkeforloeb-change'), null, 'a plan');
      // A prefill that is not an object is refused, naming the field, and changes nothing.
      await b.run(() => { document.getElementById('w').input = 42; });
      const errors = await events(b, 'pakkeforloeb-error');
      assert.match(errors.at(-1).message, /^input: expected an input@1 object/);
      assert.deepEqual(await b.run(() => document.getElementById('w').plan.pathways), ['kol']);
      // Out-of-range values are taken to their fields and named to the host.
      await b.run(() => { document.getElementById('w').input = { pathways: ['kol'], measurements: { fev1_fvc: 7 } }; });
      assert.match((await events(b, 'pakkeforloeb-error')).at(-1).message, /input\.measurements\.fev1_fvc: 7 is out of range/);
      await b.run(() => { document.getElementById('w').input = { pathways: ['kol'], measurements: { fev1_fvc: 0.62 } }; });
      // The GP answers on the assessment step, then the host moves the element.
      await b.click(step(1));
      await b.click(answer('cat', 0, 4));
      // The draft follows the answer once it is painted.
      await b.until(() => window.__ev.some((e) => e.name === 'pakkeforloeb-draft' && e.detail.answers?.cat?.[0] === 4), null, 'the draft with the answer');
      const drafts = await events(b, 'pakkeforloeb-draft');
      assert.equal(drafts.at(-1).step, 'assessment');
      await b.run(async () => {
        const w = document.getElementById('w');
        document.getElementById('b').append(w);
        await w.ready;
      });
      await b.until(() => !!deepQuery('.pf-widget'), null, 'the moved widget');
      assert.equal(await b.run(() => deepQuery('.pf-step[aria-current="step"]').dataset.step), '1', 'still on the assessment step');
      assert.equal(await b.run((q) => deepQuery(q).querySelector('input').checked, answer('cat', 0, 4)), true);
      // A new element given the saved draft opens where the GP was, with the answer.
      const saved = drafts.at(-1);
      await b.run(async (d) => {
        document.getElementById('b').innerHTML = '<pakkeforloeb-widget id="w2"></pakkeforloeb-widget>';
        const w2 = document.getElementById('w2');
        w2.draft = d;
        await w2.ready;
      }, saved);
      assert.equal(await b.run(() => document.getElementById('w2').shadowRoot.querySelector('.pf-step[aria-current="step"]').dataset.step), '1');
      assert.equal(await b.run(() => document.getElementById('w2').draft.answers.cat[0]), 4);
      assert.deepEqual(await b.run(() => document.getElementById('w2').plan.pathways), ['kol']);
    } finally {
      await b.close();
    }
  });

  test(`${name}: the iframe protocol: init, change and draft messages, and a reload keeps the GP's work`, async () => {
    const b = await openBrowser(name);
    try {
      await b.size(800, 900);
      await b.goto(server.origin + '/iframe-host.html');
      await b.until(() => (window.__messages ?? []).some((m) => m.type === 'change'), null, 'a change message');
      await b.frame('#frame');
      await b.until(() => !!deepQuery('.pf-widget'), null, 'the widget in the frame');
      await b.click(step(1));
      await b.click(answer('cat', 0, 5));
      await b.top();
      // The draft follows the answer once it is painted.
      await b.until(() => window.__messages.some((m) => m.type === 'draft' && m.draft.step === 'assessment' && m.draft.answers?.cat?.[0] === 5), null, 'a draft message with the answer');
      await b.reload();
      await b.until(() => (window.__messages ?? []).some((m) => m.type === 'change'), null, 'the frame again');
      await b.frame('#frame');
      await b.until((q) => deepQuery(q)?.querySelector('input').checked === true, answer('cat', 0, 5), 'the answer given back');
      assert.equal(await b.run(() => deepQuery('.pf-step[aria-current="step"]').dataset.step), '1');
      await b.top();
    } finally {
      await b.close();
    }
  });
}
