/**
 * How many instances share the Redis adapter, kept fresh in the background: the count
 * coalescer's window grows with it (count-coalescer.ts). Read with the adapter's own
 * `serverCount()` (a PUBSUB NUMSUB on its request channel) every `intervalMs`; while Redis is away
 * the last known count stays, as readers elsewhere may still be there when it returns.
 */

/** The part of the Socket.IO adapter this needs. */
export interface CountedAdapter {
  serverCount(): Promise<number>;
}

export interface InstanceCount {
  /** Instances last counted, this one included (at least 1). */
  current(): number;
  stop(): void;
}

export function trackInstanceCount(adapter: CountedAdapter, intervalMs = 5_000): InstanceCount {
  let count = 1;
  const refresh = () => {
    adapter.serverCount().then(
      (n) => {
        if (Number.isInteger(n) && n >= 1) count = n;
      },
      // Redis away or closing: keep the last count.
      () => undefined,
    );
  };
  refresh();
  const timer = setInterval(refresh, intervalMs);
  timer.unref();
  return {
    current: () => count,
    stop: () => clearInterval(timer),
  };
}
