namespace NetSym.Tests.Cli;

public sealed class HugeInputTests : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Sizes_beyond_one_array_are_refused_at_once_with_the_sizes()
    {
        string line = CliHarness.Run("random", "100000-100000-1", "-o", _cli.PathOf("big.json")).AssertOneErrorLine();
        Assert.Contains("100000 × 100000", line);
        Assert.Empty(_cli.Files());
        string model = _cli.WriteModel(CliHarness.SampleNetwork());
        Assert.Contains("--random must be a whole number from 1 to 10000000, got '2000000000'", CliHarness.Run("eval", model, "--random", "2000000000").AssertOneErrorLine());
    }

    [Fact]
    public void A_file_claiming_a_huge_input_is_rejected_by_its_first_inconsistent_row()
    {
        string path = _cli.WriteText("huge.json",
            """{"format":"netsym-network","version":1,"input_size":2000000000,"layers":[{"activation":"relu","weights":[[1]],"bias":[0]}]}""");
        Assert.Contains("2000000000 inputs", CliHarness.Run("info", path).AssertOneErrorLine());
    }
}
