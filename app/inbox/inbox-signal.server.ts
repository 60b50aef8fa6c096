// Lets the webhook route tell the worker of this process that new events are waiting, so they
// are applied at once rather than at the next poll (other instances find them by polling).
type Listener = () => void;

const listeners = new Set<Listener>();

export const inboxSignal = {
  notify(): void {
    for (const listener of listeners) listener();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
