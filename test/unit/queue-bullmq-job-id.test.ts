import { describe, expect, it } from 'vitest';
import { fromBullmqJobId, toBullmqJobId } from '../../services/queue/bullmq-job-id.js';

describe('BullMQ job id mapping', () => {
  const ids = [
    'index-story:0b6f6a38-5b7e-4e4c-9a47-2f3c1c3f4d21:3',
    'purge-story:0b6f6a38-5b7e-4e4c-9a47-2f3c1c3f4d21',
    'reconcile',
    'a%3Ab',
    'a:%:%25:%3A::',
    '%',
  ];

  it.each(ids)('round-trips %j without any ":" in the stored id', (id) => {
    const stored = toBullmqJobId(id);
    expect(stored).not.toContain(':');
    expect(fromBullmqJobId(stored)).toBe(id);
  });

  it('maps distinct ids to distinct stored ids', () => {
    expect(new Set(ids.map(toBullmqJobId)).size).toBe(ids.length);
  });

  it('leaves ids without ":" or "%" as they are', () => {
    expect(toBullmqJobId('reconcile-2024')).toBe('reconcile-2024');
  });
});
