import { describe, expect, it } from "vitest";
import { accountFailure, addressAttempt, addressSuccess, delayAfter, limits, pairAttempt, resetRequest, sourceOf, type Counter, type Rule } from "../../../server/accounts/throttle.pure.js";

const t0 = new Date("2025-03-10T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

/** Runs a rule over a series of attempts at the given times, keeping the counter as the database would. */
function run(rule: Rule, times: number[]) {
  let c: Counter | undefined;
  return times.map((ms) => {
    const d = rule(c, at(ms));
    if (d.allow) c = d.next ?? undefined;
    return d;
  });
}

describe("väntan efter misslyckanden", () => {
  it("när ett konto misslyckas från en källa så är de tre första fria, sedan fördubblas väntan upp till 15 minuter", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 13, 14, 40].map(delayAfter)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 512_000, 900_000, 900_000]);
  });

  it("när försök kommer under väntan så hålls de utan att räknas, och efter väntan släpps nästa igenom", () => {
    const d = run(pairAttempt, [0, 1, 2, 3, 4, 1003, 1004, 3003]);
    expect(d.map((x) => x.allow)).toEqual([true, true, true, true, false, true, false, true]);
    expect(d[4]).toEqual({ allow: false, retryAfter: 1 });
    expect(d[6]).toEqual({ allow: false, retryAfter: 2 });
  });

  it("när en timme gått utan misslyckanden så börjar kontot och källan om", () => {
    const d = run(pairAttempt, [0, 1, 2, 3, limits.pairMemory + 4, limits.pairMemory + 5]);
    expect(d.every((x) => x.allow)).toBe(true);
    const last = d.at(-1)!;
    expect(last.allow && last.next?.count).toBe(2);
  });
});

describe("per källa och per konto", () => {
  it("när en källa har 30 försök i fönstret så hålls den tills fönstret är slut, och en lyckad inloggning ges tillbaka", () => {
    const d = run(addressAttempt, Array.from({ length: 31 }, (_, i) => i));
    expect(d.slice(0, 30).every((x) => x.allow)).toBe(true);
    expect(d[30]).toEqual({ allow: false, retryAfter: 15 * 60 });
    const c: Counter = { count: 1, windowStart: t0, expiresAt: at(1000), blockedUntil: null, notifiedAt: null };
    expect(addressSuccess(c, t0)).toEqual({ allow: true, next: null });
  });

  it("när ett konto får många misslyckanden så sägs det till en gång per fönster, och ingen hålls", () => {
    const d = run(accountFailure, [...Array.from({ length: 25 }, (_, i) => i), limits.accountWindow + 1, ...Array.from({ length: 10 }, (_, i) => limits.accountWindow + 2 + i)]);
    expect(d.every((x) => x.allow)).toBe(true);
    expect(d.flatMap((x, i) => (x.allow && x.notify ? [i] : []))).toEqual([limits.notifyAfter - 1, 25 + limits.notifyAfter - 1]);
  });

  it("när samma adress ber om återställning så släpps tre igenom i timmen", () => {
    expect(run(resetRequest, [0, 1, 2, 3, limits.resetWindow + 1]).map((x) => x.allow)).toEqual([true, true, true, false, true]);
  });
});

describe("källan", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::9", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    [undefined, "okänd"],
  ])("när adressen är %s så räknas den som %s", (ip, source) => {
    expect(sourceOf(ip)).toBe(source);
  });
});
