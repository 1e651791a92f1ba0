import { describe, expect, it } from 'vitest';
import { partnersOf } from './testing';
import type { BandDoc } from './generated/BandDoc';
import type { PlanDocument } from './generated/PlanDocument';
import type { UnitOutcome } from './generated/UnitOutcome';
import {
  addBandEdit,
  appliedText,
  bandBeforeLast,
  bandMethodOptions,
  byVariance,
  schemeNamesById,
  defaultRule,
  initialRiskShare,
  methodOptions,
  newGroup,
  removeBandEdit,
  schemesInGroup,
  switchMethod,
} from './risk';

const partners = partnersOf(['council', 'Council', 'council'], ['icb', 'ICB', 'icb']);

const two: BandDoc[] = [{ up_to: '250000.00', rule: { method: 'host' } }, { rule: { method: 'pro_rata_contributions' } }];
const three: BandDoc[] = [
  { up_to: '250000.00', rule: { method: 'host' } },
  { up_to: '1000000.00', rule: { method: 'fixed', shares: { council: '1' } } },
  { rule: { method: 'pro_rata_contributions' } },
];

describe('defaultRule', () => {
  it('gives every partner a share of 1 for fixed', () => {
    expect(defaultRule('fixed', partners)).toEqual({ method: 'fixed', shares: { council: '1', icb: '1' } });
  });
  it('gives two bands for tiered', () => {
    expect(defaultRule('tiered', partners)).toEqual({ method: 'tiered', bands: two });
  });
  it('gives the bare method otherwise', () => {
    expect(defaultRule('host', partners)).toEqual({ method: 'host' });
    expect(defaultRule('carry_forward', partners)).toEqual({ method: 'carry_forward' });
  });
});

describe('method options', () => {
  it('offers carry forward only for underspends and no bands inside bands', () => {
    expect(methodOptions('overspend').map((o) => o.value)).not.toContain('carry_forward');
    expect(methodOptions('underspend').map((o) => o.value)).toContain('carry_forward');
    expect(bandMethodOptions().map((o) => o.value)).toEqual(['pro_rata_contributions', 'pro_rata_commissioned', 'fixed', 'host']);
  });
});

describe('bands', () => {
  it('inserts before the last band above the previous threshold', () => {
    expect(bandBeforeLast(two).up_to).toBe('500000.00');
    expect(bandBeforeLast(three).up_to).toBe('2000000.00');
    expect(addBandEdit('g.overspend', three)).toEqual({
      op: 'insert',
      path: 'g.overspend.bands[2]',
      value: { up_to: '2000000.00', rule: { method: 'pro_rata_contributions' } },
    });
  });

  it('falls back to £250,000 and stays within the limit', () => {
    expect(bandBeforeLast([{ rule: { method: 'host' } }]).up_to).toBe('250000.00');
    expect(bandBeforeLast([{ up_to: '80000000000.00', rule: { method: 'host' } }, { rule: { method: 'host' } }]).up_to).toBe(
      '80000000000.01',
    );
  });

  it('never removes below two bands', () => {
    expect(removeBandEdit('r', two, 0)).toBeNull();
    expect(removeBandEdit('r', three, 1)).toEqual({ op: 'remove', path: 'r.bands[1]' });
  });

  it('makes the new last band open-ended when the last is removed', () => {
    expect(removeBandEdit('r', three, 2)).toEqual({
      op: 'set',
      path: 'r.bands',
      value: [
        { up_to: '250000.00', rule: { method: 'host' } },
        { rule: { method: 'fixed', shares: { council: '1' } } },
      ],
    });
    expect(three[1]?.up_to).toBe('1000000.00');
  });
});

describe('switching method', () => {
  it('replaces the whole rule with a valid default of the new method', () => {
    const write = switchMethod('risk_share.groups[id=main].overspend', partners);
    expect(write('fixed')).toEqual({
      path: 'risk_share.groups[id=main].overspend',
      value: { method: 'fixed', shares: { council: '1', icb: '1' } },
    });
    expect(write('host')).toEqual({ path: 'risk_share.groups[id=main].overspend', value: { method: 'host' } });
    expect(write(undefined)).toBeNull();
  });
});

describe('groups', () => {
  it('sets up the implicit pool, sharing in proportion to contributions', () => {
    const rs = initialRiskShare();
    expect([rs.default_group, rs.groups.map((g) => [g.id, g.name])]).toEqual(['pool', [['pool', 'Pooled schemes']]]);
    expect(new Set(rs.groups.flatMap((g) => [g.overspend.method, g.underspend.method]))).toEqual(
      new Set(['pro_rata_contributions']),
    );
  });


  it('names new groups uniquely', () => {
    expect(newGroup(['G-new-1']).id).toBe('G-new-2');
  });

  it('finds the schemes of a group, the default included', () => {
    const doc = {
      schemes: [{ id: 'a' }, { id: 'b', group: 'own' }, { id: 'c', group: null }],
      risk_share: { default_group: 'core', groups: [] },
    } as unknown as PlanDocument;
    expect(schemesInGroup(doc, 'core')).toEqual([0, 2]);
    expect(schemesInGroup(doc, 'own')).toEqual([1]);
  });
});

describe('units', () => {
  const unit = (id: string, variance: string): UnitOutcome => ({
    id,
    group: 'own',
    budget: '0.00',
    forecast: '0.00',
    variance,
    applied: 'none',
    allocation: {},
    uncovered: '0.00',
    carried_forward: '0.00',
  });

  it('orders by size of variance on pence', () => {
    const units = [unit('a', '9.99'), unit('b', '-100.00'), unit('c', '10.00'), unit('d', '-9.99')];
    expect(byVariance(units).map((u) => u.id)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('reads what was applied', () => {
    expect(appliedText('overspend')).toBe('Overspend');
    expect(appliedText('none')).toBe('None');
  });
});

describe('schemeNamesById', () => {
  it("gives each scheme's name by id, one map for one list of schemes", () => {
    const schemes = [
      { id: 'S1', name: 'Reablement' },
      { id: 'S2', name: 'Carers' },
    ];
    const names = schemeNamesById(schemes);
    expect(names.get('S2')).toBe('Carers');
    expect(names.get('S3')).toBeUndefined();
    expect(schemeNamesById(schemes)).toBe(names);
    const renamed = [schemes[0]!, { id: 'S2', name: 'Carers support' }];
    expect(schemeNamesById(renamed).get('S2')).toBe('Carers support');
  });
});
