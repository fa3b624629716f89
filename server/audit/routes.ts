/** The audit log page for admins: who did what with accounts, tokens and exports in the förbund. */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { parseForm } from "../http/forms.js";
import { forbundOf } from "../http/guards.js";
import * as accounts from "../accounts/service.js";
import * as audit from "./service.js";
import { actionChoices, auditView } from "./present.js";
import { auditQuery } from "./schema.js";

const LIMIT = 500;

export function auditRoutes(ctx: Ctx): Route[] {
  return [
    get("/logg", "admin", async (req, res) => {
      const query = parseForm(auditQuery, req.query);
      const action = query.ok ? query.data.action : undefined;
      const forbundId = forbundOf(req);
      const [entries, users] = await Promise.all([audit.list(ctx, forbundId, LIMIT), accounts.listUsers(ctx, forbundId)]);
      res.render("audit/index", { title: "Logg", rows: auditView(entries, users, action), action: action ?? "", actionChoices, limit: LIMIT });
    }),
  ];
}
