using System.Globalization;
using Microsoft.Playwright;

namespace Booking.BrowserTests;

/// <summary>The reports page: a branch and a range chosen in its form, a chart and a table per report, CSV links.</summary>
public sealed class ReportsPage(IPage page)
{
    public ILocator Chart(string id) => page.Locator($"svg#{id}, svg[aria-labelledby^='{id}-title']");

    public async Task OpenFromDeskAsync()
    {
        await page.GotoAsync("/desk");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Staff desk" }).GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await page.ArriveAtAsync("/reports");
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Chooses a branch (or "All branches") and local dates written yyyy-MM-dd, and shows them.</summary>
    public async Task ShowAsync(string branch, string from, string to)
    {
        await page.GetByLabel("Branch", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = branch });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(from);
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(to);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.ArriveAtAsync("/reports");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Utilisation", Level = 2 }).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }

    /// <summary>Downloads a table's CSV by its link and returns its file name and text.</summary>
    public async Task<(string FileName, string Text)> DownloadAsync(string caption)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = $"Download “{caption}” as CSV" }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }
}

/// <summary>The admin's audit log.</summary>
public sealed class AuditLogPage(IPage page)
{
    public async Task OpenFromAdminAsync()
    {
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.ArriveAtAsync("/admin/audit");
        await page.ShouldBeAccessibleAsync();
    }

    public async Task FilterAsync(string person, string action)
    {
        await page.GetByLabel("Person").FillAsync(person);
        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = action });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.ArriveAtAsync("/admin/audit");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await page.ShouldBeAccessibleAsync();
    }
}

/// <summary>
/// A report table's CSV download, read with CsvHelper the way a spreadsheet would, checked against the table the page
/// shows: UTF-8 with a byte order mark, the same header, and row by row the same figures (plain numbers, ISO dates,
/// percents as 0–100, an empty cell for the page's dash).
/// </summary>
public static class CsvDownloads
{
    /// <summary>
    /// Downloads the table's CSV and checks it; <paramref name="question"/> is for a survey question's file, which
    /// says its question in a first column (the page says it in the heading), and gives the file name to expect.
    /// </summary>
    public static async Task ShouldMatchTheTableAsync(IPage page, string caption, (string Text, string FileName)? question = null)
    {
        var table = page.GetByRole(AriaRole.Table, new() { Name = caption, Exact = true, IncludeHidden = true });
        var header = (await table.Locator("thead th").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        var rows = new List<List<string>>();
        var bodyRows = table.Locator("tbody tr");
        for (var i = 0; i < await bodyRows.CountAsync(); i++)
        {
            rows.Add((await bodyRows.Nth(i).Locator("th, td").AllTextContentsAsync()).Select(t => t.Trim()).ToList());
        }

        if (question is { } q)
        {
            header.Insert(0, "Question");
            rows.ForEach(row => row.Insert(0, q.Text));
        }

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = $"Download “{caption}” as CSV", Exact = true }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        if (question is { } named)
        {
            Assert.Equal(named.FileName, download.SuggestedFilename);
        }

        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.True(bytes is [0xEF, 0xBB, 0xBF, ..], $"{download.SuggestedFilename} has no UTF-8 byte order mark");

        using var csv = CsvHelper.CsvReader.Create(bytes[3..], null);
        Assert.Equal(header, csv.Headers.ToList());
        var records = new List<List<string>>();
        while (csv.Read())
        {
            records.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToList());
        }

        Assert.True(rows.Count == records.Count, $"{caption}: the page shows {rows.Count} rows, the CSV has {records.Count}");
        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(header.Count, records[r].Count);
            for (var c = 0; c < header.Count; c++)
            {
                Assert.True(SameCell(rows[r][c], records[r][c]), $"{caption}, row {r + 1}, “{header[c]}”: the page says “{rows[r][c]}”, the CSV “{records[r][c]}”");
            }
        }
    }

    // The page rounds for reading (whole percents, hours to a tenth); the CSV keeps a decimal more.
    private static bool SameCell(string shown, string written)
    {
        if (shown == "–")
        {
            return written.Length == 0;
        }

        if (shown == written || (shown is ['=' or '+' or '-' or '@', ..] && written == "'" + shown))
        {
            return true;
        }

        // The page writes dates and hours as its (English, US) reader does; the CSV in invariant forms.
        var english = CultureInfo.GetCultureInfo("en");
        if (DateOnly.TryParseExact(shown, "d", english, DateTimeStyles.None, out var date))
        {
            return written == date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (TimeOnly.TryParseExact(shown.Replace('\u202F', ' '), "h:mm tt", english, DateTimeStyles.None, out var hour))
        {
            return written == hour.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        var plain = written.Length > 0 && written.All(ch => char.IsAsciiDigit(ch) || ch is '.' or '-');
        if (shown.EndsWith(" %", StringComparison.Ordinal) && plain)
        {
            return Math.Abs(double.Parse(shown[..^2], CultureInfo.InvariantCulture) - double.Parse(written, CultureInfo.InvariantCulture)) <= 0.5;
        }

        return plain && double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && Math.Abs(number - double.Parse(written, CultureInfo.InvariantCulture)) <= 0.051;
    }
}

/// <summary>Screenshots of each report section on its own, so each chart can be looked at at a given width.</summary>
public static class ReportScreenshots
{
    /// <summary>One part of a page, for a closer look than the full page gives.</summary>
    public static async Task SavePartAsync(ILocator part, string name)
    {
        if (Screenshots.Wanted)
        {
            await part.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Screenshots.Folder, $"{name}.png") });
        }
    }

    public static async Task SaveEachSectionAsync(IPage page, string prefix, int width)
    {
        if (!Screenshots.Wanted)
        {
            return;
        }

        var sections = page.Locator("section.report");
        for (var i = 0; i < await sections.CountAsync(); i++)
        {
            var id = await sections.Nth(i).GetAttributeAsync("aria-labelledby") ?? i.ToString(CultureInfo.InvariantCulture);
            await sections.Nth(i).ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Screenshots.Folder, "reports", $"{prefix}-{id}-{width}px.png") });
        }
    }
}
