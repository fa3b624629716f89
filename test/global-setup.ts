/** Builds one migrated template database; every test file restores its own copy of it. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { fromPglite, fromUrl } from "../models/db.js";

declare module "vitest" {
  export interface ProvidedContext {
    template: { kind: "pglite"; file: string } | { kind: "postgres"; url: string; name: string };
    /** Set in the "database" project only (vitest.config.ts). */
    databaseProject: boolean;
  }
}

export const testDatabaseUrl = () => process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

export default async function setup(project: TestProject) {
  const url = testDatabaseUrl();
  if (url) {
    const name = `samspar_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = fromUrl(u.toString());
    await database.migrate();
    await database.close();
    project.provide("template", { kind: "postgres", url, name });
    console.log(`Tester kör mot PostgreSQL-server (${u.host}), mall ${name}`);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }
  const client = await PGlite.create();
  const database = fromPglite(client);
  await database.migrate();
  const blob = await client.dumpDataDir("none");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "samspar-test-"));
  const file = path.join(dir, "template.tar");
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await database.close();
  project.provide("template", { kind: "pglite", file });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
