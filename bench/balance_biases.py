"""Rebalance the hidden biases of a NetSym JSON ReLU network in place, as Canales-Martinez et al.'s
generator does (unitarydnn.newRandomBalancedModel): each hidden unit's bias becomes minus the median of
its pre-activation over 10^5 Gaussian inputs (layer by layer, with the biases already rebalanced below),
so that every unit is active on about half of the inputs, none dead or always on.
    python3 bench/balance_biases.py NET.json [SEED]"""
import json, sys
import numpy as np

path = sys.argv[1]
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
net = json.load(open(path))
h = rng.standard_normal((100_000, net["input_size"]))
for layer in net["layers"][:-1]:
    z = h @ np.array(layer["weights"]).T
    bias = -np.median(z, axis=0)
    layer["bias"] = bias.tolist()
    h = np.maximum(z + bias, 0)
json.dump(net, open(path, "w"), indent=2)
