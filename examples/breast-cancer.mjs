import { ShallowNet, readCsv, StandardScaler, trainTestSplit } from 'shallownet';

const { X, Y, classes } = await readCsv('examples/data/breast-cancer.csv', { target: 'diagnosis' });   // binary: Y is (1, 569)
const { XTrain, YTrain, XTest, YTest } = trainTestSplit(X, Y, { testFraction: 0.25, stratify: true, seed: 0 });
const scaler = StandardScaler.fit(XTrain);

const net = new ShallowNet({ inputSize: 30, hiddenSize: 32, seed: 1 });
const result = net.fit(scaler.transform(XTrain), YTrain, {
  epochs: 2000, batchSize: 32, optimizer: 'momentum', learningRate: 0.05,
  validationSplit: 0.2,                              // 20 % of the training rows held out, seeded
  earlyStopping: { patience: 20 },                   // stop when their cost stops improving; keep the best
  onProgress: ({ epoch, cost, validationCost, validationAccuracy }) => {
    if (epoch % 20 === 0) console.log(`epoch ${epoch}: cost ${cost.toFixed(4)}, validation ${validationCost.toFixed(4)} (${(100 * validationAccuracy).toFixed(1)} %)`);
  },
});
console.log(`stopped early: ${result.stoppedEarly} after ${result.epochs} epochs; best epoch ${result.bestEpoch}`);
console.log(classes, net.evaluate(scaler.transform(XTest), YTest));
