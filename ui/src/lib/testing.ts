// What the unit tests share (imported only by *.test.ts files).
import type { PartnerDoc } from './generated/PartnerDoc';
import type { PartnerKind } from './generated/PartnerKind';

/** Partners written briefly: `partnersOf(['council', 'Northbrook Council', 'council'], …)`. */
export function partnersOf(...rows: [string, string, PartnerKind][]): PartnerDoc[] {
  return rows.map(([id, name, kind]) => ({ id, name, kind }));
}
