// The History screen's logic: each entry as a row (its sentence is the backend's, the one
// reading of a change wherever it is shown), the items it can be filtered by grouped by kind,
// the filters as a query for the backend, and the result of checking the chain as a sentence.
import type { AuditReport } from './generated/AuditReport';
import type { HistoryEntry } from './generated/HistoryEntry';
import type { HistoryQuery } from './generated/HistoryQuery';
import type { ScenarioId } from './generated/ScenarioId';
import type { SubjectKind } from './generated/SubjectKind';
import type { SubjectName } from './generated/SubjectName';
import { formatDateTime, parseDateField } from './format';

export type HistoryRow = {
  seq: number;
  when: string;
  who: string;
  /** Which scenario, by name where it is known. */
  scenario: string;
  /** "Reablement beds (S02): forecast £5,602,734.00 → £100.00, because M6 return". */
  text: string;
};

function whenOf(at: string): string {
  try {
    return formatDateTime(at);
  } catch {
    return at;
  }
}

/** The rows of the table, newest first. `names` gives scenario names by id. */
export function historyRows(
  entries: readonly HistoryEntry[],
  names: ReadonlyMap<ScenarioId, string> = new Map(),
): HistoryRow[] {
  return [...entries]
    .sort((a, b) => b.seq - a.seq)
    .map((e) => ({
      seq: e.seq,
      when: whenOf(e.at),
      who: e.actor,
      scenario: e.scenario_id === null ? '' : (names.get(e.scenario_id) ?? `Scenario ${e.scenario_id}`),
      text: e.text,
    }));
}

const KINDS: readonly { kind: SubjectKind; label: string }[] = [
  { kind: 'scheme', label: 'Schemes' },
  { kind: 'stream', label: 'Funding streams' },
  { kind: 'partner', label: 'Partners' },
  { kind: 'group', label: 'Risk-share groups' },
  { kind: 'contract', label: 'Contracts' },
];

export type SubjectOption = { value: string; label: string };

/** A subject as the value of a choice: `scheme:S12`. */
export function subjectValue(subject: { kind: SubjectKind; id: string }): string {
  return `${subject.kind}:${subject.id}`;
}

/** The items to choose from, by kind: "Reablement beds (S02)", "… — no longer in the plan". */
export function subjectGroups(subjects: readonly SubjectName[]): { label: string; options: SubjectOption[] }[] {
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  return KINDS.map(({ kind, label }) => ({
    label,
    options: subjects
      .filter((s) => s.kind === kind)
      .sort((a, b) => Number(b.present) - Number(a.present) || collator.compare(a.name, b.name))
      .map((s) => ({
        value: subjectValue(s),
        label: `${s.name} (${s.id})${s.present ? '' : ' — no longer in the plan'}`,
      })),
  })).filter((g) => g.options.length > 0);
}

export type HistoryFilters = {
  who: string;
  since: string;
  /** `scheme:S12`, or '' for every item. */
  subject: string;
  thisScenario: boolean;
};

/** Why the "since" filter cannot be used, in words; null when it is empty or a real date. */
export function sinceProblem(filters: HistoryFilters): string | null {
  return filters.since.trim() === '' || parseDateField(filters.since) !== null
    ? null
    : 'Enter a real date, day first, for example 01/10/2025.';
}

/** The backend query for the filters; empty filters are left out. */
export function historyQuery(filters: HistoryFilters, scenarioId: ScenarioId | null): HistoryQuery {
  const query: HistoryQuery = {};
  if (filters.thisScenario && scenarioId !== null) query.scenario_id = scenarioId;
  const who = filters.who.trim();
  if (who) query.who = who;
  const since = parseDateField(filters.since);
  if (since) query.since = since;
  const colon = filters.subject.indexOf(':');
  if (colon > 0) {
    query.subject = { kind: filters.subject.slice(0, colon) as SubjectKind, id: filters.subject.slice(colon + 1) };
  }
  return query;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The result of checking the chain, as a sentence, and whether it held. */
export function verifySentence(report: AuditReport): { intact: boolean; text: string } {
  const broken = report.broken;
  if (!broken) {
    return {
      intact: true,
      text:
        `The history is intact: ${plural(report.entries, 'entry', 'entries')}, ` +
        `${plural(report.changes, 'change', 'changes')}, ` +
        `${plural(report.agreements, 'agreement', 'agreements')} checked.`,
    };
  }
  const where = broken.seq === null ? '' : ` (entry ${broken.seq})`;
  return {
    intact: false,
    text: `The history has been tampered with: ${broken.problem.replace(/\.\s*$/, '')}${where}.`,
  };
}
