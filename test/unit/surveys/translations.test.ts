/** Samspår's drafted language versions of the standard questionnaires: keys that exist, every text there, never Swedish. */
import { describe, expect, it } from "vitest";
import { draftedLanguageVersions } from "../../../surveys/translations.js";
import { findSurvey } from "../../../surveys/index.js";
import { textEntries } from "../../../surveys/edit.js";

describe("Samspårs utkast till språkversioner av standardenkäterna", () => {
  it("när ett utkast finns så har det en text för varje text i enkätversionen, och bara för dem", () => {
    expect(draftedLanguageVersions.length).toBeGreaterThanOrEqual(6);
    for (const d of draftedLanguageVersions) {
      const def = findSurvey(d.questionnaire);
      expect(def, d.questionnaire).toBeDefined();
      expect(def!.version, `${d.questionnaire} ${d.lang}`).toBe(d.version);
      const keys = textEntries(def!).map((e) => e.key);
      expect(Object.keys(d.texts).sort(), `${d.questionnaire} ${d.lang}`).toEqual([...keys].sort());
      for (const e of textEntries(def!)) {
        const text = d.texts[e.key];
        expect(text.trim(), `${d.questionnaire} ${d.lang} ${e.key}`).not.toBe("");
        expect(text, `${d.questionnaire} ${d.lang} ${e.key} är svenskan`).not.toBe(e.text.sv);
      }
    }
  });

  it("när deltagarenkäterna översätts så finns arabiska, somaliska och tigrinja (och persiska och ukrainska) för båda", () => {
    for (const id of ["indikator-deltagare-pagaende", "indikator-deltagare-avslut"]) {
      expect(draftedLanguageVersions.filter((d) => d.questionnaire === id).map((d) => d.lang).sort()).toEqual(["ar", "fa", "so", "ti", "uk"]);
    }
  });
});
