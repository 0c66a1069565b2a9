using System.Globalization;
using Grpc.Core;

namespace CrmSuite.Gateway.Session;

/// <summary>
/// Attaches the signed-in user's access token, and the language the person sees the staff UI in
/// (<c>accept-language</c>: a service's own messages, e.g. an import's line notes, come back in it),
/// to every gRPC call of the staff UI. The clients live
/// in the circuit's scope: when the circuit ends (tab closed, connection lost) while a call is
/// starting, that scope and the circuit's connection are disposed under it. Such a call has nobody
/// left to answer, so it ends as cancelled instead of failing with ObjectDisposedException (which
/// gRPC logs with the failed status as if it were a fault).
/// </summary>
public static class UserCallCredentials
{
    public static async Task AttachAsync(AuthInterceptorContext context, Metadata metadata, IServiceProvider circuitServices)
    {
        // The circuit's culture (chosen from the browser or the person's choice) flows into the call.
        metadata.Add("accept-language", CultureInfo.CurrentUICulture.Name.Length > 0 ? CultureInfo.CurrentUICulture.Name : "en");
        string? token;
        try
        {
            token = await circuitServices.GetRequiredService<UserAccessTokens>().GetAsync(context.CancellationToken);
        }
        catch (ObjectDisposedException)
        {
            // Deliberately not chained: the disposal is the circuit ending, not an error to report.
            throw new OperationCanceledException("The call was cancelled: the user's circuit ended.", context.CancellationToken);
        }
        if (token is not null)
        {
            metadata.Add("Authorization", "Bearer " + token);
        }
    }
}
