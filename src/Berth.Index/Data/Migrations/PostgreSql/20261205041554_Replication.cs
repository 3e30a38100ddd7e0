using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Berth.Index.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class Replication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReplicationTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Url = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    CredentialKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Username = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Secret = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    SkipTlsVerify = table.Column<bool>(type: "boolean", nullable: false),
                    CaCertificatePem = table.Column<string>(type: "character varying(16384)", maxLength: 16384, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplicationTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReplicationRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TargetId = table.Column<long>(type: "bigint", nullable: false),
                    Direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    RepositoryFilter = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    TagFilter = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ContentKinds = table.Column<int>(type: "integer", nullable: false),
                    Referrers = table.Column<bool>(type: "boolean", nullable: false),
                    DestinationNamespace = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Schedule = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    NextRunAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PropagateDeletes = table.Column<bool>(type: "boolean", nullable: false),
                    BandwidthLimit = table.Column<long>(type: "bigint", nullable: true),
                    Concurrency = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplicationRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplicationRules_ReplicationTargets_TargetId",
                        column: x => x.TargetId,
                        principalTable: "ReplicationTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReplicationExecutions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleId = table.Column<long>(type: "bigint", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsDelete = table.Column<bool>(type: "boolean", nullable: false),
                    Repository = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Reference = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ItemsCopied = table.Column<int>(type: "integer", nullable: false),
                    ItemsSkipped = table.Column<int>(type: "integer", nullable: false),
                    ItemsFailed = table.Column<int>(type: "integer", nullable: false),
                    BlobsCopied = table.Column<int>(type: "integer", nullable: false),
                    BlobsSkipped = table.Column<int>(type: "integer", nullable: false),
                    BlobsMounted = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    Errors = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplicationExecutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReplicationExecutions_ReplicationRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "ReplicationRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReplicationExecutions_RuleId_CreatedAt",
                table: "ReplicationExecutions",
                columns: new[] { "RuleId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReplicationExecutions_Status_NotBefore",
                table: "ReplicationExecutions",
                columns: new[] { "Status", "NotBefore" });

            migrationBuilder.CreateIndex(
                name: "IX_ReplicationRules_Name",
                table: "ReplicationRules",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReplicationRules_TargetId",
                table: "ReplicationRules",
                column: "TargetId");

            migrationBuilder.CreateIndex(
                name: "IX_ReplicationTargets_Name",
                table: "ReplicationTargets",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReplicationExecutions");

            migrationBuilder.DropTable(
                name: "ReplicationRules");

            migrationBuilder.DropTable(
                name: "ReplicationTargets");
        }
    }
}
