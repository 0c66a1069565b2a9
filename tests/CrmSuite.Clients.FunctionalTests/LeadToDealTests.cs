using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>A lead converts to company + contact + deal in one step.</summary>
public sealed class LeadToDealTests(LeadsApi api) : IClassFixture<LeadsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Converting_with_a_deal_opens_it_in_the_first_stage_for_the_new_company_and_contact()
    {
        var leads = api.LeadsAs(TestUser.Director);
        var deals = new Deals.DealsClient(api.InvokerFor(TestUser.Director));
        var pipelines = new Pipelines.PipelinesClient(api.InvokerFor(TestUser.Director));
        var lead = await leads.CreateLeadAsync(new CreateLeadRequest
        {
            PersonName = "Игорь Белов", CompanyName = "ООО Сделка Сразу", Email = "igor@deal-now.example", Message = "Нужны 20 холодильников",
        }, cancellationToken: Ct);

        var converted = await leads.ConvertLeadAsync(new ConvertLeadRequest { Id = lead.Id, OpenDeal = true }, cancellationToken: Ct);

        var deal = await deals.GetDealAsync(new GetDealRequest { Id = converted.DealId }, cancellationToken: Ct);
        Assert.Equal(converted.CompanyId, deal.CompanyId);
        Assert.Equal(converted.ContactId, deal.ContactId);
        Assert.Equal("ООО Сделка Сразу: Нужны 20 холодильников", deal.Title);
        var pipeline = await pipelines.GetPipelineAsync(new GetPipelineRequest { Id = deal.PipelineId }, cancellationToken: Ct);
        Assert.Equal(pipeline.Stages[0].Id, deal.StageId);
        var history = await deals.GetDealHistoryAsync(new GetDealHistoryRequest { Id = deal.Id }, cancellationToken: Ct);
        Assert.Equal(deal.StageId, Assert.Single(history.Changes).ToStageId);
        Assert.Single(await api.AuditAsync("clients.deal.created"), e => e.GetProperty("entityId").GetString() == deal.Id);

        var withoutDeal = await leads.CreateLeadAsync(new CreateLeadRequest { PersonName = "Без сделки", Email = "no-deal@deal-now.example" }, cancellationToken: Ct);
        Assert.Equal(string.Empty, (await leads.ConvertLeadAsync(new ConvertLeadRequest { Id = withoutDeal.Id }, cancellationToken: Ct)).DealId);
    }
}
