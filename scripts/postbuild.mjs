// Post-build fixes to dist/manifest.json, so one dist loads in both browsers (../shared/TOOLCHAIN.md).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../dist/manifest.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));

// 1. crxjs writes background.service_worker only; Firefox MV3 runs background.scripts (an event page).
//    Chromium accepts both keys, Firefox ignores service_worker.
const worker = manifest.background?.service_worker;
if (!worker) throw new Error('postbuild: dist/manifest.json has no background.service_worker');
manifest.background = { service_worker: worker, scripts: [worker], type: 'module' };

// 2. crxjs's content-script loader dynamic-imports the script's chunks, so the page's origin must be allowed to load
//    them (web_accessible_resources): measured in Chromium 156 and Firefox ESR 153, a loader registered on a host the
//    entry does not match fails with "Denying load of chrome-extension://…". Self-hosted instances (GitHub
//    Enterprise, Jira Data Center, ServiceNow on a custom domain) get the loader registered at run time
//    (src/background/self-hosted.ts) on hosts unknown at build time, so these chunks are opened to every https
//    origin. Nothing else is web-accessible.
//    Trade-off: any https page can now probe chrome-extension://<fixed id>/assets/<chunk> and learn that Liaison is
//    installed (a fingerprinting bit; Firefox's per-install moz-extension UUID makes the probe impractical there).
//    The chunks hold code only, never settings or data. `use_dynamic_url: true` would hide the static URL, but
//    crxjs's chunks import each other by static URL and Chromium 156 then denies those imports (measured), so it
//    breaks the content script. The way to close the bit is a self-contained (IIFE) content-script build registered
//    for self-hosted hosts, which needs no web-accessible resource at all.
for (const resource of manifest.web_accessible_resources ?? []) resource.matches = ['https://*/*'];

writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(
  `postbuild: background.scripts = [${worker}]; content-script chunks web-accessible to https://*/*`,
);
