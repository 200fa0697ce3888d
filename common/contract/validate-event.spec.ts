import { expect } from 'chai';
import { ValidationError } from '../errors';
import {
  assertDetectionEvent,
  checkEventKey,
  validateDetectionEvent,
  DEFAULT_MIN_TIMESTAMP_MS,
  type ValidateOptions,
} from './validate-event';
import { REJECT_REASONS, type RejectReason } from './reject-reason';

const NOW = Date.UTC(2024, 4, 1, 12);
const options: ValidateOptions = { now: () => NOW };

const good = {
  geographical_location_oid: '1',
  video_camera_oid: '2',
  detection_oid: '9007199254740993',
  item_name: 'car',
  timestamp_detected: NOW - 1000,
};

function json(overrides: Record<string, unknown>, drop: string[] = []): string {
  const row: Record<string, unknown> = { ...good, ...overrides };
  for (const field of drop) delete row[field];
  // Numbers beyond 2^53 must reach the wire unrounded: splice raw literals in.
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `@@${value}@@` : value)).replace(
    /"@@(-?\d+)@@"/g,
    '$1',
  );
}

function rejected(input: unknown, reason: RejectReason, field?: string): string {
  const result = validateDetectionEvent(input, options);
  if (result.ok) throw new Error(`expected ${reason}, got ok`);
  expect(result.reason).to.equal(reason);
  if (field !== undefined) {
    expect(result.field).to.equal(field);
    expect(result.message).to.contain(field);
  }
  return result.message;
}

function accepted(input: unknown) {
  const result = validateDetectionEvent(input, options);
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.message}`);
  return result.event;
}

describe('validateDetectionEvent', () => {
  it('accepts a string, a Buffer, a Uint8Array and a decoded row alike', () => {
    const expected = {
      geographicalLocationOid: 1n,
      videoCameraOid: 2n,
      detectionOid: 9007199254740993n,
      itemName: 'car',
      timestampDetected: NOW - 1000,
    };
    expect(accepted(json({}))).to.deep.equal(expected);
    expect(accepted(Buffer.from(json({})))).to.deep.equal(expected);
    expect(accepted(new TextEncoder().encode(json({})))).to.deep.equal(expected);
    expect(accepted({ ...good, detection_oid: 9007199254740993n })).to.deep.equal(expected);
  });

  it('accepts oids as JSON numbers, also beyond 2^53 (lossless parsing)', () => {
    const event = accepted(
      json({ geographical_location_oid: 9223372036854775807n, video_camera_oid: 5, detection_oid: 9007199254740993n }),
    );
    expect(event.geographicalLocationOid).to.equal(9223372036854775807n);
    expect(event.videoCameraOid).to.equal(5n);
    expect(event.detectionOid).to.equal(9007199254740993n);
  });

  it('accepts the timestamp as a string too', () => {
    expect(accepted(json({ timestamp_detected: String(NOW) })).timestampDetected).to.equal(NOW);
  });

  it('ignores fields outside the contract', () => {
    const event = accepted(json({ confidence: 0.9, extra: { nested: [1] } }));
    expect(Object.keys(event)).to.deep.equal([
      'geographicalLocationOid',
      'videoCameraOid',
      'detectionOid',
      'itemName',
      'timestampDetected',
    ]);
  });

  it('refuses malformed UTF-8 bytes', () => {
    const text = Buffer.from(json({ item_name: 'XY' }));
    const bad = Buffer.from(text);
    const at = bad.indexOf('XY');
    bad[at] = 0xc3; // a 2-byte lead...
    bad[at + 1] = 0x28; // ...followed by a non-continuation byte
    rejected(bad, 'invalid_utf8');
    rejected(Buffer.concat([text.subarray(0, -1), Buffer.of(0xed, 0xa0, 0x80), Buffer.from('}')]), 'invalid_utf8'); // encoded surrogate
    rejected(Buffer.of(0xff, 0xfe), 'invalid_utf8');
  });

  it('refuses text that is not JSON', () => {
    expect(rejected('{"detection_oid": 1', 'malformed_json')).to.match(/not JSON/);
    rejected('', 'malformed_json');
    rejected('{12345678901234567890: 1}', 'malformed_json');
  });

  for (const [text, kind] of [
    ['[1,2]', 'an array'],
    ['null', 'null'],
    ['"x"', 'string'],
    ['42', 'number'],
  ] as const) {
    it(`refuses JSON ${text} as not_an_object`, () => {
      expect(rejected(text, 'not_an_object')).to.contain(kind);
    });
  }

  for (const field of ['geographical_location_oid', 'video_camera_oid', 'detection_oid', 'item_name', 'timestamp_detected']) {
    it(`refuses a missing or null ${field}`, () => {
      expect(rejected(json({}, [field]), 'missing_field', field)).to.contain('missing');
      expect(rejected(json({ [field]: null }), 'missing_field', field)).to.contain('null');
    });
  }

  for (const field of ['geographical_location_oid', 'video_camera_oid', 'detection_oid']) {
    it(`refuses zero and negative ${field}`, () => {
      rejected(json({ [field]: '0' }), 'non_positive_oid', field);
      rejected(json({ [field]: -5 }), 'non_positive_oid', field);
      rejected(json({ [field]: -9223372036854775808n }), 'non_positive_oid', field);
    });

    it(`refuses a ${field} that is not an int64`, () => {
      for (const bad of ['1.5', '1e3', 'abc', '', '9223372036854775808', true, [1], { a: 1 }, 1.5]) {
        rejected(json({ [field]: bad }), 'invalid_int64', field);
      }
      rejected(json({ [field]: 9223372036854775808n }), 'invalid_int64', field);
    });
  }

  it('refuses a decoded row whose oid is a number beyond 2^53 (precision already lost)', () => {
    expect(rejected({ ...good, detection_oid: 2 ** 60 }, 'invalid_int64', 'detection_oid')).to.match(/decimal string/);
  });

  describe('item_name', () => {
    it('counts Unicode code points: 5000 emoji pass, 5001 do not', () => {
      const emoji = '😀'; // 1 code point, 2 UTF-16 units
      expect(accepted(json({ item_name: emoji.repeat(5000) })).itemName).to.have.length(10000);
      rejected(json({ item_name: emoji.repeat(5001) }), 'item_name_too_long', 'item_name');
    });

    it('accepts 5000 and refuses 5001 ASCII and CJK characters', () => {
      accepted(json({ item_name: 'a'.repeat(5000) }));
      accepted(json({ item_name: '車'.repeat(5000) }));
      rejected(json({ item_name: 'a'.repeat(5001) }), 'item_name_too_long', 'item_name');
      rejected(json({ item_name: '車'.repeat(5001) }), 'item_name_too_long', 'item_name');
    });

    it('keeps emoji and CJK names exactly, from bytes', () => {
      const name = '自転車 🚲 Ünïcödé 👨‍👩‍👧';
      expect(accepted(Buffer.from(json({ item_name: name }), 'utf8')).itemName).to.equal(name);
    });

    it('refuses the empty string, non-strings and lone surrogates', () => {
      rejected(json({ item_name: '' }), 'item_name_empty', 'item_name');
      rejected(json({ item_name: 42 }), 'invalid_item_name', 'item_name');
      rejected(
        '{"geographical_location_oid":"1","video_camera_oid":"2","detection_oid":"3","item_name":"a\\ud800b","timestamp_detected":1700000000000}',
        'invalid_item_name',
        'item_name',
      );
      rejected(json({ item_name: '\udc00' }), 'invalid_item_name', 'item_name');
    });
  });

  describe('timestamp_detected', () => {
    it('accepts the window bounds and refuses just outside them', () => {
      accepted(json({ timestamp_detected: DEFAULT_MIN_TIMESTAMP_MS }));
      accepted(json({ timestamp_detected: NOW + 86_400_000 }));
      rejected(json({ timestamp_detected: DEFAULT_MIN_TIMESTAMP_MS - 1 }), 'invalid_timestamp', 'timestamp_detected');
      rejected(json({ timestamp_detected: NOW + 86_400_001 }), 'invalid_timestamp', 'timestamp_detected');
    });

    it('refuses epoch seconds with a hint about milliseconds', () => {
      expect(rejected(json({ timestamp_detected: Math.floor(NOW / 1000) }), 'invalid_timestamp')).to.match(/milliseconds/);
    });

    it('refuses non-integer, exponent, huge and non-numeric timestamps', () => {
      for (const bad of [NOW + 0.5, '1.7e12', 'yesterday', 9223372036854775807n, -1, true]) {
        rejected(json({ timestamp_detected: bad }), 'invalid_timestamp', 'timestamp_detected');
      }
    });

    it('takes the window from options', () => {
      const wide = { now: () => NOW, minTimestampMs: 0, maxFutureMs: 0 };
      expect(validateDetectionEvent(json({ timestamp_detected: 1000 }), wide).ok).to.equal(true);
      expect(validateDetectionEvent(json({ timestamp_detected: NOW + 1 }), wide).ok).to.equal(false);
    });
  });

  it('reports the first bad field in contract order', () => {
    const result = validateDetectionEvent(json({ video_camera_oid: 'x', item_name: '' }, ['timestamp_detected']), options);
    expect(result.ok === false && result.field).to.equal('video_camera_oid');
  });

  it('uses only documented reasons', () => {
    const result = validateDetectionEvent('nope', options);
    expect(result.ok === false && REJECT_REASONS.includes(result.reason)).to.equal(true);
  });
});

describe('assertDetectionEvent', () => {
  it('returns the event or throws ValidationError with the reason', () => {
    expect(assertDetectionEvent(json({}), options).detectionOid).to.equal(9007199254740993n);
    expect(() => assertDetectionEvent(json({ detection_oid: 0 }), options))
      .to.throw(ValidationError, /detection_oid/)
      .with.property('reason', 'non_positive_oid');
  });
});

describe('checkEventKey', () => {
  const event = { detectionOid: 9007199254740993n };

  it('accepts the decimal detection_oid as string or bytes', () => {
    expect(checkEventKey('9007199254740993', event)).to.equal(undefined);
    expect(checkEventKey(Buffer.from('9007199254740993'), event)).to.equal(undefined);
  });

  it('refuses a missing, different or non-canonical key', () => {
    for (const key of [null, undefined, '9007199254740992', '09007199254740993', 'abc', Buffer.from('9007199254740993 ')]) {
      expect(checkEventKey(key, event)?.reason, String(key)).to.equal('key_mismatch');
    }
  });
});
