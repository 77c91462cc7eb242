#!/usr/bin/env python3
"""The Python references of the layout benchmarks: umap-learn 0.5.3 and scikit-learn's Barnes-Hut
TSNE (Debian's umap-learn and python3-sklearn) on the very points tests/bench/umap_bench.cpp and
tsne_bench.cpp lay out (written as .npy by latentlens_layout_vectors). Prints one JSON line per
(method, size): the median wall seconds of --repeats runs and the median trustworthiness T(10) of
their layouts (umap-learn's vary from run to run), scored as core/analysis/trustworthiness.h
scores it, over the same 1,000 points (trust-sample-ROWS.txt beside the vectors), each ranked
against every point: both sides are judged by one definition on one sample.

Settings mirror ours: UMAP 15 neighbours, min_dist 0.1, 2 components, the library's epoch count
(500 up to 10,000 points, 200 above: ours is the same rule); t-SNE perplexity 30, angle 0.5,
1,000 iterations, early exaggeration 12, PCA initialisation, learning rate "auto". Both on all
cores (n_jobs=-1); umap-learn without random_state, which would make it single-threaded.
"""
import argparse
import json
import pathlib
import statistics
import time

import numpy as np


def trustworthiness(x, layout, scored, k=10):
    n = x.shape[0]
    x = x.astype(np.float64)
    layout = layout.astype(np.float64)
    x_sq = (x * x).sum(axis=1)
    y_sq = (layout * layout).sum(axis=1)
    penalty = 0
    for i in scored:
        full = x_sq - 2.0 * (x @ x[i]) + x_sq[i]
        full[i] = -np.inf  # the point itself takes rank 0
        order = np.lexsort((np.arange(n), full))
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        drawn = y_sq - 2.0 * (layout @ layout[i]) + y_sq[i]
        drawn[i] = np.inf
        nearest = np.lexsort((np.arange(n), drawn))[:k]
        intruders = rank[nearest][rank[nearest] > k]
        penalty += int((intruders - k).sum())
    spread = 2 * n - 3 * k - 1
    return 1.0 - 2.0 * penalty / (len(scored) * k * spread)


def run_umap(x):
    import umap  # noqa: PLC0415 (imported here: numba's start-up is not the other method's cost)
    return umap.UMAP(n_neighbors=15, min_dist=0.1, n_components=2, n_jobs=-1).fit_transform(x)


def run_tsne(x):
    from sklearn.manifold import TSNE  # noqa: PLC0415
    return TSNE(n_components=2, perplexity=30.0, angle=0.5, n_iter=1000, early_exaggeration=12.0,
                init="pca", learning_rate="auto", method="barnes_hut", n_jobs=-1).fit_transform(x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", required=True, help="folder of mixture-ROWSx32.npy files")
    parser.add_argument("--methods", default="umap,tsne")
    parser.add_argument("--sizes", default="10000,60000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    runners = {"umap": run_umap, "tsne": run_tsne}
    # umap-learn compiles its numba kernels on first use: one small fit first, untimed.
    if "umap" in args.methods.split(","):
        run_umap(np.random.default_rng(0).normal(size=(500, 8)).astype(np.float32))
    for method in args.methods.split(","):
        for rows in (int(s) for s in args.sizes.split(",")):
            x = np.load(pathlib.Path(args.vectors) / f"mixture-{rows}x32.npy")
            # The very points our benchmarks score (latentlens_layout_vectors writes them).
            scored = np.loadtxt(pathlib.Path(args.vectors) / f"trust-sample-{rows}.txt", dtype=np.int64, ndmin=1)
            seconds, trusts = [], []
            for _ in range(args.repeats):
                start = time.perf_counter()
                layout = runners[method](x)
                seconds.append(time.perf_counter() - start)
                trusts.append(trustworthiness(x, layout, scored))
            print(json.dumps({"method": method, "rows": rows, "seconds": statistics.median(seconds), "runs": seconds,
                              "trustworthiness": statistics.median(trusts), "trust_runs": trusts}), flush=True)


if __name__ == "__main__":
    main()
