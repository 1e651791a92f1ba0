// The one door to the Rust backend. Every command of src-tauri/src/lib.rs has one typed function
// here; nothing else in the UI calls `invoke`. Errors arrive as AppError {code, message, findings}
// and are re-thrown as BackendError so screens can show the message and the findings by field.
import { invoke } from '@tauri-apps/api/core';
import type { AppError } from './generated/AppError';
import type { AuditReport } from './generated/AuditReport';
import type { ComparisonView } from './generated/ComparisonView';
import type { EditRequest } from './generated/EditRequest';
import type { EditResult } from './generated/EditResult';
import type { HistoryQuery } from './generated/HistoryQuery';
import type { HistoryView } from './generated/HistoryView';
import type { NewPlan } from './generated/NewPlan';
import type { PreviewView } from './generated/PreviewView';
import type { Revision } from './generated/Revision';
import type { ScenarioId } from './generated/ScenarioId';
import type { ScenarioView } from './generated/ScenarioView';
import type { SchemeTotals } from './generated/SchemeTotals';
import type { SheetFinding } from './generated/SheetFinding';
import type { SheetPreview } from './generated/SheetPreview';
import type { SignOff } from './generated/SignOff';
import type { WorkspaceView } from './generated/WorkspaceView';
import type { Units } from './generated/Units';

export class BackendError extends Error {
  readonly code: string;
  readonly findings: AppError['findings'];
  /** For a spreadsheet that cannot be read: every problem, at its cell. */
  readonly cells: SheetFinding[];

  constructor(error: Omit<AppError, 'cells'> & { cells?: SheetFinding[] }) {
    super(error.message);
    this.name = 'BackendError';
    this.code = error.code;
    this.findings = error.findings;
    this.cells = error.cells ?? [];
  }
}

function isAppError(value: unknown): value is AppError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** Calls a command; any failure becomes a BackendError with a code and words for people. */
async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    if (isAppError(raw)) {
      throw new BackendError({
        code: raw.code,
        message: raw.message,
        findings: raw.findings ?? [],
        cells: raw.cells ?? [],
      });
    }
    const message = raw instanceof Error ? raw.message : String(raw);
    throw new BackendError({
      code: 'A-IPC',
      message: `Pooled could not reach its workspace: ${message}`,
      findings: [],
    });
  }
}

export const backend = {
  workspace: () => call<WorkspaceView>('workspace'),
  scenario: (id: ScenarioId) => call<ScenarioView>('scenario', { id }),
  /** The new revision, outcome and figures; the document only after an insert or a remove. */
  edit: (id: ScenarioId, revision: Revision, edits: EditRequest[], reason: string | null = null) =>
    call<EditResult>('edit', { id, revision, edits, reason }),
  preview: (id: ScenarioId, edits: EditRequest[]) => call<PreviewView>('preview', { id, edits }),
  /** The totals of the saved scenario's schemes named, when a filter leaves others out. */
  schemeTotals: (id: ScenarioId, schemeIds: string[]) => call<SchemeTotals>('scheme_totals', { id, schemeIds }),
  branch: (from: ScenarioId, name: string) => call<ScenarioView>('branch', { from, name }),
  describe: (id: ScenarioId, name: string, description: string) =>
    call<ScenarioView>('describe', { id, name, description }),
  compare: (ids: ScenarioId[]) => call<ComparisonView[]>('compare', { ids }),
  agree: (id: ScenarioId, revision: Revision, signoffs: SignOff[]) =>
    call<ScenarioView>('agree', { id, revision, signoffs }),
  history: (query: HistoryQuery) => call<HistoryView>('history', { query }),
  verify: () => call<AuditReport>('verify'),
  createPlan: (template: NewPlan) => call<ScenarioView>('create_plan', { template }),
  /** Opens a file dialog; null when the person cancels. */
  importPlanFile: () => call<ScenarioView | null>('import_plan_file'),
  /** Opens a save dialog; returns where the plan was written, or null when cancelled. */
  exportPlanFile: (id: ScenarioId) => call<string | null>('export_plan_file', { id }),
  /** Makes the board paper and opens a save dialog; returns where it was written, or null when cancelled. */
  exportBoardPaper: (id: ScenarioId, units: Units) => call<string | null>('export_board_paper', { id, units }),
  /** Opens a file dialog and reads the spreadsheet chosen, saving nothing; null when cancelled. */
  previewWorkbook: () => call<SheetPreview | null>('preview_workbook'),
  /** Imports the spreadsheet just previewed as a new plan; refused if it changed since. */
  importWorkbook: (preview: Pick<SheetPreview, 'path' | 'sha256'>) =>
    call<ScenarioView>('import_workbook', { path: preview.path, sha256: preview.sha256 }),
  /** Opens a save dialog; returns where Pooled's workbook was written, or null when cancelled. */
  exportWorkbook: (id: ScenarioId) => call<string | null>('export_workbook', { id }),
};

export type Backend = typeof backend;
