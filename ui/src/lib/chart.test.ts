import { describe, expect, it } from 'vitest';
import { chartSummary, layoutBars, toPixels } from './chart';

describe('toPixels', () => {
  it('scales exactly with bigint pence and clamps to the chart', () => {
    expect(toPixels(50n, 100n, 300)).toBe(150);
    expect(toPixels(1n, 3n, 300)).toBe(100);
    expect(toPixels(200n, 100n, 300)).toBe(300);
    expect(toPixels(-5n, 100n, 300)).toBe(0);
    expect(toPixels(5n, 0n, 300)).toBe(0);
  });
  it('keeps full precision on amounts beyond floating-point integers', () => {
    const full = 10_000_000_000_000n; // £100bn in pence
    expect(toPixels(full - 1n, full, 1000)).toBe(999);
  });
});

describe('layoutBars', () => {
  const partners = [
    { id: 'a', contribution: '100.00', overspend_share: '50.00', underspend_share: '0.00' },
    { id: 'b', contribution: '60.00', overspend_share: '0.00', underspend_share: '20.00' },
  ];

  it('stacks kept contribution, overspend share and the returned part, longest bar full width', () => {
    const bars = layoutBars(partners, 300, 0).map((bar) => [bar.id, bar.segments.map((g) => [g.kind, g.x, g.width]), bar.finalX]);
    expect(bars).toEqual([
      ['a', [['kept', 0, 200], ['overspend', 200, 100]], 300],
      ['b', [['kept', 0, 80], ['returned', 80, 40]], 80],
    ]);
  });

  it('leaves no gaps between segments and draws nothing when all is zero', () => {
    const [c] = layoutBars([{ id: 'c', contribution: '1.00', overspend_share: '1.00', underspend_share: '1.00' }], 7, 0);
    const widths = c?.segments.reduce((sum, s) => sum + s.width, 0);
    expect(widths).toBe(7);
    expect(layoutBars([{ id: 'z', contribution: '0.00', overspend_share: '0.00', underspend_share: '0.00' }], 300)[0]?.segments).toEqual([]);
  });

  it('does not draw past zero when more is returned than was put in', () => {
    const [d] = layoutBars([{ id: 'd', contribution: '10.00', overspend_share: '0.00', underspend_share: '15.00' }], 100, 0);
    expect(d?.segments).toEqual([{ kind: 'returned', x: 0, width: 100 }]);
    expect(d?.finalX).toBe(0);
  });
});

describe('layoutBars with a minimum segment', () => {
  it('keeps a tiny share visible and scales the rest within the width', () => {
    const [a] = layoutBars(
      [{ id: 'a', contribution: '17000000.00', overspend_share: '500.00', underspend_share: '12.00' }],
      304,
      2,
    );
    expect(a?.segments).toEqual([
      { kind: 'kept', x: 0, width: 299 },
      { kind: 'overspend', x: 299, width: 2 },
      { kind: 'returned', x: 301, width: 2 },
    ]);
    expect(a?.finalX).toBe(301);
  });
});

describe('chartSummary', () => {
  it('lists each final cost by name', () => {
    const text = chartSummary(
      [{ id: 'a', contribution: '1.00', overspend_share: '0.00', underspend_share: '0.00', final_cost: '1.00' }],
      (id) => (id === 'a' ? 'Alpha' : id),
    );
    expect(text).toBe("Who pays what, each partner's final cost: Alpha £1.00.");
    expect(chartSummary([], (id) => id)).toBe('Who pays what: there are no partners.');
  });
});
