// The first click as a GP meets it (issue #28), for `make bench`: a whole patient entered through
// the documented prefill (`input`), in a fresh browser context each run (cache off, files served
// brotli-compressed), then the first real mouse click on an answer that changes a score and the
// plan, timed from the press to the first frame that shows the new score, and the next 20
// clicks the same way; then the first click's plan: from the press to the frame after its
// `pakkeforloeb-change` (the widget paints the answer and its score first and plans in the task
// after that frame). At CPU ×1 and ×4. Where the first click's time goes is read from the
// browser's own trace of it (DevTools timeline events) in runs of their own (tracing slows the
// click it records), for the first click and for a later one (the 11th), each split at the frame
// that shows the score: what it took to paint the score, then what it took from there to paint
// the plan; the engine's and the events' share from the widget's User Timing measures
// (`pf:plan`, `pf:events`). Given more than one build (`BENCH_AGAINST`, see bench.mjs), their
// runs alternate, so that every build meets the machine in the same minutes: a comparison of
// builds that does not depend on how fast the machine is that day. Nothing here asserts.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
const f1 = (x) => x.toFixed(1);

/** The two patients of the bench: the example KOL patient and a KOL + type 2 diabetes + heart
 * patient, each with WHO-5 item 1 not yet answered and item 4 at 1, so the first click completes
 * WHO-5 and the content offers the MDI (as one line; its rows are built when the GP opens it). */
export function patients(root) {
  const example = (f) => JSON.parse(fs.readFileSync(path.join(root, 'public/examples', f), 'utf8')).input;
  const kol = example('kol-2-ryger.json');
  kol.instruments.who5 = [null, 2, 3, 1, 4];
  // The question a low WHO-5 item raises is answered, so the plan proceeds with its offers.
  kol.measurements.suicidal_thoughts = false;
  const t2d = example('t2d-2-over-maal.json');
  const heart = example('hjerte-1-iskaemi.json');
  const multi = {
    ...kol,
    pathways: ['kol', 'type2-diabetes', 'hjertesygdom'],
    instruments: { ...kol.instruments, sils: [1] },
    // Ischaemic heart disease is known cardiovascular disease (the diabetes example says none).
    measurements: { ...heart.measurements, ...t2d.measurements, ...kol.measurements, known_cvd: true },
  };
  return [['KOL (eksempelpatient)', kol], ['KOL + type 2-diabetes + hjertesygdom', multi]];
}

/** Sums the main thread's timeline events between `from` and `to` (trace microseconds) by
 * what they are: script (event handlers, timers, microtasks: wasm and JS), style, layout,
 * paint (pre-paint, paint, layerize, commit). Nested events count once, in the innermost. */
function breakdown(events, from, to) {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const kinds = {
    FunctionCall: 'script', EventDispatch: 'script', TimerFire: 'script', RunMicrotasks: 'script',
    FireAnimationFrame: 'script', 'v8.callFunction': 'script',
    UpdateLayoutTree: 'style', RecalculateStyles: 'style',
    Layout: 'layout',
    PrePaint: 'paint', Paint: 'paint', Layerize: 'paint', Commit: 'paint', UpdateLayer: 'paint',
  };
  const spans = events
    .filter((e) => e.ph === 'X' && (!main || (e.pid === main.pid && e.tid === main.tid)) && kinds[e.name])
    .map((e) => ({ kind: kinds[e.name], start: Math.max(e.ts, from), end: Math.min(e.ts + (e.dur ?? 0), to) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Exclusive time: each span minus the spans nested in it.
  const total = { script: 0, style: 0, layout: 0, paint: 0 };
  const stack = [];
  const close = (s) => { total[s.kind] += s.end - s.start - s.nested; if (stack.length) stack.at(-1).nested += s.end - s.start; };
  for (const s of spans) {
    while (stack.length && stack.at(-1).end <= s.start) close(stack.pop());
    stack.push({ ...s, nested: 0 });
  }
  while (stack.length) close(stack.pop());
  for (const k of Object.keys(total)) total[k] /= 1000;
  return total;
}

/** One run: a fresh context, the prefill, `ready`, a quiet moment, then 21 clicks. */
async function run(browser, origin, input, rate, traced, seed) {
  // A hand presses at any moment of a frame; a harness that waits on frames (Playwright polls
  // in animation frames) would press at the same moment of one every time, and a click's time to
  // the next painted frame would depend on where that moment falls. So each press waits a
  // pseudo-random part of a frame first: the same sequence for every build (seeded by the run).
  let state = seed * 2654435761 % 4294967296 || 1;
  const jitter = () => { state = (state * 1664525 + 1013904223) % 4294967296; return (state / 4294967296) * 16.7; };
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 1024, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.addInitScript(() => {
    document.addEventListener('pakkeforloeb-ready', () => { window.__ready = performance.now(); }, { once: true });
  });
  await page.goto(origin + '/embed.html');
  await page.waitForFunction(() => document.getElementById('w1')?.input !== undefined);
  // A plain host page with one widget, given the patient as a record would.
  const t0 = await page.evaluate(async (input) => {
    document.body.innerHTML = '<pakkeforloeb-widget id="w" lang="da"></pakkeforloeb-widget>';
    const w = document.getElementById('w');
    const t = performance.now();
    w.input = input;
    await w.ready;
    return performance.now() - t;
  }, input);
  const ready = await page.evaluate(() => window.__ready);
  await page.locator('#w .pf-step[data-step="1"]').click();
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const root = document.getElementById('w').shadowRoot;
    window.__clicks = [];
    root.addEventListener('pointerdown', (e) => {
      const press = e.timeStamp;
      const out = root.querySelector('[data-score="who5"] output');
      const before = out.textContent;
      const marks = performance.getEntriesByType('measure').length;
      // The plan that follows from the click: its `pakkeforloeb-change`, then its frame.
      const record = { press };
      window.__pending = record;
      document.getElementById('w').addEventListener('pakkeforloeb-change', () => {
        requestAnimationFrame(() => {
          record.planPainted = performance.now() - press;
          const m = performance.getEntriesByType('measure').slice(marks);
          const sum = (n) => m.filter((x) => x.name === n).reduce((a, x) => a + x.duration, 0);
          record.plan = sum('pf:plan');
          record.events = sum('pf:events');
        });
      }, { once: true });
      const obs = new MutationObserver(() => {
        if (out.textContent === before) return;
        obs.disconnect();
        requestAnimationFrame(() => {
          const painted = performance.now();
          window.__clicks.push(Object.assign(record, { ms: painted - press, painted }));
        });
      });
      obs.observe(out, { childList: true, characterData: true, subtree: true });
    }, true);
  });
  // Real mouse clicks (DevTools input events), press and release sent together. The first
  // answers WHO-5 item 1, which completes WHO-5; then item 1 toggles between 3 and 2.
  const clicks = [];
  for (let i = 0; i < 21; i++) {
    const value = i % 2 ? 2 : 3;
    const radio = page.locator(`#w [data-instrument="who5"] .pf-item >> nth=0 >> input[value="${value}"]`);
    if (i === 0) {
      // Scrolled to, then again once the blocks around it have their real size.
      await radio.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await radio.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    }
    const box = await radio.boundingBox();
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at });
    await new Promise((ok) => setTimeout(ok, jitter()));
    const trace = traced && (i === 0 || i === TRACED_LATER);
    let events = [];
    const collect = (d) => { events = events.concat(d.value); };
    if (trace) {
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing', transferMode: 'ReportEvents' });
    }
    await Promise.all([
      cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', ...at, button: 'left', clickCount: 1 }),
      cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', ...at, button: 'left', clickCount: 1 }),
    ]);
    await page.waitForFunction((n) => window.__clicks.length >= n, i + 1);
    // The plan that follows (the first click changes it: WHO-5 complete, the MDI offered; a
    // later one changes WHO-5's total, which the plan carries).
    if (i === 0 || trace) await page.waitForFunction(() => window.__clicks.at(-1).planPainted !== undefined, null, { timeout: 5000 }).catch(() => {});
    const c = (await page.evaluate(() => window.__clicks.at(-1)));
    if (trace) {
      const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      // The trace's clock: the pointerdown EventDispatch is the press.
      const press = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'pointerdown');
      const from = press ? press.ts : 0;
      c.parts = breakdown(events, from, from + c.ms * 1000);
      // From the frame that shows the score to the frame after the plan's change event (empty
      // when a build plans before it paints the score: then the plan is in the score's part).
      if (c.planPainted !== undefined) c.planParts = breakdown(events, from + c.ms * 1000, from + c.planPainted * 1000);
    }
    clicks.push(c);
    await page.waitForTimeout(50);
  }
  // → the plan step painted.
  const planStep = await page.evaluate(async () => {
    const root = document.getElementById('w').shadowRoot;
    const t = performance.now();
    root.querySelector('.pf-step[data-step="3"]').click();
    for (let n = 0; n < 600 && !root.querySelector('.pf-intervention'); n++) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t;
  });
  await context.close();
  return { ready, prefill: t0, clicks, planStep };
}

/** The click traced besides the first: the 11th, well into the steady state. */
const TRACED_LATER = 10;

/** Where one traced click's time went: to the score painted, then from there to its plan painted. */
function whereItGoes(traced, index) {
  const clicks = traced.map((r) => r.clicks[index]).filter((c) => c?.parts);
  if (!clicks.length) return 'not traced';
  const med = (xs) => f1(pct(xs, 50));
  const part = (k) => med(clicks.map((c) => c.parts[k]));
  let line = `to the score: script ${part('script')}, style ${part('style')}, layout ${part('layout')}, paint ${part('paint')} ms`;
  // A build that plans before it paints the score (as before issue #28) paints its plan in the
  // score's frame: then the plan's time is in the score's part.
  const planned = clicks.filter((c) => c.planParts && c.planPainted - c.ms >= 1);
  if (clicks.some((c) => c.planParts) && !planned.length) line += '; its plan was painted in the same frame (its time is in the part to the score)';
  if (planned.length) {
    const pp = (k) => med(planned.map((c) => c.planParts[k]));
    const engine = pct(planned.map((c) => c.plan ?? 0), 50);
    const events = pct(planned.map((c) => c.events ?? 0), 50);
    const other = Math.max(0, pct(planned.map((c) => c.planParts.script - (c.plan ?? 0) - (c.events ?? 0)), 50));
    line += `; then to its plan: engine ${f1(engine)}, serialising the plan + dispatching events ${f1(events)}, other script (reactive updates and DOM) ${f1(other)}, style ${pp('style')}, layout ${pp('layout')}, paint ${pp('paint')} ms`;
  }
  return `${line} (medians of ${clicks.length} traced runs of their own; tracing slows them)`;
}

/** Prints the figures of one build for one patient and rate, with the targets beside them. */
function report(label, rate, runs, rs, traced) {
  const first = rs.map((r) => r.clicks[0].ms);
  const later = rs.flatMap((r) => r.clicks.slice(1).map((c) => c.ms));
  const ready = rs.map((r) => r.ready);
  const plan = rs.map((r) => r.planStep);
  const med = (xs) => f1(pct(xs, 50));
  const within = (x, b) => (x <= b ? 'within' : 'OVER');
  console.log(`(h) ${label}, CPU ×${rate}, ${runs} fresh contexts:`);
  console.log(`    first click → score painted: median ${med(first)} ms, p90 ${f1(pct(first, 90))} ms${rate === 4 ? `  [target ≤ 25 ms median: ${within(pct(first, 50), 25)}]` : ''}`);
  console.log(`    the next 20 clicks: median ${med(later)} ms, p90 ${f1(pct(later, 90))} ms${rate === 4 ? `  [target ≤ 20 ms: ${within(pct(later, 50), 20)}]` : ''}`);
  console.log(`    load → ready: median ${med(ready)} ms, p90 ${f1(pct(ready, 90))} ms${rate === 4 ? `  [target ≤ 900 ms: ${within(pct(ready, 50), 900)}]` : ''}; → the plan step painted: median ${med(plan)} ms`);
  const planned = rs.map((r) => r.clicks[0].planPainted).filter((x) => x !== undefined);
  console.log(`    first click → its plan painted (the plan, the gates, the offered MDI; the events sent): median ${planned.length ? med(planned) : '—'} ms, p90 ${planned.length ? f1(pct(planned, 90)) : '—'} ms (${planned.length} of ${runs} runs changed the plan)`);
  console.log(`    where the first click's time goes: ${whereItGoes(traced, 0)}`);
  console.log(`    where a later click's time goes (the ${TRACED_LATER + 1}th): ${whereItGoes(traced, TRACED_LATER)}`);
}

/** Prints the figures of the issue's scenario for each build (`builds`: name and origin; with
 * more than one, their runs alternate). */
export async function firstClick({ builds, root, runs = 15, rates = [1, 4], traceRuns = 5 }) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=da'],
  });
  for (const [name, input] of patients(root)) {
    for (const rate of rates) {
      const rs = builds.map(() => []);
      const traced = builds.map(() => []);
      for (let i = 0; i < runs; i++) {
        for (const [b, build] of builds.entries()) rs[b].push(await run(browser, build.origin, input, rate, false, i + 1));
      }
      // Where the time goes, from runs of their own: tracing slows the clicks it records.
      for (let i = 0; i < traceRuns; i++) {
        for (const [b, build] of builds.entries()) traced[b].push(await run(browser, build.origin, input, rate, true, runs + i + 1));
      }
      for (const [b, build] of builds.entries()) {
        report(builds.length > 1 ? `${name} [${build.name}]` : name, rate, runs, rs[b], traced[b]);
      }
    }
  }
  await browser.close();
}
