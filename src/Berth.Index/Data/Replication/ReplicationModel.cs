using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Data.Replication;

/// <summary>The replication tables: targets, rules, and executions (the durable job queue and its history).</summary>
internal static class ReplicationModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ReplicationTargetRecord>(e =>
        {
            e.ToTable("ReplicationTargets");
            e.HasIndex(t => t.Name).IsUnique();
            e.Property(t => t.Name).HasMaxLength(64);
            e.Property(t => t.Url).HasMaxLength(512);
            e.Property(t => t.Username).HasMaxLength(256);
            e.Property(t => t.Secret).HasMaxLength(4096);
            e.Property(t => t.CaCertificatePem).HasMaxLength(16384);
            e.Property(t => t.CredentialKind).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<ReplicationRuleRecord>(e =>
        {
            e.ToTable("ReplicationRules");
            e.HasIndex(r => r.Name).IsUnique();
            e.Property(r => r.Name).HasMaxLength(64);
            e.Property(r => r.RepositoryFilter).HasMaxLength(256);
            e.Property(r => r.TagFilter).HasMaxLength(128);
            e.Property(r => r.DestinationNamespace).HasMaxLength(128);
            e.Property(r => r.Schedule).HasMaxLength(128);
            e.Property(r => r.Direction).HasConversion<string>().HasMaxLength(8);
            e.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
            e.HasOne<ReplicationTargetRecord>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<ReplicationExecutionRecord>(e =>
        {
            e.ToTable("ReplicationExecutions");
            e.HasIndex(x => new { x.Status, x.NotBefore });
            e.HasIndex(x => new { x.RuleId, x.CreatedAt });
            e.Property(x => x.Repository).HasMaxLength(256);
            e.Property(x => x.Reference).HasMaxLength(160);
            e.Property(x => x.LeaseOwner).HasMaxLength(64);
            e.Property(x => x.Node).HasMaxLength(64);
            e.Property(x => x.Errors).HasMaxLength(4000);
            e.Property(x => x.Items).HasMaxLength(ReplicationExecutionRecord.MaxItemsLength);
            e.Property(x => x.Trigger).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<ReplicationRuleRecord>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
