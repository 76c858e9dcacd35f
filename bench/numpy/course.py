#!/usr/bin/env python3
"""Benchmark baseline: the course's vectorised numpy implementation of a
one-hidden-layer network (tanh hidden layer, sigmoid output, logistic cost),
written the way the deeplearning.ai week-3 assignment writes it.

Shapes follow /work/shared/lecture.md: X (n0, m), Y (n2, m), W1 (n1, n0),
b1 (n1, 1), W2 (n2, n1), b2 (n2, 1).

Usage:
    python3 bench/numpy/course.py --data DIR --iterations N --learning-rate A [--repeat R]

DIR holds X.f64, Y.f64, W1.f64, b1.f64, W2.f64, b2.f64 (raw little-endian
float64, row-major) and shape.json {"n0":..,"n1":..,"n2":..,"m":..}.
Prints one line of JSON to stdout (see README.md).
"""

import argparse
import json
import os
import sys
import time

import numpy as np


# --------------------------------------------------------------------------
# The model, in the course's style
# --------------------------------------------------------------------------

def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    # The course's form of the logistic cost (NOT the logits / log-sum-exp
    # form): -(1/m) * sum(Y*log(A2) + (1-Y)*log(1-A2)). np.sum runs over every
    # element, i.e. summed over the n2 outputs and averaged over the m examples,
    # as the lecture defines it for n2 > 1. With the course's small initial
    # weights A2 stays well inside (0, 1), so log(0) does not arise here.
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    cost = -(1 / m) * np.sum(logprobs)
    return float(np.squeeze(cost))


def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)

    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate):
    W1 = parameters["W1"] - learning_rate * grads["dW1"]
    b1 = parameters["b1"] - learning_rate * grads["db1"]
    W2 = parameters["W2"] - learning_rate * grads["dW2"]
    b2 = parameters["b2"] - learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def nn_model(X, Y, params, iterations, learning_rate):
    """Gradient descent: forward, cost (every iteration), backward, update.
    Returns the trained parameters and the list of pre-update costs."""
    parameters = params
    costs = []
    for i in range(iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        costs.append(cost)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


# --------------------------------------------------------------------------
# Benchmark harness
# --------------------------------------------------------------------------

def load_data(directory):
    with open(os.path.join(directory, "shape.json"), "r") as f:
        shape = json.load(f)
    n0, n1, n2, m = (int(shape[k]) for k in ("n0", "n1", "n2", "m"))
    shapes = {
        "X": (n0, m),
        "Y": (n2, m),
        "W1": (n1, n0),
        "b1": (n1, 1),
        "W2": (n2, n1),
        "b2": (n2, 1),
    }
    arrays = {}
    for name, shp in shapes.items():
        path = os.path.join(directory, name + ".f64")
        flat = np.fromfile(path, dtype="<f8")
        expected = shp[0] * shp[1]
        if flat.size != expected:
            raise ValueError(
                "%s: %d values, expected %d for shape %s" % (path, flat.size, expected, shp)
            )
        arrays[name] = np.ascontiguousarray(flat.reshape(shp), dtype=np.float64)
    X, Y = arrays.pop("X"), arrays.pop("Y")
    return X, Y, arrays


def blas_description():
    """Short description of numpy's BLAS, or None if not cheaply available."""
    desc = None
    try:
        cfg = np.show_config(mode="dicts")  # numpy >= 1.25
        blas = cfg["Build Dependencies"]["blas"]
        name = blas.get("name")
        version = blas.get("version")
        if name:
            desc = name + (" " + version if version and version != "unknown" else "")
    except Exception:
        try:  # older numpy: distutils-style info dicts
            info = getattr(np.__config__, "blas_opt_info", None) or {}
            libs = info.get("libraries")
            if libs:
                desc = ",".join(libs)
        except Exception:
            desc = None
    if desc is not None:
        env = [
            "%s=%s" % (k, os.environ[k])
            for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")
            if k in os.environ
        ]
        if env:
            desc += " [" + " ".join(env) + "]"
    return desc


def main(argv=None):
    parser = argparse.ArgumentParser(description="Course-style numpy baseline for shallownet.")
    parser.add_argument("--data", required=True, help="directory written by the Node benchmark")
    parser.add_argument("--iterations", type=int, required=True)
    parser.add_argument("--learning-rate", type=float, required=True)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    if args.iterations < 1:
        parser.error("--iterations must be >= 1")
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")

    X, Y, initial = load_data(args.data)

    best = float("inf")
    parameters, costs = None, None
    for _ in range(args.repeat):
        params = {k: v.copy() for k, v in initial.items()}  # same start every run
        t0 = time.perf_counter()
        parameters, costs = nn_model(X, Y, params, args.iterations, args.learning_rate)
        elapsed = time.perf_counter() - t0
        best = min(best, elapsed)

    A2, _ = forward_propagation(X, parameters)
    final_cost = compute_cost(A2, Y)

    result = {
        "msPerIteration": best * 1000.0 / args.iterations,
        "finalCost": final_cost,
        "costs": [costs[0], costs[-1]],
        "numpy": np.__version__,
        "blas": blas_description(),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
