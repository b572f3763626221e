import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_MODEL_FILES } from '../../indexer/embedding/embedder.js';
import { runLevd } from '../support/cli.js';
import { testServices } from '../support/services.js';

/**
 * The first-run path of a real user: no MODEL_DIR, so Levd downloads the model from the hub.
 * The hub is out of reach from the test machines, so a local HTTP server plays it, serving
 * the real model files at the hub's own paths ({model}/resolve/main/{file}) via MODEL_HUB_URL.
 */
const MODEL_ID = 'Xenova/multilingual-e5-small';
const requests: string[] = [];
let hub: http.Server;
let hubUrl = '';
let missingFile: string | undefined;
const tempDirs: string[] = [];

beforeAll(async () => {
  const modelDir = testServices().modelDir;
  const prefix = `/${MODEL_ID}/resolve/main/`;
  hub = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    requests.push(url);
    const file = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    const local = path.join(modelDir, MODEL_ID, file);
    if (!file || file.includes('..') || file === missingFile || !fs.existsSync(local)) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    res.writeHead(200, { 'content-length': fs.statSync(local).size });
    fs.createReadStream(local).pipe(res);
  });
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as { port: number }).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => hub.close(resolve));
  tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'levd-hub-'));
  tempDirs.push(dir);
  return dir;
}

describe('model download from the hub', () => {
  it('downloads once with progress, then loads from the cache without the network', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir, MODEL_HUB_URL: hubUrl, LOG_LEVEL: 'info' };
    requests.length = 0;
    const first = await runLevd(['fetch-model'], env, 120_000);
    expect(first.code, first.stderr).toBe(0);
    const cache = path.join(dataDir, 'models', MODEL_ID);
    expect(first.stdout).toContain(`ready in ${cache}`);
    for (const file of REQUIRED_MODEL_FILES) expect(fs.existsSync(path.join(cache, file)), file).toBe(true);
    expect(requests).toContain(`/${MODEL_ID}/resolve/main/onnx/model_quantized.onnx`);

    // Not a terminal here, so progress comes as structured log lines, ending at 100 %.
    const progress = first.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { task?: string; msg: string; percent?: number })
      .filter((entry) => entry.task === `downloading ${MODEL_ID}/onnx/model_quantized.onnx`);
    expect(progress.map((entry) => entry.msg)).toContain('started');
    expect(progress.at(-1)).toMatchObject({ msg: 'finished', percent: 100 });

    requests.length = 0;
    const second = await runLevd(['fetch-model'], env, 120_000);
    expect(second.code, second.stderr).toBe(0);
    expect(requests).toEqual([]);
    expect(second.stdout).not.toContain('downloading');

    // The cache folder is a complete MODEL_DIR.
    const offline = await runLevd(['fetch-model'], { DATA_DIR: tempDir(), MODEL_DIR: path.join(dataDir, 'models') }, 120_000);
    expect(offline.code, offline.stderr).toBe(0);
  });

  it('says in one line when the hub does not have a file', async () => {
    missingFile = 'tokenizer.json';
    try {
      const result = await runLevd(['fetch-model'], { DATA_DIR: tempDir(), MODEL_HUB_URL: hubUrl }, 120_000);
      expect(result.code).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^levd: Could not load the embedding model Xenova\/multilingual-e5-small from the Hugging Face hub .*tokenizer\.json/);
    } finally {
      missingFile = undefined;
    }
  });
});
