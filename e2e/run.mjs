// Runs the end-to-end tests on the real app window: starts tauri-driver (which starts
// WebKitWebDriver, which starts the app), runs e2e/tests/*.mjs in order, prints PASS or FAIL for
// each with the reason, and always stops every process it started. Exits 1 on any failure.
//
//   node e2e/run.mjs [name-filter…]      (run under a display: scripts/e2e.sh does that)
//
// Each test module exports { name, workspace, run(ctx, s) }. `workspace` is a key: tests with
// the same key share one app session, in a workspace file made fresh for that key (created
// with the demo plan on first open), or `prepare(ctx)` may return a workspace path made first.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Session, waitForDriver } from './webdriver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const port = Number(process.env.E2E_PORT ?? 4444);
const base = `http://127.0.0.1:${port}`;
const out = join(root, 'target/e2e');
const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS ?? 180000);

const ctx = {
  root,
  app: resolve(process.env.POOLED_APP ?? join(root, 'target/release/pooled-app')),
  cli: resolve(process.env.POOLED_CLI ?? join(root, 'target/release/pooled')),
  out,
  shots: join(out, 'screenshots'),
  tmp: mkdtempSync(join(tmpdir(), 'pooled-e2e-')),
  /** Things tests learn that later tests use (e.g. the value an edit saved). */
  shared: {},
  log: (...args) => console.log('    ', ...args),
};

let driver = null;
let current = null; // { key, session, workspace }

function log(line) {
  console.log(line);
}

for (const [what, path] of [['app', ctx.app], ['CLI', ctx.cli]]) {
  if (!existsSync(path)) {
    console.error(`e2e: the ${what} binary ${path} is missing; build it first (scripts/e2e.sh does).`);
    process.exit(2);
  }
}
// Fresh screenshots each run, so none is left over from an earlier one.
rmSync(ctx.shots, { recursive: true, force: true });
mkdirSync(ctx.shots, { recursive: true });

async function startDriver() {
  const logFile = openSync(join(out, 'tauri-driver.log'), 'w');
  const args = ['--port', String(port), '--native-port', String(port + 1)];
  if (existsSync('/usr/bin/WebKitWebDriver')) args.push('--native-driver', '/usr/bin/WebKitWebDriver');
  // Its own process group, so that stopping it also stops WebKitWebDriver and the app.
  driver = spawn(process.env.TAURI_DRIVER ?? 'tauri-driver', args, {
    detached: true,
    stdio: ['ignore', logFile, logFile],
    env: { ...process.env, POOLED_USER: process.env.POOLED_USER ?? 'E2E Tester' },
  });
  driver.on('error', (e) => log(`e2e: tauri-driver could not start: ${e.message}`));
  await waitForDriver(base);
}

/** The pids of processes whose command line names our temp dir: the apps we started. */
function ourApps() {
  const pids = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(ctx.tmp)) pids.push(Number(entry));
    } catch {
      // gone already
    }
  }
  return pids;
}

async function stopSession() {
  if (!current) return;
  const { session } = current;
  current = null;
  try {
    await Promise.race([session.quit(), new Promise((r) => setTimeout(r, 10000))]);
  } catch {
    // the app may have died; the process sweep below handles what is left
  }
}

async function cleanup() {
  await stopSession();
  if (driver && driver.exitCode === null) {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 500));
    try {
      process.kill(-driver.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const pid of ourApps()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(ctx.tmp, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

async function sessionFor(test) {
  const key = test.workspace ?? 'demo';
  if (current && current.key === key && !current.broken) return current.session;
  await stopSession();
  const workspace = test.prepare ? await test.prepare(ctx) : join(ctx.tmp, `${key}.pooled`);
  const session = await Session.start(base, ctx.app, ['--workspace', workspace]);
  current = { key, session, workspace };
  ctx.workspace = workspace;
  await session.setTimeouts({ script: 120000 });
  // The window is ready once the shell has loaded the workspace and opened the first draft.
  await session.waitFor(async () => (await session.findAll('[data-testid="current-scenario"]')).length > 0, {
    timeout: 30000,
    message: 'the app window to show the open scenario',
  });
  return session;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const filters = process.argv.slice(2);
  const files = readdirSync(join(here, 'tests'))
    .filter((f) => f.endsWith('.mjs'))
    .sort();
  const tests = [];
  for (const file of files) {
    const mod = await import(pathToFileURL(join(here, 'tests', file)).href);
    const test = { file, ...mod.default };
    if (filters.length === 0 || filters.some((f) => file.includes(f) || test.name.includes(f))) tests.push(test);
  }
  log(`e2e: ${tests.length} tests on ${ctx.app}`);
  await startDriver();

  const results = [];
  for (const test of tests) {
    const started = Date.now();
    try {
      const session = await sessionFor(test);
      await withTimeout(test.run(ctx, session), TEST_TIMEOUT_MS, test.name);
      results.push({ test, ok: true });
      log(`PASS  ${test.file}  ${test.name}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (e) {
      results.push({ test, ok: false, reason: e.message });
      log(`FAIL  ${test.file}  ${test.name}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      log(`      ${String(e.message).split('\n').join('\n      ')}`);
      if (process.env.E2E_DEBUG) log(e.stack);
      if (current) {
        try {
          await current.session.screenshot(join(ctx.shots, `FAILED-${test.file.replace(/\.mjs$/, '')}.png`));
        } catch {
          current.broken = true; // the window is gone: the next test starts a new session
        }
      }
    }
  }
  const failed = results.filter((r) => !r.ok);
  writeFileSync(
    join(out, 'results.json'),
    JSON.stringify(results.map((r) => ({ file: r.test.file, name: r.test.name, ok: r.ok, reason: r.reason ?? null })), null, 2),
  );
  log('');
  log(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 && results.length > 0;
}

let ok = false;
try {
  ok = await main();
} catch (e) {
  log(`e2e: ${e.stack ?? e.message}`);
} finally {
  await cleanup();
}
process.exit(ok ? 0 : 1);
