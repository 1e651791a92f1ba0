// First run: the app creates the workspace with the demo plan and opens it, with the outcome
// beside it: a final cost for each of the three partners, exactly as the engine works it out.
import {
  PARTNERS,
  assert,
  assertEqual,
  assertFixedShell,
  demoPlan,
  engineFinalCosts,
  money,
  shoot,
  shownFinalCosts,
} from '../lib.mjs';

export default {
  name: 'First run shows the demo plan and each partner\'s final cost',
  workspace: 'demo',
  async run(ctx, s) {
    const header = await s.text('[data-testid="current-scenario"]');
    assert(header.includes('Northbrook'), `the header names the Northbrook plan; it says "${header}"`);
    assert(header.includes('2025/26'), `the header shows the year 2025/26; it says "${header}"`);

    const expected = engineFinalCosts(ctx, demoPlan(ctx), 'demo');
    await s.waitForElement('[data-testid="final-cost-council"]');
    const shown = await shownFinalCosts(s);
    for (const id of PARTNERS) assertEqual(shown[id], money(expected[id]), `final cost of ${id}`);
    ctx.shared.baselineCosts = expected;
    await assertFixedShell(s, 'the plan editor');

    await shoot(ctx, s, '01-editor-with-outcome');
  },
};
