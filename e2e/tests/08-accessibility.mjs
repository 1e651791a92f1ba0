// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every main screen of the real
// window, in the states people see: fails on any "serious" or "critical" violation.
import { TestFailure, axeAudit as audit, go, listScenarios, shoot } from '../lib.mjs';

export default {
  name: 'No serious or critical accessibility violations on any main screen',
  workspace: 'demo',
  async run(ctx, s) {
    const found = [];
    const problems = [];
    /** One screen's step: a failure to get there is reported with the rest, not alone. */
    const step = async (what, action) => {
      try {
        await action();
      } catch (e) {
        problems.push(`${what}: ${e.message}`);
      }
    };
    await step('Workspace', async () => {
      await go(s, 'workspace');
      await shoot(ctx, s, '08-workspace');
      await audit(ctx, s, 'Workspace', found);
    });
    await step('Plan editor', async () => {
      await go(s, 'editor');
      await audit(ctx, s, 'Plan editor (open scenario)', found);
    });
    await step('Scenarios', async () => {
      await go(s, 'compare');
      await audit(ctx, s, 'Scenarios', found);
      const ids = listScenarios(ctx, ctx.workspace).map((x) => x.id).slice(0, 2);
      if (ids.length === 2) {
        for (const id of ids) {
          const box = `[data-testid="compare-select-${id}"]`;
          if (!(await s.prop(box, 'checked'))) await s.click(box);
        }
        await s.click('[data-testid="compare-run"]');
        await s.waitForElement('[data-testid="comparison"]', 15000);
        await audit(ctx, s, 'Scenarios with a comparison', found);
      }
    });
    await step('Agree', async () => {
      await go(s, 'agree');
      await audit(ctx, s, 'Agree (open scenario)', found);
    });
    await step('History', async () => {
      await go(s, 'history');
      await s.waitForElement('[data-testid="history-table"]');
      await s.click('[data-testid="verify-chain"]');
      await s.waitForElement('[data-testid="verify-result"]');
      await audit(ctx, s, 'History', found);
    });
    // A draft: the editable editor and the sign-off form, also with its messages showing.
    await step('A new draft', async () => {
      await go(s, 'agree');
      if (await s.exists('[data-testid="new-draft-from-agreed"]')) {
        await s.click('[data-testid="new-draft-from-agreed"]');
        await s.waitForElement('[data-testid="screen-editor"]', 15000);
        await audit(ctx, s, 'Plan editor (a draft)', found);
        await go(s, 'agree');
      }
      if (await s.exists('[data-testid="agree-submit"]')) {
        await audit(ctx, s, 'Agree (sign-off form)', found);
        await s.click('[data-testid="agree-submit"]');
        await s.waitForElement('[data-error-for="signoff-name-0"]');
        await audit(ctx, s, 'Agree (sign-off form with messages)', found);
      }
    });

    if (found.length > 0) {
      const lines = found.map(
        (v) => `${v.where}: ${v.id} (${v.impact}, ${v.count} element${v.count === 1 ? '' : 's'}): ${v.help}\n    at ${v.targets.join('\n    at ')}`,
      );
      problems.push(`${found.length} serious or critical violations:\n${lines.join('\n')}`);
    }
    if (problems.length > 0) throw new TestFailure(problems.join('\n'));
  },
};
