// What the window is showing and the actions on it, shared by every screen. Edits are saved
// through the backend as they are made; the outcome shown is the saved scenario's, or a preview
// while someone is still typing. Nothing typed is dropped: a refused save keeps the field's text
// and shows why beside it.
import { BackendError, backend, type Backend } from './backend';
import type { Assessment } from './generated/Assessment';
import type { EditRequest } from './generated/EditRequest';
import type { EditResult } from './generated/EditResult';
import type { Figures } from './generated/Figures';
import type { Finding } from './generated/Finding';
import type { GroupReading } from './generated/GroupReading';
import type { Outcome } from './generated/Outcome';
import type { PreviewView } from './generated/PreviewView';
import type { ScenarioView } from './generated/ScenarioView';
import type { JsonValue } from './generated/serde_json/JsonValue';
import type { WorkspaceView } from './generated/WorkspaceView';
import { concretePath, identityPath, inverseOf, positionalPath, redoOf, valueAt, withValue, type Change } from './paths';

export type Screen = 'workspace' | 'editor' | 'compare' | 'agree' | 'history';

export function isOutcome(assessment: Assessment | null | undefined): assessment is Outcome {
  return !!assessment && 'partners' in assessment;
}

/**
 * The scenario after an edit: the backend's new revision and outcome, and its document, or
 * (when it sent none, after edits that only set values) the document shown with those values
 * set: exactly what the store saved.
 */
export function viewAfterEdit(view: ScenarioView, result: EditResult, edits: readonly EditRequest[]): ScenarioView {
  const { document, ...rest } = result;
  const next = document ?? edits.reduce((doc, e) => withValue(doc, e.path, e.value), view.document);
  return { ...view, ...rest, document: next };
}

export class Session {
  workspace = $state<WorkspaceView | null>(null);
  // Raw: a scenario is replaced whole, never changed in place, and a 1,000-scheme plan would
  // otherwise be wrapped in a proxy object by object each time it is shown.
  scenario = $state.raw<ScenarioView | null>(null);
  /** The outcome and figures of unsaved text being typed, shown instead of the saved ones. */
  preview = $state.raw<PreviewView | null>(null);
  screen = $state<Screen>('workspace');
  /** A failed action, shown in the alert banner. */
  error = $state<{ code: string; message: string } | null>(null);
  /** Messages by JSON path, shown next to the field at fault. */
  fieldErrors = $state<Record<string, string>>({});
  /** Announced politely to screen readers and shown in the status bar. */
  status = $state('');
  busy = $state(false);
  /** The field a finding link asked to focus. */
  focusPath = $state<string | null>(null);
  undoStack = $state<Change[]>([]);
  redoStack = $state<Change[]>([]);

  readonly #backend: Backend;

  constructor(api: Backend = backend) {
    this.#backend = api;
  }

  get assessment(): Assessment | null {
    return this.preview?.assessment ?? this.scenario?.assessment ?? null;
  }

  /** Every sum shown beside the plan, from the backend: the window adds up nothing itself. */
  get figures(): Figures | null {
    return this.preview?.figures ?? this.scenario?.figures ?? null;
  }

  /** Each group's rules in words; while typing leaves errors, the saved scenario's. */
  get readings(): GroupReading[] {
    return this.preview?.readings ?? this.scenario?.readings ?? [];
  }

  get outcome(): Outcome | null {
    const a = this.assessment;
    return isOutcome(a) ? a : null;
  }

  get findings(): Finding[] {
    return this.assessment?.findings ?? [];
  }

  /** An agreed or superseded version is shown read-only. Derived, so that the thousand fields
      asking it are told only when it changes, not each time the scenario is replaced. */
  readonly #locked = $derived(!!this.scenario && this.scenario.status !== 'draft');
  get locked(): boolean {
    return this.#locked;
  }

  #fail(e: unknown): void {
    if (e instanceof BackendError) {
      this.error = { code: e.code, message: e.message };
      // Findings name items by position; fields are keyed by identity.
      const document = this.scenario?.document;
      const byPath: Record<string, string> = {};
      for (const f of e.findings) if (f.path) byPath[identityPath(document, f.path)] = f.message;
      if (Object.keys(byPath).length > 0) this.fieldErrors = { ...this.fieldErrors, ...byPath };
    } else {
      this.error = { code: 'A-UI', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Runs an action, catching its failure into the banner; returns whether it succeeded. */
  async #run(action: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await action();
      return true;
    } catch (e) {
      this.#fail(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  dismissError(): void {
    this.error = null;
  }

  async load(): Promise<void> {
    await this.#run(async () => {
      this.workspace = await this.#backend.workspace();
    });
  }

  /** Opens a scenario in the editor. */
  async open(id: number, screen: Screen = 'editor'): Promise<void> {
    const ok = await this.#run(async () => {
      this.#show(await this.#backend.scenario(id));
      this.undoStack = [];
      this.redoStack = [];
    });
    if (ok) this.screen = screen;
  }

  #show(view: ScenarioView): void {
    this.scenario = view;
    this.preview = null;
    // Only when there are some: every field reads its message from here.
    if (Object.keys(this.fieldErrors).length > 0) this.fieldErrors = {};
  }

  async refreshWorkspace(): Promise<void> {
    this.workspace = await this.#backend.workspace();
  }

  /** Shows what the outcome would be with `value` at `path`, without saving. */
  async previewValue(path: string, value: JsonValue | undefined): Promise<void> {
    const s = this.scenario;
    if (!s || this.locked) return;
    const edit: EditRequest = value === undefined ? { op: 'remove', path } : { op: 'set', path, value };
    try {
      const preview = await this.#backend.preview(s.id, [edit]);
      if (this.scenario?.id !== s.id) return;
      this.preview = preview;
      const errors = preview.assessment.findings.filter(
        (f) => f.severity === 'error' && (f.path === path || identityPath(s.document, f.path) === path),
      );
      const next = { ...this.fieldErrors };
      if (errors[0]) next[path] = errors[0].message;
      else delete next[path];
      this.fieldErrors = next;
    } catch {
      // A preview is only a courtesy; the save that follows reports any problem.
    }
  }

  /** Drops a preview, e.g. when a field is left unchanged. */
  clearPreview(path?: string): void {
    this.preview = null;
    if (path) {
      const next = { ...this.fieldErrors };
      delete next[path];
      this.fieldErrors = next;
    }
  }

  /** Saves one edit. Returns false (and keeps nothing) when the backend refuses it. */
  async save(edit: EditRequest, reason: string | null = null): Promise<boolean> {
    const s = this.scenario;
    if (!s) return false;
    const before = valueAt(s.document, edit.path);
    // Where a removed item stood, to put it back there on undo; where a value is, by position,
    // in case the value is the item's identity (a funding line's stream).
    const removedFrom = edit.op === 'remove' ? positionalPath(s.document, edit.path) : undefined;
    const place = concretePath(s.document, edit.path);
    const ok = await this.#apply(edit, reason);
    const now = this.scenario;
    if (ok && now) {
      const at = edit.op === 'insert' ? positionalPath(now.document, edit.path) : removedFrom;
      // The undo names the item by its identity as it is now, wherever it moves to later.
      const path =
        edit.op === 'insert' ? identityPath(now.document, at ?? edit.path) : edit.op === 'set' ? identityPath(now.document, place) : edit.path;
      const after = edit.op === 'remove' ? undefined : valueAt(now.document, path);
      this.undoStack = [...this.undoStack, { op: edit.op, path, at, before, after }];
      this.redoStack = [];
    }
    return ok;
  }

  /** Sets a value, or removes the field when `value` is undefined. */
  async setValue(path: string, value: JsonValue | undefined, reason: string | null = null): Promise<boolean> {
    const current = this.scenario ? valueAt(this.scenario.document, path) : undefined;
    if (JSON.stringify(current) === JSON.stringify(value)) {
      this.clearPreview(path);
      return true;
    }
    if (value === undefined) return this.save({ op: 'remove', path }, reason);
    return this.save({ op: 'set', path, value }, reason);
  }

  async #apply(edit: EditRequest, reason: string | null): Promise<boolean> {
    const s = this.scenario;
    if (!s) return false;
    return this.#run(async () => {
      try {
        this.#show(viewAfterEdit(s, await this.#backend.edit(s.id, s.revision, [edit], reason), [edit]));
        this.error = null;
        this.status = 'Saved';
      } catch (e) {
        this.preview = null;
        this.status = 'Not saved';
        if (e instanceof BackendError && e.code === 'S-CONFLICT') {
          // Someone else saved first: show their version; the message says what to do.
          this.scenario = await this.#backend.scenario(s.id);
        }
        throw e;
      }
    });
  }

  /** Takes back the last change saved (itself a recorded change, reason "Undo"). */
  undo(): Promise<void> {
    return this.#replay('undo');
  }

  /** Makes the last change undone again (reason "Redo"). */
  redo(): Promise<void> {
    return this.#replay('redo');
  }

  async #replay(way: 'undo' | 'redo'): Promise<void> {
    const undoing = way === 'undo';
    const from = undoing ? this.undoStack : this.redoStack;
    const change = from.at(-1);
    if (!change || this.locked) return;
    if (!(await this.#apply(undoing ? inverseOf(change) : redoOf(change), undoing ? 'Undo' : 'Redo'))) return;
    const moved = [...(undoing ? this.redoStack : this.undoStack), change];
    if (undoing) [this.undoStack, this.redoStack] = [this.undoStack.slice(0, -1), moved];
    else [this.redoStack, this.undoStack] = [this.redoStack.slice(0, -1), moved];
    this.status = undoing ? 'Undone' : 'Redone';
  }

  /** Duplicates a scenario and opens the copy. */
  async duplicate(from: number, name: string): Promise<boolean> {
    return this.#run(async () => {
      const view = await this.#backend.branch(from, name);
      await this.refreshWorkspace();
      this.#show(view);
      this.undoStack = [];
      this.redoStack = [];
      this.status = `Created ${view.name}`;
    });
  }

  async describe(name: string, description: string): Promise<boolean> {
    const s = this.scenario;
    if (!s) return false;
    return this.#run(async () => {
      this.#show(await this.#backend.describe(s.id, name, description));
      await this.refreshWorkspace();
      this.status = 'Saved';
    });
  }

  /** Replaces the session's scenario after an action elsewhere (agreement, import, new plan). */
  async adopt(view: ScenarioView, screen: Screen = 'editor'): Promise<void> {
    this.#show(view);
    this.undoStack = [];
    this.redoStack = [];
    await this.refreshWorkspace();
    this.screen = screen;
  }

  /** Runs any backend action with the banner for failures. */
  attempt(action: () => Promise<void>): Promise<boolean> {
    return this.#run(action);
  }
}

export const session = new Session();
