// Real agreements in the risk-share editor: an opening reserve on two groups, one group made an
// aligned budget (no money moves), a netting set across two pools, and an overspend rule
// agreed by the partnership board with its amounts typed (pasted) in. The outcome panel then
// shows what the engine works out, to the penny: the reserve drawn, the closing reserve, each
// unit's netting, and the board's total against the overspend to be shared. Two refusals are
// shown at their fields: a negative reserve, and an aligned budget put in a netting set.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PARTNERS,
  TestFailure,
  assert,
  assertEqual,
  axeAudit,
  engineFinalCosts,
  go,
  listScenarios,
  money,
  openScenario,
  pooled,
  retype,
  settledFinalCosts,
  shoot,
  storedPlan,
} from '../lib.mjs';

const group = (id) => `risk_share.groups[id=${id}]`;
const field = (path) => `[data-path="${path}"]`;

/** The figures the engine gives for the plan built here (`pooled evaluate`), as the window
    writes them. */
const EXPECTED = {
  reserveDrawn: '£100,000.00',
  closingReserve: '£50,000.00',
  coreOffset: '£212,802.32',
  dfgOffset: '(£212,802.32)',
  coreAfterNetting: '£421,749.99',
  coreShared: '£321,749.99',
  agreedTotal: '£320,000.00',
  difference: '£1,749.99',
};

/** Waits until the open scenario's revision in the workspace file is past `before`. */
async function savedAfter(ctx, id, before, what) {
  const revision = () => listScenarios(ctx, ctx.workspace).find((x) => x.id === id)?.revision ?? -1;
  await new Promise((r) => setTimeout(r, 50));
  const start = Date.now();
  while (revision() <= before) {
    if (Date.now() - start > 15000) throw new TestFailure(`${what} was not saved (revision still ${before})`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return revision();
}

/** Chooses an option of a select the way a person's choice arrives: a change event. */
async function choose(s, selector, value) {
  const chosen = await s.exec(
    `const select = document.querySelector(arguments[0]);
     if (!select) return 'no select';
     if (![...select.options].some((o) => o.value === arguments[1])) return [...select.options].map((o) => o.value).join(',');
     select.value = arguments[1];
     select.dispatchEvent(new Event('change', { bubbles: true }));
     return 'ok';`,
    [selector, value],
  );
  if (chosen !== 'ok') throw new TestFailure(`could not choose ${value} in ${selector}: ${chosen}`);
}

/** The message shown under the field at `path`. */
async function messageAt(s, path, what) {
  return s.waitFor(
    async () => {
      const els = await s.findAll(`[data-error-for="${path}"]`);
      return els.length > 0 ? s.text(els[0]) : null;
    },
    { timeout: 10000, message: `a message at ${what}` },
  );
}

async function shownText(s, testid, expected, what) {
  const selector = `[data-testid="${testid}"]`;
  return s
    .waitFor(async () => ((await s.text(selector)).includes(expected) ? true : null), { timeout: 10000, message: what })
    .then(async () => (await s.text(selector)).trim())
    .catch(async () => {
      const now = (await s.findAll(selector)).length > 0 ? await s.text(selector) : '(not shown)';
      throw new TestFailure(`${what}: expected ${expected}, the window shows "${now}"`);
    });
}

export default {
  name: 'Reserves, an aligned budget, a netting set and an agreed rule, to the penny',
  workspace: 'agreements',
  async run(ctx, s) {
    await go(s, 'editor');
    const { id } = await openScenario(ctx, s);
    let revision = listScenarios(ctx, ctx.workspace).find((x) => x.id === id).revision;

    // 1. An opening reserve on the core pool.
    const coreReserve = field(`${group('core')}.opening_reserve`);
    await s.waitForElement(coreReserve);
    await retype(s, coreReserve, '100000');
    revision = await savedAfter(ctx, id, revision, 'the core pool reserve');

    // 2. A negative reserve is refused at its field; then a proper one is saved.
    const dfgPath = `${group('dfg')}.opening_reserve`;
    await retype(s, field(dfgPath), '(50)');
    const negative = await messageAt(s, dfgPath, 'the DFG reserve');
    assert(/below zero/i.test(negative), `the message says the reserve is below zero; it says "${negative}"`);
    assertEqual(await s.attr(field(dfgPath), 'aria-invalid'), 'true', 'the reserve field is marked invalid');
    await shoot(ctx, s, '10-negative-reserve', `[data-testid="group-dfg"]`);
    await retype(s, field(dfgPath), '£50,000');
    revision = await savedAfter(ctx, id, revision, 'the DFG reserve');
    assertEqual((await s.findAll(`[data-error-for="${dfgPath}"]`)).length, 0, 'messages at the reserve once saved');

    // 3. The schemes at each commissioner's own risk become an aligned budget.
    await s.click('[data-testid="aligned-own"]');
    revision = await savedAfter(ctx, id, revision, 'the aligned budget');

    // 4. A netting set: the two free groups, core and DFG (an aligned budget is never offered).
    await s.click('[data-testid="add-netting-set"]');
    revision = await savedAfter(ctx, id, revision, 'the netting set');
    await s.waitForElement('[data-testid="netting-member-0-1"]');
    assertEqual(await s.prop('[data-testid="netting-member-0-0"]', 'value'), 'core', 'first group of the set');
    assertEqual(await s.prop('[data-testid="netting-member-0-1"]', 'value'), 'dfg', 'second group of the set');

    // ... and an aligned budget put in it is refused at that member's field.
    const memberPath = 'risk_share.offsets[0][1]';
    await choose(s, '[data-testid="netting-member-0-1"]', 'own');
    const aligned = await messageAt(s, memberPath, 'the netting set member');
    assert(/aligned budget/i.test(aligned), `the message says the group is an aligned budget; it says "${aligned}"`);
    await shoot(ctx, s, '10-netting-set-refused', '[data-testid="netting-sets"]');
    assertEqual(await s.prop('[data-testid="netting-member-0-1"]', 'value'), 'dfg', 'the member left as saved');

    // 5. The core overspend is shared as agreed by the board; the amounts are pasted in as
    //    cells copied from a spreadsheet (one column), or typed where a paste cannot be made.
    await choose(s, '[data-testid="method-overspend-core"]', 'agreed');
    revision = await savedAfter(ctx, id, revision, 'the agreed rule');
    const amount = (p) => field(`${group('core')}.overspend.amounts.${p}`);
    await s.waitForElement(amount('council'));
    const pasted = await s.exec(
      `const el = document.querySelector(arguments[0]);
       if (typeof DataTransfer !== 'function') return 'no DataTransfer';
       const data = new DataTransfer();
       data.setData('text/plain', arguments[1]);
       const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
       el.focus();
       el.dispatchEvent(event);
       return event.defaultPrevented ? 'pasted' : 'not taken';`,
      [amount('council'), '200,000.00\n100000\n£20,000\n'],
    );
    if (pasted === 'pasted') {
      revision = await savedAfter(ctx, id, revision, 'the pasted amounts');
    } else {
      ctx.log(`paste could not be made here (${pasted}); typing the amounts`);
      for (const [p, a] of [['council', '200000'], ['icb-dales', '100000'], ['icb-eastmoor', '20000']]) {
        await retype(s, amount(p), a);
        revision = await savedAfter(ctx, id, revision, `the amount for ${p}`);
      }
    }

    // The plan saved is the one meant.
    const plan = storedPlan(ctx, id);
    const groups = Object.fromEntries(plan.risk_share.groups.map((g) => [g.id, g]));
    assertEqual(groups.core.opening_reserve, '100000.00', 'core opening reserve saved');
    assertEqual(groups.dfg.opening_reserve, '50000.00', 'DFG opening reserve saved');
    assertEqual(groups.own.settle, false, 'own risk schemes saved as aligned');
    assertEqual(JSON.stringify(plan.risk_share.offsets), '[["core","dfg"]]', 'the netting sets saved');
    assertEqual(
      JSON.stringify(groups.core.overspend),
      JSON.stringify({ method: 'agreed', amounts: { council: '200000.00', 'icb-dales': '100000.00', 'icb-eastmoor': '20000.00' } }),
      'the agreed overspend rule saved',
    );

    // The figures expected here are the engine's for the plan saved (`pooled evaluate`).
    const file = join(ctx.tmp, `agreements-${Date.now()}.plan.json`);
    writeFileSync(file, JSON.stringify(plan, null, 2));
    const outcome = JSON.parse(pooled(ctx, ['evaluate', file]));
    const unit = (uid) => outcome.units.find((u) => u.id === uid);
    assertEqual(money(outcome.totals.reserve_drawn), EXPECTED.reserveDrawn, "the engine's reserve drawn");
    assertEqual(money(outcome.totals.closing_reserve), EXPECTED.closingReserve, "the engine's closing reserve");
    assertEqual(money(unit('core').offset), EXPECTED.coreOffset, "the engine's netting of core");
    assertEqual(money(unit('dfg').offset), EXPECTED.dfgOffset, "the engine's netting of DFG");
    assertEqual(money(unit('core').shared_variance), EXPECTED.coreAfterNetting, "the engine's core variance after netting");

    // 6. The amounts table: the board's total against the overspend to be shared.
    const total = await shownText(s, 'amounts-total-overspend-core', EXPECTED.agreedTotal, 'the total agreed');
    assertEqual(total, EXPECTED.agreedTotal, 'the total agreed by the board');
    assertEqual(
      await shownText(s, 'amounts-to-share-overspend-core', EXPECTED.coreShared, 'the overspend to be shared'),
      EXPECTED.coreShared,
      'the overspend to be shared after netting and the reserve',
    );
    assertEqual(
      await shownText(s, 'amounts-difference-overspend-core', EXPECTED.difference, 'the difference'),
      EXPECTED.difference,
      'the difference left uncovered',
    );
    const words = await s.text('[data-testid="amounts-words-overspend-core"]');
    assert(
      words.includes(`The board agreed ${EXPECTED.difference} less than the overspend to be shared, so the rest is left uncovered.`),
      `the difference in words, as the warning says it; the window says "${words}"`,
    );
    assertEqual((await s.text('[data-testid="unit-offset-core"]')).trim(), EXPECTED.coreOffset, 'core netting in the group table');
    await shoot(ctx, s, '10-agreed-amounts', '[data-testid="rule-overspend-core"]');
    await shoot(ctx, s, '10-core-group', '[data-testid="group-core"]');
    await shoot(ctx, s, '10-core-units-table', '#units-core');
    await shoot(ctx, s, '10-netting-sets', '[data-testid="netting-sets"]');

    // 7. The outcome panel: reserves in the headline, each unit's netting and reserve.
    assertEqual(
      await shownText(s, 'total-reserve-drawn', EXPECTED.reserveDrawn, 'reserve drawn'),
      EXPECTED.reserveDrawn,
      'drawn from reserves',
    );
    assertEqual(
      await shownText(s, 'total-closing-reserve', EXPECTED.closingReserve, 'closing reserve'),
      EXPECTED.closingReserve,
      'reserves carried forward',
    );
    await s.click('[data-testid="outcome-units"] summary');
    await s.waitForElement('[data-testid="outcome-unit-offset-core"]');
    const coreOffset = await s.text('[data-testid="outcome-unit-offset-core"]');
    assert(coreOffset.startsWith(EXPECTED.coreOffset), `core's netting shows ${EXPECTED.coreOffset}; it shows "${coreOffset}"`);
    const coreWords = await s.text('[data-testid="outcome-unit-offset-words-core"]');
    assertEqual(coreWords.trim(), `${EXPECTED.coreOffset} of the overspend covered by underspends in other pools`, "core's netting in words");
    const dfgOffset = await s.text('[data-testid="outcome-unit-offset-dfg"]');
    assert(dfgOffset.startsWith(EXPECTED.dfgOffset), `DFG's netting shows ${EXPECTED.dfgOffset}; it shows "${dfgOffset}"`);
    assertEqual(
      (await s.text('[data-testid="outcome-unit-shared-variance-core"]')).trim(),
      EXPECTED.coreAfterNetting,
      "core's variance after netting",
    );
    assertEqual((await s.text('[data-testid="outcome-unit-shared-core"]')).trim(), EXPECTED.coreShared, 'core shared by the rules');
    assertEqual(
      (await s.text('[data-testid="outcome-unit-reserve-drawn-core"]')).trim(),
      EXPECTED.reserveDrawn,
      "drawn from core's reserve",
    );
    assertEqual(
      (await s.text('[data-testid="outcome-unit-reserve-closing-dfg"]')).trim(),
      EXPECTED.closingReserve,
      "DFG's reserve carried forward",
    );
    assert(await s.exists('[data-testid="outcome-unit-aligned-own/NB04"]'), 'an aligned unit says no money moves');
    assert(await s.exists('[data-testid="settlement-aligned"]'), 'the settlement says aligned budgets are not settled');

    // The final costs are the engine's for the plan as saved.
    const expected = engineFinalCosts(ctx, plan, 'agreements');
    const expectedShown = Object.fromEntries(PARTNERS.map((p) => [p, money(expected[p])]));
    const shown = await settledFinalCosts(s, expectedShown);
    for (const p of PARTNERS) assertEqual(shown[p], expectedShown[p], `final cost of ${p}`);
    assertEqual(expected.council, '17288878.68', "the engine's final cost of the council for this plan");

    // The board's difference is a warning whose "Go to field" leads to the unit's row.
    const findings = await s.findAll('[data-testid="finding"]');
    let link = null;
    for (const f of findings) {
      const text = await s.text(f);
      if (text.includes('W-AGREED-DIFFERS')) {
        assert(text.includes(EXPECTED.difference), `the warning names ${EXPECTED.difference}; it says "${text}"`);
        link = f;
      }
    }
    assert(link, 'a W-AGREED-DIFFERS warning is listed');
    // Nothing serious for axe with the amounts table, the netting sets and the units open.
    const found = [];
    await axeAudit(ctx, s, 'Plan editor with reserves, netting and an agreed rule', found);
    assertEqual(
      found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(', ')}`).join('; '),
      '',
      'serious or critical accessibility violations',
    );
    await shoot(ctx, s, '10-outcome-units', '[data-testid="outcome-units"]');
    await shoot(ctx, s, '10-outcome-headline', '[data-testid="outcome-headline"]');
    const button = await s.exec(
      `return [...document.querySelectorAll('[data-testid="finding"]')].findIndex((f) => f.textContent.includes('W-AGREED-DIFFERS'));`,
    );
    const links = await s.findAll('[data-testid="finding"]');
    const goTo = await s.exec(`return arguments[0].querySelector('[data-testid="finding-link"]') !== null;`, [links[button]]);
    if (goTo) {
      await s.exec(`arguments[0].querySelector('[data-testid="finding-link"]').click();`, [links[button]]);
      const focused = await s.waitFor(
        async () => s.exec('return document.activeElement && document.activeElement.dataset.path;'),
        { timeout: 5000, message: 'the unit row to take the focus' },
      );
      assertEqual(focused, 'units.core', 'Go to field focuses the unit in the group table');
    }
  },
};
