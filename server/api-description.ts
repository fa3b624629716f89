/**
 * What the API description says about each /api/v1 route besides what the route table knows: words,
 * an example, and the zod schemas the route itself validates with (imported from the features, never
 * copied). Like routes.ts, this file composes every feature. A route added without a line here still
 * appears in /api/v1/openapi.json, marked as not described, and test/http/openapi.test.ts fails naming it.
 */
import { z } from "zod";
import { apiErrorBody, type ApiDescriptions, type ApiResponse } from "./http/openapi.js";
import { idParam } from "./http/fields.js";
import { apiCreate, apiPatch } from "./collections/schema.js";
import { collectionIdParam, languageBody, languageParam, responsesBody, wordsBody } from "./answering/schema.js";
import { analysisQuery, apiListQuery, apiReport as apiDeviation, apiStatus } from "./deviations/schema.js";
import { collectionIdParam as importIdParam } from "./import/schema.js";
import { yearFilter } from "./results/schema.js";
import { apiGoal, goalYearQuery } from "./goals/schema.js";
import { apiMeeting, apiYearQuery as attendanceYearQuery } from "./attendance/schema.js";
import { apiOutcomes, apiReport as apiInterventionReport, apiYearQuery as reportsYearQuery, interventionYearParams } from "./interventionreports/schema.js";
import { apiFormatQuery, apiFunding, apiMovements, apiNyckeltal, apiYearParam, fundingParams, movementParams, nyckeltalParams } from "./socioeconomics/schema.js";
import { apiCreateGroup, apiSharing, comparisonQuery, groupParam, nationalApiQuery, sharingParam } from "./groups/schema.js";
import { apiFormat, apiParams, apiZipFormat, yearParam } from "./reports/schema.js";
import { apiCofunder, cofunderParams, interventionParam as sharedParam, interventionYearParams as sharedYearParams } from "./sharedinterventions/schema.js";
import { definitionQuery, idParam as questionnaireIdParam, translationBody, translationParams, translationVersionQuery } from "./questionnaires/schema.js";
import { definition } from "../surveys/define.js";
import { aggregateYearParam } from "./aggregates/schema.js";
import { aggregateJsonSchema } from "./aggregates/json-schema.js";
import { checksumOf } from "./aggregates/file.pure.js";
import { apiCreateForbund, apiCreateForbundToken, forbundParam } from "./platform/schema.js";
import { categories } from "./socioeconomics/movements.pure.js";

// ——— Example values, the same throughout so that one example reads like the next ———
const ids = {
  collection: "7d1f3c2a-5b4e-4a9d-8c6f-0e1d2c3b4a59",
  intervention: "2b8e6f40-1c3d-4e5f-9a7b-6c5d4e3f2a10",
  area: "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
  party: "4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8",
  otherParty: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  group: "5a6b7c8d-9e0f-4a1b-b2c3-d4e5f6a7b8c9",
  deviation: "6b7c8d9e-0f1a-4b2c-83d4-e5f6a7b8c9d0",
  goal: "8d9e0f1a-2b3c-4d4e-95f6-a7b8c9d0e1f2",
  forbundsgrupp: "3f4a5b6c-7d8e-4f9a-8b0c-1d2e3f4a5b6c",
  forbund: ["0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e", "e1f2a3b4-c5d6-4e7f-a8b9-c0d1e2f3a4b5"],
};
const INDIKATOR = "indikator-deltagare-pagaende";
const year = "2026";

/** An own questionnaire, as POST/PUT /api/v1/questionnaires take it (surveys/define.ts). */
const ownQuestionnaire = {
  id: "frukostmote-uppfoljning",
  version: 1,
  title: { sv: "Uppföljning av frukostmötet" },
  respondentGroup: "evenemang",
  intro: { sv: "Tack för att du var med. Enkäten är anonym och tar två minuter." },
  source: "local",
  readOnly: false,
  languages: ["sv"],
  sections: [{
    id: "helhet",
    questions: [
      { id: "q1", kind: "scale10", text: { sv: "Hur nöjd är du med mötet som helhet?" }, low: { sv: "Inte alls nöjd" }, high: { sv: "Mycket nöjd" }, required: true },
      { id: "q2", kind: "text", text: { sv: "Vad vill du att vi tar upp nästa gång?" } },
    ],
  }],
};

/** A new version of a standard questionnaire with NNS's own text (an admin's import). */
const nnsVersion = {
  id: INDIKATOR,
  version: 2,
  title: { sv: "Indikatorenkät – deltagare i pågående insats" },
  respondentGroup: "deltagare-pagaende",
  intro: { sv: "Enkäten är anonym. Dina svar hjälper oss att göra insatsen bättre." },
  source: "nns",
  edition: "Användarmanual 2025",
  languages: ["sv"],
  sections: [{ id: "s1", questions: [{ id: "q1", kind: "frequency6", source: "nns", text: { sv: "Jag blir bemött med respekt." } }] }],
};

/** Answers by question id, as the indikator questionnaire takes them (1–6, 0 = vet inte, ja/nej, text). */
const answers = { q1: 5, q2: 6, q3: 4, q4a: "ja", q4b: 5, q5: 6, q6: 5, q7: 4, q8: "Att jag fick träffa alla på ett ställe." };

const answersCsv = "q1;q2;q3;q4a;q4b;q5;q6;q7;q8\r\n5;6;4;ja;5;6;5;4;Bra bemötande\r\n4;Ofta;Ibland;nej;;5;Vet inte / ej aktuellt;3;\r\n";

const deviationsCsv = [
  "ar;rapporterad;inträffade;kommunområde;insats;rapportör_part;berörda_parter;beskrivning;konsekvenser;orsaker;förslag;åtgärd;allvarlighet;status;beslut",
  "2025;2025-05-12;2025-04;Norra;;Region;Kommun|Arbetsförmedlingen;Remissen kom inte fram mellan parterna och planeringen fick vänta en månad.;dubbelarbete;bristande_kommunikation;Gemensam rutin för remisser.;;mindre allvarlig;;",
].join("\r\n") + "\r\n";

/** An aggregate file (docs/aggregat.schema.json) as another instance sends it: one questionnaire, q1 hidden (a count below k). */
const aggregateContent = {
  format: "samspar-aggregat", formatVersion: 1, forbund: { id: "c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f", name: "Samordningsförbundet Fjärran" }, year: 2026, k: 5,
  questionnaires: [{
    id: INDIKATOR, version: 1, source: "paraphrased", respondentGroup: "deltagare-pagaende", n: 42,
    questions: [
      { id: "q1", kind: "frequency6", text: "Får du stöd på ett sätt som är till stor nytta för dig?", counts: { 1: null, 2: null, 3: null, 4: null, 5: null, 6: null, 0: null } },
      { id: "q2", kind: "frequency6", text: "Är du med och bestämmer vilket stöd du ska få?", counts: { 1: 0, 2: 0, 3: 5, 4: 12, 5: 15, 6: 10, 0: 0 } },
    ],
  }],
};
const aggregateExample = { ...aggregateContent, checksum: checksumOf(aggregateContent) };
/** The file's JSON Schema as zod, for this description only: the import itself checks the file with ajv against the schema. */
const { $id: _id, $schema: _schema, ...aggregateSchemaBody } = aggregateJsonSchema;
const aggregateFile = z.fromJSONSchema(aggregateSchemaBody as unknown as Parameters<typeof z.fromJSONSchema>[0]);

// ——— Responses that are small enough to write as schemas ———
const created = z.object({ id: z.uuid() });
const questionnaireSaved = z.object({ id: z.string(), version: z.number().int() });
const lineErrors = z.array(z.object({ line: z.number().int(), errors: z.array(z.string()) }));

const named = z.object({ id: z.uuid(), name: z.string() });
/** The organisation's ids and names; each part may carry more fields than these. */
const organisationBody = z.object({
  id: z.uuid(), name: z.string(),
  areas: z.array(named),
  parties: z.array(named.extend({ units: z.array(named) })),
  interventions: z.array(named.extend({ kind: z.string(), areaIds: z.array(z.uuid()) })),
  groups: z.array(named),
});
const collectionBody = z.object({
  id: z.uuid(), slug: z.string(), url: z.string(), name: z.string(),
  questionnaire: z.string(), questionnaireVersion: z.number().int(), year: z.number().int(),
  interventionId: z.uuid().nullable(), areaId: z.uuid().nullable(), respondentGroup: z.string().nullable(),
  opensAt: z.string().nullable(), closesAt: z.string().nullable(), languages: z.array(z.string()),
  status: z.enum(["utkast", "oppen", "stangd"]),
  onePerPage: z.boolean().meta({ description: "true: startsidan erbjuder en fråga per sida först (de svarande kan välja båda sätten)." }),
  invitationRetentionDays: z.number().int().nullable().meta({ description: "Dagar efter stängning tills inbjudningsadresserna tas bort; null: förbundets standard." }),
  asked: z.number().int().nullable().meta({ description: "Hur många som tillfrågades, angivet för insamlingen; svarsfrekvensens nämnare före inbjudningar och insatsrapport. null: okänt." }),
  responses: z.object({ finished: z.number().int(), unfinished: z.number().int() }),
});
const matrixBody = z.object({
  interventionId: z.uuid(), year: z.number().int(),
  matrix: z.record(z.string(), z.record(z.string(), z.number().int())).meta({ description: "Antal personer per ersättning vid start och läge vid slutet; bara celler över 0." }),
  oneYearAfter: z.record(z.string(), z.record(z.string(), z.number().int())).nullable()
    .meta({ description: "Samma deltagare ett år efter avslut, per ersättning vid start och läge ett år efter, där det är känt; null: inte uppföljt." }),
});
/** GET of a matrix: a count is null when hidden under the förbund's threshold for the insatser's counts (issue 19). */
const matrixReadBody = z.object({
  interventionId: z.uuid(), year: z.number().int(),
  matrix: z.record(z.string(), z.record(z.string(), z.number().int().nullable())).meta({ description: "Antal personer per ersättning vid start och läge vid slutet; bara celler över 0, null: dolt." }),
  oneYearAfter: z.record(z.string(), z.record(z.string(), z.number().int().nullable())).nullable()
    .meta({ description: "Samma deltagare ett år efter avslut, där det är känt; null: inte uppföljt. En cell som är null är dold." }),
  outcomeThreshold: z.number().int().nullable().meta({ description: "Förbundets gräns för insatsernas antal när den har tillämpats för den som frågar; null: allt visas." }),
  shared: z.object({
    role: z.enum(["owner", "cofunder"]), forbundCount: z.number().int(),
    whole: z.object({
      matrix: z.record(z.string(), z.record(z.string(), z.number().int().nullable())), rowSums: z.record(z.string(), z.number().int().nullable()),
      columnSums: z.record(z.string(), z.number().int().nullable()), total: z.number().int().nullable(), oneYearAfter: z.object({}).loose().nullable(),
    }),
  }).optional().meta({ description: "Bara för en delad insats: helheten, summan av varje förbunds egna matris. matrix ovan är förbundets egen del. En cell i helheten är null när den skulle avslöja ett annat förbunds antal under dess gräns." }),
});
const sharedEffect = z.object({
  role: z.enum(["owner", "cofunder"]), forbundCount: z.number().int(),
  whole: z.object({ perYear: z.object({}).loose().nullable(), twoYears: z.object({}).loose().nullable(), funding: z.number().nullable() }),
}).optional().meta({ description: "Bara för en delad insats: hela insatsens effekt (varje förbunds egen effekt med dess nyckeltal, summerad; null när något saknas eller ett dolt antal skulle avslöjas) och alla förbunds medel. perYear och twoYears ovan är förbundets egen del mot dess egna medel." });
/** A count per gender that is null when hidden under the förbund's threshold for the insatser's counts. */
const hiddenSplit = z.object({ women: z.number().int().nullable(), men: z.number().int().nullable(), other: z.number().int().nullable() });
const sharingBody = z.object({ questionnaire: z.string(), year: z.number().int(), share: z.boolean() });
const codeList = z.array(z.object({ code: z.string(), label: z.string() }));
const cofunderStatus = z.enum(["invited", "accepted", "ended"]).meta({ description: "invited: väntar på förbundets administratör; accepted: samfinansierar; ended: samfinansieringen är avslutad (lastYear är dess sista år)." });
const lastYear = z.number().int().optional().meta({ description: "Bara för status ended: det sista år samfinansieringen gäller. Förbundets del av det året och tidigare år finns kvar." });
const hiddenCount = z.number().int().nullable().meta({ description: "null: under rapporteringsgränsen, eller skulle gå att räkna fram ur helheten." });
const partCounts = { participants: hiddenCount, newParticipants: hiddenCount, finished: hiddenCount, toWorkOrStudies: hiddenCount, efterstod: hiddenCount };
const sharedPart = z.object({
  forbundId: z.uuid(), name: z.string(), owner: z.boolean(), reported: z.boolean(), ...partCounts,
  funding: z.number().int().nullable().meta({ description: "Förbundets egna medel till insatsen året, kronor; null när inga är registrerade." }),
});
const sharedYearBody = z.object({
  id: z.uuid(), name: z.string(), year: z.number().int(), role: z.enum(["owner", "cofunder"]),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  cofunders: z.array(z.object({ id: z.uuid(), name: z.string(), status: cofunderStatus, lastYear })),
  own: sharedPart.nullable(),
  whole: z.object({ forbundCount: z.number().int(), ...partCounts, funding: z.number().int().nullable() }),
  parts: z.array(sharedPart).optional().meta({ description: "Varje förbunds del, ägarens först; bara för förbundet som äger insatsen." }),
});

const json = (description: string, schema: z.ZodType | "object" = "object"): ApiResponse => ({ description, json: schema });
const files = (description: string, ...types: string[]): ApiResponse => ({ description, files: types });
const bilagaFiles = ["text/html", "text/csv", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"];

const yearText = "Året, med fyra siffror. Utan värde gäller innevarande år.";
const idText = (what: string) => `${what}s id (uuid).`;

/** The descriptions; `today` is what the deviations schema checks a month against, as the route does. */
export const apiDescriptions = (today: string): ApiDescriptions => ({
  // ——— The description itself ———
  "GET /api/v1/openapi.json": {
    tag: "Beskrivning",
    summary: "Den här beskrivningen, som OpenAPI 3.1",
    description: "Byggs ur samma zod-scheman som API:t prövar förfrågningarna med. Kan läsas utan API-nyckel.",
    responses: { 200: json("OpenAPI-dokumentet.") },
  },
  "GET /api/v1/docs": {
    tag: "Beskrivning",
    summary: "Beskrivningen som en läsbar sida",
    description: "Samma innehåll som /api/v1/openapi.json, som HTML för människor. Kan läsas utan API-nyckel.",
    responses: { 200: files("En HTML-sida.", "text/html") },
  },

  // ——— Organisation ———
  "GET /api/v1/organisation": {
    tag: "Organisation",
    summary: "Förbundets organisation",
    description: "Kommunområden, parter med enheter, insatser och grupper, med id:n som övriga anrop använder.",
    responses: { 200: json("Organisationen.", organisationBody) },
  },

  // ——— Insamlingar ———
  "POST /api/v1/collections": {
    tag: "Insamlingar",
    summary: "Öppna en insamling",
    description: "En enkät öppnad för ett år, eventuellt för en insats, ett kommunområde och en svarsgrupp. En samverkanskoordinator med kommunområden måste ange ett av sina.",
    body: apiCreate,
    example: { body: { questionnaire: INDIKATOR, year: 2026, name: "Steg för steg, våren 2026", interventionId: ids.intervention, areaId: ids.area, respondentGroup: "deltagare-pagaende", opensAt: "2026-03-01", closesAt: "2026-04-30", languages: ["sv", "en"] } },
    responses: { 201: json("Insamlingen: id, kort adress (slug) och den publika länken.", z.object({ id: z.uuid(), slug: z.string(), url: z.string() })) },
  },
  "GET /api/v1/collections": {
    tag: "Insamlingar",
    summary: "Insamlingarna",
    description: "En samverkanskoordinator med kommunområden ser sina kommunområdens insamlingar; övriga hela förbundets. Med antal svar.",
    responses: { 200: json("Insamlingarna.", z.object({ collections: z.array(collectionBody) })) },
  },
  "GET /api/v1/collections/:id": {
    tag: "Insamlingar",
    summary: "En insamling",
    params: idParam,
    paramText: { id: idText("Insamlingen") },
    example: { params: { id: ids.collection } },
    responses: { 200: json("Insamlingen med antal svar.", collectionBody) },
  },
  "PATCH /api/v1/collections/:id": {
    tag: "Insamlingar",
    summary: "Ändra status, datum, antal tillfrågade eller hur länge inbjudningsadresser sparas",
    params: idParam,
    paramText: { id: idText("Insamlingen") },
    body: apiPatch,
    example: { params: { id: ids.collection }, body: { status: "stangd", closesAt: "2026-05-15", invitationRetentionDays: 30, asked: 15 } },
    responses: { 200: json("Insamlingen som den blev.", collectionBody) },
  },
  "POST /api/v1/collections/:id/responses": {
    tag: "Insamlingar",
    summary: "Lämna ett svar",
    description: "Ett slutfört svar, daterat i dag, i en öppen insamling. Svaren prövas mot enkätens frågor; varje fel nämner sin fråga (question och path).",
    params: collectionIdParam,
    paramText: { id: idText("Insamlingen") },
    body: responsesBody,
    example: { params: { id: ids.collection }, body: { answers } },
    responses: { 201: json("Svarets id.", created) },
    conflict: "Insamlingen tar inte emot svar i dag: den är inte öppen.",
  },
  "POST /api/v1/collections/:id/import": {
    tag: "Insamlingar",
    summary: "Importera äldre svar som CSV",
    description: "Kroppen är CSV (text/csv, UTF-8, högst 50 MB): en rubrikrad med frågornas id (och <id>_kommentar, <id>_annat), sedan ett svar per rad; semikolon eller komma. Allt eller inget: en enda felaktig rad gör att inget importeras.",
    params: importIdParam,
    paramText: { id: idText("Insamlingen") },
    csv: "CSV med en rubrikrad av frågornas id och ett svar per rad.",
    example: { params: { id: ids.collection }, body: answersCsv },
    responses: {
      201: json("Antal importerade svar.", z.object({ imported: z.number().int(), rejected: lineErrors })),
      413: json("Filen är för stor: högst 50 MB.", z.object({ error: z.object({ code: z.string(), message: z.string() }) })),
      415: json("Kroppen är inte text/csv eller text/plain."),
      422: json("Rader med fel (inget importerades): radnummer och felen per rad; rejectedCount och truncated när listan kortades.",
        z.object({ imported: z.number().int(), rejected: lineErrors, rejectedCount: z.number().int().optional(), truncated: z.boolean().optional() })),
    },
  },
  "GET /api/v1/collections/:id/results": {
    tag: "Resultat",
    summary: "En insamlings resultat",
    description: "Siffrorna ur den senast släppta ögonblicksbilden, med rapporteringsgränsen: det som bygger på färre svar än gränsen visas inte. Målen som gäller insamlingen följer med.",
    params: idParam,
    paramText: { id: idText("Insamlingen") },
    example: { params: { id: ids.collection } },
    responses: { 200: json("Resultaten per fråga.") },
  },

  // ——— Resultat ———
  "GET /api/v1/results": {
    tag: "Resultat",
    summary: "Årets resultat för en enkät",
    description: "Alla insamlingar av enkäten under året, eventuellt för en insats, ett kommunområde eller en svarsgrupp, lagda ihop. Rapporteringsgränsen och komplementär döljning mellan filter gäller.",
    query: yearFilter,
    paramText: {
      year: "Året, med fyra siffror.",
      questionnaire: "Enkätens id: bara svar på samma enkät kan läggas ihop.",
      interventionId: idText("Insatsen"),
      areaId: idText("Kommunområdet"),
      respondentGroup: "Svarsgruppen.",
    },
    example: { query: { year, questionnaire: INDIKATOR, interventionId: ids.intervention } },
    responses: { 200: json("Resultaten per fråga för året.") },
  },

  // ——— Mål ———
  "GET /api/v1/goals": {
    tag: "Mål",
    summary: "Årets mål och hur de uppfylls",
    query: goalYearQuery,
    paramText: { year: yearText },
    example: { query: { year } },
    responses: { 200: json("{goals: [...]} med bedömning per mål.") },
  },
  "POST /api/v1/goals": {
    tag: "Mål",
    summary: "Lägg till ett mål",
    description: "Antingen en regel (rule) som bedöms på siffrorna, eller en bedömning för hand (verdict), aldrig båda. Andelar anges som bråk: 0.7 = 70 %.",
    body: apiGoal,
    example: { body: { year: 2026, text: "Minst 70 % av deltagarna upplever att de blir bemötta med respekt.", questionnaire: INDIKATOR, rule: { metric: "sharePositive", comparison: ">=", threshold: 0.7, questions: ["q1"] }, sortOrder: 10 } },
    responses: { 201: json("Målet med sin bedömning.") },
  },
  "PUT /api/v1/goals/:id": {
    tag: "Mål",
    summary: "Ersätt ett mål",
    params: idParam,
    paramText: { id: idText("Målet") },
    body: apiGoal,
    example: { params: { id: ids.goal }, body: { year: 2026, text: "Samverkan kring remisser har förbättrats.", verdict: "delvis_uppfyllt", comment: "Rutinen finns men används inte överallt än." } },
    responses: { 200: json("Målet med sin bedömning.") },
  },

  // ——— Språk ———
  "GET /api/v1/languages": {
    tag: "Språk",
    summary: "Språken som förbundet kan erbjuda de svarande",
    description: "Varje språk med sin riktning, om förbundet har slagit på det och om dess gränssnittsord är granskade eller ett utkast.",
    responses: { 200: json("{languages: [...]}: ett språk per rad.") },
  },
  "PUT /api/v1/languages/:code": {
    tag: "Språk",
    summary: "Slå på eller av ett språk för de svarande",
    description: "Svenska kan inte slås av. Ett språk som slås av erbjuds inte längre i förbundets insamlingar.",
    params: languageParam,
    body: languageBody,
    paramText: { code: "Språkkoden, till exempel ar, so, ti eller sv-lattlast." },
    example: { params: { code: "ar" }, body: { enabled: true } },
    responses: { 200: json("Språket som det är nu.") },
  },
  "GET /api/v1/languages/:code/words": {
    tag: "Språk",
    summary: "Gränssnittets ord på ett språk, med förbundets egna",
    description: "Varje nyckel i de svarandes gränssnitt (en räknad text en gång per pluralform språket har, till exempel questionsCounted_one) med svenskan (sv), katalogens text (catalog, null där katalogen saknar den) och förbundets egen (own, null där förbundet inte har någon). Bara förbundets administratör.",
    params: languageParam,
    paramText: { code: "Språkkoden, till exempel ar, so, ti eller sv-lattlast." },
    example: { params: { code: "en" } },
    responses: { 200: json("{code, words: {\"<nyckel>\": {sv, catalog, own}}}") },
  },
  "PUT /api/v1/languages/:code/words": {
    tag: "Språk",
    summary: "Förbundets egna ord i gränssnittet",
    description: "Sätter förbundets egen text för de nycklar som anges; null (eller en tom text) tar bort förbundets egen så att katalogens visas igen. Förbundets text visas för förbundets svarande i stället för katalogens. En okänd nyckel, eller en text vars platshållare ({{n}}) inte är katalogens, ger 422 med nyckeln i path (words.<nyckel>) och inget sparas. Ändringen skrivs i granskningsloggen. Bara förbundets administratör.",
    params: languageParam,
    body: wordsBody,
    paramText: { code: "Språkkoden, till exempel ar, so, ti eller sv-lattlast." },
    example: { params: { code: "en" }, body: { words: { start: "Begin", send: null } } },
    responses: { 200: json("Orden som de är nu, som GET.") },
  },

  // ——— Avvikelser ———
  "GET /api/v1/deviations/codes": {
    tag: "Avvikelser",
    summary: "Förbundets orsaker och konsekvenser",
    description: "Koderna som en rapport anger i causes och consequences.",
    responses: { 200: json("Orsakerna och konsekvenserna med kod och text; annat sist.", z.object({ causes: codeList, consequences: codeList })) },
  },
  "GET /api/v1/deviations/analysis": {
    tag: "Avvikelser",
    summary: "Årets analys av avvikelserna",
    query: analysisQuery,
    paramText: { year: yearText },
    example: { query: { year } },
    responses: { 200: json("Antal per orsak, konsekvens, part och månad.") },
  },
  "POST /api/v1/deviations": {
    tag: "Avvikelser",
    summary: "Rapportera en avvikelse",
    description: "Som det publika formuläret, utan rapportörens namn och adress. Fritext prövas mot personuppgifter: en rapport får aldrig peka ut den enskilde.",
    body: apiDeviation(today),
    example: { body: {
      occurredMonth: "2026-03", areaId: ids.area, interventionId: null,
      reporter: { partyId: ids.party, role: "Handläggare" },
      concerned: [{ partyId: ids.otherParty }],
      description: "Remissen kom inte fram mellan parterna och planeringen fick vänta en månad.",
      consequences: ["dubbelarbete"], causes: ["bristande_kommunikation"], severity: "mindre_allvarlig", frequency: "hant_forut",
    } },
    responses: { 201: json("Ärendets id och nummer.", z.object({ id: z.uuid(), caseNumber: z.string() })) },
  },
  "POST /api/v1/deviations/import": {
    tag: "Avvikelser",
    summary: "Importera tidigare ärenden som CSV",
    description: "Förbundets egen avvikelselogg (text/csv, UTF-8, högst 5 MB), läst mot förbundets kommunområden, parter och koder. Allt eller inget.",
    csv: "CSV med kolumnerna ar, rapporterad, inträffade, kommunområde, insats, rapportör_part, berörda_parter, beskrivning, konsekvenser, orsaker, förslag, åtgärd, allvarlighet, status, beslut (se sidan Avvikelser → Importera).",
    example: { body: deviationsCsv },
    responses: {
      201: json("Antal importerade ärenden.", z.object({ imported: z.number().int(), rejected: lineErrors })),
      413: json("Filen är för stor: högst 5 MB."),
      415: json("Kroppen är inte text/csv eller text/plain."),
      422: json("Rader med fel (inget importerades): radnummer och felen per rad.", z.object({ imported: z.number().int(), rejected: lineErrors })),
    },
  },
  "GET /api/v1/deviations": {
    tag: "Avvikelser",
    summary: "Ärendena",
    description: "En samverkanskoordinator med kommunområden ser sina kommunområdens ärenden.",
    query: apiListQuery,
    paramText: { year: "Rapportåret, med fyra siffror.", status: "Bara ärenden med den statusen." },
    example: { query: { year, status: "ny" } },
    responses: { 200: json("{deviations: [...]}") },
  },
  "GET /api/v1/deviations/:id": {
    tag: "Avvikelser",
    summary: "Ett ärende med sin historik",
    params: idParam,
    paramText: { id: idText("Ärendet") },
    example: { params: { id: ids.deviation } },
    responses: { 200: json("Ärendet.") },
  },
  "PATCH /api/v1/deviations/:id": {
    tag: "Avvikelser",
    summary: "Ändra ett ärendes status",
    description: "Avvisad och Hänvisad kräver en anteckning (skälet); Avslutad beslutet.",
    params: idParam,
    paramText: { id: idText("Ärendet") },
    body: apiStatus,
    example: { params: { id: ids.deviation }, body: { status: "avslutad", note: "Parterna har tagit fram en gemensam rutin för remisser.", visibleToReporter: true } },
    responses: { 200: json("Ärendet som det blev.") },
    conflict: "Statusen kan inte ändras så från ärendets nuvarande läge.",
  },

  // ——— Närvaro ———
  "POST /api/v1/attendance": {
    tag: "Närvaro",
    summary: "Registrera ett möte med närvaro per part",
    body: apiMeeting,
    example: { body: { groupId: ids.group, date: "2026-03-14", attendance: { [ids.party]: "ordinarie", [ids.otherParty]: "ersattare" }, note: "" } },
    responses: { 201: json("Mötets id.", created) },
    notFound: "Gruppen finns inte i förbundet.",
  },
  "GET /api/v1/attendance/summary": {
    tag: "Närvaro",
    summary: "Årets närvaro per grupp och part",
    query: attendanceYearQuery,
    paramText: { year: yearText },
    example: { query: { year } },
    responses: { 200: json("Närvaron per grupp och part.") },
  },

  // ——— Insatsrapporter ———
  "POST /api/v1/intervention-reports": {
    tag: "Insatsrapporter",
    summary: "Lämna en hel- eller delårsrapport för en insats",
    description: "Antal per kön (women, men, other) för deltagare, nya deltagare, avslut per utfall och efterstöd. Fritext prövas mot personuppgifter.",
    body: apiInterventionReport,
    example: { body: {
      interventionId: ids.intervention, areaId: null, periodStart: "2026-01-01", periodEnd: "2026-06-30",
      participants: { women: 12, men: 9, other: 1 }, newParticipants: { women: 4, men: 3, other: 0 },
      finished: { arbete: { women: 2, men: 1, other: 0 }, studier: { women: 1, men: 0, other: 0 } },
      efterstod: { women: 1, men: 1, other: 0 },
      answers: { gatt_bra: "Gemensamma träffar med Arbetsförmedlingen varje vecka.", hinder: "Långa väntetider till vården." },
    } },
    responses: { 201: json("Rapportens id.", created) },
    notFound: "Insatsen finns inte i förbundet.",
  },
  "GET /api/v1/intervention-reports": {
    tag: "Insatsrapporter",
    summary: "Årets rapporter och siffror per insats",
    query: reportsYearQuery,
    paramText: { year: yearText },
    example: { query: { year } },
    responses: { 200: json("{year, reports: [...], interventions: [...]}") },
  },

  // ——— Statistik ———
  "PUT /api/v1/interventions/:id/funding/:year": {
    tag: "Statistik",
    summary: "Sätt en insats finansiering för ett år",
    description: "Beloppet i hela kronor; null tar bort det.",
    params: fundingParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    body: apiFunding,
    example: { params: { id: ids.intervention, year }, body: { amount: 3975750 } },
    responses: { 200: json("Beloppet som det sparades.") },
  },
  "GET /api/v1/reports/:year/statistik": {
    tag: "Statistik",
    summary: "Statistik-bilagan: socioekonomisk effekt mot finansieringen",
    description: "Som JSON: per insats deltagare, avslut och effekt. Har förbundet en gräns för insatsernas antal (outcomeThreshold) är dolda antal null, och i filerna står de som \"dolt\".",
    params: apiYearParam,
    query: apiFormatQuery,
    paramText: { year: "Året, med fyra siffror.", format: "json (standard), html, csv, docx eller xlsx." },
    example: { params: { year }, query: { format: "xlsx" } },
    responses: { 200: { description: "Bilagan som JSON eller som fil.", json: "object", files: bilagaFiles } },
  },

  // ——— Stegförflyttning och utfall per insats ———
  "PUT /api/v1/interventions/:id/outcomes/:year": {
    tag: "Stegförflyttning",
    summary: "Sätt en insats helårssiffror för ett år",
    description: "Insatsens egen helårsrapport: deltagare och nya deltagare per kön (women, men, other), avslut per orsak, åldrar, tid i insatsen, remittenter, återremisser och efterstöd. Ersätter årets siffror; det som utelämnas är 0. En samverkanskoordinator med kommunområden kan bara sätta siffror för insatser i sina kommunområden.",
    params: interventionYearParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    body: apiOutcomes,
    example: { params: { id: ids.intervention, year }, body: {
      participants: { women: 14, men: 11, other: 0 }, newParticipants: { women: 6, men: 5, other: 0 },
      finished: { arbete: { women: 3, men: 2, other: 0 }, studier: { women: 2, men: 1, other: 0 }, rehabilitering: { women: 1, men: 0, other: 0 }, annat: { women: 0, men: 1, other: 0 } },
      ages: { "16-18": { women: 1, men: 2, other: 0 }, "19-24": { women: 6, men: 5, other: 0 }, "25-29": { women: 7, men: 4, other: 0 } },
      averageMonths: 7.5,
      referrals: { kommun: 9, region: 3, arbetsformedlingen: 8, forsakringskassan: 4, annan: 1 },
      aterremisser: 2, efterstod: { women: 2, men: 1, other: 0 },
    } },
    responses: { 200: json("Insatsens siffror för året, som GET ger dem.") },
  },
  "GET /api/v1/interventions/:id/outcomes/:year": {
    tag: "Stegförflyttning",
    summary: "En insats helårssiffror för ett år",
    description: "Insatsens egen helårsrapport, eller summan av kommunområdenas rapporter när insatsen saknar en egen (source säger vilket), med summeringen i totals. Antalen visas även när de är små, om inte förbundet har satt en gräns för insatsernas antal (outcomeThreshold): då är ett antal under gränsen null, liksom de antal som annars skulle gå att räkna fram ur en summa, på samma sätt som i Statistik-bilagan.",
    params: interventionYearParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    example: { params: { id: ids.intervention, year } },
    responses: { 200: json("Siffrorna per kön, avslut per orsak och summeringen.", z.object({
      interventionId: z.uuid(), name: z.string(), year: z.number().int(), source: z.string(), reports: z.number().int(), areaSumDiffers: z.boolean(),
      participants: hiddenSplit, newParticipants: hiddenSplit, efterstod: hiddenSplit, totals: z.object({}).loose(),
      outcomeThreshold: z.number().int().nullable().meta({ description: "Förbundets gräns för insatsernas antal; null: ingen, allt visas." }),
    }).loose()) },
  },
  "PUT /api/v1/interventions/:id/movements/:year": {
    tag: "Stegförflyttning",
    summary: "Sätt en insats stegförflyttningar för ett år",
    description: `Hur många deltagare som gick från en ersättning vid start (rad) till ett läge vid slutet (kolumn). Koderna är ${categories.join(", ")}. Ersätter årets matris; en tom cell och 0 är samma sak. oneYearAfter är samma deltagare ett år efter avslut där det är känt (samma koder; en rad får ha högst så många som började med ersättningen); utelämnad eller null betyder inte uppföljt. En samverkanskoordinator med kommunområden kan bara föra in förflyttningar för insatser i sina kommunområden. En delad insats som förbundet samfinansierar: förbundets egna deltagares förflyttningar (409 för ett år efter att samfinansieringen avslutades).`,
    params: movementParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    body: apiMovements,
    example: { params: { id: ids.intervention, year }, body: { matrix: {
      forsorjningsstod: { arbete: 3, studiemedel: 1, forsorjningsstod: 4 },
      sjukpenning: { arbete_lonestod: 2, sjukpenning: 3 },
      aktivitetsstod: { arbete: 2, a_kassa: 1 },
    }, oneYearAfter: { forsorjningsstod: { arbete: 4, forsorjningsstod: 2 }, aktivitetsstod: { arbete: 3 } } } },
    responses: { 200: json("Matrisen som den sparades.", matrixBody) },
  },
  "GET /api/v1/interventions/:id/movements/:year": {
    tag: "Stegförflyttning",
    summary: "En insats stegförflyttningar för ett år",
    description: "Matrisen är tom när inget är infört. Den som får föra in insatsens förflyttningar (admin, eller en samverkanskoordinator för insatsens kommunområden) ser alla antal. Har förbundet en gräns för insatsernas antal (outcomeThreshold) ser alla andra ett antal under gränsen som null, liksom de antal som annars skulle gå att räkna fram ur en rad- eller kolumnsumma, på samma sätt som i Statistik-bilagan.",
    params: movementParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    example: { params: { id: ids.intervention, year } },
    responses: { 200: json("Matrisen.", matrixReadBody) },
  },
  "GET /api/v1/interventions/:id/effect/:year": {
    tag: "Stegförflyttning",
    summary: "En insats socioekonomiska effekt för ett år",
    description: "Förflyttningarna värderade med förbundets nyckeltal för året och året efter: per år och för två år, per kommun, region och stat, mot medlen till insatsen. Saknas ett nyckeltal räknas inget och missing säger vad som fattas. Har förbundet en gräns för insatsernas antal (outcomeThreshold) och matrisen en dold cell är perYear och twoYears null för den som inte får föra in insatsens förflyttningar: effekten är antal × belopp och skulle avslöja cellen.",
    params: movementParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    example: { params: { id: ids.intervention, year } },
    responses: { 200: json("{perYear, twoYears, funding, missing, outcomeThreshold}: effekten i kronor per sektor (null när något saknas eller är dolt), medlen, det som saknas och gränsen när den har tillämpats.",
      z.object({ perYear: z.object({}).loose().nullable(), twoYears: z.object({}).loose().nullable(), funding: z.number().nullable(), missing: z.array(z.unknown()),
        outcomeThreshold: z.number().int().nullable(), shared: sharedEffect })) },
  },
  "PUT /api/v1/nyckeltal/:year": {
    tag: "Stegförflyttning",
    summary: "Sätt förbundets nyckeltal för ett år",
    description: "Ersättningarnas belopp per person och år (vem som betalar, om de är skattepliktiga, källan), lön vid arbete, statens andel vid lönestöd, skattesatser och arbetsgivaravgift. Andelar anges som bråk: 0.3142 = 31,42 %. Ett nyckeltal som utelämnas saknas, och en effekt som behöver det säger så.",
    params: nyckeltalParams,
    paramText: { year: "Året, med fyra siffror." },
    body: apiNyckeltal,
    example: { params: { year }, body: {
      supports: {
        forsorjningsstod: { amount: 118800, payer: "kommun", taxable: false, source: "Socialstyrelsen, ekonomiskt bistånd 2025" },
        a_kassa: { amount: 187000, payer: "stat", taxable: true, source: "IAF, genomsnittlig ersättning 2025" },
        sjukpenning: { amount: 214000, payer: "stat", taxable: true, source: "Försäkringskassan, sjukpenning 2025" },
      },
      wage: 336000, wageSubsidyShare: 0.8, taxKommun: 0.2138, taxRegion: 0.1176, employerContribution: 0.3142,
      sources: { wage: "SCB, lönestrukturstatistik 2025", taxKommun: "SCB, kommunalskatter 2026", taxRegion: "SCB, kommunalskatter 2026", employerContribution: "Skatteverket 2026" },
    } },
    responses: { 200: json("Nyckeltalen som de sparades.") },
  },
  "GET /api/v1/nyckeltal/:year": {
    tag: "Stegförflyttning",
    summary: "Förbundets nyckeltal för ett år",
    params: nyckeltalParams,
    paramText: { year: "Året, med fyra siffror." },
    example: { params: { year } },
    responses: { 200: json("Nyckeltalen, som PUT tar dem.") },
  },

  // ——— Bilagor ———
  "GET /api/v1/reports/:year": {
    tag: "Bilagor",
    summary: "Årets alla bilagor som ZIP",
    params: yearParam,
    query: apiZipFormat,
    paramText: { year: "Året, med fyra siffror.", format: "zip" },
    example: { params: { year }, query: { format: "zip" } },
    responses: { 200: files("Bilagorna i varje format, i en ZIP-fil.", "application/zip") },
  },
  "GET /api/v1/reports/:year/:bilaga": {
    tag: "Bilagor",
    summary: "En bilaga",
    description: "Bilagans rapportmodell som JSON, eller bilagan som HTML, DOCX, XLSX eller CSV.",
    params: apiParams,
    query: apiFormat,
    paramText: { year: "Året, med fyra siffror.", bilaga: "Bilagan.", format: "json (standard), html, docx, xlsx eller csv." },
    example: { params: { year, bilaga: "samverkan" }, query: { format: "docx" } },
    responses: { 200: { description: "Bilagan som JSON eller som fil.", json: "object", files: bilagaFiles } },
  },

  // ——— Grupper av förbund och nationellt ———
  "POST /api/v1/platform/groups": {
    tag: "Grupper",
    summary: "Skapa en grupp av förbund och bjud in förbunden",
    description: "Plattformens administratör skapar gruppen; varje inbjudet förbunds administratör väljer sedan själv vad förbundet delar med gruppen.",
    body: apiCreateGroup,
    example: { body: { name: "Samordningsförbunden i Jönköpings län", forbundIds: ids.forbund } },
    responses: { 201: json("Gruppens id.", created) },
  },
  "PUT /api/v1/sharing/:groupId": {
    tag: "Grupper",
    summary: "Dela, eller sluta dela, en enkäts siffror för ett år med en grupp",
    description: "Förbundets administratör väljer per enkät och år. Gruppen ser bara siffror som klarar rapporteringsgränsen.",
    params: sharingParam,
    paramText: { groupId: idText("Gruppen") },
    body: apiSharing,
    example: { params: { groupId: ids.forbundsgrupp }, body: { questionnaire: INDIKATOR, year: 2026, share: true } },
    responses: { 200: json("Delningen som den blev.", sharingBody.extend({ groupId: z.uuid() })) },
  },
  "PUT /api/v1/sharing/national": {
    tag: "Grupper",
    summary: "Dela, eller sluta dela, en indikatorenkäts siffror för ett år nationellt",
    description: "Bara indikatorenkäterna kan delas nationellt. Den nationella sammanställningen visar bara siffror som klarar rapporteringsgränsen.",
    body: apiSharing,
    example: { body: { questionnaire: INDIKATOR, year: 2026, share: true } },
    responses: { 200: json("Delningen som den blev.", sharingBody) },
  },
  "GET /api/v1/groups/:id/comparison": {
    tag: "Grupper",
    summary: "Jämförelse mellan gruppens förbund",
    description: "Varje förbund som delar enkäten och året med gruppen, och gruppen sammantagen. Rapporteringsgränsen gäller per förbund och för summan. outcomes: samma förbunds deltagare i insatserna året, ur deras egna insatsrapporter (participants, newParticipants, finished, toWorkOrStudies, efterstod; null under förbundets gräns, den högsta av k och gränsen för insatsernas antal). En delad insats ingår i varje förbunds kolumn med bara dess egna deltagare (sharedInterventions), så varje deltagare räknas en gång; totalen är summan av de visade cellerna, med forbundCount per rad.",
    params: groupParam,
    query: comparisonQuery,
    paramText: { id: idText("Gruppen"), questionnaire: "Enkätens id.", year: "Året, med fyra siffror." },
    example: { params: { id: ids.forbundsgrupp }, query: { questionnaire: INDIKATOR, year } },
    responses: { 200: json("{group, questionnaire, year, forbund: [...], total, outcomes: {forbund: [...], total}}.") },
  },
  "GET /api/v1/national/indicators": {
    tag: "Grupper",
    summary: "Indikatorenkätens siffror nationellt",
    description: "De förbund som delar enkäten och året nationellt, lagda ihop, med förra årets siffror och förändringen. Frågor som bara finns i Samspårs egen formulering (localOnly) räknas inte in i det nationella.",
    query: nationalApiQuery,
    paramText: { questionnaire: "Indikatorenkätens id.", year: "Året, med fyra siffror.", format: "json (standard), html, docx, xlsx eller csv." },
    example: { query: { questionnaire: INDIKATOR, year, format: "json" } },
    responses: { 200: { description: "Sammanställningen som JSON eller som fil.", json: "object", files: ["text/html", "text/csv", bilagaFiles[2], bilagaFiles[3]] } },
  },

  // ——— Delade insatser ———
  "GET /api/v1/shared-interventions": {
    tag: "Delade insatser",
    summary: "Förbundets delade insatser",
    description: "owned: förbundets egna insatser med de förbund som bjudits in att samfinansiera dem; cofunded: insatser som andra förbund bjudit in förbundet att samfinansiera.",
    responses: { 200: json("{owned, cofunded}.", z.object({
      owned: z.array(z.object({ id: z.uuid(), name: z.string(), cofunders: z.array(z.object({ id: z.uuid(), name: z.string(), status: cofunderStatus, lastYear })) })),
      cofunded: z.array(z.object({ id: z.uuid(), name: z.string(), owner: z.string(), status: cofunderStatus, lastYear })),
    })) },
  },
  "POST /api/v1/shared-interventions/:id/cofunders": {
    tag: "Delade insatser",
    summary: "Bjud in ett förbund att samfinansiera en av förbundets insatser",
    description: "Bara ett förbund som är med i en förbundsgrupp tillsammans med ägaren kan bjudas in; dess administratör accepterar. En insats förbundet inte äger: 404.",
    params: sharedParam,
    paramText: { id: idText("Insatsen") },
    body: apiCofunder,
    example: { params: { id: ids.intervention }, body: { forbundId: ids.forbund[1] } },
    responses: { 201: json("Det inbjudna förbundet.", z.object({ forbundId: z.uuid(), status: z.literal("invited") })) },
  },
  "POST /api/v1/shared-interventions/:id/accept": {
    tag: "Delade insatser",
    summary: "Acceptera att samfinansiera en insats",
    description: "Förbundets administratör accepterar en inbjudan. Sedan rapporterar förbundet sina egna deltagare (PUT /api/v1/interventions/:id/outcomes/:year) och sina egna medel (PUT /api/v1/interventions/:id/funding/:year) för insatsen.",
    params: sharedParam,
    paramText: { id: idText("Insatsen") },
    example: { params: { id: ids.intervention } },
    responses: { 200: json("Insatsen och att förbundet samfinansierar den.", z.object({ id: z.uuid(), status: z.literal("accepted") })) },
  },
  "POST /api/v1/shared-interventions/:id/cofunders/:forbundId/end": {
    tag: "Delade insatser",
    summary: "Avsluta en accepterad samfinansiering",
    description: "Ägarens administratör avslutar vilket samfinansierande förbunds del som helst, det samfinansierande förbundets administratör sin egen. Det förbundets rapporter, medel och förflyttningar till och med året samfinansieringen avslutas (lastYear) finns kvar och räknas i helheten; senare år kan inte föras in för det förbundet (409). Loggas hos båda förbunden. Redan avslutad, eller en inbjudan som inte är accepterad: 409. Någon annan: 404.",
    params: cofunderParams,
    paramText: { id: idText("Insatsen"), forbundId: idText("Det samfinansierande förbundet") },
    example: { params: { id: ids.intervention, forbundId: ids.forbund[1] } },
    responses: { 200: json("Förbundet och samfinansieringens sista år.", z.object({ forbundId: z.uuid(), status: z.literal("ended"), lastYear: z.number().int() })) },
  },
  "GET /api/v1/shared-interventions/:id/:year": {
    tag: "Delade insatser",
    summary: "En delad insats ett år: den egna delen och helheten",
    description: "Varje förbunds del är deltagarna från det förbundet enligt dess egna insatsrapporter, och dess egna medel. Ett förbund som samfinansierar ser sin egen del och helheten, ägaren ser också varje del. Ett antal under förbundets rapporteringsgräns, och en summa som skulle avslöja ett sådant, är null.",
    params: sharedYearParams,
    paramText: { id: idText("Insatsen"), year: "Året, med fyra siffror." },
    example: { params: { id: ids.intervention, year } },
    responses: { 200: json("Den egna delen, helheten och (för ägaren) delarna.", sharedYearBody) },
  },

  "GET /api/v1/aggregates/:year": {
    tag: "Grupper",
    summary: "Förbundets aggregat av indikatorenkäterna för ett år, att skicka till den nationella sammanställningen",
    description: "För förbund på en annan Samspår-installation. Per enkätversion och svarsgrupp antalet svar per svarsvärde, bara för frågor med nationell formulering. En fråga visar sina antal bara när vart och ett är 0 eller minst förbundets rapporteringsgräns k; annars är alla frågans antal null. Följer docs/aggregat.schema.json; checksum är sha256 av den kanoniska JSON:en utan checksum. Förbundets administratör; hämtningen loggas.",
    params: aggregateYearParam,
    paramText: { year: "Året, med fyra siffror." },
    example: { params: { year } },
    responses: { 200: json("Aggregatet, som docs/aggregat.schema.json beskriver det.", aggregateFile) },
  },
  "POST /api/v1/platform/aggregates": {
    tag: "Plattform",
    summary: "Läs in ett förbunds aggregat i den nationella sammanställningen",
    description: "Plattformens administratör. Filen prövas mot docs/aggregat.schema.json, kontrollsumman räknas om, och varje frågas text jämförs med den nationella texten i de versioner av enkäten som installationen känner till (standardenkäten, NNS-versioner som förbund här läst in och versioner som insamlingar här öppnats med); versionsnumret avgör inte. Ett förbunds nya fil för ett år ersätter allt dess förra fil för året gav. 422 med skälet per ställe i filen.",
    body: aggregateFile,
    bodyName: "Aggregat",
    example: { body: aggregateExample },
    responses: { 201: json("Vad som lästes in.", z.object({ forbund: z.object({ id: z.uuid(), name: z.string() }), year: z.number().int(), questionnaires: z.number().int() })) },
  },
  "POST /api/v1/platform/forbund": {
    tag: "Plattform",
    summary: "Skapa ett förbund",
    description: "Plattformens administratör. Förbundet får de fyra parterna och inget konto; dess första administratör bjuds in på /plattform, eller en integration får en nyckel.",
    body: apiCreateForbund,
    example: { body: { name: "Samordningsförbundet Nyby" } },
    responses: { 201: json("Förbundets id.", created) },
  },
  "POST /api/v1/platform/forbund/:id/tokens": {
    tag: "Plattform",
    summary: "Skapa en API-nyckel i ett förbund för en integration",
    description: "Plattformens administratör. Nyckeln hör till förbundets integrationskonto för rollen (ett konto utan lösenord som förbundets administratör ser och kan stänga av). Visas bara i svaret; skapandet loggas i förbundets logg.",
    params: forbundParam,
    paramText: { id: idText("Förbundet") },
    body: apiCreateForbundToken,
    example: { params: { id: ids.forbund[0] }, body: { name: "Ekonomisystemet", role: "admin" } },
    responses: { 201: json("Nyckeln, en gång.", z.object({ token: z.string() })) },
    conflict: "Förbundets integrationskonto för rollen är avstängt.",
  },

  // ——— Enkäter ———
  "GET /api/v1/questionnaires": {
    tag: "Enkäter",
    summary: "Enkäterna: standardenkäterna och förbundets egna",
    responses: { 200: json("{questionnaires: [...]} med versioner.") },
  },
  "GET /api/v1/questionnaires/:id": {
    tag: "Enkäter",
    summary: "En enkäts definition",
    description: "Den senaste publicerade versionen, en given version, eller utkastet.",
    params: questionnaireIdParam,
    query: definitionQuery,
    paramText: { id: "Enkätens id, till exempel indikator-deltagare-pagaende.", version: "En publicerad version.", draft: "true för utkastet." },
    example: { params: { id: INDIKATOR }, query: { version: "1" } },
    responses: { 200: json("Definitionen, som POST /api/v1/questionnaires tar den.") },
  },
  "GET /api/v1/questionnaires/:id/translations/:lang": {
    tag: "Enkäter",
    summary: "En språkversion av en enkät: nycklarna och förbundets texter",
    description: "Nycklarna är title, shortTitle (den korta rubriken till de svarande, när enkäten har en), intro, q1, q1.options.<kod> och så vidare. state säger om texterna är granskade av en översättare eller ett utkast (Samspårs egna förslag är alltid utkast).",
    params: translationParams,
    query: translationVersionQuery,
    paramText: { id: "Enkätens id, till exempel indikator-deltagare-pagaende.", lang: "Språkkoden, till exempel ar, so eller sv-lattlast.", version: "En publicerad version; utan den den senaste." },
    example: { params: { id: INDIKATOR, lang: "ar" }, query: { version: "1" } },
    responses: { 200: json("Språkversionen med texterna per nyckel, vad som saknas och state (granskad eller utkast).") },
  },
  "PUT /api/v1/questionnaires/:id/translations/:lang": {
    tag: "Enkäter",
    summary: "Spara förbundets texter i en språkversion",
    description: "Svar på språkversionen räknas ihop med standardenkätens. En okänd nyckel ger 422 som namnger den. Utan state sparas texterna som utkast.",
    params: translationParams,
    query: translationVersionQuery,
    body: translationBody,
    paramText: { id: "Enkätens id.", lang: "Språkkoden.", version: "En publicerad version; utan den den senaste." },
    example: { params: { id: INDIKATOR, lang: "so" }, query: { version: "1" }, body: { texts: { q1: "Ma dareemaysaa in laguu dhaqmo si ixtiraam leh?" }, state: "utkast" } },
    responses: { 200: json("Om språkversionen är komplett och vilka nycklar som saknas.", z.object({ complete: z.boolean(), missing: z.array(z.string()) })) },
  },
  "POST /api/v1/questionnaires": {
    tag: "Enkäter",
    summary: "Läs in en egen enkät som utkast",
    description: "Definitionen prövas mot samma schema som standardenkäterna; varje fel säger var det är.",
    body: definition,
    bodyName: "Enkat",
    example: { body: ownQuestionnaire },
    responses: { 201: json("Enkätens id och version.", questionnaireSaved) },
    conflict: "Förbundet har redan en enkät med det id:t.",
  },
  "PUT /api/v1/questionnaires/:id": {
    tag: "Enkäter",
    summary: "Ersätt utkastet till en egen enkät",
    params: questionnaireIdParam,
    paramText: { id: "Enkätens id." },
    body: definition,
    bodyName: "Enkat",
    example: { params: { id: ownQuestionnaire.id }, body: ownQuestionnaire },
    responses: { 200: json("Enkätens id och version.", questionnaireSaved) },
  },
  "POST /api/v1/questionnaires/:id/publish": {
    tag: "Enkäter",
    summary: "Publicera utkastet som en ny version",
    params: questionnaireIdParam,
    paramText: { id: "Enkätens id." },
    example: { params: { id: ownQuestionnaire.id } },
    responses: {
      200: json("Den publicerade versionen: vad som ändrats och vilka språk som saknar översättning."),
      422: { description: "Utkastet följer inte schemat: issues säger var (question och path).", json: apiErrorBody },
    },
  },
  "POST /api/v1/questionnaires/:id/versions": {
    tag: "Enkäter",
    summary: "Läs in NNS egen text som en ny version av en standardenkät",
    description: "Frågornas id och typer behålls, så att tidigare år kan jämföras; källan ska vara nns och utgåvan anges.",
    params: questionnaireIdParam,
    paramText: { id: "Standardenkätens id." },
    body: definition,
    bodyName: "Enkat",
    example: { params: { id: INDIKATOR }, body: nnsVersion },
    responses: { 201: json("Enkätens id och den nya versionen.", questionnaireSaved) },
  },
});

/** The examples the API's description gives, for the tests that check them against the features' own readers. */
export const exampleInputs = { answers, answersCsv, deviationsCsv, questionnaire: INDIKATOR };
