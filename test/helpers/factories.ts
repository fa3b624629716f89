/** Factories: each builds what it needs, parents included. */
import crypto from "node:crypto";
import type { Ctx } from "../../server/context.js";
import type { Role } from "../../server/http/types.js";
import * as organisation from "../../server/organisation/service.js";
import * as orgRepo from "../../server/organisation/repo.js";
import { insertUser } from "../../server/accounts/repo.js";
import { hashPassword } from "../../server/accounts/password.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

export const PASSWORD = "ett långt testlösenord";

export async function makeForbund(ctx: Ctx, name = `Testförbund ${crypto.randomBytes(3).toString("hex")}`, areaNames = ["Norra", "Södra"]) {
  const { forbund, partyIds } = await organisation.createForbund(ctx, name);
  const areas = [];
  for (const a of areaNames) areas.push(await orgRepo.insertArea(ctx.db, forbund.id, a));
  return { forbund, partyIds, areas };
}

let hash: Promise<string> | undefined;
export async function makeUser(ctx: Ctx, v: { forbundId: string | null; role: Role; email?: string; areaIds?: string[]; mustChangePassword?: boolean }) {
  hash ??= hashPassword(PASSWORD);
  const email = v.email ?? `${v.role}-${crypto.randomBytes(4).toString("hex")}@exempel.se`;
  return insertUser(ctx.db, { forbundId: v.forbundId, email, name: `Test ${v.role}`, role: v.role, passwordHash: await hash, areaIds: v.areaIds, mustChangePassword: v.mustChangePassword });
}

/** A förbund's staff: a koordinator of its first kommunområde, an admin and a läsare, each with an API key. */
export async function makeStaff(ctx: Ctx, f: Awaited<ReturnType<typeof makeForbund>>) {
  const A = f.forbund.id;
  const users = {
    koordinator: await makeUser(ctx, { forbundId: A, role: "koordinator", areaIds: [f.areas[0].id] }),
    admin: await makeUser(ctx, { forbundId: A, role: "admin" }),
    lasare: await makeUser(ctx, { forbundId: A, role: "lasare" }),
  };
  const key = async (id: string) => (await tokens.createToken(ctx, (await accounts.loadCurrentUser(ctx, id))!, "test")).secret;
  const keys = { koordinator: await key(users.koordinator.id), admin: await key(users.admin.id), lasare: await key(users.lasare.id) };
  return { users, keys };
}
