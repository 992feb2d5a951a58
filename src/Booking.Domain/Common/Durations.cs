using System.Globalization;
using Humanizer;

namespace Booking.Domain.Common;

/// <summary>A length of time as a person says it, e.g. "1 hour", "24 hours", "30 minutes", "7 days" ("24 horas" in Spanish), by Humanizer.</summary>
public static class Durations
{
    /// <summary>
    /// The largest whole unit that says <paramref name="span"/> exactly: days only beyond two days (so "48 hours",
    /// not "2 days"), then hours, else minutes (any seconds are dropped); in <paramref name="culture"/> (English by default).
    /// </summary>
    public static string InWords(TimeSpan span, CultureInfo? culture = null)
    {
        var minutes = Math.Floor(span.TotalMinutes);
        var unit = minutes % 1440 == 0 && minutes > 2880 ? TimeUnit.Day : minutes % 60 == 0 && minutes > 0 ? TimeUnit.Hour : TimeUnit.Minute;
        return TimeSpan.FromMinutes(minutes).Humanize(culture: culture ?? CultureInfo.GetCultureInfo(Languages.Default), maxUnit: unit, minUnit: TimeUnit.Minute);
    }
}
