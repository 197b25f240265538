using NetSym.Extraction;
using NetSym.IO;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;
using Onnx;

namespace NetSym.Tests.IO;

/// <summary>An ONNX model run by ONNX Runtime as an oracle computes what NetSym's own evaluation of the same file computes.</summary>
public class OnnxOracleTests
{
    public static TheoryData<string> Models() =>
    [
        "relu_4_8_6_2.onnx", "module_relu_6_12_12_4.onnx", "matmul_relu_5_7_2.onnx", "flatten_relu_2x4_16_3.onnx",
        "cnn/vgg_relu_3x16x16_opset11.onnx", "cnn/resnet_relu_3x16x16_opset13.onnx",
    ];

    /// <summary>rows standard normal inputs, rounded to float32 so that a float32 model and NetSym see the same point.</summary>
    private static Matrix Float32Inputs(int rows, int columns, long seed)
    {
        return RandomNetworks.Inputs(rows, columns, RandomKey.FromSeed(seed), (random, _) => (float)random.NextNormal());
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void AgreesWithNetSymsEvaluationOfTheSameFile(string model)
    {
        string path = Fixtures.Onnx(model);
        var network = ModelFiles.Read(path);
        using var oracle = OnnxOracle.Load(path);
        Assert.Equal(network.InputSize, oracle.InputSize);
        Assert.Equal(network.OutputSize, oracle.OutputSize);
        var x = Float32Inputs(33, oracle.InputSize, 1);
        Float32Agreement.AssertAgrees(Forward.Evaluate(network, x, LinearAlgebraBackends.Default), oracle.Query(x));
    }

    [Fact]
    public void BehindTheCountingOracleEveryRowIsCounted()
    {
        string path = Fixtures.Onnx("relu_4_8_6_2.onnx");
        using var onnx = OnnxOracle.Load(path);
        var oracle = CountingOracle.Create(onnx, onnx.Name, new OracleOptions { MaxQueries = 30 });
        var x = Float32Inputs(20, 4, 2);
        Float32Agreement.AssertAgrees(Forward.Evaluate(ModelFiles.Read(path), x, LinearAlgebraBackends.Default), oracle.Query(new QueryLabel(ExtractionStage.Sweep, 1), x));
        Assert.Throws<QueryBudgetExceededException>(() => oracle.Query(new QueryLabel(ExtractionStage.Sweep, 1), x));
        Assert.Equal(20, oracle.Ledger.Total);
    }

    [Fact]
    public void AFloat64ModelIsRunInDouble()
    {
        var network = OracleTestNetwork();
        using var dir = new TempDirectory();
        string path = dir.Write("double.onnx", OnnxRewrite.Float64(network));
        using var oracle = OnnxOracle.Load(path);
        var x = RandomNetworks.GaussianInputs(25, network.InputSize, RandomKey.FromSeed(3)); // not float32 values
        var expected = Forward.Evaluate(ModelFiles.Read(path), x, LinearAlgebraBackends.Default);
        var actual = oracle.Query(x);
        // Only the order of double additions differs: agreement to a few units in the last place.
        for (int k = 0; k < expected.Data.Length; k++)
            Assert.True(Math.Abs(expected.Data[k] - actual.Data[k]) <= 1e-13 * (1 + Math.Abs(expected.Data[k])), $"entry {k}: {expected.Data[k]:R} vs {actual.Data[k]:R}");
        // A float32 evaluation would be off by about 1e-7: the model really ran in double.
        Assert.Contains(expected.Data, v => v != (float)v);
    }

    [Fact]
    public void AModelWithABatchOfOneIsQueriedRowByRow()
    {
        var network = OracleTestNetwork();
        using var dir = new TempDirectory();
        string path = dir.Write("batch1.onnx", OnnxRewrite.Rewrite(network, model => FixBatch(model, 1)));
        using var oracle = OnnxOracle.Load(path);
        var x = Float32Inputs(9, network.InputSize, 4);
        Float32Agreement.AssertAgrees(Forward.Evaluate(network, x, LinearAlgebraBackends.Default), oracle.Query(x));
        Assert.Equal(0, oracle.Query(new Matrix(0, network.InputSize)).Rows);
    }

    [Fact]
    public void AFixedBatchLargerThanOneIsRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("batch4.onnx", OnnxRewrite.Rewrite(OracleTestNetwork(), model => FixBatch(model, 4)));
        var e = Assert.Throws<ModelFileException>(() => OnnxOracle.Load(path));
        Assert.Contains("batch dimension is fixed at 4", e.Message);
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void TwoInputsAreRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("two.onnx", OnnxRewrite.Rewrite(OracleTestNetwork(), model =>
        {
            var second = model.Graph.Input[0].Clone();
            second.Name = "extra";
            model.Graph.Input.Add(second);
        }));
        var e = Assert.Throws<ModelFileException>(() => OnnxOracle.Load(path));
        Assert.Contains("2 inputs (input, extra)", e.Message);
    }

    [Fact]
    public void AMissingOrMalformedFileIsAModelFileError()
    {
        using var dir = new TempDirectory();
        Assert.Contains("no such file", Assert.Throws<ModelFileException>(() => OnnxOracle.Load(dir.File("none.onnx"))).Message);
        string garbage = dir.Write("garbage.onnx", [1, 2, 3, 4, 5]);
        Assert.Contains("ONNX Runtime cannot load the model", Assert.Throws<ModelFileException>(() => OnnxOracle.Load(garbage)).Message);
    }

    private static Network OracleTestNetwork() =>
        RandomNetworks.Create(Architecture.Parse("5-9-7-3"), new ReluActivation(), Initialization.Gaussian, RandomKey.FromSeed(77));

    private static void FixBatch(ModelProto model, long batch)
    {
        foreach (var v in model.Graph.Input.Concat(model.Graph.Output))
            v.Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = batch };
    }
}
