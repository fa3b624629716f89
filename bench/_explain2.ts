import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.argv[2] + "/pg");
await db.query(`create index if not exists responses_released_tmp on responses (collection_id, id) where finished and released`);
await db.query(`analyze responses`);
const large = (await db.query<{ id: string }>(`select id from collections where name = 'Stor insamling'`)).rows[0].id;
const chunks = Number(process.argv[3] ?? 10);
const bound = (i: number) => Math.floor(i * 2 ** 32 / chunks).toString(16).padStart(8, "0") + "-0000-0000-0000-000000000000";
const q = (i: number) => `select md5(t) h, t as text from (select r.answers ->> 'q8' t from responses r where r.collection_id = any(array['${large}']::uuid[]) and r.finished and r.released ${i > 0 ? `and r.id >= '${bound(i)}'` : ""} ${i < chunks - 1 ? `and r.id < '${bound(i + 1)}'` : ""} offset 0) s where coalesce(t, '') <> '' order by 1, 2 limit 200`;
for (let rep = 0; rep < 3; rep++) {
  const times: number[] = [];
  for (let i = 0; i < chunks; i++) { const t0 = performance.now(); await db.query(q(i)); times.push(performance.now() - t0); }
  console.log(chunks, "chunks: max", Math.max(...times).toFixed(1), "sum", times.reduce((a, b) => a + b).toFixed(1));
}
console.log((await db.query<any>(`explain analyze ${q(3)}`)).rows.map((r) => r["QUERY PLAN"]).join("\n"));
await db.close();
