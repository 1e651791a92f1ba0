import { describe, expect, it } from 'vitest';
import {
  concretePath,
  fundingPath,
  identityPath,
  inverseOf,
  itemPath,
  parsePath,
  positionalPath,
  redoOf,
  setTarget,
  valueAt,
  withValue,
  writePath,
} from './paths';

const plan = {
  schemes: [
    { id: 'S1', forecast: '650000.00', funding: [{ stream: 'nhs', amount: '600000.00' }] },
    { id: 'S2', funding: [{ stream: 'a', amount: '1.00' }, { stream: 'a', amount: '2.00' }] },
    { id: 'S 1]', name: 'Odd' },
  ],
  risk_share: { groups: [{ id: 'main', caps: { icb: '5.00' }, overspend: { bands: [{ up_to: '9.00' }] } }] },
};

describe('paths', () => {
  it('reads and writes positions, identities and quoted ids', () => {
    expect(parsePath('schemes[0].funding[12].amount')).toEqual(['schemes', 0, 'funding', 12, 'amount']);
    expect(parsePath('schemes[id=S12].funding[stream=nhs-min].amount')).toEqual([
      'schemes',
      { field: 'id', value: 'S12' },
      'funding',
      { field: 'stream', value: 'nhs-min' },
      'amount',
    ]);
    expect(parsePath('schemes[id="S 1]"].name')).toEqual(['schemes', { field: 'id', value: 'S 1]' }, 'name']);
    for (const text of [
      'host',
      'schemes[id=S12].funding[stream=nhs-min].amount',
      'risk_share.groups[id=main].overspend.bands[1].up_to',
      'schemes[id="S 1]"].forecast',
      'schemes[id=" lead"].name',
      'schemes[id=a.b=c].name',
    ]) {
      expect(writePath(parsePath(text))).toBe(text);
    }
    expect(itemPath('schemes', 'S12')).toBe('schemes[id=S12]');
    expect(itemPath('schemes', 'a"b')).toBe('schemes[id="a\\"b"]');
    expect(itemPath('funding', 'ibcf', 'stream')).toBe('funding[stream=ibcf]');
  });

  it('reads values by identity and copies them', () => {
    expect(valueAt(plan, 'schemes[id=S1].funding[stream=nhs].amount')).toBe('600000.00');
    expect(valueAt(plan, 'schemes[0].funding[0].amount')).toBe('600000.00');
    expect(valueAt(plan, 'schemes[id="S 1]"].name')).toBe('Odd');
    expect(valueAt(plan, 'risk_share.groups[id=main].caps.icb')).toBe('5.00');
    expect(valueAt(plan, 'schemes[id=S2].forecast')).toBeUndefined();
    expect(valueAt(plan, 'schemes[id=S9].forecast')).toBeUndefined();
    // Two lines from one stream cannot be told apart by it.
    expect(valueAt(plan, 'schemes[id=S2].funding[stream=a].amount')).toBeUndefined();
    const scheme = valueAt(plan, 'schemes[id=S2]') as { id: string };
    scheme.id = 'changed';
    expect(plan.schemes[1]?.id).toBe('S2');
  });

  it('sets a value on a copy that shares what it did not change', () => {
    const next = withValue(plan, 'schemes[id=S1].funding[stream=nhs].amount', '610000.00');
    expect(valueAt(next, 'schemes[id=S1].funding[stream=nhs].amount')).toBe('610000.00');
    expect(valueAt(plan, 'schemes[id=S1].funding[stream=nhs].amount')).toBe('600000.00');
    expect(next.schemes[1]).toBe(plan.schemes[1]);
    expect(valueAt(withValue(plan, 'schemes[id=S2].forecast', '5.00'), 'schemes[id=S2].forecast')).toBe('5.00');
    expect(() => withValue(plan, 'schemes[id=S9].forecast', '1.00')).toThrow(/nothing at/);
  });

  it('names a finding’s positional path by identity, as the fields are keyed', () => {
    expect(identityPath(plan, 'schemes[0].funding[0].amount')).toBe('schemes[id=S1].funding[stream=nhs].amount');
    expect(identityPath(plan, 'schemes[1].funding[1].amount')).toBe('schemes[id=S2].funding[1].amount');
    expect(identityPath(plan, 'schemes[2]')).toBe('schemes[id="S 1]"]');
    expect(identityPath(plan, 'risk_share.groups[0].overspend.bands[0].up_to')).toBe(
      'risk_share.groups[id=main].overspend.bands[0].up_to',
    );
    expect(identityPath(plan, 'schemes[id=S1].forecast')).toBe('schemes[id=S1].forecast');
    expect(identityPath(plan, 'schemes[7].forecast')).toBe('schemes[7].forecast');
    expect(identityPath(plan, '')).toBe('');
  });

  it('names funding lines by stream unless two share one', () => {
    expect(fundingPath(plan.schemes[0] as never, 0)).toBe('schemes[id=S1].funding[stream=nhs]');
    expect(fundingPath(plan.schemes[1] as never, 1)).toBe('schemes[id=S2].funding[1]');
  });

  it('names items by position, to follow one whose identity a change renames', () => {
    expect(concretePath(plan, 'schemes[id=S1].funding[stream=nhs].stream')).toBe('schemes[0].funding[0].stream');
    expect(concretePath(plan, 'schemes[id=S9].name')).toBe('schemes[id=S9].name');
    const renamed = withValue(plan, 'schemes[id=S1].funding[stream=nhs].stream', 'ibcf');
    expect(identityPath(renamed, concretePath(plan, 'schemes[id=S1].funding[stream=nhs].stream'))).toBe(
      'schemes[id=S1].funding[stream=ibcf].stream',
    );
  });

  it('finds where an item stands, to put it back there', () => {
    expect(positionalPath(plan, 'schemes[id=S2]')).toBe('schemes[1]');
    expect(positionalPath(plan, 'schemes[id=S1].funding[stream=nhs]')).toBe('schemes[id=S1].funding[0]');
    expect(positionalPath(plan, 'schemes[id=S9]')).toBe('schemes[3]');
    expect(positionalPath(plan, 'schemes[id=S1].forecast')).toBe('schemes[id=S1].forecast');
  });

  it('undoes and redoes a set, an added field, an insert and a removal', () => {
    const cases = [
      {
        change: { op: 'set', path: 'schemes[id=S1].forecast', before: '650000.00', after: '700000.00' },
        undo: { op: 'set', path: 'schemes[id=S1].forecast', value: '650000.00' },
        redo: { op: 'set', path: 'schemes[id=S1].forecast', value: '700000.00' },
      },
      {
        change: { op: 'set', path: 'schemes[id=S2].forecast', before: undefined, after: '1.00' },
        undo: { op: 'remove', path: 'schemes[id=S2].forecast' },
        redo: { op: 'set', path: 'schemes[id=S2].forecast', value: '1.00' },
      },
      {
        change: { op: 'insert', path: 'schemes[id=S3]', at: 'schemes[3]', before: undefined, after: { id: 'S3' } },
        undo: { op: 'remove', path: 'schemes[id=S3]' },
        redo: { op: 'insert', path: 'schemes[3]', value: { id: 'S3' } },
      },
      {
        change: { op: 'remove', path: 'schemes[id=S1]', at: 'schemes[0]', before: { id: 'S1' }, after: undefined },
        undo: { op: 'insert', path: 'schemes[0]', value: { id: 'S1' } },
        redo: { op: 'remove', path: 'schemes[id=S1]' },
      },
      {
        change: { op: 'remove', path: 'risk_share.offsets', at: 'risk_share.offsets', before: 'a', after: undefined },
        undo: { op: 'set', path: 'risk_share.offsets', value: 'a' },
        redo: { op: 'remove', path: 'risk_share.offsets' },
      },
      {
        change: { op: 'remove', path: 'risk_share.offsets[0][2]', at: 'risk_share.offsets[0][2]', before: 'c', after: undefined },
        undo: { op: 'insert', path: 'risk_share.offsets[0][2]', value: 'c' },
        redo: { op: 'remove', path: 'risk_share.offsets[0][2]' },
      },
    ] as const;
    for (const { change, undo, redo } of cases) {
      expect(inverseOf(change)).toEqual(undo);
      expect(redoOf(change)).toEqual(redo);
    }
  });
});

describe('setTarget', () => {
  it('sets the object holding a key when it is not there yet', () => {
    expect(setTarget(plan, 'risk_share.groups[id=main].caps.icb', '1.00')).toEqual({
      path: 'risk_share.groups[id=main].caps.icb',
      value: '1.00',
    });
    expect(setTarget(plan, 'requirements.nhs_min_social_care', '2.00')).toEqual({
      path: 'requirements',
      value: { nhs_min_social_care: '2.00' },
    });
    expect(setTarget(plan, 'requirements.nhs_min_social_care', undefined)).toEqual({
      path: 'requirements.nhs_min_social_care',
      value: undefined,
    });
  });
});
