/**
 * Merges the backend's pairwise comparisons (the first chosen scenario against each other one)
 * into side-by-side rows: one column per scenario, the first scenario's figure then each other
 * scenario's, each with the change from the first and whether it differs. Pure: no DOM, and
 * money stays text (bigint pence only to test for a change).
 */

import type { ComparisonView } from './generated/ComparisonView';
import type { Movement } from './generated/Movement';
import { formatMoney, parsePence } from './format';

/** One scenario's figure: null when that scenario has no outcome or not this item. */
export type Cell = { value: string | null; change: string | null; differs: boolean };

export type MetricRow = { key: string; label: string; cells: Cell[] };

/** A partner or scheme with one row per figure. */
export type ItemGroup = { id: string; rows: MetricRow[]; differs: boolean };


export type Merged = {
  /** Per column: true when that scenario (or the first) has errors, so it has no figures. */
  missing: boolean[];
  variance: MetricRow | null;
  partners: ItemGroup[];
  /** Only schemes whose budget, forecast or variance differ in some scenario. */
  schemes: ItemGroup[];
  /** One per other scenario: each difference from the first, in the backend's words. */
  differences: string[][];
};

export const PARTNER_METRICS = [
  { key: 'final_cost', label: 'Final cost' },
  { key: 'overspend_share', label: 'Overspend share' },
  { key: 'underspend_share', label: 'Underspend returned' },
  { key: 'contribution', label: 'Contribution' },
] as const;

export const SCHEME_METRICS = [
  { key: 'budget', label: 'Budget' },
  { key: 'forecast', label: 'Forecast' },
  { key: 'variance', label: 'Variance' },
] as const;

type Keyed = { id: string } & Record<string, unknown>;

const EMPTY: Cell = { value: null, change: null, differs: false };

/** The comparisons in the order of the other scenarios (ids[1..]); undefined where one is absent. */
function inOrder(ids: readonly number[], views: readonly ComparisonView[]): (ComparisonView | undefined)[] {
  return ids.slice(1).map((id) => views.find((v) => v.right === id));
}

/** Rows for items (partners or schemes) matched by id across the comparisons. */
function mergeItems(
  ordered: readonly (ComparisonView | undefined)[],
  pick: (v: ComparisonView) => readonly Keyed[],
  metrics: readonly { key: string; label: string }[],
): ItemGroup[] {
  const ids: string[] = [];
  for (const v of ordered) {
    if (!v || v.comparison.outcome_missing) continue;
    for (const item of pick(v)) if (!ids.includes(item.id)) ids.push(item.id);
  }
  return ids.map((id) => {
    const found = ordered.map((v) =>
      v && !v.comparison.outcome_missing ? pick(v).find((x) => x.id === id) : undefined,
    );
    const rows = metrics.map(({ key, label }) => {
      const moves = found.map((item) => item?.[key] as Movement | undefined);
      const first = moves.find((m) => m !== undefined);
      const cells: Cell[] = [
        first ? { value: first.left, change: null, differs: false } : EMPTY,
        ...ordered.map((v, i): Cell => {
          const m = moves[i];
          if (m) return { value: m.right, change: m.change, differs: parsePence(m.change) !== 0n };
          // A scenario with an outcome but without this item: it differs by not having it.
          return v && !v.comparison.outcome_missing ? { ...EMPTY, differs: true } : EMPTY;
        }),
      ];
      return { key, label, cells };
    });
    return { id, rows, differs: rows.some((r) => r.cells.some((c) => c.differs)) };
  });
}

/**
 * Merges the comparisons returned for `ids` (the first scenario against each other one) into
 * side-by-side rows with `ids.length` cells each.
 */
export function mergeComparisons(ids: readonly number[], views: readonly ComparisonView[]): Merged {
  const ordered = inOrder(ids, views);
  const missing = ordered.map((v) => !v || v.comparison.outcome_missing);
  const firstMissing = missing.length > 0 && missing.every(Boolean);
  const firstVariance = ordered.find((v) => v?.comparison.variance)?.comparison.variance ?? null;
  const variance: MetricRow | null = firstVariance
    ? {
        key: 'variance',
        label: 'Total variance',
        cells: [
          { value: firstVariance.left, change: null, differs: false },
          ...ordered.map((v): Cell => {
            const m = v?.comparison.variance;
            return m ? { value: m.right, change: m.change, differs: parsePence(m.change) !== 0n } : EMPTY;
          }),
        ],
      }
    : null;
  return {
    missing: [firstMissing, ...missing],
    variance,
    partners: mergeItems(ordered, (v) => v.comparison.partners as unknown as Keyed[], PARTNER_METRICS),
    schemes: mergeItems(ordered, (v) => v.comparison.schemes as unknown as Keyed[], SCHEME_METRICS).filter(
      (s) => s.differs,
    ),
    differences: ordered.map((v) => (v?.comparison.fields ?? []).map((d) => d.text)),
  };
}

/** "▲ £12,345.00" for an increase, "▼ (£1,500.00)" for a decrease, "" for none. */
export function changeText(change: string | null): string {
  if (change === null) return '';
  const pence = parsePence(change);
  if (pence === 0n) return '';
  return `${pence > 0n ? '▲' : '▼'} ${formatMoney(change)}`;
}
