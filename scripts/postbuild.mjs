// Post-build fixes to dist/manifest.json, so one dist loads in both browsers (../shared/TOOLCHAIN.md).
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../dist/manifest.json', import.meta.url);
const manifest = JSON.parse(readFileSync(path, 'utf8'));

// 1. crxjs writes background.service_worker only; Firefox MV3 runs background.scripts (an event page).
//    Chromium accepts both keys, Firefox ignores service_worker.
const worker = manifest.background?.service_worker;
if (!worker) throw new Error('postbuild: dist/manifest.json has no background.service_worker');
manifest.background = { service_worker: worker, scripts: [worker], type: 'module' };

// 2. crxjs loads content-script chunks with a dynamic import and lists them in web_accessible_resources, but when
//    one script serves several content_scripts entries it keeps only the last entry's hosts. Every host a content
//    script runs on must be able to load them.
const hosts = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.matches ?? []))];
for (const resource of manifest.web_accessible_resources ?? []) resource.matches = hosts;

writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`postbuild: background.scripts = [${worker}]; web_accessible_resources for ${hosts.join(', ')}`);
