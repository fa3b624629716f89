import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.argv[2] + "/pg");
const large = (await db.query<{ id: string }>(`select id from collections where name = 'Stor insamling'`)).rows[0].id;
const qs: [string, string][] = [
  ["now", `select r.answers ->> 'q8' as text from responses r where r.collection_id = any(array['${large}']::uuid[]) and r.finished and r.released and coalesce(r.answers ->> 'q8', '') <> '' order by md5(r.answers ->> 'q8'), r.answers ->> 'q8' limit 200`],
  ["count only", `select count(*) from responses r where r.collection_id = '${large}' and r.finished and r.released`],
  ["extract only", `select count(r.answers ->> 'q8') from responses r where r.collection_id = '${large}' and r.finished and r.released`],
  ["md5 only", `select count(md5(r.answers ->> 'q8')) from responses r where r.collection_id = '${large}' and r.finished and r.released`],
  ["sort by md5 no text", `select t from (select r.answers ->> 'q8' t from responses r where r.collection_id = '${large}' and r.finished and r.released offset 0) s where t <> '' order by md5(t) limit 200`],
  ["hashtext", `select t from (select r.answers ->> 'q8' t from responses r where r.collection_id = '${large}' and r.finished and r.released offset 0) s where t <> '' order by hashtextextended(t, 0), t limit 200`],
];
for (const [name, q] of qs) {
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); await db.query(q); if (i == 2) console.log(name, (performance.now() - t0).toFixed(1), "ms"); }
}
const ex = await db.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${qs[0][1]}`);
console.log(ex.rows.map((r) => r["QUERY PLAN"]).join("\n"));
await db.close();
