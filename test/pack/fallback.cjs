// Run with the platform package hidden: 'auto' must fall back to 'ts' with
// exactly one warning, 'native' must throw an error that says what to do.
const warnings = [];
process.on('warning', (warning) => warnings.push(warning));
const { ShallowNet, nativeInfo } = require('shallownet');
const first = new ShallowNet({ inputSize: 2, hiddenSize: 3, seed: 1 });
const second = new ShallowNet({ inputSize: 2, hiddenSize: 3, seed: 1, backend: 'auto' });
let nativeError;
try {
  new ShallowNet({ inputSize: 2, hiddenSize: 3, backend: 'native' });
} catch (error) {
  nativeError = error;
}
setImmediate(() => {
  const ours = warnings.filter((w) => w.code === 'SHALLOWNET_NATIVE_UNAVAILABLE');
  const problems = [];
  if (first.backend !== 'ts' || second.backend !== 'ts') problems.push(`backends: ${first.backend}, ${second.backend}`);
  if (ours.length !== 1) problems.push(`${ours.length} fallback warnings, expected 1`);
  else if (!/shallownet-linux-x64-gnu/.test(ours[0].message)) problems.push(`warning does not name the package: ${ours[0].message}`);
  if (!nativeError || !/backend 'native' was requested/.test(nativeError.message) || !/npm install|build:native/.test(nativeError.message)) {
    problems.push(`'native' did not throw a clear error: ${nativeError && nativeError.message}`);
  }
  if (nativeInfo().loaded) problems.push('nativeInfo() says loaded');
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`# fallback warning: ${ours[0].message}`);
});
