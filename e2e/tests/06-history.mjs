// The History screen lists the edits made earlier, with their field paths and values, and the
// check of the chain reports it intact.
import { assert, go, money, shoot } from '../lib.mjs';
import { NEW_FORECAST } from './02-edit-forecast.mjs';

export default {
  name: 'The history lists the edits and the chain verifies',
  workspace: 'demo',
  async run(ctx, s) {
    await go(s, 'history');
    await s.waitForElement('[data-testid="history-table"]');
    // All scenarios: the forecast edit was made on the original, before it was duplicated.
    const only = '[data-testid="history-this-scenario"]';
    if (await s.prop(only, 'checked')) await s.click(only);
    await s.click('[data-testid="history-apply"]');

    const rows = await s.waitFor(
      async () => {
        const texts = await s.exec(
          `return [...document.querySelectorAll('[data-testid="history-entry"]')].map((r) => r.innerText);`,
        );
        return texts.some((t) => t.includes('schemes[0].forecast') && t.includes(money(NEW_FORECAST))) ? texts : null;
      },
      { timeout: 10000, message: `a history entry for schemes[0].forecast → ${money(NEW_FORECAST)}` },
    );
    assert(rows.some((t) => /Agreed/.test(t)), 'the agreement is in the history');
    assert(rows.some((t) => /Branched/.test(t)), 'the duplicate is in the history');
    const changes = rows.filter((t) => /Changed/.test(t));
    assert(changes.length >= 2, `at least the two forecast changes are listed (${changes.length})`);

    // Filtering by field keeps only the changes to it.
    await s.click('[data-testid="history-field"]');
    await s.type('[data-testid="history-field"]', 'schemes[0]');
    await s.click('[data-testid="history-apply"]');
    await s.waitFor(
      async () => {
        const texts = await s.exec(
          `return [...document.querySelectorAll('[data-testid="history-entry"]')].map((r) => r.innerText);`,
        );
        return texts.length > 0 && texts.every((t) => t.includes('schemes[0]'));
      },
      { timeout: 10000, message: 'only entries for schemes[0] after filtering' },
    );

    await s.click('[data-testid="verify-chain"]');
    const result = await s.waitForElement('[data-testid="verify-result"]');
    const text = await s.text(result);
    assert(/The history is intact: \d+ entr(y|ies), \d+ changes?, \d+ agreements? checked\./.test(text), `the verify result: "${text}"`);
    assert((await s.attr(result, 'role')) === 'status', 'the result is announced as a status');
    await shoot(ctx, s, '06-history');
  },
};
