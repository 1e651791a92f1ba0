// A tiny W3C WebDriver client over Node's fetch: just what the end-to-end tests need to drive
// the real app window through tauri-driver (which forwards to WebKitWebDriver).
import { writeFile } from 'node:fs/promises';

/** The key W3C WebDriver uses to mark an element reference in JSON. */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** Special keys for `type` (W3C WebDriver "normalised key values"). */
export const Keys = {
  NULL: '\uE000',
  BACKSPACE: '\uE003',
  TAB: '\uE004',
  ENTER: '\uE007',
  CONTROL: '\uE009',
  ESCAPE: '\uE00C',
};

export class WebDriverError extends Error {
  constructor(status, error, message) {
    super(`${error ?? 'webdriver error'} (HTTP ${status}): ${message ?? ''}`);
    this.status = status;
    this.error = error;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One WebDriver command; a reply slower than `timeout` ms is an error, never a hang. */
async function request(base, method, path, body, timeout = 150000) {
  const response = await fetch(base + path, {
    method,
    signal: AbortSignal.timeout(timeout),
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(response.status, 'bad reply', text.slice(0, 300));
  }
  if (!response.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new WebDriverError(response.status, v.error, v.message ?? text.slice(0, 300));
  }
  return json.value;
}

/** Polls GET /status until the driver answers ready, or throws after `timeout` ms. */
export async function waitForDriver(base, timeout = 20000) {
  const until = Date.now() + timeout;
  let last = 'no answer';
  while (Date.now() < until) {
    try {
      const status = await request(base, 'GET', '/status', undefined, 2000);
      if (status && status.ready !== false) return status;
      last = JSON.stringify(status);
    } catch (e) {
      last = e.message;
    }
    await sleep(200);
  }
  throw new Error(`WebDriver at ${base} did not become ready in ${timeout} ms (${last})`);
}

/** An element of the page, as WebDriver names it. */
export class Element {
  constructor(id) {
    this.id = id;
  }

  toJSON() {
    return { [ELEMENT]: this.id };
  }
}

/** A session on one app window. A "target" is a CSS selector or an Element. */
export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /** Starts the app at `application` with `args` and returns its session. */
  static async start(base, application, args = []) {
    const value = await request(base, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body, timeout) {
    return request(this.base, method, `/session/${this.id}${path}`, body, timeout);
  }

  async quit() {
    await this.cmd('DELETE', '');
  }

  /** The first element for a CSS selector; throws "no such element" when there is none. */
  async find(selector) {
    if (selector instanceof Element) return selector;
    const value = await this.cmd('POST', '/element', { using: 'css selector', value: selector });
    return new Element(value[ELEMENT]);
  }

  /** All elements for a CSS selector (possibly none). */
  async findAll(selector) {
    const value = await this.cmd('POST', '/elements', { using: 'css selector', value: selector });
    return value.map((e) => new Element(e[ELEMENT]));
  }

  /** Whether an element matching the selector exists now. */
  async exists(selector) {
    return (await this.findAll(selector)).length > 0;
  }

  async click(target) {
    const el = await this.#el(target);
    try {
      await this.cmd('POST', `/element/${el.id}/click`, {});
    } catch (e) {
      if (e instanceof WebDriverError && e.error === 'element not interactable') {
        // After a script has run (axe), WebKitWebDriver sometimes no longer scrolls an element
        // above the view into it; scroll it there the way a person would, and click again.
        await this.exec(`arguments[0].scrollIntoView({ block: 'center' });`, [el]);
        await this.cmd('POST', `/element/${el.id}/click`, {});
        return;
      }
      if (!(e instanceof WebDriverError) || e.error !== 'element click intercepted') throw e;
      // Say what is in the way: WebKitWebDriver does not.
      const onTop = await this.exec(
        `const r = arguments[0].getBoundingClientRect();
         const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
         return top ? top.outerHTML.slice(0, 160) : 'nothing';`,
        [el],
      ).catch(() => 'unknown');
      throw new WebDriverError(e.status, e.error, `clicking ${describe(target)}: covered by ${onTop}`);
    }
  }

  async clear(target) {
    const el = await this.#el(target);
    await this.cmd('POST', `/element/${el.id}/clear`, {});
  }

  /** Sends keystrokes to an element (it is focused first). */
  async type(target, text) {
    const el = await this.#el(target);
    await this.cmd('POST', `/element/${el.id}/value`, { text });
  }

  async text(target) {
    const el = await this.#el(target);
    return this.cmd('GET', `/element/${el.id}/text`);
  }

  /** An attribute (null when absent). */
  async attr(target, name) {
    const el = await this.#el(target);
    return this.cmd('GET', `/element/${el.id}/attribute/${encodeURIComponent(name)}`);
  }

  /** A DOM property, e.g. `value` or `checked`. */
  async prop(target, name) {
    const el = await this.#el(target);
    return this.cmd('GET', `/element/${el.id}/property/${encodeURIComponent(name)}`);
  }

  /** Runs a function body in the page; `arguments[i]` are the args (Elements allowed). */
  exec(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Like exec, but the body calls `arguments[arguments.length - 1](result)` when done. */
  execAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  async setTimeouts({ script, implicit, pageLoad }) {
    await this.cmd('POST', '/timeouts', { script, implicit, pageLoad });
  }

  /** Saves a PNG of the window to `file`. */
  async screenshot(file) {
    // WebKitWebDriver never answers this with WEBKIT_DISABLE_COMPOSITING_MODE=1: time out.
    const data = await this.cmd('GET', '/screenshot', undefined, 20000);
    await writeFile(file, Buffer.from(data, 'base64'));
  }

  /**
   * Polls `predicate` (async allowed) until it returns a truthy value, which is returned.
   * Errors thrown by the predicate count as "not yet". Throws with `message` on timeout.
   */
  async waitFor(predicate, { timeout = 10000, interval = 100, message = 'condition' } = {}) {
    const until = Date.now() + timeout;
    let lastError = null;
    for (;;) {
      try {
        const result = await predicate();
        if (result) return result;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() >= until) {
        const why = lastError ? ` (last error: ${lastError.message})` : '';
        throw new Error(`Timed out after ${timeout} ms waiting for ${message}${why}`);
      }
      await sleep(interval);
    }
  }

  /** Waits until an element matching the selector exists and returns it. */
  async waitForElement(selector, timeout = 10000) {
    return this.waitFor(async () => (await this.findAll(selector))[0], {
      timeout,
      message: `element ${selector}`,
    });
  }

  async #el(target) {
    try {
      return await this.find(target);
    } catch (e) {
      if (e instanceof WebDriverError && e.error === 'no such element') {
        throw new WebDriverError(e.status, e.error, `no element ${describe(target)}`);
      }
      throw e;
    }
  }
}

function describe(target) {
  return target instanceof Element ? `element ${target.id}` : target;
}
