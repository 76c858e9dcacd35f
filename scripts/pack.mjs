// npm run pack: stages and packs the publishable tarballs into build/pack/:
//   shallownet-<version>.tgz                 the JS/TS package
//   shallownet-<platform>-<version>.tgz      one per prebuilt platform in npm/*/
// The platforms are package.json's binary.platforms (each a folder npm/<platform>/).
// One whose binary has not been built (`npm run prebuild -- --target <platform>`)
// is left out with a note, so the host-only build in CI still packs; the main
// package's optionalDependencies and binary.platforms (what the loader's
// fallback warning lists) name exactly the platforms packed. Written here, at
// pack time, so the repository's own `npm ci` never asks the registry for
// platform packages. Neither package has any scripts.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'build', 'pack');
const stage = join(out, 'stage');
rmSync(out, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const platforms = main.binary.platforms;
const folders = readdirSync(join(root, 'npm')).filter((dir) => existsSync(join(root, 'npm', dir, 'package.json')));
const unlisted = folders.filter((dir) => !platforms.includes(dir));
if (unlisted.length > 0) throw new Error(`npm/${unlisted.join(', npm/')} not in package.json binary.platforms`);

function npmPack(dir) {
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: dir, encoding: 'utf8' }));
  console.log(`${result.filename}: ${(result.size / 1e6).toFixed(2)} MB packed, ${(result.unpackedSize / 1e6).toFixed(2)} MB unpacked, ${result.entryCount} files`);
  return result;
}

const optionalDependencies = {};
const packed = [];
for (const platform of platforms) {
  const source = join(root, 'npm', platform);
  if (!existsSync(join(source, 'package.json'))) throw new Error(`npm/${platform}/package.json is missing`);
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8'));
  if (manifest.version !== main.version) {
    throw new Error(`npm/${platform}/package.json is version ${manifest.version}, but shallownet is ${main.version}: keep them equal`);
  }
  if (!existsSync(join(source, 'shallownet.node'))) {
    console.log(`not packed: ${manifest.name} (npm/${platform}/shallownet.node is missing: \`npm run prebuild -- --target ${platform}\` builds it)`);
    continue;
  }
  const dir = join(stage, platform);
  cpSync(source, dir, { recursive: true });
  cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
  npmPack(dir);
  optionalDependencies[manifest.name] = manifest.version;
  packed.push(platform);
}

const dir = join(stage, 'shallownet');
mkdirSync(dir);
for (const entry of ['dist', 'LICENSE', 'README.md']) cpSync(join(root, entry), join(dir, entry), { recursive: true });
const { scripts, devDependencies, ...published } = main;
const binary = { ...published.binary, platforms: packed };
writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ ...published, binary, optionalDependencies }, null, 2)}\n`);
npmPack(dir);
