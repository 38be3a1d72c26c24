// Installing what the services need: Debian packages (apt-get, only when a binary is missing) and the
// unprivileged user that PostgreSQL runs as.
import fs from "node:fs";
import path from "node:path";
import { isRoot, log, run, serviceDir, tail, which } from "./lib.mjs";

let aptQueue = Promise.resolve();
let aptUpdated = false;
const POLICY_RC = "/usr/sbin/policy-rc.d";

function privileged(cmd, args) {
  if (isRoot) return [cmd, args];
  const sudo = which("sudo");
  if (!sudo) {
    throw new Error(
      `installing needs root: run as root, install sudo, or install the package yourself (${cmd} ${args.join(" ")})`,
    );
  }
  return [sudo, ["-n", "env", "DEBIAN_FRONTEND=noninteractive", cmd, ...args]];
}

async function apt(args, logFile) {
  const [cmd, argv] = privileged("apt-get", args);
  const env = {
    ...process.env,
    DEBIAN_FRONTEND: "noninteractive",
    NEEDRESTART_MODE: "a",
  };
  return run(cmd, argv, { env, logFile, timeoutMs: 20 * 60_000 });
}

/**
 * `apt-get install -y --no-install-recommends <packages>`, serialised (dpkg has one lock). When the install fails
 * (typically: no package lists yet on a fresh machine) runs `apt-get update` once and tries again.
 * As root, Debian is told not to start the packages' own system daemons (they would listen on fixed, sometimes
 * non-loopback ports): a temporary policy-rc.d that denies starts, only when none exists already.
 */
export function aptInstall(packages, service) {
  const job = aptQueue.then(async () => {
    const logFile = path.join(serviceDir("apt"), "apt.log");
    const started = Date.now();
    log(
      `${service}: installing Debian package(s) ${packages.join(" ")} (first time only; output in ${logFile})…`,
    );
    let wrotePolicy = false;
    if (isRoot && !fs.existsSync(POLICY_RC)) {
      fs.writeFileSync(
        POLICY_RC,
        "#!/bin/sh\n# written by signalbox scripts/services while installing\nexit 101\n",
        {
          mode: 0o755,
        },
      );
      wrotePolicy = true;
    }
    try {
      const installArgs = [
        "install",
        "-y",
        "--no-install-recommends",
        ...packages,
      ];
      let result = await apt(installArgs, logFile);
      if (result.code !== 0 && !aptUpdated) {
        log(
          `${service}: apt-get install failed; running apt-get update once and retrying…`,
        );
        aptUpdated = true;
        const update = await apt(["update"], logFile);
        if (update.code !== 0)
          throw new Error(`apt-get update failed:\n${tail(logFile, 15)}`);
        result = await apt(installArgs, logFile);
      }
      if (result.code !== 0)
        throw new Error(
          `apt-get install ${packages.join(" ")} failed:\n${tail(logFile, 20)}`,
        );
      log(
        `${service}: installed ${packages.join(" ")} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      if (wrotePolicy) fs.rmSync(POLICY_RC, { force: true });
    }
  });
  aptQueue = job.catch(() => {});
  return job;
}

/** Returns the path of `bin`, installing `packages` first when it is missing. */
export async function ensureBinary(bin, packages, service) {
  const found = which(bin);
  if (found) return found;
  await aptInstall(packages, service);
  const after = which(bin);
  if (!after)
    throw new Error(
      `${bin} is still missing after installing ${packages.join(" ")}`,
    );
  return after;
}

/**
 * The uid/gid an unprivileged server runs as. As root: a system user `name` (created once, no home, no shell);
 * otherwise the current user, who is unprivileged already.
 */
export async function ensureUser(name) {
  if (!isRoot)
    return {
      uid: process.getuid(),
      gid: process.getgid(),
      user: process.env.USER ?? "",
    };
  const lookup = async () => {
    const uid = await run("id", ["-u", name]);
    const gid = await run("id", ["-g", name]);
    return uid.code === 0 && gid.code === 0
      ? { uid: Number(uid.stdout), gid: Number(gid.stdout), user: name }
      : null;
  };
  const existing = await lookup();
  if (existing) return existing;
  log(`creating the unprivileged system user '${name}'`);
  const shell = fs.existsSync("/usr/sbin/nologin")
    ? "/usr/sbin/nologin"
    : "/bin/false";
  const res = await run("useradd", [
    "--system",
    "--user-group",
    "--no-create-home",
    "--home-dir",
    "/nonexistent",
    "--shell",
    shell,
    name,
  ]);
  const created = await lookup(); // a concurrent useradd from another checkout is fine too
  if (!created)
    throw new Error(`could not create user ${name}: ${res.stderr.trim()}`);
  return created;
}
