import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value in COPY's text format. */
export type CopyValue = string | number | boolean | null | undefined | readonly string[];

const SPECIAL = /[\\\t\n\r]/;
const PLAIN_ARRAY_ITEM = /^[A-Za-z0-9_.-]+$/;

function text(value: string): string {
  return SPECIAL.test(value) ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : value;
}

/** A PostgreSQL array literal: codes as they are, anything else double-quoted. */
function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => (PLAIN_ARRAY_ITEM.test(item) ? item : `"${item.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}

function field(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'string') return text(value);
  return text(arrayLiteral(value));
}

/**
 * Streams rows into one table with COPY ... FROM STDIN on its own connection, buffering ~256 KB per
 * write and waiting for the stream to drain, so that generating and loading overlap on two cores.
 */
export class CopyWriter {
  private buffer = '';
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private failure: Error | undefined;
  rows = 0;

  constructor(
    private readonly client: Client,
    readonly table: string,
    columns: readonly string[],
    /** End the connection with the stream: it was opened for this table alone. */
    private readonly ownsClient = false,
  ) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', () => resolve());
      this.stream.on('error', reject);
    });
    // Surface a failure (e.g. a CHECK constraint) at the next write rather than at the end, with PostgreSQL's message.
    this.done.catch((error: Error) => {
      this.failure = error;
    });
  }

  /** Adds a row to the buffer; call `pump()` now and then (e.g. every thousand rows) to send it. */
  add(values: readonly CopyValue[]): void {
    let line = '';
    for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + field(values[i]);
    this.buffer += line + '\n';
    this.rows += 1;
  }

  /** Sends the buffer once it is large enough, waiting while PostgreSQL catches up. */
  async pump(): Promise<void> {
    if (this.buffer.length > 1 << 18) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw new Error(`COPY ${this.table}: ${this.failure.message}`);
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) {
      await Promise.race([once(this.stream, 'drain'), this.done]);
    }
  }

  async end(): Promise<number> {
    if (this.buffer) await this.flush();
    this.stream.end();
    await this.done;
    if (this.ownsClient) await this.client.end();
    return this.rows;
  }
}
