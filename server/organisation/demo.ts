/** The demo förbund, shaped like Höglandets samordningsförbund (seed 002): clearly marked as demo data. */
import type { Ctx } from "../context.js";
import * as repo from "./repo.js";
import { createForbund } from "./service.js";
import * as goals from "../goals/service.js";
import { currentYear } from "../dates.js";

export const demoName = "Höglandets samordningsförbund (demo)";
export const demoAreas = ["Aneby", "Eksjö", "Nässjö", "Sävsjö", "Tranås", "Vetlanda"];
const demoUnits: Record<string, string[]> = {
  Kommun: ["Socialtjänst", "Ekonomiskt bistånd", "Arbetsmarknadsenhet", "Socialpsykiatri", "Vuxenutbildning"],
  Region: ["Psykiatri", "Primärvård", "Annan specialistvård", "Habilitering"],
  Arbetsförmedlingen: ["Arbetsförmedlingen Höglandet"],
  Försäkringskassan: ["Försäkringskassan Höglandet"],
};

/**
 * Creates the demo förbund and returns its id: kommunområden, parties' units, insatser, grupper, and
 * the default goals of this year (seed 002's Tabell måluppfyllelse, with SE-Höglandet's 35 % to
 * arbete or studier and 75 % närvaro). Later years get theirs when an admin first opens them (/mal).
 */
export async function seedDemoForbund(ctx: Ctx): Promise<string> {
  const { forbund, partyIds } = await createForbund(ctx, demoName, { isDemo: true });
  const id = forbund.id;
  const areaIds: Record<string, string> = {};
  for (const name of demoAreas) areaIds[name] = (await repo.insertArea(ctx.db, id, name)).id;
  for (const [party, names] of Object.entries(demoUnits)) {
    for (const u of names) await repo.insertUnit(ctx.db, id, partyIds[party], u);
  }
  const all = Object.values(areaIds);
  await repo.insertIntervention(ctx.db, { forbundId: id, name: "SE-Höglandet", kind: "individinriktad", fromYear: 2019 }, all);
  await repo.insertIntervention(ctx.db, { forbundId: id, name: "IT-spåret", kind: "individinriktad", fromYear: 2022 }, [areaIds["Nässjö"], areaIds["Eksjö"]]);
  await repo.insertIntervention(ctx.db, { forbundId: id, name: "Uppdrag samverkan", kind: "strukturovergripande", fromYear: 2019 }, all);
  await repo.insertIntervention(ctx.db, { forbundId: id, name: "Förrehabilitering", kind: "individinriktad", fromYear: 2023 }, [areaIds["Sävsjö"], areaIds["Vetlanda"]]);
  const four = Object.values(partyIds);
  await repo.insertGroup(ctx.db, { forbundId: id, name: "Styrelse", kind: "styrelse" }, four);
  await repo.insertGroup(ctx.db, { forbundId: id, name: "Beredningsgrupp", kind: "beredningsgrupp" }, four);
  for (const area of demoAreas) {
    await repo.insertGroup(ctx.db, { forbundId: id, name: `Samverk ${area} styrgrupp`, kind: "samverk_styrgrupp", areaId: areaIds[area] }, four);
    await repo.insertGroup(ctx.db, { forbundId: id, name: `Samverk ${area} arbetsgrupp`, kind: "samverk_arbetsgrupp", areaId: areaIds[area] }, four);
  }
  await goals.ensureDefaultGoals(ctx, id, currentYear(ctx.clock));
  return id;
}
