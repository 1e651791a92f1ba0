/**
 * Geometry for the "who pays what" bar chart. Each partner gets one stacked bar:
 *
 *   [ contribution kept ][ overspend share ][ underspend returned ]
 *
 * The filled part (kept + overspend share) is the final cost; the last, hollow part is the
 * money that comes back. All arithmetic is on bigint pence; amounts become pixels only at the
 * very end, boundary by boundary, so segments never overlap or leave gaps through rounding.
 */

import { formatMoney, parsePence } from './format';

export type SegmentKind = 'kept' | 'overspend' | 'returned';

export type Segment = { kind: SegmentKind; x: number; width: number };

export type PartnerBar = {
  id: string;
  segments: Segment[];
  /** Where the filled part ends: the final cost, or 0 when that is not above zero. */
  finalX: number;
};

export type BarInput = {
  id: string;
  contribution: string;
  overspend_share: string;
  underspend_share: string;
};

const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Pence as a pixel offset on a scale where `full` pence is `width` pixels (0 when full is 0). */
export function toPixels(pence: bigint, full: bigint, width: number): number {
  if (full <= 0n || pence <= 0n) return 0;
  const clamped = min(pence, full);
  return Number((clamped * BigInt(Math.round(width))) / full);
}

/** The boundaries of a partner's bar, in pence: 0, kept, kept + overspend, contribution + overspend. */
function boundaries(p: BarInput): [bigint, bigint, bigint, bigint] {
  const contribution = max(parsePence(p.contribution), 0n);
  const overspend = max(parsePence(p.overspend_share), 0n);
  const returned = max(parsePence(p.underspend_share), 0n);
  // More returned than put in is not drawn past zero; the figures in the table say it exactly.
  const kept = max(contribution - returned, 0n);
  return [0n, kept, kept + overspend, contribution + overspend];
}

/**
 * One bar per partner, scaled so the longest bar is about `width` pixels. A share too small to
 * see at that scale (£12,000 beside £17m) is still drawn `minSegment` pixels wide, so no part
 * that exists vanishes; room for that is kept back from the scale.
 */
export function layoutBars(partners: readonly BarInput[], width: number, minSegment = 2): PartnerBar[] {
  const all = partners.map(boundaries);
  const full = all.reduce((m, b) => max(m, b[3]), 0n);
  const scaled = Math.max(width - 2 * minSegment, 0);
  const kinds: SegmentKind[] = ['kept', 'overspend', 'returned'];
  return partners.map((p, i) => {
    const bounds = all[i] ?? [0n, 0n, 0n, 0n];
    const px = bounds.map((b) => toPixels(b, full, scaled));
    const segments: Segment[] = [];
    let x = 0;
    let finalX = 0;
    kinds.forEach((kind, k) => {
      const pence = (bounds[k + 1] ?? 0n) - (bounds[k] ?? 0n);
      const exact = (px[k + 1] ?? 0) - (px[k] ?? 0);
      const w = pence > 0n ? Math.max(exact, minSegment) : 0;
      if (w > 0) segments.push({ kind, x, width: w });
      x += w;
      if (kind === 'overspend') finalX = x;
    });
    return { id: p.id, segments, finalX };
  });
}

/** A sentence summarising the chart for people who cannot see it. */
export function chartSummary(
  partners: readonly (BarInput & { final_cost: string })[],
  nameOf: (id: string) => string,
): string {
  if (partners.length === 0) return 'Who pays what: there are no partners.';
  const parts = partners.map((p) => `${nameOf(p.id)} ${formatMoney(p.final_cost)}`);
  return `Who pays what, each partner's final cost: ${parts.join('; ')}.`;
}
