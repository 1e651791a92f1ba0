// Editing a scheme's forecast: once saved, the outcome panel shows each partner's final cost
// exactly as the engine (the `pooled evaluate` CLI) works it out for the same plan.
import {
  PARTNERS,
  assert,
  assertEqual,
  demoPlan,
  engineFinalCosts,
  go,
  money,
  retype,
  settledFinalCosts,
  shoot,
  shownFinalCosts,
  waitSaved,
} from '../lib.mjs';

/** The new forecast for the first scheme (NB01): about £300k more than the demo's. */
export const NEW_FORECAST = '6123456.78';

export default {
  name: "Editing a forecast shows the engine's exact final costs",
  workspace: 'demo',
  async run(ctx, s) {
    await go(s, 'editor');
    const field = '[data-path="schemes[id=NB01].forecast"]';
    await s.waitForElement(field);
    const before = await shownFinalCosts(s);

    const plan = demoPlan(ctx);
    plan.schemes[0].forecast = NEW_FORECAST;
    const expected = engineFinalCosts(ctx, plan, 'edited');
    const expectedShown = Object.fromEntries(PARTNERS.map((id) => [id, money(expected[id])]));

    await retype(s, field, NEW_FORECAST);
    await waitSaved(s);
    // The panel follows the saved scenario; give it a moment to draw, then compare exactly.
    const shown = await settledFinalCosts(s, expectedShown);
    for (const id of PARTNERS) assertEqual(shown[id], expectedShown[id], `final cost of ${id} after the edit`);
    assert(
      PARTNERS.some((id) => shown[id] !== before[id]),
      `at least one final cost changes (before ${JSON.stringify(before)}, after ${JSON.stringify(shown)})`,
    );
    const value = await s.prop(field, 'value');
    assertEqual(value, money(NEW_FORECAST), 'the forecast field shows the saved value');

    ctx.shared.editedCosts = expected;
    ctx.shared.forecastEdit = { path: 'schemes[id=NB01].forecast', after: money(NEW_FORECAST) };
    await shoot(ctx, s, '02-editor-schemes-after-edit', '[data-testid="schemes-table"]');
    await shoot(ctx, s, '02-editor-schemes-totals', '[data-testid="schemes-totals"]');
    await shoot(ctx, s, '02-editor-risk-share', '[data-testid="risk-share"]');

    // Filtered by text, the totals are of the schemes left, added up by the backend.
    const pence = (a) => {
      const [pounds, p = ''] = String(a).split('.');
      return BigInt(pounds) * 100n + BigInt(p.padEnd(2, '0'));
    };
    const left = plan.schemes.filter((x) => x.id.startsWith('NB0'));
    const budget = left.flatMap((x) => x.funding).reduce((t, f) => t + pence(f.amount), 0n);
    const expectedBudget = money(`${budget / 100n}.${String(budget % 100n).padStart(2, '0')}`);
    await retype(s, '[data-testid="schemes-filter"]', 'NB0', { enter: false });
    const filtered = await s.waitFor(
      async () => {
        const shown = (await s.text('[data-testid="total-budget"]')).trim();
        return shown === expectedBudget ? shown : null;
      },
      { timeout: 10000, message: `the budget of the ${left.length} schemes NB01 to NB09, ${expectedBudget}` },
    );
    assertEqual(filtered, expectedBudget, 'the total budget of the schemes matching the filter');
    await retype(s, '[data-testid="schemes-filter"]', '', { enter: false });
  },
};
