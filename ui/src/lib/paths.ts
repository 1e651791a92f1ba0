// JSON paths into a plan document, written as the backend writes them: `schemes[2].funding[0].amount`.
import type { EditRequest } from './generated/EditRequest';
import type { JsonValue } from './generated/serde_json/JsonValue';

export type Step = string | number;

// Every field of the editor looks its value up by path each time the scenario is shown, so
// the steps of each path are worked out once.
const parsed = new Map<string, readonly Step[]>();

export function parsePath(path: string): Step[] {
  let steps = parsed.get(path);
  if (!steps) {
    const found: Step[] = [];
    const pattern = /([^.[\]]+)|\[(\d+)\]/g;
    for (const match of path.matchAll(pattern)) {
      if (match[2] !== undefined) found.push(Number(match[2]));
      else if (match[1] !== undefined) found.push(match[1]);
    }
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(path, found);
    steps = found;
  }
  return [...steps];
}

/** The value at `path`, or undefined where there is none; objects and lists are copies. */
export function valueAt(document: unknown, path: string): JsonValue | undefined {
  let here: unknown = document;
  for (const step of parsed.get(path) ?? parsePath(path)) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
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
    const step = steps[at] as Step;
    const copy = (Array.isArray(here) ? [...here] : { ...here }) as Record<string | number, unknown>;
    copy[step] = at === steps.length - 1 ? value : set(copy[step], at + 1);
    return copy;
  };
  return steps.length === 0 ? document : (set(document, 0) as T);
}

/** One saved edit with what it replaced, so it can be undone. */
export type Change = {
  op: EditRequest['op'];
  path: string;
  before: JsonValue | undefined;
  after: JsonValue | undefined;
};

/** The edit that takes a saved change back. */
export function inverseOf(change: Change): EditRequest {
  switch (change.op) {
    case 'insert':
      return { op: 'remove', path: change.path };
    case 'remove':
      return { op: 'insert', path: change.path, value: change.before };
    case 'set':
      return change.before === undefined
        ? { op: 'remove', path: change.path }
        : { op: 'set', path: change.path, value: change.before };
  }
}

/** The edit that makes a change again. */
export function redoOf(change: Change): EditRequest {
  return change.op === 'remove'
    ? { op: 'remove', path: change.path }
    : { op: change.op, path: change.path, value: change.after };
}
