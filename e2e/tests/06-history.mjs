// The History screen reads each change as a sentence ("Name (ID): forecast £… → £…"), and a
// scheme chosen by name lists only that scheme's changes, even after a scheme was inserted
// before it (so that its position moved); the check of the chain reports it intact.
import { assert, demoPlan, go, listScenarios, money, pooled, retype, shoot, waitSaved } from '../lib.mjs';
import { NEW_FORECAST } from './02-edit-forecast.mjs';

const LATER_FORECAST = '6200000.00';
const INSERTED = 'NB00';

/** The rows of the history table, as text. */
function rowTexts(s) {
  return s.exec(`return [...document.querySelectorAll('[data-testid="history-entry"]')].map((r) => r.innerText);`);
}

export default {
  name: 'The history reads each change and filters by a scheme chosen by name',
  workspace: 'demo',
  async run(ctx, s) {
    const plan = demoPlan(ctx);
    const first = plan.schemes[0];
    const baseline = listScenarios(ctx, ctx.workspace).find((x) => x.name === 'Baseline');
    assert(baseline?.status === 'draft', `the Baseline scenario is a draft: ${JSON.stringify(baseline)}`);

    // A scheme inserted before the first one, from the command line: NB01 moves to position 1.
    const inserted = { ...structuredClone(first), id: INSERTED, name: 'Night sitting (e2e)', funding: [] };
    delete inserted.forecast;
    pooled(ctx, [
      'insert', String(baseline.id), 'schemes[0]', JSON.stringify(inserted),
      '--reason', 'A scheme before the first', '--workspace', ctx.workspace,
    ]);

    // Open the Baseline in the window and change NB01's forecast (and the new scheme's).
    await go(s, 'workspace');
    await s.click(`[data-testid="open-scenario-${baseline.id}"]`);
    const field = `[data-path="schemes[id=${first.id}].forecast"]`;
    await s.waitForElement(`[data-path="schemes[id=${INSERTED}].forecast"]`, 15000);
    await retype(s, field, LATER_FORECAST);
    await waitSaved(s);
    await retype(s, `[data-path="schemes[id=${INSERTED}].forecast"]`, '1000.00');
    await waitSaved(s);

    await go(s, 'history');
    await s.waitForElement('[data-testid="history-table"]');
    // All scenarios: NB01 was changed on the Baseline and on its copy.
    const only = '[data-testid="history-this-scenario"]';
    if (await s.prop(only, 'checked')) await s.click(only);
    await s.click('[data-testid="history-apply"]');
    const reading = `${first.name} (${first.id}): forecast`;
    const rows = await s.waitFor(
      async () => {
        const texts = await rowTexts(s);
        // Every scenario's entries, not the list shown before Apply took effect: the agreement
        // and the duplicate (made on the copy) are among them.
        const all = texts.some((t) => /Agreed/.test(t)) && texts.some((t) => /Branched/.test(t));
        return all && texts.some((t) => t.includes(reading) && t.includes(money(NEW_FORECAST))) ? texts : null;
      },
      {
        timeout: 10000,
        message: `every scenario's history, with the agreement, the duplicate and "${reading} … → ${money(NEW_FORECAST)}"`,
      },
    );
    assert(rows.some((t) => t.includes(`(${INSERTED})`)), 'the inserted scheme\'s change is in the history');

    // Choose the scheme by its name: the option reads "Name (ID)".
    const chosen = await s.exec(
      `const [label] = arguments;
       const select = document.querySelector('[data-testid="history-subject"]');
       const option = [...select.options].find((o) => o.text === label);
       if (!option) return [...select.options].map((o) => o.text);
       select.value = option.value;
       select.dispatchEvent(new Event('change', { bubbles: true }));
       return option.value;`,
      [`${first.name} (${first.id})`],
    );
    assert(chosen === `scheme:${first.id}`, `the scheme is offered by name: ${JSON.stringify(chosen)}`);
    await s.click('[data-testid="history-apply"]');
    const name = first.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const amount = '\\(?£[\\d,]+\\.\\d{2}\\)?';
    const pattern = new RegExp(`^${name} \\(${first.id}\\): forecast ${amount} → ${amount}`);
    const filtered = await s.waitFor(
      async () => {
        const texts = await s.exec(
          `return [...document.querySelectorAll('[data-testid="history-text"]')].map((c) => c.innerText.trim());`,
        );
        return texts.length >= 3 && texts.every((t) => pattern.test(t)) ? texts : null;
      },
      { timeout: 10000, message: `only changes reading "${reading} £… → £…" after choosing ${first.id}` },
    );
    assert(filtered.some((t) => t.includes(money(LATER_FORECAST))), `the change made after the insert is listed: ${filtered}`);
    assert(filtered.some((t) => t.includes(money(NEW_FORECAST))), `the change made before the insert is listed: ${filtered}`);
    assert(!filtered.some((t) => t.includes(INSERTED)), 'no change to the inserted scheme is listed');

    await s.click('[data-testid="verify-chain"]');
    const result = await s.waitForElement('[data-testid="verify-result"]');
    const text = await s.text(result);
    assert(/The history is intact: \d+ entr(y|ies), \d+ changes?, \d+ agreements? checked\./.test(text), `the verify result: "${text}"`);
    assert((await s.attr(result, 'role')) === 'status', 'the result is announced as a status');
    await shoot(ctx, s, '06-history');

    // The tests that follow work on the agreed scenario: open it again.
    const agreed = ctx.shared.agreed;
    if (agreed) {
      await go(s, 'workspace');
      await s.click(`[data-testid="open-scenario-${agreed.id}"]`);
      await s.waitFor(async () => (await s.text('[data-testid="current-scenario"]')).includes(agreed.name), {
        message: `the agreed scenario "${agreed.name}" open again`,
      });
    }
  },
};
