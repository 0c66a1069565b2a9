using Microsoft.Extensions.Options;

namespace CrmSuite.Scheduling.Api.WebPush;

public static class WebPushExtensions
{
    /// <summary>Browser notifications: the options (off without a VAPID key pair), the sender and the targets query.</summary>
    public static IHostApplicationBuilder AddSchedulingWebPush(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebPushOptions>().BindConfiguration(WebPushOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WebPushOptions>, ProblemValidation>();
        builder.Services.AddSingleton<WebPushSender>();
        builder.Services.AddScoped<PushTargets>();
        return builder;
    }

    /// <summary>Names the setting that is wrong in the start-up error.</summary>
    private sealed class ProblemValidation : IValidateOptions<WebPushOptions>
    {
        public ValidateOptionsResult Validate(string? name, WebPushOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
