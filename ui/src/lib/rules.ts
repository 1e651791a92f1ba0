/**
 * Plain-English readings of risk-share groups and rules, for people who agree them.
 *
 * Example: "Overspends up to £250,000 fall to the host (Northbrook Council); above that they
 * are shared in proportion to contributions; Northbrook Council pays at most £800,000.
 * Underspends are returned in proportion to contributions."
 *
 * The readings follow the calculation spec (docs/calculation.md, sections 2.7 and 3): they
 * never throw, even on a rule the backend would reject, and an unknown partner id is shown as
 * the id itself. Money and shares are shown exactly: no floating point is used.
 */

import type { BandDoc } from './generated/BandDoc';
import type { GroupDoc } from './generated/GroupDoc';
import type { PartnerDoc } from './generated/PartnerDoc';
import type { RuleDoc } from './generated/RuleDoc';
import { formatMoneyShort, formatWeightMillionths, parseWeight } from './format';

export type Side = 'overspend' | 'underspend';

/** Fixed-share ratios whose reduced terms are all at most this are shown as "1 : 2". */
const SMALL_RATIO_TERM = 1000n;

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) {
    return names[0] ?? '';
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] as string}`;
}

/** A partner's name, or its id when no partner has that id. */
export function partnerName(id: string, partners: readonly PartnerDoc[]): string {
  return partners.find((p) => p.id === id)?.name ?? id;
}

/** Money for prose, or the text as written when it is not an amount (never throws). */
function money(amount: string): string {
  try {
    return formatMoneyShort(amount);
  } catch {
    return amount;
  }
}

/** The entries of a partner-keyed object, in the plan's partner order, unknown ids last. */
function inPartnerOrder<T>(
  byPartner: { [key in string]?: T },
  partners: readonly PartnerDoc[],
): Array<[string, T]> {
  const known = new Set(partners.map((p) => p.id));
  const entries: Array<[string, T]> = [];
  for (const partner of partners) {
    const value = byPartner[partner.id];
    if (value !== undefined) {
      entries.push([partner.id, value]);
    }
  }
  for (const [id, value] of Object.entries(byPartner)) {
    if (!known.has(id) && value !== undefined) {
      entries.push([id, value]);
    }
  }
  return entries;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

/** Hundredths of a per cent as "60", "12.5" or "33.75". */
function hundredthsToPercent(hundredths: bigint): string {
  const whole = hundredths / 100n;
  const rest = hundredths % 100n;
  if (rest === 0n) {
    return `${whole}%`;
  }
  return `${whole}.${rest.toString().padStart(2, '0').replace(/0$/, '')}%`;
}

/** The predicate for fixed shares: "are shared 60% to A and 40% to B", and so on. */
function fixedPredicate(rule: RuleDoc, side: Side, partners: readonly PartnerDoc[]): string {
  const verb = side === 'overspend' ? 'are shared' : 'are returned';
  const entries = inPartnerOrder(rule.shares ?? {}, partners);
  const weights: Array<{ name: string; text: string; millionths: bigint | null }> = entries.map(
    ([id, text]) => ({ name: partnerName(id, partners), text, millionths: parseWeight(text) }),
  );

  // A weight the backend would reject: show the shares as written.
  if (weights.some((w) => w.millionths === null)) {
    const listed = weights.map((w) => `${w.name} ${w.text}`);
    return `${verb} in fixed shares (${joinNames(listed)})`;
  }

  const named = weights
    .filter((w) => (w.millionths ?? 0n) > 0n)
    .map((w) => ({ name: w.name, millionths: w.millionths ?? 0n }));
  const first = named[0];
  if (first === undefined) {
    return `${verb} in fixed shares, but no partner has a share above zero`;
  }
  if (named.length === 1) {
    return side === 'overspend' ? `fall to ${first.name}` : `are returned to ${first.name}`;
  }
  const names = joinNames(named.map((w) => w.name));
  if (named.every((w) => w.millionths === first.millionths)) {
    return side === 'overspend'
      ? `are shared equally between ${names}`
      : `are returned equally to ${names}`;
  }

  // Percentages, when every share is an exact percentage with at most two decimals.
  const total = named.reduce((sum, w) => sum + w.millionths, 0n);
  if (named.every((w) => (w.millionths * 10000n) % total === 0n)) {
    const parts = named.map(
      (w) => `${hundredthsToPercent((w.millionths * 10000n) / total)} to ${w.name}`,
    );
    return `${verb} ${joinNames(parts)}`;
  }

  // Otherwise a ratio: reduced to small whole numbers when it can be, else the weights as given.
  const divisor = named.reduce((g, w) => gcd(g, w.millionths), 0n);
  const reduced = named.map((w) => w.millionths / divisor);
  const terms = reduced.every((t) => t <= SMALL_RATIO_TERM)
    ? reduced.map((t) => t.toString())
    : named.map((w) => formatWeightMillionths(w.millionths));
  const between = side === 'overspend' ? `are shared between ${names}` : `are returned to ${names}`;
  return `${between} in the ratio ${terms.join(' : ')}`;
}

/** The host as read in a sentence: "the host (Northbrook Council)". */
function hostPhrase(hostId: string, partners: readonly PartnerDoc[]): string {
  return hostId === '' ? 'the host' : `the host (${partnerName(hostId, partners)})`;
}

/**
 * What happens to the variance, as a predicate after "Overspends" or "Underspends" (or
 * after "they"): "are shared in proportion to contributions", "fall to the host (X)".
 */
function predicate(
  rule: RuleDoc,
  side: Side,
  partners: readonly PartnerDoc[],
  hostId: string,
): string {
  const overspend = side === 'overspend';
  switch (rule.method) {
    case 'pro_rata_contributions':
      return `${overspend ? 'are shared' : 'are returned'} in proportion to contributions`;
    case 'pro_rata_commissioned':
      return `${overspend ? 'are shared' : 'are returned'} in proportion to what each partner commissions`;
    case 'fixed':
      return fixedPredicate(rule, side, partners);
    case 'host':
      return `${overspend ? 'fall to' : 'go to'} ${hostPhrase(hostId, partners)}`;
    case 'carry_forward':
      return overspend
        ? 'are set to be carried forward, which only underspends can be'
        : 'are carried forward in the pool';
    case 'tiered':
      // A band inside a band is not allowed (E-RULE); it is only named here.
      return `${overspend ? 'are shared' : 'are returned'} in further bands`;
    default: {
      // A method this version of the app does not know yet: show it as written.
      const method: string = (rule as { method: string }).method;
      return `are dealt with by the rule '${method}'`;
    }
  }
}

/** "Overspends up to £250,000 fall to …; from £250,000 to £1,000,000 they …; above …". */
function tieredClause(
  bands: readonly BandDoc[],
  subject: string,
  side: Side,
  partners: readonly PartnerDoc[],
  hostId: string,
): string {
  if (bands.length === 0) {
    return `${subject} are shared in bands, but no bands are set`;
  }
  const clauses: string[] = [];
  let lower: string | undefined;
  bands.forEach((band, index) => {
    const what = predicate(band.rule, side, partners, hostId);
    const upper = band.up_to ?? undefined;
    if (index === 0) {
      clauses.push(upper === undefined ? `${subject} ${what}` : `${subject} up to ${money(upper)} ${what}`);
    } else if (upper !== undefined) {
      const from = lower === undefined ? '' : `from ${money(lower)} `;
      clauses.push(`${from}to ${money(upper)} they ${what}`);
    } else if (lower !== undefined) {
      const above = bands.length === 2 ? 'above that' : `above ${money(lower)}`;
      clauses.push(`${above} they ${what}`);
    } else {
      clauses.push(`then they ${what}`);
    }
    lower = upper ?? lower;
  });
  return clauses.join('; ');
}

/** The rule as a clause without a full stop. */
function ruleClause(
  rule: RuleDoc,
  side: Side,
  partners: readonly PartnerDoc[],
  hostId: string,
): string {
  const subject = side === 'overspend' ? 'Overspends' : 'Underspends';
  if (rule.method === 'tiered') {
    return tieredClause(rule.bands ?? [], subject, side, partners, hostId);
  }
  return `${subject} ${predicate(rule, side, partners, hostId)}`;
}

/**
 * One sentence reading one rule, for one side of the variance:
 * "Overspends fall to the host (Northbrook Council)." or
 * "Underspends are returned 60% to Northbrook Council and 40% to NHS Northbrook ICB."
 *
 * @param hostId the id of the unit's host (the group's host, else the plan's host).
 */
export function describeRule(
  rule: RuleDoc,
  side: Side,
  partners: readonly PartnerDoc[],
  hostId: string,
): string {
  return `${ruleClause(rule, side, partners, hostId)}.`;
}

/** "Northbrook Council pays at most £800,000 and NHS Northbrook ICB pays nothing". */
function capsClause(
  caps: { [key in string]?: string } | null | undefined,
  partners: readonly PartnerDoc[],
): string | undefined {
  const parts = inPartnerOrder(caps ?? {}, partners).map(([id, amount]) => {
    const name = partnerName(id, partners);
    const isZero = /^0+(\.0{1,2})?$/.test(amount.trim());
    return isZero ? `${name} pays nothing` : `${name} pays at most ${money(amount)}`;
  });
  return parts.length === 0 ? undefined : joinNames(parts);
}

/**
 * A short reading of a risk-share group: two or three plain sentences.
 *
 * "Overspends up to £250,000 fall to the host (Northbrook Council); above that they are
 * shared in proportion to contributions; Northbrook Council pays at most £800,000.
 * Underspends are returned in proportion to contributions."
 *
 * @param planHost the plan's host, used when the group names no host of its own.
 */
export function describeGroup(
  group: GroupDoc,
  partners: readonly PartnerDoc[],
  planHost: string,
): string {
  const hostId = group.host ?? planHost;
  const sentences: string[] = [];

  const overspend = [ruleClause(group.overspend, 'overspend', partners, hostId)];
  const caps = capsClause(group.caps, partners);
  if (caps !== undefined) {
    overspend.push(caps);
  }
  sentences.push(`${overspend.join('; ')}.`);
  if (group.cap_at_contribution === true) {
    sentences.push('No partner pays more than it put in.');
  }

  sentences.push(describeRule(group.underspend, 'underspend', partners, hostId));

  if (group.per_scheme === true) {
    sentences.push('Each scheme is its own risk unit.');
  }
  const groupHost = group.host ?? undefined;
  if (groupHost !== undefined && groupHost !== planHost) {
    sentences.push(`The group is hosted by ${partnerName(groupHost, partners)}.`);
  }
  return sentences.join(' ');
}
