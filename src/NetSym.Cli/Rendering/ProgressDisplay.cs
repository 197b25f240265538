using Spectre.Console;

namespace NetSym.Cli.Rendering;

/// <summary>
/// Progress of long work, shown only when it is <c>visible</c> (stdout a terminal and no --json), so
/// that piped output stays clean: a sequence of named steps, or one library computation reporting
/// <see cref="ProgressReport"/>s. Either way: stage, bar, fraction, time left.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs the steps in order and returns their results.</summary>
    public static IReadOnlyList<T> Run<T>(IAnsiConsole console, bool visible, IReadOnlyList<(string Description, Func<T> Work)> steps)
    {
        if (!visible) return [.. steps.Select(s => s.Work())];
        return Display(console).Start(context =>
        {
            var tasks = steps.Select(s => context.AddTask(Markup.Escape(s.Description), autoStart: false, maxValue: 1)).ToList();
            var results = new List<T>(steps.Count);
            for (int i = 0; i < steps.Count; i++)
            {
                tasks[i].StartTask();
                results.Add(steps[i].Work());
                tasks[i].Increment(1);
                tasks[i].StopTask();
            }
            return results;
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/>, handing it a sink for its progress reports when visible (null
    /// otherwise, so that the library does no reporting at all), and shows "title: stage" with the
    /// fraction of stages done and the time left estimated from the pace so far.
    /// </summary>
    public static T Track<T>(IAnsiConsole console, bool visible, string title, Func<IProgress<ProgressReport>?, T> work)
    {
        if (!visible) return work(null);
        return Display(console).Start(context =>
        {
            var task = context.AddTask(Markup.Escape(title), maxValue: 1);
            return work(new TaskProgress(task, title));
        });
    }

    private static Progress Display(IAnsiConsole console) => console.Progress().AutoClear(true).Columns(
        new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    /// <summary>
    /// Moves a Spectre task as reports arrive, synchronously on the computing thread (Progress&lt;T&gt;
    /// would post them to the thread pool and could show them out of order).
    /// </summary>
    private sealed class TaskProgress(ProgressTask task, string title) : IProgress<ProgressReport>
    {
        public void Report(ProgressReport value)
        {
            task.Description = Markup.Escape($"{title}: {value.Stage}");
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done + value.StageFraction;
        }
    }
}
