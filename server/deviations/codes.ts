/**
 * The default lists of causes (orsaker) and consequences (konsekvenser), taken from Bilaga 6 of the
 * Höglandet annual report 2024 (seed 002). Each förbund gets them the first time it uses deviations
 * and may later change its own list; "annat" is always last and asks for a text of its own.
 */
export type CodeKind = "cause" | "consequence";
export type DefaultCode = { code: string; label: string };

export const OTHER = "annat";

export const defaultCauses: DefaultCode[] = [
  { code: "otydliga_insatser", label: "Otydligt hur olika insatser förhåller sig till varandra" },
  { code: "otydlig_ansvarsfordelning", label: "Otydlig ansvarsfördelning mellan parterna" },
  { code: "bristande_kommunikation", label: "Bristande kommunikation och/eller informationsutbyte" },
  { code: "bristande_kunskap", label: "Bristande kunskap om varandras verksamheter" },
  { code: "bristande_tillit", label: "Bristande tillit mellan parterna" },
  { code: "regelverk_taktar_inte", label: "Regelverk som inte ”taktar”" },
  { code: "manga_inblandade", label: "Många inblandade skapar otydlighet" },
  { code: "bristande_uppfoljning", label: "Bristande uppföljning av beslut" },
  { code: "inte_ratt_stod", label: "Individen ges inte rätt stöd" },
  { code: OTHER, label: "Annat" },
];

export const defaultConsequences: DefaultCode[] = [
  { code: "utan_behovsanpassat_stod", label: "Individer riskerar bli utan behovsanpassat stöd" },
  { code: "langre_arbetsloshet", label: "Tiden i arbetslöshet förlängs" },
  { code: "langre_sjukskrivning", label: "Längre tid i sjukskrivning" },
  { code: "besvikelse_frustration", label: "Besvikelse och frustration hos individen" },
  { code: "forsvarar_sip", label: "Försvårar samordnad planering (SIP)" },
  { code: "stress_oro", label: "Stress och oro hos deltagare" },
  { code: "tappa_arbetsgivare", label: "Risk att tappa arbetsgivare" },
  { code: "dubbelarbete", label: "Dubbelarbete" },
  { code: OTHER, label: "Annat" },
];

/** The rows to insert for a förbund that has no codes yet. */
export function defaultCodeRows(forbundId: string) {
  const rows = (kind: CodeKind, list: DefaultCode[]) =>
    list.map((c, i) => ({ forbundId, kind, code: c.code, label: c.label, sortOrder: i }));
  return [...rows("cause", defaultCauses), ...rows("consequence", defaultConsequences)];
}
