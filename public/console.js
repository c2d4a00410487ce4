// The vendor console: shows each event as it arrives and the FHIR Bundle of the confirmed plan.
import { planToFhir } from './pakkeforloeb.js';

const events = document.getElementById('events');
const fhir = document.getElementById('fhir');
const widget = document.getElementById('widget');
widget.input = { diagnosis_date: '2027-03-01', assessment_date: '2027-03-10' };
for (const name of ['pakkeforloeb-ready', 'pakkeforloeb-change', 'pakkeforloeb-plan', 'pakkeforloeb-error']) {
  widget.addEventListener(name, (e) => {
    const time = new Date().toLocaleTimeString('da-DK');
    events.textContent = `${time} ${name} ${JSON.stringify(e.detail).slice(0, 200)}\n` + events.textContent;
    if (name === 'pakkeforloeb-plan') fhir.textContent = JSON.stringify(planToFhir(e.detail), null, 2);
  });
}
