using Microsoft.ML.OnnxRuntime;
using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.IO;

/// <summary>
/// An ONNX model run by ONNX Runtime as an extraction oracle (<c>--oracle model.onnx</c>): the model
/// is executed as its owner would deploy it and never read into a <see cref="Networks.Network"/>, so
/// nothing the extractor holds reaches its weights.
/// </summary>
/// <remarks>
/// The model has one input and one output tensor, each float32 or float64 as the model declares,
/// of shape [batch, …] with every dimension after the batch fixed; a row of a query is the input
/// flattened row-major (CHW for images) and a row of the answer the output flattened likewise. The
/// batch dimension is symbolic (a query is one run) or 1 (a query is one run per row). A float32
/// model sees each input rounded to the nearest float32 and computes in float32.
/// </remarks>
public sealed class OnnxOracle : IQueryOracle, IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly long[] _inputShape;
    private readonly bool _floatInput;
    private readonly bool _floatOutput;
    private readonly bool _rowByRow;

    private OnnxOracle(string path, InferenceSession session, string inputName, string outputName, long[] inputShape, bool floatInput, bool floatOutput, int outputSize)
    {
        Name = path;
        _session = session;
        _inputName = inputName;
        _outputName = outputName;
        _inputShape = inputShape;
        _floatInput = floatInput;
        _floatOutput = floatOutput;
        _rowByRow = inputShape[0] == 1;
        InputSize = checked((int)inputShape.Skip(1).Aggregate(1L, (a, b) => a * b));
        OutputSize = outputSize;
    }

    /// <summary>The model file, as error messages name the oracle.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int InputSize { get; }

    /// <inheritdoc />
    public int OutputSize { get; }

    /// <summary>Loads the model at <paramref name="path"/> into an ONNX Runtime session.</summary>
    /// <exception cref="ModelFileException">
    /// The file cannot be read, ONNX Runtime refuses it, or it is not a model with one float32/float64
    /// input and output of shape [batch, fixed…] with a symbolic batch or a batch of 1.
    /// </exception>
    public static OnnxOracle Load(string path)
    {
        if (!File.Exists(path)) throw new ModelFileException(path, Directory.Exists(path) ? "is a directory, not a model file" : "no such file");
        byte[] bytes = ModelFileBytes.Read(path);
        InferenceSession session;
        try
        {
            session = new InferenceSession(bytes);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelFileException(path, $"ONNX Runtime cannot load the model: {OneLine(e.Message)}", e);
        }
        try
        {
            var (inputName, input) = Single(path, session.InputMetadata, "input");
            var (outputName, output) = Single(path, session.OutputMetadata, "output");
            bool floatInput = IsFloat(path, "input", input);
            bool floatOutput = IsFloat(path, "output", output);
            long[] inputShape = Shape(path, "input", input);
            long[] outputShape = Shape(path, "output", output);
            if (inputShape[0] is not (-1 or 1))
                throw new ModelFileException(path, $"the input's batch dimension is fixed at {inputShape[0]}; an oracle needs it symbolic or 1");
            if (outputShape[0] is not (-1 or 1) || outputShape[0] == 1 && inputShape[0] != 1)
                throw new ModelFileException(path, $"the output's batch dimension is {Dimension(outputShape[0])} while the input's is {Dimension(inputShape[0])}");
            long outputSize = outputShape.Skip(1).Aggregate(1L, (a, b) => a * b);
            if (outputSize > int.MaxValue || inputShape.Skip(1).Aggregate(1L, (a, b) => a * b) > int.MaxValue)
                throw new ModelFileException(path, "a sample has more than 2^31 inputs or outputs");
            return new OnnxOracle(path, session, inputName, outputName, inputShape, floatInput, floatOutput, (int)outputSize);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    /// <exception cref="OracleException">ONNX Runtime failed to run the model, or its output has another size than declared.</exception>
    public Matrix Query(Matrix inputs)
    {
        var answer = new Matrix(inputs.Rows, OutputSize);
        if (_rowByRow)
        {
            for (int i = 0; i < inputs.Rows; i++) Run(inputs, i, 1, answer);
        }
        else if (inputs.Rows > 0)
        {
            Run(inputs, 0, inputs.Rows, answer);
        }
        return answer;
    }

    /// <summary>Runs rows [first, first + count) in one session run and writes their outputs into <paramref name="answer"/>.</summary>
    private void Run(Matrix inputs, int first, int count, Matrix answer)
    {
        long[] shape = [count, .. _inputShape.AsSpan(1)];
        var rows = inputs.Data.AsSpan(first * InputSize, count * InputSize);
        try
        {
            using var input = _floatInput
                ? OrtValue.CreateTensorValueFromMemory(ToFloat(rows), shape)
                : OrtValue.CreateTensorValueFromMemory(rows.ToArray(), shape);
            using var options = new RunOptions();
            using var results = _session.Run(options, [_inputName], [input], [_outputName]);
            var target = answer.Data.AsSpan(first * OutputSize, count * OutputSize);
            long length = results[0].GetTensorTypeAndShape().ElementCount;
            if (length != target.Length)
                throw new OracleException(Name, $"the model output {length} numbers for {count} rows, expected {target.Length}");
            if (_floatOutput)
            {
                var output = results[0].GetTensorDataAsSpan<float>();
                for (int k = 0; k < target.Length; k++) target[k] = output[k];
            }
            else
            {
                results[0].GetTensorDataAsSpan<double>().CopyTo(target);
            }
        }
        catch (OnnxRuntimeException e)
        {
            throw new OracleException(Name, $"ONNX Runtime failed to run the model: {OneLine(e.Message)}", e);
        }
    }

    private static float[] ToFloat(ReadOnlySpan<double> values)
    {
        var f = new float[values.Length];
        for (int k = 0; k < f.Length; k++) f[k] = (float)values[k];
        return f;
    }

    private static (string Name, NodeMetadata Metadata) Single(string path, IReadOnlyDictionary<string, NodeMetadata> metadata, string what)
    {
        if (metadata.Count != 1)
            throw new ModelFileException(path, $"the model has {metadata.Count} {what}s ({string.Join(", ", metadata.Keys)}); an oracle needs exactly one");
        var (name, value) = metadata.First();
        if (!value.IsTensor) throw new ModelFileException(path, $"the model's {what} '{name}' is not a tensor");
        return (name, value);
    }

    private static bool IsFloat(string path, string what, NodeMetadata metadata) =>
        metadata.ElementType == typeof(float) ? true
        : metadata.ElementType == typeof(double) ? false
        : throw new ModelFileException(path, $"the model's {what} holds {metadata.ElementType.Name}; an oracle needs float32 or float64");

    /// <summary>The declared shape, −1 for a symbolic batch; every other dimension must be fixed and positive.</summary>
    private static long[] Shape(string path, string what, NodeMetadata metadata)
    {
        int[] dims = metadata.Dimensions;
        if (dims.Length < 2)
            throw new ModelFileException(path, $"the model's {what} has shape [{string.Join(", ", dims.Select(d => Dimension(d)))}]; an oracle needs [batch, …]");
        for (int k = 1; k < dims.Length; k++)
            if (dims[k] <= 0)
                throw new ModelFileException(path, $"the model's {what} dimension {k} is {Dimension(dims[k])}; every dimension after the batch must be fixed");
        return [.. dims.Select(d => (long)d)];
    }

    private static string Dimension(long d) => d < 0 ? "symbolic" : d.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>Releases the ONNX Runtime session.</summary>
    public void Dispose() => _session.Dispose();
}
