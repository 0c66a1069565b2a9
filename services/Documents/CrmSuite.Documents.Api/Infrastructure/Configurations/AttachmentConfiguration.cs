using CrmSuite.Documents.Api.Attachments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Documents.Api.Infrastructure.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> attachment)
    {
        attachment.ToTable("attachments");
        attachment.HasKey(a => a.Id);
        attachment.Property(a => a.RecordType).HasMaxLength(20);
        attachment.Property(a => a.FileName).HasMaxLength(AttachmentRules.MaxFileNameLength);
        attachment.Property(a => a.ContentType).HasMaxLength(150);
        attachment.Property(a => a.Sha256).HasMaxLength(64);
        attachment.Property(a => a.UploadedById).HasMaxLength(200);
        attachment.Property(a => a.UploadedByName).HasMaxLength(200);
        attachment.Property(a => a.DeletedById).HasMaxLength(200);
        attachment.Property(a => a.DeletedByName).HasMaxLength(200);
        // The file name's words (separators . _ - become spaces) and the text, in one document.
        // The 'russian' configuration stems Cyrillic words in Russian and Latin ones in English.
        attachment.Property(a => a.SearchVector).HasColumnType("tsvector").HasComputedColumnSql(
            "setweight(to_tsvector('russian'::regconfig, translate(file_name, '._-', '   ')), 'A') || to_tsvector('russian'::regconfig, coalesce(text, ''))",
            stored: true);
        attachment.HasIndex(a => a.SearchVector).HasMethod("GIN");
        // A record's files, newest first (the card's list, keyset-paged).
        attachment.HasIndex(a => new { a.RecordType, a.RecordId, a.UploadedAt, a.Id }).IsDescending(false, false, true, true)
            .HasFilter("deleted_at IS NULL");
        attachment.HasMany<AttachmentChunk>().WithOne().HasForeignKey(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttachmentChunkConfiguration : IEntityTypeConfiguration<AttachmentChunk>
{
    public void Configure(EntityTypeBuilder<AttachmentChunk> chunk)
    {
        chunk.ToTable("attachment_chunks");
        chunk.HasKey(c => new { c.AttachmentId, c.Index });
        chunk.Property(c => c.Data).HasColumnType("bytea");
    }
}
