using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Api;
using CrmSuite.Gateway.UI.Errors;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Tests.Fakes;
using Grpc.Core;

namespace CrmSuite.Gateway.UI.Tests;

/// <summary>The one place where a refused call to a service becomes what the page shows.</summary>
public sealed class ServiceCallTests
{
    [Fact]
    public async Task A_refused_call_answers_nothing_and_puts_the_summary_and_field_messages_on_the_page()
    {
        var errors = new ErrorState();

        var lead = await ServiceCall.RunAsync(Calls.Fail<Lead>(Calls.Invalid(("contact_name", "Name the contact."))), errors, TestContext.Current.CancellationToken);

        Assert.Null(lead);
        Assert.Equal(Texts.Errors.InvalidInput, errors.Summary);
        Assert.Equal("Name the contact.", errors.For("contactName"));
        Assert.Equal(StatusCode.InvalidArgument, errors.Status);
    }

    [Fact]
    public async Task An_answer_is_handed_back_and_leaves_the_page_s_messages_alone()
    {
        var errors = new ErrorState();
        errors.Show(Texts.Errors.Unavailable);

        var lead = await ServiceCall.RunAsync(Calls.Ok(new Lead { Id = "lead-1" }), errors, TestContext.Current.CancellationToken);

        Assert.Equal("lead-1", lead?.Id);
        Assert.Equal(Texts.Errors.Unavailable, errors.Summary);
    }

    [Fact]
    public async Task A_refusal_keeps_the_services_own_words_for_the_form_that_explains_it()
    {
        var errors = new ErrorState();
        var cancellationToken = TestContext.Current.CancellationToken;

        await ServiceCall.RunAsync(Calls.Fail<Lead>(Calls.Refused("lines[0].quantity", "Not enough BOLT-10 available.")), errors, cancellationToken);
        Assert.Equal("Not enough BOLT-10 available.", errors.Refusal);
        Assert.Equal(Texts.Errors.FailedPrecondition, errors.Summary);

        await ServiceCall.RunAsync(Calls.Fail<Lead>(Calls.Error(StatusCode.FailedPrecondition, "Warehouse MAIN is closed.")), errors, cancellationToken);
        Assert.Equal("Warehouse MAIN is closed.", errors.Refusal);

        await ServiceCall.RunAsync(Calls.Fail<Lead>(Calls.Invalid(("quantity", "Must be positive."))), errors, cancellationToken);
        Assert.Null(errors.Refusal);

        await ServiceCall.RunAsync(Calls.Fail<Lead>(Calls.Error(StatusCode.FailedPrecondition, "Closed.")), errors, cancellationToken);
        errors.Clear();
        Assert.Null(errors.Refusal);
    }

    [Fact]
    public async Task A_call_the_page_gave_up_on_shows_nothing()
    {
        var errors = new ErrorState();
        using var newerInput = new CancellationTokenSource();
        await newerInput.CancelAsync();

        var lead = await ServiceCall.RunAsync(Calls.Fail<Lead>(Calls.Error(StatusCode.Cancelled)), errors, newerInput.Token);

        Assert.Null(lead);
        Assert.Null(errors.Summary);
        Assert.Equal(0, errors.Shown);
    }
}
