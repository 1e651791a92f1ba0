import type { Status } from '../../lib/generated/Status';

/** A scenario's status in words (the header uses the same words). */
export const STATUS_WORDS: Record<Status, string> = {
  draft: 'Draft',
  agreed: 'Agreed (locked)',
  superseded: 'Superseded (locked)',
};
