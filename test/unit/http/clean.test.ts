import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cleanDeep, cleanText, MAX_DEPTH, TooDeepError } from "../../../server/http/clean.js";

/** The naive reference: character by character. */
function reference(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) { out += s[i] + s[i + 1]; i++; } else out += "\uFFFD";
      continue;
    }
    out += c >= 0xdc00 && c <= 0xdfff ? "\uFFFD" : s[i];
  }
  return out;
}

describe("cleanText", () => {
  it.each([
    ["a\u0000b", "ab"],
    ["\u0001\u0008\u000b\u000c\u000e\u001b\u001f", ""],
    ["rad 1\nrad 2\r\n\tindrag", "rad 1\nrad 2\r\n\tindrag"],
    ["\uD800", "\uFFFD"],
    ["x\uDC00y", "x\uFFFDy"],
    ["😀 hel", "😀 hel"],
    ["\uD83D\uD83D\uDE00", "\uFFFD😀"],
    ["åäö – € \u007f \u0085", "åäö – € \u007f \u0085"],
  ])("när texten är %j så blir den %j", (input, want) => {
    expect(cleanText(input)).toBe(want);
  });

  it("när texten är vilken som helst så blir den som referensen, och en gång räcker", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => {
      const once = cleanText(s);
      return once === reference(s) && cleanText(once) === once && !/[\uD800-\uDFFF]/.test(once.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
    }));
  });
});

describe("cleanDeep", () => {
  it("när ett tolkat JSON-värde har styrtecken i värden och nycklar så rensas alla strängar och inget annat", () => {
    const input = { "n\u0000amn": "A\u0000", list: ["b\u001b", 3, true, null, { c: "\uD800" }], n: 1.5 };
    expect(cleanDeep(input)).toEqual({ namn: "A", list: ["b", 3, true, null, { c: "\uFFFD" }], n: 1.5 });
    expect(input["n\u0000amn"]).toBe("A\u0000"); // a copy: the input is left as it was
  });

  it("när en nyckel heter __proto__ så förblir den en vanlig nyckel", () => {
    const out = cleanDeep(JSON.parse('{"__proto__": {"admin": true}, "a": "x"}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { admin?: boolean }).admin).toBeUndefined();
    expect(Object.keys(out)).toEqual(["__proto__", "a"]);
  });

  it("när ett formulär saknar prototyp och har en Buffer bredvid så behålls båda som de är", () => {
    const form = Object.assign(Object.create(null) as Record<string, unknown>, { a: "x\u0000" });
    const buf = Buffer.from([0, 1, 2]);
    const out = cleanDeep({ form, buf });
    expect(Object.getPrototypeOf(out.form)).toBeNull();
    expect(out.form.a).toBe("x");
    expect(out.buf).toBe(buf);
  });

  it("när värdet är djupare än gränsen så vägras det med 400 i stället för att stacken tar slut", () => {
    let deep: unknown = "x";
    for (let i = 0; i < MAX_DEPTH + 1; i++) deep = [deep];
    expect(() => cleanDeep(deep)).toThrow(TooDeepError);
    let ok: unknown = "x\u0000";
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = [ok];
    expect(JSON.stringify(cleanDeep(ok))).toContain('"x"');
  });
});
