using CsCheck;
using NetSym.Reduction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using NetSym.Tests.Networks;

namespace NetSym.Tests.Reduction;

public class ReducerTests
{
    public static TheoryData<string> Specs() => TestNetworks.AllActivationSpecs();

    /// <summary>Piecewise-linear activations that are not globally affine: the ones a box can make constant or affine.</summary>
    public static TheoryData<string> KinkedSpecs() => ["relu", "leaky_relu(0.01)", "leaky_relu(0.1)", "hardtanh", "relu6", "abs"];

    private enum PlantKind { ZeroOutgoing, ZeroIncoming, Twin }

    private sealed record Expected(int Layer, int Neuron, ReductionRule Rule, int? MergedInto);

    [Theory]
    [MemberData(nameof(Specs))]
    public void A_generic_network_is_unchanged_without_a_box(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        foreach (var network in new[] { TestNetworks.Dense("5-12-9-3", activation, 1), TestNetworks.SkipMasked(activation, 2) })
        {
            var result = Reducer.Reduce(network);
            Assert.Empty(result.Steps);
            Assert.Equal(network.Architecture, result.Network.Architecture);
            Assert.Equal(network.GetParameters(), result.Network.GetParameters());
            Assert.Equal("unchanged: no redundant neuron found", result.Guarantee);
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Planted_zero_and_twin_neurons_are_found_exactly(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var r = RandomKey.FromSeed(seed).Stream();
            var network = DyadicBiases(r.NextInt32(3) == 0 ? TestNetworks.SkipMasked(activation, seed) : RandomDense(r, activation));
            int[] baseWidths = Widths(network);
            var expected = new List<Expected>();
            // Layer by layer: a neuron planted later in an earlier layer would get weights into the rows planted here.
            foreach (int l in Enumerable.Range(0, (r.NextInt32(5) + 2)).Select(_ => r.NextInt32(network.Layers.Count - 1)).Order())
            {
                int template = r.NextInt32(baseWidths[l]), neuron = network.Layers[l].OutputSize;
                var kind = (PlantKind)r.NextInt32(3);
                network = kind switch
                {
                    PlantKind.ZeroOutgoing => Plant(network, l, template, RandomRow(network, l, template, r), Gaussian(r), (_, _) => 0),
                    PlantKind.ZeroIncoming => Plant(network, l, template, new double[network.Layers[l].InputSize], Gaussian(r), (_, _) => Gaussian(r)),
                    _ => PlantTwin(network, l, template, r),
                };
                expected.Add(new Expected(l, neuron, kind switch
                {
                    PlantKind.ZeroOutgoing => ReductionRule.ZeroOutgoing,
                    PlantKind.ZeroIncoming => ReductionRule.ZeroIncoming,
                    _ => ReductionRule.Twin,
                }, kind == PlantKind.Twin ? template : null));
            }

            var result = Reducer.Reduce(network);
            Assert.Equal(baseWidths, Widths(result.Network));
            AssertSteps(expected, result);
            Assert.False(result.HoldsOnDomainOnly);
            AssertSameFunction(network, result.Network, TestNetworks.GaussianInputs(60, network.InputSize, seed));
            AssertIdempotent(result);
        }, iter: 12, threads: 1);
    }

    [Theory]
    [MemberData(nameof(KinkedSpecs))]
    public void Planted_neurons_constant_or_affine_on_a_box_are_found_exactly(string spec)
    {
        var activation = ActivationCatalog.Parse(spec);
        var pieces = activation.Pieces!;
        Gen.Int[0, 1_000_000].Sample(seed =>
        {
            var r = RandomKey.FromSeed(seed).Stream();
            var (network, box) = UncertifiableOnABox(r, activation);
            int[] baseWidths = Widths(network);
            var layers = Enumerable.Range(0, network.Layers.Count - 1).Where(l => ConsumersReadNoSourceOf(network, l)).ToArray();
            var expected = new List<Expected>();
            // Layer by layer, so that each planted neuron's bounds already see the ones planted before it.
            foreach (int l in Enumerable.Range(0, (r.NextInt32(4) + 2)).Select(_ => layers[r.NextInt32(layers.Length)]).Order())
            {
                int piece = r.NextInt32(pieces.Slopes.Count), neuron = network.Layers[l].OutputSize;
                network = PlantInPiece(network, box, l, r.NextInt32(baseWidths[l]), piece, r);
                expected.Add(new Expected(l, neuron, pieces.Slopes[piece] == 0 ? ReductionRule.ConstantOnDomain : ReductionRule.AffineOnDomain, null));
            }

            var result = Reducer.Reduce(network, box);
            Assert.Equal(baseWidths, Widths(result.Network));
            AssertSteps(expected, result);
            Assert.True(result.HoldsOnDomainOnly);
            Assert.Contains($"on the domain {box} only", result.Guarantee);
            AssertSameFunction(network, result.Network, IntervalBoundsTests.PointsInside(box, r, 80));
            AssertIdempotent(result);
        }, iter: 12, threads: 1);
    }

    [Fact]
    public void Bad_tolerances_and_domains_are_rejected()
    {
        var network = TestNetworks.Dense("3-4-1", new ReluActivation(), 1);
        foreach (double tolerance in new[] { -1e-9, double.NaN, double.PositiveInfinity })
            Assert.Throws<ArgumentException>(() => Reducer.Reduce(network, null, tolerance));
        Assert.Throws<ArgumentException>(() => Reducer.Reduce(network, Box.Uniform(2, -1, 1)));
    }

    [Fact]
    public void Sigmoid_reflection_twins_merge_with_the_bias_correction()
    {
        // y₁ = σ(−2x − 0.5) = 1 − y₀, so 3y₀ + 5y₁ + 1 = −2y₀ + 6.
        var network = Network.Sequential(1,
        [
            ([2.0, -2.0], [0.5, -0.5], new SigmoidActivation()),
            ([3.0, 5.0], [1.0], new IdentityActivation()),
        ]);
        var result = Reducer.Reduce(network);
        Assert.Equal([2.0, 0.5, -2.0, 6.0], result.Network.GetParameters());
        var step = Assert.Single(result.Steps);
        Assert.Equal(new ReductionStep(0, 1, ReductionRule.Twin, 0, false, step.Reason), step);
        Assert.Contains("(-1, 0, -1, 1)", step.Reason);
    }

    [Fact]
    public void Relu6_reflection_twins_merge_with_the_bias_correction()
    {
        // ReLU6(6 − z) = 6 − ReLU6(z): neuron 1 = 6 − neuron 0, so u₀y₀ + u₁y₁ = (u₀ − u₁)y₀ + 6u₁.
        var network = Network.Sequential(2,
        [
            ([1.5, -0.25, -1.5, 0.25], [2.0, 4.0], new Relu6Activation()),
            ([3.0, 0.5], [1.0], new IdentityActivation()),
        ]);
        var result = Reducer.Reduce(network);
        Assert.Equal([1.5, -0.25, 2.0, 2.5, 4.0], result.Network.GetParameters());
        Assert.Equal(ReductionRule.Twin, Assert.Single(result.Steps).Rule);
    }

    [Fact]
    public void Twins_equal_only_up_to_rounding_need_a_tolerance()
    {
        // Neuron 1 is 3·neuron 0 rounded: not exactly proportional, so only a tolerance merges them.
        double[] w = [0.1, 0.7], b = [0.3];
        var network = Network.Sequential(2,
        [
            ([w[0], w[1], 3 * w[0], 3 * w[1]], [b[0], 3 * b[0]], new ReluActivation()),
            ([2.0, 1.0], [0.0], new IdentityActivation()),
        ]);
        Assert.Empty(Reducer.Reduce(network).Steps);
        var result = Reducer.Reduce(network, tolerance: 1e-12);
        var step = Assert.Single(result.Steps);
        Assert.Equal((ReductionRule.Twin, 1, (int?)0), (step.Rule, step.Neuron, step.MergedInto));
        Assert.Equal(5.0, result.Network.Layers[1].Weights[0], 1e-14);
        Assert.Contains("up to the tolerance", result.Guarantee);
        AssertSameFunction(network, result.Network, TestNetworks.GaussianInputs(20, 2, 1));
    }

    [Fact]
    public void Small_weights_count_as_zero_within_the_tolerance()
    {
        var network = Network.Sequential(1,
        [
            ([1.0, 1e-10, -2.0], [0.0, 0.5, 0.0], new TanhActivation()),
            ([1.0, 1.0, 1e-11], [0.0], new IdentityActivation()),
        ]);
        Assert.Empty(Reducer.Reduce(network).Steps);
        var result = Reducer.Reduce(network, tolerance: 1e-9);
        Assert.Equal([(2, ReductionRule.ZeroOutgoing), (1, ReductionRule.ZeroIncoming)],
            result.Steps.Select(s => (s.Neuron, s.Rule)).ToArray());
        Assert.Equal(1, result.Network.Layers[0].OutputSize);
        Assert.Equal(Math.Tanh(0.5), result.Network.Layers[1].Bias[0], 1e-15);
    }

    [Fact]
    public void Removals_cascade_to_a_fixed_point()
    {
        // Layer 1's neuron 0 has zero outgoing weights; layer 0's neuron 2 feeds only it, so it goes next.
        var network = Network.Sequential(2,
        [
            ([1.0, 0.5, -0.5, 1.0, 0.75, -1.25], [0.1, 0.2, 0.3], new ReluActivation()),
            ([0.5, 1.0, 2.0, 1.0, -1.0, 0.0], [0.0, 0.1], new ReluActivation()),
            ([0.0, 1.5], [0.5], new IdentityActivation()),
        ]);
        var result = Reducer.Reduce(network);
        Assert.Equal([(1, 0), (0, 2)], result.Steps.Select(s => (s.Layer, s.Neuron)).ToArray());
        Assert.All(result.Steps, s => Assert.Equal(ReductionRule.ZeroOutgoing, s.Rule));
        Assert.Equal([[0, 1], [1], [0]], result.KeptNeurons);
        AssertSameFunction(network, result.Network, TestNetworks.GaussianInputs(30, 2, 3));
        AssertIdempotent(result);
    }

    [Fact]
    public void A_layer_dead_on_the_box_shrinks_to_a_placeholder()
    {
        // Every layer-0 ReLU is dead on [−1, 1]²: the function is constant there, and layer 1 then reads nothing.
        var network = Network.Sequential(2,
        [
            ([1.0, -1.0, 2.0, 0.5, -0.5, 1.0], [-3.0, -5.0, -2.0], new ReluActivation()),
            ([1.0, 2.0, 3.0, -1.0, 0.5, 0.25], [0.5, -0.25], new ReluActivation()),
            ([2.0, 4.0], [1.0], new IdentityActivation()),
        ]);
        var box = Box.Uniform(2, -1, 1);
        var result = Reducer.Reduce(network, box);
        Assert.Equal([1, 1, 1], Widths(result.Network));
        Assert.Equal(
            [(0, 0, ReductionRule.ConstantOnDomain, false), (0, 1, ReductionRule.ConstantOnDomain, false), (0, 2, ReductionRule.ConstantOnDomain, true),
             (1, 0, ReductionRule.ZeroIncoming, false), (1, 1, ReductionRule.ZeroIncoming, true)],
            result.Steps.Select(s => (s.Layer, s.Neuron, s.Rule, s.KeptAsPlaceholder)).ToArray());
        // f = 2·relu(0.5) + 4·relu(−0.25) + 1 = 2 on the box, all in the output bias.
        Assert.Equal([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0], result.Network.GetParameters());
        AssertSameFunction(network, result.Network, IntervalBoundsTests.PointsInside(box, RandomKey.FromSeed(1).Stream(), 40));
        AssertIdempotent(result);
        Assert.Contains("kept as a zero placeholder", result.Steps[2].ToString());
    }

    [Fact]
    public void Folding_an_always_active_neuron_adds_a_skip_connection_valid_on_the_box_only()
    {
        // Neuron 1 has z = x₀ − x₁ + 10 ≥ 8 on [−1, 1]²: it is affine there, and the output reads the input directly.
        var network = Network.Sequential(2,
        [
            ([1.0, 2.0, 1.0, -1.0], [0.0, 10.0], new ReluActivation()),
            ([1.5, -2.0], [0.25], new IdentityActivation()),
        ]);
        var box = Box.Uniform(2, -1, 1);
        var result = Reducer.Reduce(network, box);
        var step = Assert.Single(result.Steps);
        Assert.Equal((0, 1, ReductionRule.AffineOnDomain), (step.Layer, step.Neuron, step.Rule));
        Assert.Contains("[8, 12]", step.Reason);
        Assert.Contains("the input by layer 1", step.Reason);
        var output = result.Network.Layers[1];
        Assert.Equal([0, 1], output.Sources);
        Assert.Equal([-2.0, 2.0, 1.5], output.Weights.ToArray());
        Assert.Equal(-19.75, output.Bias[0]);
        AssertSameFunction(network, result.Network, IntervalBoundsTests.PointsInside(box, RandomKey.FromSeed(2).Stream(), 40));
        // Off the box the neuron switches off and the two networks part.
        var far = new Matrix(1, 2, [-20.0, 20.0]);
        Assert.NotEqual(Forward.Evaluate(network, far, LinearAlgebraBackends.Default).Data[0], Forward.Evaluate(result.Network, far, LinearAlgebraBackends.Default).Data[0]);
        Assert.True(result.HoldsOnDomainOnly);
        Assert.Empty(Reducer.Reduce(network).Steps);
    }

    [Fact]
    public void Folding_through_a_mask_keeps_only_the_paths_that_existed()
    {
        // Layer-0 neuron 0 reads only x₀ and is always active on the box: the output gains an edge from x₀, not x₁.
        var l0 = new Layer(2, 2, [1.0, 0.0, 0.5, 0.5], [5.0, 0.0], new ReluActivation(), [0], [true, false, true, true]);
        var l1 = new Layer(2, 1, [2.0, 1.0], [0.0], new IdentityActivation(), [1]);
        var network = new Network(2, [l0, l1]);
        var box = Box.Uniform(2, -1, 1);
        var result = Reducer.Reduce(network, box);
        Assert.Equal(ReductionRule.AffineOnDomain, Assert.Single(result.Steps).Rule);
        var output = result.Network.Layers[1];
        Assert.Equal([0, 1], output.Sources);
        Assert.Equal([true, false, true], output.Mask.ToArray());
        Assert.Equal([2.0, 0.0, 1.0], output.Weights.ToArray());
        Assert.Equal(10.0, output.Bias[0]);
        AssertSameFunction(network, result.Network, IntervalBoundsTests.PointsInside(box, RandomKey.FromSeed(3).Stream(), 40));
    }

    [Fact]
    public void Saturated_hardtanh_and_relu6_fold_their_constant()
    {
        var box = Box.Uniform(1, -1, 1);
        foreach (var (activation, bias, constant) in new (Activation, double, double)[] { (new HardtanhActivation(), 5, 1), (new HardtanhActivation(), -5, -1), (new Relu6Activation(), 9, 6) })
        {
            var network = Network.Sequential(1,
            [
                ([1.0, 3.0], [bias, 0.25], activation),
                ([3.0, 1.0], [1.0], new IdentityActivation()),
            ]);
            var result = Reducer.Reduce(network, box);
            var step = Assert.Single(result.Steps);
            Assert.Equal((0, ReductionRule.ConstantOnDomain), (step.Neuron, step.Rule));
            Assert.Equal(1 + 3 * constant, result.Network.Layers[1].Bias[0]);
        }
    }

    [Fact]
    public void The_report_names_each_step_in_words()
    {
        var network = Network.Sequential(1,
        [
            ([1.0, 2.0, 0.0], [0.0, 0.0, 0.5], new TanhActivation()),
            ([0.0, 1.0, 1.0], [0.0], new IdentityActivation()),
        ]);
        var result = Reducer.Reduce(network);
        Assert.Equal(
            ["layer 0, neuron 0: every outgoing weight is 0 → removed",
             "layer 0, neuron 2: every incoming weight is 0: constant tanh(0.5) = 0.462117 → folded into its consumers' biases"],
            result.Steps.Select(s => s.ToString()).ToArray());
        Assert.Equal(2, result.RemovedNeuronCount);
        Assert.Equal("computes the same function as the original everywhere", result.Guarantee);
        Assert.Equal([[1], [0]], result.KeptNeurons);
    }

    // ---- helpers ----

    private static double Gaussian(RandomStream r) => r.NextNormal();

    private static int[] Widths(Network network) => [.. network.Layers.Select(l => l.OutputSize)];

    private static Network RandomDense(RandomStream r, Activation activation) =>
        TestNetworks.Dense($"{(r.NextInt32(4) + 3)}-{(r.NextInt32(16) + 5)}-{(r.NextInt32(16) + 5)}-{(r.NextInt32(3) + 1)}", activation, r.NextInt32(int.MaxValue));

    /// <summary>Biases rounded to multiples of 2⁻³⁰, so that a twin's a·β + b is exact for a = ±2ᵏ and b = 0 or 6.</summary>
    private static Network DyadicBiases(Network network) => new(network.InputSize, network.Layers.Select(l =>
        l.With(l.Weights, l.Bias.ToArray().Select(b => Math.Round(Math.ScaleB(b, 30)) * Math.ScaleB(1, -30)).ToArray())));

    private static void AssertSteps(IEnumerable<Expected> expected, ReductionResult result)
    {
        var actual = result.Steps.Select(s => new Expected(s.Layer, s.Neuron, s.Rule, s.MergedInto));
        Assert.Equal(expected.OrderBy(e => (e.Layer, e.Neuron)), actual.OrderBy(e => (e.Layer, e.Neuron)));
        Assert.All(result.Steps, s => Assert.False(s.KeptAsPlaceholder));
    }

    private static void AssertSameFunction(Network a, Network b, Matrix x)
    {
        var fa = Forward.Evaluate(a, x, LinearAlgebraBackends.Default);
        var fb = Forward.Evaluate(b, x, LinearAlgebraBackends.Default);
        double scale = fa.Data.Max(Math.Abs) + 1;
        for (int i = 0; i < fa.Data.Length; i++)
            Assert.True(Math.Abs(fa.Data[i] - fb.Data[i]) <= 1e-12 * scale, $"output {i}: {fa.Data[i]:R} vs {fb.Data[i]:R}");
    }

    private static void AssertIdempotent(ReductionResult result)
    {
        var again = Reducer.Reduce(result.Network, result.Domain, result.Tolerance);
        Assert.Empty(again.Steps);
        Assert.Equal(result.Network.Architecture, again.Network.Architecture);
        Assert.Equal(result.Network.GetParameters(), again.Network.GetParameters());
    }

    /// <summary>Random incoming weights for a new neuron of layer l, zero where the template's edges are masked out.</summary>
    private static double[] RandomRow(Network network, int l, int template, RandomStream r)
    {
        var layer = network.Layers[l];
        return [.. Enumerable.Range(0, layer.InputSize).Select(k => layer.HasEdge(template, k) ? Gaussian(r) : 0)];
    }

    /// <summary>
    /// Appends a neuron to hidden layer l with the given incoming weights and bias, and the connectivity
    /// (mask row, and mask column in every consumer) of neuron <paramref name="template"/>; consumer layer c's
    /// row r reads it with weight outgoing(c, r) where that edge exists.
    /// </summary>
    private static Network Plant(Network network, int l, int template, double[] incoming, double bias, Func<int, int, double> outgoing)
    {
        var layers = network.Layers.ToArray();
        var layer = layers[l];
        int n = layer.OutputSize, fanIn = layer.InputSize;
        bool[]? mask = layer.IsDense ? null : [.. layer.Mask.ToArray(), .. layer.Mask.Slice(template * fanIn, fanIn).ToArray()];
        layers[l] = new Layer(fanIn, n + 1, [.. layer.Weights.ToArray(), .. incoming], [.. layer.Bias.ToArray(), bias], layer.Activation, layer.Sources, mask);
        for (int c = l + 1; c < layers.Length; c++)
        {
            var consumer = network.Layers[c];
            int offset = 0;
            foreach (int s in consumer.Sources.TakeWhile(s => s != l + 1)) offset += network.NodeSize(s);
            if (!consumer.Sources.Contains(l + 1)) continue;
            int at = offset + n, width = consumer.InputSize + 1;
            var weights = new double[consumer.OutputSize * width];
            var consumerMask = consumer.IsDense ? null : new bool[weights.Length];
            for (int r = 0; r < consumer.OutputSize; r++)
                for (int k = 0; k < width; k++)
                {
                    int old = k < at ? k : k - 1;
                    bool edge = consumer.HasEdge(r, k == at ? offset + template : old);
                    weights[r * width + k] = !edge ? 0 : k == at ? outgoing(c, r) : consumer.Weight(r, old);
                    if (consumerMask is not null) consumerMask[r * width + k] = edge;
                }
            layers[c] = new Layer(width, consumer.OutputSize, weights, consumer.Bias, consumer.Activation, consumer.Sources, consumerMask);
        }
        return new Network(network.InputSize, layers);
    }

    /// <summary>A copy of the template transformed by a random symmetry of its activation (b = 0, scalings by powers of two: exact).</summary>
    private static Network PlantTwin(Network network, int l, int template, RandomStream r)
    {
        var layer = network.Layers[l];
        var group = layer.Activation.Symmetries;
        var choices = group.Discrete.Where(e => e.B == 0).Prepend(AffineSymmetry.Identity).ToArray();
        var e = choices[r.NextInt32(choices.Length)];
        double a = e.A;
        if (group.Continuous.Any(f => f.FreeScale)) a *= Math.ScaleB(1, (r.NextInt32(7) - 3));
        if (group.Continuous.Any(f => f.Reflection is not null) && r.NextInt32(2) == 0) a = -a;
        var row = layer.Weights.Slice(template * layer.InputSize, layer.InputSize).ToArray().Select(w => a * w).ToArray();
        return Plant(network, l, template, row, a * layer.Bias[template], (_, _) => Gaussian(r));
    }

    /// <summary>
    /// A neuron of layer l whose pre-activation stays in piece <paramref name="piece"/> of the activation
    /// on the box (with a margin), its consumers' biases shifted by −u·(midpoint of its output bounds) so
    /// that their bounds only widen, symmetrically: nothing else becomes certifiable.
    /// </summary>
    private static Network PlantInPiece(Network network, Box box, int l, int template, int piece, RandomStream r)
    {
        var bounds = IntervalBounds.Compute(network, box);
        var layer = network.Layers[l];
        var row = RandomRow(network, l, template, r);
        double radius = 0;
        int column = 0;
        foreach (int s in layer.Sources)
            for (int k = 0; k < network.NodeSize(s); k++, column++)
            {
                var (lo, hi) = s == 0 ? (box.Lower[k], box.Upper[k]) : bounds.Output(s - 1, k);
                radius += Math.Abs(row[column]) * Math.Max(Math.Abs(lo), Math.Abs(hi));
            }
        var t = layer.Activation.Pieces!.Breakpoints;
        double bias;
        if (piece == 0) bias = t[0] - radius - 1;
        else if (piece == t.Count) bias = t[^1] + radius + 1;
        else
        {
            // A bounded piece: shrink the weights so that |w·x| ≤ a quarter of its width.
            double quarter = (t[piece] - t[piece - 1]) / 4;
            if (radius > 0) for (int k = 0; k < row.Length; k++) row[k] *= quarter / radius;
            bias = (t[piece] + t[piece - 1]) / 2;
        }
        int neuron = layer.OutputSize;
        var planted = Plant(network, l, template, row, bias, (_, _) => Gaussian(r));
        var (outLo, outHi) = IntervalBounds.Compute(planted, box).Output(l, neuron);
        double mid = (outLo + outHi) / 2;
        var layers = planted.Layers.ToArray();
        for (int c = l + 1; c < layers.Length; c++)
        {
            int offset = 0;
            foreach (int s in layers[c].Sources.TakeWhile(s => s != l + 1)) offset += planted.NodeSize(s);
            if (!layers[c].Sources.Contains(l + 1)) continue;
            var shifted = layers[c].Bias.ToArray();
            for (int i = 0; i < shifted.Length; i++) shifted[i] -= layers[c].Weight(i, offset + neuron) * mid;
            layers[c] = layers[c].With(layers[c].Weights, shifted);
        }
        return new Network(planted.InputSize, layers);
    }

    /// <summary>
    /// Whether no hidden layer that reads layer l also reads one of l's sources: folding a neuron of l then
    /// gives its consumers new sources, never new terms on a source they already weigh, so the consumers'
    /// bounds can only widen.
    /// </summary>
    private static bool ConsumersReadNoSourceOf(Network network, int l) =>
        Enumerable.Range(l + 1, network.Layers.Count - l - 2)
            .Where(c => network.Layers[c].Sources.Contains(l + 1))
            .All(c => !network.Layers[c].Sources.Intersect(network.Layers[l].Sources).Any());

    /// <summary>A random network (dense or with skips and masks) and box on which no neuron is certified constant or affine.</summary>
    private static (Network, Box) UncertifiableOnABox(RandomStream r, Activation activation)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            var network = r.NextInt32(3) == 0 ? TestNetworks.SkipMasked(activation, r.NextInt32(int.MaxValue)) : RandomDense(r, activation);
            var box = IntervalBoundsTests.RandomBox(r, network.InputSize);
            if (Reducer.Reduce(network, box).Steps.Count == 0) return (network, box);
        }
        throw new InvalidOperationException("no uncertifiable random network found in 200 attempts");
    }
}
