/** Fans backend events out to every subscriber: windows, preview pages, in-process clients. */
import type { EventName } from '../../shared/api/events.ts';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface EventHub {
  emit(event: string, payload: unknown): void;
  subscribe(listener: EventListener): () => void;
  size(): number;
}

export function createEventHub(onListenerError?: (err: unknown) => void): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event as EventName, payload);
        } catch (err) {
          onListenerError?.(err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    size: () => listeners.size,
  };
}
