/**
 * The risk-share section's pure logic: default rules when a method is switched, band insertion
 * and removal, caps, new groups, and which units and schemes belong to a group. Every edit is
 * built whole here so the backend always receives a rule that reads cleanly.
 */
import type { BandDoc } from './generated/BandDoc';
import type { EditRequest } from './generated/EditRequest';
import type { GroupDoc } from './generated/GroupDoc';
import type { PartnerDoc } from './generated/PartnerDoc';
import type { PlanDocument } from './generated/PlanDocument';
import type { RiskShareDoc } from './generated/RiskShareDoc';
import type { RuleDoc } from './generated/RuleDoc';
import type { RuleMethod } from './generated/RuleMethod';
import type { UnitOutcome } from './generated/UnitOutcome';
import type { JsonValue } from './generated/serde_json/JsonValue';
import { RULE_METHOD_LABELS } from './generated/labels';
import { LIMIT_PENCE, parsePence, penceToAmount } from './format';
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

/** A valid rule of the given method, to replace the whole rule when the method is switched. */
export function defaultRule(method: RuleMethod, partners: readonly PartnerDoc[]): RuleDoc {
  switch (method) {
    case 'fixed':
      return { method, shares: equalShares(partners) };
    case 'tiered':
      return {
        method,
        bands: [{ up_to: '250000.00', rule: { method: 'host' } }, { rule: { method: 'pro_rata_contributions' } }],
      };
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
): (method: JsonValue | undefined) => { path: string; value: JsonValue } | null {
  return (method) =>
    typeof method === 'string' ? { path: rulePath, value: defaultRule(method as RuleMethod, partners) as JsonValue } : null;
}

/** The methods a rule may use on a side: carry_forward only for underspends. */
export function methodOptions(side: Side): { value: RuleMethod; label: string }[] {
  return (Object.keys(RULE_METHOD_LABELS) as RuleMethod[])
    .filter((m) => side === 'underspend' || m !== 'carry_forward')
    .map((m) => ({ value: m, label: RULE_METHOD_LABELS[m] }));
}

/** The methods a band's own rule may use: neither bands again nor carrying forward. */
export function bandMethodOptions(): { value: RuleMethod; label: string }[] {
  return methodOptions('overspend').filter((o) => o.value !== 'tiered');
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
