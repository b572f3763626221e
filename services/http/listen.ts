import type { Server } from 'node:http';
import type { Express } from 'express';
import { UserFacingError } from '../platform/errors.js';

export function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    // Longer than the keep-alive of the clients and proxies in front (nginx, undici: ~4–60 s),
    // so the server never closes an idle connection just as a client reuses it (ECONNRESET).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    server.once('listening', () => resolve(server));
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new UserFacingError(`Port ${port} on ${host} is in use. Stop what holds it, or set PORT to another port.`));
      } else if (error.code === 'EACCES') {
        reject(new UserFacingError(`Not allowed to listen on port ${port}. Use a port above 1024 (PORT).`));
      } else {
        reject(error);
      }
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
