import { describe, expect, it } from 'vitest';
import type { ComparisonView } from './generated/ComparisonView';
import type { Movement } from './generated/Movement';
import { changeText, mergeComparisons } from './compare';

function move(left: string, right: string, change: string): Movement {
  return { left, right, change };
}

const same = (v: string) => move(v, v, '0.00');

function partner(id: string, finalCost: Movement) {
  return {
    id,
    contribution: same('100.00'),
    overspend_share: same('0.00'),
    underspend_share: same('0.00'),
    net_share: same('0.00'),
    final_cost: finalCost,
  };
}

function view(right: number, over: Partial<ComparisonView['comparison']>): ComparisonView {
  return {
    left: 1,
    right,
    comparison: { fields: [], partners: [], schemes: [], variance: null, outcome_missing: false, ...over },
  };
}

const views = [
  view(2, {
    fields: [
      {
        path: 'schemes[id=S1].forecast',
        left: '100.00',
        right: '150.00',
        text: 'Reablement (S1): forecast £100.00 → £150.00',
      },
    ],
    partners: [partner('council', move('100.00', '150.00', '50.00')), partner('icb', same('80.00'))],
    schemes: [
      { id: 'S1', budget: same('100.00'), forecast: move('100.00', '150.00', '50.00'), variance: move('0.00', '50.00', '50.00') },
      { id: 'S2', budget: same('10.00'), forecast: same('10.00'), variance: same('0.00') },
    ],
    variance: move('0.00', '50.00', '50.00'),
  }),
  view(3, {
    fields: [{ path: 'name', left: 'Plan', right: 'Plan B', text: 'Name “Plan” → “Plan B”' }],
    partners: [partner('council', same('100.00')), partner('icb', move('80.00', '70.00', '-10.00'))],
    schemes: [
      { id: 'S1', budget: same('100.00'), forecast: same('100.00'), variance: same('0.00') },
      { id: 'S2', budget: same('10.00'), forecast: same('10.00'), variance: same('0.00') },
    ],
    variance: same('0.00'),
  }),
];

describe('mergeComparisons', () => {
  it('gives one cell per scenario, the first scenario first, flagging those that differ', () => {
    // The backend's answers may arrive in any order; columns follow the ids.
    const merged = mergeComparisons([1, 2, 3], [views[1]!, views[0]!]);
    expect(merged.missing).toEqual([false, false, false]);
    const council = merged.partners.find((p) => p.id === 'council')!;
    expect(council.rows.map((r) => r.key)).toEqual(['final_cost', 'overspend_share', 'underspend_share', 'contribution']);
    expect(council.rows[0]!.cells).toEqual([
      { value: '100.00', change: null, differs: false },
      { value: '150.00', change: '50.00', differs: true },
      { value: '100.00', change: '0.00', differs: false },
    ]);
    const icb = merged.partners.find((p) => p.id === 'icb')!;
    expect(icb.rows[0]!.cells.map((c) => c.differs)).toEqual([false, false, true]);
    expect(merged.variance?.cells.map((c) => c.value)).toEqual(['0.00', '50.00', '0.00']);
  });

  it('keeps only schemes that differ somewhere', () => {
    const merged = mergeComparisons([1, 2, 3], views);
    expect(merged.schemes.map((s) => s.id)).toEqual(['S1']);
    expect(merged.schemes[0]!.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      ['100.00', '100.00', '100.00'],
      ['100.00', '150.00', '100.00'],
      ['0.00', '50.00', '0.00'],
    ]);
  });

  it('lists each scenario\'s differences from the first in the backend\'s words', () => {
    expect(mergeComparisons([1, 2, 3], views).differences).toEqual([
      ['Reablement (S1): forecast £100.00 → £150.00'],
      ['Name “Plan” → “Plan B”'],
    ]);
  });

  it('shows no figures for a scenario with errors, and none at all when the first has errors', () => {
    const broken = view(3, { outcome_missing: true, fields: [{ path: 'host', left: 'council', right: 'nobody', text: 'Host council → nobody' }] });
    const merged = mergeComparisons([1, 2, 3], [views[0]!, broken]);
    expect(merged.missing).toEqual([false, false, true]);
    expect(merged.partners[0]!.rows[0]!.cells[2]).toEqual({ value: null, change: null, differs: false });

    const all = mergeComparisons([1, 3], [broken]);
    expect(all.missing).toEqual([true, true]);
    expect(all.partners).toEqual([]);
    expect(all.variance).toBeNull();
    expect(all.differences).toEqual([['Host council → nobody']]);
  });

  it('marks a partner missing from one scenario as differing there', () => {
    const gone = view(3, { partners: [partner('council', same('100.00'))], variance: same('0.00') });
    const merged = mergeComparisons([1, 2, 3], [views[0]!, gone]);
    const icb = merged.partners.find((p) => p.id === 'icb')!;
    expect(icb.rows[0]!.cells[2]).toEqual({ value: null, change: null, differs: true });
  });
});

describe('changeText', () => {
  it('shows the direction as well as the amount', () => {
    expect(changeText('12345.00')).toBe('▲ £12,345.00');
    expect(changeText('-1500.00')).toBe('▼ (£1,500.00)');
    expect(changeText('0.00')).toBe('');
    expect(changeText(null)).toBe('');
  });
});
