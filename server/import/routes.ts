/** TODO(helper): routes of this feature. */
import type { Ctx } from "../context.js";
import type { Route } from "../http/route.js";

export function importRoutes(_ctx: Ctx): Route[] {
  return [];
}

export function importApiRoutes(_ctx: Ctx): Route[] {
  return [];
}
