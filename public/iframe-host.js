// The host side of the iframe protocol (see frame.js). The frame may live on another origin;
// here it is served next to this page. The host sizes the frame to its content, keeps the
// GP's draft (here in sessionStorage, so a reload of this page loses nothing) and gives it
// back after the frame's init.
const frame = document.getElementById('frame');
const frameUrl = new URL('frame.html', location.href);
frameUrl.searchParams.set('origins', location.origin);
const frameOrigin = frameUrl.origin;
const log = document.getElementById('log');
const DRAFT_KEY = 'pakkeforloeb-demo-draft';

const send = (message) => frame.contentWindow.postMessage({ protocol: 'pakkeforloeb', version: 1, ...message }, frameOrigin);

window.addEventListener('message', (event) => {
  if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
  const m = event.data;
  if (m?.protocol !== 'pakkeforloeb') return;
  window.__messages = [...(window.__messages ?? []), m];
  if (m.type === 'resize') {
    frame.style.height = `${m.height}px`;
    return;
  }
  if (m.type === 'draft') {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(m.draft));
    return;
  }
  log.textContent += `${m.type}${m.plan ? ` (niveau ${m.plan.differentiation.level})` : ''}${m.message ? `: ${m.message}` : ''}\n`;
  if (m.type === 'ready') {
    send({
      type: 'init', lang: 'da',
      input: {
        pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10',
        measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45 },
      },
    });
    const saved = sessionStorage.getItem(DRAFT_KEY);
    if (saved) send({ type: 'draft', draft: JSON.parse(saved) });
  }
});
frame.src = frameUrl.href;
