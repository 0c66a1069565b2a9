using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests;

public sealed class RpcErrorsTests
{
    [Fact]
    public void Field_violations_become_one_message_per_field()
    {
        var exception = Calls.Invalid(("inn", "Too short."), ("inn", "Digits only."), ("email", "Not an email."));

        var errors = RpcErrors.FieldErrors(exception);

        Assert.Equal("Too short. Digits only.", errors["inn"]);
        Assert.Equal("Not an email.", errors["email"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_field_named_the_JSON_way_still_finds_its_input()
    {
        var errors = RpcErrors.FieldErrors(Calls.Invalid(("fullName", "Required.")));

        Assert.Equal("Required.", errors["full_name"]);
    }

    [Fact]
    public void An_error_without_details_has_no_field_messages()
    {
        Assert.Empty(RpcErrors.FieldErrors(Calls.Error(StatusCode.InvalidArgument, "bad")));
        Assert.Empty(RpcErrors.FieldErrors(Calls.Error(StatusCode.Unavailable)));
    }

    [Theory]
    [InlineData(StatusCode.Aborted, "changed")]
    [InlineData(StatusCode.NotFound, "no access")]
    [InlineData(StatusCode.PermissionDenied, "not allowed")]
    [InlineData(StatusCode.Internal, "not available")]
    public void Each_failure_is_explained_in_plain_words(StatusCode code, string words)
    {
        Assert.Contains(words, RpcErrors.Describe(Calls.Error(code)).En, StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_of_fields_the_form_does_not_show_are_kept_for_the_summary()
    {
        var errors = new ErrorState();

        errors.Show(Calls.Invalid(("name", "Required."), ("owner_user_id", "Unknown owner.")));

        Assert.Equal(Texts.Errors.InvalidInput, errors.Summary);
        Assert.Equal(["Unknown owner."], errors.OtherThan(["name", "inn"]));
    }
}
