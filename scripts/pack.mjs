// npm run pack: stages and packs the publishable tarballs into build/pack/:
//   shallownet-<version>.tgz                 the JS/TS package
//   shallownet-<platform>-<version>.tgz      one per prebuilt platform in npm/*/
// The main package's optionalDependencies are written here, at pack time, so
// the repository's own `npm ci` never asks the registry for platform packages
// that are only built by `npm run prebuild`. Neither package has any scripts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'build', 'pack');
const stage = join(out, 'stage');
rmSync(out, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const platforms = readdirSync(join(root, 'npm')).filter((dir) => existsSync(join(root, 'npm', dir, 'package.json')));

function npmPack(dir) {
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }));
  console.log(`${result.filename}: ${(result.size / 1e6).toFixed(2)} MB packed, ${(result.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${result.entryCount} files`);
  return result;
}

const optionalDependencies = {};
for (const platform of platforms) {
  const source = join(root, 'npm', platform);
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  if (manifest.version !== main.version) {
    throw new Error(`npm/${platform}/package.json is version ${manifest.version}, but shallownet is ${main.version}: keep them equal`);
  }
  if (!existsSync(join(source, 'shallownet.node'))) {
    throw new Error(`npm/${platform}/shallownet.node is missing: run \`npm run prebuild\` first`);
  }
  const dir = join(stage, platform);
  cpSync(source, dir, { recursive: true });
  cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  npmPack(dir);
  optionalDependencies[manifest.name] = manifest.version;
}

const dir = join(stage, 'shallownet');
mkdirSync(dir);
for (const entry of ['dist', 'LICENSE', 'README.md']) cpSync(join(root, entry), join(dir, entry), { recursive: true });
const { scripts, devDependencies, ...published } = main;
writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...published, optionalDependencies }, null, 2)}\n`);
npmPack(dir);
