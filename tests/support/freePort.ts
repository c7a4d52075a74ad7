// A TCP port nobody is listening on right now, chosen by the kernel (bind to 0), so two test runs on
// one machine never fight over a fixed number. The caller binds it straight away; a lost race shows
// up as a failed start, which the callers retry on a new port.
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', fail);
    probe.listen(0, host, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}
