// Exporting the board paper of the agreed scenario: the button opens the real save dialog (GTK),
// which xdotool answers with a file name as a person would type it; the PDF written there reads
// AGREED, shows each partner's final cost as the engine gives it and the recorded sign-offs, and
// the export is in the audit trail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PARTNERS, assert, go, money, pooled, shoot } from '../lib.mjs';

/** Runs xdotool; throws with its output when it fails. */
function xdotool(args) {
  const result = spawnSync('xdotool', args, { encoding: 'utf8', timeout: 20000 });
  if (result.status !== 0) throw new Error(`xdotool ${args.join(' ')}: ${result.stderr || result.error}`);
  return result.stdout.trim();
}

export default {
  name: 'Exporting the board paper of the agreed scenario',
  workspace: 'demo',
  async run(ctx, s) {
    const agreed = ctx.shared.agreed;
    assert(agreed, 'test 05 agreed a scenario first');
    await go(s, 'agree');
    await s.waitForElement('[data-testid="board-paper"]');
    await shoot(ctx, s, '07-board-paper-export', '[data-testid="board-paper"]');

    const file = join(ctx.tmp, 'board-paper.pdf');
    await s.click('[data-testid="export-board-paper"]');
    // The save dialog is a window of its own: focus it, type the path into its name field, save.
    const dialog = xdotool(['search', '--sync', '--name', 'Export the board paper']).split('\n')[0];
    xdotool(['windowfocus', '--sync', dialog]);
    xdotool(['key', '--clearmodifiers', 'ctrl+a']);
    xdotool(['type', '--delay', '20', file]);
    xdotool(['key', 'Return']);
    await s.waitFor(async () => (await s.text('[data-testid="status"]')).includes('Board paper saved to'), {
      timeout: 15000,
      message: 'the status "Board paper saved to …"',
    });
    assert(existsSync(file), `the paper was written to ${file}`);

    const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    assert(text.includes('AGREED'), 'the paper is marked AGREED');
    assert(text.includes('Ann Lee') && text.includes('Raj Patel'), 'the paper lists the signatories');
    const outcome = JSON.parse(pooled(ctx, ['show', String(agreed.id), '--outcome', '--workspace', ctx.workspace]));
    for (const p of outcome.partners.filter((x) => PARTNERS.includes(x.id))) {
      assert(text.includes(money(p.final_cost)), `the paper shows ${p.id}'s final cost ${money(p.final_cost)}`);
    }
    const history = pooled(ctx, ['history', String(agreed.id), '--workspace', ctx.workspace]);
    assert(/board paper/.test(history) && history.includes(file), 'the audit trail records the paper and where it went');
  },
};
