/** Transports for renderer tests: the real in-process one, wrapped to count, hold or mute. */
import { createClient } from '../../shared/api/client.ts';
import type { Envelope } from '../../shared/api/errors.ts';
import type { Client, Transport } from '../../shared/api/transport.ts';
import { inProcessTransport } from '../../electron/backend/inprocess.transport.ts';
import type { TestBook } from '../helpers/book.ts';

export interface Harness {
  client: Client;
  /** How many times each request name was sent. */
  count(name: string): number;
  /** While muted, pushed events are not delivered (as if the window were asleep). */
  mute(muted: boolean): void;
  /**
   * Holds the answer of the next request of this name until release() is called. The backend has
   * already answered by then, so the held answer is what the book said at that moment.
   */
  holdNext(name: string): { release(): void; answered: Promise<void> };
  /** The next request of this name fails as if the book could not be read. */
  failNext(name: string): void;
  /**
   * Answers every request of this name with `answer` (given the input and the real backend's
   * envelope getter), until the returned function is called: to show states a test book cannot
   * easily be put in (a damaged book, a folder dialog).
   */
  intercept(
    name: string,
    answer: (input: unknown, real: () => Promise<Envelope<unknown>>) => Promise<Envelope<unknown>>,
  ): () => void;
}

export function harness(book: TestBook): Harness {
  const inner: Transport = inProcessTransport(book.backend, book.hub);
  const counts = new Map<string, number>();
  const holds = new Map<string, { gate: Promise<void>; answered: () => void }>();
  let muted = false;
  const failing = new Set<string>();
  const intercepts = new Map<
    string,
    (input: unknown, real: () => Promise<Envelope<unknown>>) => Promise<Envelope<unknown>>
  >();

  const transport: Transport = {
    async invoke(name, input) {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (failing.delete(name)) {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: 'Something went wrong inside Ledgerline, so nothing was changed.',
          },
        };
      }
      const hold = holds.get(name);
      if (hold) holds.delete(name);
      const intercept = intercepts.get(name);
      const envelope: Envelope<unknown> = intercept
        ? await intercept(input, () => inner.invoke(name, input))
        : await inner.invoke(name, input);
      if (hold) {
        hold.answered();
        await hold.gate;
      }
      return envelope;
    },
    on(event, listener) {
      return inner.on(event, (payload) => {
        if (!muted) listener(payload);
      });
    },
  };

  return {
    client: createClient(transport),
    count: (name) => counts.get(name) ?? 0,
    mute(value) {
      muted = value;
    },
    failNext(name) {
      failing.add(name);
    },
    intercept(name, answer) {
      intercepts.set(name, answer);
      return () => {
        if (intercepts.get(name) === answer) intercepts.delete(name);
      };
    },
    holdNext(name) {
      let release!: () => void;
      let answered!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const answeredPromise = new Promise<void>((resolve) => (answered = resolve));
      holds.set(name, { gate, answered });
      return { release, answered: answeredPromise };
    },
  };
}
