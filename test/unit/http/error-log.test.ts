/** What a 500 writes to the log: the route, never a token in the path or answers in a failed query. */
import { describe, expect, it } from "vitest";
import { loggable, routeOf } from "../../../server/http/error-handler.js";

describe("felloggens rad", () => {
  it("när en rutt matchade så loggas dess mönster och inte adressen med token", () => {
    const req = { baseUrl: "", path: "/e/abcd2345ef/fortsatt/Xy_9-aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", route: { path: "/e/:slug/fortsatt/:token" } };
    expect(routeOf(req as never)).toBe("/e/:slug/fortsatt/:token");
  });

  it("när ingen rutt matchade så loggas en fast etikett och inget av adressen", () => {
    expect(routeOf({ baseUrl: "", path: "/e/abcd2345ef/fortsatt/Xy_9aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", route: undefined } as never)).toBe("(ingen route)");
    expect(routeOf({ baseUrl: "", path: "/e/hemligslug/tack", route: undefined } as never)).toBe("(ingen route)");
  });

  it("när en databasfråga misslyckas så loggas databasens meddelande men inte frågans parametrar", () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "responses_submission_key"'), { code: "23505" });
    const err = new Error(`Failed query: insert into responses values ($1)\nparams: {"q8":"Ring mig på 070-123 45 67"}`, { cause });
    const safe = loggable(err) as Error;
    expect(safe.message).toContain("responses_submission_key");
    expect(safe.message).toContain("23505");
    expect(`${safe.message}\n${safe.stack}`).not.toContain("070-123");
    expect(safe.stack).toMatch(/^\s+at /m);
  });

  it("när felet är ett annat så behålls meddelande och stack", () => {
    const safe = loggable(new TypeError("x is not a function")) as Error;
    expect(safe.name).toBe("TypeError");
    expect(safe.stack).toContain("TypeError: x is not a function");
  });
});
