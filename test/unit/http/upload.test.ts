import { describe, expect, it } from "vitest";
import { firstField } from "../../../server/http/upload.js";

const form = "application/x-www-form-urlencoded";
const multipart = "multipart/form-data; boundary=XyZ";
const part = (name: string, value: string, extra = "") => `--XyZ\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;

describe("formulärets första fält", () => {
  it.each([
    ["urlencoded, hela fältet", form, "_csrf=abc%20d&csv=a", false, { done: true, name: "_csrf", value: "abc d" }],
    ["urlencoded, värdet inte klart", form, "_csrf=ab", false, { done: false, name: "_csrf" }],
    ["urlencoded, hela kroppen", form, "_csrf=ab", true, { done: true, name: "_csrf", value: "ab" }],
    ["urlencoded, namnet inte klart", form, "_cs", false, { done: false, name: undefined }],
    ["urlencoded, ett annat fält först", form, "csv=a;b&_csrf=x", false, { done: true, name: "csv", value: "a;b" }],
    ["multipart, hela fältet", multipart, part("_csrf", "tok") + "--XyZ", false, { done: true, name: "_csrf", value: "tok" }],
    ["multipart, värdet inte klart", multipart, "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nto", false, { done: false, name: "_csrf" }],
    ["multipart, filen först", multipart, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"t.xlsx\"\r\n\r\nPK", false, { done: false, name: "file" }],
    ["multipart, rubrikerna inte klara", multipart, "--XyZ\r\nContent-Disp", false, { done: false }],
    ["multipart, fel gräns", multipart, "--Annan\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n--Annan", false, { done: true }],
    ["annan typ", "application/json", "{}", false, { done: true }],
  ])("%s", (_what, type, text, complete, expected) => {
    expect(firstField(text, type, complete)).toEqual(expected);
  });
});
