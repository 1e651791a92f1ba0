import { describe, expect, it } from 'vitest';
import type { Outcome } from './generated/Outcome';
import type { PlanDocument } from './generated/PlanDocument';
import type { SchemeDoc } from './generated/SchemeDoc';
import { sumAmounts } from './format';
import { withValue } from './paths';
import {
  buildRows,
  commissionerText,
  evenSplit,
  filterRows,
  fundingSummary,
  isWholeSplit,
  jointTotal,
  newScheme,
  nextId,
  sortRows,
  totalsOf,
} from './schemes';

function scheme(id: string, name: string, amounts: string[], extra: Partial<SchemeDoc> = {}): SchemeDoc {
  return {
    id,
    name,
    type: 'home_care',
    area_of_spend: 'social_care',
    commissioner: 'council',
    provider: 'private_sector',
    funding: amounts.map((amount) => ({ stream: 'nhs', amount })),
    ...extra,
  };
}

const plan: PlanDocument = {
  format: 'pooled-plan/1',
  name: 'Test',
  financial_year: '2025-26',
  partners: [
    { id: 'council', name: 'Council', kind: 'council' },
    { id: 'icb', name: 'ICB', kind: 'icb' },
  ],
  host: 'council',
  streams: [{ id: 'nhs', name: 'NHS', kind: 'nhs_minimum', partner: 'icb', amount: '100000000.00' }],
  schemes: [
    scheme('S1', 'Reablement', ['1000.00', '0.10'], { forecast: '1200.00', provider: 'local_authority' }),
    scheme('S2', 'Carers', ['99.99'], { type: 'carers_services', group: 'own' }),
    scheme('S10', 'Assistive tech', ['10000000.00'], { forecast: '9000000.00', type: 'assistive_technologies' }),
  ],
  risk_share: {
    default_group: 'core',
    groups: [
      { id: 'core', name: 'Core', overspend: { method: 'host' }, underspend: { method: 'host' } },
      { id: 'own', name: 'Own risk', overspend: { method: 'host' }, underspend: { method: 'host' } },
    ],
  },
};

describe('buildRows', () => {
  it('adds funding lines exactly when there is no outcome', () => {
    const rows = buildRows(plan, null);
    expect(rows.map((r) => r.budget)).toEqual(['1000.10', '99.99', '10000000.00']);
    expect(rows.map((r) => r.forecast)).toEqual(['1200.00', '99.99', '9000000.00']);
    expect(rows.map((r) => r.variance)).toEqual(['199.90', '0.00', '-1000000.00']);
    expect(rows[1]?.forecastSet).toBe(false);
    expect(rows.map((r) => r.groupId)).toEqual(['core', 'own', 'core']);
    expect(rows[1]?.groupName).toBe('Own risk');
  });

  it("takes the outcome's figures by scheme id", () => {
    const outcome = {
      schemes: [{ id: 'S2', budget: '5.00', forecast: '6.00', variance: '1.00', contributions: {}, committed: '0.00', uncommitted: '0.00' }],
    } as unknown as Outcome;
    const rows = buildRows(plan, outcome);
    expect(rows[1]).toMatchObject({ budget: '5.00', forecast: '6.00', variance: '1.00', index: 1 });
    expect(rows[0]?.budget).toBe('1000.10');
  });

  it('has no group when the plan has no risk share', () => {
    const rows = buildRows({ ...plan, risk_share: null }, null);
    expect(rows.every((r) => r.groupId === '')).toBe(true);
  });
});

describe('buildRows after an edit', () => {
  it('keeps the rows of schemes the edit did not touch, and remakes the one it did', () => {
    const before = buildRows(plan, null);
    const edited = withValue(plan, 'schemes[0].forecast', '1.00');
    const after = buildRows(edited, null);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]?.forecast).toBe('1.00');
    for (let i = 1; i < after.length; i++) expect(after[i]).toBe(before[i]);
    // A partner renamed changes what every row may show: all are made again.
    const renamed = withValue(edited, 'partners[0].name', 'Renamed Council');
    const again = buildRows(renamed, null);
    for (let i = 1; i < again.length; i++) expect(again[i]).not.toBe(after[i]);
  });

  it('gives the same list again for the same document and outcome, and a new one otherwise', () => {
    const first = buildRows(plan, null);
    expect(buildRows(plan, null)).toBe(first);
    const edited = withValue(plan, 'schemes[1].name', 'Carers support');
    const next = buildRows(edited, null);
    expect(next).not.toBe(first);
    expect(next[1]?.name).toBe('Carers support');
  });

  it("keeps a row when a new outcome gives its scheme the same figures, and remakes it when they differ", () => {
    const figures = (id: string, budget: string, forecast: string, variance: string) => ({
      id, budget, forecast, variance, contributions: {}, committed: '0.00', uncommitted: '0.00',
    });
    const outcome = (s2Forecast: string, s2Variance: string) =>
      ({
        schemes: [
          figures('S1', '1000.10', '1200.00', '199.90'),
          figures('S2', '99.99', s2Forecast, s2Variance),
          figures('S10', '10000000.00', '9000000.00', '-1000000.00'),
        ],
      }) as unknown as Outcome;
    const before = buildRows(plan, outcome('99.99', '0.00'));
    const same = buildRows(plan, outcome('99.99', '0.00'));
    expect(same).not.toBe(before);
    for (let i = 0; i < same.length; i++) expect(same[i]).toBe(before[i]);
    const changed = buildRows(plan, outcome('150.00', '50.01'));
    expect(changed[1]).not.toBe(before[1]);
    expect(changed[1]).toMatchObject({ forecast: '150.00', variance: '50.01' });
    expect(changed[0]).toBe(before[0]);
  });
});

describe('sortRows', () => {
  const rows = buildRows(plan, null);

  it('sorts money on pence, not on text', () => {
    expect(sortRows(rows, 'budget', 'ascending').map((r) => r.id)).toEqual(['S2', 'S1', 'S10']);
    expect(sortRows(rows, 'budget', 'descending').map((r) => r.id)).toEqual(['S10', 'S1', 'S2']);
    expect(sortRows(rows, 'variance', 'ascending').map((r) => r.id)).toEqual(['S10', 'S2', 'S1']);
  });

  it('sorts names and labels alphabetically and keeps the index for paths', () => {
    const sorted = sortRows(rows, 'name', 'ascending');
    expect(sorted.map((r) => r.name)).toEqual(['Assistive tech', 'Carers', 'Reablement']);
    expect(sorted.map((r) => r.index)).toEqual([2, 1, 0]);
    expect(sortRows(rows, 'group', 'ascending').map((r) => r.id)).toEqual(['S1', 'S10', 'S2']);
  });

  it('keeps the plan order without a key and does not change its input', () => {
    expect(sortRows(rows, null, 'ascending').map((r) => r.id)).toEqual(['S1', 'S2', 'S10']);
    sortRows(rows, 'name', 'descending');
    expect(rows.map((r) => r.id)).toEqual(['S1', 'S2', 'S10']);
  });
});

describe('filterRows', () => {
  const rows = buildRows(plan, null);

  it('matches name, id, type label and provider label in any case', () => {
    expect(filterRows(rows, 'REABLE', '').map((r) => r.id)).toEqual(['S1']);
    expect(filterRows(rows, 's10', '').map((r) => r.id)).toEqual(['S10']);
    expect(filterRows(rows, 'carers services', '').map((r) => r.id)).toEqual(['S2']);
    expect(filterRows(rows, 'local authority', '').map((r) => r.id)).toEqual(['S1']);
    expect(filterRows(rows, '  ', '')).toHaveLength(3);
  });

  it('filters by group, the default counting for schemes without one', () => {
    expect(filterRows(rows, '', 'core').map((r) => r.id)).toEqual(['S1', 'S10']);
    expect(filterRows(rows, 'carers', 'core')).toEqual([]);
  });
});

describe('totalsOf', () => {
  it('adds exactly, a blank forecast counting as the budget', () => {
    expect(totalsOf(buildRows(plan, null))).toEqual({
      budget: '10001100.09',
      forecast: '9001299.99',
      variance: '-999800.10',
    });
    expect(totalsOf([])).toEqual({ budget: '0.00', forecast: '0.00', variance: '0.00' });
  });
});

describe('evenSplit', () => {
  const total = (split: Record<string, string>) => jointTotal(Object.values(split));

  it('splits in whole numbers summing to exactly 100', () => {
    expect(evenSplit(['council', 'icb'])).toEqual({ council: '50', icb: '50' });
    expect(evenSplit(['a', 'b', 'c'])).toEqual({ a: '34', b: '33', c: '33' });
    for (let n = 1; n <= 100; n += 1) {
      const split = evenSplit(Array.from({ length: n }, (_, i) => `p${i}`));
      expect(Object.values(split).every((v) => /^\d+$/.test(v))).toBe(true);
      expect(total(split)).toBe(100_000_000n);
    }
  });

  it('uses decimals only beyond 100 partners', () => {
    const split = evenSplit(Array.from({ length: 300 }, (_, i) => `p${i}`));
    expect(split.p0).toBe('0.333334');
    expect(total(split)).toBe(100_000_000n);
    expect(evenSplit([])).toEqual({});
  });
});

describe('joint percentages', () => {
  it('totals what was typed, blanks as nothing', () => {
    expect(jointTotal(['60', '', '40'])).toBe(100_000_000n);
    expect(jointTotal(['33.333333', '66.666667'])).toBe(100_000_000n);
    expect(jointTotal(['sixty'])).toBeNull();
    expect(isWholeSplit(['60', '40'])).toBe(true);
    expect(isWholeSplit(['60', '50'])).toBe(false);
  });

  it('reads a commissioner', () => {
    expect(commissionerText('icb', plan.partners)).toBe('ICB');
    expect(commissionerText({ joint: { council: '60', icb: '40' } }, plan.partners)).toBe(
      'Joint: Council 60%, ICB 40%',
    );
  });
});

describe('new schemes', () => {
  it('takes the first free id', () => {
    expect(nextId('S-new-', [])).toBe('S-new-1');
    expect(nextId('S-new-', ['S-new-1', 'S-new-3'])).toBe('S-new-2');
  });

  it('is complete and commissioned by the host', () => {
    const s = newScheme({ ...plan, schemes: [...plan.schemes, scheme('S-new-1', 'x', [])] });
    expect(s).toEqual({
      id: 'S-new-2',
      name: 'New scheme',
      type: 'other',
      area_of_spend: 'other',
      commissioner: 'council',
      provider: 'other',
      funding: [],
    });
  });

  it('names the first group when there is no default group', () => {
    const rs = { groups: plan.risk_share?.groups ?? [] };
    expect(newScheme({ ...plan, risk_share: rs }).group).toBe('core');
    expect(newScheme(plan).group).toBeUndefined();
  });

  it('summarises funding lines', () => {
    expect([0, 1, 2].map(fundingSummary)).toEqual(['No lines', '1 line', '2 lines']);
    expect(sumAmounts([])).toBe('0.00');
  });
});
