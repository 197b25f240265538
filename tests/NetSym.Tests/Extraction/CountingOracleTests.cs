using NetSym.Extraction;
using NetSym.LinearAlgebra;
using NetSym.Networks;
using NetSym.Randomness;

namespace NetSym.Tests.Extraction;

/// <summary>The ledger counts exactly the rows the oracle evaluates, per label, and the budget is never exceeded.</summary>
public class CountingOracleTests
{
    private static readonly ExtractionStage[] Stages = Enum.GetValues<ExtractionStage>();

    private static QueryLabel RandomLabel(RandomStream random)
    {
        int layer = random.NextInt32(4);
        return new QueryLabel(Stages[random.NextInt32(Stages.Length)], layer == 0 ? null : layer);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LedgerCountEqualsTheOraclesOwnCountPerLabelAndStage(long seed)
    {
        var network = OracleTestData.Relu("5-8-6-2", seed);
        var inner = new NetworkOracle(network);
        var oracle = CountingOracle.Create(inner, "test", new OracleOptions());
        var random = RandomKey.FromSeed(seed).Split(RandomPurpose.Inputs).Stream();
        var expected = new Dictionary<QueryLabel, long>();
        var order = new List<QueryLabel>();
        for (int q = 0; q < 150; q++)
        {
            var label = RandomLabel(random);
            var x = RandomNetworks.GaussianInputs(random.NextInt32(30), 5, random.Key.Split(q));
            long before = inner.RowsEvaluated;
            var y = oracle.Query(label, x);
            long spent = inner.RowsEvaluated - before;
            if (spent > 0 && !expected.ContainsKey(label)) order.Add(label);
            if (spent > 0) expected[label] = expected.GetValueOrDefault(label) + spent;
            // Without options the answers are the oracle's own.
            Assert.Equal(Forward.Evaluate(network, x, LinearAlgebraBackends.Default).Data, y.Data);
        }
        Assert.Equal(inner.RowsEvaluated, oracle.Ledger.Total);
        foreach (var (label, rows) in expected) Assert.Equal(rows, oracle.Ledger.Count(label));
        foreach (var stage in Stages)
            Assert.Equal(expected.Where(e => e.Key.Stage == stage).Sum(e => e.Value), oracle.Ledger.Count(stage));
        Assert.Equal(order, oracle.Ledger.Entries.Select(e => e.Label));
        Assert.Equal(order.Select(l => expected[l]), oracle.Ledger.Entries.Select(e => e.Rows));
        Assert.Null(oracle.Ledger.Remaining);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(3, 257)]
    [InlineData(4, 1000)]
    public void BudgetIsNeverExceededAndARefusalCarriesTheLedger(long seed, long budget)
    {
        var inner = new NetworkOracle(OracleTestData.Relu("4-6-3", seed));
        var oracle = CountingOracle.Create(inner, "test", new OracleOptions { MaxQueries = budget });
        var random = RandomKey.FromSeed(seed).Split(RandomPurpose.Inputs).Stream();
        int refusals = 0;
        for (int q = 0; q < 200; q++)
        {
            var label = RandomLabel(random);
            int rows = random.NextInt32(50);
            long total = oracle.Ledger.Total, evaluated = inner.RowsEvaluated;
            try
            {
                oracle.Query(label, RandomNetworks.GaussianInputs(rows, 4, random.Key.Split(q)));
                Assert.True(total + rows <= budget);
            }
            catch (QueryBudgetExceededException e)
            {
                refusals++;
                Assert.True(total + rows > budget);
                Assert.Same(oracle.Ledger, e.Ledger);
                Assert.Equal(label, e.Label);
                Assert.Equal(rows, e.Rows);
                // Refused whole: nothing evaluated, nothing counted.
                Assert.Equal(evaluated, inner.RowsEvaluated);
                Assert.Equal(total, oracle.Ledger.Total);
                Assert.Contains(label.ToString(), e.Message);
            }
            Assert.True(oracle.Ledger.Total <= budget);
            Assert.Equal(inner.RowsEvaluated, oracle.Ledger.Total);
        }
        Assert.True(refusals > 0);

        // The budget can be spent to the last row, and not one row further.
        long left = oracle.Ledger.Remaining!.Value;
        oracle.Query(new QueryLabel(ExtractionStage.Verification), RandomNetworks.GaussianInputs((int)left, 4, random.Key.Split("rest")));
        Assert.Equal(0, oracle.Ledger.Remaining);
        Assert.Throws<QueryBudgetExceededException>(() => oracle.Query(new QueryLabel(ExtractionStage.Sweep, 1), new Matrix(1, 4)));
        Assert.Equal(budget, inner.RowsEvaluated);
        // An empty query costs nothing and is always answered.
        Assert.Equal(0, oracle.Query(new QueryLabel(ExtractionStage.Sweep, 1), new Matrix(0, 4)).Rows);
    }

    [Fact]
    public void AQueryOfTheWrongWidthIsACallerBugAndCostsNothing()
    {
        var inner = new NetworkOracle(OracleTestData.Relu("4-6-3", 5));
        var oracle = CountingOracle.Create(inner, "test", new OracleOptions { MaxQueries = 10 });
        var e = Assert.Throws<ArgumentException>(() => oracle.Query(new QueryLabel(ExtractionStage.Sweep), new Matrix(2, 5)));
        Assert.Contains("5 columns", e.Message);
        Assert.Equal(0, oracle.Ledger.Total);
        Assert.Equal(0, inner.RowsEvaluated);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void ANonFiniteInputIsACallerBugAndCostsNothing(double value)
    {
        var inner = new NetworkOracle(OracleTestData.Relu("4-6-3", 5));
        var oracle = CountingOracle.Create(inner, "test", new OracleOptions());
        var x = new Matrix(3, 4);
        x[2, 1] = value;
        var e = Assert.Throws<ArgumentException>(() => oracle.Query(new QueryLabel(ExtractionStage.Sweep), x));
        Assert.Contains("row 2", e.Message);
        Assert.Contains("coordinate 1", e.Message);
        Assert.Equal(0, oracle.Ledger.Total);
        Assert.Equal(0, inner.RowsEvaluated);
    }

    [Fact]
    public void ANegativeBudgetIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CountingOracle.Create(new NetworkOracle(OracleTestData.Relu("2-3-1", 1)), "test", new OracleOptions { MaxQueries = -1 }));

    [Fact]
    public void ConcurrentQueriesAreCountedExactlyAndStayWithinTheBudget()
    {
        var inner = new NetworkOracle(OracleTestData.Relu("3-5-1", 6));
        var oracle = CountingOracle.Create(inner, "test", new OracleOptions { MaxQueries = 1000 });
        int refused = 0;
        Parallel.For(0, 64, i =>
        {
            try { oracle.Query(new QueryLabel(ExtractionStage.Sweep, 1 + i % 2), new Matrix(17, 3)); }
            catch (QueryBudgetExceededException) { Interlocked.Increment(ref refused); }
        });
        // 58 queries of 17 rows fit in 1,000 (986 rows); the other 6 are refused.
        Assert.Equal(6, refused);
        Assert.Equal(986, oracle.Ledger.Total);
        Assert.Equal(inner.RowsEvaluated, oracle.Ledger.Total);
    }
}
