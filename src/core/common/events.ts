// A minimal typed event, shaped like vscode.Event so VS Code-side code can use either interchangeably.

export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;
export type Event<T> = (listener: Listener<T>) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<Listener<T>>();

  /** `onListenerError` hears what a listener threw, so one broken listener neither stops the others nor vanishes. */
  constructor(private readonly onListenerError?: (error: unknown) => void) {}

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError?.(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
