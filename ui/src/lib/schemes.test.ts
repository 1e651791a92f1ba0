import { describe, expect, it } from 'vitest';
import type { Figures } from './generated/Figures';
import type { PlanDocument } from './generated/PlanDocument';
import type { SchemeDoc } from './generated/SchemeDoc';
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

/** The backend's figures for the test plan, with S2's forecast and variance as given. */
function figures(s2Forecast = '99.99', s2Variance = '0.00'): Figures {
  const scheme = (id: string, budget: string | null, forecast: string | null, variance: string | null) => ({
    id, budget, forecast, variance,
  });
  return {
    schemes: [
      scheme('S1', '1000.10', '1200.00', '199.90'),
      scheme('S2', '99.99', s2Forecast, s2Variance),
      scheme('S10', '10000000.00', '9000000.00', '-1000000.00'),
    ],
    totals: { count: 3, budget: null, forecast: null, variance: null },
    groups: [], streams: null, positions: null, instalments: null, contracts: [],
    requirements: { nhs_min_social_care: null, nhs_min_out_of_hospital: null },
    rule_amounts: [], shared: [],
  };
}

describe('buildRows', () => {
  it('shows the backend\'s figures, and paths by id', () => {
    const rows = buildRows(plan, figures());
    expect(rows.map((r) => r.budget)).toEqual(['1000.10', '99.99', '10000000.00']);
    expect(rows.map((r) => r.variance)).toEqual(['199.90', '0.00', '-1000000.00']);
    expect(rows.map((r) => r.path)).toEqual(['schemes[id=S1]', 'schemes[id=S2]', 'schemes[id=S10]']);
    expect(rows.map((r) => r.groupId)).toEqual(['core', 'own', 'core']);
    expect(rows[1]?.groupName).toBe('Own risk');
  });

  it('adds nothing up itself: no figures, no budget', () => {
    const rows = buildRows(plan, null);
    expect(rows.map((r) => [r.budget, r.forecast, r.variance])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
  });

  it('takes figures by scheme id when they are not in the plan\'s order', () => {
    const f = figures();
    const rows = buildRows(plan, { ...f, schemes: [...f.schemes].reverse() });
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
    const edited = withValue(plan, 'schemes[id=S1].name', 'Reablement at home');
    const after = buildRows(edited, null);
    expect(after[0]).not.toBe(before[0]);
    expect(after[0]?.name).toBe('Reablement at home');
    for (let i = 1; i < after.length; i++) expect(after[i]).toBe(before[i]);
    // A partner renamed changes what every row may show: all are made again.
    const renamed = withValue(edited, 'partners[id=council].name', 'Renamed Council');
    const again = buildRows(renamed, null);
    for (let i = 1; i < again.length; i++) expect(again[i]).not.toBe(after[i]);
  });

  it('gives the same list again for the same document and figures, and a new one otherwise', () => {
    const first = buildRows(plan, null);
    expect(buildRows(plan, null)).toBe(first);
    const edited = withValue(plan, 'schemes[id=S2].name', 'Carers support');
    const next = buildRows(edited, null);
    expect(next).not.toBe(first);
    expect(next[1]?.name).toBe('Carers support');
  });

  it('keeps a row when new figures give its scheme the same ones, and remakes it when they differ', () => {
    const before = buildRows(plan, figures());
    const same = buildRows(plan, figures());
    expect(same).not.toBe(before);
    for (let i = 0; i < same.length; i++) expect(same[i]).toBe(before[i]);
    const changed = buildRows(plan, figures('150.00', '50.01'));
    expect(changed[1]).not.toBe(before[1]);
    expect(changed[1]).toMatchObject({ forecast: '150.00', variance: '50.01' });
    expect(changed[0]).toBe(before[0]);
  });
});

describe('sortRows', () => {
  const rows = buildRows(plan, figures());

  it('sorts money on pence, not on text, blanks last', () => {
    expect(sortRows(rows, 'budget', 'ascending').map((r) => r.id)).toEqual(['S2', 'S1', 'S10']);
    expect(sortRows(rows, 'budget', 'descending').map((r) => r.id)).toEqual(['S10', 'S1', 'S2']);
    expect(sortRows(rows, 'variance', 'ascending').map((r) => r.id)).toEqual(['S10', 'S2', 'S1']);
    const blank = buildRows(plan, { ...figures(), schemes: figures().schemes.slice(1) });
    expect(sortRows(blank, 'budget', 'ascending').map((r) => r.id)).toEqual(['S2', 'S10', 'S1']);
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
  });
});
