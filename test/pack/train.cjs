// A small, fixed training run; prints which backend ran and the trained model.
const { ShallowNet, loadPlanarDataset, nativeInfo } = require('shallownet');
const { X, Y } = loadPlanarDataset();
const net = new ShallowNet({ inputSize: 2, hiddenSize: 4, seed: 3 });
net.fit(X, Y, { iterations: 2000, learningRate: 1.2 });
const info = nativeInfo();
console.log(JSON.stringify({ backend: net.backend, from: info.loaded ? info.from : info.reason, model: JSON.stringify(net) }));
