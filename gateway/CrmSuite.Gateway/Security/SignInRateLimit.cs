namespace CrmSuite.Gateway.Security;

public static class SignInRateLimit
{
    /// <summary>Named in the YARP routes of the sign-in page and the token endpoint.</summary>
    public const string PolicyName = "signin";
    public const string PermitsKey = "Gateway:SignInPermitsPerMinute";
}
