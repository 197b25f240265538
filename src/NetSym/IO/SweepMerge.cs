using NetSym.Sweep;

namespace NetSym.IO;

/// <summary>
/// Joins the results files of one plan (the shards of a cluster run, or pieces of a resumed run):
/// every file must carry the same plan; a trial found in several files must have the same outcome
/// in each (only the time may differ) and is kept once.
/// </summary>
public static class SweepMerge
{
    /// <summary>The plan and the union of the results, in canonical trial order.</summary>
    /// <exception cref="ArgumentException">No inputs.</exception>
    /// <exception cref="ModelFileException">A file holds another plan, or a trial whose outcome conflicts with another file's; the message names both files and lines.</exception>
    public static SweepMergeResult Merge(IReadOnlyList<SweepResultsFileContent> inputs)
    {
        if (inputs.Count == 0) throw new ArgumentException("merge needs at least one results file");
        var plan = inputs[0].Plan;
        var kept = new Dictionary<SweepTrial, (SweepResultsFileContent File, SweepResultsLine Line)>();
        int duplicates = 0;
        foreach (var input in inputs)
        {
            if (!input.Plan.Equals(plan))
                throw new ModelFileException(input.Path, $"line 2: another plan than {inputs[0].Path}'s ("
                    + string.Join("; ", input.Plan.DifferencesFrom(plan).Select(d => $"{d.Field}: {d.This} here, {d.Other} there")) + ")");
            foreach (var line in input.Lines)
            {
                if (!kept.TryGetValue(line.Result.Trial, out var first))
                {
                    kept.Add(line.Result.Trial, (input, line));
                    continue;
                }
                if (!first.Line.Result.SameOutcome(line.Result))
                    throw new ModelFileException(input.Path, $"line {line.Number}: trial ({line.Result.Trial}) has rank {line.Result.Rank} of bound {line.Result.Bound} "
                        + $"on {line.Result.Points} points, but {first.File.Path} line {first.Line.Number} has rank {first.Line.Result.Rank} of bound {first.Line.Result.Bound} on {first.Line.Result.Points} points");
                duplicates++;
            }
        }
        var results = kept.Values.Select(v => v.Line.Result).OrderBy(r => plan.Ordinal(r.Trial)).ToList();
        return new SweepMergeResult(plan, results, duplicates);
    }
}

/// <summary>What <see cref="SweepMerge.Merge"/> produced.</summary>
/// <param name="Plan">The common plan.</param>
/// <param name="Results">Every trial once, in canonical order.</param>
/// <param name="Duplicates">Lines dropped because an earlier file held the same trial with the same outcome.</param>
public sealed record SweepMergeResult(SweepPlan Plan, IReadOnlyList<SweepResult> Results, int Duplicates);
