import { Client } from 'pg';
import type { Database } from '../../database/database';
import type { Logger } from '../../logger';
import { EVENTS_CHANNEL, readEventRoute, type EventNotice } from './events.service';

/** Notices a subscriber has not taken yet; past this it is too slow, and its subscription ends. */
const MAX_QUEUED_NOTICES = 1000;

/**
 * One instance's ear on the events channel: a session connection that LISTENs (a transaction-mode
 * pooler cannot carry LISTEN, hence its own URL). A notification names an event by id; while this
 * instance holds subscriptions, it reads where the event goes and hands it to its subscribers of the
 * organizations told, one event after another so that they arrive in order. PostgreSQL notifies
 * every listening instance of every commit, so a change made on one instance reaches subscribers held
 * by any other.
 */
export class EventHub {
  #client: Client | null = null;
  #stopped = false;
  readonly #subscribers = new Map<string, Set<NoticeQueue>>();
  #routing: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'ngo-commons-events' });
    client.on('notification', (message) => {
      if (message.channel === EVENTS_CHANNEL && message.payload) this.#route(message.payload);
    });
    client.on('error', (error) => this.logger.warn({ err: error }, 'events listener connection lost'));
    client.on('end', () => {
      if (this.#stopped) return;
      // Notices sent while no connection listens are lost to subscriptions (organizationEvents still lists them).
      this.logger.warn('events listener disconnected: reconnecting');
      void this.#reconnect(1000);
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    this.#client = client;
  }

  /** Tries again, waiting twice as long each time (at most a minute), until it listens or the hub stops. */
  async #reconnect(delayMs: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    if (this.#stopped) return;
    try {
      await this.start();
      this.logger.info('events listener reconnected');
    } catch (error) {
      this.logger.error({ err: error }, 'events listener could not reconnect: trying again');
      await this.#reconnect(Math.min(60_000, delayMs * 2));
    }
  }

  /** The notices for `organizationId` that `wanted` accepts, from now until the iterator is returned. */
  subscribe(organizationId: string, wanted: (notice: EventNotice) => boolean): AsyncIterableIterator<EventNotice> {
    const queue = new NoticeQueue(wanted, () => {
      const set = this.#subscribers.get(organizationId);
      set?.delete(queue);
      if (set?.size === 0) this.#subscribers.delete(organizationId);
    });
    const set = this.#subscribers.get(organizationId) ?? new Set();
    set.add(queue);
    this.#subscribers.set(organizationId, set);
    return queue;
  }

  /** Subscriptions open on this instance. */
  get subscriptions(): number {
    let count = 0;
    for (const set of this.#subscribers.values()) count += set.size;
    return count;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#routing;
    for (const set of this.#subscribers.values()) for (const queue of set) queue.end();
    await this.#client?.end().catch(() => undefined);
  }

  #route(id: string): void {
    if (this.#subscribers.size === 0) return;
    this.#routing = this.#routing
      .then(async () => {
        const notice = await readEventRoute(this.database, id);
        if (notice) this.#deliver(notice);
      })
      .catch((error) => this.logger.error({ err: error, eventId: id }, 'could not route an event to its subscribers'));
  }

  #deliver(notice: EventNotice): void {
    for (const organizationId of notice.organizationIds) {
      for (const queue of this.#subscribers.get(organizationId) ?? []) queue.push(notice);
    }
  }
}

/** A subscriber's notices, taken one at a time by GraphQL's subscription machinery. */
class NoticeQueue implements AsyncIterableIterator<EventNotice> {
  readonly #buffer: EventNotice[] = [];
  #waiting: ((result: IteratorResult<EventNotice>) => void) | null = null;
  #done = false;

  constructor(
    private readonly wanted: (notice: EventNotice) => boolean,
    private readonly onEnd: () => void,
  ) {}

  push(notice: EventNotice): void {
    if (this.#done || !this.wanted(notice)) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      resolve({ value: notice, done: false });
    } else if (this.#buffer.length >= MAX_QUEUED_NOTICES) {
      this.end();
    } else {
      this.#buffer.push(notice);
    }
  }

  end(): void {
    if (this.#done) return;
    this.#done = true;
    this.onEnd();
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
  }

  next(): Promise<IteratorResult<EventNotice>> {
    const notice = this.#buffer.shift();
    if (notice) return Promise.resolve({ value: notice, done: false });
    if (this.#done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.#waiting = resolve));
  }

  return(): Promise<IteratorResult<EventNotice>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<EventNotice> {
    return this;
  }
}
