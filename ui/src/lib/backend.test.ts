import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { BackendError, backend } from './backend';

// The IPC mock needs a window object with crypto; vitest runs in node.
(globalThis as unknown as { window: typeof globalThis }).window ??= globalThis;

afterEach(() => clearMocks());

describe('backend', () => {
  it('sends each command its arguments by name', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { ok: true };
    });
    await backend.edit(7, 3, [{ op: 'set', path: 'schemes[0].forecast', value: '1200.00' }], 'M6');
    await backend.compare([1, 2]);
    await backend.history({ who: 'asha' });
    await backend.exportBoardPaper(4, 'thousands');
    await backend.previewWorkbook();
    await backend.importWorkbook({ path: '/home/a/bcf.xlsx', sha256: 'ab12' });
    await backend.exportWorkbook(5);
    expect(calls).toEqual([
      ['edit', { id: 7, revision: 3, edits: [{ op: 'set', path: 'schemes[0].forecast', value: '1200.00' }], reason: 'M6' }],
      ['compare', { ids: [1, 2] }],
      ['history', { query: { who: 'asha' } }],
      ['export_board_paper', { id: 4, units: 'thousands' }],
      ['preview_workbook', {}],
      ['import_workbook', { path: '/home/a/bcf.xlsx', sha256: 'ab12' }],
      ['export_workbook', { id: 5 }],
    ]);
  });

  it('turns an AppError into a BackendError with its findings', async () => {
    mockIPC(() => {
      throw {
        code: 'S-INVALID-PLAN',
        message: "Nothing was saved: schemes[2].forecast '12.345' has more than two decimal places.",
        findings: [{ severity: 'error', code: 'E-AMOUNT', message: 'x', path: 'schemes[2].forecast' }],
      };
    });
    const error = await backend.edit(1, 0, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    const e = error as BackendError;
    expect(e.code).toBe('S-INVALID-PLAN');
    expect(e.findings[0]?.path).toBe('schemes[2].forecast');
    expect(e.message).toContain('12.345');
  });

  it('keeps the cells of a spreadsheet that cannot be read', async () => {
    mockIPC(() => {
      throw {
        code: 'A-WORKBOOK',
        message: 'errors.xlsx cannot be read: 1 problem; nothing was written',
        findings: [],
        cells: [{ severity: 'error', code: 'E-WORKBOOK', cell: 'Expenditure!L4', message: 'Expenditure!L4: x' }],
      };
    });
    const error = (await backend.importWorkbook({ path: 'p', sha256: 's' }).catch((e: unknown) => e)) as BackendError;
    expect(error.code).toBe('A-WORKBOOK');
    expect(error.cells.map((c) => c.cell)).toEqual(['Expenditure!L4']);
  });

  it('reports a failure that is not an AppError as A-IPC', async () => {
    mockIPC(() => {
      throw new Error('channel closed');
    });
    const error = (await backend.workspace().catch((e: unknown) => e)) as BackendError;
    expect(error.code).toBe('A-IPC');
    expect(error.message).toContain('channel closed');
  });
});
