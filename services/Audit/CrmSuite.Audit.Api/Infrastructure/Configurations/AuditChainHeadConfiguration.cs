using CrmSuite.Audit.Api.Chain;
using CrmSuite.Audit.Api.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmSuite.Audit.Api.Infrastructure.Configurations;

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> head)
    {
        head.ToTable("audit_chain_head", table => table.HasCheckConstraint("ck_audit_chain_head_singleton", "id = 1"));
        head.HasKey(h => h.Id);
        head.Property(h => h.Id).ValueGeneratedNever();
        head.Property(h => h.LastHash).HasMaxLength(AuditEntry.HashLength).IsFixedLength();
        head.HasData(new AuditChainHead { Id = AuditChainHead.SingletonId, LastId = 0, LastHash = ChainHash.Genesis });
    }
}
