using System.Text.Json;
using CrmSuite.BuildingBlocks.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CrmSuite.BuildingBlocks.Grpc;

/// <summary>
/// JSON transcoding answers errors with a google.rpc.Status body. REST callers expect RFC 9457
/// problem+json naming each bad field, so error answers of the REST surface are rewritten here.
/// Successful answers pass through untouched (buffered only until the status is known).
/// </summary>
public sealed class RestProblemDetailsMiddleware(RequestDelegate next)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode >= 400 && IsJson(context.Response.ContentType))
        {
            await WriteProblemAsync(context, buffer);
            return;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        && !contentType.Contains("problem+json", StringComparison.OrdinalIgnoreCase);

    private static async Task WriteProblemAsync(HttpContext context, MemoryStream buffer)
    {
        var detail = ReadStatusMessage(buffer);
        var status = context.Response.StatusCode;
        ProblemDetails problem;
        if (context.Items.TryGetValue(ErrorMappingInterceptor.FieldErrorsItem, out var value) && value is IReadOnlyList<FieldError> errors)
        {
            problem = new ValidationProblemDetails(errors
                .GroupBy(e => ToCamelCase(e.Field))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()))
            {
                Title = "One or more fields are invalid.",
                Detail = detail,
            };
        }
        else
        {
            problem = new ProblemDetails { Title = TitleFor(status), Detail = detail };
        }
        problem.Status = status;
        problem.Type = $"https://httpstatuses.io/{status}";
        problem.Instance = context.Request.Path;

        context.Response.ContentLength = null;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(problem, problem.GetType(), Json), context.RequestAborted);
    }

    private static string? ReadStatusMessage(MemoryStream buffer)
    {
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            return doc.RootElement.TryGetProperty("message", out var message) ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string TitleFor(int status) => status switch
    {
        400 => "The request is invalid.",
        401 => "Sign-in is required.",
        403 => "You are not allowed to do this.",
        404 => "Not found.",
        409 => "The record was changed by someone else.",
        _ => "The request failed.",
    };

    internal static string ToCamelCase(string snake)
    {
        var parts = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0
            ? snake
            : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}

public static class RestProblemDetailsExtensions
{
    public static IApplicationBuilder UseRestProblemDetails(this IApplicationBuilder app) =>
        app.UseMiddleware<RestProblemDetailsMiddleware>();
}
