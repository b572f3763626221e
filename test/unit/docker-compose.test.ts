import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARIABLES, loadConfig } from '../../services/config/config.js';
import { CLI_COMMANDS } from '../../services/cli-commands.js';

/**
 * No Docker engine runs here or in CI, so docker-compose.yml, the Dockerfile, web/nginx.conf and
 * .env.example are checked by reading them: correct by construction, and kept in step with
 * services/config/config.ts.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

const APP_SERVICES = { migrate: 'migrate', api: 'serve', indexer: 'worker', model: 'fetch-model' } as const;
const STACK = ['postgres', 'redis', 'meilisearch', 'migrate', 'model', 'api', 'indexer', 'web'];
/** App services with no HTTP server, so the image's HTTP HEALTHCHECK must be turned off. */
const NO_HTTP = ['migrate', 'model', 'indexer'];
const SECRETS = ['POSTGRES_PASSWORD', 'MEILI_MASTER_KEY'];
const FAKE_SECRETS = { POSTGRES_PASSWORD: 'pw', MEILI_MASTER_KEY: 'a-test-master-key-0123456789' };

type Env = Record<string, string | undefined>;
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  ports?: unknown[];
  container_name?: string;
  restart?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const raw = parse(read('docker-compose.yml')) as Compose;
/** Every string value of the file (comments left out), with the $$ escapes removed. */
const composeValues = strings(raw).join('\n').replaceAll('$$', '');
const compose = (env: Env = FAKE_SECRETS) => interpolateDeep(raw, env) as Compose;
const service = (name: string, env?: Env): Service => {
  const found = compose(env).services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};
const hasHealthcheck = (s: Service) => Boolean(s.healthcheck?.test && !s.healthcheck.disable);

describe('docker-compose.yml', () => {
  it('parses and defines every service of the full stack', () => {
    expect(raw).toBeTypeOf('object');
    expect(Object.keys(raw.services)).toEqual(expect.arrayContaining(STACK));
  });

  it('gives each long-running service a healthcheck, and turns the image one off where there is no HTTP', () => {
    for (const [name, s] of Object.entries(compose().services)) {
      if (NO_HTTP.includes(name)) {
        expect(s.healthcheck, name).toEqual({ disable: true });
      } else {
        expect(hasHealthcheck(s), `${name} has a healthcheck`).toBe(true);
        expect(['CMD', 'CMD-SHELL'], name).toContain([s.healthcheck!.test].flat()[0]);
      }
    }
    expect(dockerfile().some((i) => i.op === 'HEALTHCHECK'), 'the image has a HEALTHCHECK to turn off').toBe(true);
    expect([service('api').healthcheck?.test].flat().join(' ')).toContain('127.0.0.1:3000/readyz');
  });

  it('runs api, indexer, migrate and model from the Dockerfile image with their levd command', () => {
    const images = new Set<string | undefined>();
    for (const [name, command] of Object.entries(APP_SERVICES)) {
      const s = service(name);
      const build = typeof s.build === 'string' ? { context: s.build } : s.build;
      expect(path.resolve(ROOT, build?.context ?? '-'), `${name} builds the repository`).toBe(ROOT);
      expect(build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(s.command, name).toEqual([command]);
      expect(CLI_COMMANDS).toContain(command);
      images.add(s.image);
    }
    expect(images.size, 'one image for every role').toBe(1);
    expect(service('migrate').restart).toBe('no');
    expect(service('model').restart).toBe('no');
  });

  it('passes the app only variables Levd reads, the same to every role', () => {
    const envs = Object.keys(APP_SERVICES).map((name) => service(name).environment);
    for (const env of envs) {
      expect(env).toBeTypeOf('object');
      for (const name of Object.keys(env!)) expect(ENV_VARIABLES, `${name} is read by config.ts`).toContain(name);
    }
    for (const env of envs.slice(1)) expect(env).toEqual(envs[0]);
  });

  it('gives the app a valid configuration that selects the servers of this file', () => {
    const config = loadConfig(service('api').environment);
    expect(config.database.kind).toBe('server');
    expect(config.queue.kind).toBe('redis');
    expect(config.lexical.kind).toBe('meilisearch');
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000 });
    expect(config.dataDir).toBe('/data');
    expect(config.model.source).toEqual({ kind: 'hub', hubUrl: 'https://huggingface.co/', cacheDir: '/data/models' });
    const urls = [
      [config.database.kind === 'server' ? config.database.url : '', 'postgres', '5432'],
      [config.queue.kind === 'redis' ? config.queue.url : '', 'redis', '6379'],
      [config.lexical.kind === 'meilisearch' ? config.lexical.url : '', 'meilisearch', '7700'],
    ];
    for (const [url, host, port] of urls) {
      expect(new URL(url!).hostname).toBe(host);
      expect(new URL(url!).port).toBe(port);
      expect(Object.keys(raw.services)).toContain(host);
    }
    expect(config.database.kind === 'server' && new URL(config.database.url).password).toBe('pw');
  });

  it('requires the secrets, with no default anywhere', () => {
    for (const secret of SECRETS) {
      const uses = [...composeValues.matchAll(new RegExp(`\\$\\{${secret}(\\W{0,2})`, 'g'))].map((m) => m[1]);
      expect(uses.length, secret).toBeGreaterThan(0);
      for (const op of uses) expect(op, `${secret} is \${${secret}:?…}`).toBe(':?');
      expect(() => compose({ ...FAKE_SECRETS, [secret]: '' })).toThrow(secret);
    }
  });

  it('does not pass host paths, ports or server URLs into the containers', () => {
    const host = { ...FAKE_SECRETS, DATABASE_URL: 'postgres://x@localhost/x', DATA_DIR: './data', MODEL_DIR: '../shared/models', HOST: '127.0.0.1', PORT: '4000', REDIS_URL: 'redis://localhost', MEILI_URL: 'http://localhost:7700' };
    expect(service('api', host).environment).toEqual(service('api').environment);
    expect(service('api').environment?.MODEL_DIR).toBeUndefined();
  });

  it('waits for healthy dependencies and for the migrations', () => {
    const services = compose().services;
    for (const [name, s] of Object.entries(services)) {
      if (s.depends_on === undefined) continue;
      expect(Array.isArray(s.depends_on), `${name}: depends_on names its conditions`).toBe(false);
      for (const [target, { condition }] of Object.entries(s.depends_on)) {
        const dependency = services[target];
        expect(dependency, `${name} depends on ${target}`).toBeDefined();
        const expected = hasHealthcheck(dependency!) ? 'service_healthy' : dependency!.restart === 'no' ? 'service_completed_successfully' : 'a healthcheck';
        expect(condition, `${name} → ${target}`).toBe(expected);
      }
    }
    for (const name of ['api', 'indexer']) {
      expect(service(name).depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        model: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('declares every named volume it uses, and mounts only folders that exist', () => {
    const declared = Object.keys(raw.volumes ?? {});
    const used = new Set<string>();
    for (const [name, s] of Object.entries(compose().services)) {
      for (const volume of s.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
        if (/^[./~]/.test(source)) expect(fs.existsSync(path.resolve(ROOT, source)), `${name} mounts ${source}`).toBe(true);
        else used.add(source);
      }
    }
    expect([...used].sort()).toEqual([...declared].sort());
  });

  it('pins every image to a tag other than latest', () => {
    const images = [...Object.values(compose().services).map((s) => s.image), ...dockerfileImages()];
    for (const image of images) {
      if (image === undefined) continue;
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      expect(tag, `${image} has a tag`).toBeDefined();
      expect(tag, image).not.toBe('latest');
    }
    expect(images.filter(Boolean).length).toBeGreaterThanOrEqual(STACK.length);
  });

  it('keeps the indexer scalable', () => {
    const indexer = service('indexer');
    expect(indexer.container_name).toBeUndefined();
    expect(indexer.ports).toBeUndefined();
  });

  it('persists the queue', () => {
    expect([service('redis').command].flat().join(' ')).toMatch(/--appendonly yes/);
  });
});

describe('web/nginx.conf', () => {
  const conf = read('web/nginx.conf');
  const proxyTarget = (location: string) => {
    const block = new RegExp(`location\\s+(?:=\\s*)?${location.replace(/[/.]/g, '\\$&')}\\s*\\{([^}]*)\\}`).exec(conf)?.[1] ?? '';
    const target = /proxy_pass\s+([^;\s]+);/.exec(block)?.[1] ?? '';
    return target.startsWith('$') ? new RegExp(`set\\s+\\${target}\\s+([^;\\s]+);`).exec(conf)?.[1] : target;
  };

  it('proxies /api/ and the health endpoints to api:3000', () => {
    for (const location of ['/api/', '/healthz', '/readyz']) expect(proxyTarget(location), location).toBe('http://api:3000');
    expect(service('api').environment?.PORT).toBe('3000');
    expect(dockerfile().find((i) => i.op === 'EXPOSE')?.args).toBe('3000');
  });

  it('forwards the request id and client address, and caps bodies', () => {
    expect(conf).toMatch(/proxy_set_header\s+X-Request-Id\s/);
    expect(conf).toMatch(/proxy_set_header\s+X-Forwarded-For\s+\$proxy_add_x_forwarded_for;/);
    expect(conf).toMatch(/client_max_body_size\s+2m;/);
    expect(conf).toMatch(/gzip\s+on;/);
  });

  it('passes the web UI to the api as well, which serves web/dist with its own cache and security headers', () => {
    expect(proxyTarget('/')).toBe('http://api:3000');
    expect(conf).not.toMatch(/\broot\s/);
    expect(conf).not.toMatch(/add_header/);
  });

  it('is what the web service mounts', () => {
    expect(service('web').volumes).toEqual(expect.arrayContaining(['./web/nginx.conf:/etc/nginx/conf.d/default.conf:ro']));
  });
});

describe('Dockerfile', () => {
  it('runs levd as the non-root node user, serving by default', () => {
    const find = (op: string) => dockerfile().filter((i) => i.op === op).at(-1)?.args;
    expect(JSON.parse(find('ENTRYPOINT') ?? 'null')).toEqual(['node', 'bin/levd.mjs']);
    expect(fs.existsSync(path.join(ROOT, 'bin/levd.mjs'))).toBe(true);
    const cmd = JSON.parse(find('CMD') ?? '[]') as string[];
    expect(CLI_COMMANDS).toContain(cmd[0]);
    expect(find('USER')).toBe('node');
    expect(dockerfileImages()).toContain('node:20-bookworm-slim');
    expect(dockerfile().some((i) => i.op === 'RUN' && /npm ci --omit=dev/.test(i.args))).toBe(true);
  });

  it('copies sources that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim().replace(/\/$/, ''));
    const sources = dockerfile()
      .filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'bin', 'services', 'indexer', 'db', 'web']));
    for (const source of sources) {
      expect(fs.existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(ignored, `.dockerignore keeps ${source}`).not.toContain(source);
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'data', '.git', '.env']));
  });
});

describe('.env.example', () => {
  const names = [...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
  const interpolated = new Set([...composeValues.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));

  it('documents every variable Levd reads', () => {
    for (const name of ENV_VARIABLES) expect(names, name).toContain(name);
  });

  it('documents every variable docker-compose.yml takes, and no unknown one', () => {
    for (const name of interpolated) expect(names, name).toContain(name);
    for (const name of names) expect([...ENV_VARIABLES, ...interpolated], name).toContain(name);
  });

  it('holds no secret', () => {
    for (const secret of SECRETS) expect(read('.env.example')).toMatch(new RegExp(`^${secret}=$`, 'm'));
  });
});

/** Compose's interpolation, the forms it defines: $$, $X, ${X}, ${X:-d}, ${X-d}, ${X:?msg}, ${X?msg}. */
function interpolate(value: string, env: Env): string {
  return value.replace(/\$(\$|\{([A-Za-z_]\w*)(?:(:?[-?])([^}$]*))?\}|([A-Za-z_]\w*)|.?)/g, (match, _all, braced, op, arg, bare) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare) as string | undefined;
    if (name === undefined) throw new Error(`unsupported interpolation at ${JSON.stringify(match)} in ${JSON.stringify(value)}`);
    const current = env[name];
    const unset = (op as string | undefined)?.startsWith(':') ? !current : current === undefined;
    if (!unset || op === undefined) return current ?? '';
    if (op.endsWith('?')) throw new Error(`required variable ${name}: ${arg}`);
    return arg as string;
  });
}

function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (node && typeof node === 'object') return Object.values(node).flatMap(strings);
  return [];
}

function interpolateDeep(node: unknown, env: Env): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolateDeep(value, env)]));
  }
  return node;
}

/** The Dockerfile's instructions, continuation lines joined and comments dropped. */
function dockerfile(): { op: string; args: string }[] {
  return read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** The images the Dockerfile builds FROM, with ARG defaults filled in (stage names left out). */
function dockerfileImages(): string[] {
  const args = Object.fromEntries(
    dockerfile()
      .filter((i) => i.op === 'ARG' && i.args.includes('='))
      .map((i) => i.args.split('=') as [string, string]),
  );
  const stages = new Set<string>();
  return dockerfile()
    .filter((i) => i.op === 'FROM')
    .map((i) => {
      const [image = '', , alias] = i.args.split(/\s+/);
      if (alias) stages.add(alias);
      return interpolate(image, args);
    })
    .filter((image) => !stages.has(image));
}
