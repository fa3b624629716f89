import { describe, expect, it } from "vitest";
import { parseDeviationsCsv } from "../../../server/deviations/import.pure.js";
import { defaultCauses, defaultConsequences } from "../../../server/deviations/codes.js";

const org = {
  areas: [{ id: "a1", name: "Eksjö" }],
  interventions: [{ id: "i1", name: "SE-Höglandet" }],
  parties: [
    { id: "p-kommun", name: "Kommun", units: [] },
    { id: "p-region", name: "Region", units: [{ id: "u-psyk", name: "Psykiatri" }] },
  ],
} as unknown as Parameters<typeof parseDeviationsCsv>[1];
const codes = { causes: defaultCauses, consequences: defaultConsequences };
const TODAY = "2025-03-10";
const parse = (text: string) => parseDeviationsCsv(text, org, codes, TODAY);
const HEAD = "ar,kommunområde,rapportör_part,berörda_parter,beskrivning,konsekvenser,orsaker,allvarlighet";

describe("läsningen av en avvikelselogg (CSV)", () => {
  it("när filen är kommaavgränsad med citerade celler över flera rader så blir det ett ärende per rad, med rätt radnummer vid fel", () => {
    const r = parse(`${HEAD},status\n2024,eksjö,Kommun,"Region / Psykiatri|Kommun","Rad ett\nrad två",dubbelarbete,Bristande tillit mellan parterna,mindre allvarlig,under handläggning\n\n2024,Eksjö,Kommun,Region/Okänd,Text,dubbelarbete,bristande_tillit,allvarlig,\n`);
    expect(r.cases).toHaveLength(1);
    expect(r.cases[0]).toMatchObject({
      line: 2, year: 2024, reportedOn: "2024-12-31", occurredMonth: "2024-12", areaId: "a1", reporterPartyId: "p-kommun",
      concerned: [{ partyId: "p-region", unitId: "u-psyk" }, { partyId: "p-kommun", unitId: null }],
      causes: ["bristande_tillit"], severity: "mindre_allvarlig", status: "under_handlaggning", closedOn: null,
    });
    expect(r.rejected).toEqual([{ line: 5, errors: ["berörda_parter: Region har ingen enhet ”Okänd”."] }]);
  });

  it.each([
    ["ett år i framtiden", "2026", "ar: skriv rapportåret"],
    ["ett rapportdatum i ett annat år", "2024;2023-05-01", "ska ligga inom året"],
    ["en e-postadress i beskrivningen", "2024;;kim@exempel.se", "e-postadress"],
  ])("när raden har %s så vägras den med ett svenskt meddelande", (_what, cells, message) => {
    const [ar, rapporterad = "", beskrivning = "Text"] = cells.split(";");
    const r = parse(`${HEAD},rapporterad\n${ar},Eksjö,Kommun,Kommun,${beskrivning},dubbelarbete,bristande_tillit,allvarlig,${rapporterad}\n`);
    expect(r.cases).toHaveLength(0);
    expect(r.rejected[0].line).toBe(2);
    expect(r.rejected[0].errors.join(" ")).toContain(message);
  });

  it("när rubrikraden har en okänd kolumn eller filen bara rubriker så pekar felet på rubriken respektive rad 2", () => {
    expect(parse(`${HEAD},telefon\n`).rejected[0]).toMatchObject({ line: 1 });
    expect(parse(`${HEAD}\n`).rejected).toEqual([{ line: 2, errors: ["Filen har inga ärenden efter rubrikraden."] }]);
  });
});
