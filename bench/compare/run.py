#!/usr/bin/env python3
"""Side-by-side comparison of clir with R's cluster and spdep packages.

Builds the `bench` preset's clir_compare driver, generates seeded inputs that both sides read
(points, the condensed distance matrix in double, starting medoids, a k-nearest-neighbour graph
with attributes), then runs R and clir alternately on the same files (R, clir, clir with 2
threads, R, clir, ...), each process timing only the algorithm call. Checks that both reach the
same loss (and for PAM with BUILD the same medoids; for SKATER an equal or lower within-group
sum of squares), prints per case the medians and their ratio, and writes results.json and
results.csv with the machine's description.

    bench/compare/run.py                 # the full set (tens of minutes; R is the slow side)
    bench/compare/run.py --quick         # small n, one repetition: a smoke test of the harness
    bench/compare/run.py --cases 'fasterpam_*' --reps 5
    bench/compare/make_doc.py build/bench/compare/results.json   # → docs/performance.md

Only the Python 3 standard library is used.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import fnmatch
import json
import os
import platform
import shutil
import statistics
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
R_SCRIPT = HERE / "r_side.R"
R_SCRIPT_COPY: Path | None = None  # the run's own copy, so that editing r_side.R cannot disturb it
LOSS_RTOL = 1e-9  # "same loss": relative difference below this (both sum the same doubles)


@dataclass
class Case:
    """One comparison: an R call and the clir call that does the same work on the same input."""

    id: str
    kind: str  # "points" (matrix + points), "clara" (points only) or "regions" (graph)
    r_algo: str  # r_side.R algorithm
    clir_algo: str  # clir_compare run algorithm
    n: int
    dim: int = 2
    k: int = 10
    init: str = "build"  # clir --init: build, or given (init.txt, the medoids R also gets)
    check: str = "loss"  # loss | medoids | quality | ssd
    reps: int = 3
    inner: int = 1  # timed calls per process (for cases that take milliseconds)
    threads: tuple[int, ...] = (1,)
    r_extra: tuple[str, ...] = ()
    note: str = ""

    @property
    def data_key(self) -> str:
        if self.kind == "regions":
            return f"regions_n{self.n}"
        return f"points_n{self.n}_d{self.dim}" + ("_nodist" if self.kind == "clara" else "")


def full_cases(skater_reps: tuple[int, int] = (2, 1)) -> list[Case]:
    cases: list[Case] = []
    for dim in (2, 8):
        for n in (1000, 2000, 5000, 10000):
            big = n >= 5000
            cases.append(Case(f"fasterpam_n{n}_d{dim}", "points", "faster", "fasterpam", n, dim,
                              init="given", check="loss", reps=3 if big else 5, threads=(1, 2),
                              note='pam(d, 10, variant = "faster", medoids = init) vs clir::fasterpam'))
            # R's pamonce = 5 makes several swaps per pass (FastPAM2-like), clir::fastpam1 one
            # best swap per pass (pamonce = 3): different local optima are possible, so the
            # loss difference is reported, not required to be zero.
            cases.append(Case(f"fastpam1_n{n}_d{dim}", "points", "f5", "fastpam1", n, dim,
                              check="loss_report", reps=2 if n >= 10000 else 3,
                              note="pam(d, 10, pamonce = 5) vs clir::fastpam1 (both BUILD)"))
            if n <= 2000:
                # The like-for-like FastPAM1 comparison: R's pamonce = 3 is the same swap rule.
                cases.append(Case(f"fastpam1_pamonce3_n{n}_d{dim}", "points", "f3", "fastpam1", n, dim,
                                  check="loss", reps=3,
                                  note="pam(d, 10, pamonce = 3) vs clir::fastpam1 (both BUILD, same swap rule)"))
                # R's original SWAP is O(k·n²) per pass: about 12 s at n = 2,000 and minutes
                # beyond, so the larger sizes are left out (see --with-slow).
                cases.append(Case(f"pam_n{n}_d{dim}", "points", "pam", "pam", n, dim,
                                  check="medoids", reps=3 if n <= 1000 else 2,
                                  note="pam(d, 10) vs clir::pam (BUILD + SWAP)"))
            cases.append(Case(f"clara_n{n}_d{dim}", "clara", "clara", "clara", n, dim,
                              check="quality", reps=5, inner=5, r_extra=(f"dim={dim}",),
                              note="clara(x, 10) (5 samples of 60) vs clir::clara, same settings"))
    for dim in (2, 8):
        # The largest size, for FasterPAM only: R takes tens of seconds per call here.
        cases.append(Case(f"fasterpam_n20000_d{dim}", "points", "faster", "fasterpam", 20000, dim,
                          init="given", check="loss", reps=2, threads=(1, 2),
                          note='pam(d, 10, variant = "faster", medoids = init) vs clir::fasterpam'))
    cases.append(Case("skater_n1000", "regions", "skater", "skater", 1000, k=10, check="ssd",
                      reps=skater_reps[0], inner=1,
                      note="spdep nbcosts+nb2listw+mstree+skater(ncuts = 9) vs clir::skater, same 6-NN graph"))
    cases.append(Case("skater_n2000", "regions", "skater", "skater", 2000, k=10, check="ssd",
                      reps=skater_reps[1], inner=1,
                      note="spdep nbcosts+nb2listw+mstree+skater(ncuts = 9) vs clir::skater, same 6-NN graph"))
    return cases


def slow_cases() -> list[Case]:
    """R's original PAM at the issue's larger sizes: minutes (n = 5,000) to tens of minutes
    (n = 10,000) per call, so one run each."""
    return [Case(f"pam_n{n}_d{dim}", "points", "pam", "pam", n, dim, check="medoids", reps=1,
                 note="pam(d, 10) vs clir::pam (BUILD + SWAP)") for n in (5000, 10000) for dim in (2, 8)]


def quick_cases() -> list[Case]:
    n = 300
    return [
        Case(f"fasterpam_n{n}_d2", "points", "faster", "fasterpam", n, 2, init="given", reps=1,
             threads=(1, 2), note="quick"),
        Case(f"fastpam1_n{n}_d2", "points", "f5", "fastpam1", n, 2, check="loss_report", reps=1, note="quick"),
        Case(f"pam_n{n}_d2", "points", "pam", "pam", n, 2, check="medoids", reps=1, note="quick"),
        Case(f"clara_n{n}_d2", "clara", "clara", "clara", n, 2, check="quality", reps=1,
             r_extra=("dim=2",), note="quick"),
        Case(f"skater_n{n}", "regions", "skater", "skater", n, check="ssd", reps=1, note="quick"),
    ]


# ---------------------------------------------------------------------------------------------
# Running processes


class Unavailable(Exception):
    """The clir build lacks the algorithm (its header is not on main yet)."""


def run_json(cmd: list[str], env: dict | None = None) -> tuple[dict, float]:
    """Runs cmd, returns its one-line JSON output and the whole process's wall time in s."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - t0
    if proc.returncode == 3:
        raise Unavailable(proc.stderr.strip())
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
    if not lines:
        raise RuntimeError(f"{' '.join(cmd)} printed no JSON:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return json.loads(lines[-1]), elapsed


def ensure_r() -> None:
    """Installs Debian's R and the two packages when missing (scripts/deps does the apt part)."""
    subprocess.run([str(ROOT / "scripts" / "deps"), "r-base-core", "r-cran-cluster", "r-cran-spdep"],
                   check=True)


def build_driver(build: bool, driver: Path | None) -> Path:
    if driver:
        return driver
    driver = ROOT / "build" / "bench" / "bench" / "clir_compare"
    if build:
        subprocess.run(["cmake", "--preset", "bench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        jobs = os.environ.get("CLIR_JOBS", "2")
        subprocess.run(["cmake", "--build", "--preset", "bench", "-j", jobs, "--target", "clir_compare"],
                       cwd=ROOT, check=True)
    if not driver.exists():
        sys.exit(f"run.py: {driver} is missing; build it with the bench preset (drop --no-build)")
    return driver


def generate(driver: Path, case: Case, data_dir: Path, seed: int) -> Path:
    out = data_dir / case.data_key
    stamp = out / ".done"
    if stamp.exists() and stamp.read_text() == str(seed):
        return out
    if case.kind == "regions":
        run_json([str(driver), "gen-regions", "--n", str(case.n), "--seed", str(seed), "--out", str(out)])
    else:
        cmd = [str(driver), "gen-points", "--n", str(case.n), "--dim", str(case.dim), "--k", str(case.k),
               "--seed", str(seed), "--out", str(out)]
        if case.kind == "clara":
            cmd.append("--no-dist")
        run_json(cmd)
    stamp.write_text(str(seed))
    return out


def read_i32(path: Path) -> list[int]:
    data = path.read_bytes()
    return list(struct.unpack(f"<{len(data) // 4}i", data))


def read_f64(path: Path) -> list[float]:
    data = path.read_bytes()
    return list(struct.unpack(f"<{len(data) // 8}d", data))


def within_group_ssd(attrs: list[float], p: int, labels: list[int]) -> float:
    """Sum over groups of squared Euclidean deviations from the group mean (two-pass)."""
    groups: dict[int, list[int]] = {}
    for i, g in enumerate(labels):
        groups.setdefault(g, []).append(i)
    total = 0.0
    for members in groups.values():
        for j in range(p):
            vals = [attrs[i * p + j] for i in members]
            mean = sum(vals) / len(vals)
            total += sum((v - mean) ** 2 for v in vals)
    return total


def r_command(case: Case, data: Path, labels_out: Path | None, cluster_only: bool) -> list[str]:
    cmd = ["Rscript", "--vanilla", str(R_SCRIPT_COPY or R_SCRIPT), case.r_algo, str(data), str(case.k), f"repeat={case.inner}"]
    if labels_out:
        cmd.append(f"labels_out={labels_out}")
    if cluster_only and case.r_algo in ("pam", "f3", "f5", "faster"):
        cmd.append("cluster_only=1")
    cmd.extend(case.r_extra)
    return cmd


def clir_command(driver: Path, case: Case, data: Path, threads: int, labels_out: Path | None) -> list[str]:
    cmd = [str(driver), "run", case.clir_algo, "--dir", str(data), "--k", str(case.k), "--threads", str(threads),
           "--repeat", str(case.inner)]
    if case.kind == "points":
        cmd += ["--init", case.init]
    if case.kind == "clara":
        cmd += ["--dim", str(case.dim)]
    if labels_out:
        cmd += ["--labels-out", str(labels_out)]
    return cmd


def med(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def run_case(driver: Path, case: Case, data: Path, work: Path, cluster_only: bool) -> dict:
    """Alternates R and clir (with each thread count) case.reps times; returns raw and summary."""
    sides = ["R"] + [f"clir_t{t}" for t in case.threads]
    raw: dict[str, list[dict]] = {s: [] for s in sides}
    unavailable = None
    for rep in range(case.reps):
        for side in sides:
            if side != "R" and unavailable:
                continue
            labels = work / f"{case.id}_{side}_labels.i32" if case.check == "ssd" else None
            if side == "R":
                cmd = r_command(case, data, labels, cluster_only)
            else:
                cmd = clir_command(driver, case, data, int(side.split("_t")[1]), labels)
            try:
                out, proc_s = run_json(cmd)
            except Unavailable as e:
                unavailable = str(e)
                continue
            out["process_s"] = proc_s
            if labels:
                labs = read_i32(labels)
                attrs = read_f64(data / "attrs.f64")
                out["ssd_harness"] = within_group_ssd(attrs, len(attrs) // len(labs), labs)
            raw[side].append(out)
            print(f"  rep {rep + 1}/{case.reps} {side:8s} algorithm {statistics.median(out['wall_s']):9.4f} s"
                  f"  (cpu {statistics.median(out['cpu_s']):8.4f} s, process {proc_s:7.2f} s)", flush=True)
    return {"raw": raw, "summary": summarise(case, raw, unavailable)}


def summarise(case: Case, raw: dict[str, list[dict]], unavailable: str | None) -> dict:
    def walls(side: str) -> list[float]:
        return [w for r in raw.get(side, []) for w in r["wall_s"]]

    def cpus(side: str) -> list[float]:
        return [c for r in raw.get(side, []) for c in r["cpu_s"]]

    s: dict = {"id": case.id, "r_algo": case.r_algo, "clir_algo": case.clir_algo, "n": case.n, "dim": case.dim,
               "k": case.k, "reps": case.reps, "inner": case.inner, "note": case.note,
               "r_wall_median_s": med(walls("R")), "r_cpu_median_s": med(cpus("R")),
               "r_process_median_s": med([r["process_s"] for r in raw["R"]]) if raw["R"] else None}
    if unavailable or not raw.get("clir_t1"):
        s["status"] = "clir side unavailable: " + (unavailable or "no runs")
        return s
    for side in raw:
        if side == "R":
            continue
        t = side.split("_t")[1]
        s[f"clir_t{t}_wall_median_s"] = med(walls(side))
        s[f"clir_t{t}_cpu_median_s"] = med(cpus(side))
        s[f"clir_t{t}_process_median_s"] = med([r["process_s"] for r in raw[side]])
        if s["r_wall_median_s"] and s[f"clir_t{t}_wall_median_s"]:
            s[f"ratio_wall_t{t}"] = s["r_wall_median_s"] / s[f"clir_t{t}_wall_median_s"]
        if s["r_cpu_median_s"] and s[f"clir_t{t}_cpu_median_s"]:
            s[f"ratio_cpu_t{t}"] = s["r_cpu_median_s"] / s[f"clir_t{t}_cpu_median_s"]
        if s["r_process_median_s"] and s[f"clir_t{t}_process_median_s"]:
            s[f"ratio_process_t{t}"] = s["r_process_median_s"] / s[f"clir_t{t}_process_median_s"]
        # The bandwidth floor: a streaming read of the same matrix, timed in the same process
        # (clir_compare's stream_s), times the sweeps the swap search made over the rows.
        streams = [w for r in raw[side] for w in r.get("stream_s", [])]
        if streams and raw[side][-1].get("iterations"):
            s[f"clir_t{t}_stream_median_s"] = med(streams)
            s[f"clir_t{t}_sweeps"] = raw[side][-1]["iterations"]
            s[f"clir_t{t}_floor_s"] = med(streams) * raw[side][-1]["iterations"]
            s[f"floor_ratio_t{t}"] = s[f"clir_t{t}_wall_median_s"] / s[f"clir_t{t}_floor_s"]

    r_last, c_last = raw["R"][-1], raw["clir_t1"][-1]
    checks: list[str] = []
    ok = True
    if case.check in ("loss", "medoids", "loss_report"):
        rl, cl = r_last["loss"], c_last["loss"]
        s["r_loss"], s["clir_loss"] = rl, cl
        rel = (cl - rl) / max(abs(rl), 1e-300)
        s["loss_rel_diff"] = rel
        if abs(rel) <= LOSS_RTOL:
            checks.append("same loss")
        elif rel < 0:
            checks.append(f"clir loss lower by {-rel:.2%}")
        elif case.check == "loss_report":
            checks.append(f"clir loss higher by {rel:.2%} (another local optimum)")
        else:
            checks.append(f"clir loss HIGHER by {rel:.2e}")
            ok = False
        same_medoids = sorted(r_last["medoids"]) == sorted(c_last["medoids"])
        s["same_medoids"] = same_medoids
        if case.check == "medoids":
            checks.append("same medoids" if same_medoids else "DIFFERENT medoids")
            ok = ok and same_medoids
    elif case.check == "quality":
        rl, cl = r_last["loss"], c_last["loss"]
        s["r_loss"], s["clir_loss"] = rl, cl
        s["loss_rel_diff"] = (cl - rl) / rl
        checks.append(f"loss clir/R = {cl / rl:.4f} (different random samples)")
    elif case.check == "ssd":
        rs, cs = r_last["ssd_harness"], c_last["ssd_harness"]
        s["r_ssd"], s["clir_ssd"] = rs, cs
        s["clir_reported_ssd"] = c_last.get("ssd")
        if s["r_wall_median_s"] is not None:
            s["r_skater_only_median_s"] = med([w for r in raw["R"] for w in r.get("skater_only_wall_s", [])])
        if cs <= rs * (1 + LOSS_RTOL):
            checks.append(f"SSD clir {cs:.6g} <= R {rs:.6g}")
        else:
            checks.append(f"SSD clir {cs:.6g} HIGHER than R {rs:.6g}")
            ok = False
    # Thread count must not change the result.
    for side in raw:
        if side.startswith("clir_t") and side != "clir_t1" and raw[side]:
            other = raw[side][-1]
            same = other.get("medoids") == c_last.get("medoids") and other.get("loss") == c_last.get("loss")
            s[f"identical_{side}"] = same
            checks.append(f"{side} identical" if same else f"{side} DIFFERENT result")
            ok = ok and same
    s["checks"] = checks
    s["status"] = "ok" if ok else "CHECK FAILED"
    return s


# ---------------------------------------------------------------------------------------------
# Machine description


def machine_info(driver: Path) -> dict:
    info: dict = {"date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "kernel": platform.release(),
                  "cores": os.cpu_count(), "loadavg_start": os.getloadavg()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gib"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cache = ROOT / "build" / "bench" / "CMakeCache.txt"
    if cache.exists():
        for line in cache.read_text().splitlines():
            if line.startswith("CMAKE_CXX_COMPILER:"):
                cxx = line.split("=", 1)[1]
                ver = subprocess.run([cxx, "--version"], capture_output=True, text=True).stdout.splitlines()
                info["compiler"] = ver[0] if ver else cxx
            if line.startswith("CMAKE_CXX_FLAGS_RELEASE:"):
                info["cxx_flags"] = line.split("=", 1)[1]
    r = subprocess.run(["Rscript", "--vanilla", "-e",
                        'cat(R.version.string, as.character(packageVersion("cluster")), '
                        'as.character(packageVersion("spdep")), sep="\\n")'],
                       capture_output=True, text=True)
    parts = r.stdout.strip().splitlines()
    if len(parts) == 3:
        info["r_version"], info["r_cluster"], info["r_spdep"] = parts
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    info["clir_commit"] = git.stdout.strip()
    return info


# ---------------------------------------------------------------------------------------------
# Profiles of the clir side: `perf record` (software cpu-clock sampling, which works in a VM
# without hardware counters) on the very binary that was timed. callgrind would need a build
# without AVX-512, which valgrind 3.19 cannot decode, so it would profile different code.


SYMBOL_ABBREVIATIONS = [  # long template spellings in perf's symbol names, and their short forms
    ("clir::detail::RowSource<clir::DistanceMatrix<double> >", "RowSource<D>"),
    ("clir::DistanceMatrix<double>", "D"),
    ("std::vector<unsigned long, std::allocator<unsigned long> >", "std::vector<size_t>"),
]


def short_symbol(text: str) -> str:
    for long, short in SYMBOL_ABBREVIATIONS:
        text = text.replace(long, short)
    return text


def profile(driver: Path, case: Case, data: Path, work: Path, top: int = 14, repeat: int = 3,
            threads: int = 1) -> dict | None:
    """perf profile of one clir case. With several threads the samples are split by thread:
    "caller" is the thread that called the algorithm, "member" the team's other threads."""
    if not shutil.which("perf"):
        return None
    name = case.id if threads == 1 else f"{case.id}_t{threads}"
    out = work / f"perf.{name}.data"
    run = clir_command(driver, case, data, threads, None)
    if case.r_algo == "skater":
        repeat = 300  # milliseconds per call: enough calls for a few thousand samples
    run[run.index("--repeat") + 1] = str(repeat)  # the algorithm dominates the file reading
    cmd = ["perf", "record", "-e", "cpu-clock", "-F", "2000", "-o", str(out), "--", *run]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"case": name, "command": " ".join(run), "error": proc.stderr[-1500:]}
    sort = "dso,symbol" if threads == 1 else "pid,dso,symbol"
    rep = subprocess.run(["perf", "report", "-i", str(out), "--stdio", "--no-children", "--sort", sort,
                          "--percent-limit", "0.5"], capture_output=True, text=True).stdout
    rows: list[tuple[float, str]] = []
    samples = ""
    for line in rep.splitlines():
        if line.startswith("# Samples:"):
            samples = line[2:].strip()
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split()
        try:
            pct = float(fields[0].rstrip("%"))
        except ValueError:
            continue
        rest = fields[1:]
        if threads > 1:
            # "TID:comm": the process's first thread (lowest id) is the caller.
            rows.append((pct, rest[0].split(":", 1)[0] + "\t" + " ".join(rest[1:])))
        else:
            rows.append((pct, " ".join(rest)))
    if threads > 1 and rows:
        caller = min(int(text.split("\t", 1)[0]) for _, text in rows)
        merged: dict[str, float] = {}
        for pct, text in rows:
            tid, what = text.split("\t", 1)
            key = ("caller " if int(tid) == caller else "member ") + what
            merged[key] = merged.get(key, 0.0) + pct
        rows = sorted(((v, k) for k, v in merged.items()), key=lambda r: -r[0])
    entries = []
    for pct, text in rows[:top]:
        while text.endswith(" -"):
            text = text[:-2]
        text = f"{pct:.2f}% {short_symbol(text)}"
        entries.append(text if len(text) <= 200 else text[:197] + "...")
    shown = " ".join(["clir_compare", *run[1:]]).replace(str(data), "<" + case.data_key + ">")
    return {"case": name, "tool": "perf record -e cpu-clock", "command": shown, "total": samples,
            "threads": threads, "top": entries}


def profile_r(case: Case, data: Path, work: Path, top: int = 10) -> dict:
    """Rprof of the R side's timed call: where R spends its time (self time per function)."""
    out = work / f"Rprof.{case.id}.out"
    cmd = r_command(case, data, None, False) + [f"rprof={out}"]
    subprocess.run(cmd, capture_output=True, text=True, check=True)
    summary = subprocess.run(["Rscript", "--vanilla", "-e",
                              f'p <- summaryRprof("{out}")$by.self; '
                              f'p <- head(p[order(-p$self.time), c("self.time", "self.pct")], {top}); '
                              'cat(sprintf("%6.1f%%  %7.2f s  %s", p$self.pct, p$self.time, rownames(p)), sep="\\n")'],
                             capture_output=True, text=True)
    shown = " ".join(["Rscript", "--vanilla", "bench/compare/r_side.R", *cmd[3:-1], "rprof=FILE"])
    shown = shown.replace(str(data), "<" + case.data_key + ">")
    return {"case": case.id + " (R side)", "tool": "Rprof", "command": shown,
            "total": "self time by function", "top": summary.stdout.strip().splitlines()}


# ---------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="n = 300, one repetition (a smoke test)")
    ap.add_argument("--cases", default="*", help="glob over case ids, comma-separated (e.g. 'fasterpam_*,skater_*')")
    ap.add_argument("--reps", type=int, help="repetitions per case (overrides the per-case default)")
    ap.add_argument("--with-slow", action="store_true", help="also R's original PAM at n = 5,000 and 10,000 (minutes to tens of minutes per run)")
    ap.add_argument("--cluster-only", action="store_true",
                    help="time R's pam(..., cluster.only = TRUE) (no silhouette information)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "bench" / "compare")
    ap.add_argument("--data", type=Path, help="where the generated inputs go (default OUT/data; reused when present)")
    ap.add_argument("--no-build", action="store_true", help="use the existing build/bench driver")
    ap.add_argument("--driver", type=Path, help="a clir_compare binary to use instead of building one")
    ap.add_argument("--no-install", action="store_true", help="do not install missing R packages")
    ap.add_argument("--profile", action="store_true", help="also profile the clir side with perf (n = 2,000 to 10,000)")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--resummarise", type=Path, metavar="RESULTS",
                    help="recompute the summaries of a results.json from its raw runs with the current checks")
    args = ap.parse_args()

    if args.resummarise:
        return resummarise(args.resummarise)

    cases = quick_cases() if args.quick else full_cases() + (slow_cases() if args.with_slow else [])
    patterns = [p.strip() for p in args.cases.split(",") if p.strip()]
    cases = [c for c in cases if any(fnmatch.fnmatch(c.id, p) for p in patterns)]
    if args.reps:
        for c in cases:
            c.reps = args.reps
    if args.list:
        for c in cases:
            print(f"{c.id:24s} reps {c.reps}  {c.note}")
        return 0
    if not cases:
        sys.exit("run.py: no case matches --cases")

    if not args.no_install:
        ensure_r()
    driver = build_driver(not args.no_build, args.driver)
    data_dir = args.data or args.out / "data"
    work = args.out / "work"
    data_dir.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)

    global R_SCRIPT_COPY
    R_SCRIPT_COPY = work / "r_side.R"
    shutil.copyfile(R_SCRIPT, R_SCRIPT_COPY)
    info = machine_info(driver)
    print(f"clir vs R on {info.get('cpu', '?')} ({info['cores']} cores), {info['date_utc']}, "
          f"load {info['loadavg_start'][0]:.1f}", flush=True)
    results = {"machine": info, "quick": args.quick, "seed": args.seed, "cluster_only": args.cluster_only,
               "cases": []}

    mem = run_json([str(driver), "memory", "--n", "20000" if not args.quick else "2000"])[0]
    results["memory"] = mem
    print(f"float DistanceMatrix n = {mem['n']}: {mem['bytes']} bytes = {mem['mib']:.1f} MiB "
          f"(fits 1 GiB: {mem['fits_1gib']}); peak RSS {mem['peak_rss_kib'] / 1024:.1f} MiB", flush=True)

    failed = False
    for case in cases:
        data = generate(driver, case, data_dir, args.seed)
        print(f"{case.id}: {case.note}", flush=True)
        result = run_case(driver, case, data, work, args.cluster_only)
        s = result["summary"]
        results["cases"].append({"case": case.__dict__ | {"threads": list(case.threads), "r_extra": list(case.r_extra)},
                                 **result})
        failed = failed or s["status"] == "CHECK FAILED"
        print(format_summary(s), flush=True)
        save(args.out, results)  # after every case: a long run that stops keeps what it measured

    if args.profile:
        results["profiles"] = []
        wanted = [("fasterpam_n10000_d2", 1), ("fasterpam_n10000_d2", 2), ("pam_n2000_d2", 1),
                  ("fastpam1_n5000_d2", 1), ("skater_n2000", 1)]
        pool = {c.id: c for c in full_cases()}
        for cid, threads in wanted if not args.quick else [(c.id, 1) for c in cases]:
            c = pool.get(cid) or next(x for x in cases if x.id == cid)
            data = generate(driver, c, data_dir, args.seed)
            print(f"profiling {cid} on {threads} thread(s) with perf ...", flush=True)
            p = profile(driver, c, data, work, threads=threads)
            if p:
                results["profiles"].append(p)
            if c.r_algo == "skater":
                r_case = pool.get("skater_n1000", c) if not args.quick else c
                print(f"profiling {r_case.id} on the R side with Rprof ...", flush=True)
                results["profiles"].append(profile_r(r_case, generate(driver, r_case, data_dir, args.seed), work))

    results["machine"]["loadavg_end"] = os.getloadavg()
    results["machine"]["date_utc_end"] = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    save(args.out, results)
    print(f"wrote {args.out / 'results.json'} and results.csv")
    return 1 if failed else 0


def resummarise(path: Path) -> int:
    results = json.loads(path.read_text())
    current = {c.id: c for c in full_cases() + slow_cases() + quick_cases()}
    for entry in results["cases"]:
        stored = dict(entry["case"])
        stored["threads"] = tuple(stored["threads"])
        stored["r_extra"] = tuple(stored["r_extra"])
        case = Case(**stored)
        if case.id in current:
            case.check = current[case.id].check
            case.note = current[case.id].note
            entry["case"]["check"] = case.check
        entry["summary"] = summarise(case, entry["raw"], None)
        print(format_summary(entry["summary"]))
    save(path.parent, results)
    return 0


def save(out: Path, results: dict) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    write_csv(out / "results.csv", [c["summary"] for c in results["cases"]])


def format_summary(s: dict) -> str:
    def f(x: float | None) -> str:
        return "   n/a   " if x is None else f"{x:9.4f}"

    line = f"  => R {f(s.get('r_wall_median_s'))} s"
    for t in ("1", "2"):
        if f"clir_t{t}_wall_median_s" in s:
            line += f" | clir t{t} {f(s[f'clir_t{t}_wall_median_s'])} s ratio {s.get(f'ratio_wall_t{t}', 0):8.1f}x"
    if "ratio_cpu_t1" in s:
        line += f" (cpu ratio {s['ratio_cpu_t1']:.1f}x)"
    line += f"  [{s['status']}; {'; '.join(s.get('checks', []))}]"
    return line


def write_csv(path: Path, summaries: list[dict]) -> None:
    keys: list[str] = []
    for s in summaries:
        for k in s:
            if k not in keys and k != "checks":
                keys.append(k)
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=keys + ["checks"])
        w.writeheader()
        for s in summaries:
            w.writerow({**s, "checks": "; ".join(s.get("checks", []))})


if __name__ == "__main__":
    sys.exit(main())
