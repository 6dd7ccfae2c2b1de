import type { DomainEvent } from '../domain/events';

export type EventHandler = (event: DomainEvent) => void;

/**
 * Carries domain events, published by services after their change is committed, to the transports.
 * In-process on one node; a multi-node deployment implements the same interface over Redis or Postgres.
 */
export interface EventBus {
  publish(event: DomainEvent): void;
  subscribe(handler: EventHandler): () => void;
}

/** Delivers events synchronously, in publish order, to every subscriber; a failing handler does not stop the others. */
export class InProcessEventBus implements EventBus {
  readonly #handlers = new Set<EventHandler>();

  constructor(private readonly onHandlerError: (error: unknown, event: DomainEvent) => void = () => {}) {}

  publish(event: DomainEvent): void {
    for (const handler of this.#handlers) {
      try {
        handler(event);
      } catch (error) {
        this.onHandlerError(error, event);
      }
    }
  }

  subscribe(handler: EventHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }
}
