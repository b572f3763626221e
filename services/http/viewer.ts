import type { Request } from 'express';
import { ANONYMOUS, type Viewer } from '../consent/viewer.js';

/**
 * Who is asking, for the engines' audience filters. Every request is anonymous until the
 * consent issue adds staff accounts and sessions; that issue replaces this one function.
 */
export function viewerOf(_req: Request): Viewer {
  return ANONYMOUS;
}
