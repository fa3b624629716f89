/**
 * The Utkorg: a förbund's admins see the mail their förbund has sent (/utkorg), a superadmin the
 * platform's own (/plattform/utkorg). Both read the mail_outbox rows of their scope only.
 */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Guard, type Route } from "../http/route.js";
import { parseForm, parseParams, seeOther } from "../http/forms.js";
import { forbundOf } from "../http/guards.js";
import * as outbox from "./service.js";
import { messageSummary, messageView } from "./present.js";
import { listQuery, messageParam } from "./schema.js";

function scopedRoutes(ctx: Ctx, base: string, guard: Guard, scopeOf: (req: Request) => outbox.Scope): Route[] {
  return [
    get(base, guard, async (req, res) => {
      const q = parseForm(listQuery, req.query);
      const smtp = outbox.smtpConfigured(ctx);
      const list = await outbox.listPage(ctx, scopeOf(req), q.ok ? q.data.sida : 1);
      res.set("Cache-Control", "no-store").render("outbox/index", {
        title: "Utkorg", base, platform: scopeOf(req) === null, smtp, page: list.page, pages: list.pages, total: list.total,
        messages: list.rows.map((r) => messageSummary(r, smtp)), retentionDays: outbox.BODY_RETENTION_DAYS, rowDays: outbox.ROW_RETENTION_DAYS,
      });
    }),
    get(`${base}/:id`, guard, async (req, res) => {
      const { id } = parseParams(messageParam, req.params);
      const row = await outbox.getMessage(ctx, scopeOf(req), id);
      const message = messageView(row, outbox.smtpConfigured(ctx), outbox.mayResend(ctx, row));
      res.set("Cache-Control", "no-store").render("outbox/show", { title: message.subject, base, message, retentionDays: outbox.BODY_RETENTION_DAYS });
    }),
    post(`${base}/:id/skicka-igen`, guard, async (req, res) => {
      const { id } = parseParams(messageParam, req.params);
      await outbox.resend(ctx, scopeOf(req), id);
      req.session.flash = "Meddelandet ligger i kön igen och skickas inom en minut.";
      await seeOther(req, res, `${base}/${id}`);
    }),
  ];
}

export function outboxRoutes(ctx: Ctx): Route[] {
  return [
    ...scopedRoutes(ctx, "/utkorg", "admin", forbundOf),
    ...scopedRoutes(ctx, "/plattform/utkorg", "superadmin", () => null),
  ];
}
