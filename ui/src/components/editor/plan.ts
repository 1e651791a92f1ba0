/**
 * Pure helpers for the plan editor's sections: new ids and items, requirement checks in words
 * and the instalment schedule grouped by partner. Nothing here adds up money: every total is
 * the backend's (its `Figures`).
 */
import type { ContractDoc } from '../../lib/generated/ContractDoc';
import type { Instalment } from '../../lib/generated/Instalment';
import type { PartnerDoc } from '../../lib/generated/PartnerDoc';
import type { PartnerTotals } from '../../lib/generated/PartnerTotals';
import type { PlanDocument } from '../../lib/generated/PlanDocument';
import type { RequirementCheck } from '../../lib/generated/RequirementCheck';
import type { StreamDoc } from '../../lib/generated/StreamDoc';
import { formatMoney } from '../../lib/format';
import { partnerName } from '../../lib/names';

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

/** The backend's total for each partner, named, in its order. */
export function namedTotals(totals: PartnerTotals, partners: readonly PartnerDoc[]): PartnerTotal[] {
  return totals.partners.map((p) => ({ partner: p.partner, name: partnerName(p.partner, partners), total: p.amount }));
}

/** "Planned £X against £Y required: met" (or "not met"), as the backend judged it. */
export function requirementWords(check: RequirementCheck, met: boolean): string {
  return `Planned ${formatMoney(check.planned)} against ${formatMoney(check.required)} required: ${met ? 'met' : 'not met'}`;
}

export type InstalmentGroup = { partner: string; name: string; instalments: Instalment[]; total: string | null };

/** The schedule grouped by paying partner, in the order the backend lists it, each with the
    backend's total. */
export function groupInstalments(
  instalments: readonly Instalment[],
  partners: readonly PartnerDoc[],
  totals: PartnerTotals | null,
): InstalmentGroup[] {
  const groups: InstalmentGroup[] = [];
  for (const inst of instalments) {
    let group = groups.find((g) => g.partner === inst.partner);
    if (!group) {
      const total = totals?.partners.find((p) => p.partner === inst.partner)?.amount ?? null;
      group = { partner: inst.partner, name: partnerName(inst.partner, partners), instalments: [], total };
      groups.push(group);
    }
    group.instalments.push(inst);
  }
  return groups;
}

/** "1 (once a year)" … the choices of instalments per year. */
export const INSTALMENT_CHOICES: readonly { value: number; label: string }[] = [
  { value: 1, label: '1 (once a year)' },
  { value: 2, label: '2 (half-yearly)' },
  { value: 4, label: '4 (quarterly)' },
  { value: 12, label: '12 (monthly)' },
];
