using OrleansScheduler.Redis;

namespace OrleansScheduler.Firing;

/// <summary>A history entry for skipped occurrences, with what it stands for: the latest occurrence it covers and how many.</summary>
/// <param name="Entry">The history entry (status <see cref="RunStatus.Skipped"/>); its run id names its claim.</param>
/// <param name="Covers">The latest occurrence the entry stands for.</param>
/// <param name="Count">How many occurrences it stands for: 1, or more for a summary of older ones.</param>
internal sealed record SkippedOccurrence(HistoryEntry Entry, DateTimeOffset Covers, long Count);
