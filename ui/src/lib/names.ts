// Names for ids, as people read them.
import type { PartnerDoc } from './generated/PartnerDoc';

/** A partner's name, or its id when no partner has that id. */
export function partnerName(id: string, partners: readonly PartnerDoc[]): string {
  return partners.find((p) => p.id === id)?.name ?? id;
}
