"""Independent float64 PyTorch references for NetSym's functional dimension (docs/functional-dimension.md).

Two jobs, both with Debian's python3-torch 1.13 (float64, OpenBLAS under torch.linalg):

    /usr/bin/python3 bench/fdim_pytorch_baseline.py fixtures [DIR]
        For every PyTorch-exported ONNX fixture in DIR (default tests/NetSym.Tests/Fixtures/onnx):
        evaluate the ONNX graph in torch (its initialisers are the parameters, read with the onnx
        package, not with NetSym), draw Gaussian inputs, compute the Jacobian of all outputs with
        respect to all parameters (torch.autograd.functional.jacobian, vectorize=True) and its rank
        (torch.linalg.matrix_rank, default tolerance σ_max·max(m, n)·ε). The batch starts at
        2·⌈P/m⌉ points and doubles until it has at least 8,192 points and the rank has not risen over
        the last two doublings (ranks keep creeping up while rare linear regions are still empty:
        relu_4_8_6_2 reads 92 at 864 and 1,728 points, 93 from 3,456 on). Prints JSON:
        per fixture P, points and ranks. The numbers are pinned in
        tests/NetSym.Tests/Dimension/FixtureRankTests.cs.

    /usr/bin/python3 bench/fdim_pytorch_baseline.py speed [--points 2000] [--chunk 100]
        The reference workload of bench/README.md: a 784-30-30-30-10 ReLU network with PyTorch's
        default initialisation on 2,000 Gaussian inputs, J of 20,000 × 25,720. Times the Jacobian
        (jacobian(..., vectorize=True) on chunks of inputs: the whole batch at once would vmap
        20,000 backward passes over 2,000 inputs, ~10 GB per intermediate, beyond this machine)
        and torch.linalg.matrix_rank separately. Prints JSON. (Takes about an hour on 2 cores: the
        SVD of a 20,000 × 25,720 matrix.)
"""
import glob
import json
import math
import os
import sys
import time

import numpy
import onnx
import torch
from onnx import numpy_helper

torch.set_default_dtype(torch.float64)
torch.set_num_threads(os.cpu_count())


def onnx_function(path):
    """(parameters, f) with f(params, x) the ONNX graph evaluated in torch float64."""
    model = onnx.load(path)
    graph = model.graph
    names = [t.name for t in graph.initializer]
    params = tuple(torch.tensor(numpy_helper.to_array(t).astype(numpy.float64)) for t in graph.initializer)
    shape = [d.dim_value for d in graph.input[0].type.tensor_type.shape.dim][1:]

    def attributes(node):
        return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}

    def f(ps, x):
        env = dict(zip(names, ps))
        env[graph.input[0].name] = x
        for node in graph.node:
            a = attributes(node)
            i = [env[n] for n in node.input]
            op = node.op_type
            if op == "Gemm":
                A = i[0].t() if a.get("transA", 0) else i[0]
                B = i[1].t() if a.get("transB", 0) else i[1]
                y = a.get("alpha", 1.0) * (A @ B)
                if len(i) > 2:
                    y = y + a.get("beta", 1.0) * i[2]
            elif op == "MatMul":
                y = i[0] @ i[1]
            elif op == "Add":
                y = i[0] + i[1]
            elif op == "Relu":
                y = torch.relu(i[0])
            elif op == "LeakyRelu":
                y = torch.nn.functional.leaky_relu(i[0], a.get("alpha", 0.01))
            elif op == "Tanh":
                y = torch.tanh(i[0])
            elif op == "Sigmoid":
                y = torch.sigmoid(i[0])
            elif op == "Softplus":
                y = torch.nn.functional.softplus(i[0])
            elif op == "Flatten":
                axis = a.get("axis", 1)
                y = i[0].reshape(int(numpy.prod(i[0].shape[:axis])), -1)
            elif op == "Identity":
                y = i[0]
            else:
                raise ValueError(f"{path}: unsupported op {op}")
            env[node.output[0]] = y
        return env[graph.output[0].name]

    return params, f, shape


def jacobian(params, f, x, chunk=100):
    """
    J (N·m × P): d f(params, x).flatten() / d params, every parameter flattened in initialiser order.
    vectorize=True vmaps one backward pass per output row over the whole input batch, so its memory
    grows with (N·m)·N: the inputs go in chunks, whose Jacobians stack.
    """
    def block(xs):
        parts = torch.autograd.functional.jacobian(lambda *ps: f(ps, xs).reshape(-1), params, vectorize=True)
        return torch.cat([b.reshape(b.shape[0], -1) for b in parts], dim=1)
    return torch.cat([block(x[s:s + chunk]) for s in range(0, x.shape[0], chunk)], dim=0)


def fixtures(directory):
    torch.manual_seed(0)
    result = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.onnx"))):
        name = os.path.basename(path)[:-5]
        if name.startswith("unsupported"):
            continue
        params, f, shape = onnx_function(path)
        p = sum(t.numel() for t in params)
        m = f(params, torch.zeros(1, *shape)).numel()
        n = 2 * math.ceil(p / m)
        curve = []
        while True:
            x = torch.randn(n, *shape)
            rank = int(torch.linalg.matrix_rank(jacobian(params, f, x)))
            curve.append({"points": n, "rank": rank})
            if n >= 8192 and len(curve) > 2 and curve[-1]["rank"] == curve[-3]["rank"]:
                break
            n *= 2
        result[name] = {"parameters": p, "outputs": m, "curve": curve, "rank": curve[-1]["rank"]}
    return result


def speed(points, chunk):
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Linear(784, 30), torch.nn.ReLU(),
        torch.nn.Linear(30, 30), torch.nn.ReLU(),
        torch.nn.Linear(30, 30), torch.nn.ReLU(),
        torch.nn.Linear(30, 10))
    params = tuple(p.detach() for p in net.parameters())
    x = torch.randn(points, 784)

    def f(ps, xs):
        h = xs
        for k in range(0, len(ps), 2):
            h = torch.nn.functional.linear(h, ps[k], ps[k + 1])
            if k + 2 < len(ps):
                h = torch.relu(h)
        return h

    c0, t0 = time.process_time(), time.perf_counter()
    j = jacobian(params, f, x, chunk)
    c1, t1 = time.process_time(), time.perf_counter()
    rank = int(torch.linalg.matrix_rank(j))
    c2, t2 = time.process_time(), time.perf_counter()
    return {
        "torch": torch.__version__, "threads": torch.get_num_threads(), "dtype": "float64",
        "workload": f"784-30-30-30-10 relu, {points} gaussian inputs, J {tuple(j.shape)}",
        "jacobian_s": t1 - t0, "matrix_rank_s": t2 - t1, "total_s": t2 - t0,
        "jacobian_cpu_s": c1 - c0, "matrix_rank_cpu_s": c2 - c1, "load_average": os.getloadavg(),
        "rank": rank, "chunk": chunk,
    }


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "fixtures":
        out = fixtures(sys.argv[2] if len(sys.argv) > 2 else "tests/NetSym.Tests/Fixtures/onnx")
    elif len(sys.argv) >= 2 and sys.argv[1] == "speed":
        args = dict(zip(sys.argv[2::2], sys.argv[3::2]))
        out = speed(int(args.get("--points", 2000)), int(args.get("--chunk", 100)))
    else:
        sys.exit(__doc__)
    print(json.dumps(out, indent=1))
