/**
 * The schemes table's pure logic: one row per scheme, filtering, sorting on exact pence, the
 * even joint split and new scheme ids. Nothing here adds up money: each scheme's budget,
 * forecast and variance, and every total, come from the backend's figures (worked out even
 * for a plan with errors, blank only where an amount does not read).
 */
import type { CommissionerDoc } from './generated/CommissionerDoc';
import type { Figures } from './generated/Figures';
import type { PartnerDoc } from './generated/PartnerDoc';
import type { PlanDocument } from './generated/PlanDocument';
import type { SchemeDoc } from './generated/SchemeDoc';
import type { SchemeFigures } from './generated/SchemeFigures';
import {
  AREA_OF_SPEND_LABELS,
  PROVIDER_KIND_LABELS,
  SCHEME_TYPE_LABELS,
} from './generated/labels';
import { formatPercent, parsePence, parseWeight, WEIGHT_SCALE } from './format';
import { itemPath } from './paths';
import { partnerName } from './names';

export type SortKey = 'name' | 'type' | 'budget' | 'forecast' | 'variance' | 'group';
export type SortDirection = 'ascending' | 'descending';

/** One scheme as the table shows it. `index` is its place in `document.schemes`. */
export type SchemeRow = {
  index: number;
  id: string;
  /** `schemes[id=S12]`: where its fields are. */
  path: string;
  name: string;
  typeLabel: string;
  areaLabel: string;
  providerLabel: string;
  commissioner: string;
  fundingLines: number;
  /** From the backend; null where the scheme's amounts do not read. */
  budget: string | null;
  /** The forecast set, else the budget. */
  forecast: string | null;
  variance: string | null;
  /** The group the scheme is in (its own, else the default), or '' when there is none. */
  groupId: string;
  groupName: string;
};

function label(labels: Record<string, string>, key: string): string {
  return labels[key] ?? key;
}

/** "Northbrook Council", or "Joint: Northbrook Council 60%, Dales ICB 40%". */
export function commissionerText(commissioner: CommissionerDoc, partners: readonly PartnerDoc[]): string {
  if (typeof commissioner === 'string') return partnerName(commissioner, partners);
  const parts = Object.entries(commissioner.joint).map(([id, percent]) => {
    let shown = percent ?? '';
    try {
      shown = formatPercent(shown);
    } catch {
      // Shown as written: the backend reports a bad percentage beside the field.
    }
    return `${partnerName(id, partners)} ${shown}`;
  });
  return `Joint: ${parts.join(', ')}`;
}

/** "No lines", "1 line", "2 lines". */
export function fundingSummary(count: number): string {
  if (count === 0) return 'No lines';
  return count === 1 ? '1 line' : `${count} lines`;
}

/**
 * The rows made for each scheme object, with what else they were made from. An edit changes
 * one scheme and leaves the others as the same objects (see `withValue`), so their rows are
 * kept as they were, and the table redraws only the rows that changed.
 */
const rowsMade = new WeakMap<SchemeDoc, { inputs: RowInputs; row: SchemeRow }>();

/** What a row was made from besides its scheme; `context` holds partner and group names. */
type RowInputs = { index: number; figures: SchemeFigures | undefined; context: string };

function sameInputs(a: RowInputs, b: RowInputs): boolean {
  const x = a.figures;
  const y = b.figures;
  const sameFigures =
    x === y ||
    (x !== undefined && y !== undefined && x.budget === y.budget && x.forecast === y.forecast && x.variance === y.variance);
  return a.index === b.index && a.context === b.context && sameFigures;
}

/** The last rows made, so that every part of the window showing them shares one list. */
let last: { document: PlanDocument; figures: Figures | null; context: string; rows: SchemeRow[] } | null = null;

/** The figures of the scheme at `index`: the backend sends them in the plan's order. */
function figuresOf(figures: Figures | null, scheme: SchemeDoc, index: number): SchemeFigures | undefined {
  const at = figures?.schemes[index];
  return at?.id === scheme.id ? at : figures?.schemes.find((s) => s.id === scheme.id);
}

/** The rows of the table, in the plan's order. */
export function buildRows(document: PlanDocument, figures: Figures | null): SchemeRow[] {
  if (last && last.document === document && last.figures === figures) return last.rows;
  const groups = new Map((document.risk_share?.groups ?? []).map((g) => [g.id, g.name]));
  const defaultGroup = document.risk_share?.default_group ?? '';
  const written = JSON.stringify([
    document.partners.map((p) => [p.id, p.name]),
    [...groups],
    defaultGroup,
    document.risk_share ? 1 : 0,
  ]);
  // The same string as last time when it has not changed, so each row compares it at once.
  const context = last?.context === written ? last.context : written;
  const rows = document.schemes.map((scheme, index) => {
    const inputs: RowInputs = { index, figures: figuresOf(figures, scheme, index), context };
    const kept = rowsMade.get(scheme);
    if (kept && sameInputs(kept.inputs, inputs)) return kept.row;
    const row = makeRow(scheme, index, inputs.figures, document, groups, defaultGroup);
    rowsMade.set(scheme, { inputs, row });
    return row;
  });
  last = { document, figures, context, rows };
  return rows;
}

function makeRow(
  scheme: SchemeDoc,
  index: number,
  figures: SchemeFigures | undefined,
  document: PlanDocument,
  groups: Map<string, string>,
  defaultGroup: string,
): SchemeRow {
  const groupId = document.risk_share ? (scheme.group ?? defaultGroup) : '';
  return {
    index,
    id: scheme.id,
    path: itemPath('schemes', scheme.id),
    name: scheme.name,
    typeLabel: label(SCHEME_TYPE_LABELS, scheme.type),
    areaLabel: label(AREA_OF_SPEND_LABELS, scheme.area_of_spend),
    providerLabel: label(PROVIDER_KIND_LABELS, scheme.provider),
    commissioner: commissionerText(scheme.commissioner, document.partners),
    fundingLines: scheme.funding.length,
    budget: figures?.budget ?? null,
    forecast: figures?.forecast ?? null,
    variance: figures?.variance ?? null,
    groupId,
    groupName: groupId === '' ? '' : (groups.get(groupId) ?? groupId),
  };
}

/** Rows whose name, id, type or provider contains the text (any case), in the group if given. */
export function filterRows(rows: readonly SchemeRow[], text: string, groupId: string): SchemeRow[] {
  const needle = text.trim().toLowerCase();
  return rows.filter((row) => {
    if (groupId !== '' && row.groupId !== groupId) return false;
    if (needle === '') return true;
    return [row.name, row.id, row.typeLabel, row.providerLabel].some((t) => t.toLowerCase().includes(needle));
  });
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function compareBy(key: SortKey, a: SchemeRow, b: SchemeRow): number {
  switch (key) {
    case 'name':
      return collator.compare(a.name, b.name);
    case 'type':
      return collator.compare(a.typeLabel, b.typeLabel);
    case 'group':
      return collator.compare(a.groupName, b.groupName);
    case 'budget':
    case 'forecast':
    case 'variance': {
      // Blanks (amounts that do not read) after every figure.
      const x = a[key];
      const y = b[key];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const p = parsePence(x);
      const q = parsePence(y);
      return p < q ? -1 : p > q ? 1 : 0;
    }
  }
}

/** Sorted copy; ties keep the plan's order, whichever the direction. */
export function sortRows(rows: readonly SchemeRow[], key: SortKey | null, direction: SortDirection): SchemeRow[] {
  if (key === null) return [...rows];
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compareBy(key, a, b) || a.index - b.index);
}

/**
 * An even joint split that adds up to exactly 100: whole percentages where there are at most
 * 100 partners ("34", "33", "33"), otherwise millionths of a per cent.
 */
export function evenSplit(partnerIds: readonly string[]): Record<string, string> {
  const n = BigInt(partnerIds.length);
  const split: Record<string, string> = {};
  if (n === 0n) return split;
  const whole = n <= 100n;
  const units = whole ? 100n : 100n * WEIGHT_SCALE;
  const base = units / n;
  const extra = units % n;
  partnerIds.forEach((id, i) => {
    const share = base + (BigInt(i) < extra ? 1n : 0n);
    split[id] = whole ? share.toString() : weightText(share);
  });
  return split;
}

function weightText(millionths: bigint): string {
  const fraction = (millionths % WEIGHT_SCALE).toString().padStart(6, '0').replace(/0+$/, '');
  const whole = (millionths / WEIGHT_SCALE).toString();
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/**
 * The total of percentages typed for a joint split, in millionths of a per cent; blanks count
 * as nothing. Null when any text is not a percentage.
 */
export function jointTotal(texts: readonly string[]): bigint | null {
  let total = 0n;
  for (const text of texts) {
    if (text.trim() === '') continue;
    const w = parseWeight(text);
    if (w === null) return null;
    total += w;
  }
  return total;
}

/** True when the typed percentages add up to exactly 100. */
export function isWholeSplit(texts: readonly string[]): boolean {
  return jointTotal(texts) === 100n * WEIGHT_SCALE;
}

/** `${prefix}N` for the smallest N ≥ 1 not already taken. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/**
 * A complete, valid new scheme, commissioned by the plan's host and funded by nothing yet. It
 * joins the default group; only when groups exist without a default does it name the first.
 */
export function newScheme(document: PlanDocument): SchemeDoc {
  const scheme: SchemeDoc = {
    id: nextId('S-new-', document.schemes.map((s) => s.id)),
    name: 'New scheme',
    type: 'other',
    area_of_spend: 'other',
    commissioner: document.host,
    provider: 'other',
    funding: [],
  };
  const rs = document.risk_share;
  const first = rs?.groups[0];
  if (rs && !rs.default_group && first) scheme.group = first.id;
  return scheme;
}

/** A closed list as options for a select, in the list's order. */
export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, text]) => ({ value, label: text }));
}

export const TYPE_OPTIONS = optionsOf(SCHEME_TYPE_LABELS);
export const AREA_OPTIONS = optionsOf(AREA_OF_SPEND_LABELS);
export const PROVIDER_OPTIONS = optionsOf(PROVIDER_KIND_LABELS);
