import { describe, expect, it } from 'vitest';
import { partnersOf } from '../../lib/testing';
import type { PlanDocument } from '../../lib/generated/PlanDocument';
import {
  groupInstalments,
  namedTotals,
  newContract,
  newPartner,
  newStream,
  requirementWords,
  uniqueId,
} from './plan';

const partners = partnersOf(['council', 'Northbrook Council', 'council'], ['icb', 'Dales ICB', 'icb'], ['icb2', 'Eastmoor ICB', 'icb']);

const plan: PlanDocument = {
  format: 'pooled-plan/1',
  name: 'Test',
  financial_year: '2025-26',
  partners,
  host: 'council',
  streams: [
    { id: 'a', name: 'A', kind: 'nhs_minimum', partner: 'icb', amount: '100.10' },
    { id: 'b', name: 'B', kind: 'ibcf', partner: 'council', amount: '0.20' },
    { id: 'c', name: 'C', kind: 'other', partner: 'icb', amount: '0.70' },
  ],
  schemes: [],
};

describe('uniqueId', () => {
  it('counts on from the length of the list', () => {
    expect(uniqueId('partner-', ['council', 'icb', 'icb2'])).toBe('partner-4');
    expect(uniqueId('partner-', [])).toBe('partner-1');
  });
  it('skips ids already taken', () => {
    expect(uniqueId('stream-', ['stream-2', 'stream-3', 'x'])).toBe('stream-4');
    expect(uniqueId('stream-', ['stream-2', 'stream-1'])).toBe('stream-3');
  });
});

describe('new items', () => {
  it('makes a partner and a stream from the host with fresh ids', () => {
    expect(newPartner(plan)).toEqual({ id: 'partner-4', name: 'New partner', kind: 'other' });
    expect(newStream(plan)).toEqual({
      id: 'stream-4', name: 'New stream', kind: 'other', partner: 'council', amount: '0.00',
    });
  });
  it('makes a contract for the plan year on the first scheme, or none without schemes', () => {
    expect(newContract(plan)).toBeNull();
    const withScheme = {
      ...plan,
      schemes: [{ id: 'S1', name: 'S', type: 'other', area_of_spend: 'other', commissioner: 'council', provider: 'other', funding: [] }],
      contracts: [{ id: 'contract-2', name: 'x', scheme: 'S1', value: '1.00', start: '2025-04-01', end: '2025-04-02' }],
    } as PlanDocument;
    expect(newContract(withScheme)).toEqual({
      id: 'contract-3', name: 'New contract', scheme: 'S1', value: '0.00', start: '2025-04-01', end: '2026-03-31',
    });
  });
});

describe('namedTotals', () => {
  it('names the backend\'s totals by partner, in its order', () => {
    const totals = { partners: [{ partner: 'icb', amount: '100.80' }, { partner: 'ghost', amount: '-5.00' }], total: '95.80' };
    expect(namedTotals(totals, partners)).toEqual([
      { partner: 'icb', name: 'Dales ICB', total: '100.80' },
      { partner: 'ghost', name: 'ghost', total: '-5.00' },
    ]);
  });
});

describe('requirementWords', () => {
  it('says met or not met in words, as the backend judged', () => {
    expect(requirementWords({ required: '100.00', planned: '100.00' }, true)).toBe(
      'Planned £100.00 against £100.00 required: met',
    );
    expect(requirementWords({ required: '1500000.00', planned: '1499999.99' }, false)).toBe(
      'Planned £1,499,999.99 against £1,500,000.00 required: not met',
    );
  });
});

describe('groupInstalments', () => {
  it('groups by partner, each with the backend\'s total', () => {
    const groups = groupInstalments(
      [
        { partner: 'icb', due: '2025-04-01', amount: '33.34' },
        { partner: 'icb', due: '2025-08-01', amount: '33.33' },
        { partner: 'icb2', due: '2025-04-01', amount: '10.00' },
        { partner: 'icb', due: '2025-12-01', amount: '33.33' },
      ],
      partners,
      { partners: [{ partner: 'icb', amount: '100.00' }], total: '110.00' },
    );
    expect(groups.map((g) => [g.name, g.instalments.length, g.total])).toEqual([
      ['Dales ICB', 3, '100.00'],
      ['Eastmoor ICB', 1, null],
    ]);
  });
});
