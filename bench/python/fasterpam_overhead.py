#!/usr/bin/env python3
"""FasterPAM called from Python against the same call through the C++ API, side by side.

    /usr/bin/python3 bench/python/fasterpam_overhead.py --build build/release [--n 10000] [--reps 5]
        [-o bench/compare/results/DATE-python-fasterpam.json]

Writes one float32 condensed distance matrix (seeded points, scipy's pdist order) to a file, then
alternates: the C++ program clir_python_reference (reads the file into a clir::DistanceMatrix<float>
and times clir::fasterpam), then clir.fasterpam on the same file read by numpy.fromfile (used in
place: clir.matrix_info reports zero_copy). Only the algorithm call is timed on both sides (wall and process CPU time);
reading the file is not. Both are built in the same build tree with the same flags. The result
is a JSON file that bench/compare/make_doc.py --python turns into a section of
docs/performance.md. Needs the module built (-DCLIR_BUILD_PYTHON=ON).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def condensed_points(n: int, dim: int, seed: int) -> np.ndarray:
    """Euclidean distances of n seeded points (10 Gaussian blobs), float32, pdist order."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 100, size=(10, dim))
    x = centres[rng.integers(0, 10, n)] + rng.normal(scale=5.0, size=(n, dim))
    out = np.empty(n * (n - 1) // 2, dtype=np.float32)
    pos = 0
    for i in range(n - 1):
        row = np.sqrt(((x[i + 1:] - x[i]) ** 2).sum(axis=1))
        out[pos:pos + len(row)] = row
        pos += len(row)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", type=Path, default=Path("build/release"))
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="0 = all cores (both sides)")
    ap.add_argument("--layout", choices=["condensed", "C", "F"], default="condensed",
                    help="condensed (pdist order), or the square matrix in C or Fortran order")
    ap.add_argument("-o", "--output", type=Path)
    args = ap.parse_args()

    sys.path.insert(0, str(args.build / "python"))
    import clir

    exe = args.build / "python" / "clir_python_reference"
    d = condensed_points(args.n, 2, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.f32"
        if args.layout == "condensed":
            d.tofile(path)
            del d
            mapped = np.fromfile(path, dtype=np.float32)
        else:
            # The square form (what scikit-learn's pairwise_distances returns); the C++ side reads
            # the same n·n values as a row-major matrix. Fortran order is the transpose in memory,
            # which for a symmetric matrix holds the same values.
            square = np.zeros((args.n, args.n), dtype=np.float32)
            square[np.triu_indices(args.n, 1)] = d
            del d
            square += square.T
            square.tofile(path)
            mapped = square if args.layout == "C" else np.asfortranarray(square)
            del square
        info = clir.matrix_info(mapped)
        cpp_s, py_s, cpp_cpu, py_cpu, results = [], [], [], [], {}
        for rep in range(args.reps):
            out = subprocess.run([str(exe), str(path), str(args.n), "float32", "fasterpam", str(args.k), "1", "1",
                                  str(args.threads)], check=True, capture_output=True, text=True).stdout
            cpp = json.loads(out)
            cpp_s.append(cpp["seconds"][0])
            cpp_cpu.append(cpp["cpu_seconds"][0])
            t0, c0 = time.perf_counter(), time.process_time()
            r = clir.fasterpam(mapped, args.k, seed=1, threads=args.threads)
            py_s.append(time.perf_counter() - t0)
            py_cpu.append(time.process_time() - c0)
            results = {"cpp_loss": cpp["loss"], "python_loss": r.loss,
                       "same_medoids": cpp["medoids"] == [int(m) for m in r.medoids],
                       "same_labels": cpp["labels"] == [int(v) for v in r.labels],
                       "iterations": r.iterations, "swaps": r.swaps}
            print(f"rep {rep + 1}: C++ {cpp_s[-1]:.3f} s ({cpp_cpu[-1]:.3f} s CPU), "
                  f"Python {py_s[-1]:.3f} s ({py_cpu[-1]:.3f} s CPU)", flush=True)
    cpp_med, py_med = statistics.median(cpp_s), statistics.median(py_s)
    report = {
        "machine": {"date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
                    "cpu": platform.processor() or platform.machine(), "cores": os.cpu_count(),
                    "loadavg": list(os.getloadavg()), "python": platform.python_version(),
                    "numpy": np.__version__, "build": str(args.build)},
        "case": {"n": args.n, "k": args.k, "dtype": "float32", "layout": info["layout"], "order": args.layout,
                 "zero_copy": info["zero_copy"], "matrix_bytes": (args.n * (args.n - 1) // 2 if args.layout == "condensed" else args.n * args.n) * 4,
                 "threads": args.threads, "init": "build", "reps": args.reps},
        "cpp_seconds": cpp_s, "python_seconds": py_s,
        "cpp_cpu_seconds": cpp_cpu, "python_cpu_seconds": py_cpu,
        "cpp_median_s": cpp_med, "python_median_s": py_med, "overhead": py_med / cpp_med - 1.0,
        "cpu_overhead": statistics.median(py_cpu) / statistics.median(cpp_cpu) - 1.0,
        **results,
    }
    print(f"median: C++ {cpp_med:.3f} s, Python {py_med:.3f} s, overhead {100 * report['overhead']:+.1f} % wall,"
          f" {100 * report['cpu_overhead']:+.1f} % CPU;"
          f" zero copy: {info['zero_copy']}; same medoids: {results['same_medoids']}")
    if args.output:
        args.output.write_text(json.dumps(report, indent=2) + "\n")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
