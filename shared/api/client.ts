import { AppError } from './errors.ts';
import { unpackPage } from './packed.ts';
import { isPacked, type RequestName } from './requests.ts';
import type { Client, Transport } from './transport.ts';
import type { Events, EventName } from './events.ts';

/**
 * Wraps a transport in the typed client; an error envelope becomes a thrown AppError, and a page
 * that travelled packed is handed on as the contract's objects.
 */
export function createClient(transport: Transport): Client {
  return {
    async call(name, input) {
      const envelope = await transport.invoke(name, input);
      if (!envelope.ok) throw AppError.fromData(envelope.error);
      const value = isPacked(name as RequestName) ? unpackPage(envelope.value as never) : envelope.value;
      return value as never;
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      return transport.on(event, (payload) => listener(payload as Events[E]));
    },
  };
}
