/** TODO(helper): routes of this feature. */
import type { Ctx } from "../context.js";
import type { Route } from "../http/route.js";

export function resultsRoutes(_ctx: Ctx): Route[] {
  return [];
}

export function resultsApiRoutes(_ctx: Ctx): Route[] {
  return [];
}
