#!/usr/bin/env python3
"""A tiny stand-in for a training script: logs loss/accuracy per epoch (JSON lines or key=value)
and tqdm-like progress bars, so ModelOps' log streaming and charts have something real to show.

  python3 train.py --model NAME --epochs 5 [--format json|kv] [--delay 0.05] [--fail-at N]
"""
import argparse
import json
import math
import sys
import time


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--model", default="model")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--steps", type=int, default=4, help="progress updates per epoch")
    p.add_argument("--format", choices=["json", "kv"], default="json")
    p.add_argument("--delay", type=float, default=0.02, help="seconds per step")
    p.add_argument("--fail-at", type=int, default=0, help="exit 3 at this epoch (tests)")
    a = p.parse_args()

    print(f"training {a.model} for {a.epochs} epochs", flush=True)
    total = a.epochs * a.steps
    for epoch in range(1, a.epochs + 1):
        for s in range(1, a.steps + 1):
            done = (epoch - 1) * a.steps + s
            pct = int(100 * done / total)
            bar = "#" * (pct // 10)
            print(f"{pct:3d}%|{bar:<10}| {done}/{total}", flush=True)
            time.sleep(a.delay)
        if a.fail_at and epoch == a.fail_at:
            print(f"error: diverged at epoch {epoch} (loss is nan)", file=sys.stderr, flush=True)
            return 3
        loss = round(2.0 * math.exp(-0.5 * epoch), 4)
        acc = round(1 - 0.5 * math.exp(-0.6 * epoch), 4)
        if a.format == "json":
            print(json.dumps({"epoch": epoch, "loss": loss, "accuracy": acc}), flush=True)
        else:
            print(f"epoch={epoch} loss={loss} accuracy={acc}", flush=True)
    print(f"done: {a.model}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
