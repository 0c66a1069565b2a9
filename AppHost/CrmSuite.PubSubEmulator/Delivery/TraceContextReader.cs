using System.Diagnostics;

namespace CrmSuite.PubSubEmulator.Delivery;

internal static class TraceContextReader
{
    /// <summary>
    /// The trace the envelope carries: the current request's activity (ASP.NET Core continues the
    /// caller's <c>traceparent</c>), else the caller's headers as sent, else none.
    /// </summary>
    public static TraceContext From(HttpContext httpContext)
    {
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity)
        {
            return new TraceContext(activity.Id, activity.TraceStateString);
        }
        var headers = httpContext.Request.Headers;
        var traceParent = headers["traceparent"].ToString();
        var traceState = headers["tracestate"].ToString();
        return string.IsNullOrEmpty(traceParent)
            ? TraceContext.None
            : new TraceContext(traceParent, string.IsNullOrEmpty(traceState) ? null : traceState);
    }
}
