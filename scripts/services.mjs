#!/usr/bin/env node
// The project's own test services: `npm run services -- <command> [name...]` (see docs/services.md).
// Loopback only, free ports persisted in .services/<name>/info.json, installs what is missing.
import {
  clean,
  down,
  envVars,
  info,
  kill,
  restart,
  SERVICE_NAMES,
  SERVICES,
  ServicesError,
  status,
  up,
} from "./services/index.mjs";

const USAGE = `usage: npm run services -- <command> [name...]

  up <name...>       install if missing, start (no-op when already running and healthy); prints "<name> <url>"
  down [name...]     stop cleanly (all when none named); ports and data are kept
  kill <name>        SIGKILL the server process (crash test); "restart" brings it back
  restart <name>     start again on the same port(s) and data dir
  status             one line per service: name, state, url, pid
  url <name>         print the service's url (kafka: host:port, chromium: executable path)
  env [name...]      print "export VAR=value" lines for the running services
  clean [name...]    stop and delete data, ports and logs

services: ${SERVICE_NAMES.join(", ")}`;

function needNames(cmd, names, { atLeast = 1, atMost = Infinity } = {}) {
  if (names.length < atLeast || names.length > atMost) {
    console.error(
      `${cmd}: expected ${atMost === 1 ? "one service name" : "service name(s)"}\n\n${USAGE}`,
    );
    process.exit(2);
  }
  for (const name of names) {
    if (!SERVICES[name]) {
      console.error(
        `unknown service '${name}' (known: ${SERVICE_NAMES.join(", ")})`,
      );
      process.exit(2);
    }
  }
}
const shellQuote = (v) => `'${String(v).replaceAll("'", `'\\''`)}'`;

async function main(argv) {
  const [cmd, ...names] = argv;
  switch (cmd) {
    case "up": {
      needNames(cmd, names);
      try {
        const results = await up(names);
        for (const name of names) console.log(`${name} ${results[name].url}`);
      } catch (err) {
        if (!(err instanceof ServicesError)) throw err;
        for (const name of names)
          if (err.results[name])
            console.log(`${name} ${err.results[name].url}`);
        console.error(
          `\nservices failed to start: ${err.failed.join(", ")}\n\n${err.message}`,
        );
        return 1;
      }
      return 0;
    }
    case "down":
      needNames(cmd, names, { atLeast: 0 });
      await down(names);
      return 0;
    case "kill": {
      needNames(cmd, names, { atMost: 1 });
      const s = await kill(names[0]);
      console.log(`${names[0]} killed (pid ${s.pid})`);
      return 0;
    }
    case "restart": {
      needNames(cmd, names, { atMost: 1 });
      const s = await restart(names[0]);
      console.log(`${names[0]} ${s.url}`);
      return 0;
    }
    case "status": {
      const rows = await status();
      for (const r of rows)
        console.log(
          [
            r.name.padEnd(10),
            r.state.padEnd(10),
            r.url ?? "-",
            r.pid ? `pid ${r.pid}` : "",
          ]
            .join(" ")
            .trimEnd(),
        );
      return 0;
    }
    case "url": {
      needNames(cmd, names, { atMost: 1 });
      const i = info(names[0]);
      if (!i) {
        console.error(
          `${names[0]} was never started (npm run services -- up ${names[0]})`,
        );
        return 1;
      }
      console.log(i.url);
      if (!i.running) console.error(`${names[0]} is not running`);
      return i.running ? 0 : 3;
    }
    case "env":
      needNames(cmd, names, { atLeast: 0 });
      for (const [k, v] of Object.entries(envVars(names)))
        console.log(`export ${k}=${shellQuote(v)}`);
      return 0;
    case "clean":
      needNames(cmd, names, { atLeast: 0 });
      await clean(names);
      return 0;
    case undefined:
    case "help":
    case "-h":
    case "--help":
      console.log(USAGE);
      return cmd ? 0 : 2;
    default:
      console.error(`unknown command '${cmd}'\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.message ?? err);
    process.exit(1);
  },
);
