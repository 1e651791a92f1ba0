// Helpers shared by the end-to-end tests: the engine's own figures (through the `pooled` CLI),
// money formatted the way the window shows it, and common moves in the window.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keys } from './webdriver.mjs';

export const PARTNERS = ['council', 'icb-dales', 'icb-eastmoor'];

export class TestFailure extends Error {}

export function assert(condition, message) {
  if (!condition) throw new TestFailure(message);
}

export function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new TestFailure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/**
 * Money as the window writes it, from the engine's amount text: "1234567.8" → "£1,234,567.80",
 * "-1500" → "(£1,500.00)". Text only: the amount never becomes a floating-point number.
 */
export function money(amount) {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount).trim());
  if (!match) throw new Error(`not an amount: ${amount}`);
  const [, sign, pounds, pence = ''] = match;
  const whole = pounds.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `£${whole}.${pence.padEnd(2, '0')}`;
  return sign === '-' && !/^0+$/.test(pounds + pence.padEnd(2, '0')) ? `(${body})` : body;
}

/** The first money figure in a text ("£1,234.56" or "(£1,234.56)"), or null. */
export function moneyIn(text) {
  const match = /\(?£[\d,]+\.\d{2}\)?/.exec(text ?? '');
  return match ? match[0] : null;
}

/** The command-line tool, run to completion; throws with its output when it fails. */
export function pooled(ctx, args, { allow = [0] } = {}) {
  const result = spawnSync(ctx.cli, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (!allow.includes(result.status)) {
    throw new Error(`pooled ${args.join(' ')} exited ${result.status}: ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

export function demoPlan(ctx) {
  return JSON.parse(readFileSync(join(ctx.root, 'fixtures/demo/northbrook-2025-26.plan.json'), 'utf8'));
}

/** The engine's final cost for each partner of a plan, as amount text by partner id. */
export function engineFinalCosts(ctx, plan, name = 'plan') {
  const file = join(ctx.tmp, `${name}-${Date.now()}.plan.json`);
  writeFileSync(file, JSON.stringify(plan, null, 2));
  const outcome = JSON.parse(pooled(ctx, ['evaluate', file]));
  return Object.fromEntries(outcome.partners.map((p) => [p.id, p.final_cost]));
}

/** The scenarios of a workspace file as `pooled list` shows them: [{id, name, status, revision}]. */
export function listScenarios(ctx, workspace) {
  const out = pooled(ctx, ['list', '--workspace', workspace]);
  const rows = [];
  for (const line of out.split('\n')) {
    const m = /^\s+(\d+)\s{2}(.+?)\s{2,}(draft|agreed|superseded)\s+(\d+)\s/.exec(line);
    if (m) rows.push({ id: Number(m[1]), name: m[2].trim(), status: m[3], revision: Number(m[4]) });
  }
  return rows;
}

/** Clicks a screen's button in the header and waits for that screen. */
export async function go(s, screen) {
  await s.click(`[data-testid="nav-${screen}"]`);
  await s.waitForElement(`[data-testid="screen-${screen}"]`);
}

/** The final cost shown for each partner, as the figure text ("£1,234.56"), by partner id. */
export async function shownFinalCosts(s, partners = PARTNERS) {
  const shown = {};
  for (const id of partners) shown[id] = moneyIn(await s.text(`[data-testid="final-cost-${id}"]`));
  return shown;
}

/**
 * The window's own page never scrolls: the header with the screens and the status bar stay in
 * view, and only the screen and the outcome beside it scroll.
 */
/**
 * Waits for each partner's final cost on screen to be `expected` (figure text by partner id),
 * and returns what is shown then, or when the wait gives up (for the test to say what differs).
 */
export async function settledFinalCosts(s, expected, timeout = 10000) {
  return s
    .waitFor(
      async () => {
        const now = await shownFinalCosts(s);
        return Object.keys(expected).every((id) => now[id] === expected[id]) ? now : null;
      },
      { timeout, message: "the final costs to be the engine's" },
    )
    .catch(() => shownFinalCosts(s));
}

export async function assertFixedShell(s, where) {
  const page = await s.exec(`const d = document.documentElement;
    return { sw: d.scrollWidth, cw: d.clientWidth, sh: d.scrollHeight, ch: d.clientHeight };`);
  assert(
    page.sw <= page.cw && page.sh <= page.ch,
    `${where}: the window's page is ${page.sw} x ${page.sh} in a ${page.cw} x ${page.ch} window, so it scrolls`,
  );
}

/** The status bar's text. */
export async function status(s) {
  return (await s.text('[data-testid="status"]')).trim();
}

/**
 * Replaces the text of a field and presses Enter. It is emptied with the keyboard (select all,
 * Backspace), not WebDriver's clear, which blurs the field and so would save an empty value.
 */
export async function retype(s, selector, text, { enter = true } = {}) {
  const el = await s.find(selector);
  await s.click(el);
  // Two calls: WebKitWebDriver keeps Control held to the end of a call, NULL notwithstanding.
  await s.type(el, `${Keys.CONTROL}a`);
  await s.type(el, `${Keys.BACKSPACE}${text}${enter ? Keys.ENTER : ''}`);
}

/** Waits until the status bar says "Saved" after an edit. */
export async function waitSaved(s, timeout = 15000) {
  await s.waitFor(async () => (await status(s)) === 'Saved', { timeout, message: 'the status "Saved"' });
}

export function shotPath(ctx, name) {
  return join(ctx.shots, `${name}.png`);
}

/** A scenario's plan document as stored in the workspace file (`pooled show`). */
export function storedPlan(ctx, id, workspace = ctx.workspace) {
  return JSON.parse(pooled(ctx, ['show', String(id), '--workspace', workspace]));
}

/** Clicks a button and waits for the status bar to leave "Saving…". */
export async function clickAndSettle(s, selector, timeout = 15000) {
  await s.click(selector);
  await s.waitFor(async () => (await status(s)) !== 'Saving…', { timeout, message: `${selector} to finish` });
}

/** The open scenario, as the workspace file lists it (matched by the name in the header). */
export async function openScenario(ctx, s) {
  const header = await s.text('[data-testid="current-scenario"]');
  const all = listScenarios(ctx, ctx.workspace).sort((a, b) => b.name.length - a.name.length);
  const found = all.find((x) => header.includes(x.name));
  if (!found) throw new TestFailure(`no scenario of the workspace is named in the header "${header}"`);
  return found;
}

/**
 * Saves a screenshot of the window as target/e2e/screenshots/NAME.png, first scrolling the
 * element `at` (a CSS selector) to the top of the view, or the page to its top.
 */
export async function shoot(ctx, s, name, at = null) {
  // Scroll, then wait two frames so the screenshot shows the scrolled page.
  const where = await s.execAsync(
    `const done = arguments[arguments.length - 1];
     const el = arguments[0] && document.querySelector(arguments[0]);
     if (el) el.scrollIntoView({ block: 'start' }); else window.scrollTo(0, 0);
     requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY)));`,
    [at],
  );
  if (process.env.E2E_DEBUG) ctx.log(`screenshot ${name} at scrollY ${where}`);
  await s.screenshot(shotPath(ctx, name));
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core (WCAG 2.x A and AA rules) on the window; serious or critical violations are
    pushed to `found`, the rest logged. */
export async function axeAudit(ctx, s, where, found) {
  const injected = await s.exec('return typeof window.axe');
  if (injected !== 'object') {
    const source = readFileSync(join(ctx.root, 'ui/node_modules/axe-core/axe.min.js'), 'utf8');
    await s.exec(`${source}\n;return typeof window.axe;`);
  }
  const result = await s.execAsync(
    `const done = arguments[arguments.length - 1];
     axe.run(document, { runOnly: ${JSON.stringify(AXE_TAGS)} }).then(
       (r) => done({ passes: r.passes.length, violations: r.violations.map((v) => ({
         id: v.id, impact: v.impact, help: v.help,
         targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')), count: v.nodes.length })) }),
       (e) => done({ error: String(e) }));`,
  );
  if (result.error) throw new TestFailure(`axe could not run on ${where}: ${result.error}`);
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const other = result.violations.filter((v) => !serious.includes(v));
  ctx.log(
    `${where}: ${result.passes} rules pass, ${serious.length} serious or critical` +
      (other.length ? `, also ${other.map((v) => `${v.id} (${v.impact})`).join(', ')}` : ''),
  );
  for (const v of serious) found.push({ where, ...v });
}
