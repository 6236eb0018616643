"""What the benchmark reports: the machine, ratios and extrapolations, the targets, a table, a plot.

Pure functions over the ``runs`` list that ``bench/run.py`` collects (one dict per corpus size).
"""
from __future__ import annotations

import datetime
import math
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("archivekg", "rdflib", "pyshacl", "pyoxigraph", "matplotlib")
GB = 1024.0  # MB per GB
# The done-when targets of the scale issue.
TARGETS = {
    "naive_speedup_at_1000": 20.0,  # at least this many times faster than the naive pipeline
    "floor_ratio_at_1000": 4.0,  # at most this many times the floor's time, on the same 1,000 records
    "floor_ratio_worst": 4.0,  # the same at every size run (not a target of the issue: information)
    "linearity_10000_vs_1000": 1.25,  # time per record at 10,000 over that at 1,000, at most
    "peak_rss_gb_at_10000": 1.5,
    "rebuild_unchanged_seconds_at_10000": 3.0,
    "rebuild_one_changed_seconds_at_10000": 5.0,
}


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    try:
        commit = subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                                cwd=Path(__file__).parent, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_available": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gb": memory_gb,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": versions,
        "commit": commit,
        "date": datetime.date.today().isoformat(),  # when the figures were measured
    }


def _seconds(step: dict[str, Any] | None) -> float | None:
    if not step or step.get("error"):
        return None
    value = step.get("seconds")
    return float(value) if isinstance(value, (int, float)) and value > 0 else None


def extrapolate(runs: list[dict[str, Any]]) -> None:
    """Naive times for sizes where it did not run: a power law through the two largest measured
    sizes (t = a * N^b, so a pipeline that slows down per record is not flattered), or linear
    from one. Also fills in the per-run ratios."""
    measured = [(r["n"], _seconds(r.get("naive"))) for r in runs
                if not (r.get("naive") or {}).get("extrapolated") and _seconds(r.get("naive"))]
    measured.sort()
    for r in runs:
        naive = r.get("naive") or {}
        if naive and not naive.get("extrapolated") and not naive.get("error"):
            continue
        if naive.get("error"):  # stopped (time or memory): keep what happened, estimate the time
            r["naive_attempt"] = r.pop("naive")
        if r["n"] <= max((n for n, _ in measured), default=0):
            continue  # extrapolate upwards only
        r.pop("naive", None)
        if not measured:
            continue
        (n2, t2) = measured[-1]
        exponent = 1.0
        basis = f"linear from N={n2}"
        if len(measured) > 1:
            n1, t1 = measured[-2]
            exponent = math.log(t2 / t1) / math.log(n2 / n1)  # type: ignore[operator]
            basis = f"power law through N={n1} and N={n2} (exponent {exponent:.2f})"
        why = f" ({r['naive_attempt']['error']})" if "naive_attempt" in r else ""
        r["naive"] = {"seconds": t2 * (r["n"] / n2) ** exponent, "extrapolated": True,  # type: ignore[operator]
                      "note": f"extrapolated{why}: {basis}"}
    for r in runs:
        build = _seconds(r.get("build"))
        naive, floor = _seconds(r.get("naive")), _seconds(r.get("floor"))
        records = (r.get("build") or {}).get("records") or 0
        r["ratios"] = {
            "naive_over_build": naive / build if naive and build else None,
            "build_over_floor": build / floor if build and floor else None,
            "ms_per_record": 1000 * build / records if build and records else None,
        }


def _run(runs: list[dict[str, Any]], n: int) -> dict[str, Any] | None:
    return next((r for r in runs if r["n"] == n), None)


def _check(value: float | None, target: float, at_least: bool = False, note: str = "") -> dict[str, Any]:
    passed = None if value is None else (value >= target if at_least else value <= target)
    return {"value": value, "target": target, "pass": passed, "rule": (">= " if at_least else "<= ") + str(target),
            "note": note}


def checks(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The issue's done-when figures; ``pass`` is None where the size was not run."""
    r1k, r10k = _run(runs, 1000), _run(runs, 10000)
    out: dict[str, Any] = {}
    naive = (r1k or {}).get("ratios", {}).get("naive_over_build")
    guessed = " (naive time extrapolated)" if ((r1k or {}).get("naive") or {}).get("extrapolated") else ""
    out["naive_speedup_at_1000"] = _check(naive, TARGETS["naive_speedup_at_1000"], at_least=True,
                                          note="naive seconds / build seconds, same 1,000 records" + guessed)
    out["floor_ratio_at_1000"] = _check((r1k or {}).get("ratios", {}).get("build_over_floor"),
                                        TARGETS["floor_ratio_at_1000"],
                                        note="build seconds / floor seconds, same 1,000 records")
    floors = [r["ratios"]["build_over_floor"] for r in runs if r.get("ratios", {}).get("build_over_floor")]
    out["floor_ratio_worst"] = _check(max(floors) if floors else None, TARGETS["floor_ratio_worst"],
                                      note="build seconds / floor seconds, worst over the sizes run (information)")
    per1, per10 = ((r or {}).get("ratios", {}).get("ms_per_record") for r in (r1k, r10k))
    out["linearity_10000_vs_1000"] = _check(per10 / per1 if per1 and per10 else None,
                                            TARGETS["linearity_10000_vs_1000"], note="ms per record, 10,000 over 1,000")
    build10 = (r10k or {}).get("build") or {}
    rss = build10.get("peak_rss_sum_mb")
    out["peak_rss_gb_at_10000"] = _check(rss / GB if rss else None, TARGETS["peak_rss_gb_at_10000"],
                                         note="sum over the build's processes, sampled every 0.2 s")
    for key, step in (("rebuild_unchanged_seconds_at_10000", "rebuild_unchanged"),
                      ("rebuild_one_changed_seconds_at_10000", "rebuild_one_changed")):
        data = (r10k or {}).get(step) or {}
        value = None if data.get("error") else data.get("process_seconds")
        out[key] = _check(value, TARGETS[key], note="wall time of the whole `build` process, start-up included")
    return out


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    runs = results["runs"]
    lines = [
        f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB RAM, Python {m['python']}, "
        f"build with jobs={results['jobs']} (commit {m['commit']}; load average at start {m['load_average']}).",
        "",
        "| N | records built (skipped) | mean words | triples | build s | records/s | triples/s | peak RSS MB "
        "(largest process / sum) | output MB | rebuild unchanged s | rebuild one changed s | naive s (× build) "
        "| floor s (build ×) |",
        "|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|---|",
    ]
    for r in runs:
        b = r.get("build") or {}
        seconds = _seconds(b)
        naive, floor = r.get("naive") or {}, r.get("floor") or {}
        ratios = r.get("ratios") or {}
        naive_cell = "–" if not _seconds(naive) else (
            f"{_fmt(_seconds(naive))} ({_fmt(ratios.get('naive_over_build'))}×)"
            + (" extrapolated" if naive.get("extrapolated") else ""))
        attempt = r.get("naive_attempt") or {}
        if attempt.get("process_seconds"):
            naive_cell += f"; {attempt['error']} after {_fmt(attempt['process_seconds'])} s"
        elif attempt.get("error"):
            naive_cell += f"; {attempt['error']}"
        floor_cell = "–" if not _seconds(floor) else (
            f"{_fmt(_seconds(floor))} ({_fmt(ratios.get('build_over_floor'))}×)")
        lines.append(" | ".join([
            f"| {r['n']:,}", f"{_fmt(b.get('records'))} ({_fmt(b.get('skipped'))})",
            _fmt(r["corpus"]["mean_words"], 0), _fmt(b.get("triples")),
            _fmt(seconds) if seconds else b.get("error", "–"),
            _fmt(b["records"] / seconds if seconds and b.get("records") else None),
            _fmt(b["triples"] / seconds if seconds and b.get("triples") else None, 0),
            f"{_fmt(b.get('peak_rss_mb'), 0)} / {_fmt(b.get('peak_rss_sum_mb'), 0)}",
            _fmt(b.get("output_bytes", 0) / 1e6),
            _fmt((r.get("rebuild_unchanged") or {}).get("process_seconds"), 2),
            _fmt((r.get("rebuild_one_changed") or {}).get("process_seconds"), 2),
            naive_cell, floor_cell,
        ]) + " |")
    stages = sorted({s for r in runs for s in ((r.get("build") or {}).get("stage_seconds") or {})}, key=_stage_order)
    if stages:
        lines += ["", "Seconds per stage of the cold build:", "",
                  "| N | " + " | ".join(stages) + " |", "|---:|" + "---:|" * len(stages)]
        for r in runs:
            ss = (r.get("build") or {}).get("stage_seconds") or {}
            lines.append(f"| {r['n']:,} | " + " | ".join(_fmt(ss.get(s), 2) for s in stages) + " |")
    lines += ["", "| target | value | rule | met |", "|---|---:|---|---|"]
    for name, c in (results.get("checks") or {}).items():
        met = {True: "yes", False: "no", None: "not measured"}[c["pass"]]
        lines.append(f"| {name} | {_fmt(c['value'], 2)} | {c['rule']} | {met} |")
    return "\n".join(lines) + "\n"


_STAGES = ("ingest", "extract", "reconcile", "model", "validate", "publish")


def _stage_order(stage: str) -> tuple[int, str]:
    return (_STAGES.index(stage) if stage in _STAGES else len(_STAGES), stage)


def write_plot(results: dict[str, Any], path: Path) -> None:
    """Log-log seconds against N: each build stage, the build's total, the naive pipeline and the floor."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = [r for r in results["runs"] if _seconds(r.get("build"))]
    fig, ax = plt.subplots(figsize=(10.5, 5.5))
    stages = sorted({s for r in runs for s in r["build"].get("stage_seconds", {})}, key=_stage_order)
    for stage in stages:
        points = [(r["n"], r["build"]["stage_seconds"][stage]) for r in runs
                  if r["build"].get("stage_seconds", {}).get(stage, 0) > 0]
        if points:
            ax.plot(*zip(*points, strict=True), marker="o", linewidth=1, label=f"build: {stage}")
    ax.plot([r["n"] for r in runs], [_seconds(r["build"]) for r in runs], marker="s", color="black",
            linewidth=2.5, label="build: total")
    naive = [(r["n"], _seconds(r.get("naive")), bool((r.get("naive") or {}).get("extrapolated")))
             for r in results["runs"] if _seconds(r.get("naive"))]
    if naive:
        ax.plot([n for n, _, _ in naive], [t for _, t, _ in naive], linestyle="--", color="darkred",
                label="naive pipeline (hollow: extrapolated)")
        for n, t, guessed in naive:
            ax.plot([n], [t], marker="o", color="darkred", markerfacecolor="white" if guessed else "darkred")
    stopped = [(r["n"], r["naive_attempt"]["process_seconds"]) for r in results["runs"]
               if (r.get("naive_attempt") or {}).get("process_seconds")]
    if stopped:
        ax.plot(*zip(*stopped, strict=True), linestyle="none", marker="x", color="darkred", markersize=9,
                label="naive pipeline stopped here (a lower bound)")
    floor = [(r["n"], _seconds(r.get("floor"))) for r in results["runs"] if _seconds(r.get("floor"))]
    if floor:
        ax.plot(*zip(*floor, strict=True), linestyle=":", marker="^", color="tab:gray",
                label="floor: pyoxigraph N-Quads parse + serialise")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("records (N)")
    ax.set_ylabel("seconds")
    m = results["machine"]
    ax.set_title(f"archivekg build time against corpus size\n{m['cpu']}, jobs={results['jobs']}, {m['date']}",
                 fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)
