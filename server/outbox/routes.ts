/** The outbox for admins: mail written to files when no SMTP server is configured. */
import type { Ctx } from "../context.js";
import { get, type Route } from "../http/route.js";
import { parseParams } from "../http/forms.js";
import { forbundOf } from "../http/guards.js";
import * as outbox from "./service.js";
import { fileParam } from "./schema.js";

export function outboxRoutes(ctx: Ctx): Route[] {
  return [
    get("/utkorg", "admin", async (req, res) => {
      const enabled = outbox.hasOutbox(ctx);
      const messages = enabled ? await outbox.listMessages(ctx, forbundOf(req)) : [];
      res.set("Cache-Control", "no-store").render("outbox/index", { title: "Utkorg", enabled, messages });
    }),
    get("/utkorg/:file", "admin", async (req, res) => {
      const { file } = parseParams(fileParam, req.params);
      const message = await outbox.getMessage(ctx, forbundOf(req), file);
      res.set("Cache-Control", "no-store").render("outbox/show", { title: message.subject, message });
    }),
  ];
}
