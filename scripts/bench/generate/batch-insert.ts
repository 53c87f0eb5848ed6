/**
 * Inserts rows many at a time: one prepared `INSERT ... VALUES (...), (...), ...` statement per
 * `batch` rows, which costs far less per row than one statement run per row. Call flush() before
 * the transaction commits.
 *
 * With `sorted`, rows wait until flush() and go in ordered by their first value (the id): a
 * UUIDv7 id is its creation time, so the rows land in the table in time order, as an app that
 * wrote them over the years would have put them, and the id index is filled in order.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export class BatchInsert {
  private readonly db: Database.Database;
  private readonly head: string;
  private readonly width: number;
  private readonly batch: number;
  private readonly full: Database.Statement;
  private buffer: unknown[] = [];
  private readonly held: unknown[][] | null;

  constructor(
    db: Database.Database,
    table: string,
    columns: readonly string[],
    options: { batch?: number; sorted?: boolean } = {},
  ) {
    const batch = options.batch ?? 32;
    this.held = options.sorted ? [] : null;
    this.db = db;
    this.width = columns.length;
    this.batch = batch;
    this.head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    this.full = db.prepare(this.values(batch));
  }

  private values(rows: number): string {
    const one = `(${Array.from({ length: this.width }, () => '?').join(', ')})`;
    return this.head + Array.from({ length: rows }, () => one).join(', ');
  }

  /** Adds one row: exactly one value per column, in the columns' order. */
  add(...values: unknown[]): void {
    if (values.length !== this.width) {
      throw new Error(`${this.head}: ${values.length} values for ${this.width} columns`);
    }
    if (this.held) this.held.push(values);
    else this.write(values);
  }

  private write(values: unknown[]): void {
    for (const v of values) this.buffer.push(v);
    if (this.buffer.length === this.width * this.batch) {
      this.full.run(this.buffer);
      this.buffer = [];
    }
  }

  flush(): void {
    if (this.held) {
      const rows = this.held.splice(0).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
      for (const row of rows) this.write(row);
    }
    if (this.buffer.length === 0) return;
    this.db.prepare(this.values(this.buffer.length / this.width)).run(this.buffer);
    this.buffer = [];
  }
}
