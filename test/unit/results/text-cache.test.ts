/** The free-text lists kept per released snapshot (results/text-cache.ts): exact keys and a bounded size. */
import { describe, expect, it, vi } from "vitest";
import { BUDGET, KEEP_MS, cachedTexts, keepTexts, textKey } from "../../../server/results/text-cache.js";

const list = (chars: number, tag: string) => [{ text: tag.padEnd(chars, "x"), count: 1 }];
const lines = (...texts: string[]) => texts.map((text) => ({ text, count: 1 }));

describe("textKey", () => {
  it("när en insamling har fler släppta svar så är nyckeln en annan; ordningen mellan insamlingarna spelar ingen roll", () => {
    const a = { id: "a", released: 10 }, b = { id: "b", released: 5 };
    expect(textKey("q8", [a, b])).toBe(textKey("q8", [b, a]));
    expect(textKey("q8", [a, b])).not.toBe(textKey("q8", [{ ...a, released: 15 }, b]));
    expect(textKey("q8", [a])).not.toBe(textKey("q9", [a]));
    expect(textKey("q8", [a])).not.toBe(textKey("q8", [a, b]));
  });
});

describe("keepTexts", () => {
  it("när listorna tillsammans går över gränsen så glöms den som använts längst sedan först", () => {
    const db = {};
    const quarter = Math.floor(BUDGET / 4) - 10;
    for (const k of ["1", "2", "3", "4"]) keepTexts(db, k, list(quarter, k));
    expect(cachedTexts(db, "1")?.[0].text.startsWith("1")).toBe(true); // 1 is now the most recently used
    keepTexts(db, "5", list(quarter, "5"));
    expect(cachedTexts(db, "2")).toBeUndefined();
    for (const k of ["1", "3", "4", "5"]) expect(cachedTexts(db, k)?.[0].text.startsWith(k)).toBe(true);
  });

  it("när en lista ensam är större än gränsen så hålls den inte, och de andra står kvar", () => {
    const db = {};
    keepTexts(db, "liten", lines("a", "b"));
    keepTexts(db, "stor", list(BUDGET + 1, "s"));
    expect(cachedTexts(db, "stor")).toBeUndefined();
    expect(cachedTexts(db, "liten")).toEqual(lines("a", "b"));
  });

  it("när två databaser används i samma process så delar de inga listor", () => {
    const one = {}, two = {};
    keepTexts(one, "k", lines("ett"));
    expect(cachedTexts(two, "k")).toBeUndefined();
  });
});

describe("cachedTexts", () => {
  it("när en lista hållits längre än KEEP_MS så läses den igen", () => {
    vi.useFakeTimers({ toFake: ["performance"] });
    try {
      const db = {};
      keepTexts(db, "k", lines("ett"));
      vi.advanceTimersByTime(KEEP_MS - 1_000);
      expect(cachedTexts(db, "k")).toEqual(lines("ett"));
      vi.advanceTimersByTime(2_000);
      expect(cachedTexts(db, "k")).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
