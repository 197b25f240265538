"""A permuted and rescaled copy of the torchvision resnet18 that make_cnn_fixtures.py --large writes, for
bench/run-cnn-targets.sh: in every basic block the channels between conv1 and conv2 are permuted and scaled
by powers of two (exact in float32, so the copy computes the float32 function of the original exactly),
through conv1's weights and bn1's affine parameters and running statistics, the inverse on conv2's input
channels.

    /usr/bin/python3 bench/resnet18_permuted_copy.py DIR   (reads and writes DIR)
"""
import os
import sys

import torch
import torchvision

directory = sys.argv[1]
torch.manual_seed(0)  # as make_cnn_fixtures.py builds it
model = torchvision.models.resnet18(weights=None).eval()
g = torch.Generator().manual_seed(5)
x = torch.randn(2, 3, 224, 224, generator=g)
with torch.no_grad():
    before = model(x)
    for stage in (model.layer1, model.layer2, model.layer3, model.layer4):
        for block in stage:
            n = block.conv1.out_channels
            p = torch.randperm(n, generator=g)
            lam = 2.0 ** torch.randint(-1, 2, (n,), generator=g).float()
            block.conv1.weight.copy_(block.conv1.weight[p])
            bn = block.bn1
            # BN(z)·λ for λ > 0: γ and β scale, the statistics only move with the channel.
            bn.weight.copy_(bn.weight[p] * lam)
            bn.bias.copy_(bn.bias[p] * lam)
            bn.running_mean.copy_(bn.running_mean[p])
            bn.running_var.copy_(bn.running_var[p])
            block.conv2.weight.copy_(block.conv2.weight[:, p] / lam.view(1, n, 1, 1))
    after = model(x)
print(f"max |before - after| = {(before - after).abs().max().item():.3g} (max |output| {before.abs().max().item():.3g})")
torch.onnx.export(model, x, os.path.join(directory, "torchvision_resnet18_permuted.onnx"), opset_version=13,
                  input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
