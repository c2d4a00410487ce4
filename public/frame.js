// The iframe protocol (version 1). Every message is an object
//   { protocol: "pakkeforloeb", version: 1, type, ... }
// host → frame: init { input?, lang?, mode?, step?, content? }
//                                             (the first accepted init pins the host's origin;
//                                              a later init merges its input without overwriting
//                                              what the GP entered; content is a regional pack)
//               lang { lang }                 (switch language, keeping what was entered)
//               draft { draft }               (give back a draft saved from a draft message)
// frame → host: ready                          (sent on load to each allowed origin)
//               change { plan }                (the current partial plan, after every change)
//               plan { plan }                  (the plan the GP confirmed)
//               draft { draft }                (everything entered, after every change: save it)
//               resize { height }              (the content's height in CSS pixels)
//               error { code, message }        (bad message, wrong version, widget error)
// Messages from origins not in ?origins=… are ignored without a reply; replies only ever go to
// the pinned origin (or, before init, to the allowed origin that sent the message).
//
// Origins: https://… and http://… as usual, and a desktop host's own scheme (app://ehr,
// WebView2's https://app.local mapping needs nothing extra). A host whose origin is opaque
// ("null": a file:// page, a sandboxed frame) must opt in with ?allow-null-origin=yes: messages
// to it can only be addressed to "*", so anything that becomes the parent window receives them.
// Use it only where nothing else can become the parent.
//
// A regional content pack: ?content-src=region.pack (a file on the frame's own origin, as the
// element's content-src attribute), or init.content (the pack itself, from the host). Either is
// checked by its SHA-256; a refused pack is an error message, and the widget keeps its content.
import { PakkeforloebWidget } from './pakkeforloeb.js';

const PROTOCOL = 'pakkeforloeb';
const VERSION = 1;
const params = new URLSearchParams(location.search);
const allowNull = params.get('allow-null-origin') === 'yes';
const allowed = (params.get('origins') ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter((o) => /^[a-z][a-z0-9+.-]*:\/\/[^/]+$/.test(o) && !/^(javascript|data|blob|file):/i.test(o));
if (allowNull) allowed.push('null');
let pinned = null;
let lastHeight = 0;
const widget = document.querySelector('pakkeforloeb-widget');
if (!(widget instanceof PakkeforloebWidget)) throw new Error('pakkeforloeb-widget is not defined');
if (params.get('content-src')) widget.setAttribute('content-src', params.get('content-src'));

function post(message, origin) {
  // An opaque origin cannot be addressed: "*" (the opt-in above explains the risk).
  window.parent.postMessage({ protocol: PROTOCOL, version: VERSION, ...message }, origin === 'null' ? '*' : origin);
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
      if (m.mode !== undefined) widget.setAttribute('mode', String(m.mode));
      if (m.step !== undefined) widget.setAttribute('step', String(m.step));
      if (m.content !== undefined) {
        // A malformed pack is named and left out; the rest of init still applies.
        if ((typeof m.content !== 'object' && typeof m.content !== 'string') || m.content === null) {
          reply('malformed', 'init.content: expected a content pack (pakkeforloeb/pack@1) object or its JSON text');
        } else {
          widget.content = m.content;
        }
      }
      lastHeight = Math.ceil(document.documentElement.scrollHeight);
      toHost({ type: 'resize', height: lastHeight });
      if (m.input !== undefined) {
        if (typeof m.input !== 'object' || m.input === null) {
          reply('malformed', 'init.input: expected an input@1 object');
          return;
        }
        widget.input = m.input;
      }
      break;
    case 'draft':
      if (!pinned) { reply('not-initialized', 'send init first'); return; }
      try {
        widget.draft = m.draft;
      } catch (e) {
        reply('malformed', e.message);
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
widget.addEventListener('pakkeforloeb-draft', (e) => toHost({ type: 'draft', draft: e.detail }));
// The host sizes the iframe to its content (no inner scroll bar in a side panel).
new ResizeObserver(() => {
  const height = Math.ceil(document.documentElement.scrollHeight);
  if (height !== lastHeight) {
    lastHeight = height;
    toHost({ type: 'resize', height });
  }
}).observe(document.body);
// The page's own look, set through the CSSOM (the frame's CSP admits no style attribute).
document.body.style.margin = '0';
widget.style.setProperty('--pakkeforloeb-font-family', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif');

for (const origin of allowed) post({ type: 'ready' }, origin);
