// The cap on open connections, and who gives way when it is reached. A plain cap (Node's
// maxConnections) refuses newcomers, so a few hundred clients that connect and then send their
// headers a byte at a time lock every genuine webhook out until they time out. Here a newcomer
// instead displaces the connection that has done nothing for longest: one still waiting for its
// request (slow headers, or kept alive between requests), else one whose body is still arriving.
// Genuine requests arrive whole within milliseconds, so they are never the oldest in either
// group; a request the app is working on is never displaced.

export type ConnectionActivity =
  /** Just accepted, nothing read from it yet: in a burst, a request the server has not reached. Never displaced. */
  | "arriving"
  /** No request in progress: its headers are still arriving, or it is kept alive between requests. */
  | "waiting"
  /** A request whose body is still arriving. */
  | "receiving"
  /** A request received in full, which the app is answering. */
  | "working";

export class ConnectionRoster<Connection> {
  /** Least recently active first (a Set keeps insertion order; activity re-inserts). */
  readonly #open = new Set<Connection>();

  constructor(
    readonly capacity: number,
    private readonly activityOf: (connection: Connection) => ConnectionActivity,
  ) {}

  get size(): number {
    return this.#open.size;
  }

  /**
   * Adds a new connection. Returns null while there is room; at the cap, the connection to close
   * instead: the displaced one, or the newcomer itself when every other connection is working.
   */
  admit(newcomer: Connection): Connection | null {
    this.#open.add(newcomer);
    if (this.#open.size <= this.capacity) return null;
    const victim = this.#oldest(newcomer, "waiting") ?? this.#oldest(newcomer, "receiving") ?? newcomer;
    this.#open.delete(victim);
    return victim;
  }

  /** The connection started or finished a request: it is now the most recently active. */
  touch(connection: Connection): void {
    if (this.#open.delete(connection)) this.#open.add(connection);
  }

  remove(connection: Connection): void {
    this.#open.delete(connection);
  }

  #oldest(newcomer: Connection, activity: ConnectionActivity): Connection | undefined {
    for (const connection of this.#open) {
      if (connection !== newcomer && this.activityOf(connection) === activity) return connection;
    }
    return undefined;
  }
}
