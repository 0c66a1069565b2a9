using System.Text.Json;
using CrmSuite.Clients.Contracts.Events;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Contracts;
using CrmSuite.Testing;
using static CrmSuite.Scheduling.FunctionalTests.SchedulingApi;
using ClientsContracts = CrmSuite.Clients.Contracts;

namespace CrmSuite.Scheduling.FunctionalTests.Processes;

/// <summary>
/// "Company created" processes start from the events the real clients service queues in its outbox
/// (read from its database and posted as the sidecar would, under their outbox ids): a company
/// created on the card, and one made by a lead's conversion, which announces it twice
/// (CompanyCreated and LeadConverted) and still starts each process once.
/// </summary>
public sealed class CompanyCreatedTriggerTests(SchedulingApi api) : IClassFixture<SchedulingApi>
{
    private readonly ProcessTestKit _kit = new(api);

    [Fact]
    public async Task A_company_created_on_the_card_starts_the_company_process_once_named_after_it_and_owned_by_its_manager()
    {
        var process = await PublishAsync();
        var company = await new ClientsContracts.Companies.CompaniesClient(api.ClientsInvoker(People.Anna))
            .CreateCompanyAsync(new ClientsContracts.CreateCompanyRequest { Name = "ООО «Ромашка» " + Guid.NewGuid().ToString("N")[..6] }, cancellationToken: Ct);
        var (eventId, created) = await ClientsEventAsync(CompanyCreated.Topic, "companyId", company.Id);
        Assert.Equal((company.Name, People.Anna.Id, CompanyCreated.Manual), (created.GetProperty("name").GetString(), created.GetProperty("ownerUserId").GetString(),
            created.GetProperty("origin").GetString()));

        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/company-created", created, eventId));
        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/company-created", created, eventId));
        // Published again by the clients' relay under a new id: the same company still starts it once.
        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/company-created", created, Guid.NewGuid().ToString()));
        await _kit.RunAsync();

        var instance = Assert.Single(await InstancesAsync(process, company.Id));
        Assert.Equal(("Создана компания", company.Name), (instance.StartedBy, instance.Record.Name));
        Assert.Equal(People.Anna.Id, (await _kit.TaskAsync(instance.Id, "call", People.Anna)).AssigneeUserId);
    }

    [Fact]
    public async Task A_lead_converted_into_a_new_company_starts_the_company_process_once_though_two_events_announce_it()
    {
        var process = await PublishAsync();
        var leads = new ClientsContracts.Leads.LeadsClient(api.ClientsInvoker(People.Boris));
        var lead = await leads.GetLeadAsync(new ClientsContracts.GetLeadRequest { Id = await api.LeadAsync(People.Boris) }, cancellationToken: Ct);
        var converted = await leads.ConvertLeadAsync(new ClientsContracts.ConvertLeadRequest { Id = lead.Id, Version = lead.Version, CreateDespiteDuplicates = true },
            cancellationToken: Ct);
        Assert.True(converted.CompanyCreated);
        var (companyEventId, created) = await ClientsEventAsync(CompanyCreated.Topic, "companyId", converted.CompanyId);
        var (leadEventId, leadConverted) = await ClientsEventAsync(LeadConverted.Topic, "leadId", lead.Id);
        Assert.Equal((CompanyCreated.Lead, lead.Id), (created.GetProperty("origin").GetString(), created.GetProperty("leadId").GetString()));

        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/lead-converted", leadConverted, leadEventId));
        Assert.Equal("SUCCESS", await _kit.DeliverAsync("/events/processes/company-created", created, companyEventId));
        await _kit.RunAsync();

        var instance = Assert.Single(await InstancesAsync(process, converted.CompanyId));
        Assert.Equal("Создана компания", instance.StartedBy);
        Assert.Equal(1, await _kit.TasksAsync(instance.Id));
        Assert.Equal(1, await api.ScalarAsync("SELECT count(*) FROM process_instances WHERE company_id = @p0::uuid AND process_id = @p1::uuid", converted.CompanyId, process));
    }

    private Task<string> PublishAsync() =>
        _kit.PublishAsync(new Drawing("Новая компания").Start(trigger: TriggerKind.CompanyCreated).Task("call", "Позвонить новому клиенту", dueIn: "PT1H").End()
            .Flow("start", "call").Flow("call", "end"), "Новая компания");

    private async Task<List<ProcessInstance>> InstancesAsync(string processId, string companyId) =>
        [.. (await _kit.As(ProcessTestKit.Designer).ListProcessInstancesAsync(new ListProcessInstancesRequest { ProcessId = processId, CompanyId = companyId },
            cancellationToken: Ct)).Instances];

    /// <summary>The one event the clients service queued on <paramref name="topic"/> whose <paramref name="field"/> is <paramref name="id"/>, with its outbox id.</summary>
    private async Task<(string Id, JsonElement Payload)> ClientsEventAsync(string topic, string field, string id)
    {
        var rows = await OutboxReader.EventsWithIdsAsync(api.ClientsConnectionString, topic, Ct);
        var (eventId, payload) = Assert.Single(rows, r => r.Payload.GetProperty(field).GetString() == id);
        return (eventId.ToString(), payload);
    }
}
