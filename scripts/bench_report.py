#!/usr/bin/python3
"""Turns the raw outputs of scripts/bench into one table (figure, reference, ratio, target) and a
JSON file. Reference figures are the anchors of ../shared/bench/README.md, measured on this
machine type; where PyTorch ran in the same session its figures replace the README's."""
import argparse
import json
import os
import platform
import re
import statistics
import sys

# ------------------------------------------------------------------------------ reading results


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def benchmark_rows(path):
    """name → benchmark entry, preferring the median aggregate where repetitions ran."""
    data = load_json(path)
    rows = {}
    for b in (data or {}).get("benchmarks", []):
        if b.get("error_occurred"):
            continue
        name = b.get("run_name", b["name"])
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                rows[name] = b
        else:
            rows.setdefault(name, b)
    return rows


def seconds(entry):
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[entry.get("time_unit", "ns")]
    return entry["real_time"] * scale


def find(rows, pattern):
    for name, entry in rows.items():
        if re.search(pattern, name):
            return entry
    return None


def cli_run(results, name):
    """(median seconds per epoch, test RMSE) of a `train --json` run with its history.csv."""
    summary = load_json(os.path.join(results, name + ".json"))
    if not summary:
        return None
    with open(os.path.join(results, name, "history.csv")) as f:
        header = f.readline().strip().split(",")
        column = header.index("seconds")
        epoch_seconds = [float(line.split(",")[column]) for line in f if line.strip()]
    return statistics.median(epoch_seconds), summary["rmse"]


def torch_runs(results):
    runs = {}
    try:
        with open(os.path.join(results, "torch.jsonl")) as f:
            for line in f:
                if line.startswith("{"):
                    r = json.loads(line)
                    runs[r["model"]] = (r["sec_per_epoch"], r["test_rmse"])
    except OSError:
        pass
    return runs


def frame_times(results, name, which):
    """(median, p99) ms from a scripted app run's report line."""
    try:
        with open(os.path.join(results, name + ".txt")) as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"frame times, " + which + r" \d+ frames: mean [\d.]+, median ([\d.]+), p99 ([\d.]+)", text)
    return (float(m.group(1)), float(m.group(2))) if m else None


# ------------------------------------------------------------------------------ the table


class Table:
    def __init__(self):
        self.rows = []

    def add(self, measure, ours, unit, reference=None, ref_text="", ratio=None, target="", met=None):
        self.rows.append(dict(measure=measure, ours=ours, unit=unit, reference=reference, reference_text=ref_text,
                              ratio=ratio, target=target, met=met))

    def print(self):
        def fmt(v):
            if v is None:
                return "—"
            if isinstance(v, float):
                return f"{v:.4g}"
            return str(v)

        header = ["measure", "ours", "reference", "ratio", "target", "met"]
        lines = [[r["measure"], f"{fmt(r['ours'])} {r['unit']}".strip(), r["reference_text"] or fmt(r["reference"]),
                  "—" if r["ratio"] is None else f"{r['ratio']:.2f}×", r["target"],
                  {True: "yes", False: "NO", None: "—"}[r["met"]]] for r in self.rows]
        widths = [max(len(h), *(len(l[k]) for l in lines)) for k, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        print("  ".join("-" * w for w in widths))
        for l in lines:
            print("  ".join(c.ljust(w) for c, w in zip(l, widths)))


def build_table(results):
    t = Table()
    mf = benchmark_rows(os.path.join(results, "mf_epochs.json"))
    for k in (8, 32, 128):
        for threads in (1, 2):
            e = find(mf, rf"BM_MfSgdEpoch/k:{k}/threads:{threads}/")
            rate = e["ratings_per_s"] / 1e6 if e else None
            ref = {(32, 2): 50.0, (32, 1): 27.0}.get((k, threads))
            ratio = rate / ref if rate and ref else None
            target = "≥ 1.2× LIBMF" if (k, threads) == (32, 2) else ""
            t.add(f"mf SGD throughput, 20M set, k={k}, {threads} thread(s)", rate, "M ratings/s", ref,
                  f"LIBMF {ref} M/s" if ref else "", ratio, target, (ratio >= 1.2) if target and ratio else None)
    twenty = find(benchmark_rows(os.path.join(results, "mf_twenty.json")), r"BM_MfSgdTwentyEpochs")
    if twenty:
        t.add("mf held-out RMSE after 20 epochs, k=32", twenty["test_rmse"], "", 0.557, "LIBMF 0.557", None,
              "≤ 0.557", twenty["test_rmse"] <= 0.557)
        t.add("peak RSS of that run, data included", twenty["peak_rss_mib"], "MiB", 262, "LIBMF 262 MiB",
              twenty["peak_rss_mib"] / 262, "≤ 1536 MiB", twenty["peak_rss_mib"] <= 1536)
        t.add("load of the 20M text file (train + test)", twenty["load_s"], "s", 6.5, "LIBMF 5.6–7.3 s",
              twenty["load_s"] / 6.5, "", None)

    torch = torch_runs(results)
    readme_torch = {"mf": (0.23, 0.919), "fusion4": (0.235, 0.931), "fusion16": (0.28, 0.933)}
    for ours_name, torch_name, label in (("mf32-b256", "mf", "mf k=32"), ("tensor4-b256", "fusion4", "tensor z=4"),
                                         ("tensor16-b256", "fusion16", "tensor z=16")):
        run = cli_run(results, ours_name)
        ref, source = (torch[torch_name], "PyTorch, same run") if torch_name in torch else (readme_torch[torch_name],
                                                                                           "PyTorch (README, real ML-100K)")
        if run:
            speedup = ref[0] / run[0]
            t.add(f"{label} s/epoch, batch 256, 100K-format world", run[0], "s", ref[0], f"{source} {ref[0]:.3g} s",
                  speedup, "≥ 10× faster", speedup >= 10)
            t.add(f"{label} test RMSE (u1), same run", run[1], "", ref[1], f"{source} {ref[1]:.3f}", None,
                  "≤ PyTorch's", run[1] <= ref[1] + 1e-9 if torch_name in torch else None)
    sgd = cli_run(results, "mf32-sgd")
    if sgd:
        t.add("mf k=32 per-sample SGD s/epoch, 100K-format world", sgd[0], "s", 0.0018, "LIBMF 0.0018 s",
              0.0018 / sgd[0], "", None)
        t.add("mf k=32 per-sample SGD test RMSE (u1)", sgd[1], "", None, "", None, "", None)

    a = benchmark_rows(os.path.join(results, "analyses.json"))
    for pattern, label, unit_scale, unit, ref, ref_text, limit in (
            (r"BM_PdcAllPairs", "PDC, all pairs, ~900-user test fold", 1e3, "ms", 75.0, "numpy 50–100 ms", 10.0),
            (r"BM_PdcSampled150kUsers", "PDC, 150k users (sampled)", 1.0, "s", None, "exact: infeasible", 2.0),
            (r"BM_LoadMlLatest25mParse", "load 25M-line ratings.csv", 1.0, "s", 6.0, "LIBMF ≈ 6 s / 20M lines", 4.0),
            (r"BM_LoadMlLatest25mCacheReload", "reload 25M ratings from cache", 1.0, "s", None, "", 0.5),
            (r"BM_CosineAllItemsTop10/float_tiles:0", "cosine top-10 of all 60k movies, k=32", 1.0, "s", None, "", 0.5),
            (r"BM_CosineAllItemsTop10/float_tiles:1", "the same, float tiles only", 1.0, "s", None, "", 1.0),
            (r"BM_Pca", "PCA 60k × 64", 1e3, "ms", None, "", 100.0),
            (r"BM_KMeans/160000", "k-means k=20, 160k × 32", 1.0, "s", None, "", 2.0),
            (r"BM_ReadFactorsSparkJson", "read Spark ALS JSON factors, 160k + 60k × 32", 1.0, "s", None, "", 3.0),
            (r"BM_ReadFactorsNpy", "read .npy factors + ids, 160k + 60k × 32", 1.0, "s", None, "", 0.5)):
        e = find(a, pattern)
        value = seconds(e) * unit_scale if e else None
        t.add(label, value, unit, ref, ref_text, (ref / value) if ref and value else None, f"≤ {limit:g} {unit}",
              (value <= limit) if value is not None else None)

    serving = benchmark_rows(os.path.join(results, "serving.json"))
    for films in (1682, 60000):
        exact = find(serving, rf"BM_ServeExactDotProduct/{films}$")
        index = find(serving, rf"BM_ServeHnswIndex/{films}/64$")
        exact_ms = seconds(exact) * 1e3 if exact else None
        if exact_ms is not None:
            t.add(f"top 10 of {films} films, exact dot product, z=32", exact_ms, "ms", None, "", None, "", None)
        if index and exact_ms:
            index_ms = seconds(index) * 1e3
            speedup = exact_ms / index_ms
            recall = index.get("recall@10")
            target = "≥ 10× exact at recall ≥ 0.95" if films == 60000 else ""
            t.add(f"top 10 of {films} films, HNSW index (ef 64), recall@10 {recall:.3f}", index_ms, "ms", exact_ms,
                  f"exact {exact_ms:.3g} ms", speedup, target,
                  (speedup >= 10 and recall >= 0.95) if target else None)
        for kind in ("Mlp", "NeuMf"):
            network = find(serving, rf"BM_Serve{kind}Scoring/{films}$")
            if network and exact_ms:
                network_ms = seconds(network) * 1e3
                t.add(f"top 10 of {films} films, {kind.lower()} scoring every film", network_ms, "ms", exact_ms,
                      f"exact {exact_ms:.3g} ms", exact_ms / network_ms, "", None)

    hard_exact = find(serving, r"BM_ServeExactDotProductGaussian$")
    for ef in (64, 1024):
        hard = find(serving, rf"BM_ServeHnswIndexGaussian/60000/{ef}$")
        if hard and hard_exact:
            hard_ms, exact_ms = seconds(hard) * 1e3, seconds(hard_exact) * 1e3
            t.add(f"the same on 60000 Gaussian films (hard case), ef {ef}, recall@10 {hard.get('recall@10'):.3f}", hard_ms,
                  "ms", exact_ms, f"exact {exact_ms:.3g} ms", exact_ms / hard_ms, "", None)

    layout_rows(results, t)

    idle = frame_times(results, "gui-idle", "all")
    training = frame_times(results, "gui-training", "training")
    if idle:
        t.add("app frame time, idle, 10k points (median / p99)", f"{idle[0]:.1f} / {idle[1]:.1f}", "ms", None,
              "ImGui alone ≈ 10 ms", None, "", None)
    if training:
        ok = training[0] <= 16 and (idle is None or training[1] <= 1.5 * idle[1])
        t.add("app frame time while training (median / p99)", f"{training[0]:.1f} / {training[1]:.1f}", "ms", None,
              "", None, "median ≤ 16, p99 ≤ 1.5× idle", ok)
    umap_frames = frame_times(results, "gui-umap60k", "layout computing")
    if umap_frames:
        t.add("app frame time while a 60k UMAP computes (median / p99)", f"{umap_frames[0]:.1f} / {umap_frames[1]:.1f}",
              "ms", None, "", None, "p99 ≤ 33 ms", umap_frames[1] <= 33)
    return t


def python_layouts(results):
    """(method, rows) → the reference's line of scripts/bench_layouts.py."""
    runs = {}
    try:
        with open(os.path.join(results, "layouts_python.jsonl")) as f:
            for line in f:
                if line.startswith("{"):
                    r = json.loads(line)
                    runs[(r["method"], r["rows"])] = r
    except OSError:
        pass
    return runs


def layout_rows(results, t):
    ours = benchmark_rows(os.path.join(results, "layouts.json"))
    theirs = python_layouts(results)
    for method, label, reference, rows, limit in (("umap", "Umap", "umap-learn", 10000, 3.0),
                                                  ("umap", "Umap", "umap-learn", 60000, 20.0),
                                                  ("tsne", "Tsne", "scikit-learn TSNE", 10000, 10.0)):
        e = find(ours, rf"BM_{label}/{rows}/")
        if not e:
            continue
        value, trust = seconds(e), e.get("trustworthiness")
        ref = theirs.get((method, rows))
        ratio = ref["seconds"] / value if ref else None
        ref_text = f"{reference} {ref['seconds']:.3g} s, T(10) {ref['trustworthiness']:.4f}" if ref else ""
        # UMAP: ≥ 3× umap-learn at equal or better trustworthiness; t-SNE: faster than scikit-learn.
        factor = 3.0 if method == "umap" else 1.0
        target = f"≤ {limit:g} s, ≥ {factor:g}× {reference}" + (", T(10) ≥ its" if method == "umap" else "")
        met = value <= limit and (ratio is not None and ratio >= factor) and (
            method != "umap" or trust >= ref["trustworthiness"])
        t.add(f"{method.upper() if method == 'umap' else 't-SNE'} of {rows} × 32, T(10) {trust:.4f}", value, "s",
              ref["seconds"] if ref else None, ref_text, ratio, target, met if ref else None)
    replay = find(ours, r"BM_ReplayPrepare/10000/100")
    if replay:
        rate = replay["frames_per_s"]
        t.add("replay of 100 epochs × 10k films: frames projected and aligned per second", rate, "frames/s", None, "",
              None, "≥ 30 frames/s", rate >= 30)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--results", required=True, help="the folder scripts/bench wrote its raw outputs to")
    ap.add_argument("--out", required=True, help="JSON file to write")
    args = ap.parse_args()
    table = build_table(args.results)
    table.print()
    machine = {"cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(), "system": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
            if names:
                machine["cpu"] = names[0]
    except OSError:
        pass
    # A temporary of this process's own: two bench runs may finish at once.
    temporary = f"{args.out}.{os.getpid()}.tmp"
    with open(temporary, "w") as f:
        json.dump({"machine": machine, "rows": table.rows}, f, indent=1)
    os.replace(temporary, args.out)
    print(f"\nwritten to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
