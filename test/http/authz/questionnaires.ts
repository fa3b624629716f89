/** Rows of the questionnaires feature: the list, the editor of own questionnaires, preview, export, and the API. */
import crypto from "node:crypto";
import * as repo from "../../../server/questionnaires/repo.js";
import { checkDraft } from "../../../surveys/edit.js";
import { koordinator, signedIn, api, type FeatureMatrix, type Row } from "./types.js";

/** Förbund A's own questionnaire: everyone of A reads it, another förbund's admin does not find it. */
const readable: Row = ["login", "ok", "ok", "ok", "ok", 404];
/** Changing it: koordinator and up in A; läsare 403; another förbund 404. */
const editable: Row = ["login", 403, "ok", "ok", "ok", 404];

export const matrix: FeatureMatrix = {
  rows: {
    "GET /enkater": signedIn,
    "GET /enkater/ny": koordinator,
    "POST /enkater": koordinator, // empty form: 422
    "GET /enkater/importera": koordinator,
    "POST /enkater/importera": koordinator, // empty form: 422
    "GET /enkater/:id": readable,
    "GET /enkater/:id/definition.json": readable,
    "GET /enkater/:id/versioner/:version": readable,
    "GET /enkater/:id/forhandsvisning": readable,
    "GET /enkater/:id/forhandsvisning/sida": readable,
    "POST /enkater/:id/installningar": editable, // empty form: 422
    "POST /enkater/:id/avsnitt": editable,
    "POST /enkater/:id/avsnitt/:index": editable,
    "POST /enkater/:id/fragor": editable, // no kind: 422
    "GET /enkater/:id/fragor/:qid": editable,
    "POST /enkater/:id/fragor/:qid": editable, // empty form: 422
    "POST /enkater/:id/fragor/:qid/flytta": editable,
    "POST /enkater/:id/fragor/:qid/ta-bort": editable,
    "GET /enkater/:id/oversattning": editable, // no language: back to the editor
    "POST /enkater/:id/oversattning": editable,
    "GET /enkater/:id/texter.xlsx": editable,
    "POST /enkater/:id/texter": editable, // no file: 422
    "POST /enkater/:id/publicera": editable,
    "GET /api/v1/questionnaires": api,
    "GET /api/v1/questionnaires/:id": [401, 200, 200, 200, 200, 404],
    "POST /api/v1/questionnaires": [401, 403, 422, 422, 422, 422], // no definition
    "PUT /api/v1/questionnaires/:id": [401, 403, 422, 422, 422, 404], // no definition
    "POST /api/v1/questionnaires/:id/publish": [401, 403, 200, 200, 200, 404],
    // NNS text as a new version of a standard questionnaire (every förbund has them): admins only; no definition: 422
    "POST /api/v1/questionnaires/:id/versions": [401, 403, 403, 422, 422, 422],
    // A language version of the own questionnaire's draft: koordinator and up; another förbund does not find it.
    "GET /api/v1/questionnaires/:id/translations/:lang": [401, 403, 200, 200, 200, 404],
    // body {}: texts are missing (422) for everyone with a key, before the questionnaire is looked up
    "PUT /api/v1/questionnaires/:id/translations/:lang": [401, 403, 422, 422, 422, 422],
  },

  async params(path, { t, forbundA }): Promise<Record<string, string> | undefined> {
    if (!path.startsWith("/enkater/:id") && !path.startsWith("/api/v1/questionnaires/:id")) return undefined;
    if (path.endsWith("/versions")) return { id: "indikator-styrelse" } as Record<string, string>;
    const key = `matris-${crypto.randomBytes(4).toString("hex")}`;
    const draft = {
      id: key, version: 1, title: { sv: "Matrisens enkät" }, respondentGroup: "evenemang", intro: { sv: "Anonym." }, source: "local", readOnly: false,
      languages: ["sv"], sections: [{ id: "del-1", questions: [{ id: "q1", kind: "yesno", text: { sv: "Ja eller nej?" } }] }],
    };
    const row = (await repo.insert(t.ctx.db, { forbundId: forbundA.forbund.id, key, draft, at: new Date() }))!;
    if (path.includes(":version")) {
      const c = checkDraft(draft);
      if (!c.ok) throw new Error("matrisens enkät följer inte schemat");
      await repo.publish(t.ctx.db, { questionnaireId: row.id, version: 1, definition: c.definition, changed: [], by: null, at: new Date() });
      await repo.saveDraft(t.ctx.db, row.id, { ...draft, version: 2 }, new Date());
    }
    return { id: key, qid: "q1", version: "1", index: "0", lang: "ar" };
  },
};
