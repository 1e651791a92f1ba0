import { describe, expect, it } from 'vitest';
import { readInput, shownValue, type FieldKind } from './fields';

describe('fields', () => {
  const reads: [FieldKind, string, boolean, ReturnType<typeof readInput>][] = [
    ['amount', '£1,234.5', false, { ok: true, value: '1234.50' }],
    ['amount', '(1,500)', false, { ok: true, value: '-1500.00' }],
    ['amount', '', true, { ok: true, value: undefined }],
    ['amount', '', false, { ok: false, message: 'Forecast is required.' }],
    ['amount', '1.234', false, { ok: false, message: "'1.234' has more than two decimal places (pence)" }],
    ['weight', '2.5', false, { ok: true, value: '2.5' }],
    ['weight', 'two', false, { ok: false, message: "'two' is not a share; type a number like 1 or 2.5." }],
    ['percent', '33.5%', false, { ok: true, value: '33.5' }],
    ['percent', '-3', false, { ok: false, message: "'-3' is not a percentage; type a number like 60 or 33.5." }],
    ['date', '1/4/2025', false, { ok: true, value: '2025-04-01' }],
    ['date', '31/02/2025', false, { ok: false, message: 'Forecast must be a real date, day first, for example 01/04/2025.' }],
    ['number', '12', false, { ok: true, value: 12 }],
    ['number', '1.5', false, { ok: false, message: 'Forecast must be a whole number.' }],
    ['text', '  Reablement  ', false, { ok: true, value: 'Reablement' }],
  ];
  it.each(reads)('reads %s %j', (kind, typed, optional, expected) => {
    expect(readInput(kind, typed, 'Forecast', optional)).toEqual(expected);
  });

  const shows: [FieldKind, string, string][] = [
    ['amount', '-1500.00', '(£1,500.00)'],
    ['amount', 'four', 'four'],
    ['amount', '', ''],
    ['date', '2025-10-20', '20/10/2025'],
    ['weight', '2.5', '2.5'],
  ];
  it.each(shows)('shows %s %j as %j', (kind, saved, expected) => {
    expect(shownValue(kind, saved)).toBe(expected);
  });
});
