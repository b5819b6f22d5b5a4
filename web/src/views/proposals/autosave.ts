// Autosave of a draft, framework-free: the form reports every edit with `update`; 1.5 s after the
// last one the fields that differ from what the server last accepted are sent with the version the
// server last answered. Edits made while a save is in flight stay local and go out right after it.
// A version conflict stops saving until the draft is reloaded (`reset`); any other failure waits for
// `retry` or the next edit. Nothing the user typed is ever replaced by what the server answered.

export type AutosaveStatus =
  /** Nothing to save yet. */
  | 'idle'
  /** Edits wait for the debounce. */
  | 'pending'
  | 'saving'
  | 'saved'
  /** The last save failed; `retry` or the next edit tries again. */
  | 'error'
  /** The server holds a newer version: saving stopped until `reset`. */
  | 'conflict'
  /** `canSave` said no (e.g. a collective proposal without its body chosen). */
  | 'blocked';

export interface AutosaveSnapshot {
  status: AutosaveStatus;
  /** When the last save succeeded (ms since epoch). */
  savedAt: number | null;
  /** The error of the last failed save. */
  error: unknown;
  /** The version the server last answered; null before the first save (the draft does not exist yet). */
  version: number | null;
  /** Some edits have not reached the server. */
  dirty: boolean;
}

export interface AutosaveOptions<D extends object> {
  /**
   * Sends `changes` (the fields that differ from the last saved values). `version` is null until the
   * first save: then the draft is to be created. Resolves to the version the server answered.
   */
  save: (changes: Partial<D>, version: number | null) => Promise<number>;
  /** Debounce after the last edit, ms (default 1500). */
  delay?: number;
  /** Whether a failure is a version conflict (default: never). */
  isConflict?: (error: unknown) => boolean;
  /** Saving waits while this answers false (status 'blocked'). */
  canSave?: () => boolean;
  /** Called whenever the snapshot changes. */
  onChange?: (snapshot: AutosaveSnapshot) => void;
  now?: () => number;
}

export const AUTOSAVE_DELAY_MS = 1500;

function clone<T>(value: T): T {
  return Array.isArray(value) ? (value.slice() as T) : value;
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return (a ?? null) === (b ?? null);
}

function copyOf<D extends object>(data: D): D {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = clone(value);
  return out as D;
}

export class Autosave<D extends object> {
  private saved: D;
  private current: D;
  private version: number | null;
  private status: AutosaveStatus = 'idle';
  private savedAt: number | null = null;
  private error: unknown = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  /** A save was asked for while one was in flight. */
  private again = false;
  /** Bumped by `reset`/`dispose`: answers of older saves are ignored. */
  private generation = 0;
  private disposed = false;
  private readonly options: AutosaveOptions<D>;

  constructor(initial: D, version: number | null, options: AutosaveOptions<D>) {
    this.saved = copyOf(initial);
    this.current = copyOf(initial);
    this.version = version;
    this.options = options;
  }

  get snapshot(): AutosaveSnapshot {
    return {
      status: this.status,
      savedAt: this.savedAt,
      error: this.error,
      version: this.version,
      dirty: this.dirty,
    };
  }

  /** The latest values (what the user sees). */
  get values(): D {
    return copyOf(this.current);
  }

  get dirty(): boolean {
    return Object.keys(this.changes()).length > 0;
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** The fields whose latest value the server has not accepted yet. */
  changes(): Partial<D> {
    const out: Partial<D> = {};
    for (const key of Object.keys(this.current) as (keyof D)[]) {
      if (!same(this.current[key], this.saved[key])) out[key] = clone(this.current[key]);
    }
    return out;
  }

  /** The user changed some fields. */
  update(patch: Partial<D>): void {
    if (this.disposed) return;
    for (const [key, value] of Object.entries(patch))
      (this.current as Record<string, unknown>)[key] = clone(value);
    if (this.status === 'conflict') return this.emit();
    if (!this.dirty) {
      this.clearTimer();
      if (!this.inFlight) this.status = this.savedAt !== null ? 'saved' : 'idle';
      return this.emit();
    }
    this.schedule();
  }

  /**
   * Values the server set itself (e.g. the kind it chose on creation): taken as both saved and
   * current, so they are not sent back.
   */
  sync(patch: Partial<D>): void {
    for (const [key, value] of Object.entries(patch)) {
      (this.saved as Record<string, unknown>)[key] = clone(value);
      (this.current as Record<string, unknown>)[key] = clone(value);
    }
    this.emit();
  }

  /** Saves now what is left (and creates the draft when `force` and it does not exist yet). */
  async flush(force = false): Promise<boolean> {
    this.clearTimer();
    if (this.inFlight) {
      this.again = true;
      await this.inFlight;
    }
    await this.run(force);
    return this.settled;
  }

  /** After a failure: try again now. */
  retry(): Promise<boolean> {
    return this.flush();
  }

  /** Starts over from the server's current draft (after a conflict: the reloaded one). */
  reset(data: D, version: number | null): void {
    this.generation++;
    this.clearTimer();
    this.saved = copyOf(data);
    this.current = copyOf(data);
    this.version = version;
    this.inFlight = null;
    this.again = false;
    this.error = null;
    this.status = version === null ? 'idle' : 'saved';
    this.emit();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    this.clearTimer();
  }

  /** True when everything typed has reached the server. */
  private get settled(): boolean {
    return !this.inFlight && !this.dirty && this.status !== 'conflict' && this.status !== 'error';
  }

  private schedule(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.options.delay ?? AUTOSAVE_DELAY_MS);
    if (!this.inFlight) this.status = 'pending';
    this.emit();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private emit(): void {
    this.options.onChange?.(this.snapshot);
  }

  private run(force = false): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    if (this.disposed || this.status === 'conflict') return Promise.resolve();
    if (this.options.canSave && !this.options.canSave()) {
      this.status = 'blocked';
      this.emit();
      return Promise.resolve();
    }
    const changes = this.changes();
    if (!Object.keys(changes).length && !(force && this.version === null)) {
      this.status = this.savedAt !== null || this.version !== null ? 'saved' : 'idle';
      this.error = null;
      this.emit();
      return Promise.resolve();
    }
    const generation = this.generation;
    const sent = copyOf(changes);
    this.status = 'saving';
    this.emit();
    let ok = false;
    this.inFlight = this.options
      .save(copyOf(changes), this.version)
      .then(
        (version) => {
          if (generation !== this.generation) return;
          ok = true;
          this.version = version;
          Object.assign(this.saved, sent);
          this.savedAt = (this.options.now ?? Date.now)();
          this.error = null;
        },
        (error: unknown) => {
          if (generation !== this.generation) return;
          this.error = error;
          this.status = this.options.isConflict?.(error) ? 'conflict' : 'error';
        },
      )
      .then(() => {
        if (generation !== this.generation) return;
        this.inFlight = null;
        const again = this.again;
        this.again = false;
        if (!ok) return this.emit();
        if (!this.dirty) {
          this.status = 'saved';
          return this.emit();
        }
        // Edits arrived while saving: a pending debounce sends them later; else send them now.
        if (this.timer !== null) {
          this.status = 'pending';
          return this.emit();
        }
        if (again) return this.run();
        this.schedule();
      });
    return this.inFlight;
  }
}
