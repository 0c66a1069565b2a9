using System.Globalization;
using CrmSuite.Scheduling.Api.Items;

namespace CrmSuite.Scheduling.Api.Overdue;

/// <summary>What the overdue job's notifications say, in the reader's language (Russian unless they chose English).</summary>
public static class OverdueText
{
    private const int MaxLength = 300;
    private static readonly CultureInfo Ru = CultureInfo.GetCultureInfo("ru-RU");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The due time in the task's own zone.</summary>
    private static string Due(ScheduledItem task, bool english)
    {
        var culture = english ? En : Ru;
        return task.AllDay ? task.StartLocal.ToString("d MMMM yyyy", culture) : task.StartLocal.ToString("d MMMM yyyy, HH:mm", culture);
    }

    public static string Overdue(ScheduledItem task, bool english) => Cut(english
        ? $"Task “{task.Title}” is overdue: it was due {Due(task, true)}"
        : $"Задача «{task.Title}» просрочена: срок был {Due(task, false)}");

    public static string Escalation(ScheduledItem task, string assigneeName, int hours, bool english) => Cut(english
        ? $"{assigneeName}'s task “{task.Title}” is over {hours} h overdue: it was due {Due(task, true)}"
        : $"Задача «{task.Title}» ({assigneeName}) просрочена больше чем на {hours} ч: срок был {Due(task, false)}");

    public static string Digest(int count, IReadOnlyList<string> titles, bool english)
    {
        var named = string.Join("; ", titles.Select(t => english ? $"“{t}”" : $"«{t}»"));
        var more = count - titles.Count;
        var text = english
            ? $"Overdue tasks in your team: {count}." + (named.Length > 0 ? " " + named : string.Empty) + (more > 0 ? $" and {more} more" : string.Empty)
            : $"Просроченных задач в команде: {count}." + (named.Length > 0 ? " " + named : string.Empty) + (more > 0 ? $" и ещё {more}" : string.Empty);
        return Cut(text);
    }

    private static string Cut(string value) => value.Length > MaxLength ? value[..(MaxLength - 1)] + "…" : value;
}
