/**
 * A throwaway self-signed certificate for the replica, made with the openssl CLI in a temp dir at start
 * and never written into the repository. Its subjectAltName lists every replica host plus wildcards, so
 * one certificate serves github.com, *.atlassian.net, *.service-now.com, *.zendesk.com and *.acme.test.
 * spkiHash is what Chromium's --ignore-certificate-errors-spki-list expects: base64(sha256(SPKI DER)).
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ReplicaCert {
  keyPem: string;
  certPem: string;
  spkiHash: string;
}

const wildcards = [
  '*.atlassian.net',
  '*.service-now.com',
  '*.zendesk.com',
  '*.acme.test',
  '*.github.com',
  'localhost',
];

export function makeCert(hosts: string[]): ReplicaCert {
  const dir = mkdtempSync(join(tmpdir(), 'liaison-replica-'));
  try {
    const names = [...new Set([...hosts, ...wildcards])];
    const san = [...names.map((h) => `DNS:${h}`), 'IP:127.0.0.1', 'IP:::1'].join(',');
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    // EC P-256: generated in milliseconds, accepted by Chromium, Firefox and Node
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '30',
        '-subj',
        '/CN=Liaison replica',
        '-addext',
        `subjectAltName=${san}`,
        '-addext',
        'extendedKeyUsage=serverAuth',
      ],
      { stdio: 'pipe' },
    );
    const keyPem = readFileSync(keyPath, 'utf8');
    const certPem = readFileSync(certPath, 'utf8');
    const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
    const spkiHash = createHash('sha256').update(spki).digest('base64');
    return { keyPem, certPem, spkiHash };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
