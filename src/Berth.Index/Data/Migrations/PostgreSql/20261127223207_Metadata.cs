using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Berth.Index.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class Metadata : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAt",
                table: "Repositories",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Repositories",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPushedAt",
                table: "Repositories",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Namespace",
                table: "Repositories",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "PullCount",
                table: "Repositories",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Readme",
                table: "Repositories",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StarCount",
                table: "Repositories",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "TotalSize",
                table: "Repositories",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Repositories",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "Manifests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    Digest = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    TotalSize = table.Column<long>(type: "bigint", nullable: false),
                    ArtifactType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConfigDigest = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    ConfigMediaType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConfigSize = table.Column<long>(type: "bigint", nullable: true),
                    LayersJson = table.Column<string>(type: "text", nullable: true),
                    ChildrenJson = table.Column<string>(type: "text", nullable: true),
                    Platform = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    SubjectDigest = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PushedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LabelsJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Manifests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Manifests_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Stars",
                columns: table => new
                {
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stars", x => new { x.UserId, x.RepositoryId });
                    table.ForeignKey(
                        name: "FK_Stars_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Stars_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Tags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RepositoryId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Digest = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    MediaType = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    PlatformsJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PushedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LabelsJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Tags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Tags_Repositories_RepositoryId",
                        column: x => x.RepositoryId,
                        principalTable: "Repositories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_Namespace",
                table: "Repositories",
                column: "Namespace");

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_Visibility_PullCount",
                table: "Repositories",
                columns: new[] { "Visibility", "PullCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_Visibility_StarCount",
                table: "Repositories",
                columns: new[] { "Visibility", "StarCount" });

            migrationBuilder.CreateIndex(
                name: "IX_Repositories_Visibility_UpdatedAt",
                table: "Repositories",
                columns: new[] { "Visibility", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Manifests_RepositoryId_Digest",
                table: "Manifests",
                columns: new[] { "RepositoryId", "Digest" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Manifests_RepositoryId_SubjectDigest",
                table: "Manifests",
                columns: new[] { "RepositoryId", "SubjectDigest" });

            migrationBuilder.CreateIndex(
                name: "IX_Stars_RepositoryId",
                table: "Stars",
                column: "RepositoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Tags_RepositoryId_Digest",
                table: "Tags",
                columns: new[] { "RepositoryId", "Digest" });

            migrationBuilder.CreateIndex(
                name: "IX_Tags_RepositoryId_Name",
                table: "Tags",
                columns: new[] { "RepositoryId", "Name" },
                unique: true);

            // Full-text search over names and descriptions: a generated tsvector column (names split at / . _ -) with a GIN
            // index. It is not in the EF model: only the search query reads it.
            migrationBuilder.Sql("""UPDATE "Repositories" SET "Namespace" = split_part("Name", '/', 1);""");
            migrationBuilder.Sql("""ALTER TABLE "Repositories" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple', regexp_replace("Name", '[^[:alnum:]]+', ' ', 'g') || ' ' || coalesce("Description", ''))) STORED;""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Repositories_SearchVector" ON "Repositories" USING GIN ("SearchVector");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Repositories_SearchVector";""");
            migrationBuilder.Sql("""ALTER TABLE "Repositories" DROP COLUMN IF EXISTS "SearchVector";""");

            migrationBuilder.DropTable(
                name: "Manifests");

            migrationBuilder.DropTable(
                name: "Stars");

            migrationBuilder.DropTable(
                name: "Tags");

            migrationBuilder.DropIndex(
                name: "IX_Repositories_Namespace",
                table: "Repositories");

            migrationBuilder.DropIndex(
                name: "IX_Repositories_Visibility_PullCount",
                table: "Repositories");

            migrationBuilder.DropIndex(
                name: "IX_Repositories_Visibility_StarCount",
                table: "Repositories");

            migrationBuilder.DropIndex(
                name: "IX_Repositories_Visibility_UpdatedAt",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "LastPushedAt",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Namespace",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "PullCount",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "Readme",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "StarCount",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "TotalSize",
                table: "Repositories");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Repositories");
        }
    }
}
