import { describe, expect, it } from 'vitest';
import { decodeRequest, encodeRequest, REQUEST_COLUMNS, requestRowValues, type RequestRowRead } from '../../src/store/sqlite/request-row.ts';
import { makeRecord, richRecord } from './fixtures/records.ts';

describe('the requests row of a record', () => {
  const item = { record: richRecord('r1'), promptText: null, tags: { team: 'search' }, premiumCostUsd: 0.25 };

  it('has one positional value per column, in REQUEST_COLUMNS order', () => {
    const values = requestRowValues(item);
    expect(values).toHaveLength(REQUEST_COLUMNS.length);
    const row = encodeRequest(item);
    expect(REQUEST_COLUMNS.map((column) => row[column])).toEqual(values);
  });

  it('puts each field in its own column and decodes back to the record', () => {
    const row = encodeRequest(item);
    const { record } = item;
    expect(row).toMatchObject({
      request_id: 'r1',
      received_at: record.receivedAt,
      key_id: record.keyId,
      requested: record.requested,
      final_deployment: record.finalDeployment,
      http_status: record.httpStatus,
      prompt_tokens: record.usage?.promptTokens,
      premium_cost_usd: 0.25,
      cascade_outcome: record.cascade?.outcome ?? null,
      tags: '{"team":"search"}',
    });
    expect(decodeRequest({ ...row, id: 1 } as unknown as RequestRowRead)).toEqual(record);
  });

  it('stores a field a record left out as NULL', () => {
    const sparse = { ...makeRecord({ requestId: 'r2' }), usage: null, cascade: null, experiment: null };
    delete (sparse as Partial<typeof sparse>).keyId;
    const values = requestRowValues({ record: sparse, promptText: null, tags: {}, premiumCostUsd: 0 });
    expect(values).not.toContain(undefined);
    expect(values[REQUEST_COLUMNS.indexOf('key_id')]).toBeNull();
    expect(values[REQUEST_COLUMNS.indexOf('prompt_tokens')]).toBeNull();
    expect(values[REQUEST_COLUMNS.indexOf('tags')]).toBeNull();
  });
});
