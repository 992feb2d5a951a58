using System.Runtime.InteropServices;

namespace Booking.Data;

/// <summary>
/// Gives back to the system, every few seconds, the memory glibc's <c>malloc</c> holds free (README "Performance",
/// "Where the peak RSS is reached"). The runtime's JIT and the native libraries allocate through <c>malloc</c>; a JIT
/// compile of a big method borrows 10-15 MB for a moment, and glibc's arenas (one a thread, up to 8 a core) keep what
/// is freed for the life of the process: about 40 MB of a node's resident memory after the benchmark's load.
/// </summary>
public static class NativeHeap
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(10);
    private static readonly Lock Gate = new();
    private static Timer? _trimming;

    /// <summary>Starts the trimming (once a process); false where there is no glibc to ask.</summary>
    public static bool KeepSmall()
    {
        if (!OperatingSystem.IsLinux() || TrimNow() is null)
        {
            return false;
        }

        lock (Gate)
        {
            _trimming ??= new Timer(static _ => TrimNow(), null, Period, Period);
        }

        return true;
    }

    /// <summary>
    /// <c>malloc_trim(0)</c>: the free pages of every arena go back to the system (whole pages only; a block in use
    /// keeps its page). True when some memory was given back, null when this is not glibc (musl, for one).
    /// </summary>
    public static bool? TrimNow()
    {
        try
        {
            return Trim(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    // DllImport rather than LibraryImport: one call with one number needs no marshalling code, nor unsafe code here.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int Trim(nuint pad);
}
