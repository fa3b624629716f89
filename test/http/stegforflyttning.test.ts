/**
 * Stegförflyttning through the API: nyckeltal per year, the movement matrix per insats and year, and
 * the effect per sector beside the insats's funding. The amounts are the worked example of
 * test/unit/socioeconomics/movements.test.ts (ours, not RISE's); the rates are the issue's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as orgRepo from "../../server/organisation/repo.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

let t: TestApp;
type Agent = ReturnType<typeof request.agent>;
let admin: Agent, lasare: Agent;
let forbundId = "";
const bearer: Record<string, string> = {};
let se: string, it2: string, otherInsats: string;

const api = (method: "get" | "put", path: string, who = "admin") => request(t.app)[method](path).set("Authorization", `Bearer ${bearer[who]}`);

const nyckeltal2025 = {
  supports: {
    forsorjningsstod: { amount: 120_000, payer: "kommun", taxable: false, source: "Räkneexempel (förbundets egen uppgift i verkligheten: Socialstyrelsen)" },
    aktivitetsstod: { amount: 150_000, payer: "stat", taxable: true, source: "Räkneexempel (Försäkringskassan)" },
  },
  wage: 300_000, wageSubsidyShare: 0.8, taxKommun: 0.2138, taxRegion: 0.1176, employerContribution: 0.3142,
  sources: { wage: "60 % av medianlönen (SCB), räkneexempel" },
};

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date("2025-06-10T10:00:00Z") } });
  const F = await makeForbund(t.ctx, "Förbund Steg", ["Eksjö", "Tranås"]);
  const other = await makeForbund(t.ctx, "Annat förbund steg");
  const [eksjo, tranas] = F.areas.map((a) => a.id);
  se = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: F.forbund.id, name: "SE-Höglandet", kind: "individinriktad" }, [eksjo])).id;
  it2 = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: F.forbund.id, name: "IT-spåret", kind: "individinriktad" }, [tranas])).id;
  otherInsats = (await orgRepo.insertIntervention(t.ctx.db, { forbundId: other.forbund.id, name: "Annat", kind: "individinriktad" }, [])).id;
  const users = {
    admin: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" }),
    koord: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "koordinator", areaIds: [eksjo] }),
    lasare: await makeUser(t.ctx, { forbundId: F.forbund.id, role: "lasare" }),
  };
  admin = await loginAgent(t.app, users.admin.email, PASSWORD);
  lasare = await loginAgent(t.app, users.lasare.email, PASSWORD);
  forbundId = F.forbund.id;
  for (const [k, u] of Object.entries(users)) bearer[k] = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, u.id))!, "test")).secret;
});
afterAll(async () => { await t?.close(); });

describe("stegförflyttning via API:t", () => {
  it("när matrisen finns men inga nyckeltal så räknas ingen effekt, och det som saknas listas", async () => {
    const put = await api("put", `/api/v1/interventions/${se}/movements/2025`, "koord")
      .send({ matrix: { forsorjningsstod: { arbete: 2, aktivitetsstod: 1, forsorjningsstod: 3, ingen: 0 } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toEqual({ interventionId: se, year: 2025, matrix: { forsorjningsstod: { forsorjningsstod: 3, aktivitetsstod: 1, arbete: 2 } }, oneYearAfter: null });
    expect((await api("get", `/api/v1/interventions/${se}/movements/2025`, "lasare")).body.matrix).toEqual({ forsorjningsstod: { forsorjningsstod: 3, aktivitetsstod: 1, arbete: 2 } });
    const effect = await api("get", `/api/v1/interventions/${se}/effect/2025`, "lasare");
    expect(effect.status).toBe(200);
    expect(effect.body).toEqual({
      perYear: null, twoYears: null, funding: null,
      missing: ["supports.forsorjningsstod", "supports.aktivitetsstod", "wage", "taxKommun", "taxRegion", "employerContribution"], outcomeThreshold: null,
    });
  });

  it("när nyckeltalen läggs in så blir effekten per sektor den handräknade, i hela kronor, bredvid insatsens medel", async () => {
    const put = await api("put", "/api/v1/nyckeltal/2025").send(nyckeltal2025);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await api("get", "/api/v1/nyckeltal/2025", "lasare")).body).toMatchObject(nyckeltal2025);
    expect((await api("put", `/api/v1/interventions/${se}/funding/2025`).send({ amount: 500_000 })).status).toBe(200);
    const effect = await api("get", `/api/v1/interventions/${se}/effect/2025`);
    expect(effect.body).toEqual({
      perYear: { kommun: 520_350, region: 88_200, stat: 38_520, total: 647_070 },
      twoYears: { kommun: 1_040_700, region: 176_400, stat: 77_040, total: 1_294_140 },
      funding: 500_000, missing: [], outcomeThreshold: null,
    });
  });

  it("när Statistik-bilagan hämtas så har den matrisen och effekten per sektor, med regeln och nyckeltalen, i varje format", async () => {
    const csv = await api("get", "/api/v1/reports/2025/statistik?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.text).toContain("SE-Höglandet;Per år;520350;88200;38520;647070;500000");
    expect(csv.text).toContain("SE-Höglandet;Två år;1040700;176400;77040;1294140;");
    expect(csv.text).toContain("Försörjningsstöd;3;1;2;6");
    const html = (await api("get", "/api/v1/reports/2025/statistik?format=html")).text;
    expect(html).toContain("Stegförflyttning 2025");
    expect(html).toContain("inte för en enskild individs");
    expect(html).toContain("Källa: Räkneexempel (Försäkringskassan)");
    const docx = await api("get", "/api/v1/reports/2025/statistik?format=docx").buffer(true);
    expect(docx.status).toBe(200);
    expect((await api("get", "/api/v1/reports/2025/statistik?format=xlsx").buffer(true)).status).toBe(200);
  });

  it("när uppföljningen ett år efter skickas med så sparas den bredvid matrisen, och en rad med fler än som började vägras med svenskt meddelande", async () => {
    const matrix = { forsorjningsstod: { arbete: 2, aktivitetsstod: 1, forsorjningsstod: 3 } };
    const tooMany = await api("put", `/api/v1/interventions/${se}/movements/2024`, "koord").send({ matrix, oneYearAfter: { forsorjningsstod: { arbete: 7 } } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.issues).toEqual([{ path: "oneYearAfter.forsorjningsstod", message: "Ett år efter: 7 följs upp från försörjningsstöd, men bara 6 började med försörjningsstöd." }]);
    const put = await api("put", `/api/v1/interventions/${se}/movements/2024`, "koord").send({ matrix, oneYearAfter: { forsorjningsstod: { arbete: 3, forsorjningsstod: 2, ingen: 0 } } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const get = await api("get", `/api/v1/interventions/${se}/movements/2024`, "lasare");
    expect(get.body).toEqual({ interventionId: se, year: 2024, matrix, oneYearAfter: { forsorjningsstod: { forsorjningsstod: 2, arbete: 3 } }, outcomeThreshold: null });
    // Left out, the follow-up is not known: PUT replaces the year's movements.
    await api("put", `/api/v1/interventions/${se}/movements/2024`, "koord").send({ matrix });
    expect((await api("get", `/api/v1/interventions/${se}/movements/2024`)).body.oneYearAfter).toBeNull();
    await api("put", `/api/v1/interventions/${se}/movements/2024`, "koord").send({ matrix, oneYearAfter: { forsorjningsstod: { arbete: 3, forsorjningsstod: 2 } } });
    const csv = (await api("get", "/api/v1/reports/2024/statistik?format=csv")).text;
    expect(csv).toContain("Förflyttningar SE-Höglandet 2024 ett år efter avslut");
    expect(csv).toContain("Försörjningsstöd;2;3;5");
  });

  it("när matrisen eller nyckeltalen är fel så blir det 422 med svenska meddelanden vid rätt sökväg", async () => {
    const bad = await api("put", `/api/v1/interventions/${se}/movements/2025`).send({ matrix: { forsorjningsstod: { arbete: -1, jobb: 2 }, okand: {} } });
    expect(bad.status).toBe(422);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(["matrix.forsorjningsstod.arbete", "matrix.forsorjningsstod.jobb", "matrix.okand"]);
    expect(bad.body.error.issues.find((i: { path: string }) => i.path === "matrix.forsorjningsstod.arbete").message).toBe("kan inte vara negativt");
    const n = await api("put", "/api/v1/nyckeltal/2025").send({ ...nyckeltal2025, taxKommun: 21.38, supports: { a_kassa: { amount: 1, payer: "staten", taxable: "ja", source: "" } } });
    expect(n.status).toBe(422);
    const issues = Object.fromEntries(n.body.error.issues.map((i: { path: string; message: string }) => [i.path, i.message]));
    expect(issues).toMatchObject({
      taxKommun: "ska vara en andel mellan 0 och 1, till exempel 0.2138", "supports.a_kassa.payer": "ska vara kommun, region eller stat",
      "supports.a_kassa.taxable": "ska vara true eller false",
    });
    expect(issues["supports.a_kassa.source"]).toContain("skriv källan i ord");
  });

  it("när en koordinator skriver för en insats utanför sina kommunområden, en läsare skriver, eller insatsen är ett annat förbunds så vägras det", async () => {
    const body = { matrix: { ingen: { arbete: 1 } } };
    expect((await api("put", `/api/v1/interventions/${it2}/movements/2025`, "koord").send(body)).status).toBe(403);
    expect((await api("put", `/api/v1/interventions/${se}/movements/2025`, "lasare").send(body)).status).toBe(403);
    expect((await api("put", `/api/v1/interventions/${otherInsats}/movements/2025`).send(body)).status).toBe(404);
    expect((await api("get", `/api/v1/interventions/${otherInsats}/effect/2025`)).status).toBe(404);
    expect((await api("put", "/api/v1/nyckeltal/2025", "koord").send(nyckeltal2025)).status).toBe(403);
    expect((await api("get", "/api/v1/nyckeltal/2031")).status).toBe(404);
  });
});


describe("stegförflyttningens sidor", () => {
  let csrf = "";
  const send = async (action: string, fields: Record<string, string>) => {
    csrf ||= csrfFrom((await admin.get("/konto/byt-losenord")).text);
    return admin.post(action).type("form").send({ ...fields, _csrf: csrf });
  };

  it("när nyckeltal saknas så säger insatsens sida vad som saknas i stället för att räkna", async () => {
    expect((await api("put", `/api/v1/interventions/${it2}/movements/2024`).send({ matrix: { sjukpenning: { arbete: 1 } } })).status).toBe(200);
    const page = await admin.get(`/stegforflyttning/${it2}?year=2024`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Effekten kan inte räknas: nyckeltal saknas för 2024.");
    expect(page.text).toContain("Sjukpenning/rehabiliteringspenning (belopp per person och år, vem som betalar, om den är skattepliktig)");
    expect(page.text).toContain("Observera att verktyget endast är lämpligt för beräkning av finansiella effekter av en grupps förflyttning, inte för en enskild individs.");
  });

  it("när admin sparar nyckeltal i formuläret så räknas effekten, och nyckeltalen skrivs med källa under tabellen", async () => {
    const bad = await send("/stegforflyttning/nyckeltal", { year: "2024", "s.sjukpenning.amount": "200 000", "s.sjukpenning.payer": "stat", "s.sjukpenning.taxable": "ja", taxKommun: "tjugo" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Sjukpenning/rehabiliteringspenning: skriv källan i ord.");
    expect(bad.text).toContain("Kommunal skattesats: skriv en procentsats, till exempel 21,38, eller lämna tomt.");
    expect(bad.text).toMatch(/id="s.sjukpenning.amount"[^>]*value="200 000"/s);
    const ok = await send("/stegforflyttning/nyckeltal", {
      year: "2024", "s.sjukpenning.amount": "200 000", "s.sjukpenning.payer": "stat", "s.sjukpenning.taxable": "ja", "s.sjukpenning.source": "Räkneexempel",
      wage: "300 000", "sources.wage": "60 % av medianlönen, räkneexempel", taxKommun: "21,38", taxRegion: "11,76 %", employerContribution: "0,3142",
    });
    expect(ok.status).toBe(303);
    expect((await api("get", "/api/v1/nyckeltal/2024")).body).toMatchObject({ wage: 300_000, taxKommun: 0.2138, taxRegion: 0.1176, employerContribution: 0.3142 });
    const page = await admin.get(`/stegforflyttning/${it2}?year=2024`);
    // sjukpenning → arbete: kommun 21 380, region 11 760, stat 294 260 (test/unit/socioeconomics/movements.test.ts)
    expect(page.text.replace(/[\u202F\u00A0]/g, " ")).toContain("<td>21 380 kr</td><td>11 760 kr</td><td>294 260 kr</td><td>327 400 kr</td>");
    expect(page.text).toContain("Sjukpenning/rehabiliteringspenning: 200");
    expect(page.text).toContain("Källa: Räkneexempel");
  });

  it("när matrisformuläret har ett fel så visas det vid cellen med 422 och det som skrevs; rätt sparas", async () => {
    const bad = await send(`/stegforflyttning/${se}`, { year: "2026", "m.forsorjningsstod.arbete": "två", "m.ingen.studiemedel": "4" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("Från försörjningsstöd till arbete: skriv ett heltal som är 0 eller större, eller lämna tomt.");
    expect(bad.text).toMatch(/id="m.ingen.studiemedel"[^>]*value="4"/s);
    const ok = await send(`/stegforflyttning/${se}`, { year: "2026", "m.forsorjningsstod.arbete": "2", "m.ingen.studiemedel": "4" });
    expect(ok.status).toBe(303);
    expect((await api("get", `/api/v1/interventions/${se}/movements/2026`)).body.matrix).toEqual({ forsorjningsstod: { arbete: 2 }, ingen: { studiemedel: 4 } });
    const after = await send(`/stegforflyttning/${se}`, { year: "2026", "m.forsorjningsstod.arbete": "2", "y.forsorjningsstod.arbete": "1", "y.forsorjningsstod.ingen": "2" });
    expect(after.status).toBe(422);
    expect(after.text).toContain("Ett år efter: 3 följs upp från försörjningsstöd, men bara 2 började med försörjningsstöd.");
    expect(after.text).toMatch(/id="y.forsorjningsstod.ingen"[^>]*value="2"/s);
    expect((await send(`/stegforflyttning/${se}`, { year: "2026", "m.forsorjningsstod.arbete": "2", "m.ingen.studiemedel": "4", "y.forsorjningsstod.arbete": "1" })).status).toBe(303);
    expect((await api("get", `/api/v1/interventions/${se}/movements/2026`)).body.oneYearAfter).toEqual({ forsorjningsstod: { arbete: 1 } });
    expect((await admin.get(`/stegforflyttning/${se}?year=2026`)).text).toMatch(/id="y.forsorjningsstod.arbete"[^>]*value="1"/s);
    const list = await admin.get("/stegforflyttning?year=2026");
    expect(list.text).toContain("SE-Höglandet");
    expect(list.text).toContain("Nyckeltal saknas");
  });
});

/**
 * One of the page's read-only matrices ("dolt" for a hidden count) as rows of cells with the row's sum
 * last, and the column sums with the total last.
 */
function readMatrix(html: string, label: string) {
  const table = html.split(`aria-label="${label}, rullbar"`)[1]?.split("</table>")[0];
  if (!table) throw new Error(`${label} saknas på sidan`);
  const cellsOf = (tr: string) => [...tr.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1].replace(/[\s\u202F\u00A0]/g, "")).map((c) => (c === "dolt" ? null : Number(c)));
  const body = table.split("<tfoot>")[0].split("<tr>").slice(2).map(cellsOf);
  return { rows: body, columnSums: cellsOf(table.split("<tfoot>")[1]) };
}

/** An attacker's reading: no count 1..T−1 shown, and no line (cells → sum) from which a hidden count or a sum below T of hidden counts follows. */
function expectNothingDerivable(rows: (number | null)[][], columnSums: (number | null)[], threshold: number) {
  const shown = [...rows.flat(), ...columnSums].filter((n): n is number => n !== null);
  for (const n of shown) expect(n === 0 || n >= threshold, `${n} visas`).toBe(true);
  const lines = [...rows.map((r) => ({ parts: r.slice(0, -1), total: r.at(-1)! })),
    ...columnSums.slice(0, -1).map((total, j) => ({ parts: rows.map((r) => r[j]), total })),
    { parts: rows.map((r) => r.at(-1)!), total: columnSums.at(-1)! }, { parts: columnSums.slice(0, -1), total: columnSums.at(-1)! }];
  for (const l of lines) {
    const hiddenParts = l.parts.filter((p) => p === null).length;
    if (l.total === null || hiddenParts === 0) continue;
    expect(hiddenParts, JSON.stringify(l)).toBeGreaterThan(1);
    const rest = l.total - l.parts.reduce<number>((a, p) => a + (p ?? 0), 0);
    expect(rest === 0 || rest >= threshold, `dolda delar summerar till ${rest}: ${JSON.stringify(l)}`).toBe(true);
  }
}

describe("förbundets gräns för insatsernas antal på stegförflyttningen (issue 19)", () => {
  const matrix = { forsorjningsstod: { arbete: 2, forsorjningsstod: 6 }, aktivitetsstod: { arbete: 5, aktivitetsstod: 9 } };
  const oneYearAfter = { forsorjningsstod: { arbete: 3 } };

  beforeAll(async () => {
    expect((await api("put", "/api/v1/nyckeltal/2023").send(nyckeltal2025)).status).toBe(200);
    expect((await api("put", `/api/v1/interventions/${se}/movements/2023`, "koord").send({ matrix, oneYearAfter })).status).toBe(200);
    expect((await api("put", `/api/v1/interventions/${it2}/movements/2023`).send({ matrix: { sjukpenning: { arbete: 1, sjukpenning: 10 } } })).status).toBe(200);
    await orgRepo.updateForbund(t.ctx.db, forbundId, { name: "Förbund Steg", reportingThreshold: 5, outcomeThreshold: 5 });
  });
  afterAll(async () => { await orgRepo.updateForbund(t.ctx.db, forbundId, { name: "Förbund Steg", reportingThreshold: 5, outcomeThreshold: null }); });

  it("när en läsare läser insatsens sida så syns ingen cell under gränsen, och ingen går att räkna fram ur rad- och kolumnsummor eller effekten", async () => {
    const page = await lasare.get(`/stegforflyttning/${se}?year=2023`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('name="m.');
    expect(page.text).toContain("förbundet visar inte insatsernas antal under 5");
    const end = readMatrix(page.text, "Förflyttningsmatris vid avslut");
    expect(end.rows.flat()).toContain(null);
    expectNothingDerivable(end.rows, end.columnSums, 5);
    const after = readMatrix(page.text, "Förflyttningsmatris ett år efter");
    expectNothingDerivable(after.rows, after.columnSums, 5);
    expect(after.rows.flat().filter((n) => n !== null && n > 0)).toEqual([]);
    // The effect is count × amount summed over the cells: with a hidden cell it is hidden, and so are moved and stayed.
    const effect = page.text.split("<h2>Finansiell effekt</h2>")[1].split("<h2>Förflyttningar</h2>")[0];
    expect(effect).not.toMatch(/\d\s?kr<\/td>/);
    expect(effect).toContain("Förflyttade: dolt, utan förflyttning: dolt.");
  });

  it("när en läsare eller en koordinator utanför insatsens kommunområden frågar API:t så är dolda celler och effekten null, med gränsen", async () => {
    const get = await api("get", `/api/v1/interventions/${se}/movements/2023`, "lasare");
    expect(get.status).toBe(200);
    expect(get.body.outcomeThreshold).toBe(5);
    expect(get.body.matrix.forsorjningsstod.arbete).toBeNull();
    expect(get.body.oneYearAfter).toEqual({ forsorjningsstod: { arbete: null } });
    for (const n of [get.body.matrix, get.body.oneYearAfter].flatMap((m) => Object.values(m as Record<string, Record<string, number | null>>).flatMap(Object.values))) {
      expect(n === null || n === 0 || n >= 5, `${n} visas`).toBe(true);
    }
    const effect = await api("get", `/api/v1/interventions/${se}/effect/2023`, "lasare");
    expect(effect.body).toMatchObject({ perYear: null, twoYears: null, missing: [], outcomeThreshold: 5 });
    const outside = await api("get", `/api/v1/interventions/${it2}/movements/2023`, "koord");
    expect(outside.body).toMatchObject({ matrix: { sjukpenning: { arbete: null } }, outcomeThreshold: 5 });
    expect((await api("get", `/api/v1/interventions/${it2}/effect/2023`, "koord")).body.perYear).toBeNull();
  });

  it("när den som får föra in matrisen läser den så syns alla antal, i formuläret och API:t", async () => {
    const own = await api("get", `/api/v1/interventions/${se}/movements/2023`, "koord");
    expect(own.body).toEqual({ interventionId: se, year: 2023, matrix, oneYearAfter, outcomeThreshold: null });
    expect((await api("get", `/api/v1/interventions/${se}/effect/2023`)).body.perYear).not.toBeNull();
    expect((await admin.get(`/stegforflyttning/${se}?year=2023`)).text).toMatch(/id="m.forsorjningsstod.arbete"[^>]*value="2"/s);
  });
});
