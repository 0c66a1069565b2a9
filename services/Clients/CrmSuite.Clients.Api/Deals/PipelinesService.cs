using CrmSuite.BuildingBlocks.Errors;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Infrastructure;
using CrmSuite.Clients.Contracts;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Deals;

/// <summary>
/// Pipelines and their stages: everyone with clients.read sees them (the board needs them),
/// only clients.configure changes them.
/// </summary>
public sealed class PipelinesService(ClientsDbContext db, TimeProvider clock) : Pipelines.PipelinesBase
{
    /// <summary>What a new pipeline gets when no stages are given; the migration seeds the same for the default one.</summary>
    internal static readonly (string Name, StageKind Kind, int Probability)[] DefaultStages =
    [
        ("Новая", StageKind.Open, 10),
        ("Квалификация", StageKind.Open, 25),
        ("Предложение", StageKind.Open, 50),
        ("Переговоры", StageKind.Open, 75),
        ("Выиграна", StageKind.Won, 100),
        ("Проиграна", StageKind.Lost, 0),
    ];

    private readonly DealWrites writes = new(db, clock);

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<ListPipelinesResponse> ListPipelines(ListPipelinesRequest request, ServerCallContext context)
    {
        var pipelines = db.Pipelines.AsNoTracking().Include(p => p.Stages).AsQueryable();
        if (!request.IncludeArchived)
        {
            pipelines = pipelines.Where(p => p.ArchivedAt == null);
        }
        var response = new ListPipelinesResponse();
        response.Pipelines.AddRange((await pipelines.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(context.CancellationToken))
            .Select(p => p.ToMessage()));
        return response;
    }

    [Authorize(Policy = Permissions.ClientsRead)]
    public override async Task<Contracts.Pipeline> GetPipeline(GetPipelineRequest request, ServerCallContext context) =>
        (await FindAsync(request.Id, context.CancellationToken)).ToMessage();

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> CreatePipeline(CreatePipelineRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var name = DealRules.Text(errors, "name", request.Name, Pipeline.MaxNameLength, required: true);
        var stages = request.Stages.Count == 0
            ? DefaultStages.ToList()
            : request.Stages.Select((s, i) => (
                Name: DealRules.Text(errors, $"stages[{i}].name", s.Name, PipelineStage.MaxNameLength, required: true) ?? string.Empty,
                Kind: DealRules.Kind(errors, s.Kind),
                Probability: Probability(errors, $"stages[{i}].probability", s.Probability))).ToList();
        if (stages.All(s => s.Kind != StageKind.Open))
        {
            errors.Add("stages", "A pipeline needs at least one open stage for new deals.");
        }
        if (stages.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Any(g => g.Key.Length > 0 && g.Count() > 1))
        {
            errors.Add("stages", "Stage names must differ within a pipeline.");
        }
        errors.ThrowIfAny();
        await EnsureUniqueNameAsync(name!, except: null, context.CancellationToken);

        var now = clock.GetUtcNow();
        var pipeline = new Pipeline { Id = Guid.CreateVersion7(now), Name = name!, CreatedAt = now, UpdatedAt = now };
        pipeline.Stages.AddRange(stages.Select((s, i) => new PipelineStage
        {
            Id = Guid.CreateVersion7(now),
            PipelineId = pipeline.Id,
            Name = s.Name,
            Kind = s.Kind,
            Probability = s.Probability,
            Position = i + 1,
        }));
        db.Pipelines.Add(pipeline);
        writes.Audit(context, "clients.pipeline.created", "pipeline", pipeline.Id, before: null, after: Snapshot(pipeline));
        await db.SaveChangesAsync(context.CancellationToken);
        return pipeline.ToMessage();
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> RenamePipeline(RenamePipelineRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors();
        var name = DealRules.Text(errors, "name", request.Name, Pipeline.MaxNameLength, required: true);
        errors.ThrowIfAny();
        var pipeline = await FindAsync(request.Id, context.CancellationToken);
        if (pipeline.Name == name)
        {
            return pipeline.ToMessage();
        }
        await EnsureUniqueNameAsync(name!, except: pipeline.Id, context.CancellationToken);
        return await ChangeAsync(context, pipeline, "clients.pipeline.renamed", () => pipeline.Name = name!);
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> ArchivePipeline(ArchivePipelineRequest request, ServerCallContext context)
    {
        var pipeline = await FindAsync(request.Id, context.CancellationToken);
        if (pipeline.ArchivedAt is not null)
        {
            return pipeline.ToMessage();
        }
        if (!await db.Pipelines.AnyAsync(p => p.Id != pipeline.Id && p.ArchivedAt == null, context.CancellationToken))
        {
            throw new StateConflictException("id", "This is the only active pipeline; create another before archiving it.");
        }
        return await ChangeAsync(context, pipeline, "clients.pipeline.archived", () => pipeline.ArchivedAt = clock.GetUtcNow());
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> AddStage(AddStageRequest request, ServerCallContext context)
    {
        var (pipeline, name, kind, probability) = await StageInputAsync(request.PipelineId, request.Name, request.Kind, request.Probability, context.CancellationToken);
        var stages = pipeline.CurrentStages.ToList();
        EnsureUniqueStageName(stages, name, except: null);
        if (request.Position < 0 || request.Position > stages.Count + 1)
        {
            throw new ValidationFailedException("position", $"Position must be between 1 and {stages.Count + 1} (0 puts it after the last open stage).");
        }
        // By default a new stage goes where new steps of the sale usually go: before won and lost.
        var index = request.Position > 0 ? request.Position - 1 : stages.FindLastIndex(s => s.Kind == StageKind.Open) + 1;
        var stage = new PipelineStage
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            PipelineId = pipeline.Id,
            Name = name,
            Kind = kind,
            Probability = probability,
        };
        return await ChangeAsync(context, pipeline, "clients.pipeline.stage-added", () =>
        {
            stages.Insert(index, stage);
            // Added explicitly: a stage found only through the navigation would be taken for an existing row (its id is set).
            db.PipelineStages.Add(stage);
            Renumber(stages);
        });
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> UpdateStage(UpdateStageRequest request, ServerCallContext context)
    {
        var stageId = DealRules.Id("id", request.Id);
        var (pipeline, name, kind, probability) = await StageInputAsync(request.PipelineId, request.Name, request.Kind, request.Probability, context.CancellationToken);
        var stages = pipeline.CurrentStages.ToList();
        var stage = stages.FirstOrDefault(s => s.Id == stageId) ?? throw new RecordNotFoundException("Stage", request.Id);
        EnsureUniqueStageName(stages, name, except: stage.Id);
        if (kind != stage.Kind)
        {
            // Deals already in the stage entered it as the old kind (events, history): moving them out first keeps that honest.
            if (await HoldsDealsAsync(stage.Id, context.CancellationToken))
            {
                throw new StateConflictException("kind", "The stage holds deals; move them to another stage before changing its kind.");
            }
            if (stage.Kind == StageKind.Open && stages.Count(s => s.Kind == StageKind.Open) == 1)
            {
                throw new StateConflictException("kind", "A pipeline needs at least one open stage for new deals.");
            }
        }
        return await ChangeAsync(context, pipeline, "clients.pipeline.stage-updated", () =>
        {
            stage.Name = name;
            stage.Kind = kind;
            stage.Probability = probability;
        });
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> ReorderStages(ReorderStagesRequest request, ServerCallContext context)
    {
        var pipelineId = DealRules.Id("pipeline_id", request.PipelineId);
        var pipeline = await FindAsync(pipelineId, context.CancellationToken);
        var stages = pipeline.CurrentStages.ToDictionary(s => s.Id);
        var order = request.StageIds.Select(id => Guid.TryParse(id, out var g) ? g : Guid.Empty).ToList();
        if (order.Count != stages.Count || order.Distinct().Count() != order.Count || !order.All(stages.ContainsKey))
        {
            throw new ValidationFailedException("stage_ids", "List every stage of the pipeline exactly once, in the new order.");
        }
        return await ChangeAsync(context, pipeline, "clients.pipeline.stages-reordered", () => Renumber(order.Select(id => stages[id]).ToList()));
    }

    [Authorize(Policy = Permissions.ClientsConfigure)]
    public override async Task<Contracts.Pipeline> RemoveStage(RemoveStageRequest request, ServerCallContext context)
    {
        var pipelineId = DealRules.Id("pipeline_id", request.PipelineId);
        var stageId = DealRules.Id("id", request.Id);
        var pipeline = await FindAsync(pipelineId, context.CancellationToken);
        var stages = pipeline.CurrentStages.ToList();
        var stage = stages.FirstOrDefault(s => s.Id == stageId) ?? throw new RecordNotFoundException("Stage", request.Id);
        var held = await db.Deals.CountAsync(d => d.StageId == stage.Id && d.ArchivedAt == null, context.CancellationToken);
        if (held > 0)
        {
            throw new StateConflictException("id", $"The stage “{stage.Name}” holds {held} deal(s); move them to another stage first.");
        }
        if (stage.Kind == StageKind.Open && stages.Count(s => s.Kind == StageKind.Open) == 1)
        {
            throw new StateConflictException("id", "A pipeline needs at least one open stage for new deals.");
        }
        return await ChangeAsync(context, pipeline, "clients.pipeline.stage-removed", () =>
        {
            stage.RemovedAt = clock.GetUtcNow();
            stages.Remove(stage);
            Renumber(stages);
        });
    }

    /// <summary>Applies one configuration change with its audit event (before and after) in one SaveChanges.</summary>
    private async Task<Contracts.Pipeline> ChangeAsync(ServerCallContext context, Pipeline pipeline, string action, Action change)
    {
        var before = Snapshot(pipeline);
        change();
        pipeline.UpdatedAt = clock.GetUtcNow();
        writes.Audit(context, action, "pipeline", pipeline.Id, before, Snapshot(pipeline));
        await db.SaveChangesAsync(context.CancellationToken);
        return pipeline.ToMessage();
    }

    /// <summary>A stage's fields as sent (every bad one named at once) and the pipeline it belongs to.</summary>
    private async Task<(Pipeline Pipeline, string Name, StageKind Kind, int Probability)> StageInputAsync(
        string pipelineId, string name, Contracts.StageKind kind, int probability, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cleanName = DealRules.Text(errors, "name", name, PipelineStage.MaxNameLength, required: true);
        var cleanKind = DealRules.Kind(errors, kind);
        Probability(errors, "probability", probability);
        var id = DealRules.Id("pipeline_id", pipelineId);
        errors.ThrowIfAny();
        return (await FindAsync(id, cancellationToken), cleanName!, cleanKind, probability);
    }

    private Task<bool> HoldsDealsAsync(Guid stageId, CancellationToken cancellationToken) =>
        db.Deals.AnyAsync(d => d.StageId == stageId && d.ArchivedAt == null, cancellationToken);

    private Task<Pipeline> FindAsync(string id, CancellationToken cancellationToken) => FindAsync(DealRules.Id("id", id), cancellationToken);

    private async Task<Pipeline> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await db.Pipelines.Include(p => p.Stages).FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw new RecordNotFoundException("Pipeline", id.ToString());

    private async Task EnsureUniqueNameAsync(string name, Guid? except, CancellationToken cancellationToken)
    {
        var lower = name.ToLower(System.Globalization.CultureInfo.InvariantCulture);
        if (await db.Pipelines.AnyAsync(p => p.Id != except && p.ArchivedAt == null && p.Name.ToLower() == lower, cancellationToken))
        {
            throw new ValidationFailedException("name", $"A pipeline named “{name}” already exists.");
        }
    }

    private static void EnsureUniqueStageName(IEnumerable<PipelineStage> stages, string name, Guid? except)
    {
        if (stages.Any(s => s.Id != except && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationFailedException("name", $"The pipeline already has a stage named “{name}”.");
        }
    }

    private static int Probability(FieldErrors errors, string field, int value)
    {
        DealRules.Probability(errors, field, value);
        return value;
    }

    private static void Renumber(List<PipelineStage> stages)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            stages[i].Position = i + 1;
        }
    }

    private static object Snapshot(Pipeline pipeline) => new
    {
        pipeline.Name,
        Archived = pipeline.ArchivedAt is not null,
        Stages = pipeline.CurrentStages.Select(s => new { s.Id, s.Name, Kind = s.Kind.ToString(), s.Probability }).ToList(),
    };
}
