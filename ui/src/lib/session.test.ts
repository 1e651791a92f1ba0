import { describe, expect, it } from 'vitest';
import { BackendError, type Backend } from './backend';
import { Session } from './session.svelte';
import type { ScenarioView } from './generated/ScenarioView';
import type { EditRequest } from './generated/EditRequest';
import type { JsonValue } from './generated/serde_json/JsonValue';
import { parsePath, positionOf, valueAt, withValue, writePath } from './paths';

type Doc = { schemes: { id: string; forecast?: string; name?: string }[] };

/** An edit applied as the backend applies it: a list item by id or by position. */
function apply(doc: Doc, e: EditRequest): Doc {
  if (e.op === 'set') return withValue(doc, e.path, e.value);
  const steps = parsePath(e.path);
  const parent = writePath(steps.slice(0, -1));
  const last = steps.at(-1);
  const found = valueAt(doc, parent);
  if (Array.isArray(found) && last !== undefined && typeof last !== 'string') {
    const list: JsonValue[] = [...found];
    // Looked up in the list as it was: lists are never changed once read (see positionOf).
    const at = typeof last === 'number' ? last : positionOf(found, last.field, last.value);
    if (e.op === 'insert') list.splice(at < 0 ? list.length : at, 0, e.value as JsonValue);
    else list.splice(at, 1);
    return withValue(doc, parent, list);
  }
  const object = { ...(found as Record<string, JsonValue>) };
  delete object[last as string];
  return withValue(doc, parent, object);
}

/** A backend holding one draft in memory: edits change the document and bump the revision. */
function fakeBackend() {
  const doc: Doc = { schemes: [{ id: 'S1', forecast: '100.00' }, { id: 'S2', forecast: '5.00' }] };
  let view = {
    id: 1, plan_id: 1, name: 'Baseline', description: '', status: 'draft', branched_from: null,
    revision: 0, created_at: '', created_by: 'asha', document: doc, agreement: null,
    assessment: { format: 'pooled-outcome/1', findings: [] }, figures: null, readings: [],
  } as unknown as ScenarioView;
  const sent: { edits: EditRequest[]; reason: string | null }[] = [];
  const api = {
    scenario: async () => view,
    edit: async (_id: number, revision: number, edits: EditRequest[], reason: string | null) => {
      if (revision !== view.revision) throw new BackendError({ code: 'S-CONFLICT', message: 'stale', findings: [] });
      const e = edits[0]!;
      if (e.value === 'bad') {
        // Findings name items by position, as validation does.
        throw new BackendError({
          code: 'S-INVALID-PLAN',
          message: "Nothing was saved: 'bad' is not an amount.",
          findings: [{ severity: 'error', code: 'E-AMOUNT', message: "'bad' is not an amount.", path: 'schemes[0].forecast' }],
        });
      }
      sent.push({ edits, reason });
      const next = apply(view.document as unknown as Doc, e);
      view = { ...view, revision: view.revision + 1, document: next as unknown as ScenarioView['document'] };
      // As the shell does: the document only when an edit reshaped it.
      const { document, agreement: _agreement, ...rest } = view;
      return { ...rest, document: e.op === 'set' ? null : document };
    },
  } as unknown as Backend;
  return { api, sent, doc: () => view.document as unknown as Doc };
}

const forecast = (s: Session, id: string) => valueAt(s.scenario?.document, `schemes[id=${id}].forecast`);

describe('Session', () => {
  it('saves edits and undoes and redoes them through the backend', async () => {
    const { api, sent } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[id=S1].forecast', '150.00')).toBe(true);
    expect(s.scenario?.revision).toBe(1);
    await s.undo();
    expect(forecast(s, 'S1')).toBe('100.00');
    await s.redo();
    expect(forecast(s, 'S1')).toBe('150.00');
    expect(sent.map((x) => x.reason)).toEqual([null, 'Undo', 'Redo']);
    expect(sent.every((x) => x.edits[0]?.path === 'schemes[id=S1].forecast')).toBe(true);
    expect(s.redoStack).toHaveLength(0);
    expect(s.undoStack).toHaveLength(1);
  });

  it('undoes a change to the right scheme after one is inserted before it', async () => {
    const { api, sent, doc } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[id=S2].forecast', '9.00')).toBe(true);
    expect(await s.save({ op: 'insert', path: 'schemes[0]', value: { id: 'S0' } })).toBe(true);
    expect(s.undoStack.at(-1)).toMatchObject({ op: 'insert', path: 'schemes[id=S0]', at: 'schemes[0]' });
    await s.undo();
    await s.undo();
    expect(doc().schemes).toEqual([{ id: 'S1', forecast: '100.00' }, { id: 'S2', forecast: '5.00' }]);
    expect(sent.map((x) => x.edits[0]?.path)).toEqual([
      'schemes[id=S2].forecast',
      'schemes[0]',
      'schemes[id=S0]',
      'schemes[id=S2].forecast',
    ]);
    // A removal is undone by putting the scheme back where it stood.
    expect(await s.save({ op: 'remove', path: 'schemes[id=S1]' })).toBe(true);
    await s.undo();
    expect(doc().schemes.map((x) => x.id)).toEqual(['S1', 'S2']);
    expect(sent.at(-1)?.edits[0]).toEqual({ op: 'insert', path: 'schemes[0]', value: { id: 'S1', forecast: '100.00' } });
  });

  it('keeps nothing from a refused edit and shows the message by the field, keyed by id', async () => {
    const { api, sent } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[id=S1].forecast', 'bad')).toBe(false);
    expect(s.fieldErrors['schemes[id=S1].forecast']).toBe("'bad' is not an amount.");
    expect(s.error?.code).toBe('S-INVALID-PLAN');
    expect(s.scenario?.revision).toBe(0);
    expect(s.undoStack).toHaveLength(0);
    expect(sent).toHaveLength(0);
  });

  it('shows the values a set saved without the backend sending the document again', async () => {
    const { api } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    const shown = s.scenario!.document;
    expect(await s.setValue('schemes[id=S1].forecast', '175.00')).toBe(true);
    expect(forecast(s, 'S1')).toBe('175.00');
    expect(valueAt(shown, 'schemes[id=S1].forecast')).toBe('100.00');
    expect(s.scenario?.revision).toBe(1);
    // A removal comes back with the document.
    expect(await s.setValue('schemes[id=S1].forecast', undefined)).toBe(true);
    expect(s.scenario?.document.schemes[0]).toEqual({ id: 'S1' });
  });

  it('does not save a value that did not change', async () => {
    const { api, sent } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[id=S1].forecast', '100.00')).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
