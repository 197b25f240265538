#!/usr/bin/python3
"""Train a ReLU MLP on scikit-learn's digits and write it as NetSym JSON, with its inputs as CSV.

Run with Debian's interpreter (python3-torch, python3-sklearn):

    /usr/bin/python3 scripts/train_digits_mlp.py OUTDIR                      # 64-32-32-10, 1,400 images
    /usr/bin/python3 scripts/train_digits_mlp.py OUTDIR --hidden 16 16 --inputs 150

Writes OUTDIR/model.json (NetSym JSON, float32 weights written exactly as doubles) and
OUTDIR/train.csv (the first --inputs training images, pixels divided by 16 so that every value is a
dyadic fraction: exact mode reads them exactly), for `netsym fdim OUTDIR/model.json --inputs
OUTDIR/train.csv`. Seeds are fixed, so a run on the same versions reproduces the same files.
Pixels that are constant on the training images (three of the 64 are always 0) stay in: they are
what the input-subspace deficit cause is about.
"""
import argparse
import json
import os

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir")
    parser.add_argument("--hidden", type=int, nargs="+", default=[32, 32], help="hidden widths (default 32 32)")
    parser.add_argument("--train", type=int, default=1400, help="training images (default 1400)")
    parser.add_argument("--inputs", type=int, default=None, help="images written to train.csv (default: all training images)")
    parser.add_argument("--epochs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(1)  # deterministic reductions

    digits = load_digits()
    x = (digits.data / 16.0).astype(np.float32)
    y = digits.target.astype(np.int64)
    x_train, x_test, y_train, y_test = train_test_split(x, y, train_size=args.train, random_state=args.seed, stratify=y)

    widths = [64] + args.hidden + [10]
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)

    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(args.seed)
    for _ in range(args.epochs):
        order = torch.randperm(len(xt), generator=generator)
        for start in range(0, len(xt), 64):
            batch = order[start:start + 64]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xt[batch]), yt[batch])
            loss.backward()
            optimizer.step()

    with torch.no_grad():
        accuracy = (model(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean()
        train_accuracy = (model(xt).argmax(1).numpy() == y_train).mean()

    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    network = {
        "format": "netsym-network",
        "version": 1,
        "input_size": 64,
        "layers": [
            {
                "activation": "relu" if i < len(linears) - 1 else "identity",
                "weights": [[float(v) for v in row] for row in m.weight.detach().numpy()],
                "bias": [float(v) for v in m.bias.detach().numpy()],
            }
            for i, m in enumerate(linears)
        ],
    }
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, "model.json"), "w") as f:
        json.dump(network, f)
        f.write("\n")
    count = len(x_train) if args.inputs is None else args.inputs
    with open(os.path.join(args.outdir, "train.csv"), "w") as f:
        for row in x_train[:count]:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    constant = int((x_train[:count].std(axis=0) == 0).sum())
    print(f"{'-'.join(map(str, widths))} ReLU, {sum(p.numel() for p in model.parameters())} parameters, "
          f"seed {args.seed}: train accuracy {train_accuracy:.4f}, test accuracy {accuracy:.4f} on {len(x_test)} images; "
          f"{count} inputs written, {constant} pixels constant on them")


if __name__ == "__main__":
    main()
