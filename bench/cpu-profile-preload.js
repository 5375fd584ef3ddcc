// Preloaded into provider processes by the benches (NODE_OPTIONS=--require ...), which the launcher's
// `exec node` passes on. CommonJS on purpose: an `--import` preload starts the ESM loader, which then loads
// the provider's CommonJS program through cjs-module-lexer, ~100 ms of CPU per process that the provider
// never pays when Terraform starts it.
// - $LIGHTYEAR_CPU_USAGE_FILE: at exit, appends one JSON line with the process's CPU time (user + system)
//   and lifetime. CPU time holds up on a loaded machine where durations do not.
// - $LIGHTYEAR_CPU_PROFILE_DIR: runs the V8 profiler and writes <pid>.cpuprofile there at exit (Node 20
//   refuses --cpu-prof in NODE_OPTIONS). The in-thread inspector session answers synchronously, which is
//   what lets the 'exit' handler still write the file.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fs = require('node:fs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const inspector = require('node:inspector');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

const usageFile = process.env.LIGHTYEAR_CPU_USAGE_FILE;
if (usageFile) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    const line = { pid: process.pid, cpuMs: (user + system) / 1000, lifetimeMs: process.uptime() * 1000 };
    fs.appendFileSync(usageFile, `${JSON.stringify(line)}\n`);
  });
}

const profileDir = process.env.LIGHTYEAR_CPU_PROFILE_DIR;
if (profileDir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err)
        fs.writeFileSync(path.join(profileDir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
