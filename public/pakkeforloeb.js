// pakkeforloeb: the embeddable widget. One ES module, loaded with
//   <script type="module" src="…/pakkeforloeb.js"></script>
// from the folder of static files it sits in (it finds its wasm next to itself). It defines the
// custom element <pakkeforloeb-widget> and exports computePlan, planToFhir and inputFromFhir
// (docs/host-api.md; the last two load the FHIR module on first use).
// Nothing here talks to a network: the only fetch is the widget's own .wasm file.
// The glue is requested first and the .wasm at once after it, in parallel (a static import would
// fetch the glue first and the .wasm only after it ran).
const wasmUrl = new URL('./pakkeforloeb-widget_bg.wasm', import.meta.url);
const glue = import('./pakkeforloeb-widget.js');
const wasmFile = fetch(wasmUrl);
const wasm = await glue;
await wasm.default({ module_or_path: wasmFile });

/** The plan (pakkeforloeb/plan@1) for an input object or JSON string; throws an Error naming the bad field. */
export function computePlan(input, previousPlan, options) {
  return wasm.computePlan(input, previousPlan, options);
}

// The FHIR functions are in their own wasm (about 160 KiB brotli), fetched from this folder the
// first time a host calls one: a page that only shows the widget never downloads it.
const fhirWasmUrl = new URL('./pakkeforloeb-fhir_bg.wasm', import.meta.url);
let fhirModule;
function fhir() {
  fhirModule ??= import('./pakkeforloeb-fhir.js')
    .then(async (m) => {
      await m.default({ module_or_path: fetch(fhirWasmUrl) });
      return m;
    })
    .catch((e) => {
      fhirModule = undefined; // let a later call try again
      throw e;
    });
  return fhirModule;
}

/** A promise of the FHIR R4 Bundle for a plan; `options.patientIdentifier = { system, value }` names the patient. */
export async function planToFhir(plan, options) {
  return (await fhir()).planToFhir(plan, options);
}

/** A promise of a prefill from a FHIR R4 Bundle of record data: `{ input, report }`; options `assessmentDate`, `pathways`. */
export async function inputFromFhir(bundle, options) {
  return (await fhir()).inputFromFhir(bundle, options);
}

let sheet;
function styles() {
  if (!sheet) {
    // A constructed stylesheet: isolated in the shadow root and allowed under a strict CSP.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(wasm.widgetCss() + '\n:host { display: block; }');
  }
  return sheet;
}

const ATTRS = ['pathways', 'lang', 'assessment-date', 'diagnosis-date', 'mode', 'step', 'content-src'];

// A panic inside the wasm becomes a trap (WebAssembly.RuntimeError) thrown out of whatever event
// handler ran it. Then every widget says so, visibly, keeps what the GP typed on screen, and fires
// pakkeforloeb-error, instead of looking alive while it no longer reacts.
const live = new Set();
function onTrap(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return;
  for (const widget of live) widget.crashed(error);
}
window.addEventListener('error', (e) => onTrap(e.error));
window.addEventListener('unhandledrejection', (e) => onTrap(e.reason));

/** Why a value cannot be a prefill (`input`), or null: an input@1 object or its JSON text. */
function shapeProblem(value) {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (e) {
      return `input: not JSON: ${e.message}`;
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return `input: expected an input@1 object or its JSON text, not ${kind}`;
}

export class PakkeforloebWidget extends HTMLElement {
  static observedAttributes = ATTRS;
  #input = undefined;
  #widget = undefined;
  // What was entered when the element left the page (moved in the DOM): given back on return.
  #kept = undefined;
  #content = undefined;
  #ready;
  #resolveReady;

  /**
   * The input the host prefills from (an input@1 object, possibly partial). Setting it again
   * (a new lab result) merges: what the GP has not changed takes the new values, what the GP
   * entered stays, and the widget says what the record changed.
   */
  get input() { return this.#input; }
  set input(value) {
    // Not an object (a number, null, an array, text that is not JSON): refused like any other
    // bad prefill, with pakkeforloeb-error; the widget keeps what it had.
    const wrong = shapeProblem(value);
    if (wrong) {
      this.#error(new Error(wrong));
      return;
    }
    this.#input = value;
    this.#apply(() => this.#problems(this.#widget.setInput(this.#prefill())));
  }

  /**
   * A regional content pack (pakkeforloeb/pack@1, from `pakkeforloeb pack DIR`): the widget
   * checks it and uses it from then on, keeping what was entered. A pack that fails its checks
   * is refused with a visible message and pakkeforloeb-error; the widget keeps its content.
   */
  get content() { return this.#content; }
  set content(value) {
    this.#content = value;
    this.#apply(() => this.#widget.setContent(typeof value === 'string' ? value : JSON.stringify(value)));
  }

  /** Resolves with the element once the widget is on screen and answers to its API. */
  get ready() { return this.#ready; }

  /** The plan of what is entered now (a plan@1 object), or null while there is none. */
  get plan() {
    const json = this.#widget?.plan();
    return json ? JSON.parse(json) : null;
  }

  /**
   * Everything entered, as a pakkeforloeb/draft@1 object the host may store (every change is
   * also sent as a pakkeforloeb-draft event) and give back after a reload: `el.draft = saved`.
   */
  get draft() {
    if (this.#widget) return JSON.parse(this.#widget.draft());
    return this.#kept ? JSON.parse(this.#kept) : null;
  }
  set draft(value) {
    const json = typeof value === 'string' ? value : JSON.stringify(value);
    if (this.#widget) this.#apply(() => this.#widget.setDraft(json));
    else this.#kept = json;
  }

  constructor() {
    super();
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
    // A host may set `input` or `draft` before this module defined the element: the value then
    // sits on the instance as an own property, shadowing the setter. Take it over.
    for (const prop of ['input', 'draft', 'content']) {
      if (Object.prototype.hasOwnProperty.call(this, prop)) {
        const value = this[prop];
        delete this[prop];
        this[prop] = value;
      }
    }
  }

  connectedCallback() {
    if (this.#widget) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [styles()];
    const container = document.createElement('div');
    root.replaceChildren(container);
    try {
      // A prefill the widget refuses still leaves a working, empty widget (and the error).
      let refused;
      try {
        this.#widget = wasm.mountWidget(container, this.#prefill(), this.getAttribute('lang') ?? 'da');
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError) throw e;
        refused = e;
        this.#widget = wasm.mountWidget(container, undefined, this.getAttribute('lang') ?? 'da');
      }
      // Back in the page after a move, or a draft given before mounting: as it was, on the
      // step the GP was on (the step attribute is only where a fresh widget opens).
      const kept = this.#kept;
      if (kept) this.#apply(() => this.#widget.setDraft(kept));
      this.#kept = undefined;
      this.#widget.setMode(this.getAttribute('mode') ?? '');
      if (this.#content !== undefined) this.#apply(() => this.#widget.setContent(typeof this.#content === 'string' ? this.#content : JSON.stringify(this.#content)));
      if (this.hasAttribute('content-src')) this.#loadContent(this.getAttribute('content-src'));
      if (!kept && this.hasAttribute('step')) this.#widget.setStep(this.getAttribute('step'));
      live.add(this);
      // (Back after a move, the prefill's problems were said when it was first given.)
      if (refused) this.#error(refused);
      else if (!kept) this.#problems(this.#widget.prefillProblems());
      this.#resolveReady(this);
    } catch (e) {
      this.#fail(root, e);
    }
  }

  /** Called when the wasm trapped: show it, keep the entered values visible, tell the host. */
  crashed(error) {
    const root = this.shadowRoot;
    if (!root || root.querySelector('.pf-crash')) return;
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.className = 'pf-fatal pf-crash';
    const lang = this.getAttribute('lang') === 'en' ? 'en' : 'da';
    box.textContent = lang === 'en'
      ? 'The widget hit an internal error and has stopped. What you entered is still shown below: copy it into the record, then reload the page.'
      : 'Widgetten fik en intern fejl og er stoppet. Det, du har indtastet, står stadig nedenfor: overfør det til journalen, og genindlæs siden.';
    root.prepend(box);
    this.#error(error);
  }

  disconnectedCallback() {
    live.delete(this);
    // Moving the element in the DOM disconnects and reconnects it: keep what was entered.
    if (this.#widget) this.#kept = this.#widget.draft();
    this.#widget?.unmount();
    this.#widget?.free();
    this.#widget = undefined;
    this.#ready = new Promise((resolve) => { this.#resolveReady = resolve; });
  }

  attributeChangedCallback(name) {
    if (!this.#widget) return;
    if (name === 'lang') this.#widget.setLang(this.getAttribute('lang') ?? 'da');
    else if (name === 'mode') this.#widget.setMode(this.getAttribute('mode') ?? '');
    else if (name === 'step') this.#widget.setStep(this.getAttribute('step') ?? 'start');
    else if (name === 'content-src') this.#loadContent(this.getAttribute('content-src'));
    else this.#apply(() => this.#problems(this.#widget.setInput(this.#prefill())));
  }

  /** The prefill: the `input` property, with the attributes filling what it leaves out. */
  #prefill() {
    const input = typeof this.#input === 'string' ? JSON.parse(this.#input) : { ...(this.#input ?? {}) };
    const pathways = this.getAttribute('pathways');
    if (pathways && !input.pathways) input.pathways = pathways.split(',').map((p) => p.trim()).filter(Boolean);
    const dates = { 'assessment-date': 'assessment_date', 'diagnosis-date': 'diagnosis_date' };
    for (const [attr, field] of Object.entries(dates)) {
      const v = this.getAttribute(attr);
      if (v && !input[field]) input[field] = v;
    }
    return input;
  }

  /** A pack from the host's own origin only (a widget loads nothing from anywhere else). */
  async #loadContent(src) {
    if (!src) return;
    const url = new URL(src, location.href);
    if (url.origin !== location.origin) {
      this.#error(new Error(`content-src: ${url.origin} is not this page's origin; a content pack is loaded from the host's own origin only`));
      return;
    }
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`content-src: ${res.status} ${res.statusText} for ${url.pathname}`);
      const text = await res.text();
      this.#content = text;
      this.#apply(() => this.#widget.setContent(text));
    } catch (e) {
      this.#error(e);
    }
  }

  #apply(action) {
    if (!this.#widget) return;
    try {
      action();
    } catch (e) {
      this.#error(e);
    }
  }

  /** Values of a prefill the widget took but that are wrong (each shown at its field). */
  #problems(message) {
    if (message) this.#error(new Error(message));
  }

  #error(e) {
    const message = e instanceof Error ? e.message : String(e);
    this.dispatchEvent(new CustomEvent('pakkeforloeb-error', { detail: { message }, bubbles: true, composed: true }));
    return message;
  }

  #fail(root, e) {
    const message = this.#error(e);
    const box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.className = 'pf-fatal';
    box.textContent = `Widgetten kunne ikke starte / the widget could not start: ${message}`;
    root.replaceChildren(box);
  }
}

if (!customElements.get('pakkeforloeb-widget')) customElements.define('pakkeforloeb-widget', PakkeforloebWidget);
