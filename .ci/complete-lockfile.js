#!/usr/bin/env node
// The registry these machines reach serves only the platform packages of this platform
// (linux-x64): the other platforms' optional binaries (@swc/core-darwin-arm64 and the like) answer
// 404, so `npm install` leaves them out of package-lock.json and `npm ci` then calls the lockfile
// out of sync. This adds each missing optional platform package as an optional entry with its os
// and cpu, which npm ci skips on other platforms. Run it after changing dependencies:
//   node .ci/complete-lockfile.js
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const file = join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const platformOf = (name) => {
  const os = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openbsd', 'sunos', 'aix', 'netbsd', 'openharmony', 'wasm32'].find((o) =>
    name.includes(o),
  );
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'].find((c) =>
    new RegExp(`[-/]${c}(?:[-_]|$)`).test(name),
  );
  return { os, cpu };
};

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (lock.packages[key] || lock.packages[nested]) continue;
    const { os, cpu } = platformOf(name);
    // Keys in the order npm writes them, so a later `npm install` leaves the file as it is.
    lock.packages[key] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(os && os !== 'wasm32' ? { os: [os] } : {}),
    };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`added ${added} optional platform entries to package-lock.json`);
