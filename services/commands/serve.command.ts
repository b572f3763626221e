import { loadDemoCorpusOnce } from '../../indexer/ingest/demo-corpus.js';
import type { Config } from '../config/config.js';
import { errorMessage } from '../platform/errors.js';
import { createHttpApp } from '../http/app.js';
import { closeServer, listen } from '../http/listen.js';
import type { Logger } from '../platform/logger.js';
import { openRuntime, type Role } from '../runtime.js';
import { untilShutdownSignal } from './shutdown.js';

/** `levd start` (role all: API, web and worker in one process) and `levd serve` (role api). */
export async function serveCommand(config: Config, log: Logger, role: Extract<Role, 'all' | 'api'>): Promise<void> {
  const runtime = await openRuntime(config, log, role);
  try {
    const app = createHttpApp({ log, readiness: runtime.readiness, api: runtime });
    const server = await listen(app, config.http.host, config.http.port);
    const url = `http://${config.http.host === '0.0.0.0' ? 'localhost' : config.http.host}:${config.http.port}`;
    log.info({ url }, 'listening');
    if (process.stderr.isTTY) process.stderr.write(`\nLevd is running on ${url}  (Ctrl-C stops it)\n\n`);
    // In the background: the server answers while the demo corpus is indexed.
    if (role === 'all') {
      loadDemoCorpusOnce(runtime, log).catch((error: unknown) => log.error({ error: errorMessage(error) }, 'could not load the demo corpus'));
    }
    await untilShutdownSignal(log);
    await closeServer(server);
  } finally {
    await runtime.close();
  }
}
