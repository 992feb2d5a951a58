using System.Runtime.InteropServices;
using Booking.Data;

namespace Booking.IntegrationTests.Foundation;

/// <summary>What glibc's arenas hold free goes back to the system (README "Performance": the peak RSS).</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void OnGlibc_TheTrimmingStarts()
    {
        // The tests run on Debian: glibc.
        Assert.True(OperatingSystem.IsLinux());
        Assert.True(NativeHeap.KeepSmall());
        Assert.True(NativeHeap.KeepSmall()); // called again: harmless, the first timer stays the only one
    }

    [Fact]
    public void FreedBlocksInTheMiddleOfAnArena_GoBackToTheSystem()
    {
        // 64 MB in blocks under the mmap threshold (so in this thread's arena), written so that they are resident, and
        // one more after them, still in use, so the freed space is not the arena's top (which free() trims by itself).
        const int size = 8 * 1024;
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)1);
        var blocks = Enumerable.Range(0, 8 * 1024 + 1).Select(_ => Marshal.AllocHGlobal(size)).ToList();
        blocks.ForEach(block => Marshal.Copy(bytes, 0, block, size));
        var held = ResidentAnonymousMegabytes();
        try
        {
            blocks[..^1].ForEach(Marshal.FreeHGlobal);

            Assert.NotNull(NativeHeap.TrimNow());

            // Other tests run beside this one and allocate too: half of what was freed is plenty to tell.
            Assert.True(held - ResidentAnonymousMegabytes() >= 32, $"{held} MB before, {ResidentAnonymousMegabytes()} MB after");
        }
        finally
        {
            Marshal.FreeHGlobal(blocks[^1]);
        }
    }

    private static long ResidentAnonymousMegabytes() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
}
