/**
 * CLI: `npm run replica -- [--port 8443] [--dataset demo|bench] [--extra-host other.zendesk.com]`.
 * Starts the replica, prints how to point a browser at it, and runs until killed (SIGINT/SIGTERM).
 */
import { parseArgs } from 'node:util';
import { startReplica } from './server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    dataset: { type: 'string', default: 'demo' },
    'extra-host': { type: 'string', multiple: true, default: [] },
  },
});

const datasetName = values.dataset === 'bench' ? 'bench' : 'demo';
const replica = await startReplica({
  port: Number(values.port),
  dataset: datasetName,
  extraHosts: values['extra-host'],
});
const rules = replica.hosts.map((h) => `MAP ${h} 127.0.0.1:${replica.port}`).join(',');

console.log(`[replica] listening on https://127.0.0.1:${replica.port} (dataset ${datasetName})`);
console.log(`[replica] hosts: ${replica.hosts.join(', ')}`);
console.log(`[replica] spki: ${replica.spkiHash}`);
console.log(
  `[replica] chromium: --host-resolver-rules="${rules}" --ignore-certificate-errors-spki-list=${replica.spkiHash}`,
);
console.log(
  `[replica] control: curl -k -H 'x-replica-host: github.com' https://127.0.0.1:${replica.port}/__replica/health`,
);

const stop = async () => {
  await replica.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
