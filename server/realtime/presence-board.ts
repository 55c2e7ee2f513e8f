/**
 * The presence board port: where each instance publishes its own readers per article and reads
 * back the totals over every live instance. On one instance the board is this process's memory;
 * with Redis it is a hash per article (server/scale/redis-presence-board.ts).
 */

/** One round of the presence tracker: this instance's counts, and the totals it wants back. */
export interface PresenceRound {
  /**
   * This instance's connections per article, for the articles of this round; 0 withdraws the
   * instance from the article. Totals come back for every article here with a count above 0.
   */
  local: Map<string, number>;
}

export interface PresenceBoard {
  /** Publishes the round's counts and resolves with the totals over every live instance. */
  sync(round: PresenceRound): Promise<Map<string, number>>;
  /** Withdraws this instance (a graceful stop), so others drop its readers at their next round. */
  close(): Promise<void>;
}

/** A single instance's board: the totals are the local counts. */
export const localPresenceBoard: PresenceBoard = {
  sync({ local }) {
    const totals = new Map<string, number>();
    for (const [articleId, readers] of local) if (readers > 0) totals.set(articleId, readers);
    return Promise.resolve(totals);
  },
  close: () => Promise.resolve(),
};
