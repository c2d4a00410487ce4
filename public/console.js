// The vendor console: shows each event as it arrives, the FHIR Bundle of the confirmed plan, and
// a record's FHIR Bundle read into the widget with inputFromFhir (its report shown as text).
import { planToFhir, inputFromFhir } from './pakkeforloeb.js';

const events = document.getElementById('events');
const fhir = document.getElementById('fhir');
const widget = document.getElementById('widget');
const ASSESSMENT_DATE = '2027-03-10';
widget.input = { diagnosis_date: '2027-03-01', assessment_date: ASSESSMENT_DATE };
for (const name of ['pakkeforloeb-ready', 'pakkeforloeb-change', 'pakkeforloeb-plan', 'pakkeforloeb-error']) {
  widget.addEventListener(name, (e) => {
    const time = new Date().toLocaleTimeString('da-DK');
    events.textContent = `${time} ${name} ${JSON.stringify(e.detail).slice(0, 200)}\n` + events.textContent;
    if (name === 'pakkeforloeb-plan') {
      planToFhir(e.detail).then((b) => { fhir.textContent = JSON.stringify(b, null, 2); }, (err) => { fhir.textContent = `Fejl: ${err.message}`; });
    }
  });
}

// A record as a GP system might hold it: lab results by LOINC and NPU, one in another unit, an
// older HbA1c, KOL by ICPC-2 and type 2 diabetes by ICD-10, drugs as MedicationStatements.
const loinc = 'http://loinc.org';
const obs = (system, code, value, unit, date) => ({
  resourceType: 'Observation', status: 'final', code: { coding: [{ system, code }] },
  effectiveDateTime: date, valueQuantity: { value, unit },
});
const EXAMPLE = {
  resourceType: 'Bundle', type: 'collection',
  entry: [
    { resourceType: 'Condition', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icpc-2', code: 'R95', display: 'Kronisk obstruktiv lungesygdom' }] }, onsetDateTime: '2027-03-01' },
    { resourceType: 'Condition', clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' }] },
      code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10', code: 'E11.9', display: 'Type 2-diabetes uden komplikationer' }] }, onsetDateTime: '2027-03-01' },
    obs(loinc, '8480-6', 142, 'mm[Hg]', '2027-03-01'),
    obs(loinc, '8462-4', 88, 'mm[Hg]', '2027-03-01'),
    obs('urn:oid:1.2.208.176.2.1', 'NPU27300', 44, 'mmol/mol', '2027-02-20'),
    obs(loinc, '59261-8', 47, 'mmol/mol', '2026-08-14'),
    obs(loinc, '22748-8', 131, 'mg/dL', '2027-02-20'),
    obs(loinc, '29463-7', 81, 'kg', '2027-03-01'),
    obs(loinc, '8302-2', 176, 'cm', '2027-03-01'),
    { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'R03AL03' }] } },
    { resourceType: 'MedicationStatement', status: 'active', medicationCodeableConcept: { coding: [{ system: 'http://www.whocc.no/atc', code: 'C09AA05' }] } },
    { resourceType: 'MedicationStatement', status: 'stopped', medicationCodeableConcept: { text: 'Ibuprofen' } },
  ].map((resource, i) => ({ fullUrl: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, resource })),
};

const record = document.getElementById('record');
const report = document.getElementById('report');
document.getElementById('record-example').addEventListener('click', () => {
  record.value = JSON.stringify(EXAMPLE, null, 2);
});
document.getElementById('record-load').addEventListener('click', async () => {
  try {
    const { input, report: r } = await inputFromFhir(record.value, { assessmentDate: ASSESSMENT_DATE });
    widget.input = input;
    const taken = r.mapped.map((m) => `taget: ${m.field} = ${JSON.stringify(m.value)}${m.date ? ` (${m.date})` : ''} fra ${m.from}${m.note ? ` – ${m.note}` : ''}`);
    const left = r.not_mapped.map((n) => `ikke taget (${n.reason}): ${n.from}: ${n.detail}`);
    report.textContent = [...taken, ...left].join('\n');
  } catch (e) {
    report.textContent = `Fejl: ${e.message}`;
  }
});
