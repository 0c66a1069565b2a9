using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace CrmSuite.AppHost;

/// <summary>
/// Secrets for a local run: taken from configuration when given, otherwise generated once and kept
/// (owner-readable only) under the git-ignored data folder, so restarts keep working.
/// </summary>
public sealed class LocalSecrets(IConfiguration configuration, string directory)
{
    public string Get(string configurationKey, string fileName, Func<string>? generate = null)
    {
        if (configuration[configurationKey] is { Length: > 0 } configured)
        {
            return configured;
        }
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(directory);
        var secret = generate?.Invoke() ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }
}
