// Marks package.json's bin entries executable (tsc writes files 0644), so
// `npx shallownet` and `./dist/cli/main.js` run from a fresh build; npm sets
// the bit itself only when it installs the package somewhere else.
import { chmodSync, readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const { bin } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
for (const file of Object.values(bin ?? {})) {
  const path = new URL(file, root);
  chmodSync(path, statSync(path).mode | 0o111);
}
