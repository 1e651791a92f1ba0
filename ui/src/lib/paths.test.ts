import { describe, expect, it } from 'vitest';
import { inverseOf, parsePath, redoOf, valueAt, withValue } from './paths';

const plan = {
  schemes: [
    { id: 'S1', forecast: '650000.00', funding: [{ stream: 'nhs', amount: '600000.00' }] },
    { id: 'S2', funding: [] },
  ],
};

describe('paths', () => {
  it('parses keys and positions', () => {
    expect(parsePath('schemes[0].funding[12].amount')).toEqual(['schemes', 0, 'funding', 12, 'amount']);
    expect(parsePath('host')).toEqual(['host']);
  });

  it('reads values and copies them', () => {
    expect(valueAt(plan, 'schemes[0].funding[0].amount')).toBe('600000.00');
    expect(valueAt(plan, 'schemes[1].forecast')).toBeUndefined();
    expect(valueAt(plan, 'schemes[9].forecast')).toBeUndefined();
    const scheme = valueAt(plan, 'schemes[1]') as { id: string };
    scheme.id = 'changed';
    expect(plan.schemes[1]?.id).toBe('S2');
  });

  it('sets a value on a copy that shares what it did not change', () => {
    const next = withValue(plan, 'schemes[0].funding[0].amount', '610000.00');
    expect(valueAt(next, 'schemes[0].funding[0].amount')).toBe('610000.00');
    expect(valueAt(plan, 'schemes[0].funding[0].amount')).toBe('600000.00');
    expect(next.schemes[1]).toBe(plan.schemes[1]);
    expect(Array.isArray(next.schemes) && Array.isArray(next.schemes[0]?.funding)).toBe(true);
    expect(valueAt(withValue(plan, 'schemes[1].forecast', '5.00'), 'schemes[1].forecast')).toBe('5.00');
    expect(() => withValue(plan, 'schemes[9].forecast', '1.00')).toThrow(/nothing at/);
  });

  it('undoes a set, an added field, an insert and a removal', () => {
    expect(inverseOf({ op: 'set', path: 'schemes[0].forecast', before: '650000.00', after: '700000.00' })).toEqual({
      op: 'set',
      path: 'schemes[0].forecast',
      value: '650000.00',
    });
    expect(inverseOf({ op: 'set', path: 'schemes[1].forecast', before: undefined, after: '1.00' })).toEqual({
      op: 'remove',
      path: 'schemes[1].forecast',
    });
    expect(inverseOf({ op: 'insert', path: 'schemes[2]', before: undefined, after: { id: 'S3' } })).toEqual({
      op: 'remove',
      path: 'schemes[2]',
    });
    expect(inverseOf({ op: 'remove', path: 'schemes[0]', before: { id: 'S1' }, after: undefined })).toEqual({
      op: 'insert',
      path: 'schemes[0]',
      value: { id: 'S1' },
    });
  });

  it('redoes what was undone', () => {
    expect(redoOf({ op: 'remove', path: 'schemes[0]', before: { id: 'S1' }, after: undefined })).toEqual({
      op: 'remove',
      path: 'schemes[0]',
    });
    expect(redoOf({ op: 'set', path: 'host', before: 'council', after: 'icb' })).toEqual({
      op: 'set',
      path: 'host',
      value: 'icb',
    });
  });
});
