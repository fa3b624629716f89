import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { detectDelimiter, parseResponsesCsv } from "../../../surveys/csv.js";
import { findSurvey } from "../../../surveys/index.js";
import { frequencyLabels } from "../../../surveys/define.js";

const pagaende = findSurvey("indikator-deltagare-pagaende")!;
const samverkan = findSurvey("samverkan-utvardering")!;
const evenemang = findSurvey("evenemang-utvardering")!;
const surveys = { pagaende, samverkan, evenemang };

/** One cell under one header: the stored value, or the error. */
const one = (s: keyof typeof surveys, header: string, cell: string) => parseResponsesCsv(surveys[s], `${header}\n${cell}\n`);

describe("avgränsare", () => {
  it.each([
    ["q1;q2;q3", ";"], ["q1,q2,q3", ","], ["q1", ","], ["q1;q2,q3;q4", ";"],
    ['"q1,x";q2;q3', ";"], ["q1,q2\n1;2;3;4;5", ","], ["\uFEFFq1;q2", ";"],
  ])("när rubrikraden är %j så används %s", (line, expected) => {
    expect(detectDelimiter(line.replace(/^\uFEFF/, ""))).toBe(expected);
  });
});

describe("värden i cellerna", () => {
  it.each<[keyof typeof surveys, string, string, unknown]>([
    ["pagaende", "q1", "4", 4],
    ["pagaende", "q1", " 6 ", 6],
    ["pagaende", "q1", "0", 0],
    ...frequencyLabels.map((l, i) => ["pagaende", "q1", l.sv, i + 1] as [keyof typeof surveys, string, string, unknown]),
    ["pagaende", "q1", "FÖR DET MESTA", 5],
    ["pagaende", "q1", "för  det mesta", 5],
    ["pagaende", "q1", "Vet inte", 0],
    ["pagaende", "q1", "Vet inte / ej aktuellt", 0],
    ["pagaende", "q1", "vet inte/ej aktuellt", 0],
    ["pagaende", "q1", "Ej aktuellt", 0],
    ["pagaende", "q4a", "Ja", "ja"],
    ["pagaende", "q4a", "NEJ", "nej"],
    ["pagaende", "q8", "Trygghet; tid", "Trygghet; tid"],
    ["samverkan", "q3", "10", 10],
    ["samverkan", "q1", "Försäkringskassan", "forsakringskassan"],
    ["samverkan", "q1", "forsakringskassan", "forsakringskassan"],
    ["samverkan", "q1", "annan", "annan"],
    ["samverkan", "q2", '"Styrelse;Styrgrupp Samverk"', ["styrelse", "styrgrupp_samverk"]],
    ["samverkan", "q2", '"beredningsgrupp; annat ;"', ["beredningsgrupp", "annat"]],
    ["samverkan", "q2", "Annan samverkansgrupp", ["annat"]],
    ["samverkan", "q6", "ja", "ja"],
    ["evenemang", "q1", "6", 6],
    ["evenemang", "q4", "Vet inte", 0],
  ])("när %s har %s = %s så lagras %j", (s, header, cell, value) => {
    const r = one(s, header, cell);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ line: 2, answers: { [header]: value } }]);
  });

  it.each<[keyof typeof surveys, string, string, string]>([
    ["pagaende", "q1", "7", "q1: ska vara 1–6 eller 0 (vet inte), inte ”7”"],
    ["pagaende", "q1", "Oftast", "q1: ska vara 1–6 eller 0 (vet inte), inte ”Oftast”"],
    ["pagaende", "q1", '"4,5"', "q1: ska vara 1–6 eller 0 (vet inte), inte ”4,5”"],
    ["pagaende", "q4a", "kanske", "q4a: ska vara ja eller nej, inte ”kanske”"],
    ["samverkan", "q3", "0", "q3: ska vara 1–10, inte ”0”"],
    ["samverkan", "q3", "Vet inte", "q3: ska vara 1–10, inte ”Vet inte”"],
    ["samverkan", "q3", "11", "q3: ska vara 1–10, inte ”11”"],
    ["samverkan", "q1", "Kommunen", "q1: ska vara ett av: kommun, region, arbetsformedlingen, forsakringskassan, annan, inte ”Kommunen”"],
    ["samverkan", "q2", '"styrelse;ledning"', "q2: ska vara ett eller flera av: styrelse, beredningsgrupp, styrgrupp_samverk, arbetsgrupp_samverk, annat, inte ”styrelse;ledning”"],
    ["evenemang", "q1", "Vet inte", "q1: ska vara 1–6, inte ”Vet inte”"],
    ["pagaende", "q1", "811218-9876", "q1: ska vara 1–6 eller 0 (vet inte), inte ”[personnummer borttaget]”"],
    ["pagaende", "q8", "mejla anna@exempel.se", "q8: innehåller e-postadress – ta bort det, svaren är anonyma"],
  ])("när %s har %s = %s så blir raden fel: %s", (s, header, cell, message) => {
    const r = one(s, header, cell);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([{ line: 2, errors: [message] }]);
  });
});

describe("filer", () => {
  it("när filen har BOM, CRLF och citerad fritext med radbrytning så stämmer radnumren med filen", () => {
    const csv = "\uFEFFq1;q8;q9\r\n4;\"Rad ett\nrad två\";\r\n\r\n5;;\"Han sa \"\"hej\"\"\"\r\n6;;\r\n";
    const r = parseResponsesCsv(pagaende, csv);
    expect(r.errors).toEqual([]);
    expect(r.delimiter).toBe(";");
    expect(r.rows).toEqual([
      { line: 2, answers: { q1: 4, q8: "Rad ett\nrad två" } },
      { line: 5, answers: { q1: 5, q9: 'Han sa "hej"' } },
      { line: 6, answers: { q1: 6 } },
    ]);
  });

  it("när rubrikerna har annat skiftläge, mellanslag och en tom sista kolumn så går de bra", () => {
    const r = parseResponsesCsv(pagaende, " Q1 ;q2;\n1;2;\n3;4\n");
    expect(r.errors).toEqual([]);
    expect(r.rows.map((x) => x.answers)).toEqual([{ q1: 1, q2: 2 }, { q1: 3, q2: 4 }]);
  });

  it("när en rad bara har tomma celler så hoppas den över som en tom rad", () => {
    const r = parseResponsesCsv(pagaende, "q1;q2\n;\n1;2\n ; \n");
    expect(r.rows).toEqual([{ line: 3, answers: { q1: 1, q2: 2 } }]);
    expect(r.errors).toEqual([]);
  });

  it("när obligatoriska frågor är tomma så godtas raden, men villkor gäller", () => {
    const r = parseResponsesCsv(samverkan, "q1;q6;q7\n;nej;\n;nej;8\nKommun;ja;8\n");
    expect(r.rows.map((x) => x.line)).toEqual([2, 4]);
    expect(r.errors).toEqual([{ line: 3, errors: ["q7: ska bara besvaras när q6 är ja"] }]);
  });

  it("när kommentarer och annat-text finns i egna kolumner så hör de till sin fråga", () => {
    const r = parseResponsesCsv(samverkan, "q2,q2_annat,q9c,q9c_kommentar\nannat,Nätverk,6,Långa handläggningstider\n");
    expect(r.rows[0].answers).toEqual({ q2: ["annat"], q2_annat: "Nätverk", q9c: 6, q9c_kommentar: "Långa handläggningstider" });
  });

  it("när ett flerval i en semikolonfil saknar citattecken så säger felet hur det ska skrivas", () => {
    const r = parseResponsesCsv(samverkan, "q1;q2;q3\nKommun;Styrelse;Beredningsgrupp;8\n");
    expect(r.errors).toEqual([{ line: 2, errors: ['raden har 4 värden men rubrikraden har 3 kolumner (flerval i en semikolonavgränsad fil måste stå inom citattecken: "1;3")'] }]);
  });

  it("när en rad har för få värden så blir den fel", () => {
    const r = parseResponsesCsv(pagaende, "q1,q2,q3\n1,2\n");
    expect(r.errors).toEqual([{ line: 2, errors: ["raden har 2 värden men rubrikraden har 3 kolumner"] }]);
  });

  it.each([
    ["q1;q99", "kolumnen ”q99” är ingen fråga i enkäten"],
    ["q1;q1", "kolumnen ”q1” finns två gånger"],
    ["q1;q1_kommentar", "kolumnen ”q1_kommentar” finns inte: q1 har inget sådant fält"],
    [";", "rubrikraden saknar frågor"],
  ])("när rubrikraden är %j så avvisas filen på rad 1", (header, message) => {
    const r = parseResponsesCsv(pagaende, `${header}\n1;2\n3;4\n`);
    expect(r.rows).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(1);
    expect(r.errors[0].errors[0]).toContain(message);
  });

  it("när filen inte är UTF-8 så säger felet hur den ska sparas", () => {
    const latin1 = Buffer.from("q8\nGöteborg\n", "latin1").toString("utf8");
    expect(parseResponsesCsv(pagaende, latin1).errors).toEqual([{ line: 2, errors: ["raden har tecken som inte kunde läsas – spara filen som CSV UTF-8"] }]);
  });

  it("när ett citattecken aldrig stängs så pekar felet på raden där det börjar", () => {
    const r = parseResponsesCsv(pagaende, 'q1;q8\n1;bra\n2;"inte stängd\n3;x\n');
    expect(r.rows).toEqual([{ line: 2, answers: { q1: 1, q8: "bra" } }]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].line).toBe(3);
    expect(r.errors[0].errors[0]).toContain("stängs aldrig");
  });

  it("när filen är tom eller saknar svar så blir det ett fel, inte noll importerade", () => {
    expect(parseResponsesCsv(pagaende, "").errors).toEqual([{ line: 1, errors: ["filen är tom: första raden ska ha frågornas id, t.ex. q1;q2;q3"] }]);
    expect(parseResponsesCsv(pagaende, "\n\n").errors[0].line).toBe(1);
    expect(parseResponsesCsv(pagaende, "q1;q2\n").errors).toEqual([{ line: 2, errors: ["filen har en rubrikrad men inga svar"] }]);
  });

  it("när flera rader är fel så listas alla i radordning med alla fel per rad", () => {
    const r = parseResponsesCsv(pagaende, "q1;q4a;q4b\n1;ja;2\n9;nej;3\n1;ja;1\n2;nej;x\n");
    expect(r.errors).toEqual([
      { line: 3, errors: ["q1: ska vara 1–6 eller 0 (vet inte), inte ”9”", "q4b: ska bara besvaras när q4a är ja"] },
      { line: 5, errors: ["q4b: ska bara besvaras när q4a är ja"] },
    ]);
  });
});

describe("CSV som egenskap", () => {
  it("när texten är godtycklig så kastar parsern aldrig och radnumren är giltiga", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom("Ofta", "ja", "\"", "\n", ";", ",", "q1", "0", "Vet inte"));
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 6 }).map((rows) => rows.map((r) => r.join(";")).join("\n")));
    fc.assert(fc.property(text, (t) => {
      const r = parseResponsesCsv(pagaende, t);
      for (const e of r.errors) { expect(e.line).toBeGreaterThanOrEqual(1); expect(e.errors.length).toBeGreaterThan(0); }
      const lines = r.rows.map((x) => x.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      expect(new Set(lines).size).toBe(lines.length);
    }), { numRuns: 400 });
  });

  it("när giltiga svar skrivs som CSV med koder eller ord och valfri avgränsare så läses samma svar tillbaka", () => {
    const freqIds = ["q1", "q2", "q3", "q5", "q6", "q7"];
    const response = fc.record({
      freq: fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), { minLength: 6, maxLength: 6 }),
      q4a: fc.option(fc.constantFrom("ja", "nej"), { nil: undefined }),
      q4b: fc.integer({ min: 1, max: 6 }),
      q8: fc.option(fc.stringMatching(/^[a-zåäö ,;"]{1,30}$/), { nil: undefined }),
      asWords: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(response, { minLength: 1, maxLength: 8 }), fc.constantFrom(";", ","), (list, sep) => {
      const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
      const word = (n: number) => (n === 0 ? "Vet inte / ej aktuellt" : frequencyLabels[n - 1].sv);
      const lines = [[...freqIds, "q4a", "q4b", "q8"].join(sep)];
      const expected = list.map((r, i) => {
        const answers: Record<string, unknown> = {};
        const cells = r.freq.map((v, j) => { if (v !== undefined) answers[freqIds[j]] = v; return v === undefined ? "" : r.asWords ? word(v) : String(v); });
        if (r.q4a) answers.q4a = r.q4a;
        if (r.q4a === "ja") answers.q4b = r.q4b;
        const q8 = r.q8?.trim();
        if (q8) answers.q8 = q8;
        cells.push(r.q4a ?? "", r.q4a === "ja" ? String(r.q4b) : "", r.q8 ? quote(r.q8) : "");
        lines.push(cells.join(sep));
        return { line: i + 2, answers };
      });
      const r = parseResponsesCsv(pagaende, lines.join("\r\n"));
      expect(r.errors).toEqual([]);
      // rows with no answer at all are blank lines and skipped
      expect(r.rows).toEqual(expected.filter((x) => Object.keys(x.answers).length));
    }), { numRuns: 200 });
  });
});
