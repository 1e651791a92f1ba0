// Importing a workbook through the real open dialog (GTK, answered by xdotool as a person
// types): the preview shows the sheet, header row and counts the command line reads, and
// importing it stores exactly the plan `pooled convert` gives. A workbook with errors lists each
// at its cell, with Import disabled, and nothing is saved on Escape. Then "Export to Excel…"
// on the scenario writes an XLSX (a zip, "PK") through the real save dialog. axe-core checks
// the open preview.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keys } from '../webdriver.mjs';
import { TestFailure, assert, assertEqual, axeAudit, go, listScenarios, pooled, shoot, status, storedPlan } from '../lib.mjs';

/** Runs xdotool; throws with its output when it fails. */
function xdotool(args) {
  const result = spawnSync('xdotool', args, { encoding: 'utf8', timeout: 20000 });
  if (result.status !== 0) throw new Error(`xdotool ${args.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout.trim();
}

/** Whether a window titled `title` is there now. */
function windowThere(title) {
  const result = spawnSync('xdotool', ['search', '--onlyvisible', '--name', title], {
    encoding: 'utf8',
    timeout: 20000,
  });
  return result.status === 0 && result.stdout.trim() !== '';
}

/**
 * Answers the file dialog titled `title` with `file`, as a person types a path: in an open
 * dialog, typing "/" opens its location field; in a save dialog the path goes in the name.
 * Enter is pressed again if the dialog is still there (GTK may take the first to accept a
 * completion of the typed path).
 */
async function answerDialog(title, file, { open = false } = {}) {
  const dialog = xdotool(['search', '--sync', '--onlyvisible', '--name', title]).split('\n')[0];
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  xdotool(['windowfocus', '--sync', dialog]);
  await pause(500);
  // Ctrl+L opens an open dialog's location field; Ctrl+A selects a save dialog's name.
  xdotool(['key', '--clearmodifiers', open ? 'ctrl+l' : 'ctrl+a']);
  await pause(open ? 800 : 100);
  xdotool(['type', '--delay', '20', file]);
  await pause(500);
  xdotool(['key', 'Return']);
  for (let i = 0; i < 3 && windowThere(title); i += 1) {
    await pause(1000);
    if (windowThere(title)) xdotool(['key', 'Return']);
  }
  if (windowThere(title)) {
    const tree = spawnSync('xwininfo', ['-root', '-tree'], { encoding: 'utf8' }).stdout;
    writeFileSync('/tmp/11-windows.txt', tree);
    throw new TestFailure(`the dialog "${title}" did not take ${file}`);
  }
}

/** JSON with its object keys in order, so two documents compare by content. */
function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical(value[k])]));
  }
  return value;
}

/** Opens the preview of `file` through "Import a workbook…" and the real dialog. */
async function preview(s, file) {
  await go(s, 'workspace');
  await s.click('[data-testid="import-workbook"]');
  await answerDialog('Import a workbook', file, { open: true });
  await s.waitFor(async () => (await s.prop('[data-testid="workbook-preview"]', 'open')) === true, {
    timeout: 20000,
    message: `the preview of ${file}`,
  });
  await s.waitForElement('[data-testid="preview-verdict"]');
}

async function shown(s, testid) {
  return (await s.text(`[data-testid="${testid}"]`)).trim();
}

export default {
  name: 'Importing a workbook after its preview, and exporting a scenario to Excel',
  workspace: 'workbook',
  // The workspace in a folder of its own, which the file dialogs never show: a GTK file dialog
  // reads the files of each folder it lists (and completes a typed path through) to tell their
  // kinds, and the app's process opening and closing its workspace file drops SQLite's locks.
  prepare(ctx) {
    const dir = join(ctx.tmp, 'workspace-11');
    mkdirSync(dir, { recursive: true });
    return join(dir, 'workbook.pooled');
  },
  async run(ctx, s) {
    const found = [];
    // Copies with plain names, so the typed path is exactly the file.
    const sheets = join(ctx.tmp, 'sheets');
    mkdirSync(sheets, { recursive: true });
    const good = join(sheets, 'bcf-template.xlsx');
    const bad = join(sheets, 'errors.xlsx');
    copyFileSync(join(ctx.root, 'fixtures/workbooks/bcf-template.xlsx'), good);
    copyFileSync(join(ctx.root, 'fixtures/workbooks/errors.xlsx'), bad);

    // What the command line reads from the same file.
    const converted = join(ctx.tmp, 'bcf-template.plan.json');
    const said = pooled(ctx, ['convert', good, converted, '--force']);
    const m = /Read sheet (.+?), header row (\d+): (\d+) schemes, (\d+) funding lines/.exec(said);
    if (!m) throw new TestFailure(`pooled convert did not say what it read: ${said}`);
    const [, sheet, headerRow, schemes, fundingLines] = m;
    const expectedPlan = JSON.parse(readFileSync(converted, 'utf8'));

    // 1. The preview of the BCF template: what was read, as the CLI read it; nothing saved yet.
    const before = listScenarios(ctx, ctx.workspace);
    await preview(s, good);
    const focused = await s.exec('return document.activeElement && document.activeElement.tagName');
    assertEqual(focused, 'H2', 'focus moves to the preview heading');
    assertEqual(await shown(s, 'read-sheet'), sheet, 'the sheet read');
    assertEqual(await shown(s, 'read-header-row'), headerRow, 'the header row');
    assertEqual(await shown(s, 'read-schemes'), schemes, 'the schemes read');
    assertEqual(await shown(s, 'read-funding-lines'), fundingLines, 'the funding lines read');
    assertEqual(await shown(s, 'plan-plan'), expectedPlan.name, "the plan's name");
    assertEqual(await shown(s, 'plan-financial-year'), expectedPlan.financial_year, 'the financial year');
    assert(!(await s.exists('[data-testid="preview-error"]')), 'the template has no errors');
    const columns = await s.findAll('[data-testid="preview-columns"] tbody tr');
    assert(columns.length > 0, 'the column matches are listed');
    assertEqual(await s.prop('[data-testid="confirm-import-workbook"]', 'disabled'), false, 'Import is enabled');
    assertEqual(listScenarios(ctx, ctx.workspace).length, before.length, 'nothing is saved by the preview');
    await shoot(ctx, s, '11-workbook-preview');
    await axeAudit(ctx, s, 'Workbook preview', found);

    // Escape cancels: the dialog closes and nothing is saved.
    await s.type('[data-testid="cancel-import-workbook"]', Keys.ESCAPE);
    await s.waitFor(async () => (await s.prop('[data-testid="workbook-preview"]', 'open')) === false, {
      message: 'Escape to close the preview',
    });
    assertEqual(listScenarios(ctx, ctx.workspace).length, before.length, 'nothing is saved on Escape');

    // 2. Confirmed: a new plan whose stored document is the CLI's conversion, open in the editor.
    await preview(s, good);
    await s.click('[data-testid="confirm-import-workbook"]');
    await s.waitFor(async () => (await status(s)).startsWith('Imported bcf-template.xlsx'), {
      timeout: 20000,
      message: 'the status "Imported bcf-template.xlsx as …"',
    });
    await s.waitForElement('[data-testid="screen-editor"]', 20000);
    const after = listScenarios(ctx, ctx.workspace);
    const added = after.filter((x) => !before.some((b) => b.id === x.id));
    assertEqual(added.length, 1, 'one new scenario');
    const imported = added[0];
    const stored = storedPlan(ctx, imported.id);
    assertEqual(
      JSON.stringify(canonical(stored)),
      JSON.stringify(canonical(expectedPlan)),
      "the imported plan is the CLI's conversion",
    );
    const history = pooled(ctx, ['history', String(imported.id), '--workspace', ctx.workspace]);
    assert(history.includes('bcf-template.xlsx'), 'the audit trail names the file imported');
    await shoot(ctx, s, '11-workbook-imported');

    // 3. A workbook with errors: each at its cell, Import disabled, nothing will be imported.
    const expected = JSON.parse(readFileSync(join(ctx.root, 'fixtures/workbooks/errors.errors.json'), 'utf8'));
    await preview(s, bad);
    const cells = [];
    for (const el of await s.findAll('[data-testid="preview-error"]')) cells.push(await s.attr(el, 'data-cell'));
    for (const f of expected.findings) {
      assert(cells.includes(f.cell), `the error at ${f.cell} is listed (listed: ${cells.join(', ')})`);
    }
    assertEqual(await s.prop('[data-testid="confirm-import-workbook"]', 'disabled'), true, 'Import is disabled');
    assert(/^Nothing will be imported/.test(await shown(s, 'preview-verdict')), 'the preview says nothing will be imported');
    // An error selected shows its detail; each can be copied, and all at once.
    await s.click('[data-testid="preview-error-0"]');
    await s.waitForElement('[data-testid="preview-error-detail"]');
    assertEqual(await s.attr('[data-testid="preview-error-0"]', 'aria-expanded'), 'true', 'the error is selected');
    await s.click('[data-testid="copy-all-errors"]');
    // The report is for screen readers (visually hidden), so it is read from the page.
    const report = () => s.exec('return document.querySelector(\'[data-testid="copy-status"]\').textContent');
    const copied = await s.waitFor(async () => (await report()) || null, { message: 'the copy to be reported' });
    ctx.log(`Copy all: ${copied}`);
    assert(/^Copied all 4 errors/.test(copied) || /^Copied all/.test(copied), `Copy all copied (${copied})`);
    await shoot(ctx, s, '11-workbook-errors');
    await axeAudit(ctx, s, 'Workbook preview with errors', found);
    await s.click('[data-testid="cancel-import-workbook"]');
    await s.waitFor(async () => (await s.prop('[data-testid="workbook-preview"]', 'open')) === false, {
      message: 'Cancel to close the preview',
    });
    assertEqual(listScenarios(ctx, ctx.workspace).length, after.length, 'nothing is imported from a workbook with errors');
    const focusBack = await s.exec('return document.activeElement && document.activeElement.dataset.testid');
    assertEqual(focusBack, 'import-workbook', 'focus goes back to the button');

    // 4. Export to Excel… on the imported scenario, through the real save dialog.
    const xlsx = join(sheets, 'exported.xlsx');
    await go(s, 'workspace');
    await s.click(`[data-testid="export-workbook-${imported.id}"]`);
    await answerDialog('Export to Excel', xlsx);
    await s.waitFor(async () => (await s.text('[data-testid="status"]')).includes('Exported to Excel'), {
      timeout: 20000,
      message: 'the status "Exported to Excel: …"',
    });
    assert(existsSync(xlsx), `the workbook was written to ${xlsx}`);
    const head = readFileSync(xlsx).subarray(0, 2).toString('latin1');
    assertEqual(head, 'PK', 'the workbook is a zip');
    const trail = pooled(ctx, ['history', String(imported.id), '--workspace', ctx.workspace]);
    assert(trail.includes(xlsx), 'the audit trail records the export and where it went');
    await shoot(ctx, s, '11-workbook-exported');

    const serious = found.map((v) => `${v.where}: ${v.id} (${v.impact}) ${v.help} at ${v.targets.join(', ')}`);
    if (serious.length > 0) throw new TestFailure(`accessibility violations:\n${serious.join('\n')}`);
  },
};
