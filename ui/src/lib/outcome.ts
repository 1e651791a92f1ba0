/**
 * Readings of an outcome for the Outcome panel: the variance in words, each partner's position
 * with a totals row that casts, risk units named and explained, the settlement as sentences and
 * the findings in the order people should deal with them. Pure: no DOM, no floating point.
 */

import type { Finding } from './generated/Finding';
import type { GroupReading } from './generated/GroupReading';
import type { PositionTotals } from './generated/PositionTotals';
import type { Outcome } from './generated/Outcome';
import type { PartnerDoc } from './generated/PartnerDoc';
import type { PlanDocument } from './generated/PlanDocument';
import type { Severity } from './generated/Severity';
import type { Transfer } from './generated/Transfer';
import type { UnitOutcome } from './generated/UnitOutcome';
import { formatMoney, parsePence } from './format';
import { partnerName } from './names';

/** True for "0.00", "0", "-0.00". */
export function isZero(amount: string): boolean {
  return parsePence(amount) === 0n;
}

export type VarianceWords = { money: string; word: 'overspend' | 'underspend' | 'on budget' };

/** A variance (forecast − budget) as money and a word: an overspend is positive, an underspend bracketed. */
export function varianceWords(variance: string): VarianceWords {
  const pence = parsePence(variance);
  const word = pence > 0n ? 'overspend' : pence < 0n ? 'underspend' : 'on budget';
  return { money: formatMoney(variance), word };
}

/** "This plan has 2 errors, so there is no outcome yet." */
export function noOutcomeSentence(findings: readonly Finding[]): string {
  const n = findings.filter((f) => f.severity === 'error').length;
  return `This plan has ${n} ${n === 1 ? 'error' : 'errors'}, so there is no outcome yet.`;
}

const SEVERITY_ORDER: Record<Severity, number> = { breach: 0, error: 1, warning: 2 };

export const SEVERITY_LABELS: Record<Severity, string> = {
  breach: 'Breach',
  error: 'Error',
  warning: 'Warning',
};

/** Breaches first, then errors, then warnings; the backend's order is kept within each. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        a.index - b.index,
    )
    .map((x) => x.finding);
}

/** "Northbrook and Dales ICB pays Northbrook Council £266,856.43" */
export function transferSentence(transfer: Transfer, partners: readonly PartnerDoc[]): string {
  const from = partnerName(transfer.from, partners);
  const to = partnerName(transfer.to, partners);
  return `${from} pays ${to} ${formatMoney(transfer.amount)}`;
}

export type PartnerRow = {
  id: string;
  name: string;
  contribution: string;
  overspendShare: string;
  underspendReturned: string;
  finalCost: string;
};

/** Each partner's position, named from the plan, and the backend's totals of each column. */
export function partnerRows(
  outcome: Outcome,
  partners: readonly PartnerDoc[],
  totals: PositionTotals | null,
): { rows: PartnerRow[]; totals: Omit<PartnerRow, 'id' | 'name'> | null } {
  const rows = outcome.partners.map((p) => ({
    id: p.id,
    name: partnerName(p.id, partners),
    contribution: p.contribution,
    overspendShare: p.overspend_share,
    underspendReturned: p.underspend_share,
    finalCost: p.final_cost,
  }));
  return {
    rows,
    totals: totals && {
      contribution: totals.contribution,
      overspendShare: totals.overspend_share,
      underspendReturned: totals.underspend_share,
      finalCost: totals.final_cost,
    },
  };
}

/** The group and (for a per-scheme unit "GROUP/SCHEME") the scheme a unit stands for. */
export function unitTitle(unit: Pick<UnitOutcome, 'id' | 'group'>, plan: PlanDocument): { title: string; group: string } {
  const group = plan.risk_share?.groups.find((g) => g.id === unit.group);
  const groupName = group?.name ?? unit.group;
  const slash = unit.id.indexOf('/');
  if (slash < 0) return { title: groupName, group: groupName };
  const schemeId = unit.id.slice(slash + 1);
  const scheme = plan.schemes.find((s) => s.id === schemeId);
  return { title: scheme ? `${scheme.id} ${scheme.name}` : schemeId, group: groupName };
}

/** What was done with the unit's variance, in the backend's words for its group's rule. */
export function unitRuleWords(unit: UnitOutcome, readings: readonly GroupReading[]): string {
  if (unit.applied === 'none') {
    const netted = unit.offset !== undefined && !isZero(unit.offset);
    const drawn = unit.reserve !== undefined && !isZero(unit.reserve.drawn);
    if (isZero(unit.variance) || (!netted && !drawn)) return 'On budget: there is nothing to share.';
    const by = netted && drawn ? 'netting against other pools and the reserve' : drawn ? 'the reserve' : 'netting against other pools';
    return `Nothing is left to share: ${by} covered the whole ${varianceWords(unit.variance).word}.`;
  }
  const reading = readings.find((r) => r.id === unit.group);
  if (!reading) return `The ${unit.applied} rule of group '${unit.group}' was applied.`;
  return unit.applied === 'overspend' ? reading.overspend : reading.underspend;
}

/** A unit's signed allocation as words for one partner: "pays £1.00", "gets back £1.00". */
export function allocationWords(amount: string): string {
  const pence = parsePence(amount);
  if (pence === 0n) return 'nothing';
  return pence > 0n ? `pays ${formatMoney(amount)}` : `gets back ${formatMoney(amount.replace(/^-/, ''))}`;
}

/**
 * The data-path to focus for a finding's path: the field itself, else the first field inside
 * the item or object the path names ("schemes[3]" → "schemes[3].name"), never a sibling that
 * merely shares a prefix ("schemes[3]" must not match "schemes[30]").
 */
export function focusTarget(path: string, candidates: readonly string[]): string | null {
  if (candidates.includes(path)) return path;
  return candidates.find((c) => c.startsWith(`${path}.`) || c.startsWith(`${path}[`)) ?? null;
}

/**
 * A unit's netting (its offset, §3 step 2a) in words: an overspend partly covered by
 * underspends in other pools, or an underspend used to cover their overspends.
 */
export function offsetWords(offset: string): string {
  const pence = parsePence(offset);
  if (pence === 0n) return 'nothing netted';
  return pence > 0n
    ? `${formatMoney(offset)} of the overspend covered by underspends in other pools`
    : `${formatMoney(offset.replace(/^-/, ''))} of the underspend used to cover overspends in other pools`;
}

/** What an aligned budget's shares mean: worked out, but no money moves. */
export const ALIGNED_WORDS = 'No money moves (aligned budget): each partner bears its share where it spends.';

/** Each unit's amount shared by its rules, by unit id, from the backend (only units netted or
    with a reserve are listed: any other shared its variance). */
export function sharedByUnit(shared: readonly { unit: string; shared: string }[] | undefined): Map<string, string> {
  return new Map((shared ?? []).map((u) => [u.unit, u.shared]));
}
