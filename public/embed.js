// The host side of embed.html: prefill from the record, listen for the plan. Importing the
// module first guarantees <pakkeforloeb-widget> is defined before we set its input.
import './pakkeforloeb.js';

const w1 = document.getElementById('w1');
w1.input = {
  diagnosis_date: '2027-03-01',
  assessment_date: '2027-03-10',
  measurements: { fev1_fvc: 0.62, fev1_pct_pred: 45, smoking: 'current' },
};
const log = document.getElementById('log');
for (const name of ['pakkeforloeb-ready', 'pakkeforloeb-change', 'pakkeforloeb-plan', 'pakkeforloeb-error']) {
  document.addEventListener(name, (e) => {
    const summary = e.detail?.differentiation ? `niveau ${e.detail.differentiation.level}` : JSON.stringify(e.detail).slice(0, 80);
    log.textContent += `${e.target.id} ${name}: ${summary}\n`;
  });
}
