// PostgreSQL 15 from Debian, as a private cluster (never the system one on 5432).
//
// PostgreSQL refuses to run as root, so as root the cluster runs as the unprivileged system user `signalbox`.
// That user may not be able to traverse the checkout (e.g. under /root), so the data directory lives in
// /var/tmp/signalbox-<first 12 hex of sha256(realpath of the repo)>/postgres (socket dir: .../postgres-run).
// Logs, ports and the pid stay in <repo>/.services/postgres like every other service.
import fs from "node:fs";
import path from "node:path";
import { aptInstall, ensureUser } from "./install.mjs";
import { externalRoot, isRoot, log, run, ServiceError } from "./lib.mjs";
import { isAlive, spawnDaemon } from "./proc.mjs";

const MAJOR = 15;
const BIN_DIR = `/usr/lib/postgresql/${MAJOR}/bin`;
const ROLE = "signalbox";
const PASSWORD = "signalbox";
const DATABASE = "signalbox";
const sockDir = path.join(externalRoot, "postgres-run");

function psql(s, database, sql) {
  const env = { ...process.env, PGPASSWORD: PASSWORD, PGCONNECT_TIMEOUT: "3" };
  const args = [
    "-X",
    "-q",
    "-v",
    "ON_ERROR_STOP=1",
    "-h",
    "127.0.0.1",
    "-p",
    String(s.port),
    "-U",
    ROLE,
    "-d",
    database,
  ];
  return run(path.join(BIN_DIR, "psql"), [...args, "-tAc", sql], {
    env,
    timeoutMs: 15_000,
  });
}

/** A directory owned by the server's user, mode 0700. */
function ownedDir(dir, owner) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (isRoot) fs.chownSync(dir, owner.uid, owner.gid);
}
/** spawn() options that switch to the server's user (only possible, and only needed, as root). */
const as = (owner) => (isRoot ? { uid: owner.uid, gid: owner.gid } : {});

async function initdb(s, owner) {
  log(`postgres: initdb ${s.dataDir}`);
  const pwfile = path.join(externalRoot, `pwfile-${process.pid}`);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (isRoot) fs.chownSync(pwfile, owner.uid, owner.gid);
  try {
    const args = [
      "-D",
      s.dataDir,
      "-U",
      ROLE,
      `--pwfile=${pwfile}`,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
    ];
    args.push("-E", "UTF8", "--locale=C", "--no-sync");
    const env = { ...process.env, HOME: externalRoot, LC_ALL: "C" };
    const res = await run(path.join(BIN_DIR, "initdb"), args, {
      ...as(owner),
      cwd: externalRoot,
      env,
      logFile: s.logFile,
      timeoutMs: 120_000,
    });
    if (res.code !== 0) {
      fs.rmSync(s.dataDir, { recursive: true, force: true }); // next attempt starts clean
      throw new ServiceError(
        "postgres",
        `initdb failed (exit ${res.code})`,
        `${res.stdout}${res.stderr}`.trim(),
      );
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/**
 * After a crash (kill) the postmaster.pid file stays. PostgreSQL ignores it when that pid is gone, but a zombie that
 * its parent has not reaped yet (or never will, under a non-reaping init) still looks alive to it.
 */
function removeStalePidFile(dataDir) {
  const file = path.join(dataDir, "postmaster.pid");
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(file, "utf8").split("\n")[0]);
  } catch {
    return;
  }
  if (pid && !isAlive(pid)) fs.rmSync(file, { force: true });
}

export default {
  name: "postgres",
  envVar: "SIGNALBOX_TEST_DATABASE_URL",
  ports: ["port"],
  marker: `${BIN_DIR}/postgres`,
  stopSignal: "SIGINT", // "fast" shutdown: does not wait for clients to disconnect
  readyTimeoutMs: 60_000,

  async install() {
    if (!fs.existsSync(path.join(BIN_DIR, "postgres"))) {
      await aptInstall(["postgresql", `postgresql-${MAJOR}`], "postgres");
      if (!fs.existsSync(path.join(BIN_DIR, "postgres")))
        throw new Error(`${BIN_DIR}/postgres missing after install`);
    }
    const { stdout } = await run(
      path.join(BIN_DIR, "postgres"),
      ["--version"],
      { timeoutMs: 10_000 },
    );
    return { bin: path.join(BIN_DIR, "postgres"), version: stdout.trim() };
  },

  dataDir: () => path.join(externalRoot, "postgres"),

  async start(s) {
    const owner = await ensureUser("signalbox");
    fs.mkdirSync(externalRoot, { recursive: true, mode: 0o755 });
    fs.chmodSync(externalRoot, 0o755);
    ownedDir(sockDir, owner);
    if (!fs.existsSync(path.join(s.dataDir, "PG_VERSION"))) {
      ownedDir(s.dataDir, owner);
      await initdb(s, owner);
    }
    removeStalePidFile(s.dataDir);
    const settings = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: sockDir,
      max_connections: "200",
      // Disposable test data: trade crash-safety against the OS crashing for speed (a killed server is still safe).
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
    };
    const args = ["-D", s.dataDir, "-p", String(s.port)];
    for (const [key, value] of Object.entries(settings))
      args.push("-c", `${key}=${value}`);
    const env = { ...process.env, HOME: externalRoot, LC_ALL: "C" };
    return spawnDaemon(s.bin, args, {
      logFile: s.logFile,
      cwd: externalRoot,
      env,
      ...as(owner),
    });
  },

  async ready(s) {
    const res = await psql(s, "postgres", "SELECT 1");
    if (res.code !== 0)
      throw new Error(res.stderr.trim() || `psql exit ${res.code}`);
    return res.stdout.trim() === "1";
  },

  async afterReady(s) {
    const exists = await psql(
      s,
      "postgres",
      `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`,
    );
    if (exists.code === 0 && exists.stdout.trim() === "1") return;
    const res = await psql(s, "postgres", `CREATE DATABASE ${DATABASE}`);
    if (res.code !== 0)
      throw new ServiceError(
        "postgres",
        `CREATE DATABASE ${DATABASE} failed: ${res.stderr.trim()}`,
      );
  },

  /** `clean`: the data dir is gone already; drop the socket dir and the /var/tmp folder when empty. */
  clean() {
    fs.rmSync(sockDir, { recursive: true, force: true });
    try {
      fs.rmdirSync(externalRoot);
    } catch {
      /* not empty or gone */
    }
  },

  url: (s) =>
    `postgresql://${ROLE}:${PASSWORD}@127.0.0.1:${s.port}/${DATABASE}`,
};
