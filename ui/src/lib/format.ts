/**
 * Formatting and parsing of the figures Pooled shows: money, years, months, dates, percentages.
 *
 * Money crosses the backend boundary as text of pounds with two decimals ("1234567.89",
 * "-1500.00", "0.00"). Nothing here turns money into a JavaScript number: text is read digit
 * by digit into a bigint of pence, and written back out digit by digit. Every function is pure
 * and does not depend on the machine's locale or time zone.
 */

/** The largest magnitude the backend accepts for any amount: £100,000,000,000.00, in pence. */
export const LIMIT_PENCE = 100_000_000_000n * 100n;

/** How the backend writes an amount: optional minus, digits, optionally "." and 1 or 2 digits. */
const AMOUNT_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** The months of the financial year, April first. */
const MONTH_FULL_NAMES = 'April May June July August September October November December January February March'.split(' ');

/** Their abbreviations: "Apr" … "Mar". */
const MONTH_NAMES = MONTH_FULL_NAMES.map((m) => m.slice(0, 3));

/** Calendar month abbreviations, January first (for dates). */
const CALENDAR_MONTHS = [...MONTH_NAMES.slice(9), ...MONTH_NAMES.slice(0, 9)];

// ---------------------------------------------------------------------------------------------
// Exact money
// ---------------------------------------------------------------------------------------------

/** Reads backend amount text into pence, or returns null when it is not an amount. */
function readPence(amount: string): bigint | null {
  const match = AMOUNT_TEXT.exec(amount.trim());
  if (!match) {
    return null;
  }
  const [, sign = '', pounds = '0', fraction = ''] = match;
  const pence = BigInt(pounds) * 100n + BigInt(fraction.padEnd(2, '0'));
  return sign === '-' ? -pence : pence;
}

/**
 * Reads an amount of money written as the backend writes it ("1234567.89", "-1500.00", and
 * also "1500" or "1500.5") into a whole number of pence.
 *
 * @throws Error when the text is not an amount of money.
 */
export function parsePence(amount: string): bigint {
  const pence = readPence(amount);
  if (pence === null) {
    throw new Error(
      `${quote(amount)} is not an amount of money: expected pounds with up to two decimals, like "1234.56"`,
    );
  }
  return pence;
}

/** Writes pence as backend amount text: "-1500.00", "0.00", "1234567.89". */
export function penceToAmount(pence: bigint): string {
  const negative = pence < 0n;
  const magnitude = negative ? -pence : pence;
  const pounds = magnitude / 100n;
  const rest = magnitude % 100n;
  return `${negative ? '-' : ''}${pounds.toString()}.${rest.toString().padStart(2, '0')}`;
}


/** "1234567" → "1,234,567" for a string of digits. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatPence(pence: bigint, dropWholePence: boolean): string {
  const negative = pence < 0n;
  const magnitude = negative ? -pence : pence;
  const pounds = groupThousands((magnitude / 100n).toString());
  const rest = magnitude % 100n;
  const body =
    dropWholePence && rest === 0n
      ? `£${pounds}`
      : `£${pounds}.${rest.toString().padStart(2, '0')}`;
  return negative ? `(${body})` : body;
}

/**
 * Money for tables and figures: "£1,234,567.89"; negatives in brackets, "(£1,500.00)";
 * "0.00" is "£0.00". Accepts "1500" and "1500.5" too.
 *
 * @throws Error when the text is not an amount of money.
 */
export function formatMoney(amount: string): string {
  return formatPence(parsePence(amount), false);
}

/**
 * Money for prose: whole pounds drop the pence ("£250,000"); anything else is as
 * {@link formatMoney} ("£1,234.50", "(£1,500)").
 *
 * @throws Error when the text is not an amount of money.
 */
export function formatMoneyShort(amount: string): string {
  return formatPence(parsePence(amount), true);
}

/**
 * Money for a table cell that never throws: "" where there is no figure, the text as written
 * where it is not an amount.
 */
export function moneyCell(amount: string | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  try {
    return formatMoney(amount);
  } catch {
    return amount;
  }
}

/** The result of reading what someone typed in a money field. */
export type MoneyInputResult = { ok: true; value: string } | { ok: false; message: string };

function quote(text: string): string {
  return `'${text}'`;
}

/**
 * Reads what a finance officer types in a money field: "1234.5", "£1,234.50", "1,234",
 * "(1,500.00)" (brackets mean negative), "-1500", "-£1,500", with spaces around.
 * On success `value` is the backend's two-decimal text ("1234.50", "-1500.00").
 * Negative amounts are allowed here; the backend decides whether they are valid.
 */
export function parseMoneyInput(text: string): MoneyInputResult {
  const typed = text.trim();
  const notMoney: MoneyInputResult = {
    ok: false,
    message: `${quote(typed)} is not an amount of money; type pounds and pence, like 1,234.56`,
  };
  if (typed === '') {
    return { ok: false, message: 'Type an amount of money, in pounds and pence, like 1,234.56' };
  }

  let body = typed;
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(body);
  if (bracketed) {
    negative = true;
    body = (bracketed[1] ?? '').trim();
  }
  // A minus sign ("-" or the typographic "−") before or just after the pound sign.
  const signed = /^([-\u2212]?)\s*(£?)\s*([-\u2212]?)\s*(.*)$/.exec(body);
  if (!signed) {
    return notMoney;
  }
  const [, minusBefore = '', , minusAfter = '', number = ''] = signed;
  const minuses = (minusBefore ? 1 : 0) + (minusAfter ? 1 : 0);
  if (minuses > 1 || (negative && minuses > 0)) {
    return notMoney;
  }
  negative = negative || minuses === 1;

  // Whole pounds, either plain digits or correctly grouped in thousands, then the pence.
  const parts = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$/.exec(number);
  if (!parts) {
    // ".5" is fifty pence.
    const penceOnly = /^\.(\d+)$/.exec(number);
    if (!penceOnly) {
      return notMoney;
    }
    return finishMoneyInput(typed, negative, '0', penceOnly[1] ?? '');
  }
  return finishMoneyInput(typed, negative, (parts[1] ?? '0').replaceAll(',', ''), parts[2] ?? '');
}

function finishMoneyInput(
  typed: string,
  negative: boolean,
  pounds: string,
  fraction: string,
): MoneyInputResult {
  if (fraction.length > 2) {
    return {
      ok: false,
      message: `${quote(typed)} has more than two decimal places (pence)`,
    };
  }
  const magnitude = BigInt(pounds) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (magnitude > LIMIT_PENCE) {
    return {
      ok: false,
      message: `${quote(typed)} is more than £100,000,000,000.00, the largest amount Pooled can hold`,
    };
  }
  return { ok: true, value: penceToAmount(negative ? -magnitude : magnitude) };
}

// ---------------------------------------------------------------------------------------------
// Years and months
// ---------------------------------------------------------------------------------------------

/**
 * A financial year as people write it: "2025-26" → "2025/26".
 *
 * @throws Error when the text is not a financial year "YYYY-YY" of consecutive years.
 */
export function formatYear(year: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(year.trim());
  const start = match?.[1];
  const end = match?.[2];
  if (start === undefined || end === undefined || (Number(start) + 1) % 100 !== Number(end)) {
    throw new Error(`${quote(year)} is not a financial year written like "2025-26"`);
  }
  return `${start}/${end}`;
}

function checkMonthIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > 11) {
    throw new RangeError(`Month index ${index} is outside 0 to 11 (April to March)`);
  }
}

/** The month of the financial year as a column label: 0 → "M1" (April) … 11 → "M12" (March). */
export function monthLabel(index: number): string {
  checkMonthIndex(index);
  return `M${index + 1}`;
}

/** The short name of a month of the financial year: 0 → "Apr" … 11 → "Mar". */
export function monthName(index: number): string {
  checkMonthIndex(index);
  return MONTH_NAMES[index] as string;
}

/** The full name of a month of the financial year (for screen readers): 0 → "April". */
export function monthFullName(index: number): string {
  checkMonthIndex(index);
  return MONTH_FULL_NAMES[index] as string;
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "1 Apr 2025" from year, month (1–12), day, after checking it is a real date. */
function dayMonthYear(original: string, year: number, month: number, day: number): string {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new Error(`${quote(original)} is not a real date`);
  }
  return `${day} ${CALENDAR_MONTHS[month - 1] as string} ${year}`;
}

/**
 * A date as UK readers write it: "2025-04-01" → "1 Apr 2025".
 *
 * @throws Error when the text is not a real date written "YYYY-MM-DD".
 */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) {
    throw new Error(`${quote(date)} is not a date written like "2025-04-01"`);
  }
  return dayMonthYear(date, Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * A timestamp as UK readers write it: "2026-11-23T19:40:12Z" → "23 Nov 2026, 19:40".
 * The wall-clock time is shown as written in the text (UTC for the backend's "Z" stamps);
 * it is never converted to the machine's time zone.
 *
 * @throws Error when the text is not an ISO 8601 date and time.
 */
export function formatDateTime(iso: string): string {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(
      iso.trim(),
    );
  if (!match) {
    throw new Error(`${quote(iso)} is not a date and time written like "2026-11-23T19:40:00Z"`);
  }
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = match[6] === undefined ? 0 : Number(match[6]);
  if (hours > 23 || minutes > 59 || seconds > 60) {
    throw new Error(`${quote(iso)} is not a real time of day`);
  }
  const day = dayMonthYear(iso, Number(match[1]), Number(match[2]), Number(match[3]));
  return `${day}, ${match[4] as string}:${match[5] as string}`;
}

/**
 * A date as a UK date field shows it: "2025-10-20" → "20/10/2025". Text that is not a date
 * written "YYYY-MM-DD" is returned as it is, so nothing typed is lost.
 */
export function dateFieldText(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return match ? `${match[3] as string}/${match[2] as string}/${match[1] as string}` : iso;
}

/**
 * What a person typed in a date field, day first as in the UK ("20/10/2025", "20-10-2025",
 * "20.10.2025", "1/4/2025") or as "2025-10-20", as "YYYY-MM-DD"; null when it is not a real date.
 * Date fields are plain text, never `<input type="date">`, whose order follows the machine's
 * locale (month first on a US one).
 */
export function parseDateField(text: string): string | null {
  const t = text.trim();
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  const [day, month, year] = uk
    ? [Number(uk[1]), Number(uk[2]), Number(uk[3])]
    : iso
      ? [Number(iso[3]), Number(iso[2]), Number(iso[1])]
      : [0, 0, 0];
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}`;
}

// ---------------------------------------------------------------------------------------------
// Weights and percentages
// ---------------------------------------------------------------------------------------------

/** Millionths in one unit of weight (weights have up to six decimal places). */
export const WEIGHT_SCALE = 1_000_000n;

/**
 * Reads a weight ("60", "33.333333": digits with up to six decimals, never negative) into
 * whole millionths; null when the text is not a weight.
 */
export function parseWeight(weight: string): bigint | null {
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(weight.trim());
  if (!match) {
    return null;
  }
  return BigInt(match[1] ?? '0') * WEIGHT_SCALE + BigInt((match[2] ?? '').padEnd(6, '0'));
}

/** Writes millionths as the shortest exact decimal, with thousands grouped: "1,000", "33.5". */
export function formatWeightMillionths(millionths: bigint): string {
  const whole = groupThousands((millionths / WEIGHT_SCALE).toString());
  const fraction = (millionths % WEIGHT_SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/**
 * A weight or percentage as a percentage, exactly as given: "60" → "60%",
 * "33.333333" → "33.333333%", "12.500000" → "12.5%".
 *
 * @throws Error when the text is not a weight.
 */
export function formatPercent(weight: string): string {
  const millionths = parseWeight(weight);
  if (millionths === null) {
    throw new Error(`${quote(weight)} is not a percentage: expected digits with up to six decimals`);
  }
  return `${formatWeightMillionths(millionths)}%`;
}
