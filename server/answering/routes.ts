/** TODO(helper): routes of this feature. */
import type { Ctx } from "../context.js";
import type { Route } from "../http/route.js";

export function answeringRoutes(_ctx: Ctx): Route[] {
  return [];
}

export function answeringApiRoutes(_ctx: Ctx): Route[] {
  return [];
}
