/** The one interface every transport implements: IPC, in-process and HTTP. */
import type { EventName, Events } from './events.ts';
import type { RequestName, RequestInput, RequestOutput } from './requests.ts';
import type { Envelope } from './errors.ts';

export interface Transport {
  /** Sends one request; resolves with the envelope, never rejects for an API error. */
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  /** Subscribes to one event; returns the unsubscribe function. */
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** The typed face of a transport that the renderer and tests use. */
export interface Client {
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<RequestOutput<N>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/** What the preload exposes as window.crm. */
export interface CrmBridge {
  invoke(name: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
