import { describe, expect, it } from 'vitest';
import { BackendError, type Backend } from './backend';
import { Session } from './session.svelte';
import type { ScenarioView } from './generated/ScenarioView';
import type { EditRequest } from './generated/EditRequest';

/** A backend holding one draft in memory: edits change the document and bump the revision. */
function fakeBackend() {
  const doc = { schemes: [{ id: 'S1', forecast: '100.00' }] } as unknown as ScenarioView['document'];
  let view: ScenarioView = {
    id: 1, plan_id: 1, name: 'Baseline', description: '', status: 'draft', branched_from: null,
    revision: 0, created_at: '', created_by: 'asha', document: doc, agreement: null,
    assessment: { format: 'pooled-outcome/1', findings: [] },
  };
  const sent: { edits: EditRequest[]; reason: string | null }[] = [];
  const api = {
    scenario: async () => view,
    edit: async (_id: number, revision: number, edits: EditRequest[], reason: string | null) => {
      if (revision !== view.revision) throw new BackendError({ code: 'S-CONFLICT', message: 'stale', findings: [] });
      const e = edits[0]!;
      if (e.value === 'bad') {
        throw new BackendError({
          code: 'S-INVALID-PLAN',
          message: "Nothing was saved: 'bad' is not an amount.",
          findings: [{ severity: 'error', code: 'E-AMOUNT', message: "'bad' is not an amount.", path: e.path }],
        });
      }
      sent.push({ edits, reason });
      const next = structuredClone(view.document) as unknown as { schemes: Record<string, unknown>[] };
      const scheme = next.schemes[0]!;
      if (e.op === 'remove') delete scheme.forecast;
      else scheme.forecast = e.value;
      view = { ...view, revision: view.revision + 1, document: next as unknown as ScenarioView['document'] };
      // As the shell does: the document only when an edit reshaped it.
      const { document, agreement: _agreement, ...rest } = view;
      return { ...rest, document: e.op === 'set' ? null : document };
    },
  } as unknown as Backend;
  return { api, sent };
}

describe('Session', () => {
  it('saves edits and undoes and redoes them through the backend', async () => {
    const { api, sent } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[0].forecast', '150.00')).toBe(true);
    expect(s.scenario?.revision).toBe(1);
    await s.undo();
    expect((s.scenario?.document.schemes[0] as { forecast?: string }).forecast).toBe('100.00');
    await s.redo();
    expect((s.scenario?.document.schemes[0] as { forecast?: string }).forecast).toBe('150.00');
    expect(sent.map((x) => x.reason)).toEqual([null, 'Undo', 'Redo']);
    expect(s.redoStack).toHaveLength(0);
    expect(s.undoStack).toHaveLength(1);
  });

  it('keeps nothing from a refused edit and shows the message by the field', async () => {
    const { api, sent } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[0].forecast', 'bad')).toBe(false);
    expect(s.fieldErrors['schemes[0].forecast']).toBe("'bad' is not an amount.");
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
    expect(await s.setValue('schemes[0].forecast', '175.00')).toBe(true);
    expect((s.scenario?.document.schemes[0] as { forecast?: string }).forecast).toBe('175.00');
    expect((shown.schemes[0] as { forecast?: string }).forecast).toBe('100.00');
    expect(s.scenario?.revision).toBe(1);
    // A removal comes back with the document.
    expect(await s.setValue('schemes[0].forecast', undefined)).toBe(true);
    expect(s.scenario?.document.schemes[0]).toEqual({ id: 'S1' });
  });

  it('does not save a value that did not change', async () => {
    const { api, sent } = fakeBackend();
    const s = new Session(api);
    await s.open(1);
    expect(await s.setValue('schemes[0].forecast', '100.00')).toBe(true);
    expect(sent).toHaveLength(0);
  });
});
