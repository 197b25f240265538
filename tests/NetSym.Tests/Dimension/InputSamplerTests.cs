using NetSym.Dimension;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Dimension;

public class InputSamplerTests
{
    public static TheoryData<string> Samplers() => ["gaussian", "uniform", "box"];

    private static InputSampler Make(string name) => name switch
    {
        "gaussian" => InputSampler.Gaussian(3),
        "uniform" => InputSampler.Uniform(3),
        _ => InputSampler.InBox(new Box([-2, 0, 5], [-1, 0, 7])),
    };

    [Theory]
    [MemberData(nameof(Samplers))]
    public void A_larger_batch_extends_a_smaller_one_and_the_seed_fixes_it(string name)
    {
        var sampler = Make(name);
        var small = sampler.Draw(7, 42);
        var large = sampler.Draw(50, 42);
        Assert.Equal(small.Data, large.Data[..small.Data.Length]);
        Assert.Equal(large.Data, sampler.Draw(50, 42).Data);
        Assert.NotEqual(large.Data, sampler.Draw(50, 43).Data);
    }

    [Fact]
    public void Gaussian_inputs_are_the_ones_the_rest_of_netsym_draws()
    {
        Assert.Equal(RandomNetworks.GaussianInputs(20, 4, RandomKey.FromSeed(9).Split(RandomPurpose.Inputs)).Data, InputSampler.Gaussian(4).Draw(20, 9).Data);
        Assert.Contains("FromSeed(9)", InputSampler.Gaussian(4).Describe(9));
    }

    [Fact]
    public void Uniform_and_box_inputs_stay_in_their_boxes_and_fill_them()
    {
        var cube = InputSampler.Uniform(3).Draw(4000, 1);
        Assert.All(cube.Data, v => Assert.InRange(v, -1, 1));
        Assert.InRange(cube.Data.Average(), -0.05, 0.05);
        var box = new Box([-2, 0, 5], [-1, 0, 7]);
        var inside = InputSampler.InBox(box).Draw(4000, 1);
        for (int i = 0; i < inside.Rows; i++) Assert.True(box.Contains(inside.Row(i)));
        Assert.InRange(Enumerable.Range(0, inside.Rows).Average(i => inside[i, 2]), 5.9, 6.1);
        Assert.All(Enumerable.Range(0, inside.Rows), i => Assert.Equal(0, inside[i, 1]));
    }

    [Fact]
    public void A_box_needs_a_domain_of_the_right_size_and_only_a_box_takes_one()
    {
        Assert.Throws<ArgumentException>(() => InputSampler.For(InputDistribution.Box, 3, null));
        Assert.Throws<ArgumentException>(() => InputSampler.For(InputDistribution.Box, 2, Box.Uniform(3, 0, 1)));
        Assert.Throws<ArgumentException>(() => InputSampler.For(InputDistribution.Uniform, 3, Box.Uniform(3, 0, 1)));
        Assert.Throws<ArgumentException>(() => InputSampler.Gaussian(0));
        Assert.Equal(InputDistribution.Box, InputSampler.For(InputDistribution.Box, 3, Box.Uniform(3, 0, 1)).Distribution);
    }
}
