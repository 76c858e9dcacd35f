#!/usr/bin/env python3
"""Benchmark peer: scikit-learn's MLPClassifier / MLPRegressor configured as the
one-hidden-layer network shallownet trains (see README.md).

Two modes, both printing one line of JSON to stdout:

    # make a case's data (split, standardised, seeded) and its configuration
    python3 bench/sklearn/peer.py --case digits --write DIR

    # train scikit-learn on DIR, timed
    python3 bench/sklearn/peer.py --case digits --data DIR [--epochs N] [--repeat R]

DIR holds X.f64 (n0, m), Y.f64 (n2, m), Xtest.f64 (n0, mTest), Ytest.f64
(n2, mTest) - raw little-endian float64, row-major, one column per example as
shallownet takes them; Y is one-hot for classification - and case.json with the
sizes and the training configuration, which the Node side reads too, so both
train on the same bytes with the same settings.
"""

import argparse
import json
import os
import sys
import time
import warnings

import numpy as np

# ---------------------------------------------------------------------------
# The cases. Everything both sides need is written to case.json.
# ---------------------------------------------------------------------------

CASES = {
    # scikit-learn's bundled 8x8 digits, the "small real data" case.
    "digits": {
        "task": "classification",
        "n1": 64, "activation": "relu", "initialization": "he",
        "batchSize": 64, "epochs": 100, "learningRate": 1e-3, "l2": 1e-4,
        "seed": 0,
    },
    # MNIST-sized mini-batch training on synthetic data (see make_mnist_like).
    # One epoch over 60 000 examples is already 5-8 s of scikit-learn time on
    # an idle 2-core machine (8 000-11 300 examples/s), so one epoch it is.
    "mnist": {
        "task": "classification",
        "n1": 256, "activation": "tanh", "initialization": "xavier",
        "batchSize": 128, "epochs": 1, "learningRate": 1e-3, "l2": 1e-4,
        "seed": 0,
    },
    # Optional regression case (MLPRegressor, linear output): bundled diabetes.
    # 331 training rows overfit at l2 = 1e-4 (test R^2 ~0.29, below a plain
    # linear fit's 0.36 on this split); l2 = 1 gives ~0.38.
    "diabetes": {
        "task": "regression",
        "n1": 16, "activation": "relu", "initialization": "he",
        "batchSize": 32, "epochs": 200, "learningRate": 1e-3, "l2": 1.0,
        "seed": 0,
    },
}

SPLIT_SEED = 0          # train/test split of the real data sets
MNIST_SEED = 2024       # the synthetic generator
MNIST_TRAIN, MNIST_TEST = 60_000, 10_000


# ---------------------------------------------------------------------------
# Data (rows are examples here, scikit-learn's layout; transposed when written)
# ---------------------------------------------------------------------------

def standardise(X_train, X_test):
    """Centre and scale by the training set's mean and std only (no test
    leakage); constant columns (digits has all-zero pixels) keep scale 1,
    as StandardScaler does."""
    from sklearn.preprocessing import StandardScaler
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test)


def make_digits():
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    X, y = load_digits(return_X_y=True)
    # 75/25, stratified so every class keeps its share in both parts.
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float64), y, test_size=0.25, stratify=y, random_state=SPLIT_SEED)
    X_train, X_test = standardise(X_train, X_test)
    return X_train, y_train, X_test, y_test, 10, "sklearn.datasets.load_digits"


def make_mnist_like():
    """10 classes in 784-D, each a mixture of 4 prototypes; an example is a
    prototype plus N(0, 1) noise in every feature. Prototypes are N(0, 8^2/784)
    per feature, i.e. about 8 noise-sigmas from the origin and ~11 from each
    other: separable in principle, but the net has to learn 40 directions
    through the noise, so one epoch lands well short of 100 % and the accuracy
    says something. Mixtures make the classes non-convex, so the hidden layer
    matters. Features are already ~unit scale, so they are not standardised."""
    classes, per_class, n0, spread = 10, 4, 784, 8.0
    rng = np.random.default_rng(MNIST_SEED)
    prototypes = rng.standard_normal((classes * per_class, n0)) * (spread / np.sqrt(n0))

    def draw(m):
        y = rng.integers(0, classes, m)
        which = y * per_class + rng.integers(0, per_class, m)
        return prototypes[which] + rng.standard_normal((m, n0)), y

    X_train, y_train = draw(MNIST_TRAIN)
    X_test, y_test = draw(MNIST_TEST)
    source = "synthetic: numpy default_rng(%d), %d classes x %d prototypes, spread %g, N(0,1) noise" % (
        MNIST_SEED, classes, per_class, spread)
    return X_train, y_train, X_test, y_test, classes, source


def make_diabetes():
    from sklearn.datasets import load_diabetes
    from sklearn.model_selection import train_test_split
    X, y = load_diabetes(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float64), y.astype(np.float64), test_size=0.25, random_state=SPLIT_SEED)
    X_train, X_test = standardise(X_train, X_test)
    # The target too (25..346): with a unit-scale target Adam at lr 1e-3 gets
    # somewhere in 200 epochs; R^2 is unchanged by this affine map.
    mean, std = y_train.mean(), y_train.std()
    return X_train, (y_train - mean) / std, X_test, (y_test - mean) / std, None, "sklearn.datasets.load_diabetes"


MAKERS = {"digits": make_digits, "mnist": make_mnist_like, "diabetes": make_diabetes}


def one_hot_columns(labels, classes):
    """(classes, m) one-hot, one column per example, as shallownet takes Y."""
    Y = np.zeros((classes, labels.size), dtype=np.float64)
    Y[labels, np.arange(labels.size)] = 1.0
    return Y


def write_case(name, directory):
    X_train, y_train, X_test, y_test, classes, source = MAKERS[name]()
    os.makedirs(directory, exist_ok=True)
    if classes is None:  # regression: one output row
        Y_train, Y_test = y_train.reshape(1, -1), y_test.reshape(1, -1)
    else:
        Y_train, Y_test = one_hot_columns(y_train, classes), one_hot_columns(y_test, classes)
    arrays = {"X": X_train.T, "Y": Y_train, "Xtest": X_test.T, "Ytest": Y_test}
    for key, array in arrays.items():
        np.ascontiguousarray(array, dtype="<f8").tofile(os.path.join(directory, key + ".f64"))
    config = dict(CASES[name])
    config.update({
        "case": name, "source": source,
        "n0": X_train.shape[1], "n2": Y_train.shape[0],
        "m": X_train.shape[0], "mTest": X_test.shape[0],
    })
    with open(os.path.join(directory, "case.json"), "w") as f:
        json.dump(config, f, indent=1)
    return config


def read_case(directory):
    with open(os.path.join(directory, "case.json")) as f:
        config = json.load(f)
    shapes = {"X": (config["n0"], config["m"]), "Y": (config["n2"], config["m"]),
              "Xtest": (config["n0"], config["mTest"]), "Ytest": (config["n2"], config["mTest"])}
    arrays = {}
    for key, shape in shapes.items():
        flat = np.fromfile(os.path.join(directory, key + ".f64"), dtype="<f8")
        if flat.size != shape[0] * shape[1]:
            raise ValueError("%s.f64: %d values, expected %s" % (key, flat.size, shape))
        # Back to scikit-learn's layout, rows = examples, C-contiguous so that
        # fit neither copies nor runs on a strided view.
        arrays[key] = np.ascontiguousarray(flat.reshape(shape).T)
    return config, arrays


# ---------------------------------------------------------------------------
# The peer
# ---------------------------------------------------------------------------

def make_estimator(config, epochs):
    from sklearn.neural_network import MLPClassifier, MLPRegressor
    Estimator = MLPClassifier if config["task"] == "classification" else MLPRegressor
    return Estimator(
        hidden_layer_sizes=(config["n1"],),
        activation=config["activation"],
        solver="adam",
        # alpha is shallownet's l2: sklearn adds 0.5*alpha*sum(W**2)/b to the
        # loss and alpha*W/b to the gradient, b the batch's sample count
        # (biases not penalised) - exactly J += l2/(2b)*|W|^2, dW += (l2/b)*W.
        alpha=config["l2"],
        batch_size=config["batchSize"],
        learning_rate_init=config["learningRate"],
        beta_1=0.9, beta_2=0.999, epsilon=1e-8,   # the defaults, as in the issue
        max_iter=epochs,                          # for adam: epochs, not updates
        # sklearn stops when the training loss has not improved by tol for
        # more than n_iter_no_change epochs (default 1e-4 / 10). The count can
        # reach at most `epochs`, so n_iter_no_change = epochs can never fire;
        # tol = 0 as well so that intent is plain. Checked after fit.
        tol=0.0,
        n_iter_no_change=epochs,
        early_stopping=False,
        shuffle=True,                             # a new permutation every epoch
        random_state=config["seed"],
    )


def to_targets(config, Y):
    # MLPClassifier must get class labels: a 2-D one-hot y would make it a
    # multi-label problem with independent logistic outputs, not softmax.
    return Y.argmax(axis=1) if config["task"] == "classification" else Y.ravel()


def fit_quietly(estimator, X, y):
    from sklearn.exceptions import ConvergenceWarning
    with warnings.catch_warnings():
        # Emitted whenever max_iter is reached, i.e. on every fixed-epoch run.
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator.fit(X, y)
    return estimator


def threads_info():
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    # One entry per thread pool loaded: numpy's OpenBLAS (the one MLP's
    # products run on), scipy's, and scikit-learn's OpenMP.
    pools = []
    for info in threadpool_info():
        owner = os.path.basename(os.path.dirname(info.get("filepath") or ""))
        pools.append({"library": owner.replace(".libs", ""), "api": info.get("internal_api"),
                      "threads": info.get("num_threads"), "version": info.get("version"),
                      "architecture": info.get("architecture")})
    return sorted(pools, key=lambda pool: pool["library"])


def train(config, arrays, epochs, repeat):
    X, Xtest = arrays["X"], arrays["Xtest"]
    y, ytest = to_targets(config, arrays["Y"]), to_targets(config, arrays["Ytest"])

    # Untimed warm-up on a few batches: the first fit in a process pays for
    # lazy imports and for starting OpenBLAS's threads, which a long-running
    # user process would not. Its model is thrown away.
    few = min(X.shape[0], 4 * config["batchSize"])
    fit_quietly(make_estimator(config, 1), X[:few], y[:few])

    best, estimator = float("inf"), None
    for _ in range(repeat):
        candidate = make_estimator(config, epochs)
        start = time.perf_counter()
        fit_quietly(candidate, X, y)
        elapsed = time.perf_counter() - start
        if candidate.n_iter_ != epochs:
            raise RuntimeError("sklearn stopped after %d of %d epochs" % (candidate.n_iter_, epochs))
        if elapsed < best:
            best, estimator = elapsed, candidate

    import sklearn
    n0, n1, n2, m = config["n0"], config["n1"], config["n2"], config["m"]
    examples = epochs * m
    result = {
        "case": config["case"],
        "trainSeconds": best,
        "examplesPerSecond": examples / best,
        # The five products of a training step, as bench/shapes.mjs counts them.
        "gflops": examples * 2 * (2 * n1 * n0 + 3 * n2 * n1) / best / 1e9,
        "epochs": epochs,
        "updates": int(estimator._optimizer.t),
        # loss_: mean over the last epoch's batches of each batch's loss
        # (before its update), L2 term included.
        "finalLoss": float(estimator.loss_),
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "threads": threads_info(),
        "openblasEnv": {k: os.environ[k] for k in
                        ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS") if k in os.environ},
    }
    if config["task"] == "classification":
        result["testAccuracy"] = float(estimator.score(Xtest, ytest))
    else:
        prediction = estimator.predict(Xtest)
        result["testMse"] = float(np.mean((prediction - ytest) ** 2))
        result["testR2"] = float(estimator.score(Xtest, ytest))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description="scikit-learn peer for shallownet's benchmark.")
    parser.add_argument("--case", required=True, choices=sorted(CASES))
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="DIR", help="make the case's data and case.json in DIR")
    mode.add_argument("--data", metavar="DIR", help="train on the data in DIR, timed")
    parser.add_argument("--epochs", type=int, help="override the case's epochs (for quick checks)")
    parser.add_argument("--repeat", type=int, default=1, help="fits to time; the best is reported")
    args = parser.parse_args(argv)

    if args.write:
        out = write_case(args.case, args.write)
    else:
        config, arrays = read_case(args.data)
        if config["case"] != args.case:
            parser.error("%s holds case %s" % (args.data, config["case"]))
        epochs = args.epochs or config["epochs"]
        if epochs < 1 or args.repeat < 1:
            parser.error("--epochs and --repeat must be >= 1")
        out = train(config, arrays, epochs, args.repeat)
    sys.stdout.write(json.dumps(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
