/**
 * A thin layer over a pg Pool: one-statement queries and transactions, with every failure mapped
 * by toStoreError so that a lost database surfaces as `unavailable`, and with the error listeners
 * pg needs so that a connection dropping (idle or in use) never crashes the process.
 */
import pg from "pg";
import { isConnectionError, toStoreError } from "./postgres-errors.js";

/** Anything that runs one statement: the pool itself or a transaction's client. */
export interface Queryable {
  /** Runs one statement and returns its rows. */
  query<R extends object>(text: string, values?: unknown[]): Promise<R[]>;
}

/** A transaction in progress. */
export interface Tx extends Queryable {
  /** Roll back instead of committing once the callback returns: nothing it wrote is kept. */
  discard(): void;
}

/** The pool plus the two ways Parley uses it. */
export interface Db extends Queryable {
  /**
   * Runs one statement as a named prepared statement: each connection parses and plans it once,
   * then only binds. For hot statements whose result columns are listed (never `*`): a cached
   * plan returning `*` fails once a migration adds a column under a running instance.
   */
  queryPrepared<R extends object>(name: string, text: string, values: unknown[]): Promise<R[]>;
  /** Runs `work` between BEGIN and COMMIT (ROLLBACK when it throws or discards). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** Pool settings Parley cares about. */
export interface DbOptions {
  /** Most connections this instance holds open; default 10 (pg's default). */
  max?: number;
  /** Told of connection errors that no query was waiting for (a dropped idle connection). */
  onConnectionError?: (error: Error) => void;
  /**
   * Longest wait for one statement's answer, in ms; default 15000, 0 for none. A database that
   * vanished without closing the socket (a partition) would otherwise hold requests for minutes.
   */
  queryTimeoutMs?: number;
}

/** Creates the pool lazily connected: nothing touches the network until the first query. */
export function createDb(connectionString: string, options: DbOptions = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // Fail a request while PostgreSQL is down instead of queueing it for ever; long enough that a
    // burst of posts queueing on one hot article's row lock waits for a connection rather than
    // failing (a 5 s wait gave 503s to a 300-post burst on a loaded 2-core machine).
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    ...(options.queryTimeoutMs === 0 ? {} : { query_timeout: options.queryTimeoutMs ?? 15_000 }),
  });
  const onConnectionError = options.onConnectionError ?? (() => undefined);
  // Without this listener an idle client losing its server emits an unhandled 'error' and the
  // process dies; the pool already discards such a client, so noting it is all that is left.
  pool.on("error", (error) => onConnectionError(error));

  return {
    async query<R extends object>(text: string, values?: unknown[]): Promise<R[]> {
      try {
        const result = await pool.query<R>(text, values);
        return result.rows;
      } catch (error) {
        throw toStoreError(error);
      }
    },

    async queryPrepared<R extends object>(
      name: string,
      text: string,
      values: unknown[],
    ): Promise<R[]> {
      try {
        const result = await pool.query<R>({ name, text, values });
        return result.rows;
      } catch (error) {
        throw toStoreError(error);
      }
    },

    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw toStoreError(error);
      }
      // A checked-out client has no pool listener: one must exist, or a drop mid-transaction
      // would be an unhandled 'error' event. The failing query reports the error itself.
      const onClientError = (error: Error) => onConnectionError(error);
      client.on("error", onClientError);
      let discarded = false;
      let broken: unknown = undefined;
      const tx: Tx = {
        async query<R extends object>(text: string, values?: unknown[]): Promise<R[]> {
          const result = await client.query<R>(text, values);
          return result.rows;
        },
        discard() {
          discarded = true;
        },
      };
      try {
        await client.query("BEGIN");
        const value = await work(tx);
        await client.query(discarded ? "ROLLBACK" : "COMMIT");
        return value;
      } catch (error) {
        broken = error;
        await client.query("ROLLBACK").catch(() => undefined);
        throw toStoreError(error);
      } finally {
        client.removeListener("error", onClientError);
        // Passing an error destroys the client instead of returning a possibly dead connection
        // to the pool; a plain query or constraint error keeps it.
        client.release(isConnectionError(broken) ? true : undefined);
      }
    },

    end: () => pool.end(),
  };
}
