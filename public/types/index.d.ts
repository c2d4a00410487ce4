// The API of pakkeforloeb.js for TypeScript hosts. The data types (Input, Plan, …) are
// generated from the JSON Schemas (schema/*.schema.json) into input.d.ts and plan.d.ts when the
// package is built; this file declares the functions, the element, its attributes and events.
import type { Input } from './input.js';
import type { Plan } from './plan.js';

export type { Input } from './input.js';
export type { Plan } from './plan.js';

/** A partial input: any of the input's fields, as a host prefills them. */
export type Prefill = Partial<Input>;

/** Everything entered in a widget, as the host saves it (opaque apart from its schema and the
 * step the GP is on, which a draft given back opens). */
export interface Draft {
  schema: 'pakkeforloeb/draft@1';
  step?: WidgetStep;
  [field: string]: unknown;
}

/** A region's checked pathway files, from `pakkeforloeb pack DIR`. */
export interface ContentPack {
  schema: 'pakkeforloeb/pack@1';
  name: string;
  version: string;
  sha256: string;
  payload: string;
}

/** A FHIR R4 Bundle (type `collection`). */
export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: Array<{ fullUrl: string; resource: { resourceType: string; [key: string]: unknown } }>;
}

/** What `computePlan` plans with. */
export interface ComputePlanOptions {
  /**
   * A regional content pack to plan with instead of the built-in content (the pack the host
   * gives its widgets, so both plan alike). Read once and kept while the same pack is passed.
   */
  content?: ContentPack | string;
}

export interface PlanToFhirOptions {
  /**
   * The regional pack the plan was made with (its `content_pack`); required for such a plan,
   * refused for a plan made with the built-in content.
   */
  content?: ContentPack | string;
  /**
   * Adds an identifier to the Patient (a CPR number: system `urn:oid:1.2.208.176.1.2`); with it
   * Patient, Condition and Observation claim the HL7 DK Core profiles. Without it the Bundle
   * identifies no one and claims no profile.
   */
  patientIdentifier?: { system: string; value: string };
}

/**
 * The plan for an input (and, for a re-assessment, the previous plan; `null` for none). Throws
 * an `Error` whose message names every bad field (`instruments.cat[3]: …`) or why
 * `options.content` was refused.
 */
export function computePlan(
  input: Input | string,
  previousPlan?: Plan | string | null,
  options?: ComputePlanOptions,
): Plan;

/**
 * The FHIR R4 Bundle for a plan. Loads the FHIR module on first use; rejects with an `Error`
 * naming the field of a malformed plan.
 */
export function planToFhir(plan: Plan | string, options?: PlanToFhirOptions): Promise<FhirBundle>;

export interface InputFromFhirOptions {
  /** A regional content pack whose pathways, measurements and codes to read the record with. */
  content?: ContentPack | string;
  /** `YYYY-MM-DD`: put in the prefill, turns a birth date into an age, refuses values dated after it. */
  assessmentDate?: string;
  /** The pathways the host chose (default: those the record's diagnoses give); values none of them asks are left out and reported. */
  pathways?: string[];
}

/** Why a resource or value was not taken from the record. */
export type NotMappedReason =
  | 'not-read' | 'unknown-code' | 'not-current' | 'wrong-unit' | 'out-of-range' | 'no-value'
  | 'older' | 'after-assessment' | 'conflict' | 'derived' | 'needs-date' | 'not-asked';

/** What `inputFromFhir` took and did not take. */
export interface FhirImportReport {
  /** Each input field filled, from which resource (its fullUrl, or Type/id). */
  mapped: Array<{ field: string; from: string; value: unknown; date?: string; note?: string }>;
  /** Each resource or value not taken, and why. */
  not_mapped: Array<{ from: string; reason: NotMappedReason; detail: string }>;
}

/**
 * A prefill from a FHIR R4 Bundle of record data (Observations by LOINC/NPU code, Conditions by
 * ICPC-2/SKS/ICD-10, MedicationStatements counted, QuestionnaireResponses, the Patient), with a
 * report. Loads the FHIR module on first use; rejects with an `Error` naming the field when
 * `bundle` is not a Bundle.
 */
export function inputFromFhir(
  bundle: FhirBundle | object | string,
  options?: InputFromFhirOptions,
): Promise<{ input: Prefill; report: FhirImportReport }>;

/** `mode` attribute: `clinical` hides trainer mode and the example patients. */
export type WidgetMode = 'clinical' | 'training';
/** `step` attribute: the step the widget opens on. */
export type WidgetStep = 'start' | 'assessment' | 'differentiation' | 'plan';

/** The events of `<pakkeforloeb-widget>`; all bubble and cross the shadow boundary. */
export interface PakkeforloebEventMap {
  /** The widget is on screen (see also the element's `ready` promise). */
  'pakkeforloeb-ready': CustomEvent<Record<string, never>>;
  /** The current (not yet confirmed) plan, after every change. */
  'pakkeforloeb-change': CustomEvent<Plan>;
  /** The plan the GP confirmed. */
  'pakkeforloeb-plan': CustomEvent<Plan>;
  /** Everything entered, after every change: save it to restore after a reload. */
  'pakkeforloeb-draft': CustomEvent<Draft>;
  /** The GP asked to print; cancel it (preventDefault) to print in the host's own way. */
  'pakkeforloeb-print': CustomEvent<Plan>;
  /** The GP asked to download the plan; cancel it to store the plan in the host instead. */
  'pakkeforloeb-download': CustomEvent<Plan>;
  /** A bad prefill or an internal error, with a message naming the field. */
  'pakkeforloeb-error': CustomEvent<{ message: string }>;
}

/** `<pakkeforloeb-widget>`. */
export declare class PakkeforloebWidget extends HTMLElement {
  /** The prefill; setting it again merges without overwriting what the GP entered. */
  input: Prefill | string | undefined;
  /** Everything entered; set it to give back a saved draft. */
  draft: Draft | null;
  /** A regional content pack (`pakkeforloeb/pack@1`) to use instead of the built-in content. */
  content: ContentPack | string | undefined;
  /** The plan of what is entered now, or null while there is none. */
  readonly plan: Plan | null;
  /** Resolves once the widget is on screen and answers to its API. */
  readonly ready: Promise<PakkeforloebWidget>;
  addEventListener<K extends keyof PakkeforloebEventMap>(
    type: K,
    listener: (this: PakkeforloebWidget, ev: PakkeforloebEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'pakkeforloeb-widget': PakkeforloebWidget;
  }
  interface DocumentEventMap extends PakkeforloebEventMap {}
}
