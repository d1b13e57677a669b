import { afterAll, afterEach, beforeAll } from 'vitest';
import { resetRateLimitState } from '../../src/providers/http';
import { type Replica, type ReplicaOptions, startReplica } from '../replica/server';

/**
 * A suite against one replica: started before the suite (then `ready` gets it, to build providers on its fetch),
 * its request log and the client's remembered rate limits cleared after each test, closed after the suite.
 */
export function onReplica(options: ReplicaOptions, ready: (replica: Replica) => void): void {
  let replica: Replica | undefined;
  beforeAll(async () => {
    replica = await startReplica({ port: 0, ...options });
    ready(replica);
  });
  afterAll(() => replica?.close());
  afterEach(() => {
    replica?.clearLog();
    resetRateLimitState();
  });
}
