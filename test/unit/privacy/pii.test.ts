import { describe, expect, it } from "vitest";
import { findPii, luhnValid, maskPii, piiMessage } from "../../../server/privacy/pii.js";

describe("personuppgiftsvakten", () => {
  it.each([
    ["811218-9876", "personnummer"],
    ["8112189876", "personnummer"],
    ["19811218-9876", "personnummer"],
    ["198112189876", "personnummer"],
    ["121212+1212", "personnummer"], // over 100 years old
    ["701063-2391", "personnummer"], // samordningsnummer (day + 60)
    ["ring 070-123 45 67 i morgon", "telefon"],
    ["0701234567", "telefon"],
    ["+46 70 123 45 67", "telefon"],
    ["036-10 20 30", "telefon"],
    ["anna.svensson@exempel.se", "epost"],
  ])("när texten innehåller %s så hittas %s", (text, kind) => {
    expect(findPii(text).map((h) => h.kind)).toEqual([kind]);
  });

  it.each([
    "Vi träffades 12 gånger under 2024",
    "Kostnaden var 20 000 kr och 150000 kr totalt",
    "Datum 2024-03-15, ärende AV-2024-007",
    "811218-9875", // fails the Luhn check
    "991332-1234", // month 13
    "Budget 1 234 567 kr",
    "Svarstid 60 dagar, mål 70 %",
    "Organisationsnummer 222000-1234 hos förbundet", // 22 is no plausible month of a person
  ])("när texten är vanlig (%s) så hittas inget", (text) => {
    expect(findPii(text)).toEqual([]);
  });

  it("när flera uppgifter finns så maskeras alla och resten står kvar", () => {
    expect(maskPii("Anna 811218-9876, anna@x.se, 070-123 45 67. Klart."))
      .toBe("Anna [personnummer borttaget], [e-postadress borttagen], [telefonnummer borttaget]. Klart.");
  });

  it("när texten är ren så ger piiMessage inget, annars ett svenskt besked som nämner vad som hittats", () => {
    expect(piiMessage("Bra bemötande")).toBeUndefined();
    expect(piiMessage("mejla a@b.se eller ring 0701234567")).toBe(
      "Texten verkar innehålla e-postadress och telefonnummer. Ta bort det – svaren ska inte kunna kopplas till en person.");
  });

  it("Luhn-kontrollen stämmer med kända nummer", () => {
    expect(luhnValid("8112189876")).toBe(true);
    expect(luhnValid("8112189875")).toBe(false);
    expect(luhnValid("123")).toBe(false);
  });
});
