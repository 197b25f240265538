#!/usr/bin/python3
# Makes the activation fixtures *_3_5_4_2_opset{13,17}.onnx beside this script: for each activation, a
# 3-5-4-2 nn.Sequential MLP with PyTorch's default initialisation (seeded), exported by
# torch.onnx.export at opsets 13 and 17 with a dynamic batch axis, and NAME.expected.json holding 16
# float32 inputs and PyTorch's float32 outputs for them (the layout of the other fixtures here).
# Run with Debian's python3-torch and python3-onnx (torch 1.13, onnx 1.12): /usr/bin/python3 make_activation_fixtures.py
import json
import torch
import torch.nn as nn

ACTIVATIONS = {
    "elu": nn.ELU, "selu": nn.SELU, "hardsigmoid": nn.Hardsigmoid, "softsign": nn.Softsign,
    "sin": None, "cos": None, "exp": None, "gelu": nn.GELU, "silu": nn.SiLU,
}


class Elementwise(nn.Module):
    """torch.sin, torch.cos, torch.exp as a module (torch has no nn.Sin)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return self.f(x)


def make(name, opset, seed):
    torch.manual_seed(seed)
    act = ACTIVATIONS[name]
    layer = (lambda: act()) if act is not None else (lambda: Elementwise(getattr(torch, name)))
    model = nn.Sequential(nn.Linear(3, 5), layer(), nn.Linear(5, 4), layer(), nn.Linear(4, 2)).eval()
    x = torch.randn(16, 3) * 1.5
    with torch.no_grad():
        y = model(x)
    stem = f"{name}_3_5_4_2_opset{opset}"
    torch.onnx.export(model, x, f"{stem}.onnx", opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    with open(f"{stem}.expected.json", "w") as f:
        json.dump({"model": f"{stem}.onnx", "exported_by": f"torch {torch.__version__} torch.onnx.export opset {opset}",
                   "inputs": x.tolist(), "outputs": y.tolist()}, f, indent=1)


for seed, name in enumerate(ACTIVATIONS):
    for opset in (13, 17):
        make(name, opset, 100 + seed)
