import { AppError } from './errors.ts';
import type { Client, Transport } from './transport.ts';
import type { Events, EventName } from './events.ts';

/** Wraps a transport in the typed client; an error envelope becomes a thrown AppError. */
export function createClient(transport: Transport): Client {
  return {
    async call(name, input) {
      const envelope = await transport.invoke(name, input);
      if (!envelope.ok) throw AppError.fromData(envelope.error);
      return envelope.value as never;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      return transport.on(event, (payload) => listener(payload as Events[E]));
    },
  };
}
