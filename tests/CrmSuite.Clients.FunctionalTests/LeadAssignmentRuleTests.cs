using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Google.Rpc;
using Grpc.Core;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>Segmentation: the first matching rule assigns each captured lead, whatever the channel.</summary>
public sealed class LeadAssignmentRuleTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private const string Site = "https://rules.example.com";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Leads.LeadsClient Admin => api.LeadsAs(LeadsApi.Admin);

    [Fact]
    public async Task A_rule_on_the_source_assigns_web_form_leads_and_leaves_API_leads_alone()
    {
        await SaveRulesAsync(new AssignmentRule { Name = "Site leads to Anna", Source = LeadSource.WebForm, ManagerUserIds = { TestUser.ManagerAnna.Id }, TeamId = "team-north" });

        var fromForm = await SubmitFormAsync("Form Visitor");
        var fromApi = await Admin.CreateLeadAsync(new CreateLeadRequest { PersonName = "API Person", Email = "api@example.com" }, cancellationToken: Ct);

        Assert.Equal(TestUser.ManagerAnna.Id, fromForm.OwnerUserId);
        Assert.Equal("team-north", fromForm.TeamId);
        Assert.Equal("", fromApi.OwnerUserId);
        // Anna sees the lead the rule gave her.
        var annas = await api.LeadsAs(TestUser.ManagerAnna).ListLeadsAsync(new ListLeadsRequest(), cancellationToken: Ct);
        Assert.Contains(annas.Leads, l => l.Id == fromForm.Id);
    }

    [Fact]
    public async Task Region_and_tag_must_both_match_and_the_first_matching_rule_wins()
    {
        await SaveRulesAsync(
            new AssignmentRule { Name = "Moscow VIPs", Region = "Москва", Tag = "VIP", ManagerUserIds = { TestUser.ManagerOleg.Id } },
            new AssignmentRule { Name = "Moscow", Region = "москва", ManagerUserIds = { TestUser.ManagerBoris.Id } },
            new AssignmentRule { Name = "Everything else", ManagerUserIds = { TestUser.ManagerAnna.Id } });

        var vip = await CreateAsync("VIP in Moscow", "Москва", "vip", "wholesale");
        var plain = await CreateAsync("Plain Moscow", "Москва");
        var vipElsewhere = await CreateAsync("VIP in Kazan", "Казань", "vip");

        Assert.Equal(TestUser.ManagerOleg.Id, vip.OwnerUserId);
        Assert.Equal(TestUser.ManagerBoris.Id, plain.OwnerUserId);
        Assert.Equal(TestUser.ManagerAnna.Id, vipElsewhere.OwnerUserId);
        var audit = Assert.Single(await api.AuditAsync("clients.lead.captured"), e => e.GetProperty("entityId").GetString() == vip.Id);
        Assert.Equal("Moscow VIPs", audit.GetProperty("details").GetProperty("assignedByRule").GetString());
    }

    [Fact]
    public async Task Round_robin_hands_leads_to_each_manager_in_turn_and_keeps_its_turn_when_rules_are_reordered()
    {
        var saved = await SaveRulesAsync(new AssignmentRule
        {
            Name = "Phone round robin",
            Tag = "rr",
            ManagerUserIds = { TestUser.ManagerAnna.Id, TestUser.ManagerBoris.Id, TestUser.ManagerOleg.Id },
        });

        var owners = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            owners.Add((await CreateAsync($"Round {i}", "", "rr")).OwnerUserId);
        }
        Assert.Equal([TestUser.ManagerAnna.Id, TestUser.ManagerBoris.Id, TestUser.ManagerOleg.Id, TestUser.ManagerAnna.Id], owners);

        // Saving the list again with the rule's id (a new rule put before it) does not restart the turn.
        var rule = saved.Rules.Single();
        await SaveRulesAsync(new AssignmentRule { Name = "Unrelated", Tag = "other", ManagerUserIds = { TestUser.ManagerOleg.Id } }, rule);
        Assert.Equal(TestUser.ManagerBoris.Id, (await CreateAsync("Round 5", "", "rr")).OwnerUserId);
    }

    [Fact]
    public async Task Rules_are_checked_and_only_those_who_configure_may_save_them()
    {
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Admin.SaveAssignmentRulesAsync(new SaveAssignmentRulesRequest
        {
            Rules = { new AssignmentRule { Name = "", ManagerUserIds = { } } },
        }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        var fields = invalid.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order();
        Assert.Equal(["rules[0].manager_user_ids", "rules[0].name"], fields);

        var refused = await Assert.ThrowsAsync<RpcException>(() => api.LeadsAs(TestUser.Director).SaveAssignmentRulesAsync(new SaveAssignmentRulesRequest(), cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private async Task<AssignmentRules> SaveRulesAsync(params AssignmentRule[] rules) =>
        await Admin.SaveAssignmentRulesAsync(new SaveAssignmentRulesRequest { Rules = { rules } }, cancellationToken: Ct);

    private async Task<Lead> CreateAsync(string name, string region, params string[] tags) =>
        await Admin.CreateLeadAsync(new CreateLeadRequest { PersonName = name, Phone = "+7 903 100-00-00", Region = region, Tags = { tags } }, cancellationToken: Ct);

    private async Task<Lead> SubmitFormAsync(string name)
    {
        var form = await api.CreateFormAsync(Site);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/forms/{form.PublicKey}/submit")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["person_name"] = name, ["email"] = "visitor@example.com" }),
        };
        request.Headers.Add("X-Forwarded-For", api.NewVisitorAddress());
        using var response = await api.Anonymous.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        return Assert.Single(await api.AllLeadsAsync(), l => l.PersonName == name);
    }
}
