// Places in a plan document, written as the backend writes them (crates/core/src/plan/path.rs):
// a list item is named by what identifies it, never by where it stands, so that an undo after
// an insert elsewhere, a field's key and its error still mean the same item:
// `schemes[id=S12].funding[stream=nhs-min].amount`. Lists without identity (a rule's bands)
// keep positions: `risk_share.groups[id=main].overspend.bands[1].up_to`. An id holding `]`,
// `"`, `\` or spaces at either end is written as a JSON string: `schemes[id="S 1]"]`.
import type { EditRequest } from './generated/EditRequest';
import type { JsonValue } from './generated/serde_json/JsonValue';

/** A field, a position, or a list item by identity (`[id=S12]`). */
export type Step = string | number | { field: string; value: string };

/** What identifies the items of a list, by the list's field name. */
export function identityField(list: string): string | null {
  switch (list) {
    case 'partners':
    case 'streams':
    case 'schemes':
    case 'groups':
    case 'contracts':
      return 'id';
    case 'funding':
      return 'stream';
    default:
      return null;
  }
}

/** An id inside `[…]`: bare when it can be, else as a JSON string. */
function idText(value: string): string {
  const plain = value !== '' && !/[[\]"\\]/.test(value) && value.trim() === value;
  return plain ? value : JSON.stringify(value);
}

/** `schemes[id=S12]`, `schemes[id=S12].funding[stream=ibcf]`. */
export function itemPath(list: string, value: string, field = 'id'): string {
  return `${list}[${field}=${idText(value)}]`;
}

// Every field of the editor looks its value up by path each time the scenario is shown, so
// the steps of each path are worked out once.
const parsed = new Map<string, readonly Step[]>();

/** The steps of a path; an unreadable part ends it. */
export function parsePath(path: string): Step[] {
  let steps = parsed.get(path);
  if (!steps) {
    steps = readSteps(path);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(path, steps);
  }
  return [...steps];
}

function readSteps(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      i += 1;
    } else if (c === '[') {
      const close = selector(path, i + 1, steps);
      if (close < 0) return steps;
      i = close + 1;
    } else {
      let end = i;
      while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
      steps.push(path.slice(i, end));
      i = end;
    }
  }
  return steps;
}

/** Reads what follows a `[` at `from` into `steps`; returns where its `]` is, or -1. */
function selector(path: string, from: number, steps: Step[]): number {
  const digits = /^(\d+)\]/.exec(path.slice(from));
  if (digits) {
    steps.push(Number(digits[1]));
    return from + (digits[1] as string).length;
  }
  const eq = path.indexOf('=', from);
  if (eq < 0) return -1;
  const field = path.slice(from, eq);
  if (path[eq + 1] === '"') {
    // A JSON string: up to its closing quote, escapes included.
    for (let j = eq + 2, escaped = false; j < path.length; j += 1) {
      const ch = path[j];
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') {
        if (path[j + 1] !== ']') return -1;
        steps.push({ field, value: JSON.parse(path.slice(eq + 1, j + 1)) as string });
        return j + 1;
      }
    }
    return -1;
  }
  const close = path.indexOf(']', eq);
  if (close < 0) return -1;
  steps.push({ field, value: path.slice(eq + 1, close) });
  return close;
}

/** Writes steps back as a path. */
export function writePath(steps: readonly Step[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (typeof step === 'string') out += out === '' ? step : `.${step}`;
    else out += `[${step.field}=${idText(step.value)}]`;
  }
  return out;
}

// Where each item stands in its list, by identity: made once per list, so a thousand fields
// find their scheme without a search each. Lists are replaced, never changed in place (see
// withValue); one changed after it was looked up here would be read wrongly.
const positions = new WeakMap<readonly unknown[], Map<string, Map<string, number>>>();

/** The position of the item whose `field` is `value`; -1 when none, or when several are. */
export function positionOf(list: readonly unknown[], field: string, value: string): number {
  let byField = positions.get(list);
  if (!byField) {
    byField = new Map();
    positions.set(list, byField);
  }
  let index = byField.get(field);
  if (!index) {
    index = new Map();
    list.forEach((item, i) => {
      const v = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
      if (typeof v === 'string') index?.set(v, index.has(v) ? -1 : i);
    });
    byField.set(field, index);
  }
  return index.get(value) ?? -1;
}

/** A step made concrete in `here`: an object's key or a list position; undefined when absent. */
function concrete(here: unknown, step: Step): string | number | undefined {
  if (typeof step !== 'object') return step;
  if (!Array.isArray(here)) return undefined;
  const at = positionOf(here, step.field, step.value);
  return at < 0 ? undefined : at;
}

/** What is at the steps, itself (not a copy); undefined where there is nothing. */
function rawAt(document: unknown, steps: readonly Step[]): unknown {
  let here: unknown = document;
  for (const step of steps) {
    if (here === null || typeof here !== 'object') return undefined;
    const key = concrete(here, step);
    if (key === undefined) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}

/** The value at `path`, or undefined where there is none; objects and lists are copies. */
export function valueAt(document: unknown, path: string): JsonValue | undefined {
  const here = rawAt(document, parsed.get(path) ?? parsePath(path));
  if (here === undefined) return undefined;
  return typeof here === 'object' && here !== null ? (structuredClone(here) as JsonValue) : (here as JsonValue);
}

/**
 * The document with `value` set at `path`, copying only the objects and lists on the way to it:
 * the rest is shared, and the document given is left as it was.
 *
 * @throws Error when a step of the path is not there (the backend refuses such an edit first).
 */
export function withValue<T>(document: T, path: string, value: JsonValue | undefined): T {
  const steps = parsed.get(path) ?? parsePath(path);
  const set = (here: unknown, at: number): unknown => {
    if (here === null || typeof here !== 'object') throw new Error(`there is nothing at ${path}`);
    const key = concrete(here, steps[at] as Step);
    if (key === undefined) throw new Error(`there is nothing at ${path}`);
    const copy = (Array.isArray(here) ? [...here] : { ...here }) as Record<string | number, unknown>;
    copy[key] = at === steps.length - 1 ? value : set(copy[key], at + 1);
    return copy;
  };
  return steps.length === 0 ? document : (set(document, 0) as T);
}

/**
 * A path with each list item named by its identity where the item has one that no other item
 * of its list shares, as the backend records it: how a finding's `schemes[3].funding[0].amount`
 * becomes the key of the field it is about. Steps that lead nowhere are kept as they are.
 */
export function identityPath(document: unknown, path: string): string {
  const steps = parsePath(path);
  let here: unknown = document;
  let list: string | null = null;
  const out: Step[] = [];
  for (const step of steps) {
    if (typeof step === 'number' && Array.isArray(here)) {
      const field = list === null ? null : identityField(list);
      const item: unknown = here[step];
      const value = field && item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[field] : undefined;
      out.push(field && typeof value === 'string' && positionOf(here, field, value) === step ? { field, value } : step);
      here = item;
    } else {
      out.push(step);
      const key = here !== null && typeof here === 'object' ? concrete(here, step) : undefined;
      here = key === undefined ? undefined : (here as Record<string | number, unknown>)[key];
    }
    list = typeof step === 'string' ? step : null;
  }
  return writePath(out);
}

/** The path with every list item it names by identity named by position instead. */
export function concretePath(document: unknown, path: string): string {
  let here: unknown = document;
  const out: Step[] = [];
  for (const step of parsePath(path)) {
    const key = here !== null && typeof here === 'object' ? concrete(here, step) : undefined;
    out.push(key === undefined ? step : key);
    here = key === undefined ? undefined : (here as Record<string | number, unknown>)[key];
  }
  return writePath(out);
}

/** The path with its last list item named by position instead (where to put an item back). */
export function positionalPath(document: unknown, path: string): string {
  const steps = parsePath(path);
  const last = steps.at(-1);
  if (last === undefined || typeof last !== 'object') return path;
  const parent = rawAt(document, steps.slice(0, -1));
  if (!Array.isArray(parent)) return path;
  const at = positionOf(parent, last.field, last.value);
  return writePath([...steps.slice(0, -1), at < 0 ? parent.length : at]);
}

/** The path to a scheme's funding line: by its stream, or by position when two share one. */
export function fundingPath(scheme: { id: string; funding: readonly { stream: string }[] }, line: number): string {
  const stream = scheme.funding[line]?.stream ?? '';
  const unique = positionOf(scheme.funding, 'stream', stream) === line;
  const at = unique ? itemPath('funding', stream, 'stream') : `funding[${line}]`;
  return `${itemPath('schemes', scheme.id)}.${at}`;
}

/**
 * One saved edit with what it replaced, so it can be undone. `path` names the item by identity;
 * `at` (for an insert or a remove) is where the item stood, to put it back in its place.
 */
export type Change = {
  op: EditRequest['op'];
  path: string;
  at?: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
};

/**
 * The edit that takes a saved change back. A removed list item is inserted again where it
 * stood; a removed field of an object (a reserve, the netting sets) is set again, since only
 * a list takes an insert.
 */
export function inverseOf(change: Change): EditRequest {
  if (change.op === 'insert') return { op: 'remove', path: change.path };
  if (change.op === 'remove') {
    const at = change.at ?? change.path;
    const field = typeof parsePath(at).at(-1) === 'string';
    return { op: field ? 'set' : 'insert', path: at, value: change.before };
  }
  return change.before === undefined ? { op: 'remove', path: change.path } : { op: 'set', path: change.path, value: change.before };
}

/** The edit that makes a change again. */
export function redoOf(change: Change): EditRequest {
  if (change.op === 'remove') return { op: 'remove', path: change.path };
  return { op: change.op, path: change.op === 'insert' ? (change.at ?? change.path) : change.path, value: change.after };
}

/**
 * Where to save `value` for `path`: there, or, when the object holding it is not in the plan
 * yet (a first cap, a first BCF minimum), that object with just this key, since the backend
 * cannot set a key inside an object that is not there.
 */
export function setTarget(
  document: unknown,
  path: string,
  value: JsonValue | undefined,
): { path: string; value: JsonValue | undefined } {
  const steps = parsePath(path);
  const key = steps.at(-1);
  if (value === undefined || typeof key !== 'string' || steps.length < 2) return { path, value };
  const parent = writePath(steps.slice(0, -1));
  return valueAt(document, parent) === undefined ? { path: parent, value: { [key]: value } } : { path, value };
}
