using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Berth.Index.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CredentialKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Secret = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    SkipTlsVerify = table.Column<bool>(type: "INTEGER", nullable: false),
                    CaCertificatePem = table.Column<string>(type: "TEXT", maxLength: 16384, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReplicationTargets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReplicationRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    RepositoryFilter = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TagFilter = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ContentKinds = table.Column<int>(type: "INTEGER", nullable: false),
                    Referrers = table.Column<bool>(type: "INTEGER", nullable: false),
                    DestinationNamespace = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    NextRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PropagateDeletes = table.Column<bool>(type: "INTEGER", nullable: false),
                    BandwidthLimit = table.Column<long>(type: "INTEGER", nullable: true),
                    Concurrency = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<long>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsDelete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Repository = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 160, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NotBefore = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Node = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ItemsCopied = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemsSkipped = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemsFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    BlobsCopied = table.Column<int>(type: "INTEGER", nullable: false),
                    BlobsSkipped = table.Column<int>(type: "INTEGER", nullable: false),
                    BlobsMounted = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Errors = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
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
