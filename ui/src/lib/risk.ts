/**
 * The risk-share section's pure logic: default rules when a method is switched, band insertion
 * and removal, caps, new groups, netting sets, amounts pasted from a spreadsheet, and which
 * units and schemes belong to a group. Every edit is built whole here so the backend always
 * receives a rule that reads cleanly. No money is added up here: totals are the backend's.
 */
import type { BandDoc } from './generated/BandDoc';
import type { EditRequest } from './generated/EditRequest';
import type { GroupDoc } from './generated/GroupDoc';
import type { PartnerDoc } from './generated/PartnerDoc';
import type { PlanDocument } from './generated/PlanDocument';
import type { RiskShareDoc } from './generated/RiskShareDoc';
import type { RuleDoc } from './generated/RuleDoc';
import type { PartnerTotals } from './generated/PartnerTotals';
import type { RuleAmounts } from './generated/RuleAmounts';
import type { RuleMethod } from './generated/RuleMethod';
import type { UnitOutcome } from './generated/UnitOutcome';
import type { JsonValue } from './generated/serde_json/JsonValue';
import { RULE_METHOD_LABELS } from './generated/labels';
import { LIMIT_PENCE, formatMoney, parseMoneyInput, parsePence, penceToAmount } from './format';
import { nextId } from './schemes';

export type Side = 'overspend' | 'underspend';

/** What `risk_share` becomes when groups are first set up: the implicit pool, written out. */
export function initialRiskShare(): RiskShareDoc {
  return {
    default_group: 'pool',
    groups: [
      {
        id: 'pool',
        name: 'Pooled schemes',
        overspend: { method: 'pro_rata_contributions' },
        underspend: { method: 'pro_rata_contributions' },
      },
    ],
  };
}

/** A complete new group, sharing both ways in proportion to contributions. */
export function newGroup(takenIds: Iterable<string>): GroupDoc {
  return {
    id: nextId('G-new-', takenIds),
    name: 'New group',
    overspend: { method: 'pro_rata_contributions' },
    underspend: { method: 'pro_rata_contributions' },
  };
}

/** Shares of 1 for every partner. */
export function equalShares(partners: readonly PartnerDoc[]): Record<string, string> {
  return Object.fromEntries(partners.map((p) => [p.id, '1']));
}

/**
 * Stated amounts to start a rule by stated amounts from: what each partner pays into the pool
 * (the backend's stream totals), or £1.00 each when those are not known or all nothing.
 */
export function startingAmounts(partners: readonly PartnerDoc[], streams: PartnerTotals | null = null): Record<string, string> {
  const paid = new Map((streams?.partners ?? []).map((p) => [p.partner, p.amount]));
  const known = partners.every((p) => paid.has(p.id)) && partners.some((p) => !isNothing(paid.get(p.id) ?? '0'));
  return Object.fromEntries(partners.map((p) => [p.id, known ? (paid.get(p.id) ?? '0.00') : '1.00']));
}

function isNothing(amount: string): boolean {
  try {
    return parsePence(amount) === 0n;
  } catch {
    return true;
  }
}

/**
 * A valid rule of the given method, to replace the whole rule when the method is switched. An
 * agreed rule starts at £0.00 for every partner (the board's figures are typed in); a rule by
 * stated amounts starts from what each partner pays into the pool.
 */
export function defaultRule(method: RuleMethod, partners: readonly PartnerDoc[], streams: PartnerTotals | null = null): RuleDoc {
  switch (method) {
    case 'fixed':
      return { method, shares: equalShares(partners) };
    case 'tiered':
      return {
        method,
        bands: [{ up_to: '250000.00', rule: { method: 'host' } }, { rule: { method: 'pro_rata_contributions' } }],
      };
    case 'pro_rata_amounts':
      return { method, amounts: startingAmounts(partners, streams) };
    case 'agreed':
      return { method, amounts: Object.fromEntries(partners.map((p) => [p.id, '0.00'])) };
    default:
      return { method };
  }
}

/**
 * What a rule's method field saves: switching method replaces the whole rule at `rulePath`
 * with a valid default of the new method (fixed: a share of 1 each; tiered: two bands).
 */
export function switchMethod(
  rulePath: string,
  partners: readonly PartnerDoc[],
  streams: PartnerTotals | null = null,
): (method: JsonValue | undefined) => { path: string; value: JsonValue } | null {
  return (method) =>
    typeof method === 'string'
      ? { path: rulePath, value: defaultRule(method as RuleMethod, partners, streams) as JsonValue }
      : null;
}

/** The methods a rule may use on a side: carry_forward only for underspends. */
export function methodOptions(side: Side): { value: RuleMethod; label: string }[] {
  return (Object.keys(RULE_METHOD_LABELS) as RuleMethod[])
    .filter((m) => side === 'underspend' || m !== 'carry_forward')
    .map((m) => ({ value: m, label: RULE_METHOD_LABELS[m] }));
}

/**
 * The methods a band's own rule may use: neither bands again, nor carrying forward, nor an
 * agreed split (the board agrees the whole overspend or underspend, not a slice).
 */
export function bandMethodOptions(): { value: RuleMethod; label: string }[] {
  return methodOptions('overspend').filter((o) => o.value !== 'tiered' && o.value !== 'agreed');
}

const DEFAULT_THRESHOLD = 25_000_000n; // £250,000.00 in pence

function thresholdPence(band: BandDoc | undefined): bigint | null {
  const upTo = band?.up_to;
  if (typeof upTo !== 'string') return null;
  try {
    return parsePence(upTo);
  } catch {
    return null;
  }
}

/**
 * The band added before the open-ended last band: its threshold doubles the one before it (or
 * £250,000 when there is none), so thresholds stay strictly increasing.
 */
export function bandBeforeLast(bands: readonly BandDoc[]): BandDoc {
  const previous = thresholdPence(bands[bands.length - 2]);
  let upTo = previous !== null && previous > 0n ? previous * 2n : DEFAULT_THRESHOLD;
  if (upTo > LIMIT_PENCE) upTo = previous !== null && previous < LIMIT_PENCE ? previous + 1n : LIMIT_PENCE;
  return { up_to: penceToAmount(upTo), rule: { method: 'pro_rata_contributions' } };
}

/** The edit adding a band before the last one of the tiered rule at `rulePath`. */
export function addBandEdit(rulePath: string, bands: readonly BandDoc[]): EditRequest {
  const at = Math.max(bands.length - 1, 0);
  return { op: 'insert', path: `${rulePath}.bands[${at}]`, value: bandBeforeLast(bands) as JsonValue };
}

/**
 * The edit removing band `k`, or null when that would leave fewer than two bands. Removing the
 * last band makes the one before it open-ended, so the whole list is written.
 */
export function removeBandEdit(rulePath: string, bands: readonly BandDoc[], k: number): EditRequest | null {
  if (bands.length <= 2 || k < 0 || k >= bands.length) return null;
  if (k < bands.length - 1) return { op: 'remove', path: `${rulePath}.bands[${k}]` };
  const kept = bands.slice(0, -1).map((b) => ({ ...b }));
  const last = kept[kept.length - 1];
  if (last) delete last.up_to;
  return { op: 'set', path: `${rulePath}.bands`, value: kept as JsonValue };
}

/** The group a scheme is in: its own, else the plan's default. */
export function groupOf(scheme: { group?: string | null }, document: PlanDocument): string {
  return scheme.group ?? document.risk_share?.default_group ?? '';
}

/** Indices (in `document.schemes`) of the schemes in a group. */
export function schemesInGroup(document: PlanDocument, groupId: string): number[] {
  const out: number[] = [];
  document.schemes.forEach((s, i) => {
    if (groupOf(s, document) === groupId) out.push(i);
  });
  return out;
}

function magnitude(amount: string): bigint {
  const p = parsePence(amount);
  return p < 0n ? -p : p;
}

const namesBySchemes = new WeakMap<readonly { id: string; name: string }[], Map<string, string>>();

/** Each scheme's name by its id, made once per list of schemes for every group's table. */
export function schemeNamesById(schemes: readonly { id: string; name: string }[]): Map<string, string> {
  let names = namesBySchemes.get(schemes);
  if (!names) {
    names = new Map(schemes.map((s) => [s.id, s.name]));
    namesBySchemes.set(schemes, names);
  }
  return names;
}

/** Units by size of variance, largest first (ties keep the outcome's order). */
export function byVariance(units: readonly UnitOutcome[]): UnitOutcome[] {
  return units
    .map((u, i) => ({ u, i, size: magnitude(u.variance) }))
    .sort((a, b) => (a.size === b.size ? a.i - b.i : a.size > b.size ? -1 : 1))
    .map((x) => x.u);
}

/** What was applied, in words. */
export function appliedText(applied: UnitOutcome['applied']): string {
  switch (applied) {
    case 'overspend':
      return 'Overspend';
    case 'underspend':
      return 'Underspend';
    default:
      return 'None';
  }
}

// ---- Stated amounts: the tables of a rule by stated amounts and of an agreed rule ----

/** Whether a rule's method takes an amount per partner. */
export function takesAmounts(method: RuleMethod): boolean {
  return method === 'pro_rata_amounts' || method === 'agreed';
}

/** The backend's total of a rule's amounts, and what it had to share, for one rule. */
export function amountsFigures(
  all: readonly RuleAmounts[] | undefined,
  group: string,
  side: Side,
  band?: number,
): RuleAmounts | null {
  return (all ?? []).find((r) => r.group === group && r.side === side && r.band === band) ?? null;
}

export type PasteResult = { ok: true; amounts: Record<string, string> } | { ok: false; message: string } | null;

function sameName(cell: string, partner: PartnerDoc): boolean {
  const c = cell.trim().toLowerCase();
  return c === partner.id.toLowerCase() || c === partner.name.trim().toLowerCase();
}

/**
 * The amounts after pasting cells copied from a spreadsheet into the amount of partner
 * `from`: one column (or one row) of amounts fills that partner and the ones after it, in the
 * plan's order; rows of partner name (or id) and amount fill the partners named. An empty cell
 * clears that partner's amount. Null when the text is a single value (an ordinary paste into
 * the field); a message when a cell is not money or names no partner, and then nothing is
 * saved. Amounts keep the plan's partner order.
 */
export function pastedAmounts(
  text: string,
  partners: readonly PartnerDoc[],
  current: Readonly<Record<string, string | undefined>> | null | undefined,
  from: string,
): PasteResult {
  const rows = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n').map((r) => r.split('\t'));
  if (rows.length === 1 && (rows[0]?.length ?? 0) === 1) return null;
  const next = new Map<string, string | null>();
  const keyed = rows.every((r) => r.length >= 2 && partners.some((p) => sameName(r[0] ?? '', p)));
  let cells: { partner: PartnerDoc | undefined; cell: string; where: string }[];
  if (keyed) {
    cells = rows.map((r, i) => ({
      partner: partners.find((p) => sameName(r[0] ?? '', p)),
      cell: r.slice(1).filter((c) => c.trim() !== '').at(-1) ?? '',
      where: `row ${i + 1}`,
    }));
  } else {
    if (rows.length > 1 && rows.some((r) => r.length > 1)) {
      return { ok: false, message: 'Paste one column of amounts, or two columns: partner names and their amounts.' };
    }
    const flat = rows.length > 1 ? rows.map((r) => r[0] ?? '') : (rows[0] ?? []);
    const start = partners.findIndex((p) => p.id === from);
    if (start < 0) return null;
    if (start + flat.length > partners.length) {
      const room = partners.length - start;
      return {
        ok: false,
        message: `${flat.length} amounts were pasted but there ${room === 1 ? 'is room for 1' : `are ${room} partners`} from here down.`,
      };
    }
    cells = flat.map((cell, i) => ({ partner: partners[start + i], cell, where: `amount ${i + 1}` }));
  }
  for (const { partner, cell, where } of cells) {
    if (!partner) continue;
    if (cell.trim() === '') {
      next.set(partner.id, null);
      continue;
    }
    const read = parseMoneyInput(cell);
    if (!read.ok) return { ok: false, message: `${partner.name} (${where}): ${read.message}` };
    next.set(partner.id, read.value);
  }
  const amounts: Record<string, string> = {};
  for (const p of partners) {
    const value = next.has(p.id) ? next.get(p.id) : current?.[p.id];
    if (value !== null && value !== undefined) amounts[p.id] = value;
  }
  // Keys that are not partners (the backend reports them) are kept as they were.
  for (const [key, value] of Object.entries(current ?? {})) {
    if (value !== undefined && !partners.some((p) => p.id === key)) amounts[key] = value;
  }
  return { ok: true, amounts };
}

/**
 * An agreed rule's difference, |X| − Σ amounts, as a sentence for its side, in the words of
 * the W-AGREED-DIFFERS warning: what is left uncovered (overspend) or stays in the pool
 * (underspend), or, when negative, by how much the board's amounts exceed what there is.
 */
export function differenceWords(difference: string, side: Side): string {
  const pence = parsePence(difference);
  const what = side === 'overspend' ? 'overspend' : 'underspend';
  if (pence === 0n) return `The board's amounts add up to the ${what} to be shared.`;
  const size = formatMoney(difference.trim().replace(/^-/, ''));
  if (pence > 0n) {
    return `The board agreed ${size} less than the ${what} to be shared, so ${
      side === 'overspend' ? 'the rest is left uncovered' : 'the rest stays in the pool'
    }.`;
  }
  return `The board agreed ${size} more than the ${what} to be shared, so ${
    side === 'overspend' ? 'the partners are charged more than the overspend' : 'the partners are paid back more than the underspend'
  }.`;
}

// ---- Netting sets: `risk_share.offsets`, lists of group ids named by position ----

/** The path of netting set `i`, or of its member `j`. */
export function nettingPath(i: number, j?: number): string {
  return j === undefined ? `risk_share.offsets[${i}]` : `risk_share.offsets[${i}][${j}]`;
}

/** Groups that can join a netting set: in none yet, and not aligned budgets. */
export function freeGroups(riskShare: RiskShareDoc): GroupDoc[] {
  const taken = new Set((riskShare.offsets ?? []).flat());
  return riskShare.groups.filter((g) => !taken.has(g.id) && g.settle !== false);
}

/** A new netting set of the first two free groups; null when there are not two. */
export function addNettingSetEdit(riskShare: RiskShareDoc): EditRequest | null {
  const free = freeGroups(riskShare);
  const [a, b] = free;
  if (!a || !b) return null;
  const set = [a.id, b.id];
  const sets = riskShare.offsets ?? [];
  return !riskShare.offsets
    ? { op: 'set', path: 'risk_share.offsets', value: [set] }
    : { op: 'insert', path: nettingPath(sets.length), value: set };
}

/** The first free group added at the end of netting set `i`; null when none is free. */
export function addNettingMemberEdit(riskShare: RiskShareDoc, i: number): EditRequest | null {
  const set = riskShare.offsets?.[i];
  const group = freeGroups(riskShare)[0];
  if (!set || !group) return null;
  return { op: 'insert', path: nettingPath(i, set.length), value: group.id };
}

/** Takes member `j` out of netting set `i`; null when that would leave fewer than two. */
export function removeNettingMemberEdit(riskShare: RiskShareDoc, i: number, j: number): EditRequest | null {
  const set = riskShare.offsets?.[i];
  if (!set || set.length <= 2 || j < 0 || j >= set.length) return null;
  return { op: 'remove', path: nettingPath(i, j) };
}

/** Removes netting set `i`; the last one removes `offsets` altogether. */
export function removeNettingSetEdit(riskShare: RiskShareDoc, i: number): EditRequest {
  return (riskShare.offsets?.length ?? 0) <= 1 ? { op: 'remove', path: 'risk_share.offsets' } : { op: 'remove', path: nettingPath(i) };
}

/** Where a group is named in the netting sets (the paths of its errors there). */
export function nettingPathsOf(riskShare: RiskShareDoc | null | undefined, groupId: string): string[] {
  const out: string[] = [];
  (riskShare?.offsets ?? []).forEach((set, i) =>
    set.forEach((id, j) => {
      if (id === groupId) out.push(nettingPath(i, j));
    }),
  );
  return out;
}

/** The netting set a group is in, counted from 1; null when in none. */
export function nettingSetOf(riskShare: RiskShareDoc | null | undefined, groupId: string): number | null {
  const i = (riskShare?.offsets ?? []).findIndex((set) => set.includes(groupId));
  return i < 0 ? null : i + 1;
}
