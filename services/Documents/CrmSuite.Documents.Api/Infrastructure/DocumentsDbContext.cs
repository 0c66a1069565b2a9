using CrmSuite.BuildingBlocks.Messaging;
using CrmSuite.Documents.Api.Attachments;
using CrmSuite.Documents.Api.Documents;
using CrmSuite.Documents.Api.Organisations;
using CrmSuite.Documents.Api.Templates;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Infrastructure;

public sealed class DocumentsDbContext(DbContextOptions<DocumentsDbContext> options) : DbContext(options), IOutboxContext, IInboxContext
{
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentChunk> AttachmentChunks => Set<AttachmentChunk>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentEmail> DocumentEmails => Set<DocumentEmail>();
    public DbSet<NumberingRule> NumberingRules => Set<NumberingRule>();
    public DbSet<DocumentCounter> DocumentCounters => Set<DocumentCounter>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutbox();
        modelBuilder.AddInbox();
        // One IEntityTypeConfiguration per entity, in Infrastructure/Configurations.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DocumentsDbContext).Assembly);
    }
}
