// The iframe protocol (version 1). Every message is an object
//   { protocol: "pakkeforloeb", version: 1, type, ... }
// host → frame: init { input?, lang? }        (the first accepted init pins the host's origin)
//               lang { lang }                 (switch language, keeping what was entered)
// frame → host: ready                          (sent on load to each allowed origin)
//               change { plan }                (the current partial plan, after every change)
//               plan { plan }                  (the plan the GP confirmed)
//               error { code, message }        (bad message, wrong version, widget error)
// Messages from origins not in ?origins=… are ignored without a reply; replies only ever go to
// the pinned origin (or, before init, to the allowed origin that sent the message).
import { PakkeforloebWidget } from './pakkeforloeb.js';

const PROTOCOL = 'pakkeforloeb';
const VERSION = 1;
const allowed = (new URLSearchParams(location.search).get('origins') ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter((o) => /^https?:\/\/[^/]+$/.test(o));
let pinned = null;
const widget = document.querySelector('pakkeforloeb-widget');
if (!(widget instanceof PakkeforloebWidget)) throw new Error('pakkeforloeb-widget is not defined');

function post(message, origin) {
  window.parent.postMessage({ protocol: PROTOCOL, version: VERSION, ...message }, origin);
}
function toHost(message) {
  if (pinned) post(message, pinned);
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent) return;
  if (!allowed.includes(event.origin)) return;
  if (pinned && event.origin !== pinned) return;
  const reply = (code, message) => post({ type: 'error', code, message }, event.origin);
  const m = event.data;
  if (typeof m !== 'object' || m === null || Array.isArray(m) || m.protocol !== PROTOCOL) {
    reply('malformed', 'expected { protocol: "pakkeforloeb", version: 1, type, … }');
    return;
  }
  if (m.version !== VERSION) {
    reply('unsupported-version', `version ${JSON.stringify(m.version)} is not supported; this frame speaks version ${VERSION}`);
    return;
  }
  switch (m.type) {
    case 'init':
      pinned = event.origin;
      if (m.lang !== undefined) widget.setAttribute('lang', m.lang === 'en' ? 'en' : 'da');
      if (m.input !== undefined) {
        if (typeof m.input !== 'object' || m.input === null) {
          reply('malformed', 'init.input: expected an input@1 object');
          return;
        }
        widget.input = m.input;
      }
      break;
    case 'lang':
      if (!pinned) { reply('not-initialized', 'send init first'); return; }
      widget.setAttribute('lang', m.lang === 'en' ? 'en' : 'da');
      break;
    default:
      reply('unknown-type', `unknown message type ${JSON.stringify(String(m.type)).slice(0, 60)}`);
  }
});

widget.addEventListener('pakkeforloeb-change', (e) => toHost({ type: 'change', plan: e.detail }));
widget.addEventListener('pakkeforloeb-plan', (e) => toHost({ type: 'plan', plan: e.detail }));
widget.addEventListener('pakkeforloeb-error', (e) => toHost({ type: 'error', code: 'widget', message: e.detail?.message ?? String(e.detail) }));

for (const origin of allowed) post({ type: 'ready' }, origin);
