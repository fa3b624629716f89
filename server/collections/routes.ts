/** TODO(helper): routes of this feature. */
import type { Ctx } from "../context.js";
import type { Route } from "../http/route.js";

export function collectionsRoutes(_ctx: Ctx): Route[] {
  return [];
}

export function collectionsApiRoutes(_ctx: Ctx): Route[] {
  return [];
}
