// Duplicating a scenario and comparing: the copy is edited, both are chosen, and the comparison
// shows the partners' final costs side by side, the differing ones marked "changed".
import {
  assert,
  assertEqual,
  engineFinalCosts,
  go,
  listScenarios,
  money,
  retype,
  shoot,
  storedPlan,
  waitSaved,
} from '../lib.mjs';

const COPY = 'M6 forecast (e2e)';
const COPY_FORECAST = '7250000.00';

export default {
  name: 'Duplicating a scenario and comparing it with the original',
  workspace: 'demo',
  async run(ctx, s) {
    const [original] = listScenarios(ctx, ctx.workspace);
    assert(original, 'the workspace has a scenario');
    const originalPlan = storedPlan(ctx, original.id);

    await go(s, 'compare');
    await retype(s, '[data-testid="duplicate-name"]', COPY, { enter: false });
    await s.click('[data-testid="duplicate-scenario"]');
    const copy = await s.waitFor(() => listScenarios(ctx, ctx.workspace).find((x) => x.name === COPY), {
      timeout: 10000,
      message: `the copy "${COPY}" in the workspace`,
    });
    await s.waitFor(async () => (await s.text('[data-testid="current-scenario"]')).includes(COPY), {
      message: 'the copy to be the open scenario',
    });

    await go(s, 'editor');
    await retype(s, '[data-path="schemes[id=NB01].forecast"]', COPY_FORECAST);
    await waitSaved(s);

    const changed = structuredClone(originalPlan);
    changed.schemes[0].forecast = COPY_FORECAST;
    const expectedOriginal = engineFinalCosts(ctx, originalPlan, 'original');
    const expectedCopy = engineFinalCosts(ctx, changed, 'copy');

    await go(s, 'compare');
    await s.click(`[data-testid="compare-select-${original.id}"]`);
    await s.click(`[data-testid="compare-select-${copy.id}"]`);
    await s.click('[data-testid="compare-run"]');
    await s.waitForElement('[data-testid="comparison"]', 15000);

    // Each partner's "Final cost" row: the figure and whether it is marked changed, per column.
    const rows = await s.exec(`
      const out = {};
      for (const body of document.querySelectorAll('[data-testid="comparison"] tbody[data-testid^="compare-partner-"]')) {
        const id = body.dataset.testid.replace('compare-partner-', '');
        for (const tr of body.querySelectorAll('tr')) {
          const label = tr.querySelector('th[scope="row"]');
          if (!label || !/final cost/i.test(label.textContent)) continue;
          out[id] = [...tr.querySelectorAll('td')].map((td) => ({
            text: (td.querySelector('.value') || td).textContent.trim(),
            changed: td.classList.contains('changed'),
          }));
        }
      }
      return out;`);
    assert(Object.keys(rows).length === 3, `the comparison has a final cost row for each of 3 partners: ${JSON.stringify(rows)}`);
    let differing = 0;
    for (const [id, cells] of Object.entries(rows)) {
      assertEqual(cells.length, 2, `columns for ${id}`);
      assertEqual(cells[0].text, money(expectedOriginal[id]), `${id}'s final cost in the original`);
      assertEqual(cells[1].text, money(expectedCopy[id]), `${id}'s final cost in the copy`);
      const differs = expectedOriginal[id] !== expectedCopy[id];
      assertEqual(cells[1].changed, differs, `${id}'s final cost in the copy is marked changed`);
      if (differs) differing += 1;
    }
    assert(differing > 0, 'at least one partner\'s final cost differs between the two scenarios');
    ctx.shared.copy = { id: copy.id, name: COPY };
    await shoot(ctx, s, '04-compare-results', '[data-testid="comparison-result"]');
    // What differs in the plans, in words: the copy's forecast of NB01.
    const differences = await s.text('[data-testid="comparison-fields"]');
    assert(/\(NB01\): forecast £[\d,.]+ → £7,250,000\.00/.test(differences), `the difference in words: "${differences}"`);
    await shoot(ctx, s, '04-compare-differences', '[data-testid="comparison-fields"]');
  },
};
