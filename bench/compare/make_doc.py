#!/usr/bin/env python3
"""Writes docs/performance.md from the side-by-side harness's results.json (bench/compare/run.py).

    bench/compare/make_doc.py build/bench/compare/results.json [more.json ...] [-o docs/performance.md]

Several results files may be given (for example the k-medoids cases and the SKATER cases run at
different times); each case is taken from the last file that has it, and every case keeps its own
date, so each quoted ratio comes from R and clir runs made side by side. Only the Python 3
standard library is used.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.dont_write_bytecode = True  # importing run.py for its case list leaves no __pycache__

GOAL_FASTERPAM = 5.0
GOAL_PAM = 3.0
GOAL_FASTERPAM_S = 0.5  # seconds, n = 10,000, k = 10, one thread
GOAL_FLOOR = 2.5  # FasterPAM's time over the streaming-read floor
GOAL_SKATER = 500.0
GIB = 1 << 30


def fmt_s(x: float | None) -> str:
    if x is None:
        return "–"
    if x >= 10:
        return f"{x:.1f} s"
    if x >= 0.1:
        return f"{x:.2f} s"
    if x >= 0.001:
        return f"{x * 1000:.1f} ms"
    return f"{x * 1e6:.0f} µs"


def fmt_ratio(x: float | None) -> str:
    if x is None:
        return "–"
    return f"{x:,.0f}×" if x >= 100 else f"{x:.1f}×"


def load(paths: list[Path], allow_quick: bool = False) -> tuple[list[dict], dict, dict, list[dict]]:
    cases: dict[str, dict] = {}
    machines: dict[str, dict] = {}
    memory: dict = {}
    profiles: dict[str, dict] = {}
    for p in paths:
        data = json.loads(p.read_text())
        if data.get("quick") and not allow_quick:
            raise SystemExit(f"make_doc.py: {p} is a --quick run; the document quotes full runs only")
        m = data["machine"]
        for c in data["cases"]:
            s = dict(c["summary"])
            s["run_date"] = m["date_utc"]
            s["run_load"] = m.get("loadavg_start", [None])[0]
            cases[s["id"]] = s
        machines[m["date_utc"]] = m
        memory = data.get("memory") or memory
        for prof in data.get("profiles", []):
            profiles[prof["case"]] = prof
    return list(cases.values()), machines, memory, list(profiles.values())


def by_id(cases: list[dict]) -> dict[str, dict]:
    return {c["id"]: c for c in cases}


def verdict(ok: bool | None) -> str:
    return {True: "**met**", False: "**not met**", None: "not measured"}[ok]


def goals(cases: dict[str, dict], memory: dict) -> list[tuple[str, str, str]]:
    rows = []

    # FasterPAM, n = 10,000, k = 10, one thread, ≥ 5× with equal loss; 2 threads faster, identical.
    fp = [cases[i] for i in ("fasterpam_n10000_d2", "fasterpam_n10000_d8") if i in cases and "ratio_wall_t1" in cases[i]]
    if fp:
        parts, ok = [], True
        for c in fp:
            same = abs(c.get("loss_rel_diff", 1.0)) <= 1e-9
            faster2 = (c.get("clir_t2_wall_median_s") or 1e99) < c["clir_t1_wall_median_s"]
            ident = c.get("identical_clir_t2", False)
            ok = ok and c["ratio_wall_t1"] >= GOAL_FASTERPAM and c.get("ratio_cpu_t1", 0) >= GOAL_FASTERPAM and same
            parts.append(f"{c['dim']}-d: {fmt_ratio(c['ratio_wall_t1'])} wall, {fmt_ratio(c.get('ratio_cpu_t1'))} CPU "
                         f"({fmt_s(c['r_wall_median_s'])} vs {fmt_s(c['clir_t1_wall_median_s'])}); "
                         f"loss {'equal' if same else 'differs by %.1e' % c.get('loss_rel_diff', float('nan'))}; "
                         f"2 threads {fmt_s(c.get('clir_t2_wall_median_s'))} "
                         f"({'faster' if faster2 else 'NOT faster'}, {'identical' if ident else 'DIFFERENT'} result)")
            rows.append(("FasterPAM, 2 threads faster than 1 with an identical result" + f" ({c['dim']}-d)",
                         f"{fmt_s(c.get('clir_t2_wall_median_s'))} vs {fmt_s(c['clir_t1_wall_median_s'])}, "
                         f"{'identical' if ident else 'different'} medoids and loss",
                         verdict(faster2 and ident)))
        rows.insert(len(rows) - len(fp), ("FasterPAM n = 10,000, k = 10, 1 thread: ≥ 5× `pam(variant = \"faster\")`, equal loss",
                                          "<br>".join(parts), verdict(ok)))
    else:
        rows.append(("FasterPAM n = 10,000, k = 10, 1 thread: ≥ 5×, equal loss", "–", verdict(None)))

    # FasterPAM at the memory-bandwidth limit: n = 10,000, k = 10, one thread in at most 0.5 s,
    # and every measured size within 2.5× of the streaming-read floor.
    c = cases.get("fasterpam_n10000_d2")
    if c and "clir_t1_wall_median_s" in c:
        ok = c["clir_t1_wall_median_s"] <= GOAL_FASTERPAM_S and c["clir_t1_cpu_median_s"] <= GOAL_FASTERPAM_S
        rows.append((f"FasterPAM n = 10,000, k = 10, 1 thread (2-d): ≤ {GOAL_FASTERPAM_S} s",
                     f"{fmt_s(c['clir_t1_wall_median_s'])} wall, {fmt_s(c['clir_t1_cpu_median_s'])} CPU", verdict(ok)))
    fl = [c for c in cases.values() if c["r_algo"] == "faster" and c["n"] >= 10000 and "floor_ratio_t1" in c]
    if fl:
        worst = max((c[f"floor_ratio_t{t}"], c["id"], c, t) for c in fl for t in (1, 2) if f"floor_ratio_t{t}" in c)
        cpu = [(c["clir_t1_cpu_median_s"] / c["clir_t1_floor_s"], c["id"]) for c in fl]
        rows.append((f"FasterPAM n = 10,000 and 20,000, 1 and 2 threads, 2-d and 8-d: ≤ {GOAL_FLOOR}× the streaming-read floor",
                     f"largest wall ratio {fmt_ratio(worst[0])} (n = {worst[2]['n']:,}, {worst[2]['dim']}-d, {worst[3]} "
                     f"thread{'s' if worst[3] > 1 else ''}); one thread by CPU time {fmt_ratio(min(cpu)[0])} to "
                     f"{fmt_ratio(max(cpu)[0])}; every case in the floor table below",
                     verdict(worst[0] <= GOAL_FLOOR and max(cpu)[0] <= GOAL_FLOOR)))

    pam = [c for c in cases.values() if c["r_algo"] == "pam" and "ratio_wall_t1" in c]
    if pam:
        same = all(c.get("same_medoids") for c in pam)
        lo_wall = min(c["ratio_wall_t1"] for c in pam)
        lo_cpu = min(c.get("ratio_cpu_t1", 0) for c in pam)
        sizes = ", ".join(f"{n:,}" for n in sorted({c["n"] for c in pam}))
        dims = " and ".join(f"{d}-d" for d in sorted({c["dim"] for c in pam}))
        rows.append(("PAM (BUILD + SWAP): identical medoids to `pam(d, k)` and ≥ 3× faster",
                     f"n = {sizes}, {dims}: medoids {'identical in every case' if same else 'DIFFER in some case'}; "
                     f"slowest ratio {fmt_ratio(lo_wall)} wall, {fmt_ratio(lo_cpu)} CPU",
                     verdict(same and lo_wall >= GOAL_PAM and lo_cpu >= GOAL_PAM)))
    else:
        rows.append(("PAM (BUILD + SWAP): identical medoids, ≥ 3×", "–", verdict(None)))

    sk = cases.get("skater_n2000")
    if sk and "ratio_wall_t1" in sk:
        ssd_ok = sk["clir_ssd"] <= sk["r_ssd"] * (1 + 1e-9)
        rows.append(("SKATER n = 2,000: ≥ 500× `spdep::skater`, equal or lower within-group SSD",
                     f"{fmt_ratio(sk['ratio_wall_t1'])} wall, {fmt_ratio(sk.get('ratio_cpu_t1'))} CPU "
                     f"({fmt_s(sk['r_wall_median_s'])} vs {fmt_s(sk['clir_t1_wall_median_s'])}); "
                     f"SSD {sk['clir_ssd']:.6g} (clir) vs {sk['r_ssd']:.6g} (spdep)",
                     verdict(ssd_ok and sk["ratio_wall_t1"] >= GOAL_SKATER and sk.get("ratio_cpu_t1", 0) >= GOAL_SKATER)))
    else:
        rows.append(("SKATER n = 2,000: ≥ 500×, equal or lower SSD", "–", verdict(None)))

    if memory:
        rows.append(("A float distance matrix for n = 20,000 fits in 1 GiB (condensed)",
                     f"`DistanceMatrix<float>(20000).bytes()` = {memory['bytes']:,} bytes = {memory['mib']:.1f} MiB; "
                     f"peak RSS of the process that filled it {memory['peak_rss_kib'] / 1024:.0f} MiB",
                     verdict(memory["bytes"] <= GIB and memory["n"] >= 20000)))
    return rows


def run_numbers(cases: list[dict]) -> dict[str, int]:
    """Run date -> its number in the Machine section (runs in date order)."""
    return {d: i + 1 for i, d in enumerate(sorted({c["run_date"] for c in cases}))}


def family_table(cases: list[dict], r_algo: str, two_threads: bool) -> list[str]:
    rows = sorted((c for c in cases if c["r_algo"] == r_algo), key=lambda c: (c["dim"], c["n"]))
    if not rows:
        return ["_No measurements._", ""]
    head = "| n | dim | R | clir, 1 thread | ratio (wall) | ratio (CPU) |"
    sep = "|---:|---:|---:|---:|---:|---:|"
    if two_threads:
        head += " clir, 2 threads | ratio (wall) |"
        sep += "---:|---:|"
    head += " runs | checks | run |"
    sep += "---:|---|---:|"
    out = [head, sep]
    number = run_numbers(cases)
    for c in rows:
        if "clir_t1_wall_median_s" not in c:
            out.append(f"| {c['n']:,} | {c['dim']} | {fmt_s(c.get('r_wall_median_s'))} | – | – | – |"
                       + (" – | – |" if two_threads else "") + f" {c['reps']} | {c.get('status', '')} | {number[c['run_date']]} |")
            continue
        line = (f"| {c['n']:,} | {c['dim']} | {fmt_s(c['r_wall_median_s'])} | {fmt_s(c['clir_t1_wall_median_s'])} | "
                f"{fmt_ratio(c.get('ratio_wall_t1'))} | {fmt_ratio(c.get('ratio_cpu_t1'))} |")
        if two_threads:
            line += f" {fmt_s(c.get('clir_t2_wall_median_s'))} | {fmt_ratio(c.get('ratio_wall_t2'))} |"
        runs = f"{c['reps']}" + (f" × {c['inner']}" if c.get("inner", 1) > 1 else "")
        line += f" {runs} | {'; '.join(c.get('checks', []))} | {number[c['run_date']]} |"
        out.append(line)
    out.append("")
    return out


def skater_table(cases: list[dict]) -> list[str]:
    rows = sorted((c for c in cases if c["r_algo"] == "skater"), key=lambda c: c["n"])
    if not rows:
        return ["_No measurements._", ""]
    out = ["| n | spdep (nbcosts → mstree → skater) | of which `skater()` | clir::skater (graph + MST + cuts) | "
           "ratio (wall) | ratio (CPU) | SSD spdep | SSD clir | runs | run |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    number = run_numbers(cases)
    for c in rows:
        if "clir_t1_wall_median_s" not in c:
            out.append(f"| {c['n']:,} | {fmt_s(c.get('r_wall_median_s'))} | {fmt_s(c.get('r_skater_only_median_s'))} | – | – | – | – | – | {c['reps']} | {number[c['run_date']]} |")
            continue
        out.append(f"| {c['n']:,} | {fmt_s(c['r_wall_median_s'])} | {fmt_s(c.get('r_skater_only_median_s'))} | "
                   f"{fmt_s(c['clir_t1_wall_median_s'])} | {fmt_ratio(c.get('ratio_wall_t1'))} | "
                   f"{fmt_ratio(c.get('ratio_cpu_t1'))} | {c['r_ssd']:.6g} | {c['clir_ssd']:.6g} | {c['reps']} | {number[c['run_date']]} |")
    out.append("")
    return out


def machine_section(machines: dict[str, dict], cases: list[dict]) -> list[str]:
    """The runs whose measurements the tables quote, numbered as in their "run" column."""
    out = []
    number = run_numbers(cases)
    for date, m in sorted(machines.items()):
        if date not in number:
            continue  # every case of that run was measured again later
        load0 = m.get("loadavg_start", [None])[0]
        load1 = (m.get("loadavg_end") or [None])[0]
        out += [f"{number[date]}. Run of {date} (ended {m.get('date_utc_end', '?')}): {m.get('cpu', '?')}, {m.get('cores')} cores, "
                f"{m.get('memory_gib', '?')} GiB, Linux {m.get('kernel', '?')}; load average "
                f"{load0 if load0 is None else f'{load0:.1f}'} at the start, "
                f"{load1 if load1 is None else f'{load1:.1f}'} at the end.",
                f"   clir {m.get('clir_commit', '?')} built by {m.get('compiler', '?')} with `{m.get('cxx_flags', '?')}`; "
                f"{m.get('r_version', 'R ?')}, cluster {m.get('r_cluster', '?')}, spdep {m.get('r_spdep', '?')}."]
    return out + [""]


PROFILE_GROUPS = [  # (label, substrings of the symbol), first match wins
    ("kernel: page faults, file reads", ("[k]",)),
    ("BUILD initialisation", ("build_init", "pam_build", "init_build")),
    ("input validation", ("validate", "scan_distances", "big_distance")),
    ("swap search", ("BlockGains", "accumulate_columns", "evaluate_candidate", "accumulate_gains", "_swap<", "NearestCache")),
    ("SKATER cuts", ("Partitioner", "skater")),
    ("spanning tree and graph building", ("spanning", "kruskal", "to_boost", "Graph::Graph", "clir::Edge",
                                          "depth_first", "adjacency_list")),
    ("row access (gather/copy)", ("fill_left", "gather", "RowSource", "build_dense", "memmove", "memcpy")),
    ("memory allocation", ("malloc", "free", "_int_", "unlink_chunk")),
]


def profile_groups(p: dict) -> str:
    """'55% swap search, 20% ...' from the listed entries of a perf profile."""
    if p.get("tool", "perf").startswith("Rprof"):
        return ""
    sums: dict[str, float] = {}
    for line in p.get("top", []):
        try:
            pct = float(line.split("%", 1)[0])
        except ValueError:
            continue
        label = next((g for g, keys in PROFILE_GROUPS if any(k in line for k in keys)), "other")
        sums[label] = sums.get(label, 0.0) + pct
    parts = [f"{v:.0f}% {k}" for k, v in sorted(sums.items(), key=lambda kv: -kv[1]) if v >= 1.0]
    if not parts:
        return ""
    text = "In short: " + ", ".join(parts) + "."
    if p.get("threads", 1) > 1:
        by_thread: dict[str, float] = {}
        for line in p.get("top", []):
            try:
                pct, rest = line.split("%", 1)
                by_thread[rest.split()[0]] = by_thread.get(rest.split()[0], 0.0) + float(pct)
            except (ValueError, IndexError):
                continue
        text += (f" By thread: {by_thread.get('caller', 0.0):.0f}% on the calling thread, "
                 f"{by_thread.get('member', 0.0):.0f}% on the others (the team's member and the input check's threads).")
    return text


def profile_section(profiles: list[dict]) -> list[str]:
    out = []
    for p in profiles:
        out.append(f"**{p['case']}** ({p.get('tool', 'perf')}) — `{p.get('command', '')}`; {p.get('total', '')}")
        out.append("")
        summary = profile_groups(p)
        if summary:
            out += [summary, ""]
        if p.get("error"):
            out += ["```", p["error"], "```", ""]
            continue
        out.append("```")
        out += p.get("top", [])
        out += ["```", ""]
    return out or ["_No profile in these results (run.py --profile)._", ""]


EXPLANATION = """\
## How the speed-ups were obtained

This section says where each clir algorithm spends its time and why it beats R; the profiles
at the end (`perf record`, share of CPU samples per function, one thread unless the name ends
in `_t2`) are what the
statements rest on. Both sides always get the same input and do the same kind of preparation
inside the timed call: R's `pam()` checks the `dist` vector for `NA` and reorders it into its
own triangle order (an O(n²) copy); clir's k-medoids functions check the matrix once for NaN,
∞ and negative values (a vectorised scan) and then work on it in place.

**Rows without a dense copy.** Every swap search reads, per candidate h, the whole row
d(h, ·). clir's `DistanceMatrix` is condensed — the order of R's `dist` vector, so one file
serves both sides — and there the part of row h right of the diagonal is contiguous and is
read in place, while the part left of it is a column of the upper triangle. For a block of 32
consecutive candidates those columns are contiguous runs of 32 values in every earlier
condensed row (a block is 256 bytes of each row: 32 candidates in double, as here, 64 in float), so the block's left halves are gathered with streaming reads (prefetched) at
about the cost of reading a dense matrix, and without allocating, zero-filling and
page-faulting an n × n copy. An earlier version on main made that dense copy (800 MB at
n = 10,000); perf on this harness's FasterPAM n = 10,000 case then showed the copy at 11% of
the samples, kernel page-fault and allocation work at about 15% and the validation pass at 5%,
against 51% in the gain loop itself — about a third of the time went to preparing the rows.

**The gain loop (FastPAM1, FasterPAM).** For a candidate h, every item j contributes to the
shared accumulator or to the entry of its nearest medoid depending on how d(h, j) compares
with its nearest and second-nearest medoid distances. With k = 10 about a quarter of the items
contribute, in no predictable pattern, so R's per-item branches mispredict constantly. clir
evaluates 32 consecutive candidates at once, item by item: for one item the two distances and
its medoid are the same for all 32 candidates, so the inner loop runs over the candidates —
32 contiguous lanes of min, max, subtract and add (the contributions written as
min(d − D, 0) and min(max(d, D), E) − E), with no branches, masks or scattered writes, which
GCC turns into plain vector code for whatever the target offers (no ISA-specific
intrinsics). These loops are compiled three times, for the portable target, AVX2 and AVX-512,
and the library takes the widest the CPU runs when it first needs them, so builds without
`-march=native` run them at full width too (the release-against-bench table above). The 32 distances per item are fetched 128 items at a time into a small
item-major buffer: left of the block they are one contiguous run of condensed row j; right of
it they lie along the candidates' own condensed rows, which are read side by side and
transposed W × W at a time in vector registers (W values per register: 8 doubles or 16 floats
with AVX-512), so the matrix is streamed without a copy.
An earlier version evaluated one candidate at a time in 8 interleaved lanes with a scattered
add per item into the medoid's gain entry; on this harness's n = 10,000, 2-d input it took
1.57 s of CPU against 0.47 s for the first block version (one thread, same medoids and loss, measured in turn at the
same load). R's `pamonce = 5` is documented as FastPAM1 plus several swaps per pass and
further shortcuts, while `clir::fastpam1` makes one best swap per pass (R's `pamonce = 3`): the
two can stop at different local optima and clir needs more passes; against `pamonce = 3`, the
same rule, the losses are equal. Results measured before this change (the runs of 2026-11-27) keep their
numbers and are marked by their run.

**FasterPAM's eager order and threads.** FasterPAM is sequential by nature: each swap changes
how the next candidate is evaluated. A block of 32 candidates is evaluated against the same
medoids, the first improving one is swapped and the evaluations after it are discarded; the next
block starts just after it, which is exactly the one-at-a-time order (on n = 10,000 about 100
swaps, so a few percent of the evaluations are discarded). For threads, the items are split into
fixed stripes of 1,024: a team started once per call claims stripes, each stripe's partial sums
are computed in one piece by whichever thread claims it, and the stripes are added in their
fixed order, so the result is bit-identical for any thread count. A phase never waits for a
thread the operating system has not scheduled: the calling thread closes the phase when its
own share is done and waits only for threads that joined, which matters on a shared machine.

**PAM (BUILD + SWAP).** R's original SWAP evaluates every pair (medoid i, candidate h) by a sum
over all n items: O(k·n²) per pass. `clir::pam` makes the same decisions — it adds the same
non-zero terms in the same order, which is why the medoids are identical to R's — but lists
once per pass the items that belong to each medoid and once per candidate the items that come
closer to it, and merges the two sorted lists, so a pass costs O(n²) plus that bookkeeping.

**FastPAM1 reads the matrix once per pass.** All candidates of a pass are scored against the
same medoids, so each stored distance d(i, h) adds its terms to candidates i and h at one
reading: a block of 32 rows is read from its diagonal on, item-major for the block's own 32
lanes and in place for the running sums of all later candidates. The sums keep the block
loop's order (items in increasing order, in the same stripes of 1,024), so the gains, and the
swaps, are bit-identical to it. FasterPAM cannot do this (see the floor section): its eager
swaps change the medoids between the two candidates of most distances.

**BUILD.** The default start (PAM, FastPAM1, FasterPAM, FasterMSC) picks k medoids greedily;
each step scores every candidate c by Σ_j max(0, D_j − d(c, j)) over all items, in R's order, so
the medoids are R's bit for bit. Every stored distance d(i, c) is a term of two candidates' sums in
the same step, so clir reads the matrix once per step: a block of 32 rows is turned item-major
right of the block and its 32 candidates add their terms in 32 vector lanes, while the same rows,
read in place, continue the running sums of all later candidates, vectorised over them. Each
candidate's terms are still added one item after another in increasing order (one lane or one
running sum per candidate), which keeps R's sums exactly; a test compares them bit for bit.
Before, each candidate read its whole row (half of it a strided column walk) into one scalar
chain of adds. Google Benchmark (`BM_BuildInit`, `BM_FasterPAM_BUILD`, n = 10,000, float, one
thread, old and new binaries in turn, medians of 3): BUILD 2.65 s → 0.29 s, FasterPAM from BUILD
3.05 s → 0.64 s with the same medoids. The FastPAM1 and PAM rows measured on 2026-12-05 include it.

**CLARA.** Both sides run PAM on 5 samples of 40 + 2k items and assign all n items; no n × n
matrix exists on either side (clir computes distances from the points on demand, as R's code
does). The samples differ (R's built-in generator against `clir::Rng` streams), so the losses
are compared as a quality ratio, not for equality. Both take milliseconds; R's timer has a
resolution of 1 ms, so these ratios are rough.

**SKATER.** `spdep::skater` evaluates each candidate cut by recomputing the criterion of both
sides of the cut from the data — for the default method `dist()` over the group's members and
their centroid, in R code — so most of its time is `dist` and R overhead (see its `Rprof`
profile below). `clir::skater` evaluates a cut in O(p) from subtree sums (count, sum and sum
of squares of the attributes), scans a group of m items in O(m·p) and rescans only the two new
groups after a cut; the minimum spanning tree is Boost.Graph's Kruskal under a total order on
(weight, u, v). The ratio therefore grows with n. clir minimises the within-group sum of
squared deviations (SSD); spdep's default criterion is the sum of *distances* to the group
mean, so the harness computes the SSD of both label vectors itself from the attribute file.
"""


def floor_table(cases: list[dict]) -> list[str]:
    rows = sorted((c for c in cases if c["r_algo"] == "faster" and "clir_t1_floor_s" in c), key=lambda c: (c["dim"], c["n"]))
    if not rows:
        return ["_No measurements (results from before clir_compare timed the streaming read)._", ""]
    out = ["| n | dim | sweeps | streaming read | floor | clir, 1 thread (wall / CPU) | × floor (wall / CPU) | clir, 2 threads | × floor | R / clir (1 thread) | run |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    number = run_numbers(cases)
    for c in rows:
        rate = c["n"] * (c["n"] - 1) // 2 * 8 / c["clir_t1_stream_median_s"] / 1e9  # the harness's matrix is double
        out.append(f"| {c['n']:,} | {c['dim']} | {c['clir_t1_sweeps']} | {fmt_s(c['clir_t1_stream_median_s'])} ({rate:.0f} GB/s) | "
                   f"{fmt_s(c['clir_t1_floor_s'])} | {fmt_s(c['clir_t1_wall_median_s'])} / {fmt_s(c['clir_t1_cpu_median_s'])} | "
                   f"{fmt_ratio(c['floor_ratio_t1'])} / {fmt_ratio(c['clir_t1_cpu_median_s'] / c['clir_t1_floor_s'])} | "
                   f"{fmt_s(c.get('clir_t2_wall_median_s'))} | {fmt_ratio(c.get('floor_ratio_t2'))} | "
                   f"{fmt_ratio(c.get('ratio_wall_t1'))} | {number[c['run_date']]} |")
    out.append("")
    return out


def python_section(paths: list[Path] | None) -> list[str]:
    """FasterPAM from Python against the C++ call (bench/python/fasterpam_overhead.py), one run per layout."""
    if not paths:
        return []
    runs = [json.loads(path.read_text()) for path in paths]
    c, m = runs[0]["case"], runs[0]["machine"]
    threads = 'all cores' if c['threads'] == 0 else str(c['threads']) + (' thread' if c['threads'] == 1 else ' threads')
    lines = ["## Python bindings: FasterPAM from Python against the C++ call", "",
             f"`bench/python/fasterpam_overhead.py` (Python {m['python']}, NumPy {m['numpy']}) times "
             f"`clir.fasterpam(D, {c['k']})` on a {c['dtype']} matrix of n = {c['n']:,} read from a file with",
             "`numpy.fromfile` and, alternately, `clir::fasterpam` on the same file through the C++ API",
             f"(`clir_python_reference`, same build), default (BUILD) initialisation, {threads}. A condensed file is",
             "read into a `clir::DistanceMatrix<float>` on the C++ side; a square one is viewed as a",
             "`clir::DenseDistanceView<float>` on the C++ side and passed in C or Fortran order from Python, where",
             "the binding first checks the square array's diagonal and symmetry (one tiled read of the",
             "whole matrix, part of the Python call's time).", "",
             "| layout | run | side | median wall | median CPU | wall, run by run |", "|---|---|---|---|---|---|"]
    notes = []
    for p in runs:
        c, m = p["case"], p["machine"]
        layout = c.get("order", "condensed")
        layout = "condensed" if layout == "condensed" else f"square, {layout} order"
        run = f"{m['date_utc']} UTC, load {m['loadavg'][0]:.2f}, {c['reps']} reps"
        lines.append(f"| {layout} | {run} | C++ | {fmt_s(p['cpp_median_s'])} | "
                     f"{fmt_s(statistics.median(p['cpp_cpu_seconds']))} | " + ", ".join(fmt_s(x) for x in p["cpp_seconds"]) + " |")
        lines.append(f"| {layout} | | Python | {fmt_s(p['python_median_s'])} | "
                     f"{fmt_s(statistics.median(p['python_cpu_seconds']))} | " + ", ".join(fmt_s(x) for x in p["python_seconds"]) + " |")
        notes.append(f"{layout}: Python costs {100 * p['overhead']:+.1f} % wall time and {100 * p['cpu_overhead']:+.1f} % "
                     f"CPU time against the C++ call (goal: within 5 %: "
                     f"{verdict(abs(p['overhead']) <= 0.05 and abs(p['cpu_overhead']) <= 0.05)}); zero copy "
                     f"{c['zero_copy']}; medoids {'identical' if p['same_medoids'] else 'DIFFERENT'}, labels "
                     f"{'identical' if p['same_labels'] else 'DIFFERENT'}, loss {p['python_loss']:.6g} on both sides "
                     f"({p['iterations']} sweeps, {p['swaps']} swaps).")
    lines += [""] + [f"- {n}" for n in notes]
    return lines + ["", "On this shared machine the run-to-run spread of one side can be larger than these differences;",
                    "the CPU time, which the load disturbs less, is the steadier figure. Rerun with",
                    "`/usr/bin/python3 bench/python/fasterpam_overhead.py --build build/release --threads 1 "
                    "[--layout C|F] -o FILE.json`",
                    "(a build with `-DCLIR_BUILD_PYTHON=ON`), then pass `--python FILE.json ...` to `bench/compare/make_doc.py`.", ""]


def builds_section(path: Path | None) -> list[str]:
    """The release preset against the bench preset, side by side (bench/compare_builds.py)."""
    if path is None:
        return []
    b = json.loads(path.read_text())
    lb, la = b["loadavg_before"], b["loadavg_after"]
    lines = ["### The release build against `-march=native`", "",
             "The vector kernels of the k-medoids engine (the item-major transpose, the swap-gain and BUILD",
             "lanes) are compiled for the portable target, AVX2 and AVX-512 and chosen when the library first",
             "uses them (`include/clir/cluster/detail/kernels.hpp`), so the `release` preset — what",
             "`scripts/demo`, the installed library and the Python module are built with — runs the same",
             "AVX-512 kernels as the `bench` preset's `-march=native` on this CPU, and every level gives the",
             "same bits (`tests/cluster/kernel_levels_test.cpp`). `bench/compare_builds.py` "
             f"({b['date_utc']} UTC) ran `{b['program']}` from `build/bench-release` (the release flags) and",
             f"`build/bench` alternately, {b['rounds']} times each; load average {lb[0]:.1f} before and {la[0]:.1f} after.",
             "`BM_FasterPAM_KernelLevel/10000/L` forces kernel level L (0 portable, what the release build ran",
             "before, 1 AVX2, 2 AVX-512) in the same binary; in the bench build level 0 is compiled with",
             "`-march=native` too, so only the release column shows the portable kernels. With the machine this",
             "loaded, wall times are a multiple of CPU times and the CPU ratio is the steadier one.", "",
             "| benchmark (one thread; medians) | release preset: wall, CPU | bench preset (`-march=native`): wall, CPU | release / bench: wall, CPU |",
             "|---|---:|---:|---:|"]
    for r in b["benchmarks"]:
        u = r["unit"]
        lines.append(f"| `{r['name'].removesuffix('/real_time')}` | {r['release_median']:.0f} {u}, {r['release_cpu_median']:.0f} {u} | "
                     f"{r['native_median']:.0f} {u}, {r['native_cpu_median']:.0f} {u} | "
                     f"{r['release_median'] / r['native_median']:.2f}, {r['release_cpu_median'] / r['native_cpu_median']:.2f} |")
    return lines + ["", "Rerun: `python3 bench/compare_builds.py --program clir_bench_kmedoids --filter "
                    f"'{b['filter']}' -o FILE.json` after building `clir_bench_kmedoids` with the `bench` and "
                    "`bench-release` presets.", ""]


def square_section(path: Path | None) -> list[str]:
    """Square input against condensed, step by step (Google Benchmark JSON of clir_bench_square)."""
    if path is None:
        return []
    g = json.loads(path.read_text())
    ctx = g["context"]
    med: dict[tuple[str, int, int], float] = {}
    for b in g["benchmarks"]:
        if b.get("aggregate_name") not in (None, "median") or (b.get("run_type") == "aggregate"
                                                              and b.get("aggregate_name") != "median"):
            continue
        if b.get("repetitions", 1) > 1 and b.get("run_type") != "aggregate":
            continue
        step, n, layout = b["run_name"].split("/")[0], int(b["run_name"].split("/")[1]), int(b["run_name"].split("/")[2])
        med[(step, n, layout)] = b["cpu_time"]
    steps = {"BM_Check": "input check (validation and R's \"big\")", "BM_Build": "BUILD (k = 10)",
             "BM_Caches": "nearest-medoid caches", "BM_Swaps": "FasterPAM from given medoids",
             "BM_FasterPAM_Default": "FasterPAM, default call"}
    exe = Path(ctx.get("executable", "build/bench/bench/clir_bench_square")).parts
    preset = exe[exe.index("build") + 1] if "build" in exe else "bench"
    lines = ["### Square input against condensed", "",
             f"`clir_bench_square` ({preset} build, one thread, float, "
             f"{ctx['date']}, load average {', '.join(f'{x:.1f}' for x in ctx.get('load_avg', []))}) times each step on",
             "the same distances stored condensed (`DistanceMatrix<float>`) and as the n × n row-major matrix a",
             "NumPy caller passes (`DenseDistanceView<float>`; a symmetric Fortran-order array is the same",
             "memory), both in one run; medians of its repetitions' CPU time (one thread; the machine was",
             "loaded enough that wall times were several times the CPU times). BUILD over square rows used to add each",
             "candidate's row one value after another (one scalar sum per candidate, because R's order must be",
             "kept), about 5× slower than condensed; a square matrix's upper triangle is now read in place",
             "exactly as condensed storage is (one read of each distance per step, 64 candidates in vector",
             "lanes), so the same distances give the same medoids at the same cost. The input check scans the",
             "upper triangle of the rows in one vectorised pass, as it scans condensed storage. These figures",
             "predate commit f5d9010: since then the input check of a square matrix reads it whole (every value,",
             "the zero diagonal and the symmetry: n² values against a condensed matrix's n(n − 1)/2, tile (I, J)",
             "against tile (J, I) in vector lanes, `src/cluster/input_check.cpp`), in place of the Python",
             "binding's own pass; rerun the program to measure it.", "",
             "| step | n | condensed | square | square / condensed |", "|---|---:|---:|---:|---:|"]
    for step, label in steps.items():
        for n in sorted({k[1] for k in med if k[0] == step}):
            c, q = med.get((step, n, 0)), med.get((step, n, 1))
            if c and q:
                lines.append(f"| {label} | {n:,} | {c:.3g} ms | {q:.3g} ms | {q / c:.2f} |")
    lines += ["", "The nearest-medoid caches read the k medoids' rows: whole rows in place from a square matrix,",
              "gathered column by column from condensed storage, hence the square side's lead there."]
    return lines + ["", f"Rerun: `build/{preset}/bench/clir_bench_square --benchmark_repetitions=5 "
                    "--benchmark_format=json > FILE.json`, then `--square FILE.json`.", ""]


def large_section(path: Path | None) -> list[str]:
    """k-medoids at large n in one process: time, loss and peak memory (bench/large_kmedoids.cpp)."""
    if path is None:
        return []
    g = json.loads(path.read_text())
    mib = g["matrix_bytes"] / 2**20
    kib = g["matrix_bytes"] / 1024
    threads = f"{g['threads']} thread" + ("" if g["threads"] == 1 else "s")
    lines = [f"### n = {g['n']:,} in one process", "",
             f"`clir_large_kmedoids` ({g['date_utc']} UTC, load average {g['loadavg_start'][0]:.1f} at the start and "
             f"{g['loadavg_end'][0]:.1f} at the end, {threads}, one run of each) builds the harness's Gaussian points "
             f"(n = {g['n']:,}, {g['dim']} dimensions, {g['centres']} centres, seed {g['seed']}), fills one",
             f"`clir::DistanceMatrix<float>` in place from them ({g['matrix_bytes']:,} bytes = {mib:,.0f} MiB, filled in "
             f"{fmt_s(g['fill_s'])}; the vector's zero fill is part of that) and runs each method on it, k = {g['k']}. "
             "*Peak* is the process's",
             "peak resident memory during the call (VmHWM, reset before it), against the matrix's bytes; the",
             f"process's resident size with the matrix filled was {g['rss_matrix_kib'] / kib:.3f} × the matrix, and its "
             f"peak over the whole run {g['process_peak_kib'] / kib:.3f} × (goal for FasterPAM: ≤ 1.1 ×).", "",
             "| method | start | wall | CPU | loss | sweeps / samples | swaps | peak | peak / matrix |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in g["runs"]:
        lines.append(f"| {r['method']} | {r['init']} | {fmt_s(r['wall_s'])} | {fmt_s(r['cpu_s'])} | {r['loss']:,.1f} | "
                     f"{r['iterations']} | {r['swaps']} | {r['peak_kib'] / 2**20:.2f} GiB | {r['peak_kib'] / kib:.3f} |")
    best = min(r["loss"] for r in g["runs"])
    notes = [f"{r['method']} ({r['init']}): loss {r['loss'] / best:.4f} × the lowest" for r in g["runs"]]
    return lines + ["", "Losses against the lowest of the table: " + "; ".join(notes) + ". The last row reads the",
                    "distances from the points (a LazyDistance) and needs O(n) memory of its own; its peak includes",
                    "the matrix, which the process still holds. With the machine this loaded, wall times are a",
                    "multiple of CPU times; the CPU time is the steadier figure.", "",
                    f"Rerun: `build/release/bench/clir_large_kmedoids --n {g['n']} --threads {g['threads']} > FILE.json` "
                    "(a build with `-DCLIR_BUILD_BENCH=ON`), then `--large FILE.json`. It needs about 1.1 × the "
                    "matrix's memory free.", ""]


def sweep_section(path: Path | None) -> list[str]:
    """Where one FasterPAM sweep's time goes (bench/sweep_bench.cpp, Google Benchmark JSON)."""
    if path is None:
        return []
    g = json.loads(path.read_text())
    ctx = g["context"]
    med: dict[tuple[int, int], dict[str, float]] = {}
    for b in g["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name, n, size = b["run_name"].split("/")[:3]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        med.setdefault((int(n.split(":")[1]), int(size.split(":")[1])), {})[name] = b["real_time"] * scale
    reps = max(int(b.get("repetitions", 1)) for b in g["benchmarks"])
    out = ["#### Where a sweep's time goes", "",
           "`clir_bench_sweep` (`bench/sweep_bench.cpp`, Google Benchmark, "
           f"{ctx['date']}, load {ctx['load_avg'][0]:.2f}, median of {reps}) takes one sweep apart on n random points",
           "in the unit square: *streaming read* is one read of the condensed matrix in this program (its",
           "own loop, so compare it with the columns beside it, not with the harness's); *reads* is",
           "every block of candidates (32 in double, 64 in float: 256 bytes of each row) fetching its",
           "distances to all n items item-major, exactly as",
           "FasterPAM does (`RowSource::fill_columns`), without the arithmetic; *evaluations* is a whole",
           "sweep of `BlockGains::evaluate` on one thread with fixed medoids — the reads plus the gain",
           "arithmetic, which is most of FasterPAM's time; *tiled reads* is what the reads would cost",
           "if the matrix were stored as contiguous tiles of one block by one block (a storage clir",
           "does not have: every block would read each tile of its tile column and row whole, the",
           "left ones already item-major). Side by side in one process, so the ratios hold even where",
           "this machine's memory speed drifts between runs.", "",
           "| n | bytes per distance | streaming read | reads | × streaming read | evaluations | × streaming read | evaluations − reads | tiled reads | × streaming read |",
           "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for (n, size), m in sorted(med.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        st, rd, ev = m["BM_SweepStream"], m["BM_SweepGather"], m["BM_SweepEvaluate"]
        tl = m.get("BM_SweepTiles")
        out.append(f"| {n:,} | {size} | {fmt_s(st)} | {fmt_s(rd)} | {fmt_ratio(rd / st)} | {fmt_s(ev)} | "
                   f"{fmt_ratio(ev / st)} | {fmt_s(ev - rd)} | {fmt_s(tl)} | {fmt_ratio(tl / st if tl else None)} |")
    out += ["",
            "Reading each stored distance twice would cost 2× the streaming read; the pattern costs more,",
            "because the runs left of a block are 256 bytes from as many different rows, and the right",
            "part is as many row streams side by side as the block has candidates. The arithmetic runs after each",
            "chunk is fetched and overlaps little with the memory traffic. Tiles would bring the reads",
            "close to the two streaming reads a sweep needs; with the arithmetic added, and the two",
            "reads per sweep that eager swaps force, FasterPAM would still stay above 2.5× the floor",
            "unless the arithmetic also disappeared behind the memory traffic. Rerun with",
            "`build/bench/bench/clir_bench_sweep --benchmark_repetitions=5 --benchmark_report_aggregates_only=true "
            "--benchmark_out=FILE.json --benchmark_out_format=json`",
            "and pass `--sweep FILE.json` to `bench/compare/make_doc.py`.", ""]
    return out


def shown(path: Path) -> str:
    """@p path relative to the repository when it lies inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", type=Path, nargs="+")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "performance.md")
    ap.add_argument("--allow-quick", action="store_true", help="accept --quick results (to test this script)")
    ap.add_argument("--python", type=Path, nargs="+",
                    help="results of bench/python/fasterpam_overhead.py, one per layout (a section of its own)")
    ap.add_argument("--sweep", type=Path, help="Google Benchmark JSON of clir_bench_sweep (where a sweep's time goes)")
    ap.add_argument("--builds", type=Path, help="results of bench/compare_builds.py (release against -march=native)")
    ap.add_argument("--square", type=Path, help="Google Benchmark JSON of clir_bench_square (square against condensed)")
    ap.add_argument("--page", type=Path, help="results of scripts/page-bench (the interactive report.html's steps)")
    ap.add_argument("--large", type=Path, help="results of clir_large_kmedoids (k-medoids at large n, with memory)")
    args = ap.parse_args()
    cases, machines, memory, profiles = load(args.results, args.allow_quick)
    ids = by_id(cases)

    lines = ["# Performance: clir against R's cluster and spdep", "",
             "<!-- Generated by bench/compare/make_doc.py from the harness's results.json; do not edit by hand. -->", "",
             "Every number on this page comes from `bench/compare/run.py` (except the sections that name",
             "their own program: where a FasterPAM sweep's time goes, the builds, square input, large n, and",
             "the Python bindings' overhead),",
             "which runs R and clir on the *same*",
             "files (seeded points, the condensed distance matrix in double, the starting medoids, the",
             "k-nearest-neighbour graph) alternately — R, clir, clir with 2 threads, R, clir, … — and times",
             "only the algorithm call inside each process (reading the files is not timed on either side).",
             "A ratio is R's median divided by clir's median over those runs; *wall* is elapsed time, *CPU*",
             "is the process's user + system time. The machine is shared (see the load averages): the CPU",
             "ratio is the steadier of the two for one thread, and a goal counts as met only when both",
             "ratios reach it. k = 10 throughout. The column *run* names the run below that measured a",
             "row: each ratio compares R and clir timed side by side in one run, but absolute times from",
             "runs at different loads do not compare with each other.", "",
             "## Machine", ""]
    lines += machine_section(machines, cases)
    lines += ["## Goals", "", "| goal | measured | verdict |", "|---|---|---|"]
    for g, m, v in goals(ids, memory):
        lines.append(f"| {g} | {m} | {v} |")
    lines += [""]

    lines += ["## k-medoids on a precomputed distance matrix", "",
              "### FasterPAM: `pam(d, 10, variant = \"faster\", medoids = init)` vs `clir::fasterpam`", "",
              "Both start from the same 10 random medoids (`init.txt`), so equal loss is expected.", ""]
    lines += family_table(cases, "faster", True)
    lines += ["### FasterPAM against the memory-bandwidth floor", "",
              "No third implementation can be built here from Debian packages alone (the Rust `kmedoids`",
              "crate and its Python package come from crates.io and PyPI), so the reference is the machine",
              "itself: in the same process, right after each timed call, `clir_compare` times one streaming",
              "read of the same condensed matrix (every entry summed in 8 lanes, one thread). *floor* =",
              "sweeps × that read: the time the swap search would take if each sweep read every stored",
              "distance once. *× floor* is clir's median wall time over it (the input check and the",
              "nearest-medoid caches are part of clir's time, not of the floor). At n = 1,000 and 2,000 the",
              "matrix (4 and 16 MB) is read from cache, as its read speed in the table shows, so that read is",
              "no bandwidth figure and clir's fixed costs weigh more; the goal is stated for n = 10,000 and",
              "20,000.", "",
              "The floor is a lower bound, not what this design can reach. A sweep evaluates n candidates",
              "against all n items — n² distances — and the condensed matrix stores each distance once for",
              "two candidates: d(h, j) serves candidate h and candidate j. One reading can serve both only",
              "when nothing changes between the two evaluations, and FasterPAM's eager swaps change the",
              "medoids, and with them every later evaluation, about a hundred times per run at n = 10,000.",
              "A sweep that reads each candidate's row when it evaluates the candidate therefore reads the",
              "matrix twice, and with the input check (one more read) this design's ratio cannot go below",
              "(2 · sweeps + 1) / sweeps — 2.25× for 4 sweeps, 2.33× for 3 — even at the machine's full",
              "streaming speed. The gap to that bound is the cost of reading a block's rows side by side",
              "and turning them item-major, and of the gain arithmetic itself; the section after the table",
              "measures the two apart.", ""]
    lines += floor_table(cases)
    lines += sweep_section(args.sweep)
    lines += builds_section(args.builds)
    lines += square_section(args.square)
    lines += large_section(args.large)
    lines += ["### FastPAM1: `pam(d, 10, pamonce = 5)` vs `clir::fastpam1` (both start with BUILD)", ""]
    lines += family_table(cases, "f5", False)
    lines += ["### FastPAM1, same swap rule: `pam(d, 10, pamonce = 3)` vs `clir::fastpam1`", ""]
    lines += family_table(cases, "f3", False)
    lines += ["### PAM: `pam(d, 10)` (BUILD + original SWAP) vs `clir::pam`", "",
              "R's original SWAP is O(k·n²) per pass and needs more passes as n grows, so n = 5,000 and",
              "10,000 (minutes per call in R) are run only with `run.py --with-slow`, once each.", ""]
    lines += family_table(cases, "pam", False)
    lines += ["### CLARA: `clara(x, 10)` (5 samples of 60 items) vs `clir::clara` with the same settings", "",
              "Distances are computed from the points on both sides; the random samples differ, so the",
              "check is the ratio of the losses on all n items (below 1 means clir's partition is better).", ""]
    lines += family_table(cases, "clara", False)
    lines += ["## SKATER on the same 6-nearest-neighbour graph", "",
              "spdep's time covers `nbcosts`, `nb2listw`, `mstree` and `skater(ncuts = 9)` on the exported graph;",
              "clir's covers building the `Graph`, the minimum spanning tree and the 9 cuts. SSD is the",
              "within-group sum of squared deviations of the attributes, computed by the harness from both",
              "label vectors.", ""]
    lines += skater_table(cases)
    import run as harness  # the case list, to say which cases these results lack
    missing = [c.id for c in harness.full_cases() if c.id not in ids]
    if missing:
        lines += ["Cases of the full set that these results do not contain (not run, for time; "
                  "`run.py --cases` measures them): " + ", ".join(f"`{m}`" for m in missing) + ".", ""]
    lines += python_section(args.python)
    # The WebAssembly comparisons have programs of their own (scripts/page-bench, bench/wasm/).
    if args.page:
        sys.path.insert(0, str(ROOT / "bench" / "wasm"))
        import page_doc
        lines += page_doc.performance_section(json.loads(args.page.read_text()))
    else:
        lines += ['## The engine in WebAssembly', '', 'The same library compiled to WebAssembly (the interactive report.html, the `wasm` preset) is', 'compared with the native build in [docs/web.md](web.md), "Figures": a full run under Node', '(`bench/wasm/run_time.mjs`, about 2 to 3 times the native time) and the page in headless', 'Chromium (`bench/wasm/page_time.cjs`: time to interactive, one rerun, the weight draws in the', "worker, the page's size, and the ratio to a native `clir run`). Those programs are not part of", 'this harness, so their figures are kept there, with the date and load they were measured at.', '']
    lines += ["## Memory", ""]
    if memory:
        lines += [f"`clir::DistanceMatrix<float>` for n = {memory['n']:,} stores the n(n−1)/2 entries above the diagonal:",
                  f"`bytes()` = {memory['bytes']:,} bytes ({memory['mib']:.1f} MiB, "
                  f"{'within' if memory['bytes'] <= GIB else 'ABOVE'} 1 GiB). The process that filled it from",
                  f"generated points peaked at {memory['peak_rss_kib'] / 1024:.0f} MiB resident "
                  f"({memory['fill_s']:.1f} s to fill). The k-medoids functions work on this condensed storage",
                  "directly (rows are gathered in blocks, no n × n copy); a dense copy is made only for a",
                  "caller's own matrix type, and only within `KMedoidsOptions::dense_limit_bytes`.", ""]
    lines += [EXPLANATION, "## Profiles", "",
              "The clir side: `perf record -e cpu-clock` on the same `clir_compare` binary that was timed (bench preset,",
              "`-O3 -march=native`), one thread, the algorithm called 3 times per process (300 for SKATER) so",
              "that reading the input files is a small share; top entries by share of samples (exclusive).",
              "`[k]` marks kernel time (page faults when a large buffer is first touched, file reads).",
              "valgrind's callgrind cannot be used on this build: valgrind 3.19 does not decode the AVX-512",
              "instructions that `-march=native` emits on this CPU. The R side of SKATER: `Rprof`, self time",
              "per R function.", ""]
    lines += profile_section(profiles)
    lines += ["## Rerunning", "", "```sh",
              "bench/compare/run.py --profile           # builds the bench preset, installs R packages if missing",
              "bench/compare/run.py --quick             # n = 300, one run each: checks the harness in seconds",
              "bench/compare/run.py --cases 'skater_*'  # a subset (glob over case ids; --list shows them)",
              "bench/compare/make_doc.py build/bench/compare/results.json",
              "```", "",
              "Results land in `build/bench/compare/results.json` (every run's times, losses and medoids, and",
              "the machine) and `results.csv` (one summary row per case). The Google Benchmark programs in",
              "`bench/*_bench.cpp` (bench preset) measure clir alone over wider ranges of n.", "",
              "This page was generated from the committed results, later files overriding earlier ones case by",
              "case:", "", "```sh",
              "bench/compare/make_doc.py " + " ".join(shown(p) for p in args.results) +
              (" --python " + " ".join(shown(p) for p in args.python) if args.python else "") +
              (" --sweep " + shown(args.sweep) if args.sweep else "") +
              (" --builds " + shown(args.builds) if args.builds else "") +
              (" --square " + shown(args.square) if args.square else "") +
              (" --page " + shown(args.page) if args.page else "") +
              (" --large " + shown(args.large) if args.large else ""),
              "```", ""]
    args.output.write_text("\n".join(lines))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
