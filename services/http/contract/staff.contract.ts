import type { z } from 'zod';
import {
  newStaffUserSchema,
  sessionResponseSchema,
  sessionUserSchema,
  signInBodySchema,
  staffUserParamsSchema,
  staffUserPatchSchema,
  staffUserResponseSchema,
  staffUsersResponseSchema,
  staffUserViewSchema,
} from '../../auth/auth.schema.js';
import { endpoint, PUBLIC, staffOnly, type ApiEndpoint } from './endpoint.js';

/**
 * Staff sign-in and account administration. The session is a cookie (`levd_session`,
 * HttpOnly, SameSite=Strict); every POST, PUT, PATCH and DELETE made with it also sends the
 * session's CSRF token in `X-CSRF-Token` (GET /api/session gives it).
 */
export const STAFF_API = {
  signIn: endpoint({
    operationId: 'signIn',
    method: 'post',
    access: PUBLIC,
    path: '/api/session',
    summary: 'Sign in with e-mail and password: sets the session cookie',
    description:
      'A JSON body only (a cross-site form cannot send one). Answers with the account and the CSRF token, and sets the ' +
      '`levd_session` cookie (HttpOnly, SameSite=Strict, Secure over TLS). A wrong e-mail and a wrong password get the same 401. ' +
      'Failed attempts per client address are limited (429 with Retry-After).',
    tags: ['session'],
    body: { schema: signInBodySchema },
    responses: { 200: { description: 'Signed in.', schema: sessionResponseSchema } },
    errors: [400, 401, 403, 415, 429],
  }),
  currentSession: endpoint({
    operationId: 'getSession',
    method: 'get',
    access: PUBLIC,
    path: '/api/session',
    summary: 'Who is signed in, and the CSRF token to send with changes',
    tags: ['session'],
    responses: { 200: { description: 'The signed-in account and its CSRF token, or both null.', schema: sessionResponseSchema } },
    errors: [],
  }),
  signOut: endpoint({
    operationId: 'signOut',
    method: 'delete',
    access: PUBLIC,
    path: '/api/session',
    summary: 'Sign out: ends the session on the server and clears the cookie',
    tags: ['session'],
    responses: { 200: { description: 'Signed out (also when no one was signed in).', schema: sessionResponseSchema } },
    errors: [403],
  }),
  listStaffUsers: endpoint({
    operationId: 'listStaffUsers',
    method: 'get',
    access: staffOnly('admin'),
    path: '/api/admin/users',
    summary: 'Every staff account',
    tags: ['admin'],
    responses: { 200: { description: 'The accounts, disabled ones included.', schema: staffUsersResponseSchema } },
    errors: [401, 403],
  }),
  createStaffUser: endpoint({
    operationId: 'createStaffUser',
    method: 'post',
    access: staffOnly('admin'),
    path: '/api/admin/users',
    summary: 'Create a staff account',
    description: 'The password must be at least 12 characters long.',
    tags: ['admin'],
    body: { schema: newStaffUserSchema },
    responses: { 201: { description: 'The new account.', schema: staffUserResponseSchema } },
    errors: [400, 401, 403, 409],
  }),
  updateStaffUser: endpoint({
    operationId: 'updateStaffUser',
    method: 'patch',
    access: staffOnly('admin'),
    path: '/api/admin/users/{id}',
    summary: 'Change an account\'s role, or disable (ending its sessions) or enable it',
    description: 'Refused with 409 when it would leave no active admin.',
    tags: ['admin'],
    params: staffUserParamsSchema,
    body: { schema: staffUserPatchSchema },
    responses: { 200: { description: 'The account as it is now.', schema: staffUserResponseSchema } },
    errors: [400, 401, 403, 404, 409],
  }),
} as const satisfies Record<string, ApiEndpoint>;

/**
 * The response bodies above by the names the OpenAPI document gives them (spread into
 * NAMED_SCHEMAS). Request bodies stay inline: they are described as a client sends them.
 */
export const STAFF_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  SessionUser: sessionUserSchema,
  SessionResponse: sessionResponseSchema,
  StaffUser: staffUserViewSchema,
  StaffUserResponse: staffUserResponseSchema,
  StaffUsersResponse: staffUsersResponseSchema,
};
