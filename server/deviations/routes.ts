/** TODO(helper): routes of this feature. */
import type { Ctx } from "../context.js";
import type { Route } from "../http/route.js";

export function deviationsRoutes(_ctx: Ctx): Route[] {
  return [];
}

export function deviationsApiRoutes(_ctx: Ctx): Route[] {
  return [];
}
