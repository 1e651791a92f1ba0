import { describe, expect, it } from 'vitest';
import { partnersOf } from './testing';
import type { BandDoc } from './generated/BandDoc';
import type { PlanDocument } from './generated/PlanDocument';
import type { UnitOutcome } from './generated/UnitOutcome';
import type { RiskShareDoc } from './generated/RiskShareDoc';
import type { RuleAmounts } from './generated/RuleAmounts';
import {
  addBandEdit,
  addNettingMemberEdit,
  addNettingSetEdit,
  amountsFigures,
  differenceWords,
  freeGroups,
  nettingPathsOf,
  nettingSetOf,
  pastedAmounts,
  removeNettingMemberEdit,
  removeNettingSetEdit,
  startingAmounts,
  takesAmounts,
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
  it('starts an agreed rule at nothing each and stated amounts at what each partner pays in', () => {
    expect(defaultRule('agreed', partners)).toEqual({ method: 'agreed', amounts: { council: '0.00', icb: '0.00' } });
    const streams = {
      partners: [
        { partner: 'council', amount: '1000.00' },
        { partner: 'icb', amount: '2500.50' },
      ],
      total: '3500.50',
    };
    expect(defaultRule('pro_rata_amounts', partners, streams)).toEqual({
      method: 'pro_rata_amounts',
      amounts: { council: '1000.00', icb: '2500.50' },
    });
    // Unknown or all nothing: £1.00 each, so the rule still reads.
    expect(startingAmounts(partners, null)).toEqual({ council: '1.00', icb: '1.00' });
    expect(startingAmounts(partners, { partners: [{ partner: 'council', amount: '0.00' }, { partner: 'icb', amount: '0.00' }], total: '0.00' })).toEqual({
      council: '1.00',
      icb: '1.00',
    });
    expect(takesAmounts('agreed') && takesAmounts('pro_rata_amounts') && !takesAmounts('fixed')).toBe(true);
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
    expect(bandMethodOptions().map((o) => o.value)).toEqual([
      'pro_rata_contributions',
      'pro_rata_commissioned',
      'fixed',
      'host',
      'pro_rata_amounts',
    ]);
    expect(methodOptions('overspend').map((o) => o.value)).toContain('agreed');
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

describe('stated amounts', () => {
  const three = partnersOf(['council', 'Northbrook Council', 'council'], ['icb', 'Dales ICB', 'icb'], ['east', 'Eastmoor ICB', 'icb']);

  it('leaves a single value to the field', () => {
    expect(pastedAmounts('1,000.00', three, {}, 'council')).toBeNull();
    expect(pastedAmounts('1000\n', three, {}, 'council')).toBeNull();
  });

  it('fills a column of amounts from the partner pasted into, in the plan order', () => {
    expect(pastedAmounts('£1,000.50\r\n2000\r\n', three, { council: '5.00', east: '7.00' }, 'icb')).toEqual({
      ok: true,
      amounts: { council: '5.00', icb: '1000.50', east: '2000.00' },
    });
    // A row of cells works the same; an empty cell clears that partner.
    expect(pastedAmounts('1\t\t3', three, { icb: '9.00' }, 'council')).toEqual({
      ok: true,
      amounts: { council: '1.00', east: '3.00' },
    });
  });

  it('fills partners by name or id from two columns', () => {
    expect(pastedAmounts('Eastmoor ICB\t(1,500)\ncouncil\t200000', three, { icb: '3.00', other: '1.00' }, 'council')).toEqual({
      ok: true,
      amounts: { council: '200000.00', icb: '3.00', east: '-1500.00', other: '1.00' },
    });
  });

  it('says what is wrong and saves nothing', () => {
    expect(pastedAmounts('1\nlots', three, {}, 'council')).toEqual({
      ok: false,
      message: "Dales ICB (amount 2): 'lots' is not an amount of money; type pounds and pence, like 1,234.56",
    });
    expect(pastedAmounts('1\n2\n3', three, {}, 'icb')).toMatchObject({ ok: false, message: '3 amounts were pasted but there are 2 partners from here down.' });
    expect(pastedAmounts('1\t2\n3\t4', three, {}, 'council')).toMatchObject({ ok: false });
  });

  it('finds the backend figures of a rule', () => {
    const all: RuleAmounts[] = [
      { group: 'g', side: 'overspend', band: 1, method: 'pro_rata_amounts', total: '10.00', against: [] },
      { group: 'g', side: 'overspend', method: 'agreed', total: '20.00', against: [] },
    ];
    expect(amountsFigures(all, 'g', 'overspend')?.total).toBe('20.00');
    expect(amountsFigures(all, 'g', 'overspend', 1)?.total).toBe('10.00');
    expect(amountsFigures(all, 'g', 'underspend')).toBeNull();
  });

  it('reads an agreed rule\'s difference for its side, as the warning does', () => {
    expect(differenceWords('1749.99', 'overspend')).toBe(
      'The board agreed £1,749.99 less than the overspend to be shared, so the rest is left uncovered.',
    );
    expect(differenceWords('12345.67', 'underspend')).toBe(
      'The board agreed £12,345.67 less than the underspend to be shared, so the rest stays in the pool.',
    );
    expect(differenceWords('-4321.11', 'overspend')).toBe(
      'The board agreed £4,321.11 more than the overspend to be shared, so the partners are charged more than the overspend.',
    );
    expect(differenceWords('-0.01', 'underspend')).toBe(
      'The board agreed £0.01 more than the underspend to be shared, so the partners are paid back more than the underspend.',
    );
    expect(differenceWords('0.00', 'underspend')).toBe("The board's amounts add up to the underspend to be shared.");
  });
});

describe('netting sets', () => {
  const group = (id: string, settle?: boolean) => ({
    id,
    name: id.toUpperCase(),
    overspend: { method: 'host' as const },
    underspend: { method: 'host' as const },
    ...(settle === undefined ? {} : { settle }),
  });
  const none: RiskShareDoc = { groups: [group('a'), group('b'), group('c', false), group('d')] };
  const one: RiskShareDoc = { ...none, offsets: [['a', 'b']] };

  it('offers groups in no set that are not aligned budgets', () => {
    expect(freeGroups(none).map((g) => g.id)).toEqual(['a', 'b', 'd']);
    expect(freeGroups(one).map((g) => g.id)).toEqual(['d']);
  });

  it('adds the first set whole, then inserts sets and members at the end', () => {
    expect(addNettingSetEdit(none)).toEqual({ op: 'set', path: 'risk_share.offsets', value: [['a', 'b']] });
    expect(addNettingSetEdit(one)).toBeNull();
    expect(addNettingSetEdit({ ...none, offsets: [] })).toEqual({ op: 'insert', path: 'risk_share.offsets[0]', value: ['a', 'b'] });
    expect(addNettingMemberEdit(one, 0)).toEqual({ op: 'insert', path: 'risk_share.offsets[0][2]', value: 'd' });
    expect(addNettingMemberEdit({ ...one, offsets: [['a', 'b', 'd']] }, 0)).toBeNull();
    expect(addNettingMemberEdit(one, 3)).toBeNull();
  });

  it('keeps at least two groups in a set, and removes the last set with the field', () => {
    expect(removeNettingMemberEdit(one, 0, 1)).toBeNull();
    expect(removeNettingMemberEdit({ ...one, offsets: [['a', 'b', 'd']] }, 0, 1)).toEqual({
      op: 'remove',
      path: 'risk_share.offsets[0][1]',
    });
    expect(removeNettingSetEdit(one, 0)).toEqual({ op: 'remove', path: 'risk_share.offsets' });
    expect(removeNettingSetEdit({ ...one, offsets: [['a', 'b'], ['c', 'd']] }, 1)).toEqual({
      op: 'remove',
      path: 'risk_share.offsets[1]',
    });
  });

  it('finds where a group is named', () => {
    const twice = { ...none, offsets: [['a', 'b'], ['d', 'a']] };
    expect(nettingPathsOf(twice, 'a')).toEqual(['risk_share.offsets[0][0]', 'risk_share.offsets[1][1]']);
    expect(nettingPathsOf(null, 'a')).toEqual([]);
    expect(nettingSetOf(twice, 'd')).toBe(2);
    expect(nettingSetOf(twice, 'c')).toBeNull();
  });
});
