/**
 * Where the real services started by scripts/test.sh live. Tests talk to these, never to
 * stand-ins. Run the suite with `npm test`, which installs and starts them.
 */
export interface TestServices {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly meiliUrl: string;
  readonly meiliMasterKey: string;
  /** The folder holding Xenova/multilingual-e5-small (scripts/test.sh makes sure there is one). */
  readonly modelDir: string;
}

export function testServices(): TestServices {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) {
      throw new Error(`${name} is not set: run the suite with \`npm test\`, which starts PostgreSQL, Redis and Meilisearch and finds the embedding model`);
    }
    return value;
  };
  return {
    databaseUrl: read('LEVD_TEST_DATABASE_URL'),
    redisUrl: read('LEVD_TEST_REDIS_URL'),
    meiliUrl: read('LEVD_TEST_MEILI_URL'),
    meiliMasterKey: read('LEVD_TEST_MEILI_MASTER_KEY'),
    modelDir: read('MODEL_DIR'),
  };
}
