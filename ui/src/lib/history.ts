// The History screen's words: each audit entry as a table row for people, the filters as a
// query for the backend, and the result of checking the chain as a sentence.
import type { AuditEntry } from './generated/AuditEntry';
import type { AuditReport } from './generated/AuditReport';
import type { HistoryQuery } from './generated/HistoryQuery';
import type { JsonValue } from './generated/serde_json/JsonValue';
import { formatDateTime, formatMoney, parseDateField } from './format';

export type HistoryRow = {
  seq: number;
  when: string;
  who: string;
  /** The action in words: "Changed", "Imported", "Agreed"… */
  what: string;
  /** Which scenario, by name where it is known. */
  scenario: string;
  /** The field changed (a JSON path), or "" for actions that are not changes. */
  field: string;
  /** "£1.00 → £2.00" for a change; what happened in words for anything else. */
  change: string;
  reason: string;
};

const ACTIONS: Record<string, string> = {
  'create-workspace': 'Created workspace',
  import: 'Imported',
  change: 'Changed',
  branch: 'Branched',
  describe: 'Described',
  agree: 'Agreed',
  supersede: 'Superseded',
  export: 'Exported',
  backup: 'Backed up',
};

const CHANGE_OPS: Record<string, string> = { set: 'Changed', insert: 'Added', remove: 'Removed' };

type Detail = { [key: string]: JsonValue | undefined };

function detailOf(entry: AuditEntry): Detail {
  const d = entry.detail;
  return d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Detail) : {};
}

function textOf(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The action in words; a change says whether a value was changed, added or removed. */
export function actionWords(entry: AuditEntry): string {
  if (entry.action === 'change') return CHANGE_OPS[textOf(detailOf(entry)['op'])] ?? 'Changed';
  return ACTIONS[entry.action] ?? entry.action.replace(/^./, (c) => c.toUpperCase());
}

/** Money text as the backend writes amounts: pounds with exactly two decimals. */
const AMOUNT = /^-?\d+\.\d{2}$/;

/**
 * A value recorded before or after a change, for people. The trail stores each as JSON text
 * ("\"1200.00\""); amounts are shown as money, items by their name, nothing as "(none)".
 */
export function recordedValue(recorded: JsonValue | undefined): string {
  if (recorded === undefined || recorded === null) return '(none)';
  let value: JsonValue = recorded;
  if (typeof recorded === 'string') {
    try {
      value = JSON.parse(recorded) as JsonValue;
    } catch {
      value = recorded;
    }
  }
  if (value === null) return '(none)';
  if (typeof value === 'string') return AMOUNT.test(value) ? formatMoney(value) : `“${value}”`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!Array.isArray(value) && typeof value['name'] === 'string') return `“${value['name']}”`;
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

function whenOf(at: string): string {
  try {
    return formatDateTime(at);
  } catch {
    return at;
  }
}

/** What an entry other than a change records, in a few words. */
function summary(entry: AuditEntry, d: Detail, names: ReadonlyMap<number, string>): string {
  switch (entry.action) {
    case 'create-workspace':
      return 'Created the workspace';
    case 'import':
      return `“${textOf(d['scenario'])}” from ${textOf(d['source'])}`;
    case 'branch': {
      const from = Number(textOf(d['from']));
      return `“${textOf(d['scenario'])}” from ${names.get(from) ? `“${names.get(from) ?? ''}”` : `scenario ${from}`}`;
    }
    case 'describe': {
      const parts: string[] = [];
      for (const key of ['name', 'description'] as const) {
        const pair = d[key];
        if (Array.isArray(pair) && textOf(pair[0]) !== textOf(pair[1])) {
          parts.push(`${key} “${textOf(pair[0])}” → “${textOf(pair[1])}”`);
        }
      }
      return parts.join('; ');
    }
    case 'agree': {
      const signed = Array.isArray(d['signoffs']) ? d['signoffs'] : [];
      const who = signed.map((s) => {
        const o = s !== null && typeof s === 'object' && !Array.isArray(s) ? s : {};
        return `${textOf(o['name'])} (${textOf(o['role'])})`;
      });
      return `Signed off by ${who.join(', ')}`;
    }
    case 'supersede': {
      const by = Number(textOf(d['by']));
      return `By ${names.get(by) ? `“${names.get(by) ?? ''}”` : `scenario ${by}`}`;
    }
    case 'export':
      return `${textOf(d['what'])} to ${textOf(d['to'])}`;
    case 'backup':
      return `To ${textOf(d['to'])}`;
    default:
      return textOf(entry.detail);
  }
}

/** One audit entry as a row of the History table. `names` gives scenario names by id. */
export function historyRow(entry: AuditEntry, names: ReadonlyMap<number, string> = new Map()): HistoryRow {
  const d = detailOf(entry);
  const isChange = entry.action === 'change';
  const id = entry.scenario_id;
  return {
    seq: entry.seq,
    when: whenOf(entry.at),
    who: entry.actor,
    what: actionWords(entry),
    scenario: id === null ? '' : (names.get(id) ?? `Scenario ${id}`),
    field: isChange ? textOf(d['path']) : '',
    change: isChange ? `${recordedValue(d['before'])} → ${recordedValue(d['after'])}` : summary(entry, d, names),
    reason: isChange ? textOf(d['reason']) : '',
  };
}

/** The rows of the table, newest first. */
export function historyRows(entries: readonly AuditEntry[], names: ReadonlyMap<number, string> = new Map()): HistoryRow[] {
  return [...entries].sort((a, b) => b.seq - a.seq).map((e) => historyRow(e, names));
}

export type HistoryFilters = { who: string; field: string; since: string; thisScenario: boolean };

/** Why the "since" filter cannot be used, in words; null when it is empty or a real date. */
export function sinceProblem(filters: HistoryFilters): string | null {
  return filters.since.trim() === '' || parseDateField(filters.since) !== null
    ? null
    : 'Enter a real date, day first, for example 01/10/2025.';
}

/** The backend query for the filters; empty filters are left out. */
export function historyQuery(filters: HistoryFilters, scenarioId: number | null): HistoryQuery {
  const query: HistoryQuery = {};
  if (filters.thisScenario && scenarioId !== null) query.scenario_id = scenarioId;
  const who = filters.who.trim();
  const field = filters.field.trim();
  if (who) query.who = who;
  if (field) query.field = field;
  const since = parseDateField(filters.since);
  if (since) query.since = since;
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
