/**
 * Pure helpers for "Import a workbook…": what was read turned into rows to show, each problem
 * as the text copied for it, and copying with a fallback. Every figure comes from the backend's
 * SheetPreview; nothing here adds anything up.
 */
import { moneyCell } from './format';
import type { Layout } from './generated/Layout';
import type { ReadReport } from './generated/ReadReport';
import type { SheetFinding } from './generated/SheetFinding';
import type { SheetPreview } from './generated/SheetPreview';

export const LAYOUT_WORDS: Record<Layout, string> = {
  pooled: "Pooled's own workbook",
  template: 'A BCF-template-shaped workbook',
  return: 'An in-year return',
};

/** "1 error", "4 errors", "no errors". */
export function countText(n: number, one: string, many: string = `${one}s`): string {
  return `${n === 0 ? 'no' : String(n)} ${n === 1 ? one : many}`;
}

/** The message without the cell it starts with (the cell is shown on its own). */
export function messageWithoutCell(finding: SheetFinding): string {
  const { cell, message } = finding;
  if (cell && message.startsWith(`${cell}: `)) return message.slice(cell.length + 2);
  return message;
}

/**
 * The text copied for one problem: "Expenditure!H14: not an amount (E-WORKBOOK)"; a problem
 * with no cell is its message and code. The plan path follows when there is one.
 */
export function findingText(finding: SheetFinding): string {
  const where = finding.cell ? `${finding.cell}: ` : '';
  const path = finding.path ? ` [${finding.path}]` : '';
  return `${where}${messageWithoutCell(finding)} (${finding.code})${path}`;
}

/** Every problem, one a line, under a line naming the file: what "Copy all" copies. */
export function allFindingsText(fileName: string, findings: SheetFinding[]): string {
  const head = `${fileName}: ${countText(findings.length, 'error')}`;
  return [head, ...findings.map(findingText)].join('\n');
}

/** A row of the "What was read" list. */
export interface ReadRow {
  label: string;
  value: string;
}

/** What was read, as label and value rows; rows with nothing read are left out. */
export function readRows(preview: Pick<SheetPreview, 'layout' | 'report'>): ReadRow[] {
  const report: ReadReport = preview.report;
  const rows: ReadRow[] = [];
  if (preview.layout) rows.push({ label: 'Read as', value: LAYOUT_WORDS[preview.layout] });
  if (report.sheet !== null) rows.push({ label: 'Sheet', value: report.sheet });
  else if (report.header_row !== null) rows.push({ label: 'Sheet', value: 'The CSV file (one table)' });
  if (report.header_row !== null) rows.push({ label: 'Header row', value: String(report.header_row) });
  if (preview.layout) {
    rows.push({ label: 'Schemes', value: String(report.schemes) });
    rows.push({ label: 'Funding lines', value: String(report.funding_lines) });
    rows.push({ label: 'Rows skipped', value: String(report.skipped.length) });
  }
  return rows;
}

/** The summary of the plan that would be imported, as rows; money as the UK writes it. */
export function planRows(preview: Pick<SheetPreview, 'plan'>): ReadRow[] {
  const plan = preview.plan;
  if (!plan) return [];
  return [
    { label: 'Plan', value: plan.name },
    { label: 'Financial year', value: plan.financial_year },
    { label: 'Partners', value: plan.partners.length > 0 ? plan.partners.join(', ') : 'None' },
    { label: 'Funding streams', value: String(plan.streams) },
    { label: 'Schemes', value: String(plan.schemes) },
    { label: 'Total budget', value: moneyCell(plan.budget) || 'Not read' },
    { label: 'Total forecast', value: moneyCell(plan.forecast) || 'Not read' },
  ];
}

/** Why the Import button is or is not there to press, in words. */
export function verdict(preview: Pick<SheetPreview, 'errors' | 'importable' | 'plan'>): string {
  if (preview.errors.length > 0) {
    return `Nothing will be imported: ${countText(preview.errors.length, 'error')} must be put right in the workbook first.`;
  }
  if (!preview.importable || !preview.plan) return 'Nothing will be imported: this file holds no plan.';
  return 'Nothing has been saved yet. Import adds this plan to the workspace as a new plan.';
}

/** What copying needs: the async clipboard, or the old way through a selected text area. */
export interface CopyDeps {
  clipboard?: { writeText(text: string): Promise<void> } | undefined;
  fallback: (text: string) => boolean;
}

/** Copies text; resolves to whether it was copied (the async clipboard first, then the fallback). */
export async function copyText(text: string, deps: CopyDeps): Promise<boolean> {
  if (deps.clipboard) {
    try {
      await deps.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, or the window was not focused): try the old way.
    }
  }
  try {
    return deps.fallback(text);
  } catch {
    return false;
  }
}

/** The old way to copy in a page: select the text in a hidden text area and copy it. */
export function copyBySelection(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  const active = document.activeElement as HTMLElement | null;
  (document.querySelector('dialog[open]') ?? document.body).appendChild(area);
  area.select();
  let done = false;
  try {
    // Deprecated, but the only way when the async clipboard is refused.
    done = document.execCommand('copy');
  } finally {
    area.remove();
    active?.focus();
  }
  return done;
}

/** Copies through the browser's clipboard, falling back to selection. */
export function copyToClipboard(text: string): Promise<boolean> {
  const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
  return copyText(text, { clipboard, fallback: copyBySelection });
}
