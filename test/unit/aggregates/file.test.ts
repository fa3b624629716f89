/** The aggregate file's form: the documented schema is the one the import checks with, and the checksum is reproducible. */
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import crypto from "node:crypto";
import { Ajv2020 } from "ajv/dist/2020.js";
import { aggregateJsonSchema } from "../../../server/aggregates/json-schema.js";
import { canonicalJson, checksumOf } from "../../../server/aggregates/file.pure.js";

describe("aggregatfilen", () => {
  it("docs/aggregat.schema.json är samma schema som inläsningen prövar mot, och ett giltigt draft 2020-12-schema", () => {
    const documented = JSON.parse(fs.readFileSync(new URL("../../../docs/aggregat.schema.json", import.meta.url), "utf8"));
    expect(documented).toEqual(aggregateJsonSchema);
    const ajv = new Ajv2020({ strict: true, validateFormats: false });
    expect(ajv.validateSchema(documented)).toBe(true);
  });

  it("kanonisk JSON sorterar nycklarna på varje nivå och behåller listornas ordning", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: "å" }], c: true } })).toBe('{"a":{"c":true,"d":[3,{"y":"å","z":null}]},"b":1}');
  });

  it("kontrollsumman är sha256 av den kanoniska JSON:en utan fältet checksum, oberoende av nycklarnas ordning", () => {
    const content = { year: 2026, format: "samspar-aggregat", forbund: { name: "Nord", id: "x" } };
    const expected = crypto.createHash("sha256").update('{"forbund":{"id":"x","name":"Nord"},"format":"samspar-aggregat","year":2026}').digest("hex");
    expect(checksumOf(content)).toBe(expected);
    expect(checksumOf({ ...content, checksum: "vad som helst" })).toBe(expected);
    expect(checksumOf({ forbund: { id: "x", name: "Nord" }, format: "samspar-aggregat", year: 2026 })).toBe(expected);
  });
});
