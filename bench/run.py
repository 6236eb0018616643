"""The benchmark (`make bench`): generated corpora of N records, built, rebuilt, compared.

For each N (default 100, 1,000 and 10,000) it generates ``bench/corpus-<N>/`` (deterministic,
``bench/generate.py``), then, each in its own process so that peak memory is that build's:

1. a cold build into ``bench/out-<N>/`` with ``archivekg.pipeline.build(..., jobs=2)``;
2. a rebuild with nothing changed, and one with one record's text changed;
3. the naive pipeline (``bench/naive.py``; above ``--naive-max`` records it is extrapolated from
   the two largest measured sizes, and marked so);
4. the floor: pyoxigraph parse + serialise of the produced N-Quads (``bench/floor.py``).

Results go to ``bench/results.json``, ``bench/results.md`` (the table for the README) and
``bench/scaling.png`` (log-log seconds against N per stage).

    python bench/run.py [--sizes 100,1000] [--quick] [--jobs 2] [--naive-max 1000]
"""
from __future__ import annotations

import argparse
import inspect
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CODE: list[str] = []  # the snapshot of src/ the steps import archivekg from, when there is one
if str(BENCH) not in sys.path:  # the bench scripts import each other as top-level modules
    sys.path.insert(0, str(BENCH))

from generate import generate_corpus  # noqa: E402
from report import checks, extrapolate, machine_info, markdown, write_plot  # noqa: E402

MB = 1024 * 1024
CHANGED_SENTENCE = "\n\nThe delegation left for the capital on the 4th of this month with 12 specialists."


# ---- children --------------------------------------------------------------------------------

def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants, now (0 for processes already gone)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
                parents[int(entry.name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                todo.append(child)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * resource.getpagesize()
        except (OSError, ValueError, IndexError):
            continue
    return total


def snapshot(dest: Path) -> Path:
    """Copy the package, shapes and ontology so that every step of the run uses one version of
    the code: a build's cache key hashes the source, and an edit made during a long run would
    otherwise turn the unchanged rebuild into a full one. Returns the folder for PYTHONPATH."""
    shutil.rmtree(dest, ignore_errors=True)
    for name in ("src", "shapes", "ontology"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    return dest / "src"


def run_child(args: list[str], timeout: float | None, max_rss_mb: float | None = None) -> dict[str, Any]:
    """Run ``python <args>`` and return its JSON (last stdout line) with wall time and memory:
    ``peak_rss_mb`` is the largest single process (the child or one of its workers, from
    wait4), ``peak_rss_sum_mb`` the largest sum over the process tree, sampled every 0.2 s.
    The child is stopped after ``timeout`` seconds or once the tree holds ``max_rss_mb``.

    Written data still waiting in the page cache is flushed first (``sync``): a step must not pay
    for the writeback of the one before it (the kernel writes a 20 GB output out over the
    following minute; ext4 flushes a file before pages are inserted into it, so a rebuild right
    after a cold build would otherwise wait seconds for the cold build's writes)."""
    os.sync()
    start = time.perf_counter()
    env = dict(os.environ)
    if CODE:
        env["PYTHONPATH"] = os.pathsep.join([CODE[0], *filter(None, [env.get("PYTHONPATH")])])
    proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            if max_rss_mb and peak[0] > max_rss_mb * MB and not killed:
                kill(f"stopped: memory above {max_rss_mb / 1024:.1f} GB")

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    killed: list[str] = []

    def kill(reason: str) -> None:
        killed.append(reason)
        proc.kill()  # our own child, by its handle; its workers end with it

    timer = threading.Timer(timeout, kill, [f"timed out after {timeout:.0f} s"]) if timeout else None
    if timer:
        timer.start()
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if timer:
        timer.cancel()
    lines = [x for x in output.splitlines() if x.startswith("{")]
    result: dict[str, Any] = json.loads(lines[-1]) if proc.returncode == 0 and lines else {}
    if proc.returncode != 0:
        result["error"] = killed[0] if killed else f"exit status {proc.returncode}"
    result["process_seconds"] = wall
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    result["peak_rss_sum_mb"] = peak[0] / MB
    return result


def child_build(corpus: Path, out: Path, jobs: int) -> dict[str, Any]:
    """In the child: one call of the pipeline, with whichever options this checkout's build has."""
    from archivekg.config import load_config
    from archivekg.pipeline import build

    params = inspect.signature(build).parameters
    kwargs: dict[str, Any] = {}
    if "jobs" in params:
        kwargs["jobs"] = jobs
    if "skip_invalid" in params:  # a record the extractor cannot handle is counted, not fatal
        kwargs["skip_invalid"] = True
    if "incremental" in params:
        kwargs["incremental"] = True
    start = time.perf_counter()
    summary = build(corpus, out, load_config(corpus), **kwargs)
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {"kwargs": kwargs, "call_seconds": seconds}
    for name, value in vars(summary).items():
        if isinstance(value, list):
            result[name] = len(value)
        elif isinstance(value, (int, float, str, bool, dict)) or value is None:
            result[name] = value
    if summary.skipped:
        result["skipped_examples"] = [str(x)[:200] for x in summary.skipped[:5]]
    result["self_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["workers_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


# ---- one size --------------------------------------------------------------------------------

def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def corpus_stats(paths: list[Path]) -> dict[str, Any]:
    words = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        body = text.split("\n[...]\n", 1)[-1].rsplit("\n[...]\n", 1)[0]
        words.append(len(body.split()))
    return {"records": len(paths), "bytes": sum(p.stat().st_size for p in paths),
            "body_words": sum(words), "mean_words": sum(words) / max(1, len(words)),
            "min_words": min(words, default=0), "max_words": max(words, default=0)}


def projected_naive_mb(n: int, earlier: list[dict[str, Any]]) -> float | None:
    """The naive pipeline's memory at ``n`` records, linear from the largest size it ran at."""
    ran = [(r["n"], r["naive"]["peak_rss_sum_mb"]) for r in earlier
           if r.get("naive", {}).get("peak_rss_sum_mb") and not r["naive"].get("error")
           and not r["naive"].get("extrapolated")]
    if not ran:
        return None
    size, mb = max(ran)
    return mb * n / size


def bench_size(n: int, opts: argparse.Namespace, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    corpus, out = BENCH / f"corpus-{n}", BENCH / f"out-{n}"
    start = time.perf_counter()
    paths = generate_corpus(corpus, n, opts.seed)
    entry: dict[str, Any] = {"n": n, "generate_seconds": time.perf_counter() - start, "corpus": corpus_stats(paths)}
    build_args = [__file__, "--child", "build", str(corpus), str(out), "--jobs", str(opts.jobs)]
    shutil.rmtree(out, ignore_errors=True)  # a cold build: no previous output to reuse
    log(f"N={n}: cold build")
    entry["build"] = run_child(build_args, opts.timeout)
    entry["build"]["output_bytes"] = folder_bytes(out)
    nq = out / "archivekg.nq"
    entry["build"]["nquads_bytes"] = nq.stat().st_size if nq.is_file() else 0
    log(f"N={n}: rebuild, nothing changed")
    entry["rebuild_unchanged"] = run_child(build_args, opts.timeout)
    changed = paths[len(paths) // 2]
    original = changed.read_bytes()
    text = original.decode("utf-8")
    at = text.rindex("\n\n[...]\n")
    changed.write_text(text[:at] + CHANGED_SENTENCE + text[at:], encoding="utf-8")
    try:
        log(f"N={n}: rebuild, one record changed ({changed.name})")
        entry["rebuild_one_changed"] = run_child(build_args, opts.timeout)
    finally:
        changed.write_bytes(original)
    projected = projected_naive_mb(n, earlier)
    if n <= opts.naive_max and not opts.no_naive and projected and projected > opts.max_rss_gb * 1024:
        # It holds every triple several times over (Dataset, pySHACL's copy): it would be stopped.
        entry["naive_attempt"] = {"error": f"not run: about {projected / 1024:.0f} GB projected, "
                                           f"above --max-rss-gb {opts.max_rss_gb}"}
        log(f"N={n}: naive pipeline not run ({entry['naive_attempt']['error']})")
    elif n <= opts.naive_max and not opts.no_naive:
        naive_out = BENCH / f"out-naive-{n}"
        shutil.rmtree(naive_out, ignore_errors=True)
        log(f"N={n}: naive pipeline")
        entry["naive"] = run_child([str(BENCH / "naive.py"), str(corpus), str(naive_out)], opts.timeout,
                                   opts.max_rss_gb * 1024)
        entry["naive"]["output_bytes"] = folder_bytes(naive_out)
        shutil.rmtree(naive_out, ignore_errors=True)
    if nq.is_file():
        log(f"N={n}: floor")
        entry["floor"] = run_child([str(BENCH / "floor.py"), str(nq), "--repeat", "3" if n <= 1000 else "1"],
                                   opts.timeout)
    return entry


def _memory_gb() -> float:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    except (ValueError, OSError):
        return 8.0


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---- main ------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark archivekg builds on generated corpora.")
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--quick", action="store_true", help="smoke run: 20 records, results under bench/out-quick/")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the build (default 2)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--naive-max", type=int, default=1000, help="largest N the naive pipeline runs at")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pipeline")
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds before a step is killed")
    parser.add_argument("--max-rss-gb", type=float, default=round(0.6 * _memory_gb(), 1),
                        help="stop the naive pipeline above this much memory (default 60%% of RAM); "
                             "its time is then extrapolated")
    parser.add_argument("--results", type=Path, default=None, help="where to write results.json")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="run the steps on the live src/ instead of a copy taken at the start")
    parser.add_argument("--render", action="store_true",
                        help="only redraw the table and the plot from an existing results.json")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    if opts.child:
        kind, corpus, out = opts.child
        assert kind == "build"
        print(json.dumps(child_build(Path(corpus), Path(out), opts.jobs)))
        return 0
    sizes = [20] if opts.quick else sorted({int(x) for x in opts.sizes.split(",") if x.strip()})
    target = opts.results or (BENCH / "out-quick" / "results.json" if opts.quick else BENCH / "results.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    if opts.render:
        return render(json.loads(target.read_text(encoding="utf-8")), target)
    if not opts.no_snapshot:
        CODE.append(str(snapshot(BENCH / "out-snapshot")))
    results: dict[str, Any] = {"machine": machine_info(), "jobs": opts.jobs, "seed": opts.seed, "sizes": sizes,
                               "code": "snapshot of the working tree at the start" if CODE else "live src/",
                               "runs": []}
    for n in sizes:
        results["runs"].append(bench_size(n, opts, results["runs"]))
        extrapolate(results["runs"])
        results["checks"] = checks(results["runs"])
        target.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return render(results, target)


def render(results: dict[str, Any], target: Path) -> int:
    """The table and the plot next to ``target`` (results.json), and the table on stdout."""
    extrapolate(results["runs"])
    results["checks"] = checks(results["runs"])
    target.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    table = markdown(results)
    target.with_suffix(".md").write_text(table, encoding="utf-8")
    plot = target.with_name("scaling.png")
    try:
        write_plot(results, plot)
    except ImportError:
        log("matplotlib is not installed (pip install -e '.[bench]'): no plot")
    print(table)
    log(f"results in {target}, {target.with_suffix('.md')}, {plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
