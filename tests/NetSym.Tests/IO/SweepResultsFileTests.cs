using System.Text;
using NetSym.IO;
using NetSym.Sweep;
using NetSym.Tests.Sweep;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.IO;

public sealed class SweepResultsFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("netsym-sweep-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private static string Text(SweepPlan plan, IEnumerable<SweepResult> results) =>
        SweepResultsFile.Header(plan) + string.Concat(results.Select(SweepResultsFile.FormatLine));

    private static ModelFileException Rejected(string text) =>
        Assert.Throws<ModelFileException>(() => SweepResultsFile.Parse(Encoding.UTF8.GetBytes(text), "r.csv"));

    [Fact]
    public void Results_written_line_by_line_read_back_exactly()
    {
        var plan = SweepTestPlans.Small();
        var results = SweepTestPlans.RunAll(plan);
        string path = PathOf("r.csv");
        using (var writer = SweepResultsWriter.Create(path, plan))
            foreach (var r in results) writer.Append(r);
        var content = SweepResultsFile.Read(path);
        Assert.Equal(plan, content.Plan);
        // Seconds are written to 6 significant digits; everything else is exact.
        Assert.Equal(SweepTestPlans.Outcomes(plan, results), SweepTestPlans.Outcomes(plan, content.Results));
        Assert.Equal(Enumerable.Range(4, results.Count), content.Lines.Select(l => l.Number));
        Assert.Equal(Text(plan, results), File.ReadAllText(path));
    }

    [Fact]
    public void Every_appended_line_is_in_the_file_at_once()
    {
        var plan = SweepTestPlans.Small();
        var results = SweepTestPlans.RunAll(plan);
        string path = PathOf("r.csv");
        using var writer = SweepResultsWriter.Create(path, plan);
        long expected = Encoding.UTF8.GetByteCount(SweepResultsFile.Header(plan));
        for (int i = 0; i < 3; i++)
        {
            writer.Append(results[i]);
            // The file's size as the kernel sees it while the writer is still open (its lock keeps readers out), as after a kill.
            expected += Encoding.UTF8.GetByteCount(SweepResultsFile.FormatLine(results[i]));
            Assert.Equal(expected, new FileInfo(path).Length);
        }
    }

    [Fact]
    public void A_second_writer_or_reader_is_refused_while_the_first_holds_the_file()
    {
        var plan = SweepTestPlans.Small();
        string path = PathOf("r.csv");
        using (var writer = SweepResultsWriter.Create(path, plan))
        {
            writer.Append(SweepTestPlans.RunAll(plan)[0]);
            foreach (var attempt in new Action[]
            {
                () => SweepResultsWriter.Resume(path, plan, SweepShard.All, out _),
                () => SweepResultsWriter.Create(path, plan),
                () => SweepResultsFile.Read(path),
                () => WriterLock.ThrowIfHeld(path),
            })
            {
                var e = Assert.Throws<ModelFileException>(attempt);
                Assert.Equal(path, e.Path);
                Assert.StartsWith("is being written by another ", e.Problem);
                Assert.Contains($"(pid {Environment.ProcessId})", e.Problem);
            }
        }
        // The lock goes with the writer.
        WriterLock.ThrowIfHeld(path);
        Assert.Single(SweepResultsFile.Read(path).Lines);
    }

    [Fact]
    public void Resuming_a_file_cut_between_lines_completes_it_to_the_full_run()
    {
        var plan = SweepTestPlans.Small();
        var full = SweepTestPlans.RunAll(plan);
        string path = PathOf("r.csv");
        // A run that was killed after 5 trials (finishing order need not be canonical).
        File.WriteAllText(path, Text(plan, full.Take(5).Reverse()));
        using (var writer = SweepResultsWriter.Resume(path, plan, SweepShard.All, out var done))
        {
            Assert.Equal(5, done.Count);
            var finished = done.Select(r => r.Trial).ToHashSet();
            SweepRunner.Run(plan, plan.Trials().Where(t => !finished.Contains(t)), writer.Append, LinearAlgebraBackends.Default);
        }
        var content = SweepResultsFile.Read(path);
        Assert.Equal(SweepTestPlans.Outcomes(plan, full), SweepTestPlans.Outcomes(plan, content.Results));
    }

    [Fact]
    public void A_cut_last_line_is_reported_on_reading_and_removed_on_resume_so_its_trial_runs_again()
    {
        var plan = SweepTestPlans.Small();
        var results = SweepTestPlans.RunAll(plan);
        string text = Text(plan, results.Take(4));
        string path = PathOf("r.csv");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text[..^7]));
        var e = Assert.Throws<ModelFileException>(() => SweepResultsFile.Read(path));
        Assert.Equal(path, e.Path);
        Assert.StartsWith("line 7: ", e.Problem);
        Assert.Contains("cut short", e.Problem);

        using (var writer = SweepResultsWriter.Resume(path, plan, SweepShard.All, out var done))
        {
            Assert.Equal(7, writer.DroppedLine);
            Assert.Equal(SweepTestPlans.Outcomes(plan, results.Take(3)), SweepTestPlans.Outcomes(plan, done));
            writer.Append(results[3]);
        }
        Assert.Equal(text, File.ReadAllText(path));
        using (var writer = SweepResultsWriter.Resume(path, plan, SweepShard.All, out _)) Assert.Null(writer.DroppedLine);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(40)]
    public void A_file_holding_only_a_cut_part_of_the_header_is_started_afresh_on_resume(int length)
    {
        var plan = SweepTestPlans.Small();
        string path = PathOf("r.csv");
        File.WriteAllText(path, SweepResultsFile.Header(plan)[..length]);
        using (var writer = SweepResultsWriter.Resume(path, plan, SweepShard.All, out var done))
        {
            Assert.Empty(done);
            Assert.Null(writer.DroppedLine);
        }
        Assert.Equal(SweepResultsFile.Header(plan), File.ReadAllText(path));
    }

    [Fact]
    public void A_cut_line_in_a_file_that_is_refused_is_left_untouched()
    {
        var plan = SweepTestPlans.Small();
        string path = PathOf("r.csv");
        byte[] cut = Encoding.UTF8.GetBytes(Text(plan, SweepTestPlans.RunAll(plan).Take(3))[..^5]);
        File.WriteAllBytes(path, cut);
        Assert.Throws<ModelFileException>(() => SweepResultsWriter.Resume(path, SweepTestPlans.Small(seed: 9), SweepShard.All, out _));
        Assert.Equal(cut, File.ReadAllBytes(path));
        File.WriteAllBytes(path, [.. "not a results file, no end of line"u8]);
        Assert.Contains("not a netsym sweep results file", Assert.Throws<ModelFileException>(() => SweepResultsWriter.Resume(path, plan, SweepShard.All, out _)).Problem);
        Assert.Equal("not a results file, no end of line", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(0, "1,2,1,0,", "1,2,1,9,", "not in the plan's grid")]
    [InlineData(1, ",true,", ",false,", "full is false")]
    [InlineData(2, ",exact,", ",float,", "method 'float'")]
    [InlineData(3, ",exact,", ",exact,,", "fields")]
    public void A_corrupted_line_is_reported_with_its_number(int line, string from, string to, string message)
    {
        var plan = SweepTestPlans.Small(points: "6x");
        var results = SweepTestPlans.RunAll(plan);
        var lines = Text(plan, results).Split('\n').ToList();
        int index = 3 + line + lines.Skip(3 + line).TakeWhile(l => !l.Contains(from)).Count();
        lines[index] = lines[index].Replace(from, to);
        var e = Rejected(string.Join('\n', lines));
        Assert.StartsWith($"line {index + 1}: ", e.Problem);
        Assert.Contains(message, e.Problem);
    }

    [Fact]
    public void Inconsistent_numbers_are_caught()
    {
        var plan = SweepTestPlans.Small();
        var r = SweepTestPlans.RunAll(plan)[0];
        string header = SweepResultsFile.Header(plan);
        Assert.Contains("seeds", Rejected(header + SweepResultsFile.FormatLine(r with { Seeds = r.Seeds with { Network = r.Seeds.Network + 1 } })).Problem);
        Assert.Contains("parameters", Rejected(header + SweepResultsFile.FormatLine(r with { Parameters = r.Parameters + 1 })).Problem);
        Assert.Contains("batch", Rejected(header + SweepResultsFile.FormatLine(r with { Points = r.Points + 1 })).Problem);
        Assert.Contains("exceeds", Rejected(header + SweepResultsFile.FormatLine(r with { Rank = r.Bound + 1 })).Problem);
        Assert.Contains("already on line 4", Rejected(header + SweepResultsFile.FormatLine(r) + SweepResultsFile.FormatLine(r)).Problem);
    }

    [Theory]
    [InlineData("", "line 1: the file is empty")]
    [InlineData("hello\n", "line 1: not a netsym sweep results file")]
    [InlineData("# netsym sweep results, format 9\n", "line 1: unsupported format")]
    [InlineData("# netsym sweep results, format 2\n", "line 2: the header ends early")]
    [InlineData("# netsym sweep results, format 2\n# plan: widths=2\n", "line 2: bad plan")]
    public void Headers_are_checked(string text, string message) => Assert.StartsWith(message, Rejected(text).Problem);

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_on_their_line()
    {
        var plan = SweepTestPlans.Small();
        byte[] bytes = [.. Encoding.UTF8.GetBytes(SweepResultsFile.Header(plan)), 0xff, 0xfe, (byte)'\n'];
        var e = Assert.Throws<ModelFileException>(() => SweepResultsFile.Parse(bytes, "r.csv"));
        Assert.Equal("line 4: not UTF-8 text", e.Problem);
    }

    [Fact]
    public void Resume_refuses_another_plan_and_another_shard_s_trials_without_touching_the_file()
    {
        var plan = SweepTestPlans.Small();
        var results = SweepTestPlans.RunAll(plan, new SweepShard(1, 2));
        string path = PathOf("r.csv");
        File.WriteAllText(path, Text(plan, results));
        byte[] before = File.ReadAllBytes(path);

        var e = Assert.Throws<ModelFileException>(() => SweepResultsWriter.Resume(path, SweepTestPlans.Small(seed: 9), new SweepShard(1, 2), out _));
        Assert.StartsWith("line 2: the file holds another plan's results (seed: 3 in the file, 9 now)", e.Problem);
        e = Assert.Throws<ModelFileException>(() => SweepResultsWriter.Resume(path, plan, new SweepShard(0, 2), out _));
        Assert.StartsWith("line 4: ", e.Problem);
        Assert.Contains("not in shard 0/2", e.Problem);
        Assert.Equal(before, File.ReadAllBytes(path));

        using (SweepResultsWriter.Resume(path, plan, new SweepShard(1, 2), out var done)) Assert.Equal(results.Count, done.Count);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_new_file_never_overwrites_an_old_one_and_resume_creates_a_missing_one()
    {
        var plan = SweepTestPlans.Small();
        string path = PathOf("r.csv");
        File.WriteAllText(path, "precious");
        Assert.Throws<ModelFileException>(() => SweepResultsWriter.Create(path, plan));
        Assert.Equal("precious", File.ReadAllText(path));
        string fresh = PathOf("new.csv");
        using (SweepResultsWriter.Resume(fresh, plan, SweepShard.All, out var done)) Assert.Empty(done);
        Assert.Equal(SweepResultsFile.Header(plan), File.ReadAllText(fresh));
    }
}
