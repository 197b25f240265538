#!/usr/bin/python3
"""Makes the convolutional and residual fixtures in cnn/ beside this script (cnn/README.md lists them with
their ops and hand-derived permutation specs). Each model is built with a fixed seed, put in eval mode,
its BatchNorm layers given random running statistics and affine parameters (so that folding them is
actually tested: PyTorch's defaults would make BN the identity), and exported by torch.onnx.export with
a dynamic batch axis. NAME.expected.json beside each model holds the layout of the other fixtures here
("inputs" flattened row-major, "input_shape" without the batch axis, "outputs") where the inputs are
dyadic (multiples of 1/64, so exact in float32) and "outputs" are computed by PyTorch in float64 on the
model's float32 parameters widened exactly (where the exporter folds BN into Conv it rounds the folded
weights to float32: about 1e-7 relative); "outputs_float32" are PyTorch's float32 outputs. Each fixture's
permutation spec (cnn/README.md, encoded below as Group lists) is checked on the model in float64.

  /usr/bin/python3 make_cnn_fixtures.py                 writes the committed fixtures into cnn/
  /usr/bin/python3 make_cnn_fixtures.py --large OUTDIR  writes torchvision resnet18 and vgg11 (random
                                                        weights) and the CIFAR ResNet-20 into OUTDIR
  /usr/bin/python3 make_cnn_fixtures.py --describe F.onnx ...  prints each file's nodes and parameter count

Run with Debian's python3-torch, python3-torchvision and python3-onnx (torch 1.13, torchvision 0.14,
onnx 1.12). Debian has no python3-onnxruntime; the outputs were checked in ONNX Runtime from C#.
"""
import argparse
import copy
import json
import os

import onnx
import torch
import torch.nn as nn
from torch.onnx import TrainingMode

HERE = os.path.dirname(os.path.abspath(__file__))
CNN_DIR = os.path.join(HERE, "cnn")
ONNX_DIR = HERE
INPUTS = 16
RESNET20_COMMIT_LIMIT = 1_200_000  # bytes: the ResNet-20 is committed only while its export stays this small


def randomise_batchnorm(model, generator):
    """Non-trivial running statistics and affine parameters (a quarter of the scales negative)."""
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            n = m.num_features
            with torch.no_grad():
                sign = torch.where(torch.rand(n, generator=generator) < 0.25, -1.0, 1.0)
                m.weight.copy_(sign * (0.5 + torch.rand(n, generator=generator)))
                m.bias.copy_(0.2 * torch.randn(n, generator=generator))
                m.running_mean.copy_(0.2 * torch.randn(n, generator=generator))
                m.running_var.copy_(0.5 + 1.5 * torch.rand(n, generator=generator))


def dyadic_inputs(count, shape, generator):
    """Normal draws rounded to multiples of 1/64: exact in float32, so the widened float64 input is the same."""
    return torch.round(torch.randn(count, *shape, generator=generator) * 64) / 64


# ---------------------------------------------------------------- the models

def vgg_relu():
    """VGG-style: two conv blocks with 3x3 padded convs, ReLU, 2x2 max-pool, then a dense head."""
    return nn.Sequential(
        nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
        nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(8, 12, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(12 * 4 * 4, 16), nn.ReLU(),
        nn.Linear(16, 10))


class BasicBlock(nn.Module):
    """torchvision's BasicBlock: conv3x3-BN-ReLU-conv3x3-BN, plus the input (or its 1x1 stride-s projection + BN), ReLU."""

    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.shortcut is None else self.shortcut(x)))


class ResNet(nn.Module):
    """Stem conv3x3-BN-ReLU, BasicBlocks given as (out channels, stride) (a block that changes the shape has
    a projection shortcut), global average pooling (AdaptiveAvgPool2d(1): GlobalAveragePool), Linear."""

    def __init__(self, stem, blocks, classes):
        super().__init__()
        self.conv1 = nn.Conv2d(3, stem, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(stem)
        layers, cin = [], stem
        for cout, stride in blocks:
            layers.append(BasicBlock(cin, cout, stride))
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, classes)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = self.layers(x)
        return self.fc(torch.flatten(self.pool(x), 1))


SMALL_RESNET_BLOCKS = [(8, 1), (16, 2), (16, 1)]
RESNET20_BLOCKS = [(w, 2 if (w > 16 and b == 0) else 1) for w in (16, 32, 64) for b in range(3)]


def resnet_small():
    """8 -> 8 (identity shortcut) -> 16 (stride 2, projection shortcut) -> 16 (identity shortcut)."""
    return ResNet(8, SMALL_RESNET_BLOCKS, 10)


def resnet20():
    """He et al.'s CIFAR ResNet-20 (3 stages of 3 BasicBlocks, 16/32/64 channels) with option-B
    (1x1 conv + BN projection) shortcuts where the shape changes."""
    return ResNet(16, RESNET20_BLOCKS, 10)


def cnn1d_tanh():
    """1-d tanh CNN: a strided conv then average pooling (sign flips commute), a dilated conv then max
    pooling (sign flips do not), a dense tanh layer."""
    return nn.Sequential(
        nn.Conv1d(2, 6, 5, stride=2, padding=2), nn.Tanh(),
        nn.AvgPool1d(2),
        nn.Conv1d(6, 8, 3, padding=2, dilation=2), nn.Tanh(),
        nn.MaxPool1d(2),
        nn.Flatten(),
        nn.Linear(8 * 4, 8), nn.Tanh(),
        nn.Linear(8, 3))


def bn_relu():
    """Conv-BN-ReLU-maxpool, Conv(no bias)-BN-ReLU-avgpool, Linear-BN1d-ReLU, Linear."""
    return nn.Sequential(
        nn.Conv2d(3, 6, 3, padding=1), nn.BatchNorm2d(6), nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
        nn.AvgPool2d(2),
        nn.Flatten(),
        nn.Linear(8 * 3 * 3, 12), nn.BatchNorm1d(12), nn.ReLU(),
        nn.Linear(12, 4))


def bn_mlp():
    """Linear-BN1d-ReLU-Linear-BN1d-Tanh-Linear: an MLP whose BatchNorm1d the exporter keeps (it never fuses a
    BN after a Gemm), so NetSym must fold it; written to onnx/ beside the MLP fixtures."""
    return nn.Sequential(
        nn.Linear(6, 10), nn.BatchNorm1d(10), nn.ReLU(),
        nn.Linear(10, 8), nn.BatchNorm1d(8), nn.Tanh(),
        nn.Linear(8, 3))


class GroupedRelu(nn.Module):
    """A grouped strided dilated conv, a depthwise conv with per-axis padding and dilation, a pointwise
    conv, global average pooling as x.mean(dim=(2, 3)) (exported as ReduceMean), Linear."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(4, 8, 3, stride=2, padding=2, dilation=2, groups=2)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=(1, 2), dilation=(1, 2), groups=8)
        self.conv3 = nn.Conv2d(8, 6, 1)
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = torch.relu(self.conv2(x))
        x = torch.relu(self.conv3(x))
        return self.fc(x.mean(dim=(2, 3)))



# ---------------------------------------------------------------- permutation specs (cnn/README.md), checked

class Group:
    """One output-channel group of cnn/README.md's spec. producers: (weight module, BN after it or None),
    whose output channels are permuted and scaled together (tied by residual adds); consumers: (module,
    block, kind) reading the group's channels: kind "in" for input channels of a conv/linear (block > 1
    where a Flatten makes each channel `block` consecutive features), "depthwise" for a groups=C conv whose
    row j reads channel j (it takes the permutation and 1/scale on its rows), "perm" for columns that only
    follow a tied permutation. perm: "S" (any permutation), a list of blocks (permutations within each),
    or "tied" (the permutation is another group's, so none of its own). scale: "positive" or "none";
    sign: whether sign flips are symmetries."""

    def __init__(self, name, producers, consumers, perm="S", scale="positive", sign=False):
        self.name, self.producers, self.consumers = name, producers, consumers
        self.perm, self.scale, self.sign = perm, scale, sign


def apply_group(model, group, pi, lam, producers=None):
    """New channel j = lam[j] * old channel pi[j] on the producers; consumers compensate."""
    with torch.no_grad():
        for conv, bn in producers if producers is not None else group.producers:
            m = model.get_submodule(conv)
            m.weight.copy_(m.weight[pi])
            if m.bias is not None:
                m.bias.copy_(m.bias[pi])
            if bn is None:
                m.weight.mul_(lam.view(-1, *[1] * (m.weight.dim() - 1)))
                if m.bias is not None:
                    m.bias.mul_(lam)
            else:
                b = model.get_submodule(bn)
                for t in (b.weight, b.bias, b.running_mean, b.running_var):
                    t.copy_(t[pi])
                b.weight.mul_(lam)
                b.bias.mul_(lam)
        for name, block, kind in group.consumers:
            m = model.get_submodule(name)
            if kind == "depthwise":
                m.weight.copy_(m.weight[pi] / lam.view(-1, *[1] * (m.weight.dim() - 1)))
                m.bias.copy_(m.bias[pi])
                continue
            cols = (pi.view(-1, 1) * block + torch.arange(block)).reshape(-1)
            w = m.weight[:, cols]
            if kind == "in":
                w = w / lam.repeat_interleave(block).view(1, -1, *[1] * (m.weight.dim() - 2))
            m.weight.copy_(w)


def random_element(group, n, g):
    if group.perm == "S":
        pi = torch.randperm(n, generator=g)
    elif group.perm == "tied":
        pi = torch.arange(n)
    else:
        pi = torch.cat([torch.tensor(b)[torch.randperm(len(b), generator=g)] for b in group.perm])
    lam = torch.ones(n, dtype=torch.float64)
    if group.scale == "positive":
        lam = torch.exp(torch.randn(n, generator=g, dtype=torch.float64))
    if group.sign:
        lam = lam * torch.where(torch.rand(n, generator=g) < 0.5, -1.0, 1.0).double()
    return pi, lam


def check_spec(model, x, groups, seed):
    """Random elements of the spec's group leave the float64 outputs unchanged (relative 1e-10); each
    thing the spec rules out (a sign flip where none is allowed, a rescaling of a tanh channel, one
    of several tied producers alone, a swap across conv groups, an untied permutation) changes them."""
    base = copy.deepcopy(model).double()
    x = x.double()
    with torch.no_grad():
        y = base(x)
    g = torch.Generator().manual_seed(seed)

    def changed(transform):
        m = copy.deepcopy(base)
        transform(m)
        with torch.no_grad():
            return ((m(x) - y).abs().max() / y.abs().max()).item()

    def sizes(group):
        return base.get_submodule(group.producers[0][0]).weight.shape[0]

    for _ in range(3):
        def whole(m):
            for group in groups:
                pi, lam = random_element(group, sizes(group), g)
                apply_group(m, group, pi, lam)
        assert changed(whole) < 1e-10, "a random element of the spec's group changed the outputs"
    ruled_out = []
    for group in groups:
        n = sizes(group)
        ident, ones = torch.arange(n), torch.ones(n, dtype=torch.float64)
        if not group.sign:
            flip = ones.clone()
            flip[0] = -1
            ruled_out.append((f"{group.name}: sign flip", lambda m, gr=group, i=ident, f=flip: apply_group(m, gr, i, f)))
        if group.scale == "none":
            two = ones.clone()
            two[0] = 2
            ruled_out.append((f"{group.name}: rescaling", lambda m, gr=group, i=ident, t=two: apply_group(m, gr, i, t)))
        if len(group.producers) > 1:
            pi, lam = random_element(group, n, g)
            ruled_out.append((f"{group.name}: first producer alone",
                              lambda m, gr=group, p=pi, lm=lam: apply_group(m, gr, p, lm, gr.producers[:1])))
        if isinstance(group.perm, list):
            swap = ident.clone()
            swap[0], swap[-1] = n - 1, 0
            ruled_out.append((f"{group.name}: swap across conv groups", lambda m, gr=group, s=swap, o=ones: apply_group(m, gr, s, o)))
        if group.perm == "tied":
            swap = ident.clone()
            swap[0], swap[1] = 1, 0
            ruled_out.append((f"{group.name}: own permutation", lambda m, gr=group, s=swap, o=ones: apply_group(m, gr, s, o)))
    for what, transform in ruled_out:
        assert changed(transform) > 1e-6, f"{what} left the outputs unchanged"
    return len(ruled_out)


VGG_SPEC = [
    Group("P1", [("0", None)], [("2", 1, "in")]),
    Group("P2", [("2", None)], [("5", 1, "in")]),
    Group("P3", [("5", None)], [("9", 16, "in")]),
    Group("P4", [("9", None)], [("11", 1, "in")]),
]


def resnet_spec(stem, blocks):
    """The spec of ResNet(stem, blocks): one group per residual stream (the stem or the first block of a
    stage with a projection, and every conv2 adding into that stream) and one per block's conv1."""
    streams, free, width = [], [], stem
    current = Group("stream0", [("conv1", "bn1")], [])
    streams.append(current)
    for i, (cout, stride) in enumerate(blocks):
        b = f"layers.{i}"
        current.consumers.append((f"{b}.conv1", 1, "in"))
        free.append(Group(f"{b}.conv1", [(f"{b}.conv1", f"{b}.bn1")], [(f"{b}.conv2", 1, "in")]))
        if stride != 1 or cout != width:
            current.consumers.append((f"{b}.shortcut.0", 1, "in"))
            current = Group(f"stream{len(streams)}", [(f"{b}.shortcut.0", f"{b}.shortcut.1")], [])
            streams.append(current)
        current.producers.append((f"{b}.conv2", f"{b}.bn2"))
        width = cout
    current.consumers.append(("fc", 1, "in"))
    return streams + free


CNN1D_SPEC = [
    Group("P1", [("0", None)], [("3", 1, "in")], scale="none", sign=True),
    Group("P2", [("3", None)], [("7", 4, "in")], scale="none", sign=False),
    Group("P3", [("7", None)], [("9", 1, "in")], scale="none", sign=True),
]

BN_SPEC = [
    Group("P1", [("0", "1")], [("4", 1, "in")]),
    Group("P2", [("4", "5")], [("9", 9, "in")]),
    Group("P3", [("9", "10")], [("12", 1, "in")]),
]

GROUPED_SPEC = [
    Group("P1", [("conv1", None)], [("conv2", 1, "depthwise"), ("conv3", 1, "perm")], perm=[[0, 1, 2, 3], [4, 5, 6, 7]]),
    Group("P2", [("conv2", None)], [("conv3", 1, "in")], perm="tied"),
    Group("P3", [("conv3", None)], [("fc", 1, "in")]),
]


# ---------------------------------------------------------------- export and expected outputs

def parameter_count(model):
    """Trainable parameters (BN's running statistics are buffers, not counted, as PyTorch counts)."""
    return sum(p.numel() for p in model.parameters())


def export(model, x, path, opset, keep_batchnorm=False, training=False):
    """torch.onnx.export with a dynamic batch axis. BN is kept only outside TrainingMode.EVAL: in EVAL
    mode the exporter fuses Conv+BN whatever do_constant_folding says."""
    if training:
        kwargs = dict(training=TrainingMode.TRAINING, do_constant_folding=False)
    elif keep_batchnorm:
        kwargs = dict(training=TrainingMode.PRESERVE, do_constant_folding=False)
    else:
        kwargs = {}
    torch.onnx.export(model, x[:2], path, opset_version=opset, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, **kwargs)
    onnx.checker.check_model(onnx.load(path))


def how_exported(opset, keep_batchnorm):
    how = f"torch {torch.__version__} torch.onnx.export opset {opset}"
    if keep_batchnorm:
        how += " (training=TrainingMode.PRESERVE, do_constant_folding=False: BatchNormalization kept)"
    return how


def write_expected(path, model_file, how, x, y64, y32):
    """The other fixtures' layout, one row per line to keep the files small."""
    def rows(t):
        return "[\n" + ",\n".join("  " + json.dumps(r) for r in t.reshape(t.shape[0], -1).tolist()) + "\n ]"
    fields = [
        ("model", json.dumps(model_file)),
        ("exported_by", json.dumps(how)),
        ("outputs_computed_by", json.dumps("PyTorch in float64 on the exported float32 weights; "
                                           "outputs_float32 by PyTorch in float32")),
        ("input_shape", json.dumps(list(x.shape[1:]))),
        ("inputs", rows(x)),
        ("outputs", rows(y64)),
        ("outputs_float32", rows(y32)),
    ]
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(f" {json.dumps(k)}: {v}" for k, v in fields) + "\n}\n")


def make(stem, build, input_shape, opset, seed, outdir, count=INPUTS, variants=None, default_batchnorm=False, spec=None):
    """Builds the model with `seed`, exports it (once per variant: (suffix, opset, keep_batchnorm)) and
    writes the expected outputs beside each file. With default_batchnorm BN keeps PyTorch's initialisation;
    spec (a list of Group) is checked on the model."""
    torch.manual_seed(seed)
    model = build().eval()
    if not default_batchnorm:
        randomise_batchnorm(model, torch.Generator().manual_seed(seed + 1))
    x = dyadic_inputs(count, input_shape, torch.Generator().manual_seed(seed + 2))
    with torch.no_grad():
        y32 = model(x)
        y64 = copy.deepcopy(model).double()(x.double())
    written = []
    for suffix, op, keep in variants or [("", opset, False)]:
        name = f"{stem}{suffix}_opset{op}"
        onnx_path = os.path.join(outdir, name + ".onnx")
        export(model, x, onnx_path, op, keep_batchnorm=keep)
        write_expected(os.path.join(outdir, name + ".expected.json"), name + ".onnx", how_exported(op, keep), x, y64, y32)
        written.append(onnx_path)
    checked = f", spec checked ({check_spec(model, x, spec, seed + 3)} ruled-out transforms change the outputs)" if spec else ""
    print(f"{stem}: {parameter_count(model)} parameters, max |float32 - float64| = {(y32.double() - y64).abs().max():.2e}{checked}")
    return written


def make_training_mode(outdir):
    """BN exported in training mode (training_mode=1, the batch statistics): a file NetSym must reject."""
    torch.manual_seed(290)
    model = bn_relu().train()
    path = os.path.join(outdir, "bn_relu_training_mode_opset17.onnx")
    export(model, torch.randn(4, 3, 12, 12), path, 17, training=True)
    return [path]


def make_mlp_training_mode(outdir):
    """The MLP's BN exported in training mode: NetSym must refuse it (a file without expected outputs)."""
    torch.manual_seed(280)
    model = bn_mlp().train()
    path = os.path.join(outdir, "bn_mlp_training_mode_opset17.onnx")
    export(model, torch.randn(4, 6), path, 17, training=True)
    return [path]


def make_resnet20(outdir, count):
    return make("resnet20_cifar_3x32x32", resnet20, (3, 32, 32), 13, 260, outdir, count=count,
                spec=resnet_spec(16, RESNET20_BLOCKS))


def make_committed():
    os.makedirs(CNN_DIR, exist_ok=True)
    written = []
    written += make("vgg_relu_3x16x16", vgg_relu, (3, 16, 16), 11, 210, CNN_DIR, spec=VGG_SPEC)
    written += make("resnet_relu_3x16x16", resnet_small, (3, 16, 16), 13, 220, CNN_DIR, spec=resnet_spec(8, SMALL_RESNET_BLOCKS))
    # BN at PyTorch's initialisation folds to all-zero Conv biases, which the exporter stores once per
    # shape and aliases through Identity nodes (as it does in torchvision's resnet18 and vgg11).
    written += make("resnet_relu_defaultbn_3x16x16", resnet_small, (3, 16, 16), 13, 220, CNN_DIR, default_batchnorm=True,
                    spec=resnet_spec(8, SMALL_RESNET_BLOCKS))
    written += make("cnn1d_tanh_2x32", cnn1d_tanh, (2, 32), 17, 230, CNN_DIR, spec=CNN1D_SPEC)
    written += make("bn_relu_3x12x12", bn_relu, (3, 12, 12), None, 240, CNN_DIR,
                    variants=[("_kept", 11, True), ("_kept", 17, True), ("_folded", 13, False), ("_folded", 17, False)], spec=BN_SPEC)
    written += make("grouped_relu_4x13x13", GroupedRelu, (4, 13, 13), 17, 250, CNN_DIR, spec=GROUPED_SPEC)
    written += make_training_mode(CNN_DIR)
    written += make("bn_mlp_relu_tanh_6_10_8_3", bn_mlp, (6,), None, 270, ONNX_DIR, variants=[("", 11, False), ("", 17, False)])
    written += make_mlp_training_mode(ONNX_DIR)
    resnet20_files = make_resnet20(CNN_DIR, 4)
    if os.path.getsize(resnet20_files[0]) > RESNET20_COMMIT_LIMIT:
        for f in resnet20_files:
            os.remove(f)
            os.remove(f[:-len(".onnx")] + ".expected.json")
        print(f"resnet20 over {RESNET20_COMMIT_LIMIT} bytes: not kept in cnn/ (use --large)")
    else:
        written += resnet20_files
    return written


def make_large(outdir, count):
    """torchvision's resnet18 and vgg11 (random weights, torch.manual_seed(0), BN left at torchvision's
    initialisation) and the CIFAR ResNet-20: too big to commit."""
    import torchvision
    os.makedirs(outdir, exist_ok=True)
    written = []
    for name, build in (("resnet18", torchvision.models.resnet18), ("vgg11", torchvision.models.vgg11)):
        torch.manual_seed(0)
        model = build(weights=None).eval()
        x = dyadic_inputs(count, (3, 224, 224), torch.Generator().manual_seed(1))
        with torch.no_grad():
            y32 = model(x)
            y64 = copy.deepcopy(model).double()(x.double())
        stem = f"torchvision_{name}_3x224x224_opset13"
        path = os.path.join(outdir, stem + ".onnx")
        export(model, x, path, 13)
        write_expected(os.path.join(outdir, stem + ".expected.json"), stem + ".onnx",
                       how_exported(13, False) + f", torchvision {torchvision.__version__} {name}(weights=None) after torch.manual_seed(0)",
                       x, y64, y32)
        print(f"{name}: {parameter_count(model)} parameters, max |float32 - float64| = {(y32.double() - y64).abs().max():.2e}")
        written.append(path)
    written += make_resnet20(outdir, count)
    return written


def describe(path):
    """Op types with their attributes (each distinct combination once), the initializer count and size."""
    model = onnx.load(path)
    g = model.graph
    seen = {}
    for n in g.node:
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
        attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in attrs.items()
                 if k not in ("value",)}
        key = n.op_type + " " + json.dumps(attrs, sort_keys=True)
        seen[key] = seen.get(key, 0) + 1
    weights = sum(int(torch.tensor(list(i.dims)).prod()) if i.dims else 1 for i in g.initializer)
    opset = [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")][0]
    print(f"{os.path.basename(path)}: opset {opset}, {os.path.getsize(path)} bytes, {len(g.node)} nodes, "
          f"{weights} initializer values")
    for key, k in seen.items():
        print(f"  {k} x {key}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--large", metavar="OUTDIR", help="write resnet18, vgg11 and ResNet-20 into OUTDIR instead")
    parser.add_argument("--large-inputs", type=int, default=INPUTS, help="inputs in each large expected.json")
    parser.add_argument("--describe", nargs="+", metavar="ONNX", help="only print the nodes of these files")
    args = parser.parse_args()
    if args.describe:
        for f in args.describe:
            describe(f)
        return
    written = make_large(args.large, args.large_inputs) if args.large else make_committed()
    for f in written:
        describe(f)


if __name__ == "__main__":
    main()
