using System.Text.Json.Nodes;
using CrmSuite.PubSubEmulator.Subscriptions;

namespace CrmSuite.PubSubEmulator.Tests;

/// <summary>Routing rules (<c>routes.rules[].match</c>) evaluated against the CloudEvent, no I/O.</summary>
public sealed class RouteMatcherTests
{
    private static readonly JsonObject InvoicePaid = JsonNode.Parse("""
        {
          "id": "1", "type": "crm.invoice.paid", "source": "documents", "topic": "invoices",
          "data": { "total": 1250.50, "currency": "EUR", "overdue": false, "customer": { "tier": "gold" } }
        }
        """)!.AsObject();

    private static AppSubscription Subscription(string? defaultRoute, params RouteRule[] rules) =>
        new("billing", new Uri("http://127.0.0.1:5000"), "pubsub", "invoices", rules, defaultRoute, null, new Dictionary<string, string>());

    [Fact]
    public void The_first_matching_rule_decides_the_route()
    {
        var subscription = Subscription("/invoices",
            new RouteRule("event.type == \"crm.invoice.issued\"", "/issued"),
            new RouteRule("event.type == \"crm.invoice.paid\"", "/paid"),
            new RouteRule("event.source == 'documents'", "/from-documents"));

        Assert.Equal("/paid", RouteMatcher.SelectRoute(subscription, InvoicePaid));
    }

    [Fact]
    public void An_event_no_rule_matches_goes_to_the_default_route_or_nowhere_without_one()
    {
        var rule = new RouteRule("event.type == \"crm.invoice.cancelled\"", "/cancelled");

        Assert.Equal("/invoices", RouteMatcher.SelectRoute(Subscription("/invoices", rule), InvoicePaid));
        Assert.Null(RouteMatcher.SelectRoute(Subscription(null, rule), InvoicePaid));
    }

    [Theory]
    [InlineData("event.data.currency == \"EUR\" && event.data.total == 1250.5", true)]
    [InlineData("event.data.currency == \"USD\" || event.data.customer.tier == 'gold'", true)]
    [InlineData("(event.data.currency == \"USD\" || event.data.overdue == false) && event.type != \"crm.invoice.paid\"", false)]
    [InlineData("event.data.overdue == true", false)]
    [InlineData("event.data.missing == \"x\"", false)]
    [InlineData("\"crm.invoice.paid\" == event.type", true)]
    public void Comparisons_of_event_attributes_combine_with_and_or_and_parentheses(string match, bool expected)
    {
        Assert.Equal(expected, RouteMatcher.Matches(match, InvoicePaid));
    }

    [Theory]
    [InlineData("event.data.total > 1000")]
    [InlineData("event.type.startsWith(\"crm.\")")]
    [InlineData("size(event.data) == 5")]
    [InlineData("event.type == \"crm.invoice.paid\" &&")]
    public void Expressions_outside_the_supported_subset_are_refused_instead_of_guessed(string match)
    {
        Assert.Throws<UnsupportedMatchExpressionException>(() => RouteMatcher.Matches(match, InvoicePaid));
    }
}
