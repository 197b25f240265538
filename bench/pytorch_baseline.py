"""PyTorch baselines for bench/README.md, on the same workloads as NetSym's benchmarks.

Run with Debian's python3-torch (1.13, float64, OpenBLAS through libblas.so.3):
    /usr/bin/python3 bench/pytorch_baseline.py
Prints one JSON object: median seconds per workload.
"""
import json
import os
import statistics
import time

import torch
from functorch import jacrev, make_functional, vmap

torch.set_default_dtype(torch.float64)
# Give PyTorch every core (it defaults to one here); OpenBLAS, under nn.Linear, uses both anyway.
torch.set_num_threads(os.cpu_count())
torch.manual_seed(0)


def median_time(fn, repeats, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def mlp():
    return torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 10))


def forward_784():
    net = mlp()
    x = torch.randn(10_000, 784)
    with torch.no_grad():
        return median_time(lambda: net(x), repeats=20)


def jacobian_784():
    net = mlp()
    fnet, params = make_functional(net)
    x = torch.randn(100, 784)

    def one(p, xi):
        return fnet(p, xi.unsqueeze(0)).squeeze(0)

    jac = vmap(jacrev(one), in_dims=(None, 0))
    return median_time(lambda: jac(params, x), repeats=8, warmup=1)


if __name__ == "__main__":
    result = {
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "dtype": "float64",
        "forward_784_256_256_10_n10000_s": forward_784(),
        "jacobian_784_256_256_10_n100_s": jacobian_784(),
    }
    print(json.dumps(result, indent=1))
