// The host side of the iframe protocol (see frame.js). The frame may live on another origin;
// here it is served next to this page.
const frame = document.getElementById('frame');
const frameUrl = new URL('frame.html', location.href);
frameUrl.searchParams.set('origins', location.origin);
const frameOrigin = frameUrl.origin;
const log = document.getElementById('log');

window.addEventListener('message', (event) => {
  if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
  const m = event.data;
  if (m?.protocol !== 'pakkeforloeb') return;
  window.__messages = [...(window.__messages ?? []), m];
  log.textContent += `${m.type}${m.plan ? ` (niveau ${m.plan.differentiation.level})` : ''}${m.message ? `: ${m.message}` : ''}\n`;
  if (m.type === 'ready') {
    frame.contentWindow.postMessage({
      protocol: 'pakkeforloeb', version: 1, type: 'init', lang: 'da',
      input: {
        pathways: ['kol'], diagnosis_date: '2027-03-01', assessment_date: '2027-03-10',
        measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45 },
      },
    }, frameOrigin);
  }
});
frame.src = frameUrl.href;
