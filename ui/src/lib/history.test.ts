import { describe, expect, it } from 'vitest';
import { actionWords, historyQuery, historyRow, historyRows, recordedValue, sinceProblem, verifySentence } from './history';
import type { AuditEntry } from './generated/AuditEntry';
import type { JsonValue } from './generated/serde_json/JsonValue';

function entry(seq: number, action: string, detail: JsonValue, scenario_id: number | null = 1): AuditEntry {
  return {
    seq,
    at: '2025-10-14T09:30:12.345Z',
    actor: 'Ann Lee',
    action,
    plan_id: 1,
    scenario_id,
    detail,
    prev_hash: '0',
    hash: '1',
  };
}

const change = (seq: number, op: string, before: string | null, after: string | null, reason: string | null = null) =>
  entry(seq, 'change', { change: seq, revision: seq, op, path: 'schemes[0].forecast', before, after, reason });

describe('history rows', () => {
  it('shows a change with its path, money before and after, and the reason', () => {
    const row = historyRow(change(7, 'set', '"5816407.54"', '"6123456.78"', 'M6 return'), new Map([[1, 'Baseline']]));
    expect(row).toEqual({
      seq: 7,
      when: '14 Oct 2025, 09:30',
      who: 'Ann Lee',
      what: 'Changed',
      scenario: 'Baseline',
      field: 'schemes[0].forecast',
      change: '£5,816,407.54 → £6,123,456.78',
      reason: 'M6 return',
    });
  });

  it('says added and removed, with "(none)" for a missing value', () => {
    expect(historyRow(change(1, 'remove', '"-1500.00"', null)).change).toBe('(£1,500.00) → (none)');
    expect(historyRow(change(1, 'remove', '"-1500.00"', null)).what).toBe('Removed');
    expect(historyRow(change(1, 'insert', null, '{"id":"NB49","name":"Falls service"}')).change).toBe(
      '(none) → “Falls service”',
    );
    expect(historyRow(change(1, 'insert', null, null)).what).toBe('Added');
  });

  it('reads values that are not money as they are', () => {
    expect(recordedValue('"40"')).toBe('“40”');
    expect(recordedValue('4')).toBe('4');
    expect(recordedValue('"council"')).toBe('“council”');
    expect(recordedValue('not json')).toBe('“not json”');
    expect(recordedValue(null)).toBe('(none)');
    expect(recordedValue('null')).toBe('(none)');
    expect(recordedValue('{"council":"40","icb-dales":"60"}')).toBe('{"council":"40","icb-dales":"60"}');
    expect(recordedValue(JSON.stringify({ long: 'x'.repeat(100) })).length).toBe(80);
  });

  it('puts other actions in words', () => {
    const names = new Map([
      [1, 'Baseline'],
      [2, 'M6 forecast'],
    ]);
    const row = (e: AuditEntry) => [historyRow(e, names).what, historyRow(e, names).change];
    expect(row(entry(1, 'create-workspace', {}, null))).toEqual(['Created workspace', 'Created the workspace']);
    expect(row(entry(2, 'import', { source: 'demo plan', scenario: 'Baseline' }))).toEqual([
      'Imported',
      '“Baseline” from demo plan',
    ]);
    expect(row(entry(3, 'branch', { from: 1, scenario: 'M6 forecast' }, 2))).toEqual([
      'Branched',
      '“M6 forecast” from “Baseline”',
    ]);
    expect(row(entry(4, 'describe', { name: ['A', 'B'], description: ['x', 'x'] }))).toEqual([
      'Described',
      'name “A” → “B”',
    ]);
    expect(
      row(entry(5, 'agree', { signoffs: [{ name: 'Ann Lee', role: 'Pooled fund manager' }] }, 2)),
    ).toEqual(['Agreed', 'Signed off by Ann Lee (Pooled fund manager)']);
    expect(row(entry(6, 'supersede', { by: 9 }))).toEqual(['Superseded', 'By scenario 9']);
    expect(row(entry(7, 'export', { what: 'outcome', to: '/tmp/o.json' }))).toEqual([
      'Exported',
      'outcome to /tmp/o.json',
    ]);
    expect(row(entry(8, 'backup', { to: '/tmp/b.pooled' }, null))).toEqual(['Backed up', 'To /tmp/b.pooled']);
    expect(actionWords(entry(9, 'restore', {}))).toBe('Restore');
    expect(historyRow(entry(9, 'import', {}, 3)).scenario).toBe('Scenario 3');
    expect(historyRow(entry(9, 'import', {}, null)).scenario).toBe('');
  });

  it('lists the newest first', () => {
    expect(historyRows([change(1, 'set', null, null), change(3, 'set', null, null), change(2, 'set', null, null)]).map((r) => r.seq)).toEqual([3, 2, 1]);
  });
});

describe('history filters', () => {
  it('leaves out empty filters and the scenario unless asked', () => {
    expect(historyQuery({ who: ' ', field: '', since: '', thisScenario: false }, 2)).toEqual({});
    expect(historyQuery({ who: ' Ann ', field: 'schemes[3]', since: '01/10/2025', thisScenario: true }, 2)).toEqual({
      scenario_id: 2,
      who: 'Ann',
      field: 'schemes[3]',
      since: '2025-10-01',
    });
    expect(historyQuery({ who: '', field: '', since: '', thisScenario: true }, null)).toEqual({});
  });

  it('reads the date day first and says when it is not a real date', () => {
    const filters = { who: '', field: '', since: '', thisScenario: false };
    expect(sinceProblem(filters)).toBeNull();
    expect(sinceProblem({ ...filters, since: '1/10/2025' })).toBeNull();
    expect(historyQuery({ ...filters, since: '1/10/2025' }, null)).toEqual({ since: '2025-10-01' });
    expect(sinceProblem({ ...filters, since: '10/31/2025' })).toMatch(/day first/);
    expect(sinceProblem({ ...filters, since: 'last week' })).toMatch(/real date/);
  });
});

describe('checking the chain', () => {
  it('says the history is intact, with counts', () => {
    expect(verifySentence({ entries: 12, changes: 5, agreements: 1, scenarios: 2, broken: null })).toEqual({
      intact: true,
      text: 'The history is intact: 12 entries, 5 changes, 1 agreement checked.',
    });
  });

  it('names the problem and the entry when it is broken', () => {
    expect(
      verifySentence({ entries: 3, changes: 1, agreements: 0, scenarios: 1, broken: { seq: 2, problem: 'its hash does not match.' } }),
    ).toEqual({ intact: false, text: 'The history has been tampered with: its hash does not match (entry 2).' });
    expect(
      verifySentence({ entries: 3, changes: 1, agreements: 0, scenarios: 1, broken: { seq: null, problem: 'a change is missing' } }).text,
    ).toBe('The history has been tampered with: a change is missing.');
  });
});
