"""PyTorch baseline for ConvolutionalForwardBenchmarks: the CIFAR ResNet-20 of
tests/NetSym.Tests/Fixtures/onnx/make_cnn_fixtures.py (batch normalisation folded into the convolutions,
as NetSym holds it after loading) on 1,000 standard normal 3x32x32 images, in float32 (PyTorch's
default, oneDNN convolutions) and in float64 (NetSym's precision).

Run with Debian's python3-torch (1.13):
    /usr/bin/python3 bench/cnn_pytorch_baseline.py
Prints one JSON object: median seconds per precision.
"""
import copy
import json
import os
import statistics
import time

import torch
from torch import nn

# Give PyTorch every core (it defaults to one here), as NetSym uses every core.
torch.set_num_threads(os.cpu_count())
torch.manual_seed(0)


def conv(cin, cout, kernel, stride):
    return nn.Conv2d(cin, cout, kernel, stride=stride, padding=kernel // 2)


class Block(nn.Module):
    """A basic block with BN folded: conv-ReLU-conv, plus the input or its 1x1 strided projection, ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1, self.conv2 = conv(cin, cout, 3, stride), conv(cout, cout, 3, 1)
        self.shortcut = conv(cin, cout, 1, stride) if stride != 1 else None

    def forward(self, x):
        y = self.conv2(torch.relu(self.conv1(x)))
        return torch.relu(y + (x if self.shortcut is None else self.shortcut(x)))


def resnet20():
    layers, cin = [conv(3, 16, 3, 1), nn.ReLU()], 16
    for width in (16, 32, 64):
        for block in range(3):
            layers.append(Block(cin, width, 2 if width > cin else 1))
            cin = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 10)]
    return nn.Sequential(*layers).eval()


def median_time(fn, repeats, warmup=1):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


if __name__ == "__main__":
    net32 = resnet20()
    net64 = copy.deepcopy(net32).double()
    x = torch.randn(1000, 3, 32, 32)
    with torch.no_grad():
        float32 = median_time(lambda: net32(x), repeats=5)
        float64 = median_time(lambda: net64(x.double()), repeats=3)
    print(json.dumps({
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "resnet20_n1000_float32_s": float32,
        "resnet20_n1000_float64_s": float64,
    }, indent=1))
