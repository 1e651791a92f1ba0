/**
 * Pure helpers for the Workspace screen: the current UK financial year, scenario status and
 * change counts in words, and which scenario another was branched from.
 */
import type { ScenarioSummary } from '../../lib/generated/ScenarioSummary';
import type { Status } from '../../lib/generated/Status';

/**
 * The UK financial year (1 April to 31 March) a date falls in, written "2026-27". Uses the
 * date's local calendar day, as the person sees it.
 */
export function financialYearOf(date: Date): string {
  const year = date.getFullYear();
  const start = date.getMonth() >= 3 ? year : year - 1; // getMonth: 3 = April
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

export const STATUS_WORDS: Record<Status, string> = {
  draft: 'Draft',
  agreed: 'Agreed (locked)',
  superseded: 'Superseded (locked)',
};

/** "No changes", "1 change", "12 changes". */
export function changesText(revision: number): string {
  if (revision === 0) return 'No changes';
  return `${revision} ${revision === 1 ? 'change' : 'changes'}`;
}

/** The name of the scenario this one was branched from, or null when it was not branched. */
export function branchedFromName(
  scenario: Pick<ScenarioSummary, 'branched_from'>,
  all: readonly Pick<ScenarioSummary, 'id' | 'name'>[],
): string | null {
  if (scenario.branched_from === null) return null;
  return all.find((s) => s.id === scenario.branched_from)?.name ?? `scenario ${scenario.branched_from}`;
}
