using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Berth.Index.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Repositories",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastPushedAt",
                table: "Repositories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Namespace",
                table: "Repositories",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "PullCount",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Readme",
                table: "Repositories",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StarCount",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "TotalSize",
                table: "Repositories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Repositories",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "Manifests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    TotalSize = table.Column<long>(type: "INTEGER", nullable: false),
                    ArtifactType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConfigDigest = table.Column<string>(type: "TEXT", maxLength: 160, nullable: true),
                    ConfigMediaType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConfigSize = table.Column<long>(type: "INTEGER", nullable: true),
                    LayersJson = table.Column<string>(type: "TEXT", nullable: true),
                    ChildrenJson = table.Column<string>(type: "TEXT", nullable: true),
                    Platform = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    SubjectDigest = table.Column<string>(type: "TEXT", maxLength: 160, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PushedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LabelsJson = table.Column<string>(type: "TEXT", nullable: true)
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
                    UserId = table.Column<long>(type: "INTEGER", nullable: false),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RepositoryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Digest = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    PlatformsJson = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PushedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LabelsJson = table.Column<string>(type: "TEXT", nullable: true)
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

            // Full-text search over names and descriptions: an external-content FTS5 table kept by triggers. The update
            // trigger fires only when a searched column changes, so pull and star counts do not churn the index.
            migrationBuilder.Sql("""UPDATE "Repositories" SET "Namespace" = substr("Name", 1, instr("Name" || '/', '/') - 1);""");
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE "RepositorySearch" USING fts5("Name", "Description", content='Repositories', content_rowid='Id', tokenize='unicode61');""");
            migrationBuilder.Sql("""CREATE TRIGGER "Repositories_Search_Insert" AFTER INSERT ON "Repositories" BEGIN INSERT INTO "RepositorySearch"(rowid, "Name", "Description") VALUES (new."Id", new."Name", new."Description"); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Repositories_Search_Delete" AFTER DELETE ON "Repositories" BEGIN INSERT INTO "RepositorySearch"("RepositorySearch", rowid, "Name", "Description") VALUES ('delete', old."Id", old."Name", old."Description"); END;""");
            migrationBuilder.Sql("""CREATE TRIGGER "Repositories_Search_Update" AFTER UPDATE OF "Name", "Description" ON "Repositories" BEGIN INSERT INTO "RepositorySearch"("RepositorySearch", rowid, "Name", "Description") VALUES ('delete', old."Id", old."Name", old."Description"); INSERT INTO "RepositorySearch"(rowid, "Name", "Description") VALUES (new."Id", new."Name", new."Description"); END;""");
            migrationBuilder.Sql("""INSERT INTO "RepositorySearch"("RepositorySearch") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Repositories_Search_Insert";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Repositories_Search_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Repositories_Search_Update";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "RepositorySearch";""");

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
