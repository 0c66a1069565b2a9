namespace CrmSuite.ReliabilityTests;

/// <summary>What the kill tests share: a service's settings, and waiting for the database to say a run has settled.</summary>
internal static class KillTestKit
{
    /// <summary>The common settings (identity, logging) and this service's own.</summary>
    public static Dictionary<string, string> With(Dictionary<string, string> common, params (string Key, string Value)[] more)
    {
        var all = new Dictionary<string, string>(common);
        foreach (var (key, value) in more)
        {
            all[key] = value;
        }
        return all;
    }

    /// <summary>True once <paramref name="condition"/> holds, false if it still does not after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        return await condition();
    }
}
