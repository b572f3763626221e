import { Router } from 'express';
import { checkReadiness, type ReadinessChecks } from '../health/readiness.js';
import { API } from './api-contract.js';
import { mount } from './mount.js';

export function healthRoutes(checks: ReadinessChecks): Router {
  const router = Router();
  mount(router, API.healthz, (_req, res) => {
    res.json({ status: 'ok' });
  });
  mount(router, API.readyz, async (_req, res) => {
    const readiness = await checkReadiness(checks);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not_ready', ...readiness });
  });
  return router;
}
