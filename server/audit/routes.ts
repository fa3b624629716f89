/** TODO(helper): routes of this feature. */
import type { Ctx } from "../context.js";
import type { Route } from "../http/route.js";

export function auditRoutes(_ctx: Ctx): Route[] {
  return [];
}
