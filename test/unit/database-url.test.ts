import path from "node:path";
import { classifyDatabaseUrl, redactDatabaseUrl } from "@/prisma/database-url";

describe("DATABASE_URL", () => {
  it("defaults to the embedded SQLite file", () => {
    expect(classifyDatabaseUrl(undefined)).toEqual({ dialect: "sqlite", path: path.resolve("data/claims.db"), url: `file:${path.resolve("data/claims.db")}` });
    expect(classifyDatabaseUrl("")).toMatchObject({ dialect: "sqlite" });
  });

  it("reads SQLite files given as file: URLs or bare paths", () => {
    expect(classifyDatabaseUrl("file:/srv/claims.db")).toMatchObject({ dialect: "sqlite", path: "/srv/claims.db" });
    expect(classifyDatabaseUrl("file:///srv/claims.db")).toMatchObject({ dialect: "sqlite", path: "/srv/claims.db" });
    expect(classifyDatabaseUrl("./x/claims.db")).toMatchObject({ dialect: "sqlite", path: path.resolve("x/claims.db") });
  });

  it("serves PostgreSQL URLs", () => {
    expect(classifyDatabaseUrl("postgresql://u:p@db:5432/claims")).toEqual({ dialect: "postgresql", url: "postgresql://u:p@db:5432/claims" });
    expect(classifyDatabaseUrl("postgres://u@db/claims")).toMatchObject({ dialect: "postgresql" });
  });

  it.each([
    ["postgresql:claims", /starts with "postgresql:\/\/"/],
    ["postgresql://db:5432", /names no database/],
    ["mysql://u:p@db/claims", /"mysql:" databases are not supported/],
    ["file::memory:", /names no file/],
  ])("refuses %p with a message that says what is accepted", (url, why) => {
    expect(() => classifyDatabaseUrl(url)).toThrow(why);
    expect(() => classifyDatabaseUrl(url)).toThrow(/Use a SQLite file .* or a PostgreSQL server/);
  });

  it("never puts a password in its messages", () => {
    expect(redactDatabaseUrl("postgresql://user:s3cret@db/claims")).toBe("postgresql://user:***@db/claims");
    expect(() => classifyDatabaseUrl("mysql://user:s3cret@db/claims")).toThrow(/^(?!.*s3cret)/);
  });
});
