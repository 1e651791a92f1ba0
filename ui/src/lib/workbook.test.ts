import { describe, expect, it } from 'vitest';
import {
  allFindingsText,
  copyText,
  countText,
  findingText,
  messageWithoutCell,
  planRows,
  readRows,
  verdict,
} from './workbook';
import type { SheetFinding } from './generated/SheetFinding';
import type { SheetPreview } from './generated/SheetPreview';

const atCell: SheetFinding = {
  severity: 'error',
  code: 'E-WORKBOOK',
  cell: 'Expenditure!H14',
  message: "Expenditure!H14: '12.345' is not an amount in pounds and pence",
};
const wholeFile: SheetFinding = { severity: 'error', code: 'E-WORKBOOK', message: 'no Expenditure sheet found' };
const fromPlan: SheetFinding = {
  severity: 'error',
  code: 'E-JOINT-SPLIT',
  cell: 'Expenditure!H8',
  message: 'Expenditure!H8: the joint split does not add up to 100%',
  path: 'schemes[id=S3].joint',
};

function preview(over: Partial<SheetPreview> = {}): SheetPreview {
  return {
    file_name: 'bcf.xlsx',
    path: '/home/a/bcf.xlsx',
    sha256: 'ab'.repeat(32),
    layout: 'template',
    report: {
      sheet: 'Expenditure',
      header_row: 3,
      columns: [{ cell: 'Expenditure!A3', header: 'Scheme ID', field: 'Scheme ID' }],
      schemes: 12,
      funding_lines: 20,
      skipped: [{ cell: 'Expenditure!A40', reason: 'a totals row' }],
      notes: [],
    },
    plan: {
      name: 'Northbrook BCF',
      financial_year: '2025-26',
      partners: ['Northbrook Council', 'Dales ICB'],
      streams: 4,
      schemes: 12,
      budget: '1234567.8',
      forecast: '-1500',
    },
    warnings: [],
    errors: [],
    importable: true,
    ...over,
  };
}

describe('the text copied for a problem', () => {
  it('is the cell, the message and the code', () => {
    expect(findingText(atCell)).toBe("Expenditure!H14: '12.345' is not an amount in pounds and pence (E-WORKBOOK)");
  });

  it('is the message and code for a problem with the whole file', () => {
    expect(findingText(wholeFile)).toBe('no Expenditure sheet found (E-WORKBOOK)');
  });

  it('ends with the plan path for a finding of the plan', () => {
    expect(findingText(fromPlan)).toBe(
      'Expenditure!H8: the joint split does not add up to 100% (E-JOINT-SPLIT) [schemes[id=S3].joint]',
    );
  });

  it('shows the message without its cell when the cell is shown beside it', () => {
    expect(messageWithoutCell(atCell)).toBe("'12.345' is not an amount in pounds and pence");
    expect(messageWithoutCell({ ...atCell, message: 'other words' })).toBe('other words');
  });

  it('copies every problem under a line naming the file', () => {
    expect(allFindingsText('errors.xlsx', [atCell, wholeFile]).split('\n')).toEqual([
      'errors.xlsx: 2 errors',
      findingText(atCell),
      findingText(wholeFile),
    ]);
  });

  it('counts in words', () => {
    expect(countText(0, 'error')).toBe('no errors');
    expect(countText(1, 'error')).toBe('1 error');
    expect(countText(3, 'funding line')).toBe('3 funding lines');
  });
});

describe('what was read, as rows', () => {
  it('gives the layout, sheet, header row and counts as read', () => {
    expect(readRows(preview())).toEqual([
      { label: 'Read as', value: 'A BCF-template-shaped workbook' },
      { label: 'Sheet', value: 'Expenditure' },
      { label: 'Header row', value: '3' },
      { label: 'Schemes', value: '12' },
      { label: 'Funding lines', value: '20' },
      { label: 'Rows skipped', value: '1' },
    ]);
  });

  it('names a CSV as one table', () => {
    const rows = readRows(preview({ report: { ...preview().report, sheet: null } }));
    expect(rows[1]).toEqual({ label: 'Sheet', value: 'The CSV file (one table)' });
  });

  it('leaves out what was not read from an unreadable file', () => {
    const empty = { sheet: null, header_row: null, columns: [], schemes: 0, funding_lines: 0, skipped: [], notes: [] };
    expect(readRows(preview({ layout: null, report: empty }))).toEqual([]);
  });

  it("summarises the plan with the backend's totals in pounds and pence", () => {
    const rows = Object.fromEntries(planRows(preview()).map((r) => [r.label, r.value]));
    expect(rows['Partners']).toBe('Northbrook Council, Dales ICB');
    expect(rows['Total budget']).toBe('£1,234,567.80');
    expect(rows['Total forecast']).toBe('(£1,500.00)');
    expect(planRows(preview({ plan: null }))).toEqual([]);
  });

  it('says a total that did not read is not read', () => {
    const base = preview().plan;
    if (!base) throw new Error('the preview has a plan');
    const rows = planRows(preview({ plan: { ...base, budget: null } }));
    expect(rows.find((r) => r.label === 'Total budget')?.value).toBe('Not read');
  });
});

describe('the verdict', () => {
  it('says nothing will be imported when there are errors', () => {
    expect(verdict(preview({ errors: [atCell, wholeFile], importable: false }))).toBe(
      'Nothing will be imported: 2 errors must be put right in the workbook first.',
    );
  });

  it('says nothing is saved yet when it can be imported', () => {
    expect(verdict(preview())).toMatch(/^Nothing has been saved yet/);
  });

  it('says a file with no plan cannot be imported', () => {
    expect(verdict(preview({ plan: null, importable: false }))).toMatch(/holds no plan/);
  });
});

describe('copying', () => {
  it('uses the clipboard when it can', async () => {
    const written: string[] = [];
    const copied = await copyText('x', {
      clipboard: { writeText: (t) => Promise.resolve(void written.push(t)) },
      fallback: () => {
        throw new Error('not used');
      },
    });
    expect(copied).toBe(true);
    expect(written).toEqual(['x']);
  });

  it('falls back when the clipboard refuses or is missing', async () => {
    const fallen: string[] = [];
    const fallback = (t: string) => fallen.push(t) > 0;
    expect(await copyText('a', { clipboard: { writeText: () => Promise.reject(new Error('denied')) }, fallback })).toBe(
      true,
    );
    expect(await copyText('b', { clipboard: undefined, fallback })).toBe(true);
    expect(fallen).toEqual(['a', 'b']);
  });

  it('reports failure when neither way copies', async () => {
    expect(await copyText('c', { fallback: () => false })).toBe(false);
    expect(
      await copyText('c', {
        fallback: () => {
          throw new Error('no document');
        },
      }),
    ).toBe(false);
  });
});
