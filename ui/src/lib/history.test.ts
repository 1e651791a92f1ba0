import { describe, expect, it } from 'vitest';
import { historyQuery, historyRows, sinceProblem, subjectGroups, verifySentence } from './history';
import type { HistoryEntry } from './generated/HistoryEntry';

function entry(seq: number, text: string, scenario_id: number | null = 1): HistoryEntry {
  return {
    seq, at: '2025-10-14T09:30:12.345Z', actor: 'Ann Lee', action: 'change', plan_id: 1, scenario_id,
    detail: {}, prev_hash: '0', hash: '1', text, change: null,
  };
}

describe('history rows', () => {
  it('shows the backend\'s sentence, newest first, with the scenario by name', () => {
    const rows = historyRows(
      [
        entry(6, 'Imported “Baseline” from demo'),
        entry(7, 'Reablement beds (S02): forecast £5,602,734.00 → £100.00, because M6 return'),
        entry(8, 'Created the workspace', null),
        entry(9, 'Branched “Copy” from scenario 1', 3),
      ],
      new Map([[1, 'Baseline']]),
    );
    expect(rows[3]).toEqual({
      seq: 6, when: '14 Oct 2025, 09:30', who: 'Ann Lee', scenario: 'Baseline', text: 'Imported “Baseline” from demo',
    });
    expect(rows.map((r) => [r.seq, r.scenario])).toEqual([[9, 'Scenario 3'], [8, ''], [7, 'Baseline'], [6, 'Baseline']]);
    expect(rows[2]?.text).toBe('Reablement beds (S02): forecast £5,602,734.00 → £100.00, because M6 return');
  });
});

describe('choosing an item by name', () => {
  it('groups items by kind, those in the plan first, removed ones marked', () => {
    const groups = subjectGroups([
      { kind: 'scheme', id: 'S02', name: 'Reablement beds', present: true },
      { kind: 'partner', id: 'council', name: 'Northbrook Council', present: true },
      { kind: 'scheme', id: 'S99', name: 'Night sitting', present: false },
      { kind: 'scheme', id: 'S01', name: 'Carers', present: true },
    ]);
    expect(groups).toEqual([
      {
        label: 'Schemes',
        options: [
          { value: 'scheme:S01', label: 'Carers (S01)' },
          { value: 'scheme:S02', label: 'Reablement beds (S02)' },
          { value: 'scheme:S99', label: 'Night sitting (S99) — no longer in the plan' },
        ],
      },
      { label: 'Partners', options: [{ value: 'partner:council', label: 'Northbrook Council (council)' }] },
    ]);
  });
});

describe('history filters', () => {
  const none = { who: '', since: '', subject: '', thisScenario: false };
  it.each([
    [none, 2, {}],
    [{ ...none, who: ' ' }, 2, {}],
    [{ ...none, thisScenario: true }, null, {}],
    [
      { who: ' Ann ', since: '01/10/2025', subject: 'scheme:S:3', thisScenario: true },
      2,
      { scenario_id: 2, who: 'Ann', since: '2025-10-01', subject: { kind: 'scheme', id: 'S:3' } },
    ],
    [{ ...none, since: '1/10/2025' }, null, { since: '2025-10-01' }],
  ] as const)('asks the backend for %j', (filters, scenario, query) => {
    expect(historyQuery(filters, scenario)).toEqual(query);
  });

  it('reads the date day first and says when it is not a real date', () => {
    expect(sinceProblem(none)).toBeNull();
    expect(sinceProblem({ ...none, since: '1/10/2025' })).toBeNull();
    expect(sinceProblem({ ...none, since: '10/31/2025' })).toMatch(/day first/);
    expect(sinceProblem({ ...none, since: 'last week' })).toMatch(/real date/);
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
