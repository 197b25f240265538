using NetSym.IO;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.IO;

/// <summary>Reading and writing by extension: errors name the file, and a write leaves the whole file or nothing.</summary>
public class ModelFilesTests
{
    private static readonly Network Small = RandomNetworks.Create(Architecture.Parse("3-4-2"), new ReluActivation(), Initialization.PyTorch, RandomKey.FromSeed(3));

    private static ModelFileException Fails(Action action, string path, params string[] fragments)
    {
        var e = Assert.Throws<ModelFileException>(action);
        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    [Theory]
    [InlineData("model.json")]
    [InlineData("model.onnx")]
    [InlineData("model.safetensors")]
    public void MissingFileIsNamed(string name)
    {
        using var dir = new TempDirectory();
        string path = dir.File(name);
        Fails(() => ModelFiles.Read(path, new ReluActivation()), path, "no such file");
    }

    [Fact]
    public void DirectoryIsNotAModel()
    {
        using var dir = new TempDirectory();
        Fails(() => ModelFiles.Read(dir.Path), dir.Path, "is a directory");
    }

    [Fact]
    public void UnknownExtensionIsRejectedOnReadAndWrite()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("model.h5", [1, 2, 3]);
        Fails(() => ModelFiles.Read(path), path, "unknown model extension '.h5'", ".json, .onnx, .safetensors");
        string target = dir.File("out.safetensors");
        Fails(() => ModelFiles.Write(Small, target), target, "cannot write extension '.safetensors'");
        Assert.Equal(["model.h5"], dir.Entries());
    }

    [Theory]
    [InlineData("empty.json")]
    [InlineData("empty.onnx")]
    [InlineData("empty.safetensors")]
    public void EmptyFileIsRejected(string name)
    {
        using var dir = new TempDirectory();
        string path = dir.Write(name, []);
        Fails(() => ModelFiles.Read(path, new ReluActivation()), path);
    }

    [Fact]
    public void RandomBytesAsOnnxAreRejectedNamingTheFile()
    {
        using var dir = new TempDirectory();
        var bytes = new byte[1000];
        new Random(8).NextBytes(bytes);
        string path = dir.Write("noise.onnx", bytes);
        Fails(() => ModelFiles.Read(path), path);
    }

    [Fact]
    public void SafetensorsNeedsAnActivation()
    {
        string path = Fixtures.Safetensors("relu_5_7_2.safetensors");
        var e = Assert.Throws<ModelFileException>(() => ModelFiles.Read(path));
        Assert.Equal(path, e.Path);
        Assert.Equal(ModelFileReason.ActivationRequired, e.Reason);
    }

    [Fact]
    public void GivenActivationReplacesTheHiddenOnes()
    {
        var network = ModelFiles.Read(Fixtures.Onnx("relu_4_8_6_2.onnx"), new TanhActivation());
        Assert.Equal(["tanh", "tanh", "identity"], network.Layers.Select(l => l.Activation.Spec));
    }

    [Theory]
    [InlineData("net.json")]
    [InlineData("net.onnx")]
    public void WriteIntoAMissingDirectoryFailsAndLeavesNothing(string name)
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "missing", name);
        Fails(() => ModelFiles.Write(Small, path), path, "does not exist");
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void FailedExportLeavesNeitherTheFileNorATemporaryFile()
    {
        using var dir = new TempDirectory();
        var gelu = RandomNetworks.Create(Architecture.Parse("3-4-2"), new GeluActivation(), Initialization.PyTorch, RandomKey.FromSeed(3));
        string path = dir.File("gelu.onnx");
        Fails(() => ModelFiles.Write(gelu, path), path, "gelu");
        Assert.Empty(dir.Entries());
    }

    [Fact]
    public void FailedExportKeepsAnExistingFileIntact()
    {
        using var dir = new TempDirectory();
        string path = dir.File("net.onnx");
        ModelFiles.Write(Small, path);
        byte[] before = File.ReadAllBytes(path);
        var skip = new Network(2, [new Layer(2, 2, [1, 2, 3, 4], [0, 0], new ReluActivation(), [0]), new Layer(4, 1, [1, 2, 3, 4], [0], new IdentityActivation(), [0, 1])]);
        Fails(() => ModelFiles.Write(skip, path), path, "skip connection");
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["net.onnx"], dir.Entries());
    }

    [Theory]
    [InlineData("net.json")]
    [InlineData("net.onnx")]
    public void WriteLeavesOnlyTheTargetAndReadsBack(string name)
    {
        using var dir = new TempDirectory();
        string path = dir.File(name);
        ModelFiles.Write(Small, path);
        Assert.Equal([name], dir.Entries());
        Assert.Equal(Small.Architecture, ModelFiles.Read(path).Architecture);
    }

    [Fact]
    public async Task A_model_read_from_a_pipe_is_read_whole()
    {
        // A process substitution or a named pipe has no length to read towards: it is read to its end.
        if (!OperatingSystem.IsLinux()) return;
        using var dir = new TempDirectory();
        string path = dir.File("pipe.json");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)) await mkfifo.WaitForExitAsync();
        var writer = Task.Run(() =>
        {
            using var pipe = new FileStream(path, FileMode.Open, FileAccess.Write);
            NetworkJson.Write(Small, pipe);
        });
        var read = ModelFiles.Read(path);
        await writer;
        NetworkAssert.Identical(Small, read);
    }
}
