import { describe, expect, it } from 'vitest';
import {
  dateFieldText,
  parseDateField,
  LIMIT_PENCE,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyShort,
  moneyCell,
  formatPercent,
  formatWeightMillionths,
  formatYear,
  monthFullName,
  monthLabel,
  monthName,
  parseMoneyInput,
  parsePence,
  parseWeight,
  penceToAmount,
} from './format';

describe('formatMoney', () => {
  it.each([
    ['0.00', '£0.00'],
    ['0.01', '£0.01'],
    ['0.10', '£0.10'],
    ['1.00', '£1.00'],
    ['999.99', '£999.99'],
    ['1000.00', '£1,000.00'],
    ['12345.67', '£12,345.67'],
    ['250000.00', '£250,000.00'],
    ['1234567.89', '£1,234,567.89'],
    ['46600000.01', '£46,600,000.01'],
    ['100000000000.00', '£100,000,000,000.00'],
    ['99999999999.99', '£99,999,999,999.99'],
  ])('formats %s as %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it.each([
    ['-1500.00', '(£1,500.00)'],
    ['-0.01', '(£0.01)'],
    ['-83333.33', '(£83,333.33)'],
    ['-100000000000.00', '(£100,000,000,000.00)'],
  ])('puts the negative %s in brackets: %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it('shows minus zero as plain zero', () => {
    expect(formatMoney('-0.00')).toBe('£0.00');
    expect(formatMoney('-0')).toBe('£0.00');
  });

  it.each([
    ['1500', '£1,500.00'],
    ['1500.5', '£1,500.50'],
    ['0', '£0.00'],
    ['12.5', '£12.50'],
    ['-7', '(£7.00)'],
    ['007.10', '£7.10'],
    [' 42.00 ', '£42.00'],
  ])('normalises %s to two decimals: %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it('never loses a penny on figures beyond the range of exact doubles', () => {
    // 2^53 pence is about £90 trillion; these stay exact well past it.
    expect(formatMoney('123456789012345678.91')).toBe('£123,456,789,012,345,678.91');
    expect(formatMoney('90071992547409.93')).toBe('£90,071,992,547,409.93');
  });

  it.each(['abc', '', ' ', '1,234.00', '£12.00', '12.345', '1e6', '+5.00', '12.', '.5', '--1', '1 000', 'NaN'])(
    'throws a clear error on %j',
    (amount) => {
      expect(() => formatMoney(amount)).toThrowError(/is not an amount of money/);
    },
  );
});

describe('moneyCell', () => {
  it.each([
    ['1234.5', '£1,234.50'],
    ['-1500.00', '(£1,500.00)'],
    ['four', 'four'],
    [null, ''],
    [undefined, ''],
  ] as const)('shows %j as %j', (amount, shown) => {
    expect(moneyCell(amount)).toBe(shown);
  });
});

describe('formatMoneyShort', () => {
  it.each([
    ['250000.00', '£250,000'],
    ['800000', '£800,000'],
    ['0.00', '£0'],
    ['1234.50', '£1,234.50'],
    ['1234.05', '£1,234.05'],
    ['-1500.00', '(£1,500)'],
    ['-1500.01', '(£1,500.01)'],
    ['100000000000.00', '£100,000,000,000'],
  ])('formats %s as %s', (amount, expected) => {
    expect(formatMoneyShort(amount)).toBe(expected);
  });

  it('throws on garbage', () => {
    expect(() => formatMoneyShort('lots')).toThrowError(/'lots' is not an amount of money/);
  });
});

describe('parsePence and penceToAmount', () => {
  it.each([
    ['0.00', 0n],
    ['0.01', 1n],
    ['1234567.89', 123456789n],
    ['-1500.00', -150000n],
    ['1500', 150000n],
    ['1500.5', 150050n],
    ['100000000000.00', 10000000000000n],
  ])('reads %s as %s pence', (amount, pence) => {
    expect(parsePence(amount)).toBe(pence);
  });

  it.each([
    [0n, '0.00'],
    [1n, '0.01'],
    [-1n, '-0.01'],
    [10n, '0.10'],
    [-150000n, '-1500.00'],
    [123456789n, '1234567.89'],
    [LIMIT_PENCE, '100000000000.00'],
    [-LIMIT_PENCE, '-100000000000.00'],
  ])('writes %s pence as %s', (pence, amount) => {
    expect(penceToAmount(pence)).toBe(amount);
  });

  it('round-trips canonical text', () => {
    for (const amount of ['0.00', '-0.99', '7.07', '1000000.00', '-46600000.01', '99999999999.99']) {
      expect(penceToAmount(parsePence(amount))).toBe(amount);
    }
  });

  it('throws on text that is not an amount', () => {
    expect(() => parsePence('twelve')).toThrowError(/'twelve' is not an amount of money/);
    expect(() => parsePence('1.234')).toThrowError(/not an amount of money/);
  });
});

describe('parseMoneyInput', () => {
  it.each([
    ['1234.5', '1234.50'],
    ['1234.50', '1234.50'],
    ['£1,234.50', '1234.50'],
    ['1,234', '1234.00'],
    ['1,234,567.89', '1234567.89'],
    ['£100,000,000,000.00', '100000000000.00'],
    ['(1,500.00)', '-1500.00'],
    ['(£1,500.00)', '-1500.00'],
    ['( 1500 )', '-1500.00'],
    ['-1500', '-1500.00'],
    ['-£1,500', '-1500.00'],
    ['£-1,500.25', '-1500.25'],
    ['\u22121500', '-1500.00'],
    ['  1234.56  ', '1234.56'],
    ['£ 250,000', '250000.00'],
    ['0', '0.00'],
    ['-0', '0.00'],
    ['0.01', '0.01'],
    ['.5', '0.50'],
    ['1234.', '1234.00'],
    ['007', '7.00'],
  ])('reads %j as %s', (typed, value) => {
    expect(parseMoneyInput(typed)).toEqual({ ok: true, value });
  });

  it('explains more than two decimal places', () => {
    expect(parseMoneyInput('1234.567')).toEqual({
      ok: false,
      message: "'1234.567' has more than two decimal places (pence)",
    });
    expect(parseMoneyInput(' £1,234.500 ')).toEqual({
      ok: false,
      message: "'£1,234.500' has more than two decimal places (pence)",
    });
  });

  it.each(['abc', '12abc', '1,23', '12,34.00', '1,2345', '£', '-', '()', '1.2.3', '1e6', '--5', '(-5)', '££5', '5£', '1 000', '+5', '0x10', 'Infinity'])(
    'rejects %j as not money',
    (typed) => {
      expect(parseMoneyInput(typed)).toEqual({
        ok: false,
        message: `'${typed.trim()}' is not an amount of money; type pounds and pence, like 1,234.56`,
      });
    },
  );

  it('matches the wording of the brief for garbage', () => {
    expect(parseMoneyInput('abc')).toEqual({
      ok: false,
      message: "'abc' is not an amount of money; type pounds and pence, like 1,234.56",
    });
  });

  it('asks for an amount when the field is empty', () => {
    const result = parseMoneyInput('   ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/Type an amount of money/);
  });

  it('refuses amounts above the £100bn limit', () => {
    expect(parseMoneyInput('100,000,000,000.01')).toEqual({
      ok: false,
      message:
        "'100,000,000,000.01' is more than £100,000,000,000.00, the largest amount Pooled can hold",
    });
    expect(parseMoneyInput('-100000000000.00')).toEqual({ ok: true, value: '-100000000000.00' });
  });
});

describe('formatYear', () => {
  it('writes the financial year with a slash', () => {
    expect(formatYear('2025-26')).toBe('2025/26');
    expect(formatYear('2024-25')).toBe('2024/25');
    expect(formatYear('1999-00')).toBe('1999/00');
  });

  it.each(['2025-27', '2025/26', '25-26', '2025', ''])('throws on %j', (year) => {
    expect(() => formatYear(year)).toThrowError(/is not a financial year/);
  });
});

describe('months of the financial year', () => {
  it('labels M1 to M12', () => {
    expect(Array.from({ length: 12 }, (_, i) => monthLabel(i))).toEqual(Array.from({ length: 12 }, (_, i) => `M${i + 1}`));
  });

  it('starts in April', () => {
    expect(Array.from({ length: 12 }, (_, i) => monthName(i)).join(' ')).toBe('Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar');
    expect(monthFullName(0)).toBe('April');
    expect(monthFullName(11)).toBe('March');
  });

  it.each([-1, 12, 1.5, Number.NaN])('rejects the index %s', (index) => {
    expect(() => monthLabel(index)).toThrowError(RangeError);
    expect(() => monthName(index)).toThrowError(RangeError);
    expect(() => monthFullName(index)).toThrowError(RangeError);
  });
});

describe('formatDate', () => {
  it.each([
    ['2025-04-01', '1 Apr 2025'],
    ['2026-03-31', '31 Mar 2026'],
    ['2024-02-29', '29 Feb 2024'],
    ['2000-02-29', '29 Feb 2000'],
    ['2025-12-25', '25 Dec 2025'],
    ['2025-01-09', '9 Jan 2025'],
  ])('writes %s as %s', (date, expected) => {
    expect(formatDate(date)).toBe(expected);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00'])(
    'rejects the unreal date %s',
    (date) => {
      expect(() => formatDate(date)).toThrowError(/is not a real date/);
    },
  );

  it.each(['01/04/2025', '2025-4-1', 'tomorrow', ''])('rejects the badly written %j', (date) => {
    expect(() => formatDate(date)).toThrowError(/is not a date/);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-11-23T19:40:00Z', '23 Nov 2026, 19:40'],
    ['2026-11-23T19:40:59.123Z', '23 Nov 2026, 19:40'],
    ['2026-11-23T19:40Z', '23 Nov 2026, 19:40'],
    ['2026-11-23T19:40:00', '23 Nov 2026, 19:40'],
    ['2026-11-23 19:40:00', '23 Nov 2026, 19:40'],
    ['2025-04-01T00:05:00Z', '1 Apr 2025, 00:05'],
    ['2025-12-31T23:59:59Z', '31 Dec 2025, 23:59'],
  ])('writes %s as %s', (iso, expected) => {
    expect(formatDateTime(iso)).toBe(expected);
  });

  it('shows the wall-clock time as written, whatever the offset or the machine', () => {
    expect(formatDateTime('2026-07-01T09:30:00+01:00')).toBe('1 Jul 2026, 09:30');
    expect(formatDateTime('2026-07-01T23:30:00-05:00')).toBe('1 Jul 2026, 23:30');
  });

  it.each(['2026-11-23', '23/11/2026 19:40', '2026-11-23T25:00:00Z', '2026-02-30T10:00:00Z', 'now'])(
    'rejects %j',
    (iso) => {
      expect(() => formatDateTime(iso)).toThrowError(/is not a/);
    },
  );
});

describe('weights and percentages', () => {
  it.each([
    ['60', '60%'],
    ['33.333333', '33.333333%'],
    ['33.5', '33.5%'],
    ['12.500000', '12.5%'],
    ['0', '0%'],
    ['100', '100%'],
    ['0.000001', '0.000001%'],
    ['1000000', '1,000,000%'],
    ['050', '50%'],
  ])('formats %s as %s', (weight, expected) => {
    expect(formatPercent(weight)).toBe(expected);
  });

  it.each(['-5', '1.2345678', 'half', '', '50%'])('throws on %j', (weight) => {
    expect(() => formatPercent(weight)).toThrowError(/is not a percentage/);
  });

  it('reads weights as millionths', () => {
    expect(parseWeight('60')).toBe(60_000_000n);
    expect(parseWeight('33.333333')).toBe(33_333_333n);
    expect(parseWeight('0.5')).toBe(500_000n);
    expect(parseWeight('-1')).toBeNull();
    expect(formatWeightMillionths(66_666_667n)).toBe('66.666667');
    expect(formatWeightMillionths(2_500_000_000n)).toBe('2,500');
  });
});

describe('date fields, day first', () => {
  it('shows a stored date as DD/MM/YYYY and leaves other text alone', () => {
    expect(dateFieldText('2025-10-20')).toBe('20/10/2025');
    expect(dateFieldText('2026-04-01')).toBe('01/04/2026');
    expect(dateFieldText('')).toBe('');
    expect(dateFieldText('soon')).toBe('soon');
  });

  it('reads what people type, day first, as YYYY-MM-DD', () => {
    expect(parseDateField('20/10/2025')).toBe('2025-10-20');
    expect(parseDateField(' 1/4/2025 ')).toBe('2025-04-01');
    expect(parseDateField('01-04-2025')).toBe('2025-04-01');
    expect(parseDateField('01.04.2025')).toBe('2025-04-01');
    expect(parseDateField('2025-04-01')).toBe('2025-04-01');
    expect(parseDateField('29/02/2024')).toBe('2024-02-29');
  });

  it('refuses what is not a real date', () => {
    for (const text of ['', '29/02/2025', '31/04/2025', '10/31/2025', '00/01/2025', '1/13/2025', '20/10/25', '2025-4-1', 'today']) {
      expect(parseDateField(text), text).toBeNull();
    }
  });
});
