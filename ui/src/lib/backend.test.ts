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
    expect(calls).toEqual([
      ['edit', { id: 7, revision: 3, edits: [{ op: 'set', path: 'schemes[0].forecast', value: '1200.00' }], reason: 'M6' }],
      ['compare', { ids: [1, 2] }],
      ['history', { query: { who: 'asha' } }],
      ['export_board_paper', { id: 4, units: 'thousands' }],
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

  it('reports a failure that is not an AppError as A-IPC', async () => {
    mockIPC(() => {
      throw new Error('channel closed');
    });
    const error = (await backend.workspace().catch((e: unknown) => e)) as BackendError;
    expect(error.code).toBe('A-IPC');
    expect(error.message).toContain('channel closed');
  });
});
