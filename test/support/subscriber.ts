import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';

/**
 * A graphql-ws client holding one subscription, as a front end would: results are queued, and the
 * test takes them one by one (`next`), or waits for the socket to close (`closed`) with its code.
 */
export class Subscriber<TResult> {
  readonly #results: FormattedExecutionResult<TResult, unknown>[] = [];
  #waiting: ((result: FormattedExecutionResult<TResult, unknown>) => void) | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #client: Client;

  constructor(url: string, token: string, document: TypedDocumentNode<TResult, Record<string, unknown>>, variables: Record<string, unknown> = {}) {
    let closed!: (event: { code: number; reason: string }) => void;
    this.closed = new Promise((resolve) => (closed = resolve));
    this.#client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      // A refused or closed socket is what some tests wait for (`closed`), not an error to print.
      onNonLazyError: () => undefined,
      on: { closed: (event) => closed(event as { code: number; reason: string }) },
    });
    this.#client.subscribe<TResult>(
      { query: print(document), variables },
      {
        next: (result) => this.#deliver(result),
        // The server refused the operation itself (graphql-ws `error`): its errors, as a result without data.
        error: (error) => {
          if (Array.isArray(error)) this.#deliver({ errors: error as GraphQLFormattedError[] });
        },
        complete: () => undefined,
      },
    );
  }

  #deliver(result: FormattedExecutionResult<TResult, unknown>): void {
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve(result);
    } else this.#results.push(result);
  }

  /** The next result; those that arrived already come first. */
  next(): Promise<FormattedExecutionResult<TResult, unknown>> {
    const queued = this.#results.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  /** Results that arrived and were not taken. */
  get pending(): number {
    return this.#results.length;
  }

  async close(): Promise<void> {
    await this.#client.dispose();
  }
}
