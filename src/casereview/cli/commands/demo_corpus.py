"""`casereview demo-corpus`: Write fictional review reports (PDF/DOCX) with ground-truth JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "demo-corpus"
HELP = "Write fictional review reports (PDF/DOCX) with ground-truth JSON."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", help="folder to write into")
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=1)


def handle(args: argparse.Namespace) -> int:
    from casereview import console
    from casereview.democorpus import generate_corpus

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def progress(done: int, total: int) -> None:
        console.update(sys.stderr, f"{done}/{total} reports")

    summary = generate_corpus(
        out, args.count, seed=args.seed, workers=args.workers, progress=progress
    )
    console.finish(sys.stderr)
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(summary.kinds.items()))
    print(
        f"Wrote {summary.count} reports ({summary.pages} pages; {kinds}) to {summary.out_dir} "
        f"in {summary.seconds:.1f} s: {summary.total_bytes / 1e6:.1f} MB."
    )
    return 0
