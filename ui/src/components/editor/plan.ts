/**
 * Pure helpers for the plan editor's sections: new ids and items, per-partner totals that cast,
 * requirement checks in words and the instalment schedule grouped by partner. No floating point:
 * every amount stays text or bigint pence.
 */
import type { ContractDoc } from '../../lib/generated/ContractDoc';
import type { Instalment } from '../../lib/generated/Instalment';
import type { PartnerDoc } from '../../lib/generated/PartnerDoc';
import type { PlanDocument } from '../../lib/generated/PlanDocument';
import type { RequirementCheck } from '../../lib/generated/RequirementCheck';
import type { StreamDoc } from '../../lib/generated/StreamDoc';
import { formatMoney, parsePence, sumAmounts } from '../../lib/format';
import { partnerName } from '../../lib/rules';

/** `${prefix}N`, N counting on from the list's length + 1 until the id is free ("partner-4"). */
export function uniqueId(prefix: string, taken: readonly string[]): string {
  const used = new Set(taken);
  let n = taken.length + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

/** A closed list of labels as select options, in the list's order. */
export function labelOptions(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** Partners as select options, by name. */
export function partnerOptions(partners: readonly PartnerDoc[]): { value: string; label: string }[] {
  return partners.map((p) => ({ value: p.id, label: p.name }));
}

export function newPartner(document: PlanDocument): PartnerDoc {
  return { id: uniqueId('partner-', document.partners.map((p) => p.id)), name: 'New partner', kind: 'other' };
}

export function newStream(document: PlanDocument): StreamDoc {
  return {
    id: uniqueId('stream-', document.streams.map((s) => s.id)),
    name: 'New stream',
    kind: 'other',
    partner: document.host,
    amount: '0.00',
  };
}

/** The first year of "2025-26" as a number (2025). */
export function startYear(financialYear: string): number {
  return Number(financialYear.slice(0, 4));
}

/** A contract for the whole plan year on the first scheme; null when there is no scheme yet. */
export function newContract(document: PlanDocument): ContractDoc | null {
  const scheme = document.schemes[0];
  if (!scheme) return null;
  const year = startYear(document.financial_year);
  return {
    id: uniqueId('contract-', (document.contracts ?? []).map((c) => c.id)),
    name: 'New contract',
    scheme: scheme.id,
    value: '0.00',
    start: `${year}-04-01`,
    end: `${year + 1}-03-31`,
  };
}

export type PartnerTotal = { partner: string; name: string; total: string };

/**
 * Each partner's total of the amounts given, in the plan's partner order (partners with nothing
 * included, at "0.00"), ids no partner has last; and the overall total. The partner totals always
 * add up to the overall total exactly. Null when an amount cannot be read (a plan with errors).
 */
export function totalsByPartner(
  items: readonly { partner: string; amount: string }[],
  partners: readonly PartnerDoc[],
): { rows: PartnerTotal[]; overall: string } | null {
  if (items.some((i) => !isAmount(i.amount))) return null;
  const ids = [...partners.map((p) => p.id)];
  for (const item of items) if (!ids.includes(item.partner)) ids.push(item.partner);
  const rows = ids.map((id) => ({
    partner: id,
    name: partnerName(id, partners),
    total: sumAmounts(items.filter((i) => i.partner === id).map((i) => i.amount)),
  }));
  return { rows, overall: sumAmounts(items.map((i) => i.amount)) };
}

/** "Planned £X against £Y required: met" (or "not met"). */
export function requirementWords(check: RequirementCheck): { text: string; met: boolean } {
  const met = parsePence(check.planned) >= parsePence(check.required);
  return {
    text: `Planned ${formatMoney(check.planned)} against ${formatMoney(check.required)} required: ${met ? 'met' : 'not met'}`,
    met,
  };
}

export type InstalmentGroup = { partner: string; name: string; instalments: Instalment[]; total: string };

/** The schedule grouped by paying partner, in the order the backend lists it, each with its total. */
export function groupInstalments(
  instalments: readonly Instalment[],
  partners: readonly PartnerDoc[],
): { groups: InstalmentGroup[]; overall: string } {
  const groups: InstalmentGroup[] = [];
  for (const inst of instalments) {
    let group = groups.find((g) => g.partner === inst.partner);
    if (!group) {
      group = { partner: inst.partner, name: partnerName(inst.partner, partners), instalments: [], total: '0.00' };
      groups.push(group);
    }
    group.instalments.push(inst);
  }
  for (const g of groups) g.total = sumAmounts(g.instalments.map((i) => i.amount));
  return { groups, overall: sumAmounts(instalments.map((i) => i.amount)) };
}

/** Money for a table cell that never throws: the text as written when it is not an amount. */
export function moneyCell(amount: string): string {
  try {
    return formatMoney(amount);
  } catch {
    return amount;
  }
}

/** True when the text is an amount of money the format helpers can read. */
export function isAmount(amount: string): boolean {
  try {
    parsePence(amount);
    return true;
  } catch {
    return false;
  }
}

/** True when the amount is below zero (shown bracketed and with .negative). */
export function isNegative(amount: string): boolean {
  try {
    return parsePence(amount) < 0n;
  } catch {
    return false;
  }
}

/** "1 (once a year)" … the choices of instalments per year. */
export const INSTALMENT_CHOICES: readonly { value: number; label: string }[] = [
  { value: 1, label: '1 (once a year)' },
  { value: 2, label: '2 (half-yearly)' },
  { value: 4, label: '4 (quarterly)' },
  { value: 12, label: '12 (monthly)' },
];
