// Preloaded into provider processes by bench/provider-profile.ts (NODE_OPTIONS=--import ...): Node 20 refuses
// --cpu-prof in NODE_OPTIONS, so this starts the V8 profiler through the inspector and writes the profile
// to $LIGHTYEAR_CPU_PROFILE_DIR when the process exits. The in-thread inspector session answers
// synchronously, which is what lets the 'exit' handler still write the file.
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';

const dir = process.env.LIGHTYEAR_CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
