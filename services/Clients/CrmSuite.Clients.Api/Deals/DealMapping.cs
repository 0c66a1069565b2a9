using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace CrmSuite.Clients.Api.Deals;

internal static class DealMapping
{
    public static Contracts.StageKind ToMessage(this StageKind kind) => kind switch
    {
        StageKind.Won => Contracts.StageKind.Won,
        StageKind.Lost => Contracts.StageKind.Lost,
        _ => Contracts.StageKind.Open,
    };

    public static Contracts.Pipeline ToMessage(this Pipeline pipeline)
    {
        var message = new Contracts.Pipeline
        {
            Id = pipeline.Id.ToString(),
            Name = pipeline.Name,
            Archived = pipeline.ArchivedAt is not null,
            CreatedAt = Timestamp.FromDateTimeOffset(pipeline.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(pipeline.UpdatedAt),
        };
        message.Stages.AddRange(pipeline.CurrentStages.Select(s => new Contracts.Stage
        {
            Id = s.Id.ToString(),
            Name = s.Name,
            Position = s.Position,
            Kind = s.Kind.ToMessage(),
            Probability = s.Probability,
        }));
        return message;
    }

    public static Contracts.Deal ToMessage(this Deal deal, string companyName, PipelineStage stage) => new()
    {
        Id = deal.Id.ToString(),
        Title = deal.Title,
        CompanyId = deal.CompanyId.ToString(),
        CompanyName = companyName,
        ContactId = deal.ContactId?.ToString() ?? string.Empty,
        PipelineId = deal.PipelineId.ToString(),
        StageId = deal.StageId.ToString(),
        StageName = stage.Name,
        StageKind = stage.Kind.ToMessage(),
        Amount = DealFormat.Money(deal.Amount),
        Currency = deal.Currency,
        Probability = deal.Probability,
        ExpectedCloseDate = DealFormat.Date(deal.ExpectedCloseDate),
        OwnerUserId = deal.OwnerUserId,
        LostReason = deal.LostReason ?? string.Empty,
        Archived = deal.ArchivedAt is not null,
        CreatedAt = Timestamp.FromDateTimeOffset(deal.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(deal.UpdatedAt),
        Version = deal.Version.ToString(CultureInfo.InvariantCulture),
        LineCount = deal.LineCount,
    };
}
