using System.Runtime.InteropServices;
using NetSym.IO;

namespace NetSym.Cli;

/// <summary>
/// Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGQUIT still stop netsym at once, as by default, but first
/// delete the temporary files of the writes in progress (<see cref="AtomicFile"/>), so a stopped
/// write leaves neither a partial file nor a temporary one. A sweep's results file keeps its whole
/// lines, and its lock goes with the process.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    private StopSignals(PosixSignalRegistration[] registrations) => _registrations = registrations;

    /// <summary>Handles the signals until disposed (a registration that is collected stops handling, so keep it).</summary>
    public static StopSignals Register() => new(
        [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(signal => PosixSignalRegistration.Create(signal, _ => AtomicFile.DeleteTemporaryFiles()))]);

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
    }
}
