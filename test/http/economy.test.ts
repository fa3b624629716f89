/** The insatser's economy: 002 Bilaga 2 "Resultat för finansierade insatser 2024" typed into the form, the table and the Statistik bilaga. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { startTestApp, loginAgent, csrfFrom, type TestApp } from "../helpers/app.js";
import { makeForbund, makeUser, PASSWORD } from "../helpers/factories.js";
import * as accounts from "../../server/accounts/service.js";
import * as tokens from "../../server/tokens/service.js";

let t: TestApp;
type Agent = ReturnType<typeof request.agent>;
let admin: Agent, lasare: Agent;
let bearer = "";
let csrf = "";

const lines002: [string, string, string, string, string][] = [
  ["individinriktad", "SE-Höglandet", "3 980 000", "3 975 750", ""],
  ["individinriktad", "IT-spåret", "562 500", "562 500", ""],
  ["strukturovergripande", "Uppdrag Samverkan", "1 800 000", "1 800 000", ""],
  ["strukturovergripande", "Inspirationsdag", "120 000", "97 637", "Digital föreläsning"],
  ["strukturovergripande", "Välfärdsguiden", "51 000", "50 400", ""],
  ["individinriktad", "Räkna med oss!", "150 000", "150 000", ""],
  ["individinriktad", "Ny verksamhet", "47 000", "81 667", "Projekt förrehabilitering"],
];
const form = () => Object.fromEntries([
  ["year", "2024"], ["egetKapitalIn", "1 639 471"], ["egetKapitalUt", "1 483 897"], ["medlemsbidrag", "8 036 000"],
  ...lines002.flatMap(([category, label, budget, utfall, comment], i) => [
    [`line.${i}.category`, category], [`line.${i}.label`, label], [`line.${i}.budget`, budget], [`line.${i}.utfall`, utfall], [`line.${i}.comment`, comment],
  ]),
]);

beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => new Date("2025-02-10T10:00:00Z") } });
  const F = await makeForbund(t.ctx, "Förbund Ekonomi");
  const a = await makeUser(t.ctx, { forbundId: F.forbund.id, role: "admin" });
  const l = await makeUser(t.ctx, { forbundId: F.forbund.id, role: "lasare" });
  [admin, lasare] = await Promise.all([loginAgent(t.app, a.email, PASSWORD), loginAgent(t.app, l.email, PASSWORD)]);
  csrf = csrfFrom((await admin.get("/konto/byt-losenord")).text);
  bearer = (await tokens.createToken(t.ctx, (await accounts.loadCurrentUser(t.ctx, a.id))!, "test")).secret;
});
afterAll(async () => { await t?.close(); });

const nbsp = /[\u202F\u00A0]/g;

describe("insatsernas ekonomi", () => {
  it("när ett belopp är fel så visas formuläret igen med 422, meddelandet vid fältet och allt som skrevs", async () => {
    const res = await admin.post("/ekonomi").type("form").send({ ...form(), "line.1.utfall": "femhundra", "line.2.category": "annat", _csrf: csrf });
    expect(res.status).toBe(422);
    expect(res.text).toContain("IT-spåret: skriv utfallet i hela kronor, till exempel 3 975 750, eller lämna tomt.");
    expect(res.text).toContain("Uppdrag Samverkan: välj individinriktad, strukturövergripande eller administration.");
    expect(res.text).toMatch(/id="line.1.utfall"[^>]*value="femhundra"/s);
    expect(res.text).toMatch(/id="line.6.label"[^>]*value="Ny verksamhet"/s);
  });

  it("när 002:s tabell läggs in så blir avvikelserna 002:s (4 250, 22 363, −34 667) med summor per slag och förbundets eget kapital", async () => {
    const res = await admin.post("/ekonomi").type("form").send({ ...form(), _csrf: csrf });
    expect(res.status).toBe(303);
    const page = (await lasare.get("/ekonomi?year=2024")).text.replace(nbsp, " ");
    expect(page).toContain("<th scope=\"row\">SE-Höglandet</th><td>3 980 000</td><td>3 975 750</td><td>4 250</td>");
    expect(page).toContain("<td>47 000</td><td>81 667</td><td>\u221234 667</td><td>Projekt förrehabilitering</td>");
    // individinriktade: 4 739 500 budget, 4 769 917 utfall; strukturövergripande: 1 971 000, 1 948 037
    expect(page).toContain("Summa individinriktade insatser</strong></th><td>4 739 500</td><td>4 769 917</td><td>\u221230 417</td>");
    expect(page).toContain("Summa strukturövergripande insatser</strong></th><td>1 971 000</td><td>1 948 037</td><td>22 963</td>");
    expect(page).toContain("Förbundet totalt</strong></th><td>6 710 500</td><td>6 717 954</td><td>\u22127 454</td>");
    expect(page).toContain("Eget kapital vid årets slut: 1 483 897 kr (18,5 % av årets medlemsbidrag).");
    expect(page).not.toContain("Spara ekonomin");
  });

  it("när Statistik-bilagan hämtas så har den tabellen Resultat för finansierade insatser", async () => {
    const csv = await request(t.app).get("/api/v1/reports/2024/statistik?format=csv").set("Authorization", `Bearer ${bearer}`);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain("SE-Höglandet;3980000;3975750;4250;");
    expect(csv.text).toContain("Ny verksamhet;47000;81667;-34667;Projekt förrehabilitering");
    expect(csv.text).toContain("Förbundet totalt;6710500;6717954;-7454;");
  });

  it("när en läsare försöker spara så vägras det", async () => {
    const res = await lasare.post("/ekonomi").type("form").send({ ...form(), _csrf: csrfFrom((await lasare.get("/konto/byt-losenord")).text) });
    expect(res.status).toBe(403);
  });
});
