// Agreeing a scenario: the sign-off form is checked before sending, then the version is agreed
// and locked: the header says so, the fields are read-only, typing changes nothing, and the only
// way on is a new draft.
import { assert, assertEqual, go, listScenarios, openScenario, shoot } from '../lib.mjs';
import { Keys } from '../webdriver.mjs';

const SIGNATORIES = [
  ['Ann Lee', 'Northbrook Council'],
  ['Raj Patel', 'Northbrook and Dales ICB'],
  ['Sam Green', 'Northbrook Council'],
];

export default {
  name: 'Agreeing a scenario locks it for good',
  workspace: 'demo',
  async run(ctx, s) {
    const scenario = await openScenario(ctx, s);
    assertEqual(scenario.status, 'draft', 'the open scenario before agreeing');
    await go(s, 'agree');
    await s.waitForElement('[data-testid="agree-screen"]');
    const roles = [];
    for (let i = 0; i < 3; i++) roles.push(await s.prop(`[data-testid="signoff-role-${i}"]`, 'value'));
    assertEqual(
      roles.join(' | '),
      'Pooled fund manager | ICB chief finance officer | Section 151 officer',
      'the roles the form starts with',
    );
    const date = await s.prop('[data-testid="signoff-date-0"]', 'value');
    const now = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    const today = `${pad(now.getDate())}/${pad(now.getMonth() + 1)}/${now.getFullYear()}`;
    assertEqual(date, today, 'the date signed starts as today, day first');

    // Sending it empty: messages by the fields, and nothing agreed.
    await s.click('[data-testid="agree-submit"]');
    const message = await s.waitFor(
      async () => {
        const els = await s.findAll('[data-error-for="signoff-name-0"]');
        return els.length > 0 ? s.text(els[0]) : null;
      },
      { timeout: 5000, message: 'a message next to the first name' },
    );
    assert(/name/i.test(message), `the message asks for the name: "${message}"`);
    assertEqual(listScenarios(ctx, ctx.workspace).find((x) => x.id === scenario.id)?.status, 'draft', 'status after an empty sign-off');

    for (const [i, [name, organisation]] of SIGNATORIES.entries()) {
      await s.type(`[data-testid="signoff-name-${i}"]`, name);
      await s.type(`[data-testid="signoff-organisation-${i}"]`, organisation);
    }
    await shoot(ctx, s, '05-agree-form');

    await s.click('[data-testid="agree-submit"]');
    await s.waitFor(async () => /Agreed/.test(await s.text('[data-testid="scenario-status"]')), {
      timeout: 15000,
      message: 'the header status "Agreed"',
    });
    await s.waitForElement('[data-testid="agreed-notice"]');
    const notice = await s.text('[data-testid="agreed-notice"]');
    assert(notice.includes('This version can never be changed.'), `the locked notice: "${notice}"`);
    assert(notice.includes('Ann Lee'), `the notice names who signed: "${notice}"`);
    const table = await s.text('[data-testid="signoffs-table"]');
    for (const [name] of SIGNATORIES) assert(table.includes(name), `the signatories table lists ${name}`);
    assert(await s.exists('[data-testid="new-draft-from-agreed"]'), 'the button to start a new draft is there');
    const agreed = listScenarios(ctx, ctx.workspace).find((x) => x.id === scenario.id);
    assertEqual(agreed?.status, 'agreed', 'the scenario status in the workspace file');
    await shoot(ctx, s, '05-agreed-locked');

    // The editor: read-only, and typing into a field changes nothing.
    await go(s, 'editor');
    const field = '[data-path="schemes[id=NB01].forecast"]';
    await s.waitForElement(field);
    assert((await s.attr(field, 'readonly')) !== null, 'the forecast field is read-only');
    const shown = await s.prop(field, 'value');
    await s.click(field);
    await s.type(field, `999${Keys.ENTER}`);
    await new Promise((r) => setTimeout(r, 800));
    assertEqual(await s.prop(field, 'value'), shown, 'the forecast field after typing into it');
    const after = listScenarios(ctx, ctx.workspace).find((x) => x.id === scenario.id);
    assertEqual(after?.revision, agreed?.revision, 'the revision of the agreed scenario after typing');
    ctx.shared.agreed = scenario;
  },
};
