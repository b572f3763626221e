import type { Request } from 'express';
import { ANONYMOUS, type Viewer } from '../consent/viewer.js';

/** Who is asking, for the engines' audience filters: the signed-in staff member, else anonymous. */
export function viewerOf(req: Request): Viewer {
  return req.viewer ?? ANONYMOUS;
}
