using Berth.Index.Data.Replication;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Berth.Index.Data;

/// <summary>
/// The index database. One provider-neutral model; each provider has its own subclass so that its migrations
/// (Migrations/Sqlite, Migrations/PostgreSql) are generated and applied apart.
/// </summary>
public abstract class IndexDbContext : DbContext, IDataProtectionKeyContext
{
    protected IndexDbContext(DbContextOptions options)
        : base(options)
    {
    }

    internal DbSet<User> Users => Set<User>();

    internal DbSet<Namespace> Namespaces => Set<Namespace>();

    internal DbSet<NamespaceMember> NamespaceMembers => Set<NamespaceMember>();

    internal DbSet<Team> Teams => Set<Team>();

    internal DbSet<TeamMember> TeamMembers => Set<TeamMember>();

    internal DbSet<Grant> Grants => Set<Grant>();

    internal DbSet<RepositoryRecord> Repositories => Set<RepositoryRecord>();

    internal DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    internal DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    internal DbSet<SigningKeyRecord> SigningKeys => Set<SigningKeyRecord>();

    internal DbSet<TagRecord> Tags => Set<TagRecord>();

    internal DbSet<ManifestRecord> Manifests => Set<ManifestRecord>();

    internal DbSet<Star> Stars => Set<Star>();

    /// <summary>The key ring that encrypts the UI's cookies, shared by every node (see DatabaseXmlRepository).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal DbSet<LoginFailureRecord> LoginFailures => Set<LoginFailureRecord>();

    internal DbSet<RegistryRecord> Registries => Set<RegistryRecord>();

    internal DbSet<ReceivedEventRecord> ReceivedEvents => Set<ReceivedEventRecord>();

    internal DbSet<SiteTagRecord> SiteTags => Set<SiteTagRecord>();

    internal DbSet<RepositoryBlobRecord> RepositoryBlobs => Set<RepositoryBlobRecord>();

    public DbSet<ReplicationTargetRecord> ReplicationTargets => Set<ReplicationTargetRecord>();

    public DbSet<ReplicationRuleRecord> ReplicationRules => Set<ReplicationRuleRecord>();

    public DbSet<ReplicationExecutionRecord> ReplicationExecutions => Set<ReplicationExecutionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(e =>
        {
            e.HasIndex(u => u.Name).IsUnique();
            e.Property(u => u.Name).HasMaxLength(128);
            e.Property(u => u.PasswordHash).HasMaxLength(128);
            e.Property(u => u.SecurityStamp).HasMaxLength(64);
            e.Property(u => u.ExternalSource).HasMaxLength(16);
            e.Property(u => u.Email).HasMaxLength(256);
        });
        modelBuilder.Entity<Namespace>(e =>
        {
            e.HasIndex(n => n.Name).IsUnique();
            e.Property(n => n.Name).HasMaxLength(128);
            e.HasOne<User>().WithMany().HasForeignKey(n => n.OwnerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<NamespaceMember>(e =>
        {
            e.HasKey(m => new { m.NamespaceId, m.UserId });
            e.HasOne<Namespace>().WithMany().HasForeignKey(m => m.NamespaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Team>(e =>
        {
            e.HasIndex(t => new { t.NamespaceId, t.Name }).IsUnique();
            e.Property(t => t.Name).HasMaxLength(128);
            e.HasOne<Namespace>().WithMany().HasForeignKey(t => t.NamespaceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TeamMember>(e =>
        {
            e.HasKey(m => new { m.TeamId, m.UserId });
            e.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Grant>(e =>
        {
            e.Property(g => g.Repository).HasMaxLength(256);
            e.HasIndex(g => new { g.NamespaceId, g.Repository });
            e.HasOne<Namespace>().WithMany().HasForeignKey(g => g.NamespaceId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Team>().WithMany().HasForeignKey(g => g.TeamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RepositoryRecord>(e =>
        {
            e.ToTable("Repositories");
            e.HasIndex(r => r.Name).IsUnique();
            e.Property(r => r.Name).HasMaxLength(256);
            e.Property(r => r.Namespace).HasMaxLength(128);
            e.Property(r => r.Description).HasMaxLength(1024);
            e.HasIndex(r => r.Namespace);
            e.HasIndex(r => new { r.Visibility, r.StarCount });
            e.HasIndex(r => new { r.Visibility, r.PullCount });
            e.HasIndex(r => new { r.Visibility, r.UpdatedAt });
            e.Property(r => r.RegistryName).HasMaxLength(64);
        });
        modelBuilder.Entity<TagRecord>(e =>
        {
            e.ToTable("Tags");
            e.HasIndex(t => new { t.RepositoryId, t.Name }).IsUnique();
            e.HasIndex(t => new { t.RepositoryId, t.Digest });
            e.Property(t => t.Name).HasMaxLength(128);
            e.Property(t => t.Digest).HasMaxLength(160);
            e.Property(t => t.MediaType).HasMaxLength(256);
            e.HasOne<RepositoryRecord>().WithMany().HasForeignKey(t => t.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ManifestRecord>(e =>
        {
            e.ToTable("Manifests");
            e.HasIndex(m => new { m.RepositoryId, m.Digest }).IsUnique();
            e.HasIndex(m => new { m.RepositoryId, m.SubjectDigest });
            e.Property(m => m.Digest).HasMaxLength(160);
            e.Property(m => m.MediaType).HasMaxLength(256);
            e.Property(m => m.ArtifactType).HasMaxLength(256);
            e.Property(m => m.ConfigDigest).HasMaxLength(160);
            e.Property(m => m.ConfigMediaType).HasMaxLength(256);
            e.Property(m => m.Platform).HasMaxLength(128);
            e.Property(m => m.SubjectDigest).HasMaxLength(160);
            e.HasOne<RepositoryRecord>().WithMany().HasForeignKey(m => m.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Star>(e =>
        {
            e.HasKey(s => new { s.UserId, s.RepositoryId });
            e.HasIndex(s => s.RepositoryId);
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RepositoryRecord>().WithMany().HasForeignKey(s => s.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PersonalAccessToken>(e =>
        {
            e.HasIndex(t => t.LookupId).IsUnique();
            e.HasIndex(t => new { t.UserId, t.Name }).IsUnique();
            e.Property(t => t.LookupId).HasMaxLength(32);
            e.Property(t => t.SecretHash).HasMaxLength(64);
            e.Property(t => t.Name).HasMaxLength(128);
            e.Property(t => t.Actions).HasMaxLength(64);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.HasIndex(a => a.At);
            e.Property(a => a.Kind).HasMaxLength(64);
            e.Property(a => a.Actor).HasMaxLength(128);
            e.Property(a => a.Subject).HasMaxLength(256);
            e.Property(a => a.ClientAddress).HasMaxLength(64);
            e.Property(a => a.Detail).HasMaxLength(1024);
        });
        modelBuilder.Entity<SigningKeyRecord>(e =>
        {
            e.ToTable("SigningKeys");
            e.HasKey(k => k.KeyId);
            e.Property(k => k.KeyId).HasMaxLength(64);
            e.Property(k => k.PrivateKey).HasMaxLength(1024);
            e.HasIndex(k => k.Active).IsUnique();
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));
        modelBuilder.Entity<LoginFailureRecord>(e =>
        {
            e.ToTable("LoginFailures");
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(300);
            e.HasIndex(f => f.WindowStart);
        });
        modelBuilder.Entity<RegistryRecord>(e =>
        {
            e.ToTable("Registries");
            e.HasIndex(r => r.Name).IsUnique();
            e.Property(r => r.Name).HasMaxLength(64);
            e.Property(r => r.Url).HasMaxLength(512);
            e.Property(r => r.PullHost).HasMaxLength(256);
            e.Property(r => r.EventSecret).HasMaxLength(256);
            e.Property(r => r.LastError).HasMaxLength(1024);
        });
        modelBuilder.Entity<ReceivedEventRecord>(e =>
        {
            e.ToTable("ReceivedEvents");
            e.HasKey(r => new { r.RegistryId, r.EventId });
            e.Property(r => r.EventId).HasMaxLength(64);
            e.HasIndex(r => r.ReceivedAt);
            e.HasOne<RegistryRecord>().WithMany().HasForeignKey(r => r.RegistryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SiteTagRecord>(e =>
        {
            e.ToTable("SiteTags");
            e.HasKey(t => new { t.RepositoryId, t.RegistryId, t.Tag });
            e.HasIndex(t => t.RegistryId);
            e.Property(t => t.Tag).HasMaxLength(128);
            e.Property(t => t.Digest).HasMaxLength(160);
            e.HasOne<RepositoryRecord>().WithMany().HasForeignKey(t => t.RepositoryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RegistryRecord>().WithMany().HasForeignKey(t => t.RegistryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RepositoryBlobRecord>(e =>
        {
            e.ToTable("RepositoryBlobs");
            e.HasKey(b => new { b.RepositoryId, b.Digest });
            e.Property(b => b.Digest).HasMaxLength(160);
            e.HasOne<RepositoryRecord>().WithMany().HasForeignKey(b => b.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        });
        ReplicationModel.Configure(modelBuilder);
    }
}
