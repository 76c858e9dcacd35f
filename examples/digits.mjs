import { ShallowNet, argmax, readCsv, StandardScaler, trainTestSplit } from 'shallownet';

const { X, Y, classes } = await readCsv('examples/data/digits.csv', { target: 'digit' });   // Y one-hot (10, 1797)
const { XTrain, YTrain, XTest, YTest } = trainTestSplit(X, Y, { testFraction: 0.25, stratify: true, seed: 0 });
const scaler = StandardScaler.fit(XTrain);

const net = new ShallowNet({
  inputSize: 64, hiddenSize: 64, outputSize: 10,
  hiddenActivation: 'relu', outputActivation: 'softmax', initialization: 'he', seed: 1,
});
const t = performance.now();
const result = net.fit(scaler.transform(XTrain), YTrain, {
  epochs: 100, batchSize: 64, optimizer: 'adam', learningRate: 1e-3, l2: 1e-4,
});
console.log(`${result.epochs} epochs, ${result.iterations} updates in ${(performance.now() - t).toFixed(0)} ms, last epoch's mean batch cost ${result.finalCost.toFixed(4)}`);
console.log(net.evaluate(scaler.transform(XTest), YTest));            // { cost, accuracy }
const label = (indices) => Array.from(indices.slice(0, 15), (c) => classes[c]).join(' ');
console.log('predicted', label(net.predictClasses(scaler.transform(XTest))));
console.log('true     ', label(argmax(YTest)));
