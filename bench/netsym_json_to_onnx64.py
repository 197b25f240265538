#!/usr/bin/python3
"""Writes a NetSym JSON MLP (ReLU or identity layers) as a float64 ONNX model, for `netsym extract --oracle`.

NetSym's own ONNX writer stores float32, as PyTorch exports do; a float32 model answers in 24 bits, which the
one-layer extractor refuses (docs/extraction.md). This keeps every bit of the JSON: input "input" and output
"output", both float64 [batch, n], a Gemm(transB = 1) per layer and Relu where the layer has one.

Usage: netsym_json_to_onnx64.py MODEL.json OUT.onnx
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def convert(model_path, out_path):
    with open(model_path) as f:
        model = json.load(f)
    if model.get("format") != "netsym-network":
        sys.exit(f"{model_path}: not a NetSym JSON network")
    nodes, initializers = [], []
    current = "input"
    layers = model["layers"]
    for l, layer in enumerate(layers):
        if layer["activation"] not in ("relu", "identity") or "sources" in layer or "mask" in layer or "kind" in layer:
            sys.exit(f"{model_path}: layer {l} is not a dense relu or identity layer")
        w = np.array(layer["weights"], dtype=np.float64)
        b = np.array(layer["bias"], dtype=np.float64)
        initializers += [numpy_helper.from_array(w, f"layers.{l}.weight"), numpy_helper.from_array(b, f"layers.{l}.bias")]
        last = l == len(layers) - 1
        gemm = "output" if last and layer["activation"] == "identity" else f"layers.{l}.gemm"
        nodes.append(helper.make_node("Gemm", [current, f"layers.{l}.weight", f"layers.{l}.bias"], [gemm], transB=1))
        current = gemm
        if layer["activation"] == "relu":
            relu = "output" if last else f"layers.{l}.relu"
            nodes.append(helper.make_node("Relu", [current], [relu]))
            current = relu
    inputs = [helper.make_tensor_value_info("input", TensorProto.DOUBLE, ["batch", model["input_size"]])]
    outputs = [helper.make_tensor_value_info("output", TensorProto.DOUBLE, ["batch", len(layers[-1]["bias"])])]
    graph = helper.make_graph(nodes, "netsym-float64", inputs, outputs, initializers)
    onnx_model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="netsym_json_to_onnx64")
    onnx_model.ir_version = 8
    onnx.checker.check_model(onnx_model)
    onnx.save(onnx_model, out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    convert(sys.argv[1], sys.argv[2])
