// An invalid entry: typing an amount with three decimals shows the reason next to the field,
// and nothing is saved: the scenario's revision and the final costs stay as they were.
import { assert, assertEqual, go, listScenarios, retype, shownFinalCosts } from '../lib.mjs';
import { Keys } from '../webdriver.mjs';

export default {
  name: 'An invalid entry shows its message and saves nothing',
  workspace: 'demo',
  async run(ctx, s) {
    await go(s, 'editor');
    const path = 'schemes[id=NB03].forecast';
    const field = `[data-path="${path}"]`;
    await s.waitForElement(field);
    const costs = await shownFinalCosts(s);
    const before = listScenarios(ctx, ctx.workspace);
    assert(before.length > 0, 'the CLI lists the scenarios of the workspace');

    await retype(s, field, '12.345');
    const message = await s.waitFor(
      async () => {
        const els = await s.findAll(`[data-error-for="${path}"]`);
        return els.length > 0 ? s.text(els[0]) : null;
      },
      { timeout: 5000, message: `a message next to ${path}` },
    );
    assert(/decimal place/i.test(message), `the message mentions decimal places; it says "${message}"`);
    assertEqual(await s.attr(field, 'aria-invalid'), 'true', 'the field is marked invalid');

    // Give any (wrong) save time to happen, then check nothing was recorded.
    await new Promise((r) => setTimeout(r, 1000));
    const after = listScenarios(ctx, ctx.workspace);
    assertEqual(JSON.stringify(after), JSON.stringify(before), 'scenarios and revisions in the workspace file');
    const costsAfter = await shownFinalCosts(s);
    assertEqual(JSON.stringify(costsAfter), JSON.stringify(costs), 'the final costs shown');

    // Leave the field as it was for the tests that follow (Escape puts back the saved value).
    await s.type(field, Keys.ESCAPE);
  },
};
