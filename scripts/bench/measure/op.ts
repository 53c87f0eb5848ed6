/** One measurement as one side (the app, or raw SQLite) runs it. */
export interface Op {
  /** Untimed set-up before the first run (statements, the anchors a page is reached from...). */
  prepare?(): Promise<void> | void;
  /** One timed run; `i` picks its input (warm-up runs get negative numbers). */
  run(i: number): Promise<unknown> | unknown;
}

export type Ops = Partial<Record<string, Op>>;
