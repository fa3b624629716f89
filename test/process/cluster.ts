/**
 * Several Samspår processes on one PostgreSQL server behind nginx, for test/process/cluster.test.ts and
 * bench/cluster.ts: nginx from Debian with a generated configuration in a temporary directory, an SMTP
 * server that keeps what arrives (and can be stopped, started again on its port, or made to hold the
 * senders at RCPT TO), a small HTTP client with a cookie jar, and the app processes themselves.
 * Nothing here imports vitest. The PostgreSQL server is bench/postgres.ts (initdb + pg_ctl, as .ci/run).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import { simpleParser } from "mailparser";
import { freePort, spawnServer, tempDataDir, type Proc } from "./helpers.js";

// ——— nginx ———

/** The nginx binary: NGINX_BIN, Debian's /usr/sbin/nginx (not on a non-root PATH), or nginx on PATH. */
export function findNginx(): string | undefined {
  const candidates = [process.env.NGINX_BIN, "/usr/sbin/nginx", ...(process.env.PATH ?? "").split(path.delimiter).map((d) => d && path.join(d, "nginx"))];
  return candidates.find((f): f is string => !!f && fs.existsSync(f));
}

/** PostgreSQL's initdb and pg_ctl as bench/postgres.ts finds them (PG_BIN, Debian's directory, PATH). */
export function hasPostgresBinaries(): boolean {
  const ok = (dir: string) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"));
  if (process.env.PG_BIN) return ok(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian) && fs.readdirSync(debian).some((v) => ok(path.join(debian, v, "bin")))) return true;
  return (process.env.PATH ?? "").split(path.delimiter).some((d) => d && ok(d));
}

/**
 * The site configuration a förbund's IT department puts in /etc/nginx/conf.d/ (README shows it, the
 * cluster test checks that the README's copy is this text): round robin over the app processes,
 * keep-alive connections to them, and the client's address and scheme passed on for TRUST_PROXY.
 */
export function samsparSite(opts: { listen: string; upstreams: string[] }): string {
  return `upstream samspar {
    # Turordning (nginx standard) över Samspårs processer; ingen av dem håller något eget tillstånd.
${opts.upstreams.map((u) => `    server ${u};`).join("\n")}
    keepalive 32;
}

server {
    listen ${opts.listen};
    # Appen avvisar själv för stora uppladdningar (inklistrad CSV 25 MB, CSV via API:t 50 MB).
    client_max_body_size 50m;

    location / {
        proxy_pass http://samspar;
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
    }
}
`;
}

/** A whole nginx.conf around the site for a run in `dir`: foreground, pid, logs and temporary files in `dir`. */
export function nginxConf(dir: string, site: string): string {
  const tmp = (name: string) => path.join(dir, "tmp", name);
  // As root, the workers would switch to "nobody" and could not use the temporary directory.
  const user = process.getuid?.() === 0 ? `user ${os.userInfo().username};\n` : "";
  return `${user}daemon off;
worker_processes 1;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "error.log")} warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path ${tmp("body")};
    proxy_temp_path ${tmp("proxy")};
    fastcgi_temp_path ${tmp("fastcgi")};
    uwsgi_temp_path ${tmp("uwsgi")};
    scgi_temp_path ${tmp("scgi")};
${site.replace(/^(?=.)/gm, "    ")}}
`;
}

export type Nginx = { port: number; url: string; dir: string; proc: Proc; conf: string; stop(): Promise<void> };

/** Starts nginx in front of `upstreams` (ports on 127.0.0.1) on a free port; resolves when it answers. */
export async function startNginx(bin: string, upstreams: number[], port?: number): Promise<Nginx> {
  const dir = tempDataDir();
  fs.mkdirSync(path.join(dir, "tmp"));
  port ??= await freePort();
  const conf = nginxConf(dir, samsparSite({ listen: `127.0.0.1:${port}`, upstreams: upstreams.map((p) => `127.0.0.1:${p}`) }));
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  // -e: the error log from the first moment (before the configuration is read, nginx would use /var/log/nginx).
  const child = spawn(bin, ["-p", dir, "-e", path.join(dir, "error.log"), "-c", path.join(dir, "nginx.conf")], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  const proc = trackSimple(child, `nginx på port ${port}`);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx slutade: ${proc.stderr()}\n${readIf(path.join(dir, "error.log"))}`);
    try {
      await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) })).arrayBuffer();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx svarade inte inom 10 s\n${readIf(path.join(dir, "error.log"))}`);
      await sleep(50);
    }
  }
  return {
    port, url, dir, proc, conf,
    async stop() {
      proc.kill("SIGQUIT"); // graceful: finishes open requests
      await proc.waitExit(10_000).catch(() => undefined);
    },
  };
}

const readIf = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Proc for a child that is not a node server (nginx): output, exit and kill. */
function trackSimple(child: ReturnType<typeof spawn>, what: string): Proc {
  let out = "", err = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => { out += d; });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => { err += d; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  return {
    child, pid: child.pid ?? -1, stdout: () => out, stderr: () => err, exited,
    waitExit: (ms) => Promise.race([exited, sleep(ms).then(() => { child.kill("SIGKILL"); throw new Error(`${what} slutade inte inom ${ms} ms`); })]),
    waitForOutput: () => Promise.reject(new Error("används inte")),
    kill(signal = "SIGKILL") { if (child.exitCode === null && child.signalCode === null) child.kill(signal); },
  };
}

// ——— app processes ———

export type AppProcess = { port: number; url: string; proc: Proc; dataDir: string };

/**
 * Spawns `n` servers (`node --import tsx server/main.ts`) in the same tick, each with its own port and
 * DATA_DIR (as on separate hosts: nothing shared but the database) and the same environment.
 */
export async function spawnApps(n: number, env: Record<string, string>): Promise<AppProcess[]> {
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  return ports.map((port) => {
    const dataDir = tempDataDir();
    return { port, url: `http://127.0.0.1:${port}`, dataDir, proc: spawnServer({ dataDir, port, env }) };
  });
}

// ——— SMTP ———

export type Mail = { to: string[]; subject: string; text: string };

/**
 * A real SMTP server on a fixed port that keeps every message it accepted (answered 250 to). stop() and
 * start() take it down and bring it back on the same port. hold() makes every sender wait at RCPT TO
 * until release(): the message has not been handed over then, so a sender that dies while held has sent nothing.
 */
export type SmtpSink = {
  port: number; url: string; messages: Mail[];
  start(): Promise<void>; stop(): Promise<void>;
  hold(): void; release(): void;
  /** Senders waiting at RCPT TO right now (their connection still open). */
  held(): number;
};

export async function startSmtp(): Promise<SmtpSink> {
  const port = await freePort();
  const messages: Mail[] = [];
  let holding = false;
  const waiting = new Map<string, () => void>(); // session id → continue
  let server: SMTPServer | undefined;
  const make = () => new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(_address, session: SMTPServerSession, callback) {
      if (!holding) return callback();
      waiting.set(session.id, () => callback());
    },
    onClose(session) { waiting.delete(session.id); },
    // The message is kept before the server answers 250.
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => {
        const to = (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? "").toLowerCase()));
        messages.push({ to, subject: m.subject ?? "", text: m.text ?? "" });
        callback();
      }, callback);
    },
  });
  const sink: SmtpSink = {
    port, url: `smtp://127.0.0.1:${port}`, messages,
    async start() {
      server = make();
      await new Promise<void>((resolve, reject) => { server!.once("error", reject); server!.listen(port, "127.0.0.1", () => resolve()); });
    },
    async stop() {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    hold() { holding = true; },
    release() {
      holding = false;
      for (const go of waiting.values()) go();
      waiting.clear();
    },
    held: () => waiting.size,
  };
  await sink.start();
  return sink;
}

// ——— HTTP with a cookie jar ———

export type Page = { status: number; location: string | null; text: string; headers: Headers };

/** A client that keeps cookies like a browser and does not follow redirects, so each answer is seen. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(urlPath: string, opts: { method?: string; form?: Record<string, string>; base?: string } = {}): Promise<Page> {
    const base = opts.base ?? this.base;
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (opts.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers.origin = base; // as a browser sends it with a form
    }
    const res = await fetch(base + urlPath, {
      method: opts.method ?? (opts.form ? "POST" : "GET"), headers, redirect: "manual",
      body: opts.form ? new URLSearchParams(opts.form).toString() : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
    return { status: res.status, location: res.headers.get("location"), text: await res.text(), headers: res.headers };
  }

  get(urlPath: string, base?: string) { return this.request(urlPath, { base }); }

  /** Posts a form with the CSRF token of `pagePath` first, as the page's own form sends it. */
  async postForm(pagePath: string, action: string, fields: Record<string, string>): Promise<Page> {
    const page = await this.get(pagePath);
    const csrf = /name="_csrf" value="([^"]*)"/.exec(page.text)?.[1];
    if (csrf === undefined) throw new Error(`${pagePath} (${page.status}) har inget CSRF-fält`);
    return this.request(action, { form: { _csrf: csrf, ...fields } });
  }

  /** Signs in through the login form; throws unless the answer is the redirect of a successful sign-in. */
  async signIn(email: string, password: string): Promise<void> {
    const res = await this.postForm("/login", "/login", { email, password });
    if (res.status !== 303) throw new Error(`inloggningen gav ${res.status}: ${res.text.slice(0, 300)}`);
  }
}

// ——— a respondent ———

/** The two pages of indikator-deltagare-pagaende, as the public form sends them (one respondent per token). */
export const respondentForms = {
  page1: (s: string, key: string) => ({ s, key, lang: "sv", action: "next", visible: "q1,q2,q3,q4a,q4b,q5,q6,q7", q1: "5", q2: "4", q3: "6", q4a: "ja", q4b: "3", q5: "4", q6: "5", q7: "6" }),
  page2: (s: string, key: string) => ({ s, key, lang: "sv", action: "next", q8: "Mer tid", q9: "Bra stöd", q10: "" }),
};
