import { ShallowNet, readCsv, StandardScaler, trainTestSplit } from 'shallownet';

const { X, Y } = await readCsv('examples/data/diabetes.csv', { target: 'progression' });    // regression: Y is (1, 442)
const { XTrain, YTrain, XTest, YTest } = trainTestSplit(X, Y, { testFraction: 0.25, seed: 0 });
const xScaler = StandardScaler.fit(XTrain);
const yScaler = StandardScaler.fit(YTrain);          // a (1, m) Y scales like one feature

const net = new ShallowNet({ inputSize: 10, hiddenSize: 16, hiddenActivation: 'relu', outputActivation: 'linear', initialization: 'he', seed: 1 });
net.fit(xScaler.transform(XTrain), yScaler.transform(YTrain), {
  epochs: 200, batchSize: 32, optimizer: 'adam', learningRate: 1e-3, l2: 1,
});
console.log(net.evaluate(xScaler.transform(XTest), yScaler.transform(YTest)));     // { cost, mse, r2 }
const predicted = yScaler.inverseTransform(net.predict(xScaler.transform(XTest)));
console.log(Array.from(predicted.data.slice(0, 5), (v) => v.toFixed(0)).join(' '), 'vs', Array.from(YTest.data.slice(0, 5)).join(' '));
