using NetSym.Extraction;
using NetSym.LinearAlgebra;

namespace NetSym.Tests.Extraction;

/// <summary>The monitor reports every query's label and total as the ledger has them, and keeps the oracle's own failures only.</summary>
public class MonitoredOracleTests
{
    private sealed class Recorder : IProgress<QueryProgress>
    {
        public List<QueryProgress> Reports { get; } = [];

        public void Report(QueryProgress value) => Reports.Add(value);
    }

    [Fact]
    public void AnExtractionsReportsFollowItsLedger()
    {
        var recorder = new Recorder();
        var (oracle, monitor) = MonitoredOracle.Create(new NetworkOracle(ShallowTruth.Create(4, 5, 1, 1)), "truth", new OracleOptions(), recorder);
        var result = DeepExtractor.Extract(oracle, new ExtractionOptions { Seed = 1 }, LinearAlgebraBackends.Default);
        Assert.True(result.Complete);
        var reports = recorder.Reports;
        Assert.NotEmpty(reports);
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.First.Total < p.Second.Total), "totals rise with every query");
        Assert.Equal(oracle.Ledger.Total, reports[^1].Total);
        Assert.Equal(oracle.Ledger.Entries.Select(e => e.Label), reports.Select(r => r.Label).Distinct());
        Assert.Null(monitor.Failure);
        Assert.Equal(reports[^1].Label, monitor.LastLabel);
    }

    [Fact]
    public void TheOraclesOwnFailureIsKeptButABudgetStopIsNot()
    {
        var nan = new DelegateOracle(2, 1, x => new Matrix(x.Rows, 1, [.. Enumerable.Repeat(double.NaN, x.Rows)]));
        var (broken, brokenMonitor) = MonitoredOracle.Create(nan, "nan", new OracleOptions());
        var stopped = DeepExtractor.Extract(broken, new ExtractionOptions(), LinearAlgebraBackends.Default);
        Assert.False(stopped.Complete);
        Assert.Contains("answered NaN at row 0, output 0", brokenMonitor.Failure!.Message);

        var (limited, limitedMonitor) = MonitoredOracle.Create(new NetworkOracle(ShallowTruth.Create(3, 3, 1, 2)), "truth", new OracleOptions { MaxQueries = 50 });
        Assert.Contains("budget", DeepExtractor.Extract(limited, new ExtractionOptions(), LinearAlgebraBackends.Default).Failure!.Reason);
        Assert.Null(limitedMonitor.Failure);
    }
}
