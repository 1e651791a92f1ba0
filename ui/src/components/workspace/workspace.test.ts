import { describe, expect, it } from 'vitest';
import { branchedFromName, changesText, financialYearOf } from './workspace';

describe('financialYearOf', () => {
  it('starts the year on 1 April', () => {
    expect(financialYearOf(new Date(2026, 3, 1))).toBe('2026-27');
    expect(financialYearOf(new Date(2026, 2, 31))).toBe('2025-26');
    expect(financialYearOf(new Date(2026, 11, 31))).toBe('2026-27');
    expect(financialYearOf(new Date(2027, 0, 1))).toBe('2026-27');
  });
  it('pads the second year across a century', () => {
    expect(financialYearOf(new Date(2099, 5, 1))).toBe('2099-00');
    expect(financialYearOf(new Date(2008, 5, 1))).toBe('2008-09');
  });
});

describe('changesText', () => {
  it('counts changes in words', () => {
    expect(changesText(0)).toBe('No changes');
    expect(changesText(1)).toBe('1 change');
    expect(changesText(12)).toBe('12 changes');
  });
});

describe('branchedFromName', () => {
  const all = [
    { id: 1, name: 'Baseline' },
    { id: 2, name: 'Winter' },
  ];
  it('names the scenario branched from', () => {
    expect(branchedFromName({ branched_from: 1 }, all)).toBe('Baseline');
    expect(branchedFromName({ branched_from: null }, all)).toBeNull();
    expect(branchedFromName({ branched_from: 9 }, all)).toBe('scenario 9');
  });
});
