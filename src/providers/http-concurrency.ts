/**
 * At most N requests in flight per host, shared by every HTTP client of that host (two connections to one
 * Jira, GitHub REST and GraphQL on one GHE host). Waiters are served first come, first served; a waiter whose
 * signal aborts leaves the queue. A slot is held from the moment the request is sent until its response headers
 * arrive (or it fails, times out or is aborted), never across retry delays.
 */

interface Waiter {
  limit: number;
  grant: () => void;
}

interface Slots {
  inFlight: number;
  queue: Waiter[];
}

const hosts = new Map<string, Slots>();

function drain(host: string, slots: Slots) {
  for (let head = slots.queue[0]; head && slots.inFlight < head.limit; head = slots.queue[0]) {
    slots.queue.shift();
    head.grant();
  }
  if (slots.inFlight === 0 && slots.queue.length === 0 && hosts.get(host) === slots) hosts.delete(host);
}

/**
 * Resolves with a release function once fewer than `limit` requests are in flight to `host` and everyone who
 * asked earlier has had their turn. Release exactly once, on every outcome (extra calls are ignored).
 */
export function acquireSlot(host: string, limit: number, signal?: AbortSignal): Promise<() => void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let slots = hosts.get(host);
    if (!slots) {
      slots = { inFlight: 0, queue: [] };
      hosts.set(host, slots);
    }
    const own = slots;
    const onAbort = () => {
      const at = own.queue.indexOf(waiter);
      if (at >= 0) own.queue.splice(at, 1);
      drain(host, own);
      reject(signal?.reason);
    };
    const waiter: Waiter = {
      limit: Math.max(1, limit),
      grant: () => {
        signal?.removeEventListener('abort', onAbort);
        own.inFlight++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          own.inFlight--;
          drain(host, own);
        });
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    own.queue.push(waiter);
    drain(host, own);
  });
}

/** For tests and diagnostics: requests in flight to a host, and how many wait. */
export const slotState = (host: string) => ({
  inFlight: hosts.get(host)?.inFlight ?? 0,
  queued: hosts.get(host)?.queue.length ?? 0,
});
