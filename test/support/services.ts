/**
 * Where the real services started by scripts/test.sh live. Tests talk to these, never to
 * stand-ins. Run the suite with `npm test`, which installs and starts them.
 */
export interface TestServices {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly meiliUrl: string;
  readonly meiliMasterKey: string;
  /** The folder holding Xenova/multilingual-e5-small, or undefined to use the Hugging Face hub. */
  readonly modelDir: string | undefined;
}

export function testServices(): TestServices {
  const read = (name: string): string => {
    const value = process.env[name];
    if (!value) {
      throw new Error(`${name} is not set: run the suite with \`npm test\`, which starts PostgreSQL, Redis and Meilisearch`);
    }
    return value;
  };
  return {
    databaseUrl: read('LEVD_TEST_DATABASE_URL'),
    redisUrl: read('LEVD_TEST_REDIS_URL'),
    meiliUrl: read('LEVD_TEST_MEILI_URL'),
    meiliMasterKey: read('LEVD_TEST_MEILI_MASTER_KEY'),
    modelDir: process.env.MODEL_DIR || undefined,
  };
}
