import { expect } from 'chai';
import { findUnsafeIntegers, parseLosslessJson } from './lossless-json';

describe('parseLosslessJson', () => {
  it('returns exactly what JSON.parse returns when no integer is unsafe', () => {
    const text = '{"a":1,"b":[1.5,-2,9007199254740991,-9007199254740991],"c":"x","d":null,"e":true}';
    expect(findUnsafeIntegers(text)).to.equal(undefined);
    expect(parseLosslessJson(text)).to.deep.equal(JSON.parse(text));
  });

  it('keeps integers beyond 2^53 as decimal strings', () => {
    const parsed = parseLosslessJson('{"detection_oid":9007199254740993,"max":9223372036854775807}');
    expect(parsed).to.deep.equal({ detection_oid: '9007199254740993', max: '9223372036854775807' });
  });

  it('treats 2^53 itself (16 digits, just above MAX_SAFE_INTEGER) as unsafe', () => {
    expect(parseLosslessJson('[9007199254740992, 9007199254740991]')).to.deep.equal(['9007199254740992', 9007199254740991]);
  });

  it('keeps negative unsafe integers with their sign', () => {
    expect(parseLosslessJson('{"x":-9223372036854775808}')).to.deep.equal({ x: '-9223372036854775808' });
  });

  it('leaves digits inside strings alone', () => {
    const text = '{"item_name":"12345678901234567890","n":1}';
    expect(findUnsafeIntegers(text)).to.equal(undefined);
    expect(parseLosslessJson(text)).to.deep.equal({ item_name: '12345678901234567890', n: 1 });
  });

  it('tracks escaped quotes and backslashes inside strings', () => {
    const text = '{"a":"say \\"12345678901234567890\\" \\\\","b":12345678901234567890,"c":"\\\\"}';
    expect(parseLosslessJson(text)).to.deep.equal({ a: 'say "12345678901234567890" \\', b: '12345678901234567890', c: '\\' });
  });

  it('handles \\u escapes and keys that look like numbers', () => {
    const text = '{"\\u0022":12345678901234567890,"12345678901234567890":1}';
    expect(parseLosslessJson(text)).to.deep.equal({ '"': '12345678901234567890', '12345678901234567890': 1 });
  });

  it('leaves floats with many digits and exponent forms as numbers', () => {
    const text = '[1234567890123456789.5, 0.12345678901234567890, 12345678901234567890e2, 1E+20, -1.5e-300]';
    expect(findUnsafeIntegers(text)).to.equal(undefined);
    expect(parseLosslessJson(text)).to.deep.equal(JSON.parse(text));
  });

  it('finds unsafe integers in nested arrays and objects, in any whitespace', () => {
    const text = '{"a":[[1,[12345678901234567890]],{"b":\n\t-12345678901234567890\r\n}],"c":[ 18446744073709551615 ]}';
    expect(parseLosslessJson(text)).to.deep.equal({
      a: [[1, ['12345678901234567890']], { b: '-12345678901234567890' }],
      c: ['18446744073709551615'],
    });
  });

  it('handles a bare top-level unsafe integer', () => {
    expect(parseLosslessJson('12345678901234567890')).to.equal('12345678901234567890');
    expect(parseLosslessJson(' 12345678901234567890 ')).to.equal('12345678901234567890');
  });

  it('still throws on invalid JSON, including forms quoting would have repaired', () => {
    for (const bad of [
      '{12345678901234567890:1}',
      '{ 12345678901234567890 : 1}',
      '[012345678901234567890]',
      '[12345678901234567890abc]',
      '{"a":1',
      '',
      '"unterminated',
    ]) {
      expect(() => parseLosslessJson(bad), bad).to.throw(SyntaxError);
    }
  });

  it('agrees with JSON.parse on 10k random events, and keeps their int64 fields exact', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const randomBig = (): bigint => BigInt(Math.floor(random() * 2 ** 31)) * BigInt(2 ** 32) + BigInt(Math.floor(random() * 2 ** 32));
    const names = ['car', 'person', 'vélo', '自転車', '🚲 bike', 'say "hi" 12345678901234567890', 'back\\slash'];
    for (let i = 0; i < 10_000; i++) {
      const oid = randomBig();
      const camera = BigInt(Math.floor(random() * 1000) + 1);
      const name = names[i % names.length] as string;
      const asNumber = i % 2 === 0;
      const text = `{"geographical_location_oid":${camera},"video_camera_oid":"${camera}","detection_oid":${asNumber ? oid : `"${oid}"`},"item_name":${JSON.stringify(name)},"timestamp_detected":${1_700_000_000_000 + i},"score":${random()}}`;
      const parsed = parseLosslessJson(text) as Record<string, unknown>;
      const expected = JSON.parse(text) as Record<string, unknown>;
      const oidOut = parsed.detection_oid;
      if (oid > BigInt(Number.MAX_SAFE_INTEGER) || !asNumber) {
        expect(oidOut).to.equal(oid.toString());
      } else {
        expect(oidOut).to.equal(Number(oid));
      }
      expect({ ...parsed, detection_oid: null }).to.deep.equal({ ...expected, detection_oid: null });
    }
  });
});
