"""Benchmark the fictional demo corpus generator.

    python bench/bench_democorpus.py [--counts 60 1000] [--workers 1 2] [--seed 2026] [--keep DIR]

Prints, per run: count, workers, wall seconds, CPU seconds (this process and its workers), MB
written (documents + truth JSON), pages, pages per wall second, peak resident memory of this
process and of its largest worker, and the mix of kinds, broken reasons and layouts. CPU seconds
are the fairer figure on a shared machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
from pathlib import Path

from casereview.democorpus import generate_corpus


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[60, 1000])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, help="write corpora under this folder and keep them")
    args = parser.parse_args()
    print(
        f"{'count':>6} {'workers':>7} {'seconds':>8} {'cpu s':>7} {'MB':>8} {'pages':>7} "
        f"{'pages/s':>8} {'peak MB':>8} {'child MB':>8}"
    )
    mixes = []
    for count in args.counts:
        for workers in args.workers:
            root = Path(tempfile.mkdtemp(prefix="democorpus-")) if args.keep is None else args.keep
            out = root / f"corpus-{count}-w{workers}"
            cpu_before = _cpu()
            summary = generate_corpus(out, count, seed=args.seed, workers=workers)
            cpu = _cpu() - cpu_before
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(
                f"{count:>6} {workers:>7} {summary.seconds:>8.1f} {cpu:>7.1f} "
                f"{summary.total_bytes / 1e6:>8.1f} {summary.pages:>7} "
                f"{summary.pages / summary.seconds:>8.0f} {peak:>8.0f} {child:>8.0f}",
                flush=True,
            )
            mixes.append((count, summary))
            if args.keep is None:
                shutil.rmtree(root)
    for count, summary in mixes[:: len(args.workers)]:
        print(
            f"\nmix of {count}: kinds {summary.kinds}\n  broken {summary.broken}\n"
            f"  layouts {summary.layouts}"
        )


if __name__ == "__main__":
    main()
