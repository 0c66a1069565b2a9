// TEMPORARY: stands in for the compiler branch (s16-compiler) until it is merged; deleted at that
// merge (the real BpmnCompiler and TimerSchedule live in Processes/Model). Durations only, no cycles.
namespace CrmSuite.Scheduling.Api.Processes.Model;

public static class BpmnCompiler
{
    public static CompileResult Compile(string? xml) =>
        new(null, [new CompileProblem(string.Empty, string.Empty, "not_ready", "The BPMN compiler is not installed yet", "Компилятор BPMN ещё не установлен")]);
}

public static class TimerSchedule
{
    public static DateTimeOffset DueAfterStart(this TimerSpec timer, DateTimeOffset startedAt, TimeZoneInfo zone) =>
        startedAt + System.Xml.XmlConvert.ToTimeSpan(timer.Duration!);

    public static DateTimeOffset? NextAfter(this TimerSpec timer, DateTimeOffset after, TimeZoneInfo? zone = null) =>
        timer.Date is { } date && date > after ? date : null;
}
